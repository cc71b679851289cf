"""Replacements through the library API: the completed panel keeps the quotas."""
from __future__ import annotations

import pytest

from panels import ReplacementInfeasible
from panels.algorithms import ALGORITHMS
from panels.generate import generate_instance
from panels.lottery import sample
from panels.replace import draw_replacements


@pytest.fixture(scope="module")
def drawn():
    pool, quotas = generate_instance(120, 12, 3, seed=5)
    distribution = ALGORITHMS["leximin"](pool, quotas, 12)
    return pool, quotas, list(sample(distribution, 2026))


def test_replacements_complete_the_panel_within_the_quotas(drawn):
    pool, quotas, selected = drawn
    declined = selected[:3]
    kept = selected[3:]
    result = draw_replacements(pool, quotas, 12, kept, declined, seed="relance-1")
    assert len(result.selected) == 3
    assert not set(result.selected) & set(selected)
    final = kept + list(result.selected)
    assert quotas.violations(pool.get(p) for p in final) == []
    again = draw_replacements(pool, quotas, 12, kept, declined, seed="relance-1")
    assert again.selected == result.selected


def test_replacement_says_which_quota_blocks_it(drawn):
    pool, quotas, selected = drawn
    person = pool.get(selected[0])
    feature = quotas.features[0]
    value = person.features[feature]
    # everyone else with that value declined too: the quota's minimum cannot be met
    others = [p.id for p in pool if p.features[feature] == value and p.id != person.id]
    kept = [p for p in selected[1:] if pool.get(p).features[feature] != value]
    quota = quotas.get(feature, value)
    assert quota.min > 0, "the fixture's quota for this value needs a minimum, or the test proves nothing"
    with pytest.raises(ReplacementInfeasible) as caught:
        draw_replacements(pool, quotas, 12, kept, [person.id] + others, seed=1)
    assert any(r.feature == feature and r.bound == "min" for r in caught.value.relaxations)


def test_the_top_level_draw_checks_inputs_and_samples_reproducibly():
    import panels
    from panels import BadQuotas

    pool, quotas = generate_instance(100, 10, 3, seed=2)
    result = panels.draw(pool, quotas, 10, seed=20261201)
    assert result.selected == panels.sample(result.distribution, 20261201)
    assert result.record["selected"] == sorted(result.selected)
    assert quotas.violations(pool.get(p) for p in result.selected) == []
    with pytest.raises(BadQuotas):
        panels.draw(pool, quotas, 0, seed=1)
