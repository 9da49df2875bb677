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
