/* Bibliothèque des bonnes pratiques : recherche à facettes sur l'index Pagefind du site.
 *
 * - Chargé seulement par la page bonnes-pratiques/ (balise <script> du gabarit bibliotheque.md.j2).
 * - Le moteur Pagefind (pagefind/pagefind.js, WebAssembly, morceaux d'index) n'est demandé qu'au
 *   premier usage du formulaire, ou tout de suite si l'adresse porte déjà une recherche.
 * - Filtres : les `data-pagefind-filter` de chaque page de pratique (gabarit pratique.md.j2), en français
 *   (clé = data-cle du fieldset, valeur = data-filtre de la case ; l'adresse garde les codes, value) ;
 *   plusieurs cases d'une facette = l'une ou l'autre (any), facettes différentes = toutes à la fois.
 * - Comptes : chaque case affiche le nombre de résultats qu'elle donnerait. Au premier affichage, ceux
 *   écrits par le gabarit (toute la bibliothèque) ; après chaque changement, ceux de Pagefind : pour une
 *   facette sans case cochée, les comptes de la recherche courante ; pour une facette en usage, ceux de
 *   la même recherche sans ses propres cases (l'une ou l'autre). Pagefind ne compte que les filtres
 *   dont il a chargé l'index : pagefind.filters() les charge tous une fois, au démarrage du moteur.
 * - Adresse partageable : ?q=…&enjeu=3.4&region=28&page=2 (history.replaceState / pushState).
 * - 20 résultats par page ; nombre de résultats annoncé (role="status", aria-live) ; tout au clavier :
 *   cases à cocher natives, liens de pagination, focus ramené sur le titre des résultats.
 * - Sans JavaScript : le formulaire est caché (classe rso-avec-js, overrides/main.html) ; la page mène aux
 *   listes par engagement et par région, en pages bornées.
 * - Le texte venu de l'index n'est jamais inséré comme HTML : textContent, et l'extrait (<mark>) est
 *   reconstruit nœud par nœud.
 */
