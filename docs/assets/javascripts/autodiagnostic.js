/* Autodiagnostic RSO (pages autodiagnostic/ et autodiagnostic/engagement-<n>/, construites par
 * referentiel_rso/render/pages_autodiagnostic.py).
 *
 * L'accueil porte « Mes réponses » (nom de l'organisme, export, import, impression, effacement), la synthèse
 * et l'avancement de chaque engagement ; chaque page d'engagement, le formulaire de ses objectifs. Toutes
 * partagent un seul enregistrement dans le navigateur. Ce script :
 * 1. lit la structure de toute la grille (objectifs, niveaux, actions types, indicateurs, repères) dans le
 *    JSON de la page (<script type="application/json" data-rso-autodiag-grille>) ;
 * 2. garde les réponses dans ce navigateur (localStorage, clé versionnée) et les y relit ; le formulaire d'une
 *    page ne change que les réponses qu'il contient, les autres sont gardées telles quelles ;
 * 3. dessine la synthèse (SVG avec titre et description, et les chiffres en tableau), la liste des P1 sans
 *    valeur, et — à l'impression seulement (beforeprint, bouton) — le rapport (couverture, synthèse, détail) ;
 * 4. exporte (JSON versionné, CSV pour tableur français : BOM UTF-8, « ; ») et importe un export JSON, vérifié
 *    strictement : un fichier mal formé ou étranger est refusé, rien ne change ;
 * 5. dans « Mon livret » (livret.js, évènement « rso-livret:section »), remplace la page par le rapport.
 *
 * Aucune requête : rien ne quitte le navigateur. Le texte venu d'un fichier ou du stockage n'est jamais
 * interprété comme du HTML (textContent seulement).
 */
