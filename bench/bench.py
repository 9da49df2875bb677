"""How the build scales with the number of cases.

    python bench/bench.py [--sizes 100,1000,3000] [--keep]

For each N: copy the project to a temporary folder, create N synthetic cases
through fraudsite.newcase (one page per language each, see fraudsite/synthetic.py),
then measure, in the same run:

  build     full `mkdocs build` (both languages), timed inside the build process,
            with the hooks' own seconds (fraudsite.timing.TIMER)
  floor     plain markdown.Markdown over the same 2N case pages, with the
            extensions of mkdocs.yml
  no-hooks  the same site built without the project's hooks (markers stripped)
  largest   the largest HTML page of the built site
  search    each language's search index, raw and gzipped, and whether it
            holds only that language

Prints numbers and ratios, not verdicts.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fraudsite import pages, synthetic  # noqa: E402
from fraudsite.project import copy_project  # noqa: E402

MARKER = re.compile(r"\{\{[^{}]*\}\}")
CJK = re.compile(r"[\u4e00-\u9fff]")

# Runs inside the build subprocess: build like `mkdocs build`, then report the time
# the build took and the hooks' own seconds (every hook adds to fraudsite.timing.TIMER).
WRAPPER = r"""
import json, sys, time
from mkdocs.commands.build import build
from mkdocs.config import load_config
config = load_config(config_file=sys.argv[1], site_dir=sys.argv[2])
config.plugins.on_startup(command="build", dirty=False)
start = time.perf_counter()
try:
    build(config)
finally:
    config.plugins.on_shutdown()
seconds = time.perf_counter() - start
timing = sys.modules.get("fraudsite.timing")
hooks = timing.TIMER["seconds"] if timing and (timing.__file__ or "").startswith(sys.argv[3]) else 0.0
print("BENCH " + json.dumps({"build": seconds, "hooks": hooks, "timers": [["fraudsite.timing", hooks]]}))
"""


def timed_build(project: Path, config: Path) -> dict:
    site = project / "site"
    shutil.rmtree(site, ignore_errors=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    wall = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", WRAPPER, str(config), str(site), str(project)],
                            cwd=project, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - wall
    if result.returncode != 0:
        raise SystemExit(f"build of {config} failed:\n{(result.stdout + result.stderr)[-4000:]}")
    line = next(line for line in result.stdout.splitlines() if line.startswith("BENCH "))
    return {**json.loads(line[len("BENCH "):]), "wall": wall}


def markdown_extensions(config: Path) -> tuple[list, dict]:
    from mkdocs.utils.yaml import yaml_load
    with open(config, encoding="utf-8") as stream:
        data = yaml_load(stream)
    names, configs = [], {}
    for item in data.get("markdown_extensions", []):
        if isinstance(item, dict):
            (name, options), = item.items()
            names.append(name)
            configs[name] = options or {}
        else:
            names.append(item)
    return names, configs


def markdown_floor(config: Path, files: list[Path]) -> float:
    import markdown
    names, configs = markdown_extensions(config)
    converter = markdown.Markdown(extensions=names, extension_configs=configs)
    texts = [pages.split_front_matter(path.read_text(encoding="utf-8"))[1] for path in files]
    start = time.perf_counter()
    for text in texts:
        converter.reset()
        converter.convert(text)
    return time.perf_counter() - start


def without_hooks(project: Path) -> Path:
    """A copy of the project's config without hooks, and its pages without markers."""
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"^hooks:\n(?:[ \t]+-.*\n)+", "", config, flags=re.M)
    bare = project / "mkdocs-no-hooks.yml"
    bare.write_text(config, encoding="utf-8")
    for path in (project / "docs").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        if MARKER.search(text):
            path.write_text(MARKER.sub("", text), encoding="utf-8")
    return bare


def largest_page(site: Path) -> tuple[int, str]:
    return max((path.stat().st_size, str(path.relative_to(site))) for path in site.rglob("*.html"))


def search_index(site: Path, lang: str) -> dict:
    """Size of one language's index, and how many entries do not point to a page of that language."""
    base = site if lang == "zh" else site / "en"
    raw = (base / "search" / "search_index.json").read_bytes()
    docs = json.loads(raw)["docs"]
    foreign = sum(1 for doc in docs if not _page_of_language(base, doc["location"], lang))
    cjk = sum(1 for doc in docs if CJK.search(doc.get("title", "") + doc.get("text", "")))
    return {"raw": len(raw), "gzip": len(gzip.compress(raw, 9)), "entries": len(docs), "foreign": foreign,
            "cjk": cjk}


