/* Recherche plein texte hors ligne (Pagefind), chargée seulement quand le lecteur ouvre la recherche.
 *
 * Le premier chargement d'une page ne télécharge que ce fichier (quelques centaines d'octets utiles) :
 * l'interface (pagefind-ui.js/.css), le moteur (WebAssembly) et les morceaux d'index ne sont demandés
 * qu'à l'ouverture du dialogue, puis à la frappe. Tout est servi par le site : aucune requête ailleurs.
 * Balisage : overrides/main.html (bloc header) ; styles : referentiel.css, section « Recherche ».
 * Sans panneau de filtres : le dialogue charge le moteur par recherche-moteur/pagefind.js, qui ne
 * télécharge aucun index de filtre (le coût de la recherche à 10 000 pratiques en dépend, voir ce
 * fichier) ; le lien « Filtrer les bonnes pratiques » du dialogue mène à la bibliothèque, qui a les
 * filtres, avec la requête tapée (?q=…).
 * Résultats : titre et extrait seulement ; les métadonnées des pratiques (identifiant, résumé…), qui
 * servent à la bibliothèque, ne sont pas affichées en étiquettes « Clé: valeur » ; le sous-résultat
 * qui répète le titre de la page tient lieu de la page elle-même (son extrait, sans titre répété).
 */