(function () {
  "use strict";

  var FORMAT = "rso-autodiagnostic";
  var VERSION = 1;
  var TAILLE_MAX = 1024 * 1024; // un export réel pèse quelques dizaines de Ko
  var SVG = "http://www.w3.org/2000/svg";
  var NON_RENSEIGNE = { code: "", libelle: "Non renseigné" };

  function racineSite() {
    try {
      var config = JSON.parse(document.getElementById("__config").textContent);
      return new URL(config.base.replace(/\/?$/, "/"), location.href);
    } catch (e) {
      return new URL("/", location.href);
    }
  }
  var CLE = "rso-autodiagnostic:v" + VERSION + ":" + racineSite().pathname;

  // ------------------------------------------------------------------------------------------------
  // Outils
  // ------------------------------------------------------------------------------------------------
  function el(nom, attributs, texte) {
    var x = document.createElement(nom);
    Object.keys(attributs || {}).forEach(function (k) { x.setAttribute(k, attributs[k]); });
    if (texte !== undefined && texte !== null) x.textContent = String(texte);
    return x;
  }
  function svg(nom, attributs, texte) {
    var x = document.createElementNS(SVG, nom);
    Object.keys(attributs || {}).forEach(function (k) { x.setAttribute(k, attributs[k]); });
    if (texte !== undefined) x.textContent = String(texte);
    return x;
  }
  function propre(t) { return String(t || "").replace(/\s+/g, " ").trim(); }
  function tous(racine, selecteur) { return Array.prototype.slice.call(racine.querySelectorAll(selecteur)); }
  function possede(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  function estObjet(o) { return o !== null && typeof o === "object" && !Array.isArray(o); }
  function pourcent(n, total) { return total ? Math.round(100 * n / total) + " %" : "—"; }
  function pluriel(n, un, plusieurs) { return n + " " + (n > 1 ? plusieurs : un); }
  function dateLongue(d) {
    try { return d.toLocaleDateString("fr-FR", { day: "numeric", month: "long", year: "numeric" }); } catch (e) { return d.toISOString().slice(0, 10); }
  }

  // ------------------------------------------------------------------------------------------------
  // 1. La grille, lue dans le JSON de la page (celle-ci, ou une page récupérée par Mon livret)
  // ------------------------------------------------------------------------------------------------
  function grilleDe(doc) {
    var source = doc.querySelector("script[data-rso-autodiag-grille]");
    if (!source) return null;
    var d = JSON.parse(source.textContent);
    var g = {
      edition: propre(d.edition),
      niveaux: d.niveaux.map(function (n) { return { code: n.code, libelle: propre(n.libelle) }; }),
      engagements: [], objectifs: {}, indicateurs: {}, actions: {}, enjeux: {}
    };
    d.engagements.forEach(function (de) {
      var eng = { numero: de.numero, titre: propre(de.titre), adresse: de.adresse, enjeux: [] };
      g.engagements.push(eng);
      de.enjeux.forEach(function (dx) {
        var e = { id: dx.id, titre: propre(dx.titre), engagement: eng.numero, objectifs: [], indicateurs: [] };
        g.enjeux[e.id] = e;
        eng.enjeux.push(e);
        dx.objectifs.concat(dx.ensemble ? [dx.ensemble] : []).forEach(function (db, k) {
          var objectif = k < dx.objectifs.length;
          var bloc = { id: db.id, intitule: propre(db.intitule), enjeu: e.id, indicateurs: [],
            actions: db.actions.map(function (da) {
              var a = { id: da.id, texte: propre(da.texte) };
              g.actions[a.id] = a;
              return a;
            }) };
          if (objectif) {
            g.objectifs[bloc.id] = bloc;
            e.objectifs.push(bloc);
          }
          db.indicateurs.forEach(function (di) {
            var i = { id: di.id, categorie: di.categorie || "", libelleCategorie: propre(di.libelleCategorie),
              intitule: propre(di.intitule), unite: propre(di.unite), objectif: objectif ? bloc.id : "", enjeu: e.id,
              reperes: di.reperes.map(propre) };
            g.indicateurs[i.id] = i;
            bloc.indicateurs.push(i);
            e.indicateurs.push(i);
          });
        });
      });
    });
    return g;
  }

  // Le champ de la valeur d'un indicateur, sur la page de son engagement
  function adresseIndicateur(g, i) {
    var eng = g.engagements.filter(function (x) { return x.numero === g.enjeux[i.enjeu].engagement; })[0];
    var ancre = "#valeur-" + i.id.replace(/\./g, "-");
    return eng ? new URL(eng.adresse, racineSite()).pathname + ancre : ancre;
  }

  function niveauLibelle(g, code) {
    var n = g.niveaux.filter(function (x) { return x.code === code; })[0];
    return n ? n.libelle : NON_RENSEIGNE.libelle;
  }

  // ------------------------------------------------------------------------------------------------
  // 2. L'état : { organisme, objectifs: {id: {niveau, commentaire, actions: [id]}}, indicateurs: {id: {valeur, unite, annee}} }
  // ------------------------------------------------------------------------------------------------
  function etatVide() { return { organisme: "", modifie: "", objectifs: {}, indicateurs: {} }; }

  function estVide(etat) {
    return !etat.organisme && !Object.keys(etat.objectifs).length && !Object.keys(etat.indicateurs).length;
  }

  function caseAction(form, id) { return form.querySelector('input[name="action"][value="' + id + '"]'); }
  function champ(form, nom) { return form.querySelector('[name="' + nom.replace(/"/g, "") + '"]'); }

  function copie(etat) {
    var c = etatVide();
    c.organisme = etat.organisme;
    c.modifie = etat.modifie;
    Object.keys(etat.objectifs).forEach(function (id) { c.objectifs[id] = etat.objectifs[id]; });
    Object.keys(etat.indicateurs).forEach(function (id) { c.indicateurs[id] = etat.indicateurs[id]; });
    return c;
  }

  // L'état `base` (celui qui est enregistré), mis à jour des seules réponses que le formulaire de cette page
  // contient : les objectifs et indicateurs des autres pages restent tels quels.
  function lireFormulaire(form, g, base) {
    var etat = copie(base || etatVide());
    if (champ(form, "organisme")) etat.organisme = propre(champ(form, "organisme").value);
    Object.keys(g.objectifs).forEach(function (id) {
      var zone = champ(form, "commentaire-" + id);
      if (!zone) return;
      var coche = form.querySelector('input[type="radio"][name="niveau-' + id + '"]:checked');
      var commentaire = zone.value.trim();
      var faites = g.objectifs[id].actions.filter(function (a) { var c = caseAction(form, a.id); return c && c.checked; })
        .map(function (a) { return a.id; });
      delete etat.objectifs[id];
      if (coche || commentaire || faites.length) etat.objectifs[id] = { niveau: coche ? coche.value : "", commentaire: commentaire, actions: faites };
    });
    // actions de « l'enjeu dans son ensemble » : rangées sous l'id de l'enjeu
    Object.keys(g.enjeux).forEach(function (id) {
      var bloc = form.querySelector('fieldset[data-ensemble="' + id + '"]');
      if (!bloc) return;
      var faites = tous(bloc, 'input[name="action"]:checked').map(function (c) { return c.value; });
      delete etat.objectifs[id];
      if (faites.length) etat.objectifs[id] = { niveau: "", commentaire: "", actions: faites };
    });
    Object.keys(g.indicateurs).forEach(function (id) {
      var i = g.indicateurs[id];
      if (!champ(form, "valeur-" + id)) return;
      var valeur = champ(form, "valeur-" + id).value.trim();
      var unite = champ(form, "unite-" + id).value.trim();
      var annee = champ(form, "annee-" + id).value.trim();
      delete etat.indicateurs[id];
      if (valeur || annee || unite !== i.unite) etat.indicateurs[id] = { valeur: valeur, unite: unite, annee: annee ? Number(annee) : null };
    });
    return etat;
  }

  function appliquer(form, g, etat) {
    form.reset();
    if (champ(form, "organisme")) champ(form, "organisme").value = etat.organisme || "";
    Object.keys(etat.objectifs).forEach(function (id) {
      var o = etat.objectifs[id];
      if (g.objectifs[id]) {
        if (o.niveau) {
          var r = form.querySelector('input[type="radio"][name="niveau-' + id + '"][value="' + o.niveau + '"]');
          if (r) r.checked = true;
        }
        var zone = champ(form, "commentaire-" + id);
        if (zone) zone.value = o.commentaire || "";
      }
      (o.actions || []).forEach(function (a) {
        var c = g.actions[a] && caseAction(form, a);
        if (c) c.checked = true;
      });
    });
    Object.keys(etat.indicateurs).forEach(function (id) {
      if (!g.indicateurs[id] || !champ(form, "valeur-" + id)) return;
      var i = etat.indicateurs[id];
      champ(form, "valeur-" + id).value = i.valeur || "";
      champ(form, "unite-" + id).value = i.unite || "";
      champ(form, "annee-" + id).value = i.annee === null || i.annee === undefined ? "" : String(i.annee);
    });
  }

  // Le document enregistré et exporté (un seul format, vérifié à la relecture comme à l'import)
  function documentExport(g, etat) {
    var doc = { format: FORMAT, version: VERSION, referentiel: g.edition, exporte_le: new Date().toISOString(),
      modifie_le: etat.modifie || "", organisme: etat.organisme, objectifs: {}, indicateurs: {} };
    Object.keys(etat.objectifs).forEach(function (id) {
      var o = etat.objectifs[id];
      var bloc = g.objectifs[id] || g.enjeux[id];
      var sortie = { intitule: bloc ? (bloc.intitule || bloc.titre || "") : "", niveau: o.niveau || "", commentaire: o.commentaire || "",
        actions_realisees: (o.actions || []).map(function (a) { return { id: a, texte: g.actions[a] ? g.actions[a].texte : "" }; }) };
      doc.objectifs[id] = sortie;
    });
    Object.keys(etat.indicateurs).forEach(function (id) {
      var i = etat.indicateurs[id];
      var gi = g.indicateurs[id];
      doc.indicateurs[id] = { intitule: gi ? gi.intitule : "", categorie: gi ? gi.categorie : "", valeur: i.valeur || "",
        unite: i.unite || "", annee: i.annee === undefined ? null : i.annee };
    });
    return doc;
  }

  // ------------------------------------------------------------------------------------------------
  // 4. Vérification stricte d'un document (fichier importé ou stockage) → { etat, absents, edition }
  // ------------------------------------------------------------------------------------------------
  var ID_OBJECTIF = /^[1-9][0-9]?\.[1-9][0-9]?(\.[1-9][0-9]?)?$/; // objectif (2.1.1) ou enjeu (2.1) pour ses actions
  var ID_ACTION = /^[1-9][0-9]?\.[1-9][0-9]?(\.[1-9][0-9]?)?-a[1-9][0-9]{0,2}$/;
  var ID_INDICATEUR = /^[1-9][0-9]?\.[1-9][0-9]?-[a-z0-9]{1,20}(-[a-z0-9]{1,20}){0,4}$/;

  function Refus(message) { this.message = message; }

  function verifierCles(o, permises, ou) {
    Object.keys(o).forEach(function (k) {
      if (permises.indexOf(k) < 0) throw new Refus(ou + " : champ inconnu « " + k.slice(0, 40) + " ».");
    });
  }
  function texteBorne(v, max, ou, facultatif) {
    if ((v === undefined || v === null) && facultatif) return "";
    if (typeof v !== "string") throw new Refus(ou + " : un texte est attendu.");
    if (v.length > max) throw new Refus(ou + " : texte trop long (" + v.length + " caractères, " + max + " au plus).");
    return v;
  }

  function verifier(doc, g) {
    if (!estObjet(doc)) throw new Refus("Ce fichier n'est pas un export de l'autodiagnostic RSO.");
    if (doc.format !== FORMAT) throw new Refus("Ce fichier n'est pas un export de l'autodiagnostic RSO (le champ « format » devrait valoir « " + FORMAT + " »).");
    if (typeof doc.version !== "number" || doc.version % 1 !== 0 || doc.version < 1) throw new Refus("Version du fichier illisible.");
    if (doc.version > VERSION) throw new Refus("Ce fichier vient d'une version plus récente de l'autodiagnostic (version " + doc.version + ") : ce site lit la version " + VERSION + ".");
    verifierCles(doc, ["format", "version", "referentiel", "exporte_le", "modifie_le", "organisme", "objectifs", "indicateurs"], "Fichier");
    var etat = etatVide();
    var absents = [];
    var edition = texteBorne(doc.referentiel, 300, "référentiel", true);
    texteBorne(doc.exporte_le, 40, "exporte_le", true);
    etat.modifie = texteBorne(doc.modifie_le, 40, "modifie_le", true);
    if (etat.modifie && isNaN(Date.parse(etat.modifie))) etat.modifie = "";
    etat.organisme = texteBorne(doc.organisme, 200, "organisme", true);
    var objectifs = doc.objectifs === undefined ? {} : doc.objectifs;
    var indicateurs = doc.indicateurs === undefined ? {} : doc.indicateurs;
    if (!estObjet(objectifs)) throw new Refus("« objectifs » : une liste par identifiant est attendue.");
    if (!estObjet(indicateurs)) throw new Refus("« indicateurs » : une liste par identifiant est attendue.");
    if (Object.keys(objectifs).length > 500 || Object.keys(indicateurs).length > 500) throw new Refus("Trop d'éléments dans le fichier.");
    var codes = g.niveaux.map(function (n) { return n.code; });
    Object.keys(objectifs).forEach(function (id) {
      var ou = "objectif « " + id.slice(0, 20) + " »";
      if (!ID_OBJECTIF.test(id)) throw new Refus("Identifiant d'objectif invalide : « " + id.slice(0, 40) + " ».");
      var o = objectifs[id];
      if (!estObjet(o)) throw new Refus(ou + " : une fiche est attendue.");
      verifierCles(o, ["intitule", "niveau", "commentaire", "actions_realisees"], ou);
      var intitule = texteBorne(o.intitule, 1000, ou + ", intitulé", true);
      var niveau = texteBorne(o.niveau, 40, ou + ", niveau", true);
      if (niveau && codes.indexOf(niveau) < 0) throw new Refus(ou + " : niveau « " + niveau + " » inconnu (niveaux : " + codes.join(", ") + ").");
      var commentaire = texteBorne(o.commentaire, 1000, ou + ", commentaire", true);
      var actions = o.actions_realisees === undefined ? [] : o.actions_realisees;
      if (!Array.isArray(actions) || actions.length > 200) throw new Refus(ou + " : « actions_realisees » doit être une liste.");
      var gardees = [];
      actions.forEach(function (a) {
        if (!estObjet(a)) throw new Refus(ou + " : action type illisible.");
        verifierCles(a, ["id", "texte"], ou + ", action type");
        if (typeof a.id !== "string" || !ID_ACTION.test(a.id)) throw new Refus(ou + " : identifiant d'action type invalide.");
        var texte = texteBorne(a.texte, 2000, ou + ", action type", true);
        var connue = g.actions[a.id];
        if (connue && (!texte || propre(texte) === connue.texte)) gardees.push(a.id);
        else absents.push("action type « " + (texte || a.id) + " » (" + id + ")");
      });
      var existe = g.objectifs[id] || g.enjeux[id];
      if (!existe) {
        absents.push("objectif " + id + (intitule ? " « " + intitule + " »" : ""));
        return;
      }
      if (niveau || commentaire || gardees.length) etat.objectifs[id] = { niveau: g.objectifs[id] ? niveau : "", commentaire: g.objectifs[id] ? commentaire : "", actions: gardees };
    });
    Object.keys(indicateurs).forEach(function (id) {
      var ou = "indicateur « " + id.slice(0, 30) + " »";
      if (!ID_INDICATEUR.test(id)) throw new Refus("Identifiant d'indicateur invalide : « " + id.slice(0, 40) + " ».");
      var i = indicateurs[id];
      if (!estObjet(i)) throw new Refus(ou + " : une fiche est attendue.");
      verifierCles(i, ["intitule", "categorie", "valeur", "unite", "annee"], ou);
      var intitule = texteBorne(i.intitule, 1000, ou + ", intitulé", true);
      texteBorne(i.categorie, 40, ou + ", catégorie", true);
      var valeur = typeof i.valeur === "number" && isFinite(i.valeur) ? String(i.valeur) : texteBorne(i.valeur, 200, ou + ", valeur", true);
      var unite = texteBorne(i.unite, 50, ou + ", unité", true);
      var annee = i.annee === undefined || i.annee === null || i.annee === "" ? null : i.annee;
      if (annee !== null && (typeof annee !== "number" || annee % 1 !== 0 || annee < 1990 || annee > 2100)) throw new Refus(ou + " : année invalide (un nombre entre 1990 et 2100 est attendu).");
      if (!g.indicateurs[id]) {
        absents.push("indicateur " + id + (intitule ? " « " + intitule + " »" : ""));
        return;
      }
      etat.indicateurs[id] = { valeur: valeur, unite: unite, annee: annee };
    });
    return { etat: etat, absents: absents, edition: edition };
  }

  // ------------------------------------------------------------------------------------------------
  // 3. Synthèse, P1 sans valeur, rapport imprimé
  // ------------------------------------------------------------------------------------------------
  function compter(g, etat, objectifs) {
    var c = { total: objectifs.length };
    g.niveaux.concat([NON_RENSEIGNE]).forEach(function (n) { c[n.code] = 0; });
    objectifs.forEach(function (o) {
      var niveau = etat.objectifs[o.id] && etat.objectifs[o.id].niveau;
      c[niveau && possede(c, niveau) ? niveau : ""]++;
    });
    return c;
  }

  function lignesSynthese(g, etat) {
    var lignes = [];
    g.engagements.forEach(function (eng) {
      var objs = [];
      eng.enjeux.forEach(function (e) { objs = objs.concat(e.objectifs); });
      lignes.push({ titre: eng.titre, court: "Engagement " + eng.numero, engagement: true, c: compter(g, etat, objs) });
      eng.enjeux.forEach(function (e) {
        lignes.push({ titre: e.titre, court: "Enjeu " + e.id, engagement: false, c: compter(g, etat, e.objectifs) });
      });
    });
    return lignes;
  }

  function phrase(g, c) {
    var parts = g.niveaux.concat([NON_RENSEIGNE]).filter(function (n) { return c[n.code]; })
      .map(function (n) { return c[n.code] + " « " + n.libelle + " »"; });
    return pluriel(c.total, "objectif", "objectifs") + (parts.length ? " : " + parts.join(", ") : "");
  }

  // Un graphique par engagement : une barre empilée pour l'engagement, puis une par enjeu.
  function graphique(g, lignes, numero, prefixe) {
    var largeur = 360, hauteurBarre = 16, pas = 40, gauche = 0;
    var h = lignes.length * pas + 4;
    var id = prefixe + "graphique-" + numero;
    var s = svg("svg", { viewBox: "0 0 " + largeur + " " + h, width: largeur, height: h, role: "img",
      "aria-labelledby": id + "-titre " + id + "-desc", class: "rso-autodiag__graphique" });
    s.appendChild(svg("title", { id: id + "-titre" }, lignes[0].titre + " — niveaux des objectifs"));
    s.appendChild(svg("desc", { id: id + "-desc" }, lignes.map(function (l) { return l.court + " : " + phrase(g, l.c); }).join(". ") + "."));
    lignes.forEach(function (l, k) {
      var y = k * pas;
      s.appendChild(svg("text", { x: gauche, y: y + 13, class: "rso-autodiag__graphique-etiquette" + (l.engagement ? " rso-autodiag__graphique-etiquette--engagement" : "") },
        l.court + (l.engagement ? " (ensemble)" : "") + " — " + pluriel(l.c.total, "objectif", "objectifs")));
      var x = gauche;
      g.niveaux.concat([NON_RENSEIGNE]).forEach(function (n) {
        var w = l.c.total ? (largeur - gauche) * l.c[n.code] / l.c.total : 0;
        if (w > 0) s.appendChild(svg("rect", { x: x.toFixed(1), y: y + 18, width: w.toFixed(1), height: hauteurBarre, class: "rso-autodiag__niveau--" + (n.code || "non-renseigne") }));
        x += w;
      });
    });
    return s;
  }

  function synthese(g, etat, prefixe, decalage) {
    var f = document.createDocumentFragment();
    var lignes = lignesSynthese(g, etat);
    var tousObjs = Object.keys(g.objectifs).map(function (k) { return g.objectifs[k]; });
    var total = compter(g, etat, tousObjs);
    f.appendChild(el("p", { class: "rso-autodiag__resume" }, "Ensemble du référentiel — " + phrase(g, total) + "."));
    var legende = el("ul", { class: "rso-autodiag__legende", "aria-label": "Légende des graphiques" });
    g.niveaux.concat([NON_RENSEIGNE]).forEach(function (n) {
      var li = el("li");
      li.appendChild(el("span", { class: "rso-autodiag__pastille rso-autodiag__niveau--" + (n.code || "non-renseigne"), "aria-hidden": "true" }));
      li.appendChild(document.createTextNode(n.libelle));
      legende.appendChild(li);
    });
    f.appendChild(legende);
    var graphiques = el("div", { class: "rso-autodiag__graphiques" });
    var debut = 0;
    g.engagements.forEach(function (eng, k) {
      var n = 1 + eng.enjeux.length;
      var fig = el("figure", { class: "rso-autodiag__figure" });
      fig.appendChild(el("figcaption", {}, lignes[debut].titre));
      fig.appendChild(graphique(g, lignes.slice(debut, debut + n), k + 1, prefixe));
      graphiques.appendChild(fig);
      debut += n;
    });
    f.appendChild(graphiques);

    // les mêmes chiffres en tableau
    var defil = el("div", { class: "rso-autodiag__defilement", role: "region", tabindex: "0", "aria-label": "Tableau de la synthèse" });
    var t = el("table");
    t.appendChild(el("caption", {}, "Objectifs par niveau, par engagement et par enjeu (nombre et part)"));
    var tr = el("tr");
    tr.appendChild(el("th", { scope: "col" }, "Engagement ou enjeu"));
    g.niveaux.concat([NON_RENSEIGNE]).forEach(function (n) { tr.appendChild(el("th", { scope: "col" }, n.libelle)); });
    tr.appendChild(el("th", { scope: "col" }, "Objectifs"));
    var thead = el("thead"); thead.appendChild(tr); t.appendChild(thead);
    var tbody = el("tbody");
    lignes.forEach(function (l) {
      var r = el("tr", { class: l.engagement ? "rso-autodiag__ligne-engagement" : "" });
      r.appendChild(el("th", { scope: "row" }, l.engagement ? l.titre : l.court));
      g.niveaux.concat([NON_RENSEIGNE]).forEach(function (n) {
        r.appendChild(el("td", {}, l.c[n.code] ? l.c[n.code] + " (" + pourcent(l.c[n.code], l.c.total) + ")" : "0"));
      });
      r.appendChild(el("td", {}, l.c.total));
      tbody.appendChild(r);
    });
    t.appendChild(tbody);
    defil.appendChild(t);
    f.appendChild(defil);

    // indicateurs P1 sans valeur
    var manquants = Object.keys(g.indicateurs).map(function (k) { return g.indicateurs[k]; }).filter(function (i) {
      return i.categorie === "P1" && !(etat.indicateurs[i.id] && etat.indicateurs[i.id].valeur);
    });
    var nbP1 = Object.keys(g.indicateurs).filter(function (k) { return g.indicateurs[k].categorie === "P1"; }).length;
    f.appendChild(el("h" + (3 + (decalage || 0)), { class: "rso-autodiag__titre-p1" }, "Indicateurs P1 sans valeur (" + manquants.length + " sur " + nbP1 + ")"));
    if (!manquants.length) f.appendChild(el("p", {}, "Tous les indicateurs P1 ont une valeur."));
    else {
      var ul = el("ul", { class: "rso-autodiag__p1" });
      manquants.forEach(function (i) {
        var li = el("li");
        li.appendChild(el("a", { href: adresseIndicateur(g, i) }, i.intitule));
        li.appendChild(document.createTextNode(" (enjeu " + i.enjeu + ")"));
        ul.appendChild(li);
      });
      f.appendChild(ul);
    }
    return f;
  }

  // decalage : 1 dans « Mon livret », où la section porte déjà un titre de niveau 2
  function rapport(g, etat, prefixe, decalage) {
    function h(n) { return "h" + Math.min(6, n + (decalage || 0)); }
    var r = document.createDocumentFragment();
    var couv = el("div", { class: "rso-autodiag__couverture" });
    couv.appendChild(el("p", { class: "rso-autodiag__couverture-surtitre" }, "Autodiagnostic RSO"));
    couv.appendChild(el("p", { class: "rso-autodiag__couverture-organisme" }, etat.organisme || "Organisme non renseigné"));
    couv.appendChild(el("p", {}, "Au regard du référentiel RSO de la Sécurité sociale " + g.edition));
    couv.appendChild(el("p", {}, "Imprimé le " + dateLongue(new Date()) +
      (etat.modifie ? " — réponses modifiées le " + dateLongue(new Date(etat.modifie)) : "")));
    r.appendChild(couv);
    var s = el("section", { class: "rso-autodiag__rapport-synthese" });
    s.appendChild(el(h(2), {}, "Synthèse"));
    s.appendChild(synthese(g, etat, prefixe, decalage));
    r.appendChild(s);
    var d = el("section", { class: "rso-autodiag__detail" });
    d.appendChild(el(h(2), {}, "Détail"));
    g.engagements.forEach(function (eng) {
      d.appendChild(el(h(3), { class: "rso-autodiag__detail-engagement" }, eng.titre));
      eng.enjeux.forEach(function (e) {
        d.appendChild(el(h(4), {}, e.titre));
        var dl = el("dl", { class: "rso-autodiag__detail-objectifs" });
        e.objectifs.concat(g.enjeux[e.id] && etat.objectifs[e.id] ? [{ id: e.id, intitule: "Enjeu dans son ensemble", actions: [] }] : []).forEach(function (o) {
          var rep = etat.objectifs[o.id] || { niveau: "", commentaire: "", actions: [] };
          dl.appendChild(el("dt", {}, o.id + " " + o.intitule));
          if (g.objectifs[o.id]) dl.appendChild(el("dd", {}, "Niveau : " + niveauLibelle(g, rep.niveau)));
          if (rep.commentaire) dl.appendChild(el("dd", {}, "Commentaire : " + rep.commentaire));
          if (rep.actions.length) {
            var dd = el("dd", {}, "Actions types réalisées :");
            var ul = el("ul");
            rep.actions.forEach(function (a) { if (g.actions[a]) ul.appendChild(el("li", {}, g.actions[a].texte)); });
            dd.appendChild(ul);
            dl.appendChild(dd);
          }
        });
        d.appendChild(dl);
        if (e.indicateurs.length) {
          var t = el("table");
          t.appendChild(el("caption", {}, "Indicateurs de l'enjeu " + e.id));
          var tr = el("tr");
          ["Indicateur", "Catégorie", "Valeur", "Unité", "Année", "Repère publié (pas la valeur de l'organisme)"].forEach(function (x) { tr.appendChild(el("th", { scope: "col" }, x)); });
          var thead = el("thead"); thead.appendChild(tr); t.appendChild(thead);
          var tb = el("tbody");
          e.indicateurs.forEach(function (i) {
            var v = etat.indicateurs[i.id] || {};
            var ligne = el("tr");
            ligne.appendChild(el("th", { scope: "row" }, i.intitule));
            [i.libelleCategorie, v.valeur || "—", v.valeur || v.annee ? (v.unite !== undefined ? v.unite : i.unite) : "", v.annee || "", i.reperes.join(" ")]
              .forEach(function (x) { ligne.appendChild(el("td", {}, x)); });
            tb.appendChild(ligne);
          });
          t.appendChild(tb);
          d.appendChild(t);
        }
      });
    });
    r.appendChild(d);
    return r;
  }

  // ------------------------------------------------------------------------------------------------
  // Exports
  // ------------------------------------------------------------------------------------------------
  function telecharger(nom, type, contenu) {
    var url = URL.createObjectURL(new Blob([contenu], { type: type }));
    var a = el("a", { href: url, download: nom });
    document.body.appendChild(a);
    a.click();
    a.remove();
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  function nomFichier(etat, extension) {
    var slug = (etat.organisme || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40);
    return "autodiagnostic-rso" + (slug ? "-" + slug : "") + "-" + new Date().toISOString().slice(0, 10) + "." + extension;
  }

  function cellule(v) {
    var t = v === null || v === undefined ? "" : String(v);
    // une formule de tableur ne doit pas s'exécuter : préfixe « ' » devant = + - @ (sauf un nombre)
    if (/^[=+\-@\t\r]/.test(t) && !/^[-+]?\d+([.,]\d+)?$/.test(t)) t = "'" + t;
    return /[";\r\n]/.test(t) ? '"' + t.replace(/"/g, '""') + '"' : t;
  }

  // Identifiants écrits « Objectif 1.1.1 », « Enjeu 1.1 » : nus, un tableur français lit « 1.1.1 » comme une date.
  function csv(g, etat) {
    var lignes = [["Type", "Engagement", "Enjeu", "Identifiant", "Intitulé", "Catégorie", "Niveau", "Commentaire",
      "Actions types réalisées", "Valeur", "Unité", "Année", "Repère publié (pas la valeur de l'organisme)"]];
    g.engagements.forEach(function (eng) {
      eng.enjeux.forEach(function (e) {
        e.objectifs.forEach(function (o) {
          var rep = etat.objectifs[o.id] || { niveau: "", commentaire: "", actions: [] };
          lignes.push(["Objectif", eng.numero, "Enjeu " + e.id, "Objectif " + o.id, o.intitule, "", niveauLibelle(g, rep.niveau), rep.commentaire,
            rep.actions.map(function (a) { return g.actions[a] ? g.actions[a].texte : a; }).join(" | "), "", "", "", ""]);
        });
        if (etat.objectifs[e.id]) {
          lignes.push(["Enjeu", eng.numero, "Enjeu " + e.id, "Enjeu " + e.id, e.titre, "", "", "", etat.objectifs[e.id].actions.map(function (a) {
            return g.actions[a] ? g.actions[a].texte : a;
          }).join(" | "), "", "", "", ""]);
        }
        e.indicateurs.forEach(function (i) {
          var v = etat.indicateurs[i.id] || {};
          lignes.push(["Indicateur", eng.numero, "Enjeu " + e.id, i.id, i.intitule, i.libelleCategorie, "", "", "", v.valeur || "",
            v.valeur || v.annee ? (v.unite !== undefined ? v.unite : i.unite) : i.unite, v.annee || "", i.reperes.join(" ")]);
        });
      });
    });
    return "\uFEFF" + lignes.map(function (l) { return l.map(cellule).join(";"); }).join("\r\n") + "\r\n";
  }

  // ------------------------------------------------------------------------------------------------
  // La page
  // ------------------------------------------------------------------------------------------------
  function lireStockage(g) {
    var brut;
    try { brut = localStorage.getItem(CLE); } catch (e) { return { etat: etatVide(), erreur: "" }; }
    if (brut === null) return { etat: etatVide(), erreur: "" };
    try {
      var lu = verifier(JSON.parse(brut), g);
      return { etat: lu.etat, erreur: lu.absents.length ? pluriel(lu.absents.length, "réponse enregistrée porte", "réponses enregistrées portent") +
        " sur un élément qui n'est plus dans cette grille (" + lu.absents.join(" ; ") + ") : elle" + (lu.absents.length > 1 ? "s seront retirées" : " sera retirée") + " de ce navigateur à votre prochaine modification." : "" };
    } catch (e) {
      return { etat: etatVide(), erreur: "Les réponses enregistrées dans ce navigateur sont illisibles ; elles n'ont pas été reprises." };
    }
  }

  function initPage(form, g) {
    var outils = document.querySelector("[data-rso-autodiag-outils]");
    var statut = document.querySelector("[data-rso-autodiag-statut]");
    var erreur = document.querySelector("[data-rso-autodiag-erreur]");
    var etatTexte = document.querySelector("[data-rso-autodiag-etat]");
    var blocSynthese = document.querySelector("[data-rso-autodiag-synthese]");
    var contenuSynthese = document.querySelector("[data-rso-autodiag-synthese-contenu]");
    var blocRapport = document.querySelector("[data-rso-autodiag-rapport]");
    var fichier = document.querySelector("[data-rso-autodiag-import]");
    var progres = tous(document, "[data-rso-autodiag-progres]");
    // page d'un engagement : l'avancement dit est le sien
    var ici = form.querySelector("fieldset[data-engagement]");
    var engagementIci = ici ? ici.getAttribute("data-engagement") : "";
    var memoire = null;
    var minuterie = null;

    function annoncer(texte) {
      statut.textContent = "";
      window.setTimeout(function () { statut.textContent = texte; }, 50);
    }
    function signaler(texte) {
      erreur.textContent = "";
      window.setTimeout(function () { erreur.textContent = texte; }, 50);
    }

    function courant() { return memoire || etatVide(); }

    function evalues(etat, objectifs) {
      return objectifs.filter(function (o) { return etat.objectifs[o.id] && etat.objectifs[o.id].niveau; }).length;
    }
    function objectifsDe(numero) {
      var objs = [];
      g.engagements.forEach(function (eng) {
        if (eng.numero === numero) eng.enjeux.forEach(function (e) { objs = objs.concat(e.objectifs); });
      });
      return objs;
    }

    // le rapport imprimé : construit à l'impression seulement (il double le DOM de la page)
    function preparerImpression() {
      blocRapport.textContent = "";
      blocRapport.appendChild(rapport(g, courant(), "rapport-"));
    }

    function dessiner() {
      var etat = courant();
      if (contenuSynthese) {
        contenuSynthese.textContent = "";
        contenuSynthese.appendChild(synthese(g, etat, "ecran-"));
      }
      if (blocRapport.firstChild) preparerImpression(); // déjà imprimé une fois : tenu à jour
      progres.forEach(function (p) {
        var objs = objectifsDe(p.getAttribute("data-rso-autodiag-progres"));
        p.textContent = pluriel(evalues(etat, objs), "objectif évalué", "objectifs évalués") + " sur " + objs.length;
      });
      if (!etatTexte) return;
      var objs = engagementIci ? objectifsDe(engagementIci) : Object.keys(g.objectifs).map(function (k) { return g.objectifs[k]; });
      var n = evalues(etat, objs);
      etatTexte.textContent = estVide(etat)
        ? "Aucune réponse enregistrée dans ce navigateur."
        : pluriel(n, "objectif évalué", "objectifs évalués") + " sur " + objs.length + (engagementIci ? " dans cet engagement" : "") +
          (etat.modifie ? " — enregistré dans ce navigateur le " + dateLongue(new Date(etat.modifie)) + " à " +
            new Date(etat.modifie).toLocaleTimeString("fr-FR", { hour: "2-digit", minute: "2-digit" }) : "") + ".";
    }

    function enregistrer(etat) {
      memoire = etat;
      try {
        if (estVide(etat)) localStorage.removeItem(CLE);
        else localStorage.setItem(CLE, JSON.stringify(documentExport(g, etat)));
        return true;
      } catch (e) {
        return false;
      }
    }

    function depuisFormulaire(message) {
      // les réponses des autres pages (tenues à jour par l'évènement « storage ») restent telles quelles
      var etat = lireFormulaire(form, g, courant());
      etat.modifie = new Date().toISOString();
      var garde = enregistrer(etat);
      dessiner();
      if (!garde) signaler("Ce navigateur refuse l'enregistrement : vos réponses seront perdues en quittant la page. Exportez-les dans un fichier.");
      if (message) annoncer(message + (garde ? " Enregistré dans ce navigateur." : ""));
    }

    form.addEventListener("change", function (e) {
      var c = e.target;
      var message = "";
      if (c.type === "radio") {
        message = "Objectif " + c.name.replace(/^niveau-/, "") + " : " + propre(c.closest("label").textContent) + ".";
      } else if (c.type === "checkbox") {
        message = "Action type " + (c.checked ? "cochée" : "décochée") + ".";
      }
      window.clearTimeout(minuterie);
      depuisFormulaire(message);
    });
    form.addEventListener("input", function (e) {
      if (e.target.type === "radio" || e.target.type === "checkbox") return;
      window.clearTimeout(minuterie);
      minuterie = window.setTimeout(function () { depuisFormulaire(""); }, 400);
    });
    // tout s'enregistre au fil de la saisie ; le bouton (ou Entrée) le fait aussi, pour qui l'attend
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      window.clearTimeout(minuterie);
      depuisFormulaire("C'est fait.");
    });

    if (outils) outils.addEventListener("click", function (e) {
      var b = e.target.closest("[data-rso-autodiag-action]");
      if (!b) return;
      var action = b.getAttribute("data-rso-autodiag-action");
      var etat = courant();
      if (action === "exporter-json") {
        telecharger(nomFichier(etat, "json"), "application/json", JSON.stringify(documentExport(g, etat), null, 2) + "\n");
        annoncer("Export JSON prêt : il contient toutes vos réponses et peut être réimporté ici.");
      } else if (action === "exporter-csv") {
        telecharger(nomFichier(etat, "csv"), "text/csv;charset=utf-8", csv(g, etat));
        annoncer("Export CSV prêt, pour un tableur (séparateur point-virgule).");
      } else if (action === "imprimer") {
        preparerImpression();
        window.print();
      } else if (action === "effacer") {
        if (estVide(etat) && !lireFormulaire(form, g).organisme) { annoncer("Votre autodiagnostic est déjà vide."); return; }
        if (!window.confirm("Effacer toutes les réponses de votre autodiagnostic dans ce navigateur ? Exportez-les d'abord si vous voulez les garder.")) return;
        form.reset();
        enregistrer(etatVide());
        dessiner();
        signaler("");
        annoncer("Votre autodiagnostic est effacé de ce navigateur.");
      }
    });

    if (fichier) fichier.addEventListener("change", function () {
      var f = fichier.files && fichier.files[0];
      if (!f) return;
      signaler("");
      function refuser(message) {
        fichier.value = "";
        signaler("Fichier « " + f.name.slice(0, 80) + " » refusé : " + message + " Rien n'a été modifié.");
      }
      if (f.size > TAILLE_MAX) { refuser("il pèse plus d'1 Mo, ce n'est pas un export de l'autodiagnostic."); return; }
      var lecteur = new FileReader();
      lecteur.onerror = function () { refuser("il n'a pas pu être lu."); };
      lecteur.onload = function () {
        var resultat;
        try {
          var doc;
          try { doc = JSON.parse(String(lecteur.result).replace(/^\uFEFF/, "")); } catch (e) { throw new Refus("ce n'est pas un fichier JSON valide."); }
          resultat = verifier(doc, g);
        } catch (e) {
          if (e instanceof Refus) { refuser(e.message); return; }
          throw e;
        }
        fichier.value = "";
        if (!estVide(courant()) && !window.confirm("Remplacer vos réponses actuelles par celles du fichier « " + f.name.slice(0, 80) + " » ?")) {
          annoncer("Import annulé : rien n'a été modifié.");
          return;
        }
        if (!resultat.etat.modifie) resultat.etat.modifie = new Date().toISOString();
        appliquer(form, g, resultat.etat);
        var garde = enregistrer(resultat.etat);
        dessiner();
        var n = Object.keys(resultat.etat.objectifs).length + Object.keys(resultat.etat.indicateurs).length;
        var message = "Import réussi : " + pluriel(n, "réponse reprise", "réponses reprises") + ".";
        if (resultat.edition && resultat.edition !== g.edition) message += " Le fichier a été fait avec le référentiel " + resultat.edition + " ; cette grille suit " + g.edition + " : les réponses sont reprises par identifiant.";
        if (resultat.absents.length) {
          message += " " + pluriel(resultat.absents.length, "élément n'existe", "éléments n'existent") + " plus dans cette grille et " +
            (resultat.absents.length > 1 ? "n'ont pas été repris" : "n'a pas été repris") + " : " + resultat.absents.join(" ; ") + ".";
        }
        if (!garde) message += " Ce navigateur refuse l'enregistrement : exportez vos réponses avant de quitter la page.";
        annoncer(message);
      };
      lecteur.readAsText(f);
    });

    // Ctrl+P, le menu du navigateur, ou page.pdf() : le rapport est construit juste avant
    window.addEventListener("beforeprint", preparerImpression);
    window.addEventListener("storage", function (e) {
      if (e.key !== CLE) return;
      memoire = lireStockage(g).etat;
      appliquer(form, g, memoire);
      dessiner();
    });
    // retour arrière (cache de pages) : les réponses ont pu changer sur une autre page entre-temps
    window.addEventListener("pageshow", function (e) {
      if (!e.persisted) return;
      memoire = lireStockage(g).etat;
      appliquer(form, g, memoire);
      dessiner();
    });

    var lu = lireStockage(g);
    memoire = lu.etat;
    appliquer(form, g, memoire);
    if (outils) outils.hidden = false;
    form.closest(".rso-autodiag").classList.add("rso-autodiag--actif");
    var bouton = form.querySelector("[data-rso-autodiag-enregistrer]");
    if (bouton) bouton.hidden = false;
    if (blocSynthese) blocSynthese.hidden = false;
    dessiner();
    if (lu.erreur) signaler(lu.erreur);
  }

  // ------------------------------------------------------------------------------------------------
  // 5. Dans « Mon livret » : la page récupérée (sans ses scripts ni son formulaire) devient le rapport
  // ------------------------------------------------------------------------------------------------
  document.addEventListener("rso-livret:section", function (e) {
    var d = e.detail || {};
    var g = d.document && d.section && grilleDe(d.document);
    if (!g) return;
    var etat = lireStockage(g).etat;
    var titre = d.section.querySelector("h2");
    d.section.textContent = "";
    if (titre) d.section.appendChild(titre);
    var bloc = el("div", { class: "rso-autodiag__rapport rso-autodiag__rapport--livret" });
    bloc.appendChild(rapport(g, etat, "livret-" + Math.random().toString(36).slice(2, 7) + "-", 1));
    d.section.appendChild(bloc);
    // ses styles sont dans la feuille commune du site (build/assemblage.py), déjà chargée par « Mon livret »
  });

  var form = document.querySelector("form[data-rso-autodiag]");
  var grillePage = form && grilleDe(document);
  if (grillePage) initPage(form, grillePage);
})();
