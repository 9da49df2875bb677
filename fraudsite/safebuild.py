"""Build the site without ever losing the last good one.

MkDocs empties site/ before it has validated anything, so a bad edit would
take the published output down with it. Here MkDocs builds into a fresh
temporary folder beside site/; only a fully successful build replaces site/,
in two renames. The built files are then pre-compressed for nginx's
gzip_static.

    python -m fraudsite.safebuild [--config-file mkdocs.yml] [--site-dir site]
"""
from __future__ import annotations

import argparse
import gzip
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".xml", ".csv", ".txt", ".map"}


class BuildFailed(Exception):
    pass


def build(config_file: Path, site_dir: Path, env: dict | None = None) -> None:
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-build-", dir=site_dir.parent))
    try:
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config_file),
             "--site-dir", str(staging)],
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
            capture_output=True, text=True,
        )
        if result.returncode != 0:
            raise BuildFailed(_failure_message(result.stdout + result.stderr, site_dir))
        precompress(staging)
        _swap(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _failure_message(output: str, site_dir: Path) -> str:
    lines = [line for line in output.splitlines() if not line.startswith("INFO") and line.strip()]
    text = "\n".join(lines[-40:])
    if "How to fix" not in text:
        text += ("\n    How to fix: the message above comes from MkDocs itself; if it names a setting, check "
                 "mkdocs.yml (its syntax and the setting's name), if it names a page, check that page's links.")
    return text + f"\n\nBuild failed; {site_dir.name}/ was left exactly as it was."


def precompress(folder: Path) -> None:
    """Write file.gz beside each text file, for nginx's gzip_static."""
    for path in folder.rglob("*"):
        if path.suffix in COMPRESSIBLE and path.is_file():
            data = path.read_bytes()
            if len(data) > 512:
                path.with_name(path.name + ".gz").write_bytes(gzip.compress(data, compresslevel=9, mtime=0))


def _swap(staging: Path, site_dir: Path) -> None:
    old = site_dir.with_name(f".site-old-{os.getpid()}")
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--site-dir", type=Path, default=Path("site"))
    args = parser.parse_args(argv)
    try:
        build(args.config_file, args.site_dir)
    except BuildFailed as error:
        print(error, file=sys.stderr)
        return 1
    print(f"Built {args.site_dir}/ (pre-compressed for gzip_static).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
