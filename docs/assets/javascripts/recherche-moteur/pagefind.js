/* Le moteur Pagefind du dialogue de recherche : sans filtres, une recherche à la fois, sans mots vides.
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
 *   dernière demande, ne les lit pas. Tant que le dernier mot n'a qu'une ou deux lettres (« d », « dé »,
 *   début de « déchets »), la recherche attend une vraie pause (PAUSE_MOT_COURT) et le préchargement
 *   n'a pas lieu : ces débuts de mot touchent les mots les plus fréquents (« de », « la »), dont l'index
 *   pèse plus de 200 Ko à 10 000 pratiques et se parcourt en plusieurs centaines de millisecondes ; une
 *   requête de deux lettres (« IA », « RH ») est cherchée dès que le lecteur s'arrête de taper.
 * - Mots vides : Pagefind cherche chaque mot de la requête, « de » et « la » compris (présents dans
 *   toutes les pages : index le plus lourd, aucun tri utile). Ils sont retirés de la requête (MOTS_VIDES),
 *   sauf d'une recherche exacte entre guillemets ou d'une requête qui n'a qu'eux.
 */
import { init, preload as precharger, search as chercher } from "../../../pagefind/pagefind.js";

export * from "../../../pagefind/pagefind.js";

export async function filters() {
  await init();
  return {};
}

var MOTS_VIDES = ["à", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les", "ou",
  "par", "pour", "sur", "un", "une"];
var PAUSE_MOT_COURT = 250;
var enCours = false;
var enAttente = null;
var minuterie = null;

function mots(terme) {
  return String(terme || "").trim().split(/\s+/).filter(Boolean);
}

/* La requête confiée au moteur : sans ses mots vides (sauf recherche exacte ou requête de mots vides). */
function requete(terme) {
  if (terme === null || /^\s*".+"\s*$/.test(terme)) {
    return terme;
  }
  var tous = mots(terme);
  var utiles = tous.filter(function (mot) { return MOTS_VIDES.indexOf(mot.toLocaleLowerCase("fr")) === -1; });
  return (utiles.length ? utiles : tous).join(" ");
}

/* Le dernier mot n'a qu'une ou deux lettres : un début de mot pendant la frappe, le plus souvent. */
function motCourt(terme) {
  var liste = mots(terme);
  return liste.length > 0 && Array.from(liste[liste.length - 1]).length < 3;
}

export function preload(terme, options) {
  if (terme === null || motCourt(terme)) {
    return Promise.resolve();
  }
  return precharger(requete(terme), options);
}

function suivante() {
  if (enCours || !enAttente) {
    return;
  }
  var reste = enAttente.pasAvant - Date.now();
  if (reste > 0) {
    clearTimeout(minuterie);
    minuterie = setTimeout(suivante, reste);
    return;
  }
  var demande = enAttente;
  enAttente = null;
  enCours = true;
  chercher(requete(demande.terme), demande.options).then(demande.resoudre, demande.rejeter).then(function () {
    enCours = false;
    suivante();
  });
}

export function search(terme, options) {
  return new Promise(function (resoudre, rejeter) {
    if (enAttente) {
      enAttente.resoudre(null);
    }
    var pause = terme !== null && motCourt(terme) ? PAUSE_MOT_COURT : 0;
    enAttente = { terme: terme, options: options, resoudre: resoudre, rejeter: rejeter, pasAvant: Date.now() + pause };
    clearTimeout(minuterie);
    suivante();
  });
}
