"""The site's Content-Security-Policy: one constant policy, the same on every page.

The theme's few inline scripts are moved into files of the site's own
(fraudbuild.theme), so no page needs an inline script and the policy needs no
hashes: ``script-src 'self'``. A page that contains any inline script fails the
build (fraudsite.htmlcheck) rather than being allowed, and the nginx header,
written once in deploy/nginx.conf.template, can never go stale when pages change.
"""
from __future__ import annotations

import re

DIRECTIVES = [
    "default-src 'self'",
    "script-src 'self'",
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
HEADER_ONLY = ["frame-ancestors 'none'"]  # honoured only in a header; in a <meta> Chromium warns about it
META_TAG = '<meta http-equiv="Content-Security-Policy" content="{policy}">'
HEAD = re.compile(r"<head[^>]*>", re.I)


def policy(for_header: bool = False) -> str:
    return "; ".join(DIRECTIVES + (HEADER_ONLY if for_header else []))


def with_meta_policy(page_html: str) -> str:
    """The page with the policy as the first element of <head>, for hosts that cannot send headers."""
    match = HEAD.search(page_html)
    if not match:
        return page_html
    return page_html[: match.end()] + META_TAG.format(policy=policy()) + page_html[match.end():]
