/* Corrections d'accessibilité du balisage de Material, faites ici plutôt qu'en recopiant ses gabarits
 * (overrides/ n'étend que des blocs). Vérifiées par axe-core dans tests/navigateur/.
 *
 * 1. Navigation : avec navigation.indexes, la commande qui déplie une section (<label tabindex="0">) ne
 *    contient qu'une icône : elle n'a pas de nom, et le <nav> de la section, nommé par elle
 *    (aria-labelledby), non plus. On nomme la section par son titre, et la commande par un texte caché.
 * 2. Tableaux larges : leur cadre défile horizontalement sur petit écran ; il doit alors être atteignable
 *    au clavier (tabindex) et nommé, pour défiler avec les flèches.
 */
(function () {
  "use strict";

  function texte(el) {
    return el ? el.textContent.replace(/\s+/g, " ").trim() : "";
  }

  document.querySelectorAll("nav.md-nav[aria-labelledby]").forEach(function (nav) {
    var bouton = document.getElementById(nav.getAttribute("aria-labelledby"));
    var titre = texte(nav.querySelector(":scope > .md-nav__title"));
    if (!bouton || !titre || texte(bouton)) {
      return;
    }
    nav.removeAttribute("aria-labelledby");
    nav.setAttribute("aria-label", "Menu « " + titre + " »");
    /* Le <label> (Material le déplie à Entrée) reçoit un texte, lu mais non affiché : un <label>
       n'admet ni rôle ni aria-label. */
    var nom = document.createElement("span");
    nom.className = "rso-lu-seulement";
    nom.textContent = "Pages de « " + titre + " »";
    bouton.appendChild(nom);
  });

  /* Material enveloppe les tableaux (.md-typeset__scrollwrap) par script, au chargement du document :
     on passe après lui. */
  var cadres = [];
  function nommer(cadre, rang) {
    var tableau = cadre.querySelector("table");
    var legende = tableau && tableau.caption ? texte(tableau.caption) : "";
    var titre = legende;
    if (!titre) {
      /* Intertitre qui précède le tableau. */
      var el = cadre;
      while (el && !titre) {
        el = el.previousElementSibling;
        if (el && /^H[1-6]$/.test(el.tagName)) {
          titre = texte(el).replace(/¶$/, "").trim();
        }
      }
    }
    return "Tableau " + rang + (titre ? " : " + titre : "") + " (défile horizontalement)";
  }
  function ajuster() {
    cadres.forEach(function (cadre, i) {
      var deborde = cadre.scrollWidth > cadre.clientWidth + 1;
      if (deborde && !cadre.hasAttribute("tabindex")) {
        cadre.setAttribute("tabindex", "0");
        cadre.setAttribute("role", "region");
        cadre.setAttribute("aria-label", nommer(cadre, i + 1));
      } else if (!deborde && cadre.getAttribute("role") === "region") {
        cadre.removeAttribute("tabindex");
        cadre.removeAttribute("role");
        cadre.removeAttribute("aria-label");
      }
    });
  }
  function preparer() {
    cadres = document.querySelectorAll(".md-typeset__scrollwrap");
    ajuster();
  }
  document.addEventListener("DOMContentLoaded", preparer);
  window.addEventListener("load", preparer);
  var attente = null;
  window.addEventListener("resize", function () {
    clearTimeout(attente);
    attente = setTimeout(ajuster, 150);
  });
})();
