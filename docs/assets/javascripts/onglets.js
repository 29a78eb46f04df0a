/* Onglets de contenu (pymdownx.tabbed) : un lien d'ancre (sommaire, lien partagé, retour arrière) vers un
 * intertitre placé dans un onglet caché ouvre cet onglet, puis montre l'intertitre. Sans JavaScript, le
 * sommaire ne cite que les intertitres visibles à l'ouverture (referentiel_rso.build.sommaire_onglets.py). */
(function () {
  "use strict";

  function ouvrir(id) {
    var cible = id && document.getElementById(id);
    if (!cible) return false;
    var ouvert = false;
    for (var bloc = cible.closest(".tabbed-block"); bloc; bloc = bloc.parentElement.closest(".tabbed-block")) {
      var contenu = bloc.parentElement;
      var ensemble = contenu.closest(".tabbed-set");
      var rang = Array.prototype.indexOf.call(contenu.children, bloc);
      var entrees = ensemble ? ensemble.querySelectorAll(":scope > input") : [];
      if (entrees[rang] && !entrees[rang].checked) {
        entrees[rang].checked = true;
        entrees[rang].dispatchEvent(new Event("change", { bubbles: true }));
        ouvert = true;
      }
    }
    if (ouvert) cible.scrollIntoView();
    return ouvert;
  }

  function depuisAdresse() {
    if (location.hash.length > 1) ouvrir(decodeURIComponent(location.hash.slice(1)));
  }

  // un clic sur un lien vers l'ancre déjà dans l'adresse ne déclenche pas « hashchange »
  document.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest('a[href^="#"]');
    if (!a || a.getAttribute("href").length < 2) return;
    var id = decodeURIComponent(a.getAttribute("href").slice(1));
    if (ouvrir(id)) {
      e.preventDefault();
      if (location.hash !== "#" + id) history.pushState(null, "", "#" + id);
    }
  });
  window.addEventListener("hashchange", depuisAdresse);
  depuisAdresse();
})();
