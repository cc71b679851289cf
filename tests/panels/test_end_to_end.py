"""Real algorithms, real lottery: draw, record, verify, replace and report, end to end.

Nothing here is skipped: a broken import of the algorithms, the lottery or the replacements fails.
"""
from __future__ import annotations

import csv
import io
import json

import pytest

from panels.algorithms import ALGORITHMS
from panels.cli import main
from panels.record import make_record, verify


@pytest.fixture
def real():
    return ALGORITHMS


def test_the_registry_holds_every_algorithm():
    assert set(ALGORITHMS) == {"leximin", "maximin", "nash", "legacy"}


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


@pytest.fixture
def excel_copy(fixtures, tmp_path):
    """fixtures/pool_small.csv as French Excel writes it: cp1252, semicolons, CRLF."""
    with open(fixtures / "pool_small.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    path = tmp_path / "vivier.csv"
    path.write_bytes(buffer.getvalue().encode("cp1252"))
    return path


def test_cli_draw_verify_report(real, fixtures, excel_copy, tmp_path, capsys):
    record = tmp_path / "record.json"
    quotas = ["--quotas", str(fixtures / "quotas_small.csv")]
    assert main(["draw", "--pool", str(excel_copy), *quotas, "--size", "4", "--seed", "20261201",
                 "--households", "--seed-source", "EuroMillions draw of 2026-12-01",
                 "--out", str(record)]) == 0
    assert "Selected panel (4)" in capsys.readouterr().out
    # Verified against the UTF-8, comma-separated copy of the same pool.
    utf8 = ["--pool", str(fixtures / "pool_small.csv"), *quotas]
    assert main(["verify", str(record), *utf8]) == 0
    assert capsys.readouterr().out.count("[ok]") == 9   # fairness included
    assert main(["report", str(record), *utf8, "--format", "md"]) == 0
    assert "| genre | Femme |" in capsys.readouterr().out


def _panel_line(out: str) -> list[str]:
    line = next(l for l in out.splitlines() if l.startswith("New panel"))
    return line.split(": ", 1)[1].split(", ")


def test_replacements_keep_the_quotas_and_verify(real, small_pool, small_quotas, fixtures,
                                                 tmp_path, capsys):
    inputs = ["--pool", str(fixtures / "pool_small.csv"),
              "--quotas", str(fixtures / "quotas_small.csv")]
    first, second, third = (tmp_path / f"record{i}.json" for i in range(3))
    assert main(["draw", *inputs, "--size", "4", "--seed", "5", "--out", str(first)]) == 0
    selected = json.loads(first.read_text())["selected"]
    capsys.readouterr()
    assert main(["replace", str(first), *inputs, "--declined", selected[0], "--seed", "8",
                 "--seed-source", "public die", "--out", str(second)]) == 0
    panel = _panel_line(capsys.readouterr().out)
    assert len(set(panel)) == 4 and selected[0] not in panel
    assert small_quotas.violations(small_pool.get(i) for i in panel) == []
    # The replacement record verifies against the ORIGINAL pool and quotas.
    assert main(["verify", str(second), *inputs, "--previous", str(first)]) == 0
    out = capsys.readouterr().out
    assert "[ok] original inputs" in out and "[ok] previous record" in out
    assert out.count("[ok]") == 11   # fairness included
    assert main(["verify", str(second), *inputs, "--previous", str(second)]) == 1
    assert "[FAILED] previous record" in capsys.readouterr().out
    assert main(["report", str(second), *inputs]) == 0
    assert "**Replacement draw:** 1 of 4 seats" in capsys.readouterr().out
    # A second round starts from the replacement record; earlier refusals stay excluded.
    newcomer = json.loads(second.read_text())["selected"][0]
    assert main(["replace", str(second), *inputs, "--declined", newcomer, "--seed", "2",
                 "--out", str(third)]) in (0, 2)
    result = capsys.readouterr()
    if third.exists():
        again = _panel_line(result.out)
        assert not {selected[0], newcomer} & set(again) and len(set(again)) == 4
        assert main(["verify", str(third), *inputs]) == 0
    else:
        assert "cannot complete the panel" in result.err
    # Tampering with who was kept is caught: against the inputs, or the previous panel.
    record = json.loads(second.read_text())
    origin = record["replacement_of"]
    for field, value in (("kept", origin["kept"][1:]),
                         ("previous_panel", [i for i in origin["previous_panel"]
                                             if i != origin["kept"][0]])):
        tampered = json.loads(json.dumps(record))
        tampered["replacement_of"][field] = value
        second.write_text(json.dumps(tampered))
        assert main(["verify", str(second), *inputs]) == 1, field


def test_cli_infeasible_quotas_exit_2_with_a_suggestion(real, fixtures, tmp_path, capsys):
    # Only two young women in the pool: 3 women and 4 young people cannot both hold.
    quotas = tmp_path / "quotas.csv"
    quotas.write_text("feature,value,min,max\ngenre,Femme,3,3\ngenre,Homme,1,1\n"
                      "age,18-34,4,4\nage,35+,0,4\n")
    status = main(["draw", "--pool", str(fixtures / "pool_small.csv"), "--quotas", str(quotas),
                   "--size", "4", "--seed", "1"])
    captured = capsys.readouterr()
    assert status == 2 and captured.out == "" and "Traceback" not in captured.err
    last = captured.err.strip().splitlines()[-1]
    assert "No panel meets all the quotas" in last and "Suggested change" in last
