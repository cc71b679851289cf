"""One error hierarchy whose messages a non-programmer can act on.

Every error carries its data (file, row, column, feature, value...) so the
application can translate the message; ``str(error)`` is a plain English sentence.
"""
from __future__ import annotations

from dataclasses import dataclass, field


class PanelsError(Exception):
    """Base class of every error the library raises on purpose."""


@dataclass
class Problem:
    """One problem found in an input file: where it is and what is wrong."""

    code: str  # machine-readable: "duplicate_id", "empty_cell", "unknown_value", ...
    message: str  # plain English sentence
    file: str | None = None
    row: int | None = None  # 1-based line number in the file, header = 1
    column: str | None = None
    value: str | None = None
    # the numbers the message states, by name ({"min": 5, "available": 3}), so that an
    # application can say it in another language without reading the English message
    data: dict = field(default_factory=dict)

    def __str__(self) -> str:
        where = []
        if self.file:
            where.append(self.file)
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column!r}")
        return (", ".join(where) + ": " if where else "") + self.message


class _ProblemsError(PanelsError):
    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        shown = "; ".join(str(p) for p in self.problems[:10])
        more = f" (and {len(self.problems) - 10} more)" if len(self.problems) > 10 else ""
        super().__init__(shown + more)


class BadPoolFile(_ProblemsError):
    """The pool file cannot be read or holds invalid rows."""


class BadQuotas(_ProblemsError):
    """The quotas file or the quotas themselves are inconsistent."""


@dataclass
class Relaxation:
    """A change to one quota bound that makes the draw feasible."""

    feature: str
    value: str
    bound: str  # "min" or "max"
    current: int
    suggested: int

    def __str__(self) -> str:
        verb = "raise" if self.suggested > self.current else "lower"
        return (f"{verb} the {'minimum' if self.bound == 'min' else 'maximum'} of "
                f"{self.feature} {self.value} from {self.current} to {self.suggested}")


class InfeasibleQuotas(PanelsError):
    """No panel of the requested size meets every quota.

    ``relaxations`` is a smallest set of bound changes that makes the draw feasible
    (empty when the pool itself is too small whatever the quotas).
    """

    def __init__(self, message: str, relaxations: list[Relaxation] | None = None,
                 conflicting: list[tuple[str, str]] | None = None):
        self.relaxations = list(relaxations or [])
        self.conflicting = list(conflicting or [])
        text = message
        if self.relaxations:
            text += " Suggested change: " + ", and ".join(str(r) for r in self.relaxations) + "."
        super().__init__(text)


class ReplacementInfeasible(InfeasibleQuotas):
    """The remaining pool cannot complete the panel within the quotas."""


class BadRecord(PanelsError):
    """A draw record file is malformed."""


class VerificationFailed(PanelsError):
    """A draw record does not match its inputs or its own claims."""

    def __init__(self, failures: list[str]):
        self.failures = list(failures)
        super().__init__("; ".join(self.failures))


class SolverError(PanelsError):
    """The solver failed for a reason other than infeasibility."""
