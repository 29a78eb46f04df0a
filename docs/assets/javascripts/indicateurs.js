// Filtre du tableau des indicateurs : amélioration progressive (sans JS, le tableau complet reste lisible).
(function () {
  var form = document.getElementById("filtres-indicateurs");
  var table = document.getElementById("tableau-indicateurs");
  if (!form || !table) return;
  form.hidden = false;
  // Un groupe (<tbody>) par enjeu : sa première ligne en est l'intitulé, les suivantes ses indicateurs.
  var groupes = Array.prototype.slice.call(table.tBodies);
  var lignes = [];
  var compte = document.getElementById("filtre-compte");
  var plier = function (s) { return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); };
  groupes.forEach(function (g) {
    var entete = g.rows[0].textContent;
    Array.prototype.slice.call(g.rows, 1).forEach(function (tr) {
      tr.dataset.texte = plier(entete + " " + tr.textContent);  // chercher « mobilité » trouve les indicateurs de l'enjeu
      lignes.push(tr);
    });
  });
  var params = new URLSearchParams(location.search);
  ["q", "engagement", "categorie"].forEach(function (n) { if (params.get(n)) form.elements[n].value = params.get(n); });
  function appliquer() {
    var q = plier(form.elements.q.value.trim());
    var eng = form.elements.engagement.value;
    var cat = form.elements.categorie.value;
    var n = 0;
    lignes.forEach(function (tr) {
      var ok = (!q || tr.dataset.texte.indexOf(q) >= 0) && (!eng || tr.dataset.engagement === eng) && (!cat || tr.dataset.categorie === cat);
      tr.hidden = !ok; if (ok) n++;
    });
    groupes.forEach(function (g) {
      g.hidden = Array.prototype.slice.call(g.rows, 1).every(function (tr) { return tr.hidden; });
    });
    compte.textContent = n + " indicateur" + (n > 1 ? "s" : "") + " affiché" + (n > 1 ? "s" : "") + " sur " + lignes.length;
    var p = new URLSearchParams();
    ["q", "engagement", "categorie"].forEach(function (k) { if (form.elements[k].value) p.set(k, form.elements[k].value); });
    history.replaceState(null, "", p.toString() ? "?" + p : location.pathname);
  }
  form.addEventListener("input", appliquer);
  form.addEventListener("submit", function (e) { e.preventDefault(); appliquer(); });
  appliquer();
})();
