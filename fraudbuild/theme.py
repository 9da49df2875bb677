"""The scripts a page may load: Material's bundle, Material's inline scripts
served as files of the site's own, and the site's own two scripts.

A page that loads anything else, or holds an inline script, fails the build
(fraudsite.htmlcheck); so the Content-Security-Policy is ``script-src 'self'``
with no hashes, and it never changes when pages do.
"""
from __future__ import annotations

from pathlib import Path

from . import internals

# site path -> the Material partial whose inline script it serves
FROM_MATERIAL = {
    "assets/javascripts/theme-base.js": "partials/javascripts/base.html",
    "assets/javascripts/theme-palette.js": "partials/javascripts/palette.html",
    "assets/javascripts/theme-content.js": "partials/javascripts/content.html",
}
# the site's own scripts (docs/assets/): site.js, at the end of every page, runs the checker and the
# text-size control; textsize.js, in <head>, applies the chosen text size before the page is painted
SITE_SCRIPTS = ("assets/site.js", "assets/textsize.js")


def generated_files() -> dict[str, str]:
    """Site path -> text of each theme script the site serves as a file."""
    scripts = internals.inline_scripts()
    return {path: scripts[partial] for path, partial in FROM_MATERIAL.items()}


def allowed_scripts() -> set[str]:
    """Site-relative paths of every script a page may load."""
    bundles = (internals.material_templates() / "assets" / "javascripts").glob("bundle.*.min.js")
    return {*FROM_MATERIAL, *SITE_SCRIPTS, *(f"assets/javascripts/{Path(b).name}" for b in bundles)}
