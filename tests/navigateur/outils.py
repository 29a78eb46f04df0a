"""Outils communs aux tests du navigateur (importés par les modules de test)."""
from __future__ import annotations


def lancer_axe(page, axe_source: str, contexte_axe: str = "document") -> list[dict]:
    """Injecte axe-core (depuis node_modules, sans requête) et renvoie ses violations."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source)
    return page.evaluate(
        f"""async () => {{
            const r = await axe.run({contexte_axe}, {{ resultTypes: ['violations'] }});
            return r.violations.map(v => ({{
                id: v.id, impact: v.impact, aide: v.help,
                cibles: v.nodes.map(n => n.target.join(' ') + (n.failureSummary ? ' — ' + n.failureSummary.replace(/\\s+/g, ' ') : ''))
            }}));
        }}"""
    )


def decrire_violations(violations: list[dict]) -> str:
    lignes = []
    for v in violations:
        lignes.append(f"- {v['id']} ({v['impact']}) : {v['aide']}")
        lignes += [f"    · {c}" for c in v["cibles"][:8]]
        if len(v["cibles"]) > 8:
            lignes.append(f"    · … et {len(v['cibles']) - 8} autres")
    return "\n".join(lignes)


def lancer_htmlcs(page, htmlcs_source: str, norme: str = "WCAG2AA") -> list[dict]:
    """Injecte HTML_CodeSniffer (le moteur de pa11y, depuis node_modules, sans requête) et renvoie ses
    erreurs (pas les avertissements ni les notices, qui demandent un jugement humain)."""
    if not page.evaluate("typeof window.HTMLCS !== 'undefined'"):
        page.evaluate(htmlcs_source)
    return page.evaluate(
        """norme => new Promise((resolve, reject) => {
            HTMLCS.process(norme, document, erreur => {
                if (erreur) { reject(String(erreur)); return; }
                resolve(HTMLCS.getMessages().filter(m => m.type === HTMLCS.ERROR).map(m => {
                    const el = m.element;
                    let cible = el && el.nodeType === 1 ? el.outerHTML.replace(/\\s+/g, ' ').slice(0, 160) : '(document)';
                    return { code: m.code, message: m.msg, cible: cible };
                }));
            });
        })""",
        norme,
    )


def decrire_erreurs_htmlcs(erreurs: list[dict]) -> str:
    return "\n".join(f"- {e['code']} : {e['message']}\n    · {e['cible']}" for e in erreurs)
