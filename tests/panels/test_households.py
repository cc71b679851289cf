"""Address normalisation and household groups."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from panels.households import household_groups, normalise_address
from panels.model import Person, Pool


@pytest.mark.parametrize("a,b", [
    (("12, Av. de la Liberté", "34000"), ("12 avenue de la liberte", "34000")),
    (("4 bd Victor-Hugo",), ("4 BOULEVARD  victor hugo",)),
    (("6 r. Foch", "34000 Montpellier"), ("6 rue Foch 34000", "MONTPELLIER")),
    (("3 pl. St-Roch",), ("3 place Saint Roch",)),
    (("12bis rue des Écoles",), ("12 bis, rue des ecoles",)),
    (("Chem. de l'Église",), ("chemin de l eglise",)),
])
def test_same_address(a, b):
    assert normalise_address(*a) == normalise_address(*b)


@pytest.mark.parametrize("a,b", [
    (("12 rue Foch", "34000"), ("12 rue Foch", "34090")),  # postcode digits kept
    (("12 rue Foch",), ("13 rue Foch",)),
    (("12 rue Foch",), ("12 avenue Foch",)),
])
def test_different_address(a, b):
    assert normalise_address(*a) != normalise_address(*b)


def test_empty_parts_give_none():
    assert normalise_address() is None
    assert normalise_address("", None, "  ", ",;") is None
    assert normalise_address("5 Rue X", None, "") == "5 rue x"


@given(st.lists(st.text(max_size=20), max_size=4))
def test_normalising_is_idempotent(parts):
    key = normalise_address(*parts)
    assert key is None or normalise_address(key) == key


def test_household_groups_of_two_or_more(small_pool):
    assert household_groups(small_pool) == {
        "12 avenue de la liberte 34000": ["P01", "P02"],
        "4 boulevard victor hugo 34000": ["P04", "P07"]}
    assert household_groups(Pool([Person("a", {}, None), Person("b", {}, None)], [])) == {}
