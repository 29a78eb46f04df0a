/* Carte des bonnes pratiques RSO : script du document carte/carte.html (écrit par referentiel_rso/carte.py).
 *
 * Lit le tableau compact <script type="application/json" id="donnees-carte"> et crée, côté client :
 * les marqueurs (un par initiative, regroupés par leaflet.markercluster), une couche par engagement
 * (contrôle de couches), les filtres par enjeu et par région, les accès rapides (métropole, outre-mer),
 * la légende et les info-bulles. Le texte des info-bulles (titre, organisme, année, page) n'est pas dans
 * le document : il est demandé par région (carte/donnees/<code>.json) à la première info-bulle ouverte
 * ou au premier marqueur atteint au clavier dans cette région.
 *
 * Sécurité : titres et organismes sont du texte contribué. Ils ne passent jamais par innerHTML : le DOM
 * des info-bulles, des listes et des filtres est construit avec createElement et textContent ; les rares
 * chaînes HTML (libellés du contrôle de couches, icônes) n'en contiennent que des textes échappés par
 * `echapper` ou des nombres.
 *
 * État dans le fragment de l'adresse : #enjeu=3.1&region=28&pratique=BP-0001 ; transmis à la page
 * parente (postMessage) pour qu'elle garde une adresse partageable.
 */
