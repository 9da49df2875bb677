"""Start a new update: both page texts, ready to fill in.

    python -m fraudsite.newupdate [SLUG] [--root DIR]
    make new-update SLUG=2026-05-01-example

Writes docs/updates/<slug>.zh.md and docs/updates/<slug>.en.md from the templates
in fraudsite/templates/. It never overwrites a file. The stub holds no invented
fact: its text says 待填写 / TODO, and its date is the day the slug starts with
(when it starts with one, YYYY-MM-DD), else empty. `make serve` shows it at once
as a draft (with a banner saying what is left); `make site` refuses to publish it
until everything is filled in. The date lives in the Chinese page only.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from string import Template

from .newcase import TEMPLATES, NewCaseError, refuse_existing
from .errors import SiteInputError
from .updates import FOLDER, SLUG, day_in_name


def check_slug(slug: str, today: dt.date | None = None) -> str:
    """Return ``slug`` if it is a valid update slug, else raise NewCaseError."""
    slug = slug.strip()
    match = SLUG.fullmatch(slug)
    if not match:
        raise NewCaseError(f"'{slug}' is not a valid name / 动态名称不合规: use lower-case letters, digits and "
                           "hyphens, starting with the date or the year, e.g. 2026-05-01-example")
    today = today or dt.date.today()
    if not 2000 <= int(match.group("year")) <= today.year:
        raise NewCaseError(f"'{slug}' does not start with a plausible year / 开头应是年份, e.g. 2026-05-01-example")
    day = day_of(slug)
    if day is not None and day > today:
        raise NewCaseError(f"'{slug}' starts with {day.isoformat()}, which is in the future / 日期不能晚于今天")
    return slug


def day_of(slug: str) -> dt.date | None:
    """The day a slug starts with (2026-05-01-example), if any; one shaped like a day that is none is refused."""
    try:
        return day_in_name(slug)
    except SiteInputError as error:
        raise NewCaseError(f"{error.problem} / 开头的日期不存在, e.g. 2026-05-01-example") from None


def targets(root: Path, slug: str) -> dict[str, Path]:
    return {f"update.{lang}.md": root / "docs" / FOLDER / f"{slug}.{lang}.md" for lang in ("zh", "en")}


def create_update(root: Path, slug: str, today: dt.date | None = None) -> list[Path]:
    """Write the two pages of a new update under ``root``; return their paths."""
    slug = check_slug(slug, today)
    day = day_of(slug)
    paths = targets(root, slug)
    refuse_existing(paths, root)
    for template, path in paths.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        text = Template((TEMPLATES / template).read_text(encoding="utf-8")).substitute(
            date=f" {day.isoformat()}" if day else "")
        path.write_text(text, encoding="utf-8")
    return list(paths.values())


def next_steps(root: Path, paths: list[Path]) -> str:
    zh, en = (str(path.relative_to(root)) for path in paths)
    return "\n".join([
        "已创建 / Created:", f"  {zh}", f"  {en}", "",
        "接下来请填写：",
        f"  1. {zh}：date（所讲新闻的发布日期，YYYY-MM-DD，只写在中文页）、description（一句话）、标题、正文和来源；"
        "只写来源里有的事实，数字只用标记引用，例如 {{ figure 编号 }}。",
        f"  2. {en}：同样的内容，英文（不写 date）。",
        "  3. 删掉所有“待填写”。没填完之前，make serve 会把它当作草稿显示，make site 不会发布它。",
        "", "Next, fill in:",
        f"  1. {zh}: the date (the day the news was published, YYYY-MM-DD, written in the Chinese page only), the "
        "description (one sentence), the title, the text and the source; write only facts the source states, and "
        "refer to figures with markers such as {{ figure ID }}, never type them.",
        f"  2. {en}: the same in English (no date).",
        "  3. Remove every TODO. Until then make serve shows the update as a draft and make site does not publish it.",
        "", "预览 / Preview: make serve, then open http://127.0.0.1:8000/updates/ (English: /en/updates/).",
        "See CONTRIBUTING.md (添加动态 / Add an update).",
    ])


def ask_slug(stream=None) -> str:
    stream = stream or sys.stdin
    print("动态名称（如 2026-05-01-example）/ Update name (e.g. 2026-05-01-example): ", end="", flush=True)
    return stream.readline().strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m fraudsite.newupdate", description=__doc__.splitlines()[0])
    parser.add_argument("slug", nargs="?", help="e.g. 2026-05-01-example (asked for when missing)")
    parser.add_argument("--root", type=Path, default=Path("."),
                        help="the site's folder (default: the current folder, as `fraudsite new-update` runs in it)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    try:
        paths = create_update(root, args.slug or ask_slug())
    except NewCaseError as error:
        print(f"new-update: {error}", file=sys.stderr)
        return 1
    print(next_steps(root, paths))
    return 0


if __name__ == "__main__":
    sys.exit(main())
