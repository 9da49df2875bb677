"""`fraudsite init DIR`: write a new, neutral site for a centre into DIR.

The files are package data (fraudbuild/starter/site/), so an installed engine carries them: the site it
writes names the engine as a dependency and holds no engine file of its own. Its identity, its example
source, figure, case and update are placeholders (待填写 / TODO): `fraudsite serve` shows them, and a
release build refuses to publish while one is left, naming its file and line.
"""
from __future__ import annotations

import argparse
import shutil
import sys
from importlib import resources
from pathlib import Path

# Files stored under another name in the package: setuptools leaves out hidden files, and a
# .gitignore inside this repository would act on the starter's own folder.
RENAMED = {"gitignore": ".gitignore"}


class InitError(Exception):
    """A problem the user can fix: the target folder is not empty, or is a file."""


def starter_files() -> Path:
    return Path(str(resources.files(__package__) / "site"))


def write_site(target: Path) -> list[Path]:
    """Copy the starter into ``target`` (new or empty); return the files written, relative to it."""
    if target.exists() and not target.is_dir():
        raise InitError(f"{target} is a file, not a folder / 这是一个文件，不是文件夹")
    if target.is_dir() and any(target.iterdir()):
        raise InitError(f"{target} is not empty; init writes only into a new or empty folder, so that it never "
                        f"overwrites anything / 文件夹不是空的，init 只写入新的或空的文件夹")
    source = starter_files()
    shutil.copytree(source, target, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for stored, name in RENAMED.items():
        for path in target.rglob(stored):
            path.rename(path.with_name(name))
    return sorted(path.relative_to(target) for path in target.rglob("*") if path.is_file())


def next_steps(target: Path, written: list[Path]) -> str:
    return "\n".join([
        f"Wrote {len(written)} files into {target} / 已写入 {len(written)} 个文件.", "",
        "Next / 接下来:",
        f"  cd {target}",
        "  1. requirements.txt: name the engine's repository and tag (see README.md).",
        "  2. make serve: preview on http://127.0.0.1:8000/; every 待填写 / TODO shows as a draft.",
        "  3. Fill in data/site.yml, data/sources.yml and the text of your first report (sources/),",
        "     data/figures.yml, the example case and update, and the pages' 待填写 / TODO.",
        "  4. make test: builds the site for publishing and checks it; it names each placeholder left.",
        "See README.md, 'Start here'.",
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="fraudsite init", description=__doc__.splitlines()[0])
    parser.add_argument("dir", type=Path, help="a new or empty folder")
    args = parser.parse_args(argv)
    try:
        written = write_site(args.dir)
    except InitError as error:
        print(f"fraudsite init: {error}", file=sys.stderr)
        return 1
    print(next_steps(args.dir, written))
    return 0


if __name__ == "__main__":
    sys.exit(main())
