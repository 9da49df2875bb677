"""Start a new case: a data stub and both page texts, ready to fill in.

    python -m fraudsite.newcase [SLUG] [--root DIR] [--county ID] [--type ID] [--date YYYY-MM-DD]
    make new-case SLUG=2026-county-example

Writes data/cases/<slug>.yml, docs/cases/<slug>.zh.md and docs/cases/<slug>.en.md
from the templates in fraudsite/templates/. It never overwrites a file. The stub
holds no invented fact: its numbers, date, county, types and status are empty
unless given on the command line, and its text says 待填写 / TODO. `make serve`
shows it at once as a draft (with a banner saying what is left); `make site`
refuses to publish it until everything is filled in.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path
from string import Template

import yaml

from .pages import DATED_NAME as SLUG

TEMPLATES = Path(__file__).resolve().parent / "templates"


class NewCaseError(Exception):
    """A problem the contributor can fix: bad slug, unknown id, existing file."""


@dataclass(frozen=True)
class Choices:
    slug: str
    county: str | None
    scam_type: str | None
    date: dt.date | None


def check_slug(slug: str, today: dt.date | None = None) -> str:
    """Return ``slug`` if it is a valid case slug, else raise NewCaseError."""
    slug = slug.strip()
    match = SLUG.fullmatch(slug)
    if not match:
        raise NewCaseError(f"'{slug}' is not a valid slug / 案件名称不合规: use lower-case letters, digits and "
                           "hyphens, starting with the year, e.g. 2026-county-example")
    year = int(match.group("year"))
    if not 1990 <= year <= (today or dt.date.today()).year:
        raise NewCaseError(f"'{slug}' does not start with a plausible year / 开头应是案发年份, e.g. 2026-county-example")
    return slug


def targets(root: Path, slug: str) -> dict[str, Path]:
    """Template name -> file it becomes."""
    return {
        "case.yml": root / "data" / "cases" / f"{slug}.yml",
        "case.zh.md": root / "docs" / "cases" / f"{slug}.zh.md",
        "case.en.md": root / "docs" / "cases" / f"{slug}.en.md",
    }


def refuse_existing(paths: dict[str, Path], root: Path) -> None:
    existing = [str(path.relative_to(root)) for path in paths.values() if path.exists()]
    if existing:
        raise NewCaseError("already exists, not overwritten / 文件已存在，不会覆盖: " + ", ".join(existing))


def load_catalogue(root: Path) -> dict:
    return yaml.safe_load((root / "data" / "catalogue.yml").read_text(encoding="utf-8"))


def check_choice(kind: str, value: str | None, known: dict) -> None:
    if value is not None and value not in known:
        raise NewCaseError(f"unknown {kind} '{value}' / 未知的{kind}; use one of: {', '.join(known)}")


def fill(template: str, choices: Choices, catalogue: dict) -> str:
    text = (TEMPLATES / template).read_text(encoding="utf-8")
    if choices.scam_type:
        names = catalogue["scam_types"][choices.scam_type]
        link_zh = f"[{names['zh']}](../scams/{choices.scam_type}.md)"
        link_en = f"[{names['en']}](../scams/{choices.scam_type}.md)"
    else:
        link_zh, link_en = "[骗局类型](../scams/index.md)", "[Scam types](../scams/index.md)"
    return Template(text).substitute(
        slug=choices.slug, date=choices.date.isoformat() if choices.date else "", county=choices.county or "",
        scam_type=choices.scam_type or "", scam_link_zh=link_zh, scam_link_en=link_en,
    )


def create_case(root: Path, slug: str, county: str | None = None, scam_type: str | None = None,
                date: dt.date | None = None) -> list[Path]:
    """Write the three files of a new case under ``root``; return their paths."""
    today = dt.date.today()
    choices = Choices(check_slug(slug, today), county, scam_type, date)
    if choices.date and choices.date > today:
        raise NewCaseError(f"{choices.date.isoformat()} is in the future / 日期不能晚于今天")
    catalogue = load_catalogue(root)
    check_choice("county", county, catalogue["counties"])
    check_choice("scam type", scam_type, catalogue["scam_types"])
    paths = targets(root, choices.slug)
    refuse_existing(paths, root)
    for template, path in paths.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(fill(template, choices, catalogue), encoding="utf-8")
    return list(paths.values())


def next_steps(root: Path, paths: list[Path]) -> str:
    data, zh, en = (str(path.relative_to(root)) for path in paths)
    slug = paths[0].stem
    return "\n".join([
        "已创建 / Created:", *(f"  {name}" for name in (data, zh, en)), "",
        "接下来请填写：",
        f"  1. {data}：填好每个空着的字段：标题、日期、县市（county）、骗局类型（types）、状态（status）、概要、"
        "来源（source），以及各项数字（facts）；可用的取值在 data/catalogue.yml。",
        f"  2. {zh}：描述（description）、标题、概要、经过、教训；数字只用标记引用，例如 {{{{ figure case.{slug}.loss }}}}。",
        f"  3. {en}：同样的内容，英文。",
        "  4. 删掉所有“待填写”。没填完之前，make serve 会把它当作草稿显示，make site 不会发布它。",
        "", "Next, fill in:",
        f"  1. {data}: fill in every empty field: title, date, county, types, status, summary, source and "
        "the figures (facts); the allowed values are in data/catalogue.yml.",
        f"  2. {zh}: the Chinese description, title, summary, how it happened and lessons; "
        f"refer to figures with markers such as {{{{ figure case.{slug}.loss }}}}, never type them.",
        f"  3. {en}: the same in English.",
        "  4. Remove every TODO. Until then make serve shows the case as a draft and make site does not publish it.",
        "", "预览 / Preview: make serve, then open http://127.0.0.1:8000/cases/ (English: /en/cases/).",
        "See CONTRIBUTING.md for the markers and what each build error means.",
    ])


def ask_slug(stream=None) -> str:
    stream = stream or sys.stdin
    print("案件名称（如 2026-county-example）/ Case slug (e.g. 2026-county-example): ", end="", flush=True)
    return stream.readline().strip()


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m fraudsite.newcase", description=__doc__.splitlines()[0])
    parser.add_argument("slug", nargs="?", help="e.g. 2026-county-example (asked for when missing)")
    parser.add_argument("--root", type=Path, default=Path("."),
                        help="the site's folder (default: the current folder, as `fraudsite new-case` runs in it)")
    parser.add_argument("--county", default=None, help="county id from data/catalogue.yml (default: left empty)")
    parser.add_argument("--type", dest="scam_type", default=None,
                        help="scam type id from data/catalogue.yml (default: left empty)")
    parser.add_argument("--date", type=dt.date.fromisoformat, default=None,
                        help="the day of the crime, YYYY-MM-DD (default: left empty)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    root = args.root.resolve()
    try:
        paths = create_case(root, args.slug or ask_slug(), args.county, args.scam_type, args.date)
    except NewCaseError as error:
        print(f"new-case: {error}", file=sys.stderr)
        return 1
    print(next_steps(root, paths))
    return 0


if __name__ == "__main__":
    sys.exit(main())
