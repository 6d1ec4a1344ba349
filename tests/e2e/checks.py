"""What every page must pass in the browser: axe-core WCAG 2.2 AA and reflow at small widths."""

import json
from pathlib import Path

AXE_SCRIPT = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def assert_accessible(page) -> None:
    """Run axe-core on the current page: zero WCAG 2.0/2.1/2.2 A and AA violations."""
    # evaluate() goes through the DevTools protocol, so the strict CSP stays switched on.
    page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    violations = [
        {
            "rule": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["html"][:200] for n in v["nodes"][:3]],
        }
        for v in result["violations"]
    ]
    assert violations == [], f"{page.url}:\n{json.dumps(violations, indent=1, ensure_ascii=False)}"


def assert_fits_small_screen(page) -> None:
    """Nothing scrolls sideways at the current width (WCAG 1.4.10 reflow)."""
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} is {overflow}px wider than the screen"
