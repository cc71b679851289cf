"""The command line, as an organiser would use it."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

import panels.algorithms
from panels.cli import main


@pytest.fixture
def handmade_algorithm(monkeypatch, sample, make_distribution):
    """Register the hand-made lottery of conftest as algorithm "handmade"."""
    calls = []

    def handmade(pool, quotas, size, *, households=False, rng=None, progress=None):
        calls.append((size, households))
        progress(0.5, "computing")
        return make_distribution(ids=[p.id for p in pool])

    registry = dict(getattr(panels.algorithms, "ALGORITHMS", {}), handmade=handmade)
    monkeypatch.setattr(panels.algorithms, "ALGORITHMS", registry, raising=False)
    return calls


def run(capsys, *argv):
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def drawn(fixtures, tmp_path, capsys, handmade_algorithm):
    record = tmp_path / "record.json"
    status, out, err = run(capsys, "draw", "--pool", fixtures / "pool_small.csv", "--quotas",
                           fixtures / "quotas_small.csv", "--size", 4, "--algorithm", "handmade",
                           "--seed", 7, "--seed-source", "test", "--households", "--out", record)
    assert status == 0, err
    return record, out, err


def inputs(fixtures):
    return ["--pool", fixtures / "pool_small.csv", "--quotas", fixtures / "quotas_small.csv"]


def test_draw_prints_panel_and_fairness_and_writes_record(drawn, handmade_algorithm):
    path, out, err = drawn
    record = json.loads(path.read_text())
    assert handmade_algorithm == [(4, True)]
    assert f"Selected panel (4): {', '.join(record['selected'])}" in out
    assert "Lowest selection probability: 25.00 %" in out and "Time:" in out
    assert "computing (44 %)" in err   # the algorithm reports into 2-85 % of the whole draw
    assert record["seed"] == 7 and record["seed_source"] == "test" and record["households"]
    assert record["pool_columns"] == {"id": "id", "features": ["genre", "age"],
                                      "address": ["adresse", "code postal"]}


def test_verify_passes_then_fails_when_tampered(drawn, fixtures, capsys):
    path = drawn[0]
    status, out, _ = run(capsys, "verify", path, *inputs(fixtures))
    assert status == 0 and out.count("[ok]") == 9 and "is verified" in out
    record = json.loads(path.read_text())
    record["portfolio"][0]["probability"] = 0.9
    path.write_text(json.dumps(record))
    status, out, _ = run(capsys, "verify", path, *inputs(fixtures))
    assert status == 1 and "[FAILED] probabilities" in out and "does NOT verify" in out


def test_verify_against_other_quotas_fails(drawn, fixtures, capsys):
    status, out, _ = run(capsys, "verify", drawn[0], "--pool", fixtures / "pool_small.csv",
                         "--quotas", fixtures / "quotas_fr_cp1252.csv")
    assert status == 1 and "[FAILED] inputs" in out


def test_report_to_file(drawn, fixtures, tmp_path, capsys):
    out_path = tmp_path / "report.html"
    status, _, _ = run(capsys, "report", drawn[0], "--format", "html", "--out", out_path)
    assert status == 0 and out_path.read_text().startswith("<!DOCTYPE html>")
    status, out, _ = run(capsys, "report", drawn[0], *inputs(fixtures))
    assert status == 0 and "| In pool |" in out


def test_bad_files_exit_2_with_one_line_per_problem_of_both(fixtures, capsys,
                                                            handmade_algorithm):
    status, out, err = run(capsys, "draw", "--pool", fixtures / "pool_bad.csv", "--quotas",
                           fixtures / "quotas_bad.csv", "--size", 2, "--algorithm", "handmade")
    assert status == 2 and out == ""
    lines = err.splitlines()
    assert lines[:4] == [
        "pool_bad.csv, row 3, column 'genre': The 'genre' cell is empty.",
        "pool_bad.csv, row 4, column 'id': The id is empty.",
        "pool_bad.csv, row 5, column 'id': The id 'P01' is already used on row 2.",
        "pool_bad.csv, row 6, column 'age': The 'age' cell is empty."]
    assert lines[4] == "quotas_bad.csv, row 3, column 'min': The min must be a whole number, " \
        "0 or more." and len(lines) == 9
    assert not handmade_algorithm


@pytest.mark.parametrize("extra,message", [
    (["--size", 9], "larger than the pool"),
    (["--size", 4, "--algorithm", "nope"], "Unknown algorithm 'nope'"),
    (["--size", 4, "--households", "--address-columns", ""], "--households needs address"),
])
def test_draw_input_errors(fixtures, capsys, handmade_algorithm, extra, message):
    status, _, err = run(capsys, "draw", *inputs(fixtures), *extra)
    assert status == 2 and message in err and "Traceback" not in err


def test_unreadable_record(tmp_path, fixtures, capsys):
    (tmp_path / "r.json").write_text("{}")
    status, _, err = run(capsys, "verify", tmp_path / "r.json", *inputs(fixtures))
    assert status == 2 and "not a panels draw record" in err


def test_replace_rejects_ids_not_in_the_panel(drawn, fixtures, capsys):
    status, _, err = run(capsys, "replace", drawn[0], *inputs(fixtures), "--declined", "P99")
    assert status == 2 and "not in the selected panel: P99" in err


def test_python_dash_m_panels():
    done = subprocess.run([sys.executable, "-m", "panels", "--help"], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0 and "draw" in done.stdout and "verify" in done.stdout


def test_quotas_from_shares_command(shared_data, tmp_path, capsys):
    out = tmp_path / "quotas.csv"
    status, _, _ = run(capsys, "quotas", "--shares", shared_data / "population_shares_metropole.csv",
                       "--size", 40, "--pool", shared_data / "pool_metropole_1500.csv", "--out", out)
    assert status == 0
    assert out.read_text(encoding="utf-8") == \
        (shared_data / "quotas_metropole_40.csv").read_text(encoding="utf-8")
    status, text, _ = run(capsys, "quotas", "--shares", shared_data /
                          "population_shares_metropole.csv", "--size", 150, "--tolerance", 0)
    assert status == 0 and "genre,Femme,79,79\r\n" in text  # 78.75 rounds half up
