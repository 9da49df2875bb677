"""Figures the article implies, computed from the ones it reports, and the
cross-checks that make a typo in the data stop the build."""
from __future__ import annotations

import math
from typing import Callable

from .errors import SiteInputError
from .model import Figure, Number, Period


def previous_from_change(current: Number, change_percent: Number) -> float:
    """The earlier value, given the current one and its % change on it."""
    return current / (1 + change_percent / 100)


def difference(a: Number, b: Number) -> Number:
    return a - b


def ratio(numerator: Number, denominator: Number) -> float:
    return numerator / denominator


def days_inclusive(figure: Figure) -> int:
    start, end = figure.period.start, figure.period.end
    if start is None or end is None:  # derive() refuses a daily average over a period not stated
        raise ValueError(f"{figure.id} has no first and last day")
    return (end - start).days + 1


OPERATIONS: dict[str, tuple[int | None, Callable[..., Number]]] = {
    # op name: (number of inputs or None for any, function). There is no "sum": the
    # article's figures may overlap (accounts are often stopped, then frozen), and a
    # total of overlapping counts would state something the article does not.
    "previous_from_change": (2, previous_from_change),
    "difference": (2, difference),
    "ratio": (2, ratio),
}


def compute(op: str, inputs: list[Figure]) -> Number:
    if op == "daily_average":
        (only,) = inputs
        return only.number / days_inclusive(only)
    _arity, function = OPERATIONS[op]
    return function(*(figure.number for figure in inputs))


def arity(op: str) -> int | None:
    return 1 if op == "daily_average" else OPERATIONS[op][0]


def derive(spec, inputs: list[Figure], file: str, line: int | None) -> Figure:
    """Build the derived Figure described by ``spec`` (a schema.DerivedFigure)."""
    for figure in inputs:
        if not isinstance(figure.value, (int, float)) or isinstance(figure.value, bool):
            raise SiteInputError(file, line, f"derived.{spec.id}", f"input '{figure.id}' is not a number",
                                 "derive only from counts, amounts and percentages")
    if spec.op == "daily_average" and not inputs[0].period.closed:
        raise SiteInputError(file, line, f"derived.{spec.id}", f"'{inputs[0].id}' has no stated first and last day",
                             "a daily average needs a figure whose period the source states (from and to)")
    if spec.op == "difference" and inputs[0].period != inputs[1].period:
        lengths = [figure.period.length() for figure in inputs]
        if None in lengths or lengths[0] != lengths[1]:
            raise SiteInputError(file, line, f"derived.{spec.id}",
                                 f"compares '{inputs[0].id}' and '{inputs[1].id}', whose periods are not both stated "
                                 "or not of the same length",
                                 "compare two periods only when the sources state both, and they are equally long")
    if spec.op == "ratio" and inputs[1].value == 0:
        raise SiteInputError(file, line, f"derived.{spec.id}", f"divides by '{inputs[1].id}', which is 0",
                             "check the value of that figure")
    exact = compute(spec.op, inputs)
    value, qualifier = _rounded(spec, exact, file, line, inputs)
    return Figure(
        id=spec.id, value=value, unit=spec.unit, qualifier=qualifier, period=derived_period(spec.op, inputs),
        scope=inputs[0].scope, label=spec.label.model_dump(), definition=spec.definition.model_dump(),
        file=file, line=line, source=None, derived_from=tuple(f.id for f in inputs), op=spec.op,
        why=spec.why.model_dump(), measure=getattr(spec, "measure", None),
    )


def derived_period(op: str, inputs: list[Figure]) -> Period:
    """The period a derived figure describes: the same as its inputs', or a year before for
    previous_from_change. A difference of two periods (this quarter against the same quarter a
    year before) belongs to the later one, and its definition says what it compares."""
    first = inputs[0].period
    if op == "previous_from_change" and first.closed:
        return Period(_year_before(first.start), _year_before(first.end))
    if op == "difference":
        return first
    return first if all(f.period == first for f in inputs) else Period(reported=first.reported)


def _year_before(day):
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def _rounded(spec, exact: Number, file: str, line: int | None, inputs: list[Figure]) -> tuple[Number, str]:
    approximate_input = any(f.qualifier != "exact" for f in inputs)
    if spec.whole:
        nearest = round(exact)
        if not math.isclose(exact, nearest, abs_tol=1e-6):
            names = " and ".join(f"{f.id} = {f.value}" for f in inputs)
            raise SiteInputError(file, line, f"derived.{spec.id}",
                                 f"should be a whole number but {spec.op} of {names} gives {exact:.4f}",
                                 "one of those figures is probably mistyped; compare them with the source")
        return int(nearest), "about" if approximate_input else "exact"
    if spec.decimals is not None:
        rounded = round(exact, spec.decimals)
        if spec.decimals == 0:
            rounded = int(rounded)
        changed = not math.isclose(rounded, exact, abs_tol=1e-9)
        return rounded, "about" if changed or approximate_input else "exact"
    if isinstance(exact, float) and exact.is_integer():
        exact = int(exact)
    return exact, "about" if approximate_input else "exact"


def run_check(check, figures: list[Figure], file: str, line: int | None) -> None:
    values = [f.number for f in figures]
    names = ", ".join(f"{f.id} = {f.value}" for f in figures)
    if check.op == "close_to":
        ok = all(abs(v - values[0]) <= check.tolerance + 1e-9 for v in values[1:])
        rule = f"differ by more than {check.tolerance}"
    elif check.op == "ordered":
        ok = all(a <= b for a, b in zip(values, values[1:]))
        rule = "are not in increasing order"
    else:  # at_most
        ok = all(v <= values[-1] for v in values[:-1])
        rule = f"exceed {figures[-1].id}"
    if not ok:
        raise SiteInputError(file, line, "checks", f"{names} {rule}. {check.why}",
                             "one of these figures is wrong: compare each with its source sentence")
