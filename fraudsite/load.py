"""Load every data file, validate it and build the Dataset pages render from."""
from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from . import extras, identity, schema, sources, terms
from .derive import arity, derive, run_check
from .errors import Problems, SiteInputError
from .model import (NO_PERIOD, Bar, Case, Catalogue, Chart, Dataset, Draft, Figure, Group, Measure, Period, SourceQuote,
                    Term)
from .suggest import closest
from .yamlfile import LocatedData, load_yaml

DATE_UNITS = {"date", "datetime"}
DATA_FILES = {identity.FILE, sources.FILE, "catalogue.yml", "figures.yml", "glossary.yml", *extras.FILES}
UNFINISHED = re.compile(r"\bTODO\b|待填写")
EARLIEST_CASE = dt.date(2000, 1, 1)


def load_dataset(data_dir: Path, today: dt.date | None = None, root: Path | None = None,
                 cache: dict | None = None) -> Dataset:
    """Read ``data_dir`` (catalogue.yml, figures.yml, glossary.yml, cases/*.yml and the extras).

    ``root`` only shortens the file names in error messages. ``cache`` (the preview
    passes one) keeps each file's parsed YAML until the file changes, so loading
    again after one edit reads one file, not thousands.
    """
    today = today or dt.date.today()
    root = root or data_dir.parent

    def read(path: Path) -> LocatedData:
        if cache is None:
            return load_yaml(path, os.path.relpath(path, root))
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
        hit = cache.get(path)
        if hit is None or hit[0] != stamp:
            hit = cache[path] = (stamp, load_yaml(path, os.path.relpath(path, root)))
        return hit[1]

    check_layout(data_dir, root)
    site_identity = identity.load(read(_required(data_dir / identity.FILE, root,
                                                 "it names the centre, its hotlines and who publishes the site")))
    catalogue = _load_catalogue(read(data_dir / "catalogue.yml"))
    figures_file = read(data_dir / "figures.yml")
    parsed = schema.validate(schema.FiguresFile, figures_file)
    documents = sources.load(read(_required(data_dir / sources.FILE, root, "it lists the documents the site's "
                                                     "facts come from")), today)
    dataset = Dataset(sources=documents, catalogue=catalogue, identity=site_identity)
    glossary = data_dir / "glossary.yml"
    if glossary.exists():  # first: the English of every other file is checked against its terms
        glossary_file = read(glossary)
        dataset.terms = _load_terms(glossary_file)
        terms.check_data(glossary_file, dataset.terms)
    terms.check_data(figures_file, dataset.terms)
    _add_reported(dataset, parsed, figures_file)
    problems = Problems()  # each case file is checked on its own: every case's mistakes are reported at once
    for case_path in sorted((data_dir / "cases").glob("*.yml")):
        problems.check(_load_case, dataset, read, case_path, today)
    problems.raise_all()
    dataset.cases.sort(key=lambda case: (case.sort_day, case.slug), reverse=True)
    _add_derived(dataset, parsed, figures_file)
    _add_measures(dataset, parsed, figures_file)
    _run_checks(dataset, parsed, figures_file)
    _add_groups_and_charts(dataset, parsed, figures_file)
    for name in extras.FILES:
        if (data_dir / name).exists():
            extra = read(data_dir / name)
            dataset.extras[name] = extras.load(name, extra, dataset)
            terms.check_data(extra, dataset.terms)
    return dataset


def _required(path: Path, root: Path, why: str) -> Path:
    if not path.exists():
        raise SiteInputError(os.path.relpath(path, root), None, "file", "is missing",
                             f"create it: {why} (see CONTRIBUTING.md)")
    return path


