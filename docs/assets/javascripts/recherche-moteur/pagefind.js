/* Le moteur Pagefind du dialogue de recherche : sans filtres, une recherche à la fois, jamais sur un
 * début de mot d'une ou deux lettres ni sur les mots vides.
 *
 * L'interface de Pagefind (pagefind-ui.js) importe « <bundlePath>pagefind.js » : recherche.js lui donne ce
 * dossier. Ce module reprend tout le moteur de l'index (pagefind/pagefind.js, qui trouve seul ses
 * morceaux d'index d'après sa propre adresse) sauf trois fonctions :
 *
 * - filters() : l'interface l'appelle dès le démarrage pour son panneau de filtres, ce qui télécharge
 *   l'index de chaque filtre (engagement, enjeu, région… : plus de 200 Ko à 10 000 pratiques) ; une fois
 *   ces index chargés, chaque recherche compte aussi les résultats de chaque valeur de filtre (jusqu'à dix
 *   fois plus lente). Le dialogue n'a pas de filtres (la bibliothèque, bonnes-pratiques/, les a) : ici
 *   filters() ne charge aucun index de filtre, il démarre seulement le moteur (WebAssembly, métadonnées de
 *   l'index) pendant que le lecteur tape sa requête. Une recherche sans filtre ne demande aucun index de
 *   filtre.
 * - search() : le moteur calcule les recherches l'une après l'autre (dans son worker) et ne sait pas en
 *   interrompre une ; l'interface en lance une à chaque pause de la frappe. Ici une seule recherche est
 *   confiée au moteur à la fois ; pendant qu'elle tourne, seule la dernière demandée attend son tour, les
 *   intermédiaires sont abandonnées et rendent null (comme debouncedSearch de Pagefind) : l'interface, qui
 *   ne garde que la réponse à sa dernière demande, ne les lit pas.
 * - preload() : pas de préchargement pour un dernier mot de moins de trois lettres (voir plus bas).
 *
 * La requête confiée au moteur (requete) :
 * - sans ses mots vides (MOTS_VIDES : « de », « la »… présents dans toutes les pages : leur index est le
 *   plus lourd, plus de 200 Ko à 10 000 pratiques, et ne trie rien) ; une requête qui n'a qu'eux ne
 *   cherche rien (aucun résultat) ;
 * - Pagefind cherche le dernier mot comme un début de mot : « d » ou « co » touchent des milliers de mots
 *   et toutes les pages (près d'une seconde à 10 000 pratiques, qui bloquait les recherches suivantes).
 *   Un dernier mot de moins de trois lettres est donc cherché comme un mot entier, en recherche exacte
 *   (« "odd 5" », « "rh" ») ; si elle ne trouve rien et qu'il reste d'autres mots, c'est un début de mot
 *   en cours de frappe : la recherche se fait sans lui (« égalité p » montre « égalité »). Ces recherches
 *   attendent une vraie pause de la frappe (PAUSE_MOT_COURT) ;
 * - un mot seul est d'abord cherché comme mot entier (recherche exacte : quelques millisecondes, mêmes
 *   résultats pour un mot complet, racinisation et accents compris) ; comme début de mot seulement s'il
 *   ne trouve rien, et, pendant la frappe (demandes à moins de RYTHME_FRAPPE l'une de l'autre), après
 *   une pause ou dès la demande suivante : pendant qu'on tape « mobilité », chaque début
 *   (« mobil », racine de milliers de mots) coûtait une demi-seconde de calcul que la requête complète
 *   devait attendre.
 * Une recherche exacte tapée entre guillemets est confiée telle quelle.
 */
import { init, preload as precharger, search as chercher } from "../../../pagefind/pagefind.js";

export * from "../../../pagefind/pagefind.js";

export async function filters() {
  await init();
  return {};
}

/* Comparés en minuscules et sans accents (« dé », début de « déchets », vaut « de » pour Pagefind). */
var MOTS_VIDES = ["a", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les", "ou",
  "par", "pour", "sur", "un", "une"];
