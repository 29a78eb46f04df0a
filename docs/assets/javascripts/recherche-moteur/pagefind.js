/* Le moteur Pagefind du dialogue de recherche : sans filtres, une recherche à la fois.
 *
 * L'interface de Pagefind (pagefind-ui.js) importe « <bundlePath>pagefind.js » : recherche.js lui donne ce
 * dossier. Ce module reprend tout le moteur de l'index (pagefind/pagefind.js, qui trouve seul ses
 * morceaux d'index d'après sa propre adresse) sauf deux fonctions :
 *
 * - filters() : l'interface l'appelle dès le démarrage pour son panneau de filtres, ce qui télécharge
 *   l'index de chaque filtre (engagement, enjeu, région… : plus de 200 Ko à 10 000 pratiques) ; une fois
 *   ces index chargés, chaque recherche compte aussi les résultats de chaque valeur de filtre (jusqu'à dix
 *   fois plus lente). Le dialogue n'a pas de filtres (la bibliothèque, bonnes-pratiques/, les a) : ici
 *   filters() ne charge aucun index de filtre, il démarre seulement le moteur (WebAssembly, métadonnées de
 *   l'index) pendant que le lecteur tape sa requête. Une recherche sans filtre ne demande aucun index de
 *   filtre.
 * - search() : le moteur calcule les recherches l'une après l'autre (dans son worker) et ne sait pas en
 *   interrompre une. Pendant la frappe, l'interface en lance une à chaque pause ; à 10 000 pratiques, un
 *   début de mot (« a », « res ») coûte plusieurs centaines de millisecondes, et la requête complète
 *   attendait derrière toutes les précédentes. Ici une seule recherche est confiée au moteur à la fois ;
 *   pendant qu'elle tourne, seule la dernière demandée attend son tour, les intermédiaires sont abandonnées
 *   et rendent null (comme debouncedSearch de Pagefind) : l'interface, qui ne garde que la réponse à sa
 *   dernière demande, ne les lit pas.
 */
import { init, search as chercher } from "../../../pagefind/pagefind.js";

export * from "../../../pagefind/pagefind.js";

export async function filters() {
  await init();
  return {};
}

var enCours = false;
var enAttente = null;

function suivante() {
  if (enCours || !enAttente) {
    return;
  }
  var demande = enAttente;
  enAttente = null;
  enCours = true;
  chercher(demande.terme, demande.options).then(demande.resoudre, demande.rejeter).then(function () {
    enCours = false;
    suivante();
  });
}

export function search(terme, options) {
  return new Promise(function (resoudre, rejeter) {
    if (enAttente) {
      enAttente.resoudre(null);
    }
    enAttente = { terme: terme, options: options, resoudre: resoudre, rejeter: rejeter };
    suivante();
  });
}
