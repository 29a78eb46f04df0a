/* Impression et « Mon livret » (chargé sur toutes les pages, `defer`).
 *
 * 1. En-tête courant des pages imprimées : les textes des attributs data-entete-gauche / data-entete-droite
 *    (bloc .entete-impression d'une fiche, ou sections [data-rso-page-imprimee] d'un livret) deviennent le
 *    contenu des marges @page de impression.css (variables CSS pour une page, pages nommées pour un livret).
 * 2. Liens dont le texte est déjà l'adresse : marqués pour que l'impression ne la répète pas.
 * 3. Blocs repliés (details) ouverts pour l'impression, refermés ensuite (repli des navigateurs sans
 *    ::details-content).
 * 4. « Mon livret » : bouton « Ajouter à mon livret », qui devient « Retirer de mon livret » une fois la page
 *    ajoutée (le libellé dit l'action ; pas d'aria-pressed, qui contredirait un libellé changeant) ; sélection
 *    gardée dans ce navigateur (localStorage) ; page « Mon livret » qui la liste, l'assemble dès son
 *    ouverture (fetch de même origine) — couverture, sommaire, pages — et l'imprime : le bouton comme
 *    Ctrl+P impriment le livret assemblé.
 *
 * Aucune requête hors du site ; sans JavaScript, les boutons restent cachés et les pages s'impriment quand même.
 */
