"""Volunteers no panel can take under the quotas, and which quota excludes them.

Such volunteers get probability 0 from every algorithm, whatever it promises; the
organiser should know before publishing. They are the types at level 0 of the LP
relaxation's first stage (panels.relaxed: a positive dual at level 0 means the type is
at 0 in every point of the relaxation). For each, the quota that excludes them is a
bound at 0 of one of their values, or else the smallest change of bounds that lets a
panel include one of them (panels.diagnose, one small integer program per kind of person,
at most MAX_EXPLAINED of them).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .errors import Relaxation
from .model import Pool, Quotas, norm_value

MAX_EXPLAINED = 12   # integer programs to explain the exclusions; the rest are counted unexplained
ZERO = 1e-9


@dataclass
class Exclusion:
    """``ids`` can never be selected; ``relaxations`` is a smallest change of the quotas that
    would let one of them be (empty when not computed). ``blocking`` names the quotas
    (feature, value) whose bound shuts them out (max 0), when one does."""

    ids: list[str]
    relaxations: list[Relaxation] = field(default_factory=list)
    blocking: list[tuple[str, str]] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.ids)

    def __str__(self) -> str:
        who = f"{self.count} volunteer{'s' if self.count != 1 else ''}"
        if self.blocking:
            why = " and ".join(f"the maximum of {f} {v} is 0" for f, v in self.blocking)
            return f"{who} can never be selected: {why}."
        if self.relaxations:
            return (f"{who} can never be selected under these quotas; one could be if you "
                    + ", and ".join(str(r) for r in self.relaxations) + ".")
        return f"{who} can never be selected under these quotas."


def never_selected(pool: Pool, quotas: Quotas, size: int, *,
                   households: bool = False) -> list[Exclusion]:
    """The volunteers no panel of ``size`` meeting the quotas can include, grouped by reason.

    Empty when everyone can be selected, or when no panel at all is possible (that is
    reported by the draw as infeasible quotas).
    """
    from .diagnose import minimal_relaxations
    from .relaxed import relaxed_leximin
    from .typespace import build_type_space

    space = build_type_space(pool, quotas, households=households)
    try:
        expected, _ = relaxed_leximin(space, size, stages=1)
    except RuntimeError:   # the relaxation itself is infeasible: no panel at all
        return []
    zero = [t for t in range(space.n_types) if expected[t] <= ZERO * space.sizes[t]]
    closed: dict[int, list[int]] = {}   # type -> its cells whose maximum is 0
    for c, types in enumerate(space.cell_types):
        if space.cell_max[c] == 0:
            for t in types.tolist():
                closed.setdefault(t, []).append(c)
    groups: dict[tuple, Exclusion] = {}
    explained = 0
    for t in sorted(zero, key=lambda t: min(space.members[t])):
        blocking = tuple((quotas.items[c].feature, quotas.items[c].value) for c in closed.get(t, []))
        relaxations: tuple = ()
        if not blocking and explained < MAX_EXPLAINED:
            explained += 1
            found = minimal_relaxations(pool, quotas, size, households=households,
                                        require=min(space.members[t]))
            relaxations = tuple(found or ())
        key = (blocking, tuple((r.feature, norm_value(r.value), r.bound, r.suggested)
                               for r in relaxations))
        exclusion = groups.setdefault(key, Exclusion([], list(relaxations), list(blocking)))
        exclusion.ids += space.members[t]
    for exclusion in groups.values():
        exclusion.ids.sort()
    return sorted(groups.values(), key=lambda e: (-e.count, e.ids[0]))


def excluded_count(exclusions: list[Exclusion]) -> int:
    return sum(e.count for e in exclusions)