def check_layout(data_dir: Path, root: Path) -> None:
    """Every file in data/ is one the site reads: a file in the wrong place is an error, not ignored."""
    def name(path: Path) -> str:
        return os.path.relpath(path, root)

    for path in sorted(data_dir.iterdir()):
        if _ignored(path) or (path.is_dir() and path.name == "cases"):
            continue
        if path.suffix == ".yaml":
            raise SiteInputError(name(path), None, "file name", "data files end in .yml, not .yaml",
                                 f"rename it to {path.with_suffix('.yml').name}")
        if path.name not in DATA_FILES:
            hint = (f"a case file belongs in data/cases/ (move it to data/cases/{path.name})"
                    if path.suffix == ".yml" and re.match(r"^\d{4}-", path.name)
                    else f"the files the site reads here are: {', '.join(sorted(DATA_FILES))} and cases/")
            raise SiteInputError(name(path), None, "file", "is not a data file the site reads", hint)
    cases = data_dir / "cases"
    if not cases.is_dir():
        raise SiteInputError(name(cases), None, "folder", "is missing", "create data/cases/ (it holds one file per case)")
    for path in sorted(cases.iterdir()):
        if _ignored(path) or path.suffix == ".yml":
            continue
        fix = (f"rename it to {path.with_suffix('.yml').name}" if path.suffix == ".yaml"
               else "data/cases/ holds only case files named <slug>.yml")
        raise SiteInputError(name(path), None, "file name", "is not a case file (<slug>.yml)", fix)


def _ignored(path: Path) -> bool:
    """Editors' hidden and backup files."""
    return path.name.startswith(".") or path.name.endswith("~")


def _load_catalogue(located: LocatedData) -> Catalogue:
    parsed = schema.validate(schema.CatalogueFile, located)
    for kind, fact in parsed.case_facts.items():
        if fact.unit not in parsed.units:
            raise SiteInputError(located.file, located.line_of(("case_facts", kind, "unit")),
                                 f"case_facts.{kind}.unit", f"unknown unit '{fact.unit}'",
                                 f"use one of: {', '.join(parsed.units)}")
    return Catalogue(
        counties={k: v.model_dump() for k, v in parsed.counties.items()},
        scam_types={k: v.model_dump() for k, v in parsed.scam_types.items()},
        units={k: v.model_dump() for k, v in parsed.units.items()},
        case_facts={k: v.model_dump() for k, v in parsed.case_facts.items()},
        case_statuses={k: v.model_dump() for k, v in parsed.case_statuses.items()},
    )


def _check_value(located: LocatedData, path: tuple, value, unit: str, catalogue: Catalogue) -> None:
    field = ".".join(str(p) for p in path)
    if unit not in catalogue.units:
        raise SiteInputError(located.file, located.line_of(path[:-1] + ("unit",)), field.rsplit(".", 1)[0] + ".unit",
                             f"unknown unit '{unit}'", f"use one of: {', '.join(catalogue.units)}")
    if value is None:
        return  # a draft's empty field: reported as unfinished, not as wrong
    is_date = isinstance(value, (dt.date, dt.datetime))
    if unit in DATE_UNITS and not is_date:
        raise SiteInputError(located.file, located.line_of(path), field, f"must be a date for unit '{unit}'",
                             "write it as YYYY-MM-DD (or YYYY-MM-DDTHH:MM:SS for a date and time)")
    if unit not in DATE_UNITS:
        if is_date or isinstance(value, bool):
            raise SiteInputError(located.file, located.line_of(path), field, f"must be a number for unit '{unit}'",
                                 "write the number only, without units or quotes")
        if value < 0:
            raise SiteInputError(located.file, located.line_of(path), field, f"is negative ({value})",
                                 "counts and amounts are never negative; check the sign")
        ceiling = catalogue.units[unit].get("at_most")
        if ceiling is not None and value > ceiling:
            raise SiteInputError(located.file, located.line_of(path), field, f"{value} is more than {ceiling:g}, which a {unit} cannot be",
                                 "check the figure; a change (such as a year-on-year rise) uses the unit percent_change")


def _register(dataset: Dataset, figure: Figure, located: LocatedData, path: tuple) -> None:
    if figure.id in dataset.figures:
        earlier = dataset.figures[figure.id]
        raise SiteInputError(located.file, located.line_of(path), "id",
                             f"duplicate figure id '{figure.id}' (first defined at {earlier.file}:{earlier.line})",
                             "give each figure its own id")
    dataset.figures[figure.id] = figure


def _add_reported(dataset: Dataset, parsed: schema.FiguresFile, located: LocatedData) -> None:
    for index, spec in enumerate(parsed.figures):
        path = ("figures", index)
        _check_value(located, path + ("value",), spec.value, spec.unit, dataset.catalogue)
        period = Period(spec.period.start, spec.period.end, spec.period.reported)
        figure = Figure(
            id=spec.id, value=spec.value, unit=spec.unit, qualifier=spec.qualifier, period=period,
            scope=spec.scope, label=spec.label.model_dump(), definition=spec.definition.model_dump(),
            file=located.file, line=located.line_of(path + ("id",)), measure=spec.measure,
            source=_quote(spec.source), source_name=sources.resolve(
                dataset.sources, spec.source.document, located.file, located.line_of(path + ("source",)),
                f"{spec.id}.source.document"),
        )
        _register(dataset, figure, located, path + ("id",))


