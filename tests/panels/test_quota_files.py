"""Reading quotas and shares, and deriving quotas from population shares."""
from __future__ import annotations

import pytest

from panels.errors import BadQuotas
from panels.io import quotas_from_shares, read_pool, read_quotas, read_shares, write_quotas_csv
from panels.model import Quota


def test_standard_header(fixtures):
    quotas = read_quotas(fixtures / "quotas_small.csv")
    assert quotas.items[0] == Quota("genre", "Femme", 2, 3)
    assert quotas.features == ["genre", "age"] and len(quotas) == 4


def test_sortition_foundation_header_flex_columns_ignored(fixtures):
    assert read_quotas(fixtures / "quotas_sortition_foundation.csv").items == \
        read_quotas(fixtures / "quotas_small.csv").items


def test_french_header_cp1252_semicolons(fixtures):
    quotas = read_quotas(fixtures / "quotas_fr_cp1252.csv")
    assert [(q.feature, q.value, q.min, q.max) for q in quotas] == [
        ("genre", "Femme", 2, 3), ("genre", "Homme", 1, 2), ("âge", "18-34", 1, 3)]


def test_xlsx_quotas_with_numeric_cells(write_xlsx):
    path = write_xlsx([["Feature", "Value", "Min", "Max"], ["age", "65+", 2, 4.0]])
    assert read_quotas(path).items == [Quota("age", "65+", 2, 4)]


def test_every_problem_with_its_row(fixtures):
    with pytest.raises(BadQuotas) as exc:
        read_quotas(fixtures / "quotas_bad.csv")
    assert [(p.code, p.row, p.column) for p in exc.value.problems] == [
        ("bad_bound", 3, "min"), ("bad_bound", 4, "min"), ("min_above_max", 5, "min"),
        ("duplicate_quota", 6, "value"), ("empty_cell", 7, "value")]
    assert exc.value.problems[1].value == "-1"
    assert "already on row 2" in exc.value.problems[3].message


@pytest.mark.parametrize("text,code", [
    (b"feature,value,max\ngenre,F,2\n", "missing_column"),
    (b"feature,value,min,max\n", "no_rows"),
    (b"feature,value,min,max\ngenre,F,1.5,2\n", "bad_bound"),
    (b"", "empty_file"),
])
def test_bad_quota_files(text, code):
    with pytest.raises(BadQuotas) as exc:
        read_quotas(text)
    assert exc.value.problems[0].code == code


def test_write_quotas_round_trip(small_quotas, tmp_path):
    write_quotas_csv(small_quotas, tmp_path / "q.csv")
    assert read_quotas(tmp_path / "q.csv").items == small_quotas.items


def test_shares_give_the_shared_quotas_for_40(shared_data):
    shares = read_shares(shared_data / "population_shares_metropole.csv")
    assert shares["genre"] == {"Femme": 52.5, "Homme": 47.5}
    expected = read_quotas(shared_data / "quotas_metropole_40.csv")
    pool = read_pool(shared_data / "pool_metropole_1500.csv")
    # The shared file rounds target -/+ 1.5 half up, and caps each max at the number
    # of volunteers with that value: the pool has a single "Agriculteurs exploitants".
    assert quotas_from_shares(shares, 40, pool=pool).items == expected.items
    # Without the pool, that one row differs (target 0.12 -> max round(1.62) = 2).
    alone = quotas_from_shares(shares, 40)
    assert [(a, b) for a, b in zip(alone.items, expected.items) if a != b] == [
        (Quota("csp", "Agriculteurs exploitants", 0, 2), Quota("csp", "Agriculteurs exploitants", 0, 1))]


def test_quotas_from_shares_rounding_and_bounds():
    quotas = quotas_from_shares({"g": {"a": 50, "b": 50}, "h": {"x": 99, "y": 1}}, 10, tolerance=1)
    assert [(q.value, q.min, q.max) for q in quotas] == [
        ("a", 4, 6), ("b", 4, 6), ("x", 9, 10), ("y", 0, 1)]  # 10.9 capped at the size
    assert quotas_from_shares({"g": {"a": 50, "b": 50}}, 5, tolerance=0).items[0] == \
        Quota("g", "a", 3, 3)  # 2.5 rounds half up, not to even


def test_shares_must_add_up_to_100():
    with pytest.raises(BadQuotas) as exc:
        quotas_from_shares({"g": {"a": 50, "b": 40}}, 10)
    assert exc.value.problems[0].code == "shares_sum" and "90" in exc.value.problems[0].message


def test_shares_file_problems():
    with pytest.raises(BadQuotas) as exc:
        read_shares("feature;value;part\ng;a;50%\ng;b;cinquante\ng;A;3\ng;c;-2\n".encode())
    assert [(p.code, p.row) for p in exc.value.problems] == [
        ("bad_share", 3), ("duplicate_quota", 4), ("bad_share", 5)]
    assert read_shares(b"feature,value,share\ng,a,\"52,5\"\n") == {"g": {"a": 52.5}}


def test_unquoted_comma_in_a_value_is_reported():
    with pytest.raises(BadQuotas) as exc:
        read_quotas("feature,value,min,max\ncsp,Artisans, commerçants,0,3\ncsp,Ouvriers,1,x\n"
                    .encode())
    assert [(p.code, p.row) for p in exc.value.problems] == [("too_many_cells", 2),
                                                             ("bad_bound", 3)]


def test_xlsx_quota_problems_carry_spreadsheet_rows(write_xlsx):
    path = write_xlsx([["feature", "value", "min", "max"], ["g", "a", 1, 2], ["g", "b", 2.5, 3],
                       [None], ["g", "c", 4, 1]], name="quotas.xlsx")
    with pytest.raises(BadQuotas) as exc:
        read_quotas(path)
    assert [(p.code, p.row, p.value, p.file) for p in exc.value.problems] == [
        ("bad_bound", 3, "2.5", "quotas.xlsx"), ("min_above_max", 5, "4", "quotas.xlsx")]
