"""MkDocs adapter for the security core: a CSP <meta> on every page, and the
union of hashes written for the server configuration (deploy/nginx.conf)."""
from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from fraudsite import csp  # noqa: E402
from fraudsite.timing import timed as _timed  # noqa: E402
from hooks.i18n_hook import _nested  # noqa: E402

HASHES: set[str] = set()


@_timed
def on_pre_build(config: MkDocsConfig) -> None:
    if not _nested(config):
        HASHES.clear()


@event_priority(-100)
@_timed
def on_post_page(output: str, page, config: MkDocsConfig) -> str:
    output, hashes = csp.with_meta_policy(output)
    HASHES.update(hashes)
    return output


@event_priority(-300)  # after the 404 pages are in place (i18n_hook runs at -200)
@_timed
def on_post_build(config: MkDocsConfig) -> None:
    if _nested(config):
        return
    site = Path(config.site_dir)
    for page in (site / "404.html", site / "en" / "404.html"):
        if page.exists():
            text, hashes = csp.with_meta_policy(page.read_text(encoding="utf-8"))
            page.write_text(text, encoding="utf-8")
            HASHES.update(hashes)
    # nginx includes this file to send the same policy as a header
    header = csp.policy(sorted(HASHES), for_header=True)
    (site / "_csp.conf").write_text(f'add_header Content-Security-Policy "{header}" always;\n', encoding="utf-8")