def _load_case(dataset: Dataset, read, case_path: Path, today: dt.date) -> None:
    case_file = read(case_path)
    _add_case(dataset, case_file, case_path.stem, today)
    terms.check_data(case_file, dataset.terms)


def _quote(quote: schema.Quote | None) -> SourceQuote | None:
    return SourceQuote(quote.line, quote.quote, quote.quote_en) if quote is not None else None


def _add_case(dataset: Dataset, located: LocatedData, slug: str, today: dt.date) -> None:
    catalogue = dataset.catalogue
    if not _is_slug(slug):
        raise SiteInputError(located.file, None, "file name", f"'{slug}' is not a valid case slug",
                             "name case files like 2021-county-218.yml: the year, then lower-case letters, "
                             "digits and hyphens")
    spec = schema.validate(schema.CaseFile, located)
    drafts = _unfinished(located)

    def require(field: str, value: str | None, known: dict) -> None:
        if value is None:
            drafts.append(Draft(located.file, located.line_of((field,)), f"{field} is empty"))
        elif value not in known:
            raise SiteInputError(located.file, located.line_of(_path_of(located, field, value)), field,
                                 f"unknown value '{value}'", f"use one of: {', '.join(known)} "
                                 f"(closest: {closest(value, known)}); the list is in data/catalogue.yml")

    require("county", spec.county, catalogue.counties)
    require("status", spec.status, catalogue.case_statuses)
    for scam_type in spec.types:
        require("types", scam_type, catalogue.scam_types)
    if not spec.types:
        drafts.append(Draft(located.file, located.line_of(("types",)), "types is empty"))
    case_source = ""
    if spec.source is None:
        drafts.append(Draft(located.file, located.line_of(("source",)), "source is empty"))
    elif not UNFINISHED.search(spec.source):
        case_source = sources.resolve(dataset.sources, spec.source, located.file, located.line_of(("source",)),
                                      "source")

    def document_of(quote: schema.Quote | None, path: tuple) -> str:
        """A quote's document: the one it names, else the case's own."""
        if quote is None or quote.document is None:
            return case_source
        return sources.resolve(dataset.sources, quote.document, located.file, located.line_of(path), ".".join(
            map(str, path)))
    _check_case_dates(spec, slug, located, today, drafts)
    title = spec.title.model_dump()
    if spec.date:
        date_figure = Figure(
            id=f"case.{slug}.date", value=spec.date, unit="date", qualifier="exact", period=NO_PERIOD, scope="case",
            label={"zh": "日期", "en": "Date"},
            definition={lang: f"{title[lang]}: {'日期' if lang == 'zh' else 'date'}" for lang in ("zh", "en")},
            file=located.file, line=located.quick_line(("date",)), case=slug,
            source=_quote(spec.date_source), source_name=document_of(spec.date_source, ("date_source", "document")),
        )
        _register(dataset, date_figure, located, ("date",))
    facts = {}
    for kind, fact in spec.facts.items():
        path = ("facts", kind)
        if kind not in catalogue.case_facts:
            raise SiteInputError(located.file, located.line_of(path), f"facts.{kind}", "is not a known kind of fact",
                                 f"use one of: {', '.join(catalogue.case_facts)} (closest: {closest(kind, catalogue.case_facts)})")
        kind_spec = catalogue.case_facts[kind]
        _check_value(located, path + ("value",), fact.value, kind_spec["unit"], catalogue)
        if fact.value is None:
            drafts.append(Draft(located.file, located.line_of(path + ("value",)), f"facts.{kind}.value is empty"))
        figure = Figure(
            id=f"case.{slug}.{kind}", value=fact.value, unit=kind_spec["unit"], qualifier=fact.qualifier,
            period=NO_PERIOD, scope="case", label={"zh": kind_spec["zh"], "en": kind_spec["en"]},
            definition={lang: f"{title[lang]}: {kind_spec[lang]}" for lang in ("zh", "en")},
            file=located.file, line=located.quick_line(path), case=slug,
            source=_quote(fact.source), source_name=document_of(fact.source, path + ("source", "document")),
        )
        _register(dataset, figure, located, path)
        facts[kind] = figure.id
    dataset.cases.append(Case(
        slug=slug, title=title, date=spec.date, reported=spec.reported, county=spec.county or "",
        types=tuple(spec.types), status=spec.status or "", summary=spec.summary.model_dump(),
        source=case_source, facts=facts, file=located.file,
        summary_lines={lang: line for lang in ("zh", "en")
                       if (line := located.quick_line(("summary", lang))) is not None},
        drafts=tuple(drafts),
    ))


