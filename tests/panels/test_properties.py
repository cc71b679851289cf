"""Every record ``draw`` writes verifies, on census-like pools (features correlated as in real
ones, 7 and 8 of them) where late steps of the walk used to take 2 people from a group of 1
(issue 18 A). Small pools, few examples: it runs in seconds."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import panels
from panels.census import census_instance
from panels.record import load_record, save_record
from panels.verification import verify_record


@settings(max_examples=4, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(n_people=st.integers(40, 70), n_features=st.integers(7, 8), pool_seed=st.integers(0, 10_000),
       seed=st.integers(0, 2**31 - 1), algorithm=st.sampled_from(["leximin", "maximin"]))
def test_every_record_draw_writes_verifies(tmp_path_factory, n_people, n_features, pool_seed, seed, algorithm):
    size = max(5, n_people // 8)
    pool, quotas = census_instance(n_people, size, n_features, pool_seed)
    result = panels.draw(pool, quotas, size, seed=seed, algorithm=algorithm)
    path = tmp_path_factory.mktemp("records") / "record.json"
    save_record(result.record, path)
    record = load_record(path)
    failed = [str(c) for c in verify_record(record, pool, quotas) if not c.ok]
    assert not failed
    groups = record["groups"]
    for entry in record["portfolio"]:
        assert all(0 < count <= len(groups[g]) for g, count in entry["template"])


def test_census_pools_are_correlated_like_real_ones():
    """Age drives occupation: no retired 18-24 year-olds, students are young; district drives
    urbanity. Same seed, same pool."""
    pool, quotas = census_instance(400, 40, 8, 1)
    assert census_instance(400, 40, 8, 1)[0].people == pool.people
    pairs = {(p.features["age"], p.features["csp"]) for p in pool}
    assert ("18-24", "Retraités") not in pairs and ("65+", "Étudiants") not in pairs
    assert all(p.features["urbanite"] != "Rural" for p in pool if p.features["territoire"] == "Centre")
    assert len(pool.features) == 8 and panels.never_selected(pool, quotas, 40) == []
