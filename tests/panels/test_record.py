"""The draw record: built, saved, loaded, and every check able to fail."""
from __future__ import annotations

import copy
import json

import pytest

from panels import __version__
from panels.errors import BadRecord, VerificationFailed
from panels.hashing import pool_sha256
from panels.record import (distribution_from_record, load_record, make_record, save_record,
                           verify, verify_record)

SEED = 20261201


@pytest.fixture
def record(small_pool, small_quotas, small_distribution, sample):
    selected = sample(small_distribution, SEED)
    return make_record(small_pool, small_quotas, 4, small_distribution, selected, SEED,
                       "EuroMillions draw of 2026-12-01", True, "handmade")


def failed(record, pool, quotas):
    return [c.name for c in verify_record(record, pool, quotas) if not c.ok]


def assert_fails(record, pool, quotas, expected):
    """The checks failing are ``expected``; "selection" may also fail after a change to the
    lottery (redrawing from another lottery may or may not pick the same panel)."""
    got = failed(record, pool, quotas)
    assert [f for f in got if f != "selection"] == [f for f in expected if f != "selection"]
    assert "selection" in got or "selection" not in expected


def tamper(record, change):
    bad = copy.deepcopy(record)
    change(bad)
    return bad


def test_hand_made_lottery_marginals(make_distribution, small_marginals):
    assert make_distribution().marginals == pytest.approx(small_marginals)


def test_record_fields(record, small_pool, small_marginals):
    assert record["format_version"] == 1 and record["library_version"] == __version__
    assert record["created_at"].endswith("+00:00")
    assert record["pool_sha256"] == pool_sha256(small_pool) and len(record["quotas_sha256"]) == 64
    assert record["groups"][2] == ["P03", "P05"]
    assert record["portfolio"][1] == {"template": [[1, 1], [5, 1], [2, 2]], "probability": 0.25}
    assert record["marginals"] == pytest.approx(small_marginals)
    assert len(record["selected"]) == 4 and record["selected"] == sorted(record["selected"])
    assert record["seed_source"] == "EuroMillions draw of 2026-12-01"
    assert sum(record["composition"]["genre"].values()) == 4
    assert {"feature": "genre", "value": "Femme", "min": 2, "max": 3} in record["quotas"]


def test_good_record_passes_every_check(record, small_pool, small_quotas, tmp_path):
    save_record(record, tmp_path / "r.json")
    loaded = load_record(tmp_path / "r.json")
    assert loaded == record
    checks = verify(loaded, small_pool, small_quotas)
    assert [c.name for c in checks] == ["inputs", "panel size", "ids", "quotas", "households",
                                        "probabilities", "marginals", "selection", "fairness"]
    assert all(c.ok for c in checks) and all(c.detail for c in checks)


def test_distribution_round_trips_in_order(record, small_distribution):
    again = distribution_from_record(json.loads(json.dumps(record)))
    assert again.groups == small_distribution.groups
    assert again.panels == small_distribution.panels
    assert [list(t) for t in again.panels] == [list(t) for t in small_distribution.panels]
    assert again.probabilities == small_distribution.probabilities


def reseed(r, sample):
    """A new seed that selects a different panel, with the old selection kept."""
    old = sorted(sample(distribution_from_record(r), r["seed"]))
    r["seed"] = next(s for s in range(1000)
                     if sorted(sample(distribution_from_record(r), s)) != old)


@pytest.mark.parametrize("change,expected", [
    (lambda r: r["portfolio"][0]["template"].pop(), ["panel size", "marginals"]),  # 3 still meet quotas
    (lambda r: r["portfolio"][0]["template"][0].__setitem__(0, 9), ["panel size", "quotas", "marginals"]),
    (lambda r: r["portfolio"][0].update(probability=0.6), ["probabilities", "marginals"]),
    (lambda r: r["marginals"].update(P08=0.9), ["marginals"]),
    (lambda r: r["groups"][6].__setitem__(0, "P99"), ["ids", "marginals"]),
    (lambda r: r["groups"][2].append("P06"), ["ids", "quotas", "households", "marginals"]),
    (lambda r: r.update(pool_sha256="0" * 64), ["inputs"]),
    (lambda r: r["selected"].__setitem__(0, r["selected"][1]), ["panel size", "selection"]),
])
def test_each_tampering_is_caught(record, small_pool, small_quotas, change, expected):
    assert failed(record, small_pool, small_quotas) == []
    assert_fails(tamper(record, change), small_pool, small_quotas, expected)


