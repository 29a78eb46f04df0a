/* Le moteur Pagefind du dialogue de recherche, sans ses filtres.
 *
 * L'interface de Pagefind (pagefind-ui.js) importe « <bundlePath>pagefind.js » et, dès le démarrage,
 * appelle filters() pour son panneau de filtres : cela télécharge l'index de chaque filtre (engagement,
 * enjeu, région… : plus de 200 Ko à 10 000 pratiques) et, une fois ces index chargés, chaque recherche
 * compte les résultats de chaque valeur de filtre (jusqu'à 10 fois plus lente). Le dialogue n'a pas de
 * filtres (la bibliothèque, bonnes-pratiques/, les a) : recherche.js donne ce dossier pour bundlePath, et
 * ce module reprend tout le moteur de l'index (pagefind/pagefind.js, qui trouve seul ses morceaux
 * d'index d'après sa propre adresse) sauf filters(), qui ne charge aucun index de filtre : il démarre
 * seulement le moteur (WebAssembly, métadonnées de l'index), pendant que le lecteur tape sa requête.
 * Une recherche sans filtre ne demande aucun index de filtre.
 */
import { init } from "../../../pagefind/pagefind.js";

export * from "../../../pagefind/pagefind.js";

export async function filters() {
  await init();
  return {};
}
