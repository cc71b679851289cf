"""Real algorithms, real lottery: draw, record, verify, replace and report, end to end.

Skipped until panels.algorithms.ALGORITHMS and panels.lottery exist.
"""
from __future__ import annotations

import json

import pytest

from panels.cli import main
from panels.io import read_pool, read_quotas
from panels.record import make_record, verify


def _algorithms():
    from panels.algorithms import ALGORITHMS
    return ALGORITHMS


@pytest.fixture
def real(monkeypatch):
    pytest.importorskip("panels.lottery")
    try:
        algorithms = _algorithms()
    except ImportError:
        pytest.skip("no algorithm registry yet")
    return algorithms


@pytest.mark.parametrize("households", [False, True])
def test_every_algorithm_gives_a_verifiable_record(real, small_pool, small_quotas, households):
    from panels.lottery import sample

    import numpy as np

    for name, algorithm in real.items():
        distribution = algorithm(small_pool, small_quotas, 4, households=households,
                                 rng=np.random.default_rng(3))
        selected = sample(distribution, 99)
        record = make_record(small_pool, small_quotas, 4, distribution, selected, 99, "test",
                             households, name)
        checks = verify(json.loads(json.dumps(record)), small_pool, small_quotas)
        assert all(c.ok for c in checks), name


def test_cli_draw_verify_report_on_the_shared_pool(real, shared_data, tmp_path, capsys):
    if "leximin" not in real:
        pytest.skip("no leximin yet")
    record = tmp_path / "record.json"
    inputs = ["--pool", str(shared_data / "pool_metropole_1500_excel_fr.csv"),
              "--quotas", str(shared_data / "quotas_metropole_40.csv")]
    assert main(["draw", *inputs, "--size", "40", "--seed", "20261201", "--households",
                 "--seed-source", "EuroMillions draw of 2026-12-01", "--out", str(record)]) == 0
    out = capsys.readouterr().out
    assert "Selected panel (40)" in out
    # Verified against the UTF-8, comma-separated copy of the same pool.
    utf8 = ["--pool", str(shared_data / "pool_metropole_1500.csv"), inputs[2], inputs[3]]
    assert main(["verify", str(record), *utf8]) == 0
    assert capsys.readouterr().out.count("[ok]") == 8
    assert main(["report", str(record), *utf8, "--format", "md"]) == 0
    assert "| genre | Femme |" in capsys.readouterr().out


def test_replacements_keep_the_quotas(real, shared_data, tmp_path, capsys):
    pytest.importorskip("panels.replace")
    if "leximin" not in real:
        pytest.skip("no leximin yet")
    pool = read_pool(shared_data / "pool_metropole_1500.csv")
    quotas = read_quotas(shared_data / "quotas_metropole_40.csv")
    record = tmp_path / "record.json"
    inputs = ["--pool", str(shared_data / "pool_metropole_1500.csv"),
              "--quotas", str(shared_data / "quotas_metropole_40.csv")]
    assert main(["draw", *inputs, "--size", "40", "--seed", "5", "--out", str(record)]) == 0
    selected = json.loads(record.read_text())["selected"]
    capsys.readouterr()
    assert main(["replace", str(record), *inputs, "--declined", ",".join(selected[:3]),
                 "--seed", "8"]) == 0
    line = capsys.readouterr().out.splitlines()[-1]
    panel = line.split(": ", 1)[1].split(", ")
    assert len(set(panel)) == 40 and not set(selected[:3]) & set(panel)
    assert quotas.violations(pool.get(i) for i in panel) == []
