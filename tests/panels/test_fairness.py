"""verify checks that a record is as fair as its algorithm promises (issue 18 D), and maximin
maximises the lowest probability of the people who can be selected (issue 18 B)."""
from __future__ import annotations

import copy

import pytest

import panels
from panels.cli import main
from panels.generate import generate_instance
from panels.io import write_pool_csv, write_quotas_csv
from panels.lottery import sample
from panels.record import distribution_from_record
from panels.verification import verify_record


@pytest.fixture(scope="module")
def instance():
    return generate_instance(300, 40, 4, seed=0)


def _forged(record: dict) -> dict:
    """The record with one certain panel of its lottery: a real lottery, meeting every quota,
    each probability following from it, the seed selecting its panel -- but not fair."""
    forged = copy.deepcopy(record)
    entry = forged["portfolio"][-1]
    forged["portfolio"] = [{"template": entry["template"], "probability": 1.0}]
    marginals = {pid: 0.0 for pid in forged["marginals"]}
    for g, c in entry["template"]:
        for pid in forged["groups"][g]:
            marginals[pid] += c / len(forged["groups"][g])
    forged["marginals"] = marginals
    forged["selected"] = sorted(sample(distribution_from_record(forged), forged["seed"]))
    return forged


@pytest.mark.parametrize("algorithm", ["leximin", "maximin"])
def test_a_fair_record_passes_and_a_forged_one_fails(instance, algorithm):
    pool, quotas = instance
    record = panels.draw(pool, quotas, 40, seed=11, algorithm=algorithm).record
    checks = {c.name: c for c in verify_record(record, pool, quotas)}
    assert checks["fairness"].ok, checks["fairness"]
    assert "LP relaxation" in checks["fairness"].detail
    forged = {c.name: c for c in verify_record(_forged(record), pool, quotas)}
    assert [name for name, c in forged.items() if not c.ok] == ["fairness"], forged
    assert f"not the {algorithm} ones" in forged["fairness"].detail


def test_other_algorithms_are_said_not_checked(instance):
    pool, quotas = instance
    record = panels.draw(pool, quotas, 40, seed=11, algorithm="legacy").record
    fairness = next(c for c in verify_record(record, pool, quotas) if c.name == "fairness")
    assert fairness.ok and "not checked" in fairness.detail


def test_maximin_lifts_everyone_who_can_be_selected(instance, tmp_path, capsys):
    """Retraités at most 0: 132 volunteers can never be selected. Maximin gave a one-panel lottery
    with 239 at p = 0; it must give 0 to those 132 only, as leximin does, and say so."""
    pool, quotas = instance
    closed = quotas.replace("csp", "Retraités", min=0, max=0)
    results = {name: panels.draw(pool, closed, 40, seed=5, algorithm=name)
               for name in ("leximin", "maximin")}
    for name, result in results.items():
        marginals = result.record["marginals"]
        zero = sorted(pid for pid, p in marginals.items() if p < 1e-9)
        assert len(zero) == 132, name
        assert result.excluded_count == 132
        assert [e.blocking for e in result.excluded] == [[("csp", "Retraités")]]
        assert sorted(result.excluded[0].ids) == zero
    maximin, leximin = results["maximin"], results["leximin"]
    assert len(maximin.record["portfolio"]) > 1
    lowest = min(p for p in maximin.record["marginals"].values() if p > 1e-9)
    lowest_leximin = min(p for p in leximin.record["marginals"].values() if p > 1e-9)
    assert lowest == pytest.approx(lowest_leximin, abs=1e-6)
    pool_file, quotas_file = tmp_path / "pool.csv", tmp_path / "quotas.csv"
    write_pool_csv(pool, pool_file)
    write_quotas_csv(closed, quotas_file)
    assert main(["draw", "--pool", str(pool_file), "--quotas", str(quotas_file), "--size", "40",
                 "--seed", "5", "--algorithm", "maximin"]) == 0
    out = capsys.readouterr().out
    assert "132 volunteers can never be selected: the maximum of csp Retraités is 0." in out
    assert (f"Lowest selection probability: 0.00 % ({100 * lowest:.2f} % among the 168 volunteers "
            "who can be selected)") in out


def test_exclusions_are_known_before_the_draw(instance):
    """The application shows them before publishing: no lottery needed."""
    pool, quotas = instance
    assert panels.never_selected(pool, quotas, 40) == []
    closed = quotas.replace("csp", "Retraités", min=0, max=0)
    (exclusion,) = panels.never_selected(pool, closed, 40)
    assert exclusion.count == 132 and exclusion.blocking == [("csp", "Retraités")]
