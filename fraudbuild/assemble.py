"""Two languages' builds become one site.

The default language's build is the site; each other language's process
built into a folder of its own, with its pages under <lang>/ and, at its root,
its 404 page and a copy of the theme's files. Its pages and search index move
into the site, its 404 page becomes <lang>/404.html, and the rest is dropped
(the theme files are the same bytes). Then come the files that belong to no
language: the sitemap (with every page's translations) and the small sitemap
indexes that name it, robots.txt and the open data.
"""
from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import time
from pathlib import Path

from fraudsite import i18n, opendata
from fraudsite.model import Dataset

# Pre-compressed for nginx's gzip_static: the large files readers fetch and cache (styles, scripts,
# search indexes, open data). HTML pages are compressed by nginx as it sends them (gzip on): a page
# is small, and compressing thousands of them here would lengthen every build for little gain.
PAGES_SITEMAP = "sitemap-pages.xml"  # every page with its translations; /sitemap.xml is an index naming it
COMPRESSIBLE = {".css", ".js", ".json", ".svg", ".xml", ".csv", ".txt", ".map"}


def merge_language(site: Path, part: Path, lang: str) -> None:
    """Move ``lang``'s build (in ``part``) into ``site``."""
    folder = i18n.prefix(lang).rstrip("/")
    target = site / folder
    if target.exists():
        shutil.rmtree(target)
    (part / folder).rename(target)
    (part / "404.html").replace(target / "404.html")


def open_data(dataset: Dataset) -> dict[str, str]:
    return {"figures.csv": opendata.to_csv(dataset), "figures.json": opendata.to_json(dataset)}


def write_shared_files(site: Path, data_files: dict[str, str], neutral_urls: list[str], site_url: str) -> list[Path]:
    """The files of no one language: the sitemaps, robots.txt and the open data; returns their paths."""
    urls = sorted(set(neutral_urls), key=lambda url: (url.count("/"), url))
    index = i18n.sitemap_index(site_url, [PAGES_SITEMAP])
    written = {site / PAGES_SITEMAP: i18n.sitemap(urls, site_url), site / "robots.txt": i18n.robots_txt(site_url)}
    for lang in i18n.LANGUAGES:  # the sitemap.xml Material fetches beside each language's feed: small
        written[site / i18n.prefix(lang) / "sitemap.xml"] = index
    written.update({site / name: text for name, text in data_files.items()})
    for path in written:
        path.with_name(path.name + ".gz").unlink(missing_ok=True)
    for path, text in written.items():
        path.write_text(text, encoding="utf-8")
    return list(written)


def compressible(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.suffix in COMPRESSIBLE and path.is_file()]


def precompress(paths: list[Path]) -> None:
    """Write file.gz beside each text file, for nginx's gzip_static."""
    for path in paths:
        data = path.read_bytes()
        if len(data) > 512:
            path.with_name(path.name + ".gz").write_bytes(gzip.compress(data, compresslevel=6, mtime=0))


def swap(staging: Path, site_dir: Path) -> None:
    """Replace ``site_dir`` with ``staging`` in two renames: readers never see half a site.

    The old site is deleted by a process of its own, so the build does not wait for thousands of
    files to be removed (a folder left by an interrupted deletion is named .site-old-*)."""
    old = site_dir.with_name(f".site-old-{os.getpid()}-{time.monotonic_ns()}")
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    if old.exists():  # a shell that starts rm in the background and exits at once: nothing is left to reap
        subprocess.run(["sh", "-c", 'rm -rf -- "$1" >/dev/null 2>&1 &', "sh", str(old)], check=False)