def _check_case_dates(spec: schema.CaseFile, slug: str, located: LocatedData, today: dt.date, drafts: list) -> None:
    if spec.date is None and spec.reported is None:
        drafts.append(Draft(located.file, located.line_of(("date",)),
                            "date is empty (or, when the source gives no date, write reported: <day of the report>)"))
    for field in ("date", "reported"):
        day = getattr(spec, field)
        if day is None:
            continue
        if day > today:
            raise SiteInputError(located.file, located.line_of((field,)), field, f"{day.isoformat()} is in the future",
                                 "use the date the crime took place (date) or was reported (reported)")
        if day < EARLIEST_CASE:
            raise SiteInputError(located.file, located.line_of((field,)), field, f"{day.isoformat()} is before {EARLIEST_CASE.year}",
                                 "check the year; the site covers cases from 2000 on")
    day = spec.date or spec.reported
    if day is not None and not slug.startswith(f"{day.year}-"):
        raise SiteInputError(located.file, located.line_of(("date" if spec.date else "reported",)),
                             "date", f"{day.isoformat()} is in {day.year}, but the file name starts with {slug[:4]}",
                             f"check the year, or rename the case files to start with {day.year}- "
                             "(data/cases/, docs/cases/*.zh.md and *.en.md)")


def _unfinished(located: LocatedData) -> list[Draft]:
    """Every 待填写 / TODO left in a data file, with its line."""
    drafts = []
    for number, line in enumerate(located.text.splitlines(), start=1):
        if line.lstrip().startswith("#"):
            continue  # comments may explain what to fill in
        match = UNFINISHED.search(line)
        if match:
            drafts.append(Draft(located.file, number, f"'{match.group(0)}' is still in the text"))
    return drafts


def _is_slug(slug: str) -> bool:
    return re.fullmatch(schema.SLUG_PATTERN, slug) is not None and re.match(r"^\d{4}-", slug) is not None


def _path_of(located: LocatedData, field: str, value: str) -> tuple:
    data = located.data.get(field)
    if isinstance(data, list) and value in data:
        return (field, data.index(value))
    return (field,)


def _lookup(dataset: Dataset, name: str, located: LocatedData, path: tuple, what: str) -> Figure:
    if name not in dataset.figures:
        raise SiteInputError(located.file, located.line_of(path), what, f"unknown figure '{name}'",
                             f"use an id defined in data/figures.yml or a case file (closest: {closest(name, dataset.figures)})")
    return dataset.figures[name]


def _add_derived(dataset: Dataset, parsed: schema.FiguresFile, located: LocatedData) -> None:
    for index, spec in enumerate(parsed.derived):
        path = ("derived", index)
        line = located.line_of(path + ("id",))
        expected = arity(spec.op)
        if expected is not None and len(spec.inputs) != expected:
            raise SiteInputError(located.file, located.line_of(path + ("inputs",)), f"derived.{spec.id}.inputs",
                                 f"'{spec.op}' takes {expected} input(s), got {len(spec.inputs)}",
                                 "list the inputs in the order the operation documents (see CONTRIBUTING.md)")
        if spec.unit not in dataset.catalogue.units:
            raise SiteInputError(located.file, located.line_of(path + ("unit",)), f"derived.{spec.id}.unit",
                                 f"unknown unit '{spec.unit}'", f"use one of: {', '.join(dataset.catalogue.units)}")
        inputs = [_lookup(dataset, name, located, path + ("inputs", i), f"derived.{spec.id}.inputs")
                  for i, name in enumerate(spec.inputs)]
        _register(dataset, derive(spec, inputs, located.file, line), located, path + ("id",))