(function () {
  "use strict";

  /* Le dialogue est dans un <template> : il n'entre dans la page qu'à la première ouverture (une page
     que l'on ne fait que lire ne porte pas ses éléments : DOM plus léger, issue 13). */
  var modele = document.getElementById("rso-recherche-modele");
  var boutons = document.querySelectorAll("[data-rso-recherche]");
  if (!modele || !modele.content || typeof HTMLDialogElement !== "function") {
    return;
  }
  var dialogue = null;
  var zone = null;
  /* Adresse du dossier de l'index, donnée relative à la page par le gabarit ; baseUrl = racine du site. */
  var dossier = new URL(modele.getAttribute("data-rso-index"), window.location.href);
  var racine = new URL("..", dossier).pathname;
  /* Le moteur sans filtres (recherche-moteur/pagefind.js, à côté de ce script) : voir ce fichier. */
  var moteur = new URL("recherche-moteur/", (document.currentScript && document.currentScript.src) ||
    new URL("../assets/javascripts/", dossier).href);
  var chargement = null;
  var declencheur = null;

  function charger() {
    if (chargement) {
      return chargement;
    }
    chargement = new Promise(function (resolve, reject) {
      var feuille = document.createElement("link");
      feuille.rel = "stylesheet";
      feuille.href = new URL("pagefind-ui.css", dossier).href;
      document.head.appendChild(feuille);
      var script = document.createElement("script");
      script.src = new URL("pagefind-ui.js", dossier).href;
      script.onload = resolve;
      script.onerror = function () {
        reject(new Error("index de recherche introuvable"));
      };
      document.head.appendChild(script);
    }).then(function () {
      /* global PagefindUI */
      new PagefindUI({
        element: "#rso-recherche-ui",
        bundlePath: moteur.pathname,
        baseUrl: racine,
        showImages: false,
        showSubResults: true,
        resetStyles: true,
        autofocus: true,
        /* Délai après la dernière frappe avant de chercher (300 ms par défaut) : le moteur est local, la
           recherche coûte quelques millisecondes ; les morceaux d'index sont préchargés pendant ce délai. */
        debounceTimeoutMs: 120,
        processResult: function (resultat) {
          var titre = resultat.meta && resultat.meta.title;
          resultat.meta = { title: titre };
          if (Array.isArray(resultat.sub_results)) {
            /* Le sous-résultat qui répète le titre (ancre du titre de la page) devient celui de la page
               elle-même (même adresse, en tête) : l'interface montre alors l'extrait de la page sous son
               titre, sans répéter le titre ; sans lui, un résultat sans intertitre n'avait pas d'extrait. */
            var autres = resultat.sub_results.filter(function (sous) { return sous.title !== titre; });
            if (autres.length < resultat.sub_results.length) {
              autres.unshift({ title: titre, url: resultat.url, excerpt: resultat.excerpt,
                               locations: [], weighted_locations: [], anchor: null });
            }
            resultat.sub_results = autres;
          }
          return resultat;
        },
        translations: {
          placeholder: "Rechercher dans le référentiel",
          clear_search: "Effacer",
          load_more: "Afficher plus de résultats",
          search_label: "Rechercher dans le référentiel",
          zero_results: "Aucun résultat pour [SEARCH_TERM]",
          many_results: "[COUNT] résultats pour [SEARCH_TERM]",
          one_result: "[COUNT] résultat pour [SEARCH_TERM]",
          searching: "Recherche de [SEARCH_TERM]…"
        }
      });
    });
    chargement.catch(function () {
      zone.textContent = "La recherche n'est pas disponible sur cette copie du site (index absent).";
    });
    return chargement;
  }

  function champ() {
    return zone.querySelector("input[type='text'], input[type='search'], input");
  }

  var tampon = "";

  /* Le dialogue, tiré du modèle et placé juste après lui, à la première ouverture. */
  function creer() {
    dialogue = modele.content.firstElementChild.cloneNode(true);
    modele.parentNode.insertBefore(dialogue, modele.nextSibling);
    zone = dialogue.querySelector("#rso-recherche-ui");

    /* Le lien vers la bibliothèque reprend la requête tapée. */
    var versBibliotheque = dialogue.querySelector("[data-rso-bibliotheque]");
    var adresseBibliotheque = versBibliotheque ? versBibliotheque.href : null;
    zone.addEventListener("input", function (evenement) {
      if (!versBibliotheque || !evenement.target || evenement.target.tagName !== "INPUT") {
        return;
      }
      var requete = evenement.target.value.trim();
      var adresse = new URL(adresseBibliotheque);
      if (requete) {
        adresse.searchParams.set("q", requete);
      }
      versBibliotheque.href = adresse.href;
    });

    /* Ce que le lecteur tape pendant que l'interface se charge (il tape dès le clic) : gardé, puis remis
       dans le champ quand il existe — sinon la première lettre allait au bouton « Fermer » et se perdait. */
    dialogue.addEventListener("keydown", function (evenement) {
      if (champ() || evenement.ctrlKey || evenement.metaKey || evenement.altKey) {
        return;
      }
      if (evenement.key && evenement.key.length === 1) {
        tampon += evenement.key;
        evenement.preventDefault();
      } else if (evenement.key === "Backspace" && tampon) {
        tampon = tampon.slice(0, -1);
        evenement.preventDefault();
      }
    });

    dialogue.querySelectorAll("[data-rso-fermer]").forEach(function (bouton) {
      bouton.addEventListener("click", fermer);
    });
    /* Un clic sur le fond (hors du cadre du dialogue) ferme aussi. */
    dialogue.addEventListener("click", function (evenement) {
      if (evenement.target === dialogue) {
        fermer();
      }
    });
    dialogue.addEventListener("close", function () {
      if (declencheur && typeof declencheur.focus === "function") {
        declencheur.focus();
      }
    });
  }

  function ouvrir(evenement) {
    declencheur = evenement && evenement.currentTarget ? evenement.currentTarget : document.activeElement;
    if (!dialogue) {
      creer();
    }
    if (!dialogue.open) {
      dialogue.showModal();
      if (!champ()) {
        /* en attendant le champ, le focus sur la zone (pas sur « Fermer », qu'Espace activerait) */
        zone.setAttribute("tabindex", "-1");
        zone.focus();
      }
    }
    charger().then(function () {
      var entree = champ();
      if (entree) {
        if (tampon) {
          entree.value = tampon + entree.value;
          tampon = "";
          entree.dispatchEvent(new Event("input", { bubbles: true }));
        }
        /* Le champ est nommé par le titre visible du dialogue (pas seulement par son attribut title). */
        entree.setAttribute("aria-labelledby", "rso-recherche-titre");
        entree.focus();
        /* Pagefind UI charge son moteur (WebAssembly, point d'entrée de l'index) quand le champ prend le
           focus ; l'autofocus le lui donne avant d'écouter : on lui signale ce focus, pour que le moteur
           se charge pendant que le lecteur tape sa première requête, et non après. */
        entree.dispatchEvent(new FocusEvent("focus"));
      }
    }, function () {});
  }

  function fermer() {
    if (dialogue && dialogue.open) {
      dialogue.close();
    }
  }

  boutons.forEach(function (bouton) {
    bouton.addEventListener("click", ouvrir);
  });
  /* Raccourci « / » hors des champs de saisie, comme la recherche de Material. */
  document.addEventListener("keydown", function (evenement) {
    if (evenement.key !== "/" || evenement.ctrlKey || evenement.metaKey || evenement.altKey || (dialogue && dialogue.open)) {
      return;
    }
    var cible = evenement.target;
    if (cible && (cible.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(cible.tagName))) {
      return;
    }
    evenement.preventDefault();
    ouvrir(null);
  });
})();
