"""One error type for everything a contributor can get wrong."""
from __future__ import annotations


class SiteInputError(Exception):
    """Bad input, reported as ``file:line: what: problem`` plus how to fix it.

    The build prints this and stops; contributors read it, so it always says
    where the problem is and what to do, never just a traceback.
    """

    def __init__(self, file: str, line: int | None, what: str, problem: str, fix: str):
        self.file, self.line, self.what, self.problem, self.fix = file, line, what, problem, fix
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.what}: {self.problem}\n    How to fix: {self.fix}"


class SiteInputErrors(SiteInputError):
    """Several mistakes found in one pass, reported together: a contributor fixes them all before building again.

    It is a SiteInputError (the first one's file and line), so every place that reports one reports these."""

    def __init__(self, errors: list[SiteInputError]):
        self.errors = [inner for error in errors for inner in getattr(error, "errors", [error])]
        first = self.errors[0]
        super().__init__(first.file, first.line, first.what, first.problem, first.fix)

    def __str__(self) -> str:
        text = "\n".join(SiteInputError.__str__(error) for error in self.errors)
        return text if len(self.errors) == 1 else f"{text}\n({len(self.errors)} problems, each with its file and line)"


class Problems:
    """Collects the SiteInputErrors of independent checks (one page, one case file) instead of stopping at the
    first; ``raise_all`` then raises them together."""

    def __init__(self) -> None:
        self.errors: list[SiteInputError] = []

    def check(self, function, *args, **kwargs):
        try:
            return function(*args, **kwargs)
        except SiteInputError as error:
            self.errors.append(error)
            return None

    def raise_all(self) -> None:
        if self.errors:
            raise SiteInputErrors(self.errors)
