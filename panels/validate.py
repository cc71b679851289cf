"""Checks on a pool, quotas and panel size before any optimisation runs.

These are the mistakes an organiser can fix by reading one sentence: a feature
spelt differently in the two files, a value with no quota row, bounds that cannot
add up to the panel size. Deeper infeasibility (quotas that interact) is left to
``panels.diagnose``.
"""
from __future__ import annotations

from collections import Counter

from .errors import BadQuotas, Problem
from .model import Pool, Quotas, norm_value


def input_problems(pool: Pool, quotas: Quotas, size: int, *,
                   households: bool = False) -> list[Problem]:
    """Every problem ``check_inputs`` would raise, as a list (empty when all is well)."""
    problems: list[Problem] = []
    homes = len({p.household or ("person", p.id) for p in pool})
    if size <= 0:
        problems.append(Problem("size_not_positive", f"The panel size must be at least 1, "
                                f"not {size}.", value=str(size), data={"size": size}))
    elif size > len(pool):
        problems.append(Problem("size_exceeds_pool", f"The panel size ({size}) is larger than "
                                f"the pool ({len(pool)} {_people(len(pool))}).", value=str(size),
                                data={"size": size, "pool": len(pool)}))
    elif households and size > homes:
        problems.append(Problem("size_exceeds_households", f"The panel size ({size}) is larger "
                                f"than the number of households in the pool ({homes}), and "
                                "only one person per household may be selected.",
                                value=str(size), data={"size": size, "homes": homes}))
    counts = pool.counts()
    spellings: dict[tuple[str, str], str] = {}
    for person in pool:
        for f, v in person.features.items():
            spellings.setdefault((f, norm_value(v)), v)
    by_name = {norm_value(f): f for f in pool.features}
    for feature in quotas.features:
        if feature not in counts:
            near = by_name.get(norm_value(feature))
            hint = f" Did you mean {near!r}?" if near else (
                f" The pool's features are: {', '.join(pool.features)}.")
            problems.append(Problem("missing_feature", f"The quotas use the feature "
                                    f"{feature!r}, which is not a column of the pool.{hint}",
                                    column=feature, data={"near": near} if near else {}))
            continue
        names = {v: spellings[(feature, v)] for v in counts[feature]}
        problems += _feature_problems(feature, quotas, counts[feature], names, size)
    return problems


def _feature_problems(feature: str, quotas: Quotas, pool_counts: Counter,
                      names: dict[str, str], size: int) -> list[Problem]:
    """Problems of one feature's quota rows; ``names`` maps normalised values to a spelling."""
    problems = []
    rows = quotas.for_feature(feature)
    quota_values = {norm_value(q.value) for q in rows}
    for q in rows:
        available = pool_counts.get(norm_value(q.value), 0)
        if q.min > q.max:
            problems.append(Problem("min_above_max", f"{feature} {q.value}: the min ({q.min}) "
                                    f"is larger than the max ({q.max}).",
                                    column=feature, value=q.value, data={"min": q.min, "max": q.max}))
        if available == 0 and q.min > 0:
            problems.append(Problem("unknown_value", f"{feature} {q.value}: the quota asks for "
                                    f"at least {q.min}, but nobody in the pool has this value.",
                                    column=feature, value=q.value, data={"min": q.min}))
        elif q.min > available:
            problems.append(Problem("min_exceeds_pool", f"{feature} {q.value}: the quota asks "
                                    f"for at least {q.min}, but only {available} "
                                    f"{_people(available)} in the pool "
                                    f"{'has' if available == 1 else 'have'} this value.",
                                    column=feature, value=q.value,
                                    data={"min": q.min, "available": available}))
    for person_value, n in pool_counts.items():
        if person_value not in quota_values:
            value = names[person_value]
            problems.append(Problem("value_without_quota", f"{feature} {value!r}: {n} "
                                    f"{_people(n)} in the pool {'has' if n == 1 else 'have'} this "
                                    "value but there is no quota row for it, so they could never "
                                    "be selected. Add a row (min 0 if needed).", column=feature,
                                    value=value, data={"count": n}))
    total_min = sum(q.min for q in rows)
    total_max = sum(q.max for q in rows)
    if total_min > size > 0:
        problems.append(Problem("mins_exceed_size", f"{feature}: the minimums add up to "
                                f"{total_min}, more than the panel size ({size}).",
                                column=feature, value=str(total_min),
                                data={"total": total_min, "size": size}))
    if total_max < size:
        problems.append(Problem("maxes_below_size", f"{feature}: the maximums add up to "
                                f"{total_max}, less than the panel size ({size}).",
                                column=feature, value=str(total_max),
                                data={"total": total_max, "size": size}))
    return problems


def _people(n: int) -> str:
    return "person" if n == 1 else "people"


def check_inputs(pool: Pool, quotas: Quotas, size: int, *, households: bool = False) -> None:
    """Raise ``BadQuotas`` listing every problem of ``input_problems``; return None if none.

    With ``households``, the panel cannot be larger than the number of addresses.
    """
    problems = input_problems(pool, quotas, size, households=households)
    if problems:
        raise BadQuotas(problems)