def _page_of_language(base: Path, location: str, lang: str) -> bool:
    """True if ``location`` (relative to the language's root) is a page in ``lang``."""
    path = location.split("#", 1)[0]
    if lang == "zh" and path.startswith("en/"):
        return False
    page = base / path / "index.html" if path.endswith("/") or not path else base / path
    if not page.is_file():
        return False
    return f'<html lang="{lang}"' in page.read_text(encoding="utf-8")[:2000]


def run_size(n: int, workdir: Path) -> dict:
    project = copy_project(workdir / f"n{n}")
    started = time.perf_counter()
    slugs = synthetic.make_cases(project, n)
    generate = time.perf_counter() - started
    case_files = [project / "docs" / "cases" / f"{slug}.{lang}.md" for slug in slugs for lang in ("zh", "en")]
    full = timed_build(project, project / "mkdocs.yml")
    site = project / "site"
    size, path = largest_page(site)
    indexes = {lang: search_index(site, lang) for lang in ("zh", "en")}
    pages_built = sum(1 for _ in site.rglob("index.html"))
    floor = markdown_floor(project / "mkdocs.yml", case_files)
    bare = timed_build(project, without_hooks(project))
    return {"n": n, "generate": generate, "build": full["build"], "wall": full["wall"], "hooks": full["hooks"],
            "timers": full["timers"], "floor": floor, "no_hooks": bare["build"], "largest": size,
            "largest_path": path, "search": indexes, "pages": pages_built}


def report(results: list[dict]) -> None:
    print()
    header = (f"{'N':>5} {'pages':>6} {'gen s':>6} {'build s':>8} {'wall s':>7} {'hooks s':>8} {'floor s':>8} "
              f"{'no-hooks s':>10} {'build/floor':>11} {'build/no-hooks':>14} {'hooks share':>11} {'largest B':>10}  largest page")
    print(header)
    print("-" * len(header))
    for r in results:
        print(f"{r['n']:>5} {r['pages']:>6} {r['generate']:>6.1f} {r['build']:>8.2f} {r['wall']:>7.2f} "
              f"{r['hooks']:>8.2f} {r['floor']:>8.2f} {r['no_hooks']:>10.2f} {r['build'] / r['floor']:>11.1f} "
              f"{r['build'] / r['no_hooks']:>14.2f} "
              f"{r['hooks'] / r['build']:>11.1%} {r['largest']:>10}  {r['largest_path']}")
    print()
    print(f"{'N':>5} {'lang':>4} {'index B':>10} {'gzip B':>9} {'entries':>8} {'not this language':>18} {'with CJK':>9}")
    for r in results:
        for lang, index in r["search"].items():
            print(f"{r['n']:>5} {lang:>4} {index['raw']:>10} {index['gzip']:>9} {index['entries']:>8} "
                  f"{index['foreign']:>18} {index['cjk']:>9}")
    print("\n(not this language: entries whose location starts with 'en/' (zh) or does not lead to a built page"
          " with <html lang> of the index's language; with CJK: entries with Chinese characters, e.g. quoted terms)")
    by_n = {r["n"]: r for r in results}
    print()
    for r in results:
        print(f"N={r['n']}: hook timers {r['timers']}")
    if 1000 in by_n and 3000 in by_n:
        print(f"build(3000) / build(1000) = {by_n[3000]['build'] / by_n[1000]['build']:.2f}")
    if 100 in by_n and 1000 in by_n:
        print(f"build(1000) / build(100)  = {by_n[1000]['build'] / by_n[100]['build']:.2f}")
    smallest, biggest = results[0], results[-1]
    if smallest is not biggest:
        print(f"largest({biggest['n']}) / largest({smallest['n']}) = {biggest['largest'] / smallest['largest']:.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,3000", help="comma-separated numbers of cases")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects")
    args = parser.parse_args(argv)
    sizes = sorted(int(size) for size in args.sizes.split(","))
    workdir = Path(tempfile.mkdtemp(prefix="fraudsite-bench-"))
    results = []
    try:
        for n in sizes:
            print(f"N={n}: generating and building ...", flush=True)
            results.append(run_size(n, workdir))
            print(json.dumps({k: v for k, v in results[-1].items() if k != "timers"}), flush=True)
    finally:
        if args.keep:
            print(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    report(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
