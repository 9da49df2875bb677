"""How fast the site builds and previews as cases pile up, measured in one run.

    python bench/bench.py [--sizes 1000,3000] [--runs 2] [--edits 3]   (make bench)

For each N: copy the project to a temporary folder and create N synthetic cases
through fraudsite.newcase (one page per language each, see fraudsite/synthetic.py).
Then, in the same run:

  site      `make site`'s own path, python -m fraudbuild.build: both languages at
            once, every check, pre-compressed output (wall time of the process)
  stock     the same content built the stock way: `mkdocs build` of the project's
            mkdocs.yml without the project's hook (markers stripped), i.e. Material
            with mkdocs-static-i18n building the two languages one after the other
  preview   `make serve` (python -m fraudbuild.serve): from saving a file to the
            served pages showing the change, polled over HTTP as a browser would:
            - a case page edited (the page itself);
            - the newest case's data file edited: new titles and a new loss, until the
              case page in both languages, the case list, the home page, the totals
              and the English search index all show it
  weight    the largest page, the home page, each language's search index

Builds alternate (site, stock, site, stock …) so that both meet the same machine.
It prints numbers and ratios, and the targets beside them; no verdicts are asserted.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from fraudsite import synthetic  # the project is installed in the virtual environment (make setup)
from fraudsite.project import SOURCE_DOCUMENT, copy_project, free_port, stop

ROOT = Path(__file__).resolve().parent.parent

MARKER = re.compile(r"\{\{[^{}]*\}\}")
TARGETS = {1000: 0.60, 3000: 0.55}
PREVIEW_TARGET = 3.0
GROWTH_TARGET = 3.2


def environment(project: Path, port: int = 8000) -> dict:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": str(project),
           "SITE_URL": f"http://127.0.0.1:{port}/", "CORRECTIONS_CONTACT": "bench@dali.example",
           "FRAUDSITE_LOCAL_RELEASE": "1"}  # served on loopback
    if SOURCE_DOCUMENT.exists():
        env["FRAUDSITE_SOURCE_DOCUMENT"] = str(SOURCE_DOCUMENT)
    return env


def timed(command: list[str], cwd: Path, env: dict) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{(result.stdout + result.stderr)[-4000:]}")
    return seconds


def site_build(project: Path) -> float:
    shutil.rmtree(project / "site", ignore_errors=True)
    return timed([sys.executable, "-m", "fraudbuild.build", "--site-dir", "site"], project, environment(project))


def stock_project(project: Path, workdir: Path) -> Path:
    """The same pages and config without the project's hook, markers stripped."""
    stock = workdir / "stock"
    shutil.copytree(project, stock, ignore=shutil.ignore_patterns("site", "stock-site"))
    config = (stock / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"^hooks:\n(?:[ \t]+-.*\n)+", "", config, flags=re.M)
    (stock / "mkdocs.yml").write_text(config, encoding="utf-8")
    for path in (stock / "docs").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        if MARKER.search(text):
            path.write_text(MARKER.sub("", text), encoding="utf-8")
    return stock


def stock_build(stock: Path) -> float:
    shutil.rmtree(stock / "stock-site", ignore_errors=True)
    return timed([sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", "stock-site"], stock,
                 environment(stock))


# --------------------------------------------------------------------------- the preview

def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait(condition, limit: float = 120.0) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        if condition():
            return time.perf_counter() - started
        time.sleep(0.05)
    raise SystemExit(f"the preview did not show the change within {limit} s")


def preview(project: Path, edits: int) -> dict:
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    log = open(project / "serve.log", "w")
    started = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-m", "fraudbuild.serve", "--address", f"127.0.0.1:{port}"],
                              cwd=project, env=environment(project, port), stdout=log, stderr=subprocess.STDOUT)
    try:
        first = _wait(lambda: '"build": 1' in _get(url + "__preview__/status?since=-1")
                      or '"build":1' in _get(url + "__preview__/status?since=-1"), 600)
        page_times, data_times = [], []
        newest = _newest_case(project)
        for round_ in range(edits):
            page_times.append(_edit_page(project, url, newest, round_))
            data_times.append(_edit_data(project, url, newest, round_))
        return {"first": first, "page": page_times, "data": data_times, "startup": time.perf_counter() - started}
    finally:
        stop(server, timeout=30)
        log.close()


def _newest_case(project: Path) -> str:
    import yaml
    dated = []
    for path in (project / "data" / "cases").glob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        dated.append((str(data.get("date") or data.get("reported")), path.stem))
    return max(dated)[1]