(function () {
  "use strict";

  // Un clic sur la carte lui donne le focus (clavier de Leaflet) ; dans l'iframe, ce focus faisait
  // défiler la page parente de quelques dizaines de pixels entre l'appui et le relâchement, et le clic
  // manquait le marqueur. Le focus est donné sans défilement.
  if (window.L && L.Map && L.Map.Keyboard) {
    L.Map.Keyboard.prototype._onMouseDown = function () {
      if (this._focused) return;
      try {
        this._map._container.focus({ preventScroll: true });
      } catch (e) {
        this._map._container.focus();
      }
    };
  }

  var ETAT_VIDE = { enjeu: "", region: "", pratique: "" };

  function el(balise, classe, texte) {
    var n = document.createElement(balise);
    if (classe) n.className = classe;
    if (texte !== undefined && texte !== null) n.textContent = String(texte);
    return n;
  }

  function echapper(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function nombre(n) {
    return Number(n).toLocaleString("fr-FR");  // 1 000 (espace fine insécable)
  }

  function pluriel(n, mot) {
    return nombre(n) + " " + mot + (n > 1 ? "s" : "");
  }

  function lireEtat(fragment) {
    var etat = { enjeu: "", region: "", pratique: "" };
    String(fragment || "").replace(/^#/, "").split("&").forEach(function (morceau) {
      var i = morceau.indexOf("=");
      if (i < 0) return;
      var cle = decodeURIComponent(morceau.slice(0, i));
      var valeur = decodeURIComponent(morceau.slice(i + 1));
      if (Object.prototype.hasOwnProperty.call(ETAT_VIDE, cle)) etat[cle] = valeur;
    });
    return etat;
  }

  function ecrireEtat(etat) {
    return ["enjeu", "region", "pratique"].filter(function (c) { return etat[c]; })
      .map(function (c) { return c + "=" + encodeURIComponent(etat[c]); }).join("&");
  }

  // anneau de contour : entiers (degrés × facteur), premier point absolu puis écarts (carte.py, contours)
  function decoderAnneau(plat, facteur) {
    var points = [], lat = 0, lon = 0;
    for (var i = 0; i + 1 < plat.length; i += 2) {
      lat += plat[i];
      lon += plat[i + 1];
      points.push([lat / facteur, lon / facteur]);
    }
    return points;
  }

  function bornes(b) {
    return L.latLngBounds(b[0], b[1]);
  }

  function empecherPropagation(n) {
    L.DomEvent.disableClickPropagation(n);
    L.DomEvent.disableScrollPropagation(n);
  }

  function initialiser(carte, fond, options) {
    options = options || {};
    var d = JSON.parse(document.getElementById("donnees-carte").textContent);
    var taille = carte.getSize();
    var etroit = taille.x < 700;                       // petit écran : panneaux repliés
    var grand = taille.x >= 1200 && taille.y >= 760;  // place pour la légende ouverte (sinon repliée)

    var engagements = {}, enjeux = {}, regions = {}, acces = {};
    d.engagements.forEach(function (e) { engagements[e[0]] = { numero: e[0], titre: e[1], domaine: e[2] }; });
    d.enjeux.forEach(function (e) { enjeux[e[0]] = e[1]; });
    d.regions.forEach(function (r) { regions[r[0]] = { code: r[0], nom: r[1], bornes: r[2] }; });
    d.acces.forEach(function (a) { acces[a[0]] = { code: a[0], nom: a[1], bornes: a[2] }; });

    if (options.zoomMax) carte.setMaxZoom(options.zoomMax);

    // --- contrôles de base, en français ---------------------------------------------------------
    L.control.zoom({ position: "topleft", zoomInTitle: "Zoom avant", zoomOutTitle: "Zoom arrière" }).addTo(carte);
    L.control.scale({ imperial: false, position: "bottomleft" }).addTo(carte);
    // attribution (celle des tuiles est reprise du fond, mkdocs.yml extra.carte.attribution)
    carte.attributionControl = L.control.attribution({
      prefix: '<a href="https://leafletjs.com/" hreflang="en">Leaflet</a>'
    }).addTo(carte);

    // --- fond : contours des régions (toujours là, même sans serveur de tuiles) ------------------
    var styleContours = { color: "#5f6b73", weight: 1, opacity: 1, fillColor: "#f4f1e8", fillOpacity: 1 };
    var donneesContours = window.REGIONS_CARTE || { facteur: 100, regions: [] };
    var contours = L.featureGroup(donneesContours.regions.map(function (region) {
      return L.polygon(region[1].map(function (polygone) {
        return polygone.map(function (anneau) { return decoderAnneau(anneau, donneesContours.facteur); });
      }),
        L.extend({ interactive: false }, styleContours));
    })).addTo(carte);
    // vue de départ (d'après le fragment de l'adresse) avant d'ajouter le fond : pas de tuiles chargées pour rien
    var depart = lireEtat(location.hash);
    var zoneDepart = regions[depart.region] || acces.metropole;
    if (zoneDepart) carte.fitBounds(bornes(zoneDepart.bornes), { padding: [10, 10], animate: false });

    if (fond) {
      fond.addTo(carte);
      // dès qu'une tuile arrive, les régions ne sont plus que des contours (le fond de carte se voit)
      fond.once("tileload", function () {
        styleContours = L.extend({}, styleContours, { fillOpacity: 0 });
        contours.setStyle(styleContours);
        carte.getContainer().classList.add("carte-rso--tuiles");
      });
    }

    // --- marqueurs ------------------------------------------------------------------------------
    var icones = {};
    Object.keys(engagements).forEach(function (n) {
      icones[n] = L.divIcon({
        className: "marqueur-rso marqueur-rso--e" + Number(n),
        html: '<span class="marqueur-rso__forme" aria-hidden="true"></span>'
          + '<span class="marqueur-rso__numero" aria-hidden="true">' + Number(n) + "</span>",
        iconSize: [28, 28], iconAnchor: [14, 14], popupAnchor: [0, -12]
      });
    });

    function nomRegion(code) {
      return regions[code] ? regions[code].nom : "";
    }

    // --- contenu des info-bulles, par région, à la demande (carte.py, details) --------------------------
    var details = {};   // code région → {base, organismes, initiatives} une fois chargé
    var attentes = {};  // code région → [fonctions à appeler au chargement]

    function chargerRegion(code, suite) {
      if (details[code]) { if (suite) suite(details[code]); return; }
      if (attentes[code]) { if (suite) attentes[code].push(suite); return; }
      attentes[code] = suite ? [suite] : [];
      var adresse = d.details.replace("{code}", encodeURIComponent(code));
      fetch(adresse, { credentials: "same-origin" })
        .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
        .then(function (contenu) {
          details[code] = contenu;
          marqueurs.forEach(function (m) { if (m.region === code) nommer(m); });
          var suites = attentes[code];
          delete attentes[code];
          suites.forEach(function (f) { f(contenu); });
        })
        .catch(function () {
          var suites = attentes[code];
          delete attentes[code];
          suites.forEach(function (f) { f(null); });
        });
    }

    function detailsDe(m) {
      var r = details[m.region];
      return r ? r.initiatives[m.rang] : null;
    }

    function nommer(m) {
      var x = detailsDe(m);
      if (!x) return;
      var nom = x[0] + " — " + (details[m.region].organismes[x[1]] || "");
      m.marqueur.options.title = nom;
      var icone = m.marqueur.getElement();
      if (icone) icone.title = nom;
    }

    function infobulle(m) {
      var racine = el("div", "infobulle-rso");
      var x = detailsDe(m);
      if (!x) {
        racine.appendChild(el("h2", "infobulle-rso__titre", m.id));
        var message = el("p", "infobulle-rso__attente", details[m.region] === undefined && attentes[m.region]
          ? "Chargement…" : "Détails indisponibles : voir la liste des initiatives.");
        message.setAttribute("role", "status");
        racine.appendChild(message);
        return racine;
      }
      var region = details[m.region];
      racine.appendChild(el("h2", "infobulle-rso__titre", x[0]));
      var liste = el("dl", "infobulle-rso__details");
      function ligne(terme, valeur) {
        if (valeur === undefined || valeur === null || valeur === "") return;
        liste.appendChild(el("dt", null, terme));
        if (valeur instanceof Node) liste.appendChild(valeur); else liste.appendChild(el("dd", null, valeur));
      }
      ligne("Organisme", region.organismes[x[1]]);
      var dd = el("dd");
      var ul = el("ul", "infobulle-rso__enjeux");
      m.enjeux.forEach(function (id) { ul.appendChild(el("li", null, id + " " + (enjeux[id] || ""))); });
      dd.appendChild(ul);
      ligne(m.enjeux.length > 1 ? "Enjeux" : "Enjeu", dd);
      ligne("Année", x[2] === null || x[2] === undefined ? "non précisée" : String(x[2]));
      ligne("Région", nomRegion(m.region));
      racine.appendChild(liste);
      var adresse = x[3] ? region.base + (x[3].indexOf("/") >= 0 ? x[3] : m.id + "-" + x[3] + "/") : "";
      if (adresse) {
        var a = el("a", "infobulle-rso__lien", "Voir la fiche de la pratique");
        a.href = adresse;
        a.target = "_top";
        racine.appendChild(a);
      }
      return racine;
    }

    // format compact : voir referentiel_rso/build/carte.py, donnees()
    function identifiant(n) {
      if (typeof n !== "number") return String(n);
      var s = String(n);
      while (s.length < 4) s = "0" + s;
      return "BP-" + s;
    }

    // sur un téléphone, l'info-bulle tient dans la largeur de la carte
    var largeurInfobulle = Math.max(180, Math.min(320, taille.x - 70));
    var marqueurs = [], parId = {}, nombresRegions = {};
    d.initiatives.forEach(function (groupeRegion) {
      var region = groupeRegion[0];
      groupeRegion[1].forEach(function (p, rang) {
        var id = identifiant(p[3]);
        var enjeuxP = p[2] ? p[2].split(" ") : [];
        var engagement = Number(String(enjeuxP[0] || "0").split(".")[0]);
        var m = L.marker([p[0], p[1]], {
          icon: icones[engagement] || icones[Object.keys(icones)[0]],
          title: "Initiative " + id + " — enjeu" + (enjeuxP.length > 1 ? "x " : " ") + enjeuxP.join(", "),
          keyboard: true,
          riseOnHover: true
        });
        var entree = { marqueur: m, engagement: engagement, enjeux: enjeuxP, region: region, id: id, rang: rang };
        m.bindPopup(function () {
          if (!details[region]) {
            chargerRegion(region, function () {
              if (m.isPopupOpen()) m.setPopupContent(infobulle(entree));
            });
          }
          return infobulle(entree);
        }, { maxWidth: largeurInfobulle, autoPanPadding: [10, 10] });
        // au clavier, le nom complet du marqueur arrive avec le premier focus dans la région
        m.on("add", function () {
          var icone = m.getElement();
          if (icone && !icone._rsoFocus) {
            icone._rsoFocus = true;
            icone.addEventListener("focus", function () { chargerRegion(region); });
          }
        });
        marqueurs.push(entree);
        parId[id] = entree;
        nombresRegions[region] = (nombresRegions[region] || 0) + 1;
      });
    });

    // Un groupe = un seul élément (le DOM de la carte reste borné à 10 000 initiatives : issue 13) : son
    // nombre en texte visible, son nom complet dans aria-label (Leaflet lui donne déjà role="button").
    var IconeGroupe = L.DivIcon.extend({
      createIcon: function (ancienne) {
        var div = L.DivIcon.prototype.createIcon.call(this, ancienne);
        div.setAttribute("aria-label", this.options.etiquette);
        return div;
      }
    });

    var groupe = L.markerClusterGroup({
      maxClusterRadius: 40,
      showCoverageOnHover: false,
      spiderfyOnMaxZoom: true,
      chunkedLoading: true,
      iconCreateFunction: function (groupeProche) {
        var n = groupeProche.getChildCount();
        var taille = n < 10 ? 32 : n < 100 ? 38 : 44;
        return new IconeGroupe({
          className: "groupe-rso",
          html: String(Number(n)),
          etiquette: pluriel(Number(n), "initiative") + " proches : zoomer",
          iconSize: [taille, taille]
        });
      }
    }).addTo(carte);

    // --- couches par engagement (contrôle de couches) -----------------------------------------------
    var actifs = {}, couches = {}, couchesInverse = [];
    var nombres = {};
    marqueurs.forEach(function (m) { nombres[m.engagement] = (nombres[m.engagement] || 0) + 1; });
    var superposees = {};
    Object.keys(engagements).forEach(function (n) {
      var e = engagements[n];
      var couche = L.layerGroup().addTo(carte);
      couches[n] = couche;
      couchesInverse.push([couche, n]);
      actifs[n] = true;
      superposees['<span class="symbole-rso symbole-rso--e' + Number(n) + '" aria-hidden="true">'
        + '<span class="marqueur-rso__forme"></span><span class="marqueur-rso__numero">' + Number(n) + "</span></span> "
        + "Engagement " + Number(n) + " — " + echapper(e.domaine)
        + ' <span class="controle-rso__compte" data-engagement="' + Number(n) + '">('
        + Number(nombres[n] || 0) + ")</span>"] = couche;
    });
    superposees["Contours des régions"] = contours;
    if (fond) superposees["Fond de carte (tuiles)"] = fond;
    var controleCouches = L.control.layers(null, superposees, { collapsed: etroit, position: "topright" });
    controleCouches.addTo(carte);
    var conteneurCouches = controleCouches.getContainer();
    var bascule = conteneurCouches.querySelector(".leaflet-control-layers-toggle");
    if (bascule) {
      bascule.title = "Couches affichées";
      bascule.setAttribute("aria-label", "Couches affichées");
    }
    var listeCouches = conteneurCouches.querySelector(".leaflet-control-layers-list");
    if (listeCouches) listeCouches.insertBefore(el("p", "controle-rso__titre", "Couches affichées"), listeCouches.firstChild);

    function numeroDe(couche) {
      for (var i = 0; i < couchesInverse.length; i++) if (couchesInverse[i][0] === couche) return couchesInverse[i][1];
      return null;
    }

    // --- filtres : enjeu, région ---------------------------------------------------------------------
    var etat = { enjeu: "", region: "", pratique: "" };
    var panneau = L.control({ position: "topright" });
    var statut, choixEnjeu, choixRegion;
    panneau.onAdd = function () {
      var boite = el("details", "leaflet-bar controle-rso filtres-rso");
      boite.open = !etroit;
      boite.appendChild(el("summary", "controle-rso__titre", "Filtres"));
      var corps = el("div", "controle-rso__corps");

      var lEnjeu = el("label", null, "Enjeu");
      lEnjeu.htmlFor = "filtre-enjeu";
      choixEnjeu = el("select");
      choixEnjeu.id = "filtre-enjeu";
      choixEnjeu.appendChild(new Option("Tous les enjeux", ""));
      Object.keys(engagements).forEach(function (n) {
        var groupeOptions = el("optgroup");
        groupeOptions.label = "Engagement " + n + " — " + engagements[n].domaine;
        d.enjeux.forEach(function (e) {
          if (e[0].split(".")[0] === String(n)) groupeOptions.appendChild(new Option(e[0] + " " + e[1], e[0]));
        });
        choixEnjeu.appendChild(groupeOptions);
      });

      var lRegion = el("label", null, "Région");
      lRegion.htmlFor = "filtre-region";
      choixRegion = el("select");
      choixRegion.id = "filtre-region";
      choixRegion.appendChild(new Option("Toutes les régions", ""));
      // seules les régions qui ont des initiatives sont proposées ; le nombre suit le filtre d'enjeu
      d.regions.forEach(function (r) {
        if (nombresRegions[r[0]]) {
          var option = new Option(r[1], r[0]);
          option.setAttribute("data-nom", r[1]);
          choixRegion.appendChild(option);
        }
      });

      statut = el("p", "controle-rso__statut");
      statut.setAttribute("role", "status");

      corps.appendChild(lEnjeu);
      corps.appendChild(choixEnjeu);
      corps.appendChild(lRegion);
      corps.appendChild(choixRegion);
      corps.appendChild(statut);
      boite.appendChild(corps);

      choixEnjeu.addEventListener("change", function () {
        changer({ enjeu: choixEnjeu.value, region: etat.region, pratique: "" }, false);
      });
      choixRegion.addEventListener("change", function () {
        changer({ enjeu: etat.enjeu, region: choixRegion.value, pratique: "" }, true);
      });
      empecherPropagation(boite);
      return boite;
    };
    panneau.addTo(carte);

    // --- accès rapides : métropole et outre-mer ------------------------------------------------------
    var allerA = L.control({ position: "topleft" });
    allerA.onAdd = function () {
      var boite = el("details", "leaflet-bar controle-rso acces-rso");
      boite.open = !etroit;
      boite.appendChild(el("summary", "controle-rso__titre", "Aller à"));
      var groupeBoutons = el("div", "acces-rso__boutons");
      groupeBoutons.setAttribute("role", "group");
      groupeBoutons.setAttribute("aria-label", "Aller à");
      boite.appendChild(groupeBoutons);
      d.acces.forEach(function (a) {
        var bouton = el("button", "acces-rso__bouton", a[1]);
        bouton.type = "button";
        bouton.addEventListener("click", function () {
          // un accès rapide montre tout le territoire : le filtre de région est levé
          changer({ enjeu: etat.enjeu, region: "", pratique: "" }, false);
          carte.fitBounds(bornes(a[2]), { padding: [10, 10] });
        });
        groupeBoutons.appendChild(bouton);
      });
      empecherPropagation(boite);
      return boite;
    };
    allerA.addTo(carte);

    // --- légende ---------------------------------------------------------------------------------------
    var legende = L.control({ position: "bottomleft" });
    legende.onAdd = function () {
      var boite = el("details", "leaflet-bar controle-rso legende-rso");
      boite.open = grand;
      boite.appendChild(el("summary", "controle-rso__titre", "Légende"));
      var ul = el("ul", "legende-rso__liste");
      Object.keys(engagements).forEach(function (n) {
        var li = el("li");
        var symbole = el("span", "symbole-rso symbole-rso--e" + Number(n));
        symbole.setAttribute("aria-hidden", "true");
        symbole.appendChild(el("span", "marqueur-rso__forme"));
        symbole.appendChild(el("span", "marqueur-rso__numero", String(Number(n))));
        li.appendChild(symbole);
        li.appendChild(document.createTextNode(" Engagement " + n + " — " + engagements[n].titre));
        ul.appendChild(li);
      });
      var liGroupe = el("li");
      var exemple = el("span", "groupe-rso groupe-rso--legende");
      exemple.setAttribute("aria-hidden", "true");
      exemple.appendChild(document.createTextNode("12"));
      liGroupe.appendChild(exemple);
      liGroupe.appendChild(document.createTextNode(" Groupe d'initiatives proches (nombre) : cliquer pour zoomer"));
      ul.appendChild(liGroupe);
      var liContour = el("li");
      var trait = el("span", "legende-rso__contour");
      trait.setAttribute("aria-hidden", "true");
      liContour.appendChild(trait);
      liContour.appendChild(document.createTextNode(" Limite de région"));
      ul.appendChild(liContour);
      boite.appendChild(ul);
      boite.appendChild(el("p", "legende-rso__note",
        "Chaque initiative est placée au lieu indiqué par l'organisme ou, à défaut, au point de référence "
        + "de sa commune, de son département ou de sa région. Le numéro et la forme du symbole donnent "
        + "l'engagement de son premier enjeu."));
      empecherPropagation(boite);
      return boite;
    };
    legende.addTo(carte);

    // --- filtrage et état ---------------------------------------------------------------------------------
    function visible(m) {
      return actifs[m.engagement] !== false
        && (!etat.region || m.region === etat.region)
        && (!etat.enjeu || m.enjeux.indexOf(etat.enjeu) >= 0);
    }

    // nombres affichés à côté des couches et des régions : ce que donnerait ce choix avec les autres filtres
    function compter() {
      var parEngagement = {}, parRegion = {};
      marqueurs.forEach(function (m) {
        var enjeuOk = !etat.enjeu || m.enjeux.indexOf(etat.enjeu) >= 0;
        if (enjeuOk && (!etat.region || m.region === etat.region)) {
          parEngagement[m.engagement] = (parEngagement[m.engagement] || 0) + 1;
        }
        if (enjeuOk && actifs[m.engagement] !== false) parRegion[m.region] = (parRegion[m.region] || 0) + 1;
      });
      conteneurCouches.querySelectorAll(".controle-rso__compte[data-engagement]").forEach(function (s) {
        s.textContent = "(" + nombre(parEngagement[s.getAttribute("data-engagement")] || 0) + ")";
      });
      if (choixRegion) {
        for (var i = 0; i < choixRegion.options.length; i++) {
          var o = choixRegion.options[i];
          if (o.value) o.textContent = o.getAttribute("data-nom") + " (" + nombre(parRegion[o.value] || 0) + ")";
        }
      }
    }

    function filtrer() {
      var visibles = [];
      marqueurs.forEach(function (m) { if (visible(m)) visibles.push(m.marqueur); });
      compter();
      groupe.clearLayers();
      groupe.addLayers(visibles);
      var texte;
      if (!marqueurs.length) texte = "Aucune initiative localisée pour l'instant.";
      else if (!visibles.length) texte = "Aucune initiative ne correspond à ces filtres (" + pluriel(marqueurs.length, "initiative") + " en tout).";
      else texte = pluriel(visibles.length, "initiative") + " affichée" + (visibles.length > 1 ? "s" : "") + " sur " + nombre(marqueurs.length) + ".";
      if (statut) statut.textContent = texte;
      return visibles.length;
    }

    function valide(e) {
      return {
        enjeu: Object.prototype.hasOwnProperty.call(enjeux, e.enjeu) ? e.enjeu : "",
        region: Object.prototype.hasOwnProperty.call(regions, e.region)
          && Object.prototype.hasOwnProperty.call(nombresRegions, e.region) ? e.region : "",
        pratique: Object.prototype.hasOwnProperty.call(parId, e.pratique) ? e.pratique : ""
      };
    }

    function vueGenerale() {
      if (etat.region) carte.fitBounds(bornes(regions[etat.region].bornes), { padding: [10, 10] });
      else if (acces.metropole) carte.fitBounds(bornes(acces.metropole.bornes), { padding: [10, 10] });
    }

    function montrerPratique(id) {
      var m = parId[id];
      if (!m || !visible(m)) return;
      chargerRegion(m.region, function () {
        groupe.zoomToShowLayer(m.marqueur, function () { m.marqueur.openPopup(); });
      });
    }

    function signaler() {
      var fragment = ecrireEtat(etat);
      try {
        history.replaceState(null, "", fragment ? "#" + fragment : location.pathname + location.search);
      } catch (e) { /* document ouvert depuis le disque : l'adresse ne change pas */ }
      if (window.parent && window.parent !== window) {
        window.parent.postMessage({ type: "carte-rso", etat: fragment }, "*");
      }
    }

    function appliquer(nouvel, zoomer) {
      etat = valide(nouvel);
      if (choixEnjeu) choixEnjeu.value = etat.enjeu;
      if (choixRegion) choixRegion.value = etat.region;
      filtrer();
      if (etat.pratique) montrerPratique(etat.pratique);
      else if (zoomer) vueGenerale();
    }

    function changer(nouvel, zoomer) {
      appliquer(nouvel, zoomer);
      signaler();
    }

    carte.on("overlayadd overlayremove", function (ev) {
      var n = numeroDe(ev.layer);
      if (n === null) return;
      actifs[n] = ev.type === "overlayadd";
      filtrer();
    });

    carte.on("popupopen", function (ev) {
      var fermer = ev.popup.getElement().querySelector(".leaflet-popup-close-button");
      if (fermer) {
        fermer.setAttribute("aria-label", "Fermer l'info-bulle");
        fermer.title = "Fermer l'info-bulle";
      }
    });

    window.addEventListener("hashchange", function () { appliquer(lireEtat(location.hash), true); });

    appliquer(lireEtat(location.hash), true);

    window.CarteRSO.carte = {
      carte: carte, groupe: groupe, marqueurs: marqueurs, parId: parId, details: details,
      etat: function () { return L.extend({}, etat); },
      appliquer: appliquer, filtrer: filtrer
    };
  }

  window.CarteRSO = { initialiser: initialiser, lireEtat: lireEtat, ecrireEtat: ecrireEtat };
})();
