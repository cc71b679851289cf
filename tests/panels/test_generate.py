"""The synthetic pool generator: deterministic, skewed like real pools, feasible quotas."""
from collections import Counter

import pytest

from panels.generate import (BENCHMARK_INSTANCES, FEATURES, POPULATION_SHARES,
                             generate_instance, generate_pool, is_feasible,
                             population_joint, population_quotas, type_counts)
from panels.model import Quota, Quotas


def shares(pool, feature):
    counts = Counter(p.features[feature] for p in pool)
    return {value: 100 * n / len(pool) for value, n in counts.items()}


def test_same_seed_same_pool_other_seed_other_pool():
    first, again, other = (generate_pool(500, 5, seed) for seed in (7, 7, 8))
    assert [(p.id, dict(p.features)) for p in first] == [(p.id, dict(p.features)) for p in again]
    assert [dict(p.features) for p in first] != [dict(p.features) for p in other]


def test_more_features_add_columns_to_the_same_people():
    five, eight = generate_pool(300, 5, 3), generate_pool(300, 8, 3)
    assert five.features == FEATURES[:5] == ["genre", "age", "csp", "diplome", "territoire"]
    assert eight.features == FEATURES[:8]
    assert all({f: b.features[f] for f in five.features} == dict(a.features)
               for a, b in zip(five, eight))


def test_population_has_the_census_shares():
    joint = population_joint()
    for k, feature in enumerate(FEATURES):
        marginal = joint.sum(axis=tuple(i for i in range(len(FEATURES)) if i != k))
        assert marginal * 100 == pytest.approx(list(POPULATION_SHARES[feature].values()), abs=1e-6)


def test_pool_is_skewed_like_real_volunteers():
    pool = generate_pool(5000, 5, 1)
    age, csp, diplome = shares(pool, "age"), shares(pool, "csp"), shares(pool, "diplome")
    census = POPULATION_SHARES
    assert age["65+"] > 1.3 * census["age"]["65+"]
    assert age["18-24"] < 0.7 * census["age"]["18-24"]
    assert diplome["Bac+3 et plus"] > 1.5 * census["diplome"]["Bac+3 et plus"]
    assert csp["Cadres et professions intellectuelles supérieures"] > census["csp"][
        "Cadres et professions intellectuelles supérieures"]
    assert csp["Ouvriers"] < 0.5 * census["csp"]["Ouvriers"]


def test_features_are_correlated():
    pool = generate_pool(5000, 5, 2)

    def share(feature, value, given, given_value):
        group = [p for p in pool if p.features[given] == given_value]
        return sum(p.features[feature] == value for p in group) / len(group)

    assert share("csp", "Retraités", "age", "65+") > 0.8
    assert share("csp", "Retraités", "age", "18-24") == 0
    assert (share("diplome", "Bac+3 et plus", "csp", "Cadres et professions intellectuelles supérieures")
            > 2 * share("diplome", "Bac+3 et plus", "csp", "Ouvriers"))


def test_quotas_follow_the_population_like_the_sample_quotas():
    quotas = population_quotas(40, 5)
    assert quotas.get("genre", "Femme") == Quota("genre", "Femme", 20, 23)  # 21 ± 1.5
    assert quotas.get("age", "18-24") == Quota("age", "18-24", 5, 8)  # 6 ± 1.5
    assert quotas.get("csp", "Agriculteurs exploitants").min == 0  # 0.12 - 1.5, clipped
    assert all(0 <= q.min <= q.max <= 40 for q in quotas)


@pytest.mark.parametrize("instance", BENCHMARK_INSTANCES[:3])
def test_generated_instances_are_feasible(instance):
    pool, quotas = generate_instance(*instance, seed=0)
    assert len(pool) == instance[0] and len(quotas.features) == instance[2]
    assert is_feasible(pool, quotas, instance[1])


def test_infeasible_quotas_are_detected():
    pool, quotas = generate_instance(300, 40, 4, seed=0)
    too_many_women = quotas.replace("genre", "Femme", min=39, max=40)
    assert not is_feasible(pool, too_many_women, 40)
    assert not is_feasible(pool, Quotas(list(quotas)), 301)


@pytest.mark.parametrize("instance, low, high", [
    # ANCHORS.md: 144 types for 300 on 4 features, 762 for 2,000 on 5, 5,302 for 10,000 on 8.
    ((300, 40, 4), 60, 250), ((2000, 40, 5), 400, 1500), ((10000, 150, 8), 2500, 9000),
])
def test_type_counts_are_realistic(instance, low, high):
    pool = generate_pool(instance[0], instance[2], seed=0)
    assert low <= len(type_counts(pool)) <= high


def test_a_few_percent_share_an_address_within_their_territory():
    pool = generate_pool(2000, 5, 4, shared_address_share=0.05)
    by_address = Counter(p.household for p in pool)
    sharing = [p for p in pool if by_address[p.household] > 1]
    assert 0.02 <= len(sharing) / len(pool) <= 0.08
    territories = {}
    for p in sharing:
        territories.setdefault(p.household, set()).add(p.features["territoire"])
    assert all(len(t) == 1 for t in territories.values())
    assert all(p.household is None for p in generate_pool(10, 5, 4))


def test_feature_count_is_checked():
    with pytest.raises(ValueError):
        generate_pool(10, 9, 0)


def test_quotas_are_widened_until_a_small_pool_can_meet_them():
    pool = generate_pool(60, 5, 0)
    assert not is_feasible(pool, population_quotas(40, 5, pool=pool), 40)
    pool, quotas = generate_instance(60, 40, 5, seed=0)
    assert is_feasible(pool, quotas, 40)
    assert max(q.max - q.min for q in quotas) > 3