def _edit_page(project: Path, url: str, slug: str, round_: int) -> float:
    page = project / "docs" / "cases" / f"{slug}.zh.md"
    sentence = f"编辑测试第{'一二三四五六七八九'[round_ % 9]}轮。"
    page.write_text(page.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")
    return _wait(lambda: sentence in _get(url + f"cases/{slug}/"))


def _edit_data(project: Path, url: str, slug: str, round_: int) -> float:
    import yaml
    path = project / "data" / "cases" / f"{slug}.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    mark = "甲乙丙丁戊己庚辛"[round_ % 8]
    data["title"] = {"zh": f"修改标题{mark}", "en": f"Edited title {'ABCDEFGH'[round_ % 8]}"}
    data["facts"]["loss"]["value"] = (round_ + 2) * 1_110_000
    from fraudsite.formatting import money
    loss_zh, loss_en = (money(data["facts"]["loss"]["value"], lang) for lang in ("zh", "en"))
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    zh, en = data["title"]["zh"], data["title"]["en"]

    def everywhere() -> bool:
        """The case's facts in both languages, the case list, the home page and search (the statistics page no
        longer adds up the cases: unrelated cases do not add up)."""
        return (loss_zh in _get(url + f"cases/{slug}/") and loss_en in _get(url + f"en/cases/{slug}/")
                and zh in _get(url + "cases/") and en in _get(url + "en/")
                and en in _get(url + "en/search/search_index.json"))
    return _wait(everywhere)


# --------------------------------------------------------------------------- weight

def weight(site: Path) -> dict:
    largest = max((path.stat().st_size, str(path.relative_to(site))) for path in site.rglob("*.html"))
    home = (site / "index.html").read_bytes()
    out = {"largest": largest, "home": len(home), "home_gz": len(gzip.compress(home, 6))}
    for lang, base in (("zh", site), ("en", site / "en")):
        raw = (base / "search" / "search_index.json").read_bytes()
        out[f"index_{lang}"] = (len(raw), len(gzip.compress(raw, 6)), len(json.loads(raw)["docs"]))
    out["pages"] = sum(1 for _ in site.rglob("index.html"))
    return out


# --------------------------------------------------------------------------- the run

def run_size(n: int, workdir: Path, runs: int, edits: int) -> dict:
    project = copy_project(workdir / f"n{n}" / "project")
    started = time.perf_counter()
    synthetic.make_cases(project, n)
    generated = time.perf_counter() - started
    stock = stock_project(project, workdir / f"n{n}")
    site_times, stock_times = [], []
    for _ in range(runs):
        site_times.append(site_build(project))
        stock_times.append(stock_build(stock))
    result = {"n": n, "generate": generated, "site": site_times, "stock": stock_times, "weight": weight(project / "site")}
    result["preview"] = preview(project, edits)
    return result


def report(results: list[dict]) -> None:
    print()
    print(f"{'N':>5} {'pages':>6} {'site s':>14} {'stock s':>14} {'site/stock':>10} {'target':>7} "
          f"{'edit page s':>12} {'edit data s':>12} {'target':>7} {'first build s':>13}")
    for r in results:
        ratio = statistics.median(r["site"]) / statistics.median(r["stock"])
        times = lambda values: "/".join(f"{v:.1f}" for v in values)  # noqa: E731
        page, data = r["preview"]["page"], r["preview"]["data"]
        print(f"{r['n']:>5} {r['weight']['pages']:>6} {times(r['site']):>14} {times(r['stock']):>14} {ratio:>10.2f} "
              f"{TARGETS.get(r['n'], float('nan')):>7.2f} {statistics.median(page):>6.2f} (≤{max(page):.2f}) "
              f"{statistics.median(data):>5.2f} (≤{max(data):.2f}) {PREVIEW_TARGET:>7.1f} {r['preview']['first']:>13.1f}")
    by_n = {r["n"]: r for r in results}
    if 1000 in by_n and 3000 in by_n:
        growth = statistics.median(by_n[3000]["site"]) / statistics.median(by_n[1000]["site"])
        print(f"\nsite(3000) / site(1000) = {growth:.2f}   (target ≤ {GROWTH_TARGET})")
    print(f"\n{'N':>5} {'largest page B':>15} {'home B':>8} {'home gz B':>10} {'zh index B':>11} {'gz':>8} "
          f"{'entries':>8} {'en index B':>11} {'gz':>8} {'entries':>8}")
    for r in results:
        w = r["weight"]
        print(f"{r['n']:>5} {w['largest'][0]:>15} {w['home']:>8} {w['home_gz']:>10} {w['index_zh'][0]:>11} "
              f"{w['index_zh'][1]:>8} {w['index_zh'][2]:>8} {w['index_en'][0]:>11} {w['index_en'][1]:>8} "
              f"{w['index_en'][2]:>8}")
    print("\n(site/stock: medians of the runs; edit times: median and slowest of the edits, from saving the file "
          "to the served pages showing the change)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,3000", help="comma-separated numbers of cases per language")
    parser.add_argument("--runs", type=int, default=2, help="builds of each kind per size")
    parser.add_argument("--edits", type=int, default=3, help="edits of each kind in the preview")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects")
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="fraudsite-bench-"))
    results = []
    try:
        for n in sorted(int(size) for size in args.sizes.split(",")):
            print(f"N={n}: generating, building (site and stock, {args.runs} each), previewing …", flush=True)
            results.append(run_size(n, workdir, args.runs, args.edits))
            print(json.dumps(results[-1], default=str), flush=True)
    finally:
        if args.keep:
            print(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    report(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