def _add_measures(dataset: Dataset, parsed: schema.FiguresFile, located: LocatedData) -> None:
    """Each measure's values, earliest period first: each a figure for a stated period, all in one unit."""
    values: dict[str, list[Figure]] = {spec.id: [] for spec in parsed.measures}
    for figure in dataset.figures.values():
        if figure.measure is None:
            continue
        where = (figure.file, figure.line, f"{figure.id}.measure")
        if figure.measure not in values:
            raise SiteInputError(*where, f"unknown measure '{figure.measure}'",
                                 f"add it under measures: in data/figures.yml, or use one of: "
                                 f"{', '.join(values) or '(none yet)'} (closest: {closest(figure.measure, values)})")
        if figure.unit in DATE_UNITS or not figure.filled:
            raise SiteInputError(*where, "a measure counts or sums: its values are numbers, not dates",
                                 "remove measure: from this figure")
        if not figure.period.closed:
            raise SiteInputError(*where, "a value of a measure needs the first and last day of its period",
                                 "give period: {from: …, to: …} as the source states them; a figure whose source "
                                 "states no period is not part of a series")
        for other in values[figure.measure]:
            if other.period == figure.period:
                raise SiteInputError(*where, f"'{other.id}' is already its value for this period",
                                     "a measure has one value per period: remove one of the two")
            if other.unit != figure.unit:
                raise SiteInputError(*where, f"its unit '{figure.unit}' is not the unit of '{other.id}' "
                                     f"('{other.unit}')", "a measure counts one thing in one unit")
        values[figure.measure].append(figure)
    for index, spec in enumerate(parsed.measures):
        if not values[spec.id]:
            raise SiteInputError(located.file, located.line_of(("measures", index, "id")), f"measures.{spec.id}",
                                 "has no value", "give a figure `measure: " + spec.id + "`, or remove the measure")
        ordered = sorted(values[spec.id], key=lambda figure: (figure.period.start, figure.period.end))
        dataset.measures[spec.id] = Measure(spec.id, spec.label.model_dump(), tuple(f.id for f in ordered))


def _run_checks(dataset: Dataset, parsed: schema.FiguresFile, located: LocatedData) -> None:
    for index, check in enumerate(parsed.checks):
        path = ("checks", index)
        figures = [_lookup(dataset, name, located, path + ("figures", i), "checks")
                   for i, name in enumerate(check.figures)]
        run_check(check, figures, located.file, located.line_of(path))


def _add_groups_and_charts(dataset: Dataset, parsed: schema.FiguresFile, located: LocatedData) -> None:
    for index, group in enumerate(parsed.groups):
        for i, name in enumerate(group.figures):
            _lookup(dataset, name, located, ("groups", index, "figures", i), f"groups.{group.id}")
        dataset.groups[group.id] = Group(group.id, group.title.model_dump(), tuple(group.figures))
    for index, chart in enumerate(parsed.charts):
        bars = []
        for i, bar in enumerate(chart.bars):
            figure = _lookup(dataset, bar.figure, located, ("charts", index, "bars", i), f"charts.{chart.id}")
            if figure.unit in DATE_UNITS:
                raise SiteInputError(located.file, located.line_of(("charts", index, "bars", i)), f"charts.{chart.id}",
                                     f"'{figure.id}' is a date and cannot be drawn as a bar", "chart counts or amounts only")
            bars.append(Bar(bar.figure, bar.label.model_dump()))
        units = sorted({dataset.figures[bar.figure].unit for bar in bars})
        if len(units) > 1:
            raise SiteInputError(located.file, located.line_of(("charts", index)), f"charts.{chart.id}",
                                 f"mixes units ({', '.join(units)}) on one axis",
                                 "one chart shows one unit (people with people, money with money); split it in two")
        dataset.charts[chart.id] = Chart(chart.id, chart.title.model_dump(), tuple(bars))


def _load_terms(located: LocatedData) -> list[Term]:
    parsed = schema.validate(schema.GlossaryFile, located)
    seen: dict[str, int] = {}
    terms = []
    for index, term in enumerate(parsed.terms):
        if term.zh in seen:
            raise SiteInputError(located.file, located.line_of(("terms", index)), "terms",
                                 f"'{term.zh}' is listed twice", "merge the two entries")
        seen[term.zh] = index
        terms.append(Term(term.zh, term.pinyin, term.en, term.explain.model_dump()))
    return terms
