"""The draw, start to end: check the inputs, run the algorithm, sample the panel, make the
record, and verify it before anyone sees it. The command line and the application both
call ``draw`` (``panels.draw``), so a draw is the same sequence everywhere.

The inputs are put in a canonical order first (people by id, quotas by feature and value,
as their SHA-256 fingerprints are), so that the published fingerprints and the seed fix
the panel: reordering the rows or columns of a file changes nothing (issue 18 C).
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from .errors import PanelsError, VerificationFailed
from .hashing import canonical_text
from .model import Distribution, Pool, Quotas


class DrawRejected(VerificationFailed):
    """The record of a draw failed its own checks, so it was not written."""

    def __init__(self, failures: list[str]):
        super().__init__(["The draw's record fails its own checks, so it was not written."]
                         + list(failures))


@dataclass
class DrawResult:
    """A finished draw: the lottery, the panel the seed selected, its verified record, the
    volunteers no panel can include (``panels.exclusions``) and the checks the record passed."""

    distribution: Distribution
    selected: tuple[str, ...]
    record: dict
    excluded: list = field(default_factory=list)
    checks: list = field(default_factory=list)

    @property
    def excluded_count(self) -> int:
        return sum(e.count for e in self.excluded)


def canonical_inputs(pool: Pool, quotas: Quotas) -> tuple[Pool, Quotas]:
    """The pool with its people sorted by id and the quotas sorted by feature and value:
    the order the fingerprints use, so that any order of the file's rows gives one draw."""
    people = sorted(pool.people, key=lambda p: unicodedata.normalize("NFC", p.id))
    items = sorted(quotas.items, key=lambda q: (canonical_text(q.feature), canonical_text(q.value)))
    return Pool(people, sorted(pool.features, key=canonical_text)), Quotas(items)


def _rng(seed: int):
    import numpy as np

    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise PanelsError(f"The seed must be a whole number, 0 or more, not {seed!r}.")
    return np.random.default_rng(seed)


def draw(pool: Pool, quotas: Quotas, size: int, *, seed: int, algorithm: str = "leximin",
         households: bool = False, seed_source: str | None = None,
         pool_columns: dict | None = None, progress=None) -> DrawResult:
    """Draw a panel of ``size`` and its verified record.

    ``progress(fraction, message)`` is told how far it is. Raises ``BadQuotas`` for inputs
    with problems, ``InfeasibleQuotas`` (with suggested relaxations) when no panel meets
    the quotas, ``DrawRejected`` when the record would not pass ``verify`` (never written).
    """
    from .algorithms import ALGORITHMS
    from .exclusions import never_selected
    from .lottery import sample
    from .record import make_record
    from .validate import check_inputs
    from .verification import verify_record

    report = progress or (lambda fraction, message: None)
    report(0.0, "checking the pool and the quotas")
    check_inputs(pool, quotas, size, households=households)
    if algorithm not in ALGORITHMS:
        raise PanelsError(f"Unknown algorithm {algorithm!r}: choose one of "
                          f"{', '.join(sorted(ALGORITHMS))}.")
    rng = _rng(seed)
    pool, quotas = canonical_inputs(pool, quotas)
    distribution = ALGORITHMS[algorithm](pool, quotas, size, households=households, rng=rng,
                                         progress=_scaled(report, 0.02, 0.85))
    report(0.85, "drawing the panel with the seed")
    try:
        selected, failed_sample = sample(distribution, seed), None
    except (ValueError, IndexError, KeyError) as error:   # a lottery the checks below reject
        selected, failed_sample = (), error
    record = make_record(pool, quotas, size, distribution, selected, seed, seed_source,
                         households, algorithm, pool_columns=pool_columns)
    report(0.87, "looking for volunteers no panel can include")
    excluded = never_selected(pool, quotas, size, households=households)
    report(0.9, "verifying the record")
    checks = verify_record(record, pool, quotas)
    failures = [f"{c.name}: {c.detail}" for c in checks if not c.ok]
    if failed_sample is not None:
        failures.append(f"selection: drawing with the seed failed ({failed_sample!r}).")
    if failures:
        raise DrawRejected(failures)
    report(1.0, "done")
    return DrawResult(distribution, selected, record, excluded, checks)


def _scaled(progress, start: float, end: float):
    def callback(fraction, message):
        progress(None if fraction is None else start + (end - start) * fraction, message)
    return callback
