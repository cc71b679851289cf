"""Verifying a draw record against the pool and quotas it claims to use.

Each check returns a ``Check`` (name, ok, one plain sentence), so a reader sees what
was verified, not only whether something failed. Checks never raise on a
tampered record: they report it.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from .errors import PanelsError, VerificationFailed
from .hashing import pool_sha256, quotas_sha256
from .model import Pool, Quotas, norm_value

TOLERANCE = 1e-6


@dataclass
class Check:
    """One verified claim of a draw record."""

    name: str
    ok: bool
    detail: str

    def __str__(self) -> str:
        return f"[{'ok' if self.ok else 'FAILED'}] {self.name}: {self.detail}"


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=0.0, abs_tol=TOLERANCE)


def _templates(record: dict) -> list[dict[int, int]]:
    """Templates as {group: count}, ignoring group indices out of range (reported elsewhere)."""
    n = len(record["groups"])
    return [{g: c for g, c in e["template"] if 0 <= g < n} for e in record["portfolio"]]


def _check_hashes(record, pool, quotas) -> Check:
    wrong = [name for name, key, actual in (("pool", "pool_sha256", pool_sha256(pool)),
                                             ("quotas", "quotas_sha256", quotas_sha256(quotas)))
             if record[key] != actual]
    if wrong:
        verb = "differ" if len(wrong) > 1 else "differs"
        return Check("inputs", False, f"The {' and '.join(wrong)} given {verb} from those of "
                     "the draw (their SHA-256 fingerprints do not match).")
    return Check("inputs", True, "The pool and quotas are those of the draw (SHA-256 match).")


def _check_sizes(record, pool, quotas) -> Check:
    size, groups = record["size"], record["groups"]
    if not record["portfolio"]:
        return Check("panel size", False, "The portfolio is empty.")
    for j, entry in enumerate(record["portfolio"], 1):   # first: a bad panel is the cause
        pairs = entry["template"]
        if any(not 0 <= g < len(groups) or not 0 <= c <= len(groups[g]) for g, c in pairs) \
                or len({g for g, _ in pairs}) != len(pairs) or sum(c for _, c in pairs) != size:
            return Check("panel size", False, f"Panel {j} of the portfolio does not take "
                         f"{size} people from existing groups.")
    if len(set(record["selected"])) != size:
        return Check("panel size", False, f"The selected panel has "
                     f"{len(set(record['selected']))} distinct people, not {size}.")
    return Check("panel size", True, f"All {len(record['portfolio'])} panels of the portfolio "
                 f"and the selected panel have {size} people.")


def _ids(n: int) -> str:
    return "1 id is" if n == 1 else f"{n} ids are"


def _check_ids(record, pool, quotas) -> Check:
    grouped = Counter(i for g in record["groups"] for i in g)
    twice = sorted(i for i, n in grouped.items() if n > 1)
    if twice:
        return Check("ids", False, f"{_ids(len(twice))} in more than one group, e.g. "
                     f"{', '.join(twice[:5])}.")
    unknown = sorted(i for i in set(grouped) | set(record["selected"]) | set(record["marginals"])
                     if i not in pool)
    if unknown:
        return Check("ids", False, f"{_ids(len(unknown))} not in the pool, e.g. "
                     f"{', '.join(unknown[:5])}.")
    return Check("ids", True, "Every id of the record is in the pool, in one group at most.")


def _profile(pool: Pool, quotas: Quotas, pid: str) -> tuple:
    person = pool.get(pid)
    return tuple(norm_value(person.features.get(f, "")) for f in quotas.features)


def _check_quotas(record, pool, quotas) -> Check:
    missing = [f for f in quotas.features if f not in pool.features]
    if missing:
        return Check("quotas", False, f"The pool has no feature {', '.join(missing)}.")
    groups = [[i for i in g if i in pool] for g in record["groups"]]
    for k, group in enumerate(groups):
        if len({_profile(pool, quotas, i) for i in group}) > 1:
            return Check("quotas", False, f"Group {k} mixes people with different features, "
                         "so its panels cannot be checked against the quotas.")
    for j, template in enumerate(_templates(record), 1):
        people = [pool.get(groups[g][k]) for g, c in template.items() for k in range(c)
                  if k < len(groups[g])]
        broken = quotas.violations(people)
        if broken:
            return Check("quotas", False, f"Panel {j} of the portfolio breaks quotas: "
                         f"{'; '.join(broken[:3])}.")
    broken = quotas.violations(pool.get(i) for i in record["selected"] if i in pool)
    if broken:
        return Check("quotas", False, f"The selected panel breaks quotas: {'; '.join(broken[:3])}.")
    return Check("quotas", True, "Every panel of the portfolio and the selected panel meet "
                 "every quota.")


def _check_households(record, pool, quotas) -> Check:
    if not record["households"]:
        return Check("households", True, "Not required for this draw.")
    home = {p.id: p.household for p in pool if p.household}
    for j, template in enumerate(_templates(record), 1):
        worst: Counter = Counter()  # most people a panel could take from each address
        for g, c in template.items():
            at = Counter(home[i] for i in record["groups"][g] if i in home)
            for key, n in at.items():
                worst[key] += min(c, n)
        shared = [key for key, n in worst.items() if n > 1]
        if shared:
            return Check("households", False, f"Panel {j} of the portfolio can take two "
                         f"people at the same address ({shared[0]}).")
    chosen = Counter(home[i] for i in set(record["selected"]) if i in home)
    if any(n > 1 for n in chosen.values()):
        return Check("households", False, "The selected panel has two people at the same "
                     "address.")
    return Check("households", True, "No panel can take two people from the same household.")


def _check_probabilities(record, pool, quotas) -> Check:
    probabilities = [e["probability"] for e in record["portfolio"]]
    if any(p < -TOLERANCE for p in probabilities):
        return Check("probabilities", False, "Some panel has a negative probability.")
    if not _close(sum(probabilities), 1.0):
        return Check("probabilities", False, f"The panel probabilities add up to "
                     f"{sum(probabilities):.9f}, not 1.")
    return Check("probabilities", True, "Panel probabilities are non-negative and add up to 1.")


def _check_marginals(record, pool, quotas) -> Check:
    sums: Counter = Counter()
    for template, entry in zip(_templates(record), record["portfolio"]):
        for g, c in template.items():
            group = record["groups"][g]
            for pid in group:
                sums[pid] += entry["probability"] * c / len(group)
    wrong = sorted(i for i in set(sums) | set(record["marginals"])
                   if not _close(sums.get(i, 0.0), record["marginals"].get(i, 0.0)))
    if wrong:
        who = "1 person" if len(wrong) == 1 else f"{len(wrong)} people"
        return Check("marginals", False, f"The selection probability of {who} "
                     f"does not follow from the portfolio, e.g. {', '.join(wrong[:5])}.")
    return Check("marginals", True, "Each person's selection probability follows from the "
                 "panels that can include them.")


def _check_selection(record, pool, quotas) -> Check:
    from .record import distribution_from_record  # here: record imports this module
    try:
        from .lottery import sample
    except ImportError:
        return Check("selection", False, "panels.lottery is not available to redo the draw.")
    try:
        drawn = sorted(sample(distribution_from_record(record), record["seed"]))
    except (ValueError, IndexError, KeyError) as exc:
        return Check("selection", False, f"Redoing the draw failed: {exc}.")
    if drawn != sorted(record["selected"]):
        return Check("selection", False, f"Drawing with seed {record['seed']} selects a "
                     "different panel from the one recorded.")
    return Check("selection", True, f"Drawing with seed {record['seed']} selects exactly "
                 "the recorded panel.")


def _check_fairness(record, pool, quotas) -> Check:
    from .fairness import check_fairness   # numpy and HiGHS: loaded when a record is verified

    return check_fairness(record, pool, quotas)


CHECKS = (_check_hashes, _check_sizes, _check_ids, _check_quotas, _check_households,
          _check_probabilities, _check_marginals, _check_selection, _check_fairness)


def verify_record(record: dict, pool: Pool, quotas: Quotas) -> list[Check]:
    """Check every claim of ``record`` against the inputs: one ``Check`` per claim.

    Inputs fingerprints; panel sizes; ids in the pool; every panel of the portfolio
    and the selected panel meet the quotas and (if the draw required it) take at most
    one person per household; probabilities are non-negative and sum to 1; each
    person's probability follows from the portfolio (tolerance 1e-6); redrawing with
    the seed (``panels.lottery.sample``) selects the recorded panel; for leximin and
    maximin, the probabilities are the algorithm's promise (``panels.fairness``).

    For a replacement record, ``pool`` and ``quotas`` are those of the original draw:
    the remaining pool and reduced quotas of the replacement draw are derived from
    them (``panels.replace.remaining_problem``) and checked as above.
    """
    origin = record.get("replacement_of")
    if origin is None:
        return [check(record, pool, quotas) for check in CHECKS]
    first = _check_original_inputs(origin, pool, quotas)
    if not first.ok:
        return [first]
    try:
        rest, reduced = draw_inputs(record, pool, quotas)
    except (PanelsError, KeyError) as error:
        return [first, Check("replacement", False, f"The kept members cannot be completed: "
                             f"{error}")]
    return [first] + [check(record, rest, reduced) for check in CHECKS]


def draw_inputs(record: dict, pool: Pool, quotas: Quotas) -> tuple[Pool, Quotas]:
    """The pool and quotas the record's own draw used, from those of the original draw.

    The same for a first draw; for a replacement draw, the remaining pool and the
    quotas reduced by the kept members. Raises ``PanelsError`` if they cannot be
    derived (the kept members break the quotas, or leave another number of seats).
    """
    origin = record.get("replacement_of")
    if origin is None:
        return pool, quotas
    from .replace import remaining_problem

    rest, reduced, missing = remaining_problem(pool, quotas, origin["size"], origin["kept"],
                                               origin["declined"], record["households"])
    if missing != record["size"]:
        raise PanelsError(f"{missing} seats were missing, but the record draws {record['size']}.")
    return rest, reduced


def _check_original_inputs(origin: dict, pool: Pool, quotas: Quotas) -> Check:
    if origin.get("pool_sha256") != pool_sha256(pool) or \
            origin.get("quotas_sha256") != quotas_sha256(quotas):
        return Check("original inputs", False, "The pool and quotas given are not those of the "
                     "original draw (their SHA-256 fingerprints do not match).")
    previous, kept = set(origin.get("previous_panel", [])), set(origin["kept"])
    if previous and not (kept <= previous and previous - kept <= set(origin["declined"])):
        return Check("original inputs", False, "The kept members are not the previous panel "
                     "less those who declined.")
    return Check("original inputs", True, f"The pool and quotas are those of the original "
                 f"draw; {len(origin.get('kept', []))} members kept, "
                 f"{len(origin.get('declined', []))} declined.")


def check_previous(record: dict, previous: dict) -> Check:
    """Whether a replacement record continues ``previous`` (the record it replaces from)."""
    from .record import record_sha256

    origin = record.get("replacement_of") or {}
    if origin.get("previous_record_sha256") != record_sha256(previous):
        return Check("previous record", False, "This draw does not continue the previous "
                     "record given (fingerprint mismatch).")
    return Check("previous record", True, "This draw continues the previous record given.")


def verify(record: dict, pool: Pool, quotas: Quotas) -> list[Check]:
    """Like ``verify_record`` but raise ``VerificationFailed`` if any check fails."""
    checks = verify_record(record, pool, quotas)
    failures = [f"{c.name}: {c.detail}" for c in checks if not c.ok]
    if failures:
        raise VerificationFailed(failures)
    return checks
