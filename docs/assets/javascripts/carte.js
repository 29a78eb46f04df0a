/* Page « Carte » (carte/index.md, referentiel_rso/render/pages_carte.py) : relie le fragment de l'adresse
 * de la page (#enjeu=3.1, #region=28, #pratique=BP-0001) à la carte intégrée dans l'iframe.
 *
 * - l'iframe est chargée ici (pas de src dans le HTML), avec le fragment de la page : un seul chargement ;
 * - à chaque changement du fragment, il est transmis à l'iframe (carte.html#…, sans recharger la carte) ;
 * - quand le lecteur change un filtre dans la carte, elle l'annonce (postMessage) et la page met son
 *   adresse à jour sans recharger : l'adresse reste partageable.
 */
(function () {
  "use strict";

  var cadre = document.getElementById("carte-rso-cadre");
  if (!cadre) return;
  var base = cadre.getAttribute("data-src");
  var FORME = /^[A-Za-z0-9._%=&-]*$/;

  function fragment() {
    return location.hash.replace(/^#/, "");
  }

  function transmettre() {
    var f = fragment();
    if (!FORME.test(f)) return;
    // même valeur que l'attribut actuel : la navigation a lieu quand même (la carte a pu changer d'état)
    cadre.setAttribute("src", base + (f ? "#" + f : "#"));
  }

  window.addEventListener("message", function (ev) {
    if (ev.source !== cadre.contentWindow) return;
    var d = ev.data;
    if (!d || d.type !== "carte-rso" || typeof d.etat !== "string" || !FORME.test(d.etat)) return;
    var voulu = d.etat ? "#" + d.etat : "";
    if (location.hash !== voulu) {
      history.replaceState(null, "", voulu || location.pathname + location.search);
    }
  });

  window.addEventListener("hashchange", transmettre);
  // premier chargement, avec le fragment de la page (#region=28…) : un seul chargement de la carte
  var f = fragment();
  cadre.setAttribute("src", base + (f && FORME.test(f) ? "#" + f : ""));
  cadre.hidden = false;
})();
