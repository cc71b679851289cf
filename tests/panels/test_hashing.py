"""Canonical fingerprints: independent of file layout, sensitive to the data."""
from __future__ import annotations

import random

from hypothesis import given, settings, strategies as st

from panels.hashing import pool_sha256, quotas_sha256
from panels.io import read_pool, read_quotas
from panels.model import Person, Pool, Quota, Quotas

VALUES = st.text(alphabet="abcdeéF +-", min_size=1, max_size=6).filter(lambda v: v.strip())
FEATURES = ["genre", "age", "csp"]


@st.composite
def pools(draw):
    n = draw(st.integers(1, 8))
    ids = draw(st.lists(st.text("0123456789AB", min_size=1, max_size=4), min_size=n,
                        max_size=n, unique=True))
    people = [Person(i, {f: draw(VALUES) for f in FEATURES},
                     draw(st.one_of(st.none(), st.sampled_from(["1 rue a", "2 rue b"]))))
              for i in ids]
    return Pool(people, list(FEATURES))


def shuffled(pool, seed):
    rng = random.Random(seed)
    people, features = list(pool.people), list(pool.features)
    rng.shuffle(people)
    rng.shuffle(features)
    return Pool([Person(p.id, {f: p.features[f] for f in features}, p.household) for p in people],
                features)


@given(pools(), st.integers())
def test_row_and_column_order_do_not_matter(pool, seed):
    assert pool_sha256(shuffled(pool, seed)) == pool_sha256(pool)


@given(pools(), st.data())
def test_changing_one_value_changes_the_hash(pool, data):
    person = data.draw(st.sampled_from(pool.people))
    feature = data.draw(st.sampled_from(FEATURES))
    new = data.draw(VALUES.filter(lambda v: " ".join(v.split()).casefold()
                                  != " ".join(person.features[feature].split()).casefold()))
    changed = Person(person.id, {**person.features, feature: new}, person.household)
    other = Pool([changed if p is person else p for p in pool.people], pool.features)
    assert pool_sha256(other) != pool_sha256(pool)


@given(pools())
def test_case_and_spacing_of_values_do_not_matter(pool):
    loud = Pool([Person(p.id, {f: f"  {v.upper()} " for f, v in p.features.items()}, p.household)
                 for p in pool], pool.features)
    assert pool_sha256(loud) == pool_sha256(pool)


@given(pools())
def test_households_and_ids_are_part_of_the_hash(pool):
    person = pool.people[0]
    for replacement in (Person(person.id, person.features, "3 rue c"),
                        Person(person.id + "Z", person.features, person.household)):
        other = Pool([replacement] + pool.people[1:], pool.features)
        assert pool_sha256(other) != pool_sha256(pool)


QUOTA = st.builds(Quota, st.sampled_from(FEATURES), VALUES, st.integers(0, 5), st.integers(5, 9))


@settings(max_examples=50)
@given(st.lists(QUOTA, min_size=1, max_size=8, unique_by=lambda q: (q.feature, q.value)),
       st.randoms(use_true_random=False))
def test_quotas_hash_ignores_row_order_but_not_bounds(items, rng):
    shuffled_items = list(items)
    rng.shuffle(shuffled_items)
    assert quotas_sha256(Quotas(shuffled_items)) == quotas_sha256(Quotas(items))
    first = items[0]
    bumped = Quota(first.feature, first.value, first.min, first.max + 1)
    assert quotas_sha256(Quotas([bumped] + items[1:])) != quotas_sha256(Quotas(items))


def test_shared_pool_hashes_equal_across_encoding_and_separator(shared_data):
    utf8 = read_pool(shared_data / "pool_metropole_1500.csv")
    excel = read_pool(shared_data / "pool_metropole_1500_excel_fr.csv")
    assert pool_sha256(utf8) == pool_sha256(excel)
    assert pool_sha256(utf8) != pool_sha256(utf8.without(["V0001"]))


def test_xlsx_and_csv_of_the_same_quotas_hash_equally(fixtures, write_xlsx):
    csv_quotas = read_quotas(fixtures / "quotas_small.csv")
    path = write_xlsx([["category", "name", "max", "min"]]
                      + [[q.feature, q.value.upper(), q.max, q.min] for q in reversed(csv_quotas.items)])
    assert quotas_sha256(read_quotas(path)) == quotas_sha256(csv_quotas)
