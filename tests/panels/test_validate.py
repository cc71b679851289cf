"""check_inputs: every problem an organiser can fix from one sentence."""
from __future__ import annotations

import pytest

from panels.errors import BadQuotas
from panels.model import Person, Pool, Quota, Quotas
from panels.validate import check_inputs, input_problems


def pool_of(*rows):
    return Pool([Person(str(i), {"genre": g, "age": a}) for i, (g, a) in enumerate(rows)],
                ["genre", "age"])


POOL = pool_of(("F", "jeune"), ("F", "vieux"), ("H", "jeune"), ("H", "vieux"), ("F", "vieux"))
GOOD = [Quota("genre", "F", 1, 3), Quota("genre", "H", 1, 2),
        Quota("age", "jeune", 1, 2), Quota("age", "vieux", 1, 3)]


def codes(quotas, size, pool=POOL):
    return [(p.code, p.column, p.value) for p in input_problems(pool, Quotas(quotas), size)]


def test_good_inputs_pass(small_pool, small_quotas):
    check_inputs(POOL, Quotas(GOOD), 3)
    check_inputs(small_pool, small_quotas, 4)


def test_values_compare_case_and_space_insensitively():
    assert codes([Quota("genre", " f ", 0, 3), Quota("genre", "h", 0, 3)], 3) == []


def test_size_problems():
    assert codes(GOOD, 0)[0][0] == "size_not_positive"
    assert codes(GOOD, 6)[0][0] == "size_exceeds_pool"


def test_missing_feature_suggests_the_near_spelling():
    problems = input_problems(POOL, Quotas([Quota("Genre", "F", 0, 3)]), 2)
    assert [p.code for p in problems] == ["missing_feature"]
    assert "Did you mean 'genre'?" in problems[0].message


def test_value_without_quota_is_an_error():
    with pytest.raises(BadQuotas) as exc:
        check_inputs(POOL, Quotas(GOOD[:1] + GOOD[2:]), 3)
    assert [(p.code, p.column, p.value) for p in exc.value.problems] == [
        ("value_without_quota", "genre", "H")]
    assert "2 people" in exc.value.problems[0].message


def test_unknown_value_only_matters_with_a_minimum():
    assert codes(GOOD + [Quota("age", "moyen", 0, 2)], 3) == []
    assert codes(GOOD + [Quota("age", "moyen", 1, 2)], 3) == [("unknown_value", "age", "moyen")]


def test_bounds_against_size_and_pool():
    quotas = [Quota("genre", "F", 3, 1), Quota("genre", "H", 3, 3),
              Quota("age", "jeune", 0, 1), Quota("age", "vieux", 0, 1)]
    assert codes(quotas, 4) == [
        ("min_above_max", "genre", "F"), ("min_exceeds_pool", "genre", "H"),
        ("mins_exceed_size", "genre", "6"), ("maxes_below_size", "age", "2")]


def test_shared_inputs_pass_for_40(shared_data):
    from panels.io import read_pool, read_quotas
    check_inputs(read_pool(shared_data / "pool_metropole_1500.csv"),
                 read_quotas(shared_data / "quotas_metropole_40.csv"), 40)


def test_one_per_household_needs_enough_households():
    pool = Pool([Person(str(i), {"genre": "F", "age": "jeune"}, "1 rue a" if i < 3 else None)
                 for i in range(5)], ["genre", "age"])
    quotas = Quotas([Quota("genre", "F", 0, 5), Quota("age", "jeune", 0, 5)])
    check_inputs(pool, quotas, 4)
    check_inputs(pool, quotas, 3, households=True)  # "1 rue a" plus two people alone
    with pytest.raises(BadQuotas) as exc:
        check_inputs(pool, quotas, 4, households=True)
    assert [p.code for p in exc.value.problems] == ["size_exceeds_households"]
    assert "(3)" in exc.value.problems[0].message


def test_messages_agree_with_their_numbers():
    """'only 1 people', 'The pool given differ' (issue 18, Also)."""
    from panels.hashing import quotas_sha256
    from panels.model import Person, Pool, Quota, Quotas
    from panels.validate import input_problems
    from panels.verification import _check_hashes

    pool = Pool([Person("a", {"g": "F"}), Person("b", {"g": "H"}), Person("c", {"g": "H"})], ["g"])
    problems = input_problems(pool, Quotas([Quota("g", "F", 2, 2), Quota("g", "H", 0, 3)]), 2)
    assert [p.message for p in problems] == [
        "g F: the quota asks for at least 2, but only 1 person in the pool has this value."]
    assert problems[0].data == {"min": 2, "available": 1}
    problems = input_problems(Pool(pool.people[:1], ["g"]), Quotas([Quota("g", "F", 0, 2)]), 2)
    assert problems[0].message == "The panel size (2) is larger than the pool (1 person)."
    quotas = Quotas([Quota("g", "F", 0, 2)])
    both = _check_hashes({"pool_sha256": "0" * 64, "quotas_sha256": "0" * 64}, pool, quotas)
    assert both.detail.startswith("The pool and quotas given differ ")
    one = _check_hashes({"pool_sha256": "0" * 64, "quotas_sha256": quotas_sha256(quotas)}, pool, quotas)
    assert one.detail.startswith("The pool given differs ")