(function () {
  "use strict";

  var html = document.documentElement;
  var ENTETE_DEFAUT = "Référentiel RSO de la Sécurité sociale";

  // ------------------------------------------------------------------------------------------------
  // Adresses : racine du site (donnée par Material dans #__config), chemins relatifs à cette racine
  // ------------------------------------------------------------------------------------------------
  function racineSite() {
    try {
      var config = JSON.parse(document.getElementById("__config").textContent);
      return new URL(config.base.replace(/\/?$/, "/"), location.href);
    } catch (e) {
      return new URL("/", location.href);
    }
  }
  var RACINE = racineSite();

  function cheminDe(adresse) {
    var u = new URL(adresse, location.href);
    var p = u.pathname.replace(/index\.html$/, "");
    return p.indexOf(RACINE.pathname) === 0 ? p.slice(RACINE.pathname.length) : p.replace(/^\//, "");
  }

  function typeDe(chemin) {
    if (/^enjeux\//.test(chemin)) return "Fiche";
    if (/^bonnes-pratiques\//.test(chemin)) return "Bonne pratique";
    return "Page";
  }

  // ------------------------------------------------------------------------------------------------
  // 1. En-tête courant des pages imprimées
  // ------------------------------------------------------------------------------------------------
  function chaineCss(texte) {
    return '"' + String(texte || "").replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\r?\n/g, "\\A ") + '"';
  }

  function appliquerEntetes() {
    var sections = document.querySelectorAll("[data-rso-page-imprimee]");
    if (sections.length) {
      // Une page nommée par section : chaque fiche d'un livret porte son propre en-tête.
      var regles = [];
      Array.prototype.forEach.call(sections, function (s, i) {
        var nom = "rso-page-" + (i + 1);
        s.style.setProperty("page", nom);
        regles.push("@page " + nom + " { @top-left { content: " + chaineCss(s.dataset.enteteGauche || ENTETE_DEFAUT) +
          "; } @top-right { content: " + chaineCss(s.dataset.enteteDroite || "") + "; } }");
      });
      var style = document.getElementById("rso-entetes-impression");
      if (!style) {
        style = document.createElement("style");
        style.id = "rso-entetes-impression";
        document.head.appendChild(style);
      }
      style.textContent = regles.join("\n");
      // pages hors section (sommaire d'un livret) : l'en-tête de gauche de la première section
      html.style.setProperty("--rso-entete-gauche", chaineCss(sections[0].dataset.enteteGauche || ENTETE_DEFAUT));
      html.classList.add("rso-entetes");
      return;
    }
    var bloc = document.querySelector(".entete-impression");
    if (!bloc) return;
    html.style.setProperty("--rso-entete-gauche", chaineCss(bloc.dataset.enteteGauche || ENTETE_DEFAUT));
    html.style.setProperty("--rso-entete-droite", chaineCss(bloc.dataset.enteteDroite || ""));
    html.classList.add("rso-entetes");
  }

  // ------------------------------------------------------------------------------------------------
  // 2. Liens dont le texte est l'adresse : pas de « (adresse) » ajoutée à l'impression
  // ------------------------------------------------------------------------------------------------
  function sansSlash(s) { return s.replace(/\/+$/, ""); }

  function marquerLiens(racine) {
    Array.prototype.forEach.call(racine.querySelectorAll('a[href^="http"]'), function (a) {
      var texte = sansSlash(a.textContent.trim());
      if (texte === sansSlash(a.getAttribute("href")) || texte === sansSlash(a.href)) a.setAttribute("data-sans-url", "");
    });
  }

  // ------------------------------------------------------------------------------------------------
  // 3. Blocs repliés ouverts à l'impression
  // ------------------------------------------------------------------------------------------------
  var ouverts = [];
  window.addEventListener("beforeprint", function () {
    ouverts = Array.prototype.filter.call(document.querySelectorAll("details:not([open])"), function (d) {
      d.open = true;
      return true;
    });
  });
  window.addEventListener("afterprint", function () {
    ouverts.forEach(function (d) { d.open = false; });
    ouverts = [];
  });

  // ------------------------------------------------------------------------------------------------
  // 4. Mon livret : la sélection
  // ------------------------------------------------------------------------------------------------
  var CLE = "rso-livret:" + RACINE.pathname;
  var memoire = null; // si le stockage est refusé (navigation privée stricte), la sélection vit le temps de la page

  function lire() {
    try {
      var brut = localStorage.getItem(CLE);
      if (brut === null) return memoire ? memoire.slice() : [];
      var liste = JSON.parse(brut);
      return Array.isArray(liste) ? liste.filter(function (x) {
        return x && typeof x.chemin === "string" && typeof x.titre === "string";
      }) : [];
    } catch (e) {
      return memoire ? memoire.slice() : [];
    }
  }

  function ecrire(liste) {
    memoire = liste.slice();
    try {
      localStorage.setItem(CLE, JSON.stringify(liste));
      return true;
    } catch (e) {
      return false;
    }
  }

  function position(liste, chemin) {
    for (var i = 0; i < liste.length; i++) if (liste[i].chemin === chemin) return i;
    return -1;
  }

  function nbPages(n) { return n + (n > 1 ? " pages" : " page"); }

  function regionAnnonce() {
    var r = document.getElementById("rso-livret-annonce");
    if (!r) {
      r = document.createElement("p");
      r.id = "rso-livret-annonce";
      r.className = "visuellement-cache";
      r.setAttribute("role", "status");
      r.setAttribute("aria-live", "polite");
      document.body.appendChild(r);
    }
    return r;
  }

  function annoncer(region, texte) {
    region.textContent = "";
    window.setTimeout(function () { region.textContent = texte; }, 50);
  }

  function titrePage() {
    var h1 = document.querySelector(".md-content h1");
    if (!h1) return document.title;
    var copie = h1.cloneNode(true);
    Array.prototype.forEach.call(copie.querySelectorAll(".headerlink"), function (x) { x.remove(); });
    return copie.textContent.replace(/\s+/g, " ").trim();
  }

  function urlMonLivret() { return new URL("mon-livret/", RACINE).href; }

  function initBoutons() {
    var boutons = document.querySelectorAll("[data-rso-livret-bouton]");
    if (!boutons.length) return;
    var chemin = cheminDe(location.href);
    var titre = titrePage();
    var region = regionAnnonce();
    var lien = document.createElement("a");
    lien.className = "rso-livret-lien";
    lien.href = urlMonLivret();

    function maj() {
      var liste = lire();
      var dedans = position(liste, chemin) >= 0;
      Array.prototype.forEach.call(boutons, function (b) {
        b.textContent = dedans ? "Retirer de mon livret" : "Ajouter à mon livret";
        b.classList.toggle("rso-livret-bouton--dedans", dedans);
        b.removeAttribute("aria-pressed");
      });
      lien.textContent = "Voir mon livret (" + nbPages(liste.length) + ")";
      lien.hidden = liste.length === 0;
    }

    Array.prototype.forEach.call(boutons, function (b) {
      b.hidden = false;
      b.addEventListener("click", function () {
        var liste = lire();
        var i = position(liste, chemin);
        var message;
        if (i >= 0) {
          liste.splice(i, 1);
          message = "« " + titre + " » retiré de votre livret";
        } else {
          liste.push({ chemin: chemin, titre: titre, type: typeDe(chemin) });
          message = "« " + titre + " » ajouté à votre livret";
        }
        var garde = ecrire(liste);
        maj();
        annoncer(region, message + " (" + nbPages(liste.length) + ")." +
          (garde ? "" : " Ce navigateur refuse l'enregistrement : la sélection sera perdue en quittant la page."));
      });
    });
    var dernier = boutons[boutons.length - 1];
    dernier.parentNode.insertBefore(lien, dernier.nextSibling);
    dernier.parentNode.insertBefore(document.createTextNode(" "), lien);
    maj();
    window.addEventListener("storage", function (e) { if (e.key === CLE) maj(); });
  }

  // ------------------------------------------------------------------------------------------------
  // 4 bis. La page « Mon livret » : liste, ordre, assemblage, impression
  // ------------------------------------------------------------------------------------------------
  function element(nom, attributs, texte) {
    var el = document.createElement(nom);
    Object.keys(attributs || {}).forEach(function (k) { el.setAttribute(k, attributs[k]); });
    if (texte) el.textContent = texte;
    return el;
  }

  function initPage(page) {
    var ol = page.querySelector("[data-rso-livret-liste]");
    var vide = page.querySelector("[data-rso-livret-vide]");
    var actions = page.querySelector("[data-rso-livret-actions]");
    var statut = page.querySelector("[data-rso-livret-statut]");
    var documentLivret = document.getElementById("rso-livret-document");
    var version = 0;      // chaque changement de la sélection périme l'assemblage en cours
    var assemblee = -1;   // version de la sélection que montre le document assemblé
    page.hidden = false;

    // la sélection change : l'aperçu assemblé n'est plus à jour ; il est retiré, puis refait (preparerLivret)
    function desassembler() {
      version++;
      assemblee = -1;
      documentLivret.hidden = true;
      documentLivret.textContent = "";
      html.classList.remove("rso-livret-assemble");
      Array.prototype.forEach.call(document.querySelectorAll("[data-rso-ecran]"), function (x) {
        x.removeAttribute("data-rso-ecran");
      });
    }

    function rendre(focus) {
      var liste = lire();
      ol.textContent = "";
      liste.forEach(function (item, i) {
        var li = element("li", { "data-chemin": item.chemin });
        var a = element("a", { href: new URL(item.chemin, RACINE).href }, item.titre);
        li.appendChild(a);
        li.appendChild(element("span", { class: "rso-livret__type" }, " — " + (item.type || typeDe(item.chemin))));
        var outils = element("span", { class: "rso-livret__outils" });
        [["monter", "Monter", i === 0], ["descendre", "Descendre", i === liste.length - 1], ["retirer", "Retirer", false]]
          .forEach(function (b) {
            var bouton = element("button", {
              type: "button", class: "rso-livret__outil", "data-action": b[0],
              "aria-label": b[1] + " « " + item.titre + " »"
            }, b[1]);
            if (b[2]) bouton.disabled = true;
            outils.appendChild(bouton);
          });
        li.appendChild(outils);
        ol.appendChild(li);
      });
      vide.hidden = liste.length > 0;
      ol.hidden = liste.length === 0;
      actions.hidden = liste.length === 0;
      if (focus) {
        var cible = ol.querySelector('li[data-chemin="' + focus.chemin.replace(/"/g, '\\"') + '"] [data-action="' + focus.action + '"]');
        if (cible && cible.disabled) {
          // arrivée en tête (ou en fin) : le focus passe au déplacement inverse, sinon à « Retirer »
          var inverse = cible.parentNode.querySelector('[data-action="' + (focus.action === "monter" ? "descendre" : "monter") + '"]');
          cible = inverse && !inverse.disabled ? inverse : cible.parentNode.querySelector('[data-action="retirer"]');
        }
        if (!cible) cible = ol.querySelector('[data-action="retirer"]') || vide;
        cible.focus();
      }
    }

    ol.addEventListener("click", function (e) {
      var bouton = e.target.closest("button[data-action]");
      if (!bouton) return;
      var chemin = bouton.closest("li").getAttribute("data-chemin");
      var liste = lire();
      var i = position(liste, chemin);
      if (i < 0) return;
      var item = liste[i];
      var action = bouton.getAttribute("data-action");
      var message;
      if (action === "retirer") {
        liste.splice(i, 1);
        message = "« " + item.titre + " » retiré (" + nbPages(liste.length) + ").";
        var suivant = liste[Math.min(i, liste.length - 1)];
        ecrire(liste);
        rendre(suivant ? { chemin: suivant.chemin, action: "retirer" } : { chemin: "", action: "" });
      } else {
        var j = action === "monter" ? i - 1 : i + 1;
        if (j < 0 || j >= liste.length) return;
        liste.splice(i, 1);
        liste.splice(j, 0, item);
        ecrire(liste);
        rendre({ chemin: chemin, action: action });
        message = "« " + item.titre + " » en position " + (j + 1) + " sur " + liste.length + ".";
      }
      desassembler();
      annoncer(statut, message);
      preparerLivret(false);
    });

    page.querySelector("[data-rso-livret-vider]").addEventListener("click", function () {
      var n = lire().length;
      if (!window.confirm(n > 1 ? "Retirer les " + n + " pages de votre livret ?" : "Retirer la page de votre livret ?")) return;
      ecrire([]);
      desassembler();
      rendre({ chemin: "", action: "" });
      annoncer(statut, "Votre livret est vide.");
    });

    // Assemble la sélection (sans l'annoncer quand rien n'est demandé) : Ctrl+P imprime alors le livret.
    function preparerLivret(pourImprimer) {
      var liste = lire();
      if (!liste.length) { desassembler(); return Promise.resolve(false); }
      if (assemblee === version) {
        if (pourImprimer) annoncer(statut, messagePret(liste.length, 0));
        return Promise.resolve(true);
      }
      var v = version;
      return assembler(liste, documentLivret, statut, pourImprimer, function () { return v === version; })
        .then(function (ok) {
          if (ok && v === version) assemblee = v;
          return ok && v === version;
        });
    }

    page.querySelector("[data-rso-livret-imprimer]").addEventListener("click", function () {
      var bouton = this;
      bouton.disabled = true;
      preparerLivret(true).then(function (ok) {
        bouton.disabled = false;
        if (ok) window.print();
      });
    });

    window.addEventListener("storage", function (e) {
      if (e.key === CLE) { rendre(); desassembler(); preparerLivret(false); }
    });
    rendre();
    preparerLivret(false);
  }

  // Une page du site, récupérée et nettoyée pour le livret.
  function preparer(doc, adresse, index) {
    var article = doc.querySelector("article.md-content__inner") || doc.querySelector("article") || doc.body;
    var contenu = document.importNode(article, true);
    Array.prototype.forEach.call(contenu.querySelectorAll(
      ".md-content__button, .headerlink, script, noscript, form, .md-button, .rso-livret-lien, [data-rso-livret-bouton]"),
      function (x) { x.remove(); });
    Array.prototype.forEach.call(contenu.querySelectorAll("[data-pagefind-body]"), function (x) {
      x.removeAttribute("data-pagefind-body");
    });
    // adresses relatives rendues absolues (la page n'est plus à son adresse) ; les liens du site ne sont
    // pas suivis de leur adresse à l'impression
    Array.prototype.forEach.call(contenu.querySelectorAll("a[href]"), function (a) {
      var href = a.getAttribute("href");
      if (href.charAt(0) === "#") return;
      var u = new URL(href, adresse);
      a.setAttribute("href", u.href);
      if (u.origin === location.origin) a.setAttribute("data-sans-url", "");
    });
    Array.prototype.forEach.call(contenu.querySelectorAll("img[src]"), function (img) {
      img.setAttribute("src", new URL(img.getAttribute("src"), adresse).href);
    });
    // identifiants uniques dans le document assemblé (ancres, onglets)
    var p = "livret-" + (index + 1) + "-";
    Array.prototype.forEach.call(contenu.querySelectorAll("[id]"), function (x) { x.id = p + x.id; });
    Array.prototype.forEach.call(contenu.querySelectorAll("label[for]"), function (x) { x.htmlFor = p + x.htmlFor; });
    Array.prototype.forEach.call(contenu.querySelectorAll("input[name]"), function (x) { x.name = p + x.name; });
    ["aria-labelledby", "aria-describedby", "aria-controls"].forEach(function (nom) {
      Array.prototype.forEach.call(contenu.querySelectorAll("[" + nom + "]"), function (x) {
        x.setAttribute(nom, x.getAttribute(nom).split(/\s+/).map(function (v) { return p + v; }).join(" "));
      });
    });
    Array.prototype.forEach.call(contenu.querySelectorAll('a[href^="#"]'), function (a) {
      if (a.getAttribute("href").length > 1) a.setAttribute("href", "#" + p + a.getAttribute("href").slice(1));
    });
    // titres abaissés d'un niveau : chaque page devient une partie du livret (h1 « Mon livret »)
    Array.prototype.forEach.call(contenu.querySelectorAll("h1, h2, h3, h4, h5"), function (h) {
      var n = document.createElement("h" + (Number(h.tagName.charAt(1)) + 1));
      Array.prototype.forEach.call(h.attributes, function (a) { n.setAttribute(a.name, a.value); });
      while (h.firstChild) n.appendChild(h.firstChild);
      h.replaceWith(n);
    });
    marquerLiens(contenu);
    return contenu;
  }

  function dateDuJour() {
    try {
      return new Date().toLocaleDateString("fr-FR", { day: "numeric", month: "long", year: "numeric" });
    } catch (e) {
      return new Date().toISOString().slice(0, 10);
    }
  }

  // Couverture et sommaire du livret assemblé, comme ceux du livret complet (pages livret/).
  function couvertureEtSommaire(cible, sections) {
    var couverture = element("section", { class: "livret-couverture rso-livret-couverture" });
    couverture.appendChild(element("p", { class: "livret-couverture__surtitre" }, ENTETE_DEFAUT));
    couverture.appendChild(element("p", { class: "livret-couverture__titre" }, "Mon livret"));
    couverture.appendChild(element("p", { class: "livret-couverture__sous-titre" },
      nbPages(sections.length) + " choisie" + (sections.length > 1 ? "s" : "") + " dans le référentiel"));
    if (cible.dataset.edition) couverture.appendChild(element("p", { class: "livret-couverture__chiffres" }, cible.dataset.edition));
    couverture.appendChild(element("p", { class: "livret-couverture__edition" }, "Livret composé le " + dateDuJour()));
    var nav = element("nav", { class: "livret-sommaire", "aria-labelledby": "rso-livret-sommaire" });
    nav.appendChild(element("h2", { id: "rso-livret-sommaire" }, "Sommaire"));
    var ul = element("ul");
    sections.forEach(function (s) {
      var titre = s.querySelector("h2");
      var li = element("li");
      li.appendChild(element("a", { href: "#" + s.id }, titre ? texteTitre(titre) : s.id));
      ul.appendChild(li);
    });
    nav.appendChild(ul);
    return [couverture, nav];
  }

  function messagePret(n, echecs) {
    return "Livret prêt : " + nbPages(n) + (echecs ? ", dont " + echecs + " introuvable(s)" : "") +
      ". La fenêtre d'impression s'ouvre : choisissez une imprimante ou « Enregistrer au format PDF ».";
  }

  function assembler(liste, cible, statut, annonce, actuel) {
    if (!liste.length) return Promise.resolve(false);
    if (annonce) annoncer(statut, "Préparation du livret (" + nbPages(liste.length) + ")…");
    return Promise.all(liste.map(function (item) {
      var adresse = new URL(item.chemin, RACINE);
      return fetch(adresse.href, { credentials: "same-origin" })
        .then(function (r) {
          if (!r.ok) throw new Error("statut " + r.status);
          return r.text();
        })
        .then(function (texte) { return { item: item, adresse: adresse, doc: new DOMParser().parseFromString(texte, "text/html") }; })
        .catch(function (e) { return { item: item, adresse: adresse, erreur: e }; });
    })).then(function (resultats) {
      if (actuel && !actuel()) return false; // la sélection a changé pendant le chargement
      cible.textContent = "";
      cible.appendChild(element("h2", { class: "rso-livret-document__titre" }, "Aperçu de mon livret"));
      var echecs = 0;
      var sections = [];
      resultats.forEach(function (r, i) {
        var section = element("section", { class: "rso-livret-document__section", id: "rso-livret-section-" + (i + 1),
          "data-rso-page-imprimee": "" });
        sections.push(section);
        if (r.erreur) {
          echecs++;
          section.appendChild(element("h2", {}, r.item.titre));
          section.appendChild(element("p", {}, "Cette page n'a pas pu être récupérée (" + r.erreur.message + ") : " + r.adresse.href));
        } else {
          var contenu = preparer(r.doc, r.adresse, i);
          var bloc = contenu.querySelector(".entete-impression");
          section.dataset.enteteGauche = bloc ? bloc.dataset.enteteGauche : ENTETE_DEFAUT;
          section.dataset.enteteDroite = bloc ? bloc.dataset.enteteDroite : (r.item.type || typeDe(r.item.chemin)) + " — " + r.item.titre;
          while (contenu.firstChild) section.appendChild(contenu.firstChild);
          // une page qui se remplit dans le navigateur (autodiagnostic.js) complète sa section
          document.dispatchEvent(new CustomEvent("rso-livret:section", { detail: { section: section, document: r.doc } }));
        }
      });
      couvertureEtSommaire(cible, sections).concat(sections).forEach(function (x) { cible.appendChild(x); });
      // à l'impression, seul le livret assemblé : le reste de la page est marqué pour être caché
      Array.prototype.forEach.call(cible.parentNode.children, function (x) {
        if (x !== cible) x.setAttribute("data-rso-ecran", "");
      });
      cible.hidden = false;
      html.classList.add("rso-livret-assemble");
      appliquerEntetes();
      // assemblage silencieux à l'ouverture ou après un changement : l'aperçu est là, rien à annoncer
      if (annonce) annoncer(statut, messagePret(liste.length, echecs));
      return true;
    });
  }

  // ------------------------------------------------------------------------------------------------
  // 5. Sommaire d'un livret : numéros de page (appelé par referentiel_rso/pdf.py entre deux impressions,
  //    avec {titre sans blancs: page} lu dans les signets du PDF ; un numéro n'a de sens que sur papier)
  // ------------------------------------------------------------------------------------------------
  function texteTitre(h) {
    var copie = h.cloneNode(true);
    Array.prototype.forEach.call(copie.querySelectorAll(".headerlink"), function (x) { x.remove(); });
    return copie.textContent.replace(/\s+/g, " ").trim();
  }

  function numeroterSommaire(pages) {
    var n = 0;
    Array.prototype.forEach.call(document.querySelectorAll('.livret-sommaire a[href^="#"]'), function (a) {
      var cible = document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1)));
      var titre = cible && (cible.matches("h1, h2, h3, h4, h5, h6") ? cible : cible.querySelector("h1, h2, h3, h4, h5, h6"));
      var numero = titre && pages[texteTitre(titre).replace(/\s+/g, "")];
      if (!numero) return;
      if (!a.querySelector(".livret-sommaire__titre")) {
        a.classList.add("livret-sommaire__numerote");
        var t = element("span", { class: "livret-sommaire__titre" });
        while (a.firstChild) t.appendChild(a.firstChild);
        a.appendChild(t);
        a.appendChild(element("span", { class: "livret-sommaire__points", "aria-hidden": "true" }));
        a.appendChild(element("span", { class: "livret-sommaire__page" }));
      }
      var p = a.querySelector(".livret-sommaire__page");
      p.textContent = "";
      p.appendChild(element("span", { class: "visuellement-cache" }, "page "));
      p.appendChild(document.createTextNode(String(numero)));
      n++;
    });
    return n;
  }
  window.rsoLivret = { numeroterSommaire: numeroterSommaire };

  // ------------------------------------------------------------------------------------------------
  appliquerEntetes();
  marquerLiens(document);
  initBoutons();
  var pageLivret = document.querySelector("[data-rso-livret-page]");
  if (pageLivret) initPage(pageLivret);
})();