def test_another_seed_is_caught(record, small_pool, small_quotas, sample):
    assert failed(tamper(record, lambda r: reseed(r, sample)), small_pool, small_quotas) == \
        ["selection"]


def test_quotas_and_households_checks(record, small_pool, small_quotas):
    # P01 and P02 live together: template {P01, P02, P03, P05} breaks the household rule.
    together = tamper(record, lambda r: r["portfolio"][0].update(template=[[0, 1], [1, 1], [2, 2]]))
    assert_fails(together, small_pool, small_quotas, ["households", "marginals"])
    assert_fails(tamper(together, lambda r: r.update(households=False)),
                 small_pool, small_quotas, ["marginals"])
    # Four men: P02, P04, P06, P08 break the "Femme" minimum.
    men = tamper(record, lambda r: r["portfolio"][0].update(template=[[1, 1], [3, 1], [4, 1], [6, 1]]))
    assert_fails(men, small_pool, small_quotas, ["quotas", "marginals"])


def test_selected_panel_itself_must_meet_quotas(record, small_pool, small_quotas):
    men = tamper(record, lambda r: r.update(selected=["P02", "P04", "P06", "P08"]))
    assert failed(men, small_pool, small_quotas) == ["quotas", "selection"]


def test_other_inputs_fail_the_inputs_check(record, small_pool, small_quotas):
    stricter = small_quotas.replace("genre", "Femme", min=3)
    assert failed(record, small_pool, stricter)[:1] == ["inputs"]
    with pytest.raises(VerificationFailed, match="inputs: The quotas given differ"):
        verify(record, small_pool, stricter)


@pytest.mark.parametrize("content,match", [
    (b"not json", "cannot be read"), (b"[]", "not a panels draw record"),
    (b'{"format": "something else"}', "not a panels draw record"),
])
def test_malformed_records(tmp_path, content, match):
    (tmp_path / "r.json").write_bytes(content)
    with pytest.raises(BadRecord, match=match):
        load_record(tmp_path / "r.json")


@pytest.mark.parametrize("change,match", [
    (lambda r: r.pop("seed"), "no 'seed' field"),
    (lambda r: r.update(seed="12"), "'seed' field has the wrong type"),
    (lambda r: r.update(households="yes"), "'households' field"),
    (lambda r: r.update(format_version=99), "format version 99"),
    (lambda r: r["portfolio"].append({"template": [[0]], "probability": 0}), "portfolio entry"),
    (lambda r: r["groups"].append([1, 2]), "groups"),
    (lambda r: r["marginals"].update(P01="high"), "marginals"),
    (lambda r: r.update(replacement_of={"size": 4, "kept": ["P01"]}), "replacement_of"),
])
def test_record_with_wrong_fields(record, change, match):
    with pytest.raises(BadRecord, match=match):
        load_record(json.dumps(tamper(record, change)).encode())


def test_missing_file_is_a_bad_record(tmp_path):
    with pytest.raises(BadRecord):
        load_record(tmp_path / "nope.json")


def test_households_checked_for_every_possible_draw_within_a_group(small_pool, small_quotas,
                                                                   sample, make_distribution):
    # P02 (who lives with P01) is grouped with P06: a panel taking P01 and one of
    # {P02, P06} may draw P01 and P02 together.
    groups = [("P01",), ("P02", "P06"), ("P03", "P05"), ("P04",), ("P07",), ("P08",)]
    distribution = make_distribution(groups, [{0: 1, 1: 1, 2: 1, 5: 1}], [1.0],
                                     ids=[p.id for p in small_pool])
    for households in (True, False):
        selected = sample(distribution, 1)
        record = make_record(small_pool, small_quotas, 4, distribution, selected, 1, None,
                             households, "handmade")
        got = failed(record, small_pool, small_quotas)
        assert [f for f in got if f != "households"] == []
        # The selected panel itself may or may not hold both; the portfolio check always fails.
        assert ("households" in got) == households
