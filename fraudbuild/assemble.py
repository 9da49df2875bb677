"""Two languages' builds become one site.

The default language's build is the site; each other language's process
built into a folder of its own, with its pages under <lang>/ and, at its root,
its 404 page and a copy of the theme's files. Its pages and search index move
into the site, its 404 page becomes <lang>/404.html, and the rest is dropped
(the theme files are the same bytes). Then come the files that belong to no
language: the sitemap (with every page's translations), robots.txt and the
open data.
"""
from __future__ import annotations

import gzip
import os
import shutil
from pathlib import Path

from fraudsite import i18n, opendata
from fraudsite.model import Dataset

COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".xml", ".csv", ".txt", ".map"}


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


def write_shared_files(site: Path, data_files: dict[str, str], neutral_urls: list[str], site_url: str) -> None:
    urls = sorted(set(neutral_urls), key=lambda url: (url.count("/"), url))
    (site / "sitemap.xml").write_text(i18n.sitemap(urls, site_url), encoding="utf-8")
    for lang in i18n.LANGUAGES:
        if i18n.prefix(lang):  # Material fetches <base>/sitemap.xml on every page: each language root has one
            (site / i18n.prefix(lang) / "sitemap.xml").write_text(i18n.sitemap(urls, site_url, (lang,)),
                                                                  encoding="utf-8")
    (site / "sitemap.xml.gz").unlink(missing_ok=True)
    (site / "robots.txt").write_text(i18n.robots_txt(site_url), encoding="utf-8")
    for name, text in data_files.items():
        (site / name).write_text(text, encoding="utf-8")


def compressible(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.suffix in COMPRESSIBLE and path.is_file()]


def precompress(paths: list[Path]) -> None:
    """Write file.gz beside each text file, for nginx's gzip_static."""
    for path in paths:
        data = path.read_bytes()
        if len(data) > 512:
            path.with_name(path.name + ".gz").write_bytes(gzip.compress(data, compresslevel=6, mtime=0))


def swap(staging: Path, site_dir: Path) -> None:
    """Replace ``site_dir`` with ``staging`` in two renames: readers never see half a site."""
    old = site_dir.with_name(f".site-old-{os.getpid()}")
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