(function () {
  "use strict";

  var formulaire = document.getElementById("bibliotheque-recherche");
  var section = document.getElementById("bibliotheque-resultats");
  if (!formulaire || !section || !window.URLSearchParams || !window.history || !window.Promise) {
    return;
  }
  var etat = document.getElementById("bibliotheque-etat");
  var liste = document.getElementById("bibliotheque-liste");
  var navigation = document.getElementById("bibliotheque-pages");
  var titre = document.getElementById("bibliotheque-titre-resultats");
  var champ = document.getElementById("bibliotheque-q");
  /* Lien « Voir les N résultats », collé au bas de l'écran tant que le formulaire (haut) est à l'écran. */
  var voir = document.getElementById("bibliotheque-voir");
  var PAR_PAGE = parseInt(formulaire.getAttribute("data-par-page"), 10) || 20;
  var dossier = new URL(formulaire.getAttribute("data-index"), window.location.href);
  var racine = new URL("..", dossier).pathname;
  var facettes = Array.prototype.map.call(formulaire.querySelectorAll("[data-facette]"), function (el) {
    return el.getAttribute("data-facette");
  });
  /* Le filtre que portent toutes les pages de pratiques (pages_pratiques.FILTRE_TYPE). */
  var TYPE = [formulaire.getAttribute("data-type-cle"), formulaire.getAttribute("data-type-valeur")];
  var moteur = null;
  var demande = 0;
  var minuterie = null;

  /* --- état ⇄ adresse ⇄ formulaire ----------------------------------------------------------- */
  function etatVide() {
    var filtres = {};
    facettes.forEach(function (nom) { filtres[nom] = []; });
    return { q: "", filtres: filtres, page: 1 };
  }

  function depuisAdresse() {
    var params = new URLSearchParams(window.location.search);
    var e = etatVide();
    e.q = (params.get("q") || "").trim();
    facettes.forEach(function (nom) {
      e.filtres[nom] = params.getAll(nom).filter(Boolean);
    });
    e.page = Math.max(1, parseInt(params.get("page"), 10) || 1);
    return e;
  }

  function versAdresse(e, page) {
    var params = new URLSearchParams();
    if (e.q) { params.set("q", e.q); }
    facettes.forEach(function (nom) {
      e.filtres[nom].forEach(function (v) { params.append(nom, v); });
    });
    if (page > 1) { params.set("page", String(page)); }
    var requete = params.toString();
    return window.location.pathname + (requete ? "?" + requete : "") + "#bibliotheque-resultats";
  }

  function estVide(e) {
    return !e.q && facettes.every(function (nom) { return e.filtres[nom].length === 0; });
  }

  function depuisFormulaire() {
    var e = etatVide();
    e.q = champ.value.trim();
    facettes.forEach(function (nom) {
      formulaire.querySelectorAll("input[type=checkbox][name='" + nom + "']").forEach(function (c) {
        if (c.checked) { e.filtres[nom].push(c.value); }
      });
    });
    return e;
  }

  function versFormulaire(e) {
    champ.value = e.q;
    facettes.forEach(function (nom) {
      var bloc = formulaire.querySelector("[data-facette='" + nom + "']");
      bloc.querySelectorAll("input[type=checkbox]").forEach(function (c) {
        c.checked = e.filtres[nom].indexOf(c.value) !== -1;
      });
    });
  }

  /* --- moteur ------------------------------------------------------------------------------------ */
  function charger() {
    if (!moteur) {
      moteur = import(new URL("pagefind.js", dossier).href).then(function (pagefind) {
        return Promise.resolve(pagefind.options({ baseUrl: racine })).then(function () {
          return pagefind.init ? pagefind.init() : null;
        }).then(function () {
          return pagefind.filters();  /* charge l'index de chaque filtre : comptes de toutes les facettes */
        }).then(function () { return pagefind; });
      });
      moteur.catch(function () {
        etat.textContent = "La recherche n'est pas disponible sur cette copie du site (index absent) : " +
          "parcourez la bibliothèque par engagement ou par région, plus bas.";
      });
    }
    return moteur;
  }

  /* --- affichage --------------------------------------------------------------------------------- */
  function element(nom, classe, texte) {
    var el = document.createElement(nom);
    if (classe) { el.className = classe; }
    if (texte) { el.textContent = texte; }
    return el;
  }

  /* Extrait Pagefind (texte + <mark>) reconstruit sans interpréter d'autre HTML. */
  function extrait(html) {
    var modele = document.createElement("template");
    modele.innerHTML = html || "";
    var sortie = document.createDocumentFragment();
    modele.content.childNodes.forEach(function (n) {
      if (n.nodeName === "MARK") {
        sortie.appendChild(element("mark", null, n.textContent));
      } else {
        sortie.appendChild(document.createTextNode(n.textContent || ""));
      }
    });
    return sortie;
  }

  function resultat(donnees, avecExtrait) {
    var m = donnees.meta || {};
    var li = element("li", "bibliotheque-resultat");
    var h = element("h3", "bibliotheque-resultat__titre");
    var lien = element("a", null, m.titre || m.title || donnees.url);
    lien.href = donnees.url;
    h.appendChild(lien);
    li.appendChild(h);
    var details = [m.id, m.organisme, m.lieu, m.annee, m.statut].filter(Boolean).join(" · ");
    li.appendChild(element("p", "bibliotheque-resultat__details", details));
    var p = element("p", "bibliotheque-resultat__texte");
    if (avecExtrait && donnees.excerpt) {
      p.appendChild(extrait(donnees.excerpt));
    } else {
      p.textContent = m.resume || "";
    }
    li.appendChild(p);
    return li;
  }

  function lienPage(e, numero, libelle, courant) {
    var a = element("a", "bibliotheque-page", libelle);
    a.href = versAdresse(e, numero);
    a.setAttribute("data-page", String(numero));
    if (courant) { a.setAttribute("aria-current", "page"); }
    if (libelle !== String(numero)) { a.setAttribute("aria-label", libelle + " (page " + numero + ")"); }
    var li = element("li");
    li.appendChild(a);
    return li;
  }

  function paginer(e, page, total) {
    navigation.textContent = "";
    if (total <= 1) { return; }
    var ul = element("ul", "bibliotheque-pages__liste");
    if (page > 1) { ul.appendChild(lienPage(e, page - 1, "Précédente")); }
    /* Fenêtre bornée : première, dernière, et deux pages de part et d'autre de la courante. */
    var precedent = 0;
    for (var n = 1; n <= total; n++) {
      if (n !== 1 && n !== total && Math.abs(n - page) > 2) { continue; }
      if (n - precedent > 1) {
        var coupure = element("li", null, "…");
        coupure.setAttribute("aria-hidden", "true");
        ul.appendChild(coupure);
      }
      ul.appendChild(lienPage(e, n, String(n), n === page));
      precedent = n;
    }
    if (page < total) { ul.appendChild(lienPage(e, page + 1, "Suivante")); }
    navigation.appendChild(ul);
  }

  /* comptes : { nom de facette: { valeur Pagefind: nombre } } */
  function compter(comptes) {
    formulaire.querySelectorAll("[data-facette]").forEach(function (bloc) {
      var parValeur = comptes[bloc.getAttribute("data-facette")] || {};
      bloc.querySelectorAll(".bibliotheque-option").forEach(function (option) {
        var c = option.querySelector("input");
        var n = parValeur[c.getAttribute("data-filtre")] || 0;
        option.querySelector("[data-compte]").textContent = "(" + n.toLocaleString("fr-FR") + ")";
        option.classList.toggle("bibliotheque-option--vide", n === 0 && !c.checked);
      });
    });
  }

  function cle(nom) {
    return formulaire.querySelector("[data-facette='" + nom + "']").getAttribute("data-cle");
  }

  /* Valeurs Pagefind (data-filtre) des cases cochées d'une facette, depuis leurs codes. */
  function valeurs(nom, codes) {
    var bloc = formulaire.querySelector("[data-facette='" + nom + "']");
    var sortie = [];
    bloc.querySelectorAll("input[type=checkbox]").forEach(function (c) {
      if (codes.indexOf(c.value) !== -1) { sortie.push(c.getAttribute("data-filtre")); }
    });
    return sortie;
  }


  /* --- recherche --------------------------------------------------------------------------------- */
  function chercher(e, options) {
    options = options || {};
    var numero = ++demande;
    section.hidden = false;
    etat.textContent = "Recherche en cours…";
    return charger().then(function (pagefind) {
      var filtres = {};
      filtres[TYPE[0]] = TYPE[1];
      facettes.forEach(function (nom) {
        var choisies = valeurs(nom, e.filtres[nom]);
        if (choisies.length) { filtres[cle(nom)] = { any: choisies }; }
      });
      var reglages = { filters: filtres };
      if (!e.q) { reglages.sort = { id: "asc" }; }
      /* Comptes d'une facette en usage : la même recherche sans ses propres cases (« l'une ou l'autre »). */
      var actives = facettes.filter(function (nom) { return e.filtres[nom].length > 0; });
      var comptes = Promise.all(actives.map(function (nom) {
        var autres = {};
        Object.keys(filtres).forEach(function (k) { if (k !== cle(nom)) { autres[k] = filtres[k]; } });
        return pagefind.search(e.q || null, { filters: autres }).then(function (r) {
          return [nom, r && r.filters ? r.filters[cle(nom)] : {}];
        });
      }));
      return Promise.all([pagefind.search(e.q || null, reglages), comptes]).then(function (reponses) {
        var reponse = reponses[0];
        if (numero !== demande || !reponse) { return; }
        var parFacette = {};
        facettes.forEach(function (nom) { parFacette[nom] = (reponse.filters || {})[cle(nom)] || {}; });
        reponses[1].forEach(function (paire) { parFacette[paire[0]] = paire[1] || {}; });
        var total = reponse.results.length;
        var pages = Math.max(1, Math.ceil(total / PAR_PAGE));
        var page = Math.min(e.page, pages);
        var tranche = reponse.results.slice((page - 1) * PAR_PAGE, page * PAR_PAGE);
        return Promise.all(tranche.map(function (r) { return r.data(); })).then(function (donnees) {
          if (numero !== demande) { return; }
          liste.textContent = "";
          donnees.forEach(function (d) { liste.appendChild(resultat(d, Boolean(e.q))); });
          liste.start = (page - 1) * PAR_PAGE + 1;
          paginer(e, page, pages);
          compter(parFacette);
          if (voir) {
            voir.hidden = false;
            voir.firstElementChild.textContent = total === 0 ? "Aucun résultat : voir le message" :
              "Voir " + (total > 1 ? "les " + total.toLocaleString("fr-FR") + " résultats" : "le résultat");
          }
          if (total === 0) {
            etat.textContent = "Aucune bonne pratique ne correspond à cette recherche : retirez un critère ou un mot-clé.";
          } else {
            etat.textContent = total + (total > 1 ? " bonnes pratiques trouvées" : " bonne pratique trouvée") +
              (pages > 1 ? " — page " + page + " sur " + pages + "." : ".");
          }
          if (options.focus) { titre.focus(); }
        });
      });
    }, function () { /* message déjà affiché par charger() */ });
  }

  function relancer(remplacer) {
    var e = depuisFormulaire();
    var adresse = versAdresse(e, 1);
    if (remplacer) {
      window.history.replaceState(null, "", adresse);
    } else {
      window.history.pushState(null, "", adresse);
    }
    return chercher(e);
  }

  /* --- évènements -------------------------------------------------------------------------------- */
  formulaire.addEventListener("submit", function (evenement) {
    evenement.preventDefault();
    window.clearTimeout(minuterie);
    relancer(true);
  });
  champ.addEventListener("input", function () {
    window.clearTimeout(minuterie);
    minuterie = window.setTimeout(function () { relancer(true); }, 300);
  });
  formulaire.addEventListener("change", function (evenement) {
    if (evenement.target && evenement.target.type === "checkbox") {
      relancer(true);
    }
  });
  formulaire.addEventListener("reset", function () {
    window.setTimeout(function () {
      formulaire.querySelectorAll("fieldset[data-facette]").forEach(function (bloc) {
        bloc.querySelectorAll("input:checked").forEach(function (c) { c.checked = false; });
      });
      relancer(true);
      champ.focus();
    }, 0);
  });
  /* Le moteur se charge dès que le lecteur entre dans le formulaire : la première réponse est plus rapide. */
  formulaire.addEventListener("focusin", function () { charger(); }, { once: true });
  navigation.addEventListener("click", function (evenement) {
    var lien = evenement.target.closest ? evenement.target.closest("a[data-page]") : null;
    if (!lien || evenement.ctrlKey || evenement.metaKey || evenement.shiftKey || evenement.button > 0) {
      return;
    }
    evenement.preventDefault();
    var e = depuisFormulaire();
    e.page = parseInt(lien.getAttribute("data-page"), 10) || 1;
    window.history.pushState(null, "", versAdresse(e, e.page));
    chercher(e, { focus: true });
  });
  window.addEventListener("popstate", function () {
    var e = depuisAdresse();
    versFormulaire(e);
    chercher(e);
  });

  /* --- démarrage --------------------------------------------------------------------------------- */
  var initial = depuisAdresse();
  versFormulaire(initial);
  if (!estVide(initial) || initial.page > 1) {
    chercher(initial);
  }
})();