var PAUSE_MOT_COURT = 250;
var RYTHME_FRAPPE = 400;
var derniereDemande = 0;
var reveil = null;
var enCours = false;
var enAttente = null;
var minuterie = null;

function plier(mot) {
  return mot.toLocaleLowerCase("fr").normalize("NFD").replace(/[\u0300-\u036f]/g, "");
}

function exacte(terme) {
  return /^\s*".+"\s*$/.test(terme);
}

/* Les mots utiles de la requête (sans les mots vides). */
function utiles(terme) {
  return String(terme || "").trim().split(/\s+/).filter(function (mot) {
    return mot && MOTS_VIDES.indexOf(plier(mot)) === -1;
  });
}

function court(mot) {
  return Array.from(mot).length < 3;
}

/* Le dernier mot utile n'a qu'une ou deux lettres (début de mot en cours de frappe, ou « RH », « 5 »). */
function finCourte(terme) {
  var mots = utiles(terme);
  return terme !== null && !exacte(terme) && (mots.length === 0 || court(mots[mots.length - 1]));
}

/* Attend PAUSE_MOT_COURT, ou moins si une nouvelle demande arrive (search() appelle reveil). */
function pause() {
  return new Promise(function (fin) {
    var minute = setTimeout(fin, PAUSE_MOT_COURT);
    reveil = function () {
      clearTimeout(minute);
      fin();
    };
  }).then(function () {
    reveil = null;
  });
}

/* La recherche d'un terme de l'interface : voir le commentaire de tête. enFrappe : la demande suit la
   précédente de moins de RYTHME_FRAPPE (le lecteur tape encore, probablement). */
function rechercher(terme, options, enFrappe) {
  if (terme === null || exacte(terme)) {
    return chercher(terme, options);
  }
  var mots = utiles(terme);
  if (!mots.length) {
    return Promise.resolve({ results: [], unfilteredResultCount: 0, filters: {}, totalFilters: {}, timings: {} });
  }
  if (mots.length === 1 && !court(mots[0])) {
    return chercher("\"" + mots[0] + "\"", options).then(function (reponse) {
      if ((reponse && reponse.results.length) || !enFrappe) {
        return reponse && reponse.results.length ? reponse : chercher(mots[0], options);
      }
      return pause().then(function () {
        return enAttente ? null : chercher(mots[0], options);
      });
    });
  }
  if (!court(mots[mots.length - 1])) {
    return chercher(mots.join(" "), options);
  }
  return chercher("\"" + mots.join(" ") + "\"", options).then(function (reponse) {
    if ((reponse && reponse.results.length) || mots.length === 1) {
      return reponse;
    }
    var avant = mots.slice(0, -1);
    while (avant.length > 1 && court(avant[avant.length - 1])) {
      avant.pop();
    }
    return court(avant[avant.length - 1]) ? reponse : chercher(avant.join(" "), options);
  });
}

export function preload(terme, options) {
  if (terme === null || exacte(terme) || finCourte(terme)) {
    return Promise.resolve();
  }
  return precharger(utiles(terme).join(" "), options);
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
  rechercher(demande.terme, demande.options, demande.enFrappe).then(demande.resoudre, demande.rejeter).then(function () {
    enCours = false;
    suivante();
  });
}

export function search(terme, options) {
  return new Promise(function (resoudre, rejeter) {
    if (enAttente) {
      enAttente.resoudre(null);
    }
    var maintenant = Date.now();
    var attente = finCourte(terme) ? PAUSE_MOT_COURT : 0;
    enAttente = { terme: terme, options: options, resoudre: resoudre, rejeter: rejeter, pasAvant: maintenant + attente,
                  enFrappe: maintenant - derniereDemande < RYTHME_FRAPPE };
    derniereDemande = maintenant;
    clearTimeout(minuterie);
    if (reveil) {
      reveil();
    }
    suivante();
  });
}
