"""Content-Security-Policy built from the pages actually written.

Material emits a few inline scripts (one embeds the relative path to the
site root, so its hash changes with page depth); each page's policy allows
exactly the hashes of its own inline scripts, and the server policy allows
the union of them.
"""
from __future__ import annotations

import base64
import hashlib
import re

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\ssrc=)[^>]*>(.*?)</script>", re.S | re.I)
META_TAG = '<meta http-equiv="Content-Security-Policy" content="{policy}">'
HEAD = re.compile(r"<head[^>]*>", re.I)


def script_hashes(page_html: str) -> list[str]:
    hashes = []
    for body in INLINE_SCRIPT.findall(page_html):
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        token = f"'sha256-{digest}'"
        if token not in hashes:
            hashes.append(token)
    return hashes


def policy(hashes: list[str], for_header: bool = False) -> str:
    directives = [
        "default-src 'self'",
        "script-src 'self' " + " ".join(sorted(hashes)) if hashes else "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "manifest-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
    if for_header:  # only honoured in a header; in a <meta> Chromium warns about them
        directives += ["frame-ancestors 'none'"]
    return "; ".join(d.strip() for d in directives)


def with_meta_policy(page_html: str) -> tuple[str, list[str]]:
    """The page with its own CSP <meta> first in <head>, and the hashes used."""
    hashes = script_hashes(page_html)
    tag = META_TAG.format(policy=policy(hashes))
    match = HEAD.search(page_html)
    if not match:
        return page_html, hashes
    return page_html[: match.end()] + tag + page_html[match.end():], hashes
