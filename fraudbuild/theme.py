"""What the engine adds to Material: its template overrides, its styles and
scripts, and the list of scripts a page may load (Material's bundle, Material's
inline scripts served as files of the site's own, and the engine's two scripts).

The overrides (fraudbuild/overrides/) and the assets (fraudbuild/assets/) are part
of the installed engine: a site names neither in its mkdocs.yml. A site may still
have overrides of its own (theme.custom_dir); they come before the engine's.

A page that loads anything else, or holds an inline script, fails the build
(fraudsite.htmlcheck); so the Content-Security-Policy is ``script-src 'self'``
with no hashes, and it never changes when pages do.
"""
from __future__ import annotations

from pathlib import Path

from fraudsite.errors import SiteInputError

from . import internals

# site path -> the Material partial whose inline script it serves
FROM_MATERIAL = {
    "assets/javascripts/theme-base.js": "partials/javascripts/base.html",
    "assets/javascripts/theme-palette.js": "partials/javascripts/palette.html",
    "assets/javascripts/theme-content.js": "partials/javascripts/content.html",
}
# the engine's scripts: site.js, at the end of every page, runs the checker and the text-size control;
# textsize.js, in <head>, applies the chosen text size before the page is painted
SITE_SCRIPTS = ("assets/site.js", "assets/textsize.js")
# the engine's styles, in the order pages load them (print.css holds @media print rules only)
STYLESHEETS = ("assets/site.css", "assets/print.css")
OVERRIDES = Path(__file__).with_name("overrides")
NGINX_TEMPLATE = Path(__file__).with_name("deploy") / "nginx.conf.template"  # `fraudsite nginx` prints it
ASSETS = Path(__file__).with_name("assets")
# Each template the engine overrides, and the Material template it replaces or extends: the list a port
# to Material's successor works through (Material for MkDocs receives security fixes only until 2027-05-05).
OVERRIDDEN = {
    "main.html": "base.html (extends it: blocks site_meta, extrahead, announce, scripts, content, site_nav)",
    "404.html": "404.html (replaces its content block)",
    "partials/copyright.html": "partials/copyright.html (replaces it)",
    "partials/search.html": "partials/search.html (a copy, with an accessible name added; fraudbuild.internals)",
    "partials/javascripts/base.html": "partials/javascripts/base.html (its inline script served as a file)",
    "partials/javascripts/content.html": "partials/javascripts/content.html (the same)",
    "partials/javascripts/palette.html": "partials/javascripts/palette.html (the same)",
}


def engine_assets() -> dict[str, Path]:
    """Site path -> file of each style and script the engine serves."""
    return {f"assets/{path.name}": path for path in sorted(ASSETS.iterdir()) if path.suffix in (".css", ".js")}


def generated_files() -> dict[str, str]:
    """Site path -> text of each theme script the site serves as a file."""
    scripts = internals.inline_scripts()
    return {path: scripts[partial] for path, partial in FROM_MATERIAL.items()}


def allowed_scripts() -> set[str]:
    """Site-relative paths of every script a page may load."""
    bundles = (internals.material_templates() / "assets" / "javascripts").glob("bundle.*.min.js")
    return {*FROM_MATERIAL, *SITE_SCRIPTS, *(f"assets/javascripts/{Path(b).name}" for b in bundles)}


def check_assets(config, root: Path) -> None:
    """Every file the theme and mkdocs.yml name (styles, scripts, favicon, logo) is in docs/: MkDocs
    publishes pages that link a missing style or script without a word, and they reach readers unstyled."""
    config_file = Path(config.config_file_path)
    docs = Path(config.docs_dir)
    named = [("extra_css", str(uri)) for uri in config.extra_css]
    named += [("extra_javascript", str(uri)) for uri in config.extra_javascript]
    named += [(f"theme.{key}", config.theme[key]) for key in ("favicon", "logo") if config.theme.get(key)]
    engine = engine_assets()  # the engine's own styles and scripts are in the engine, not in docs/
    for setting, uri in named:
        if uri not in engine and not (docs / uri).is_file():  # on disk: a language process may leave shared assets to another
            text = config_file.read_text(encoding="utf-8").splitlines()
            line = next((number for number, content in enumerate(text, start=1) if uri in content), None)
            where = config_file.relative_to(root).as_posix() if line else (docs / uri).relative_to(root).as_posix()
            raise SiteInputError(where, line, setting, f"'{uri}' is not in {docs.relative_to(root).as_posix()}/",
                                 f"restore {docs.relative_to(root).as_posix()}/{uri} (git checkout -- "
                                 f"{docs.relative_to(root).as_posix()}/{uri}), or correct the name")
