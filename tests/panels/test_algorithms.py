"""The algorithms, tested through the library API on random small instances.

Every property is checked for every algorithm of the registry; leximin is also
compared with a brute-force leximin over all panels of the instance.
"""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings

from panels import InfeasibleQuotas
from panels.algorithms import ALGORITHMS
from panels.lottery import sample, transparent_lottery

from panels_instances import brute_force_leximin, feasible_panels, instances

SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def run(name, pool, quotas, size, households=False):
    kwargs = {"households": households, "rng": np.random.default_rng(7)}
    if name == "legacy":
        return ALGORITHMS[name](pool, quotas, size, runs=200, **kwargs)
    return ALGORITHMS[name](pool, quotas, size, **kwargs)


def expand(distribution, j):
    """One concrete panel of template j (the first members of each group)."""
    out = []
    for g, c in distribution.panels[j].items():
        assert c <= len(distribution.groups[g])
        out += list(distribution.groups[g][:c])
    return out


@pytest.mark.parametrize("name", sorted(ALGORITHMS))
@SETTINGS
@given(instance=instances())
def test_every_panel_meets_the_quotas_and_probabilities_add_up(name, instance):
    pool, quotas, size = instance
    feasible = feasible_panels(pool, quotas, size)
    if not feasible:
        with pytest.raises(InfeasibleQuotas):
            run(name, pool, quotas, size)
        return
    try:
        d = run(name, pool, quotas, size)
    except InfeasibleQuotas:
        assert name == "legacy"  # the greedy draw may dead-end where panels exist
        return
    assert abs(sum(d.probabilities) - 1) < 1e-9
    assert all(p >= 0 for p in d.probabilities)
    for j in range(len(d.panels)):
        people = [pool.get(pid) for pid in expand(d, j)]
        assert len(people) == size
        assert quotas.violations(people) == []
        # members of a group are interchangeable: same features
        for g in d.panels[j]:
            assert len({tuple(sorted(pool.get(p).features.items())) for p in d.groups[g]}) == 1
    assert abs(sum(d.marginals.values()) - size) < 1e-6
    assert set(d.marginals) == {p.id for p in pool}


@SETTINGS
@given(instance=instances())
def test_leximin_equals_brute_force_leximin(instance):
    pool, quotas, size = instance
    feasible = feasible_panels(pool, quotas, size)
    if not feasible:
        return
    d = ALGORITHMS["leximin"](pool, quotas, size)
    expected = brute_force_leximin(pool, feasible)
    got = sorted(d.marginals.values())
    assert np.allclose(got, expected, atol=2e-5), (got, expected)


@SETTINGS
@given(instance=instances())
def test_leximin_minimum_beats_maximin_beats_legacy(instance):
    pool, quotas, size = instance
    if not feasible_panels(pool, quotas, size):
        return
    lexi = ALGORITHMS["leximin"](pool, quotas, size).min_probability
    maxi = ALGORITHMS["maximin"](pool, quotas, size).min_probability
    assert lexi >= maxi - 2e-5
    try:
        legacy = run("legacy", pool, quotas, size).min_probability
    except InfeasibleQuotas:
        return
    # the legacy's empirical minimum over 200 draws, with sampling noise
    assert maxi >= legacy - 0.1


@SETTINGS
@given(instance=instances(households=True))
def test_households_never_share_an_address(instance):
    pool, quotas, size = instance
    if not feasible_panels(pool, quotas, size, households=True):
        with pytest.raises(InfeasibleQuotas):
            ALGORITHMS["leximin"](pool, quotas, size, households=True)
        return
    d = ALGORITHMS["leximin"](pool, quotas, size, households=True)
    for seed in range(5):
        homes = [pool.get(pid).household for pid in sample(d, seed)]
        assert len(homes) == len(set(homes))
    expected = brute_force_leximin(pool, feasible_panels(pool, quotas, size, households=True))
    assert np.allclose(sorted(d.marginals.values()), expected, atol=2e-5)


@SETTINGS
@given(instance=instances())
def test_sampling_is_reproducible_and_the_transparent_lottery_stays_close(instance):
    pool, quotas, size = instance
    if not feasible_panels(pool, quotas, size):
        return
    d = ALGORITHMS["leximin"](pool, quotas, size)
    first = sample(d, "tirage-2026")
    assert first == sample(d, "tirage-2026")
    assert len(first) == size and quotas.violations(pool.get(p) for p in first) == []
    lottery = transparent_lottery(d, 1000)
    assert lottery.size == 1000
    for panel in lottery.panels:
        assert len(set(panel)) == size
        assert quotas.violations(pool.get(p) for p in panel) == []
    # largest-remainder rounding moves each panel by < 1/M; a person sits on many panels
    assert lottery.max_deviation <= size / 1000 + 1e-9


def test_infeasible_quotas_name_the_relaxation(fixtures):
    from panels.model import Person, Pool, Quota, Quotas

    people = [Person(f"p{i}", {"age": "jeune" if i < 3 else "senior"}) for i in range(10)]
    quotas = Quotas([Quota("age", "jeune", 5, 6), Quota("age", "senior", 0, 5)])
    with pytest.raises(InfeasibleQuotas) as caught:
        ALGORITHMS["leximin"](Pool(people, ["age"]), quotas, 8)
    relaxations = {(r.feature, r.value, r.bound, r.current, r.suggested)
                   for r in caught.value.relaxations}
    # only 3 young people: their minimum must go down to 3
    assert ("age", "jeune", "min", 5, 3) in relaxations
    assert "lower the minimum of age jeune from 5 to 3" in str(caught.value)


@pytest.mark.parametrize("name", ["leximin", "maximin"])
def test_column_generation_fallback_reaches_the_same_minimum(monkeypatch, name):
    """When the relaxation's point is not written as a lottery (here: peeling stops half-way
    and no decomposition rounds are allowed), the stage-by-stage column generation finishes
    the job with the same optimum."""
    import importlib

    from panels.generate import generate_instance

    leximin_module = importlib.import_module("panels.algorithms.leximin")
    pool, quotas = generate_instance(300, 40, 4, seed=1)
    fast = ALGORITHMS[name](pool, quotas, 40)
    monkeypatch.setattr(leximin_module, "MAX_DECOMPOSITION_ROUNDS", 0)
    real_peel = leximin_module.peel

    def half_peel(*args, **kwargs):
        panels, weights, _ = real_peel(*args, **kwargs)
        return panels[: len(panels) // 2], weights[: len(panels) // 2], False

    monkeypatch.setattr(leximin_module, "peel", half_peel)
    slow = ALGORITHMS[name](pool, quotas, 40)
    assert slow.stats["method"] == "column generation"
    assert abs(slow.min_probability - fast.min_probability) < 1e-6
    if name == "leximin":
        assert np.allclose(sorted(slow.marginals.values()), sorted(fast.marginals.values()), atol=2e-5)
    for j in range(len(slow.panels)):
        assert quotas.violations(pool.get(p) for p in expand(slow, j)) == []
