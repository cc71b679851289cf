"""``panels.draw``: the one draw sequence (inputs, algorithm, sample, record, verification)
that the command line and the application share."""
from __future__ import annotations

import csv
import io
import random

import pytest

import panels
import panels.algorithms
from panels import read_pool, read_quotas
from panels.cli import main
from panels.generate import generate_instance
from panels.hashing import pool_sha256
from panels.io import write_pool_csv, write_quotas_csv
from panels.model import Distribution
from panels.pipeline import DrawRejected
from panels.record import load_record


def _files(tmp_path, pool, quotas, name="pool.csv"):
    pool_file, quotas_file = tmp_path / name, tmp_path / "quotas.csv"
    write_pool_csv(pool, pool_file)
    write_quotas_csv(quotas, quotas_file)
    return pool_file, quotas_file


def _shuffled_csv(text: str, seed: int, columns: bool = False) -> str:
    rows = list(csv.reader(io.StringIO(text)))
    header, body = rows[0], rows[1:]
    rng = random.Random(seed)
    rng.shuffle(body)
    order = list(range(len(header)))
    if columns:
        rng.shuffle(order)
        while order[0] == 0 or order == sorted(order):   # the id column moves too
            rng.shuffle(order)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in [header] + body:
        writer.writerow([row[i] for i in order])
    return out.getvalue()


def test_the_command_line_writes_the_record_the_library_makes(tmp_path, capsys):
    """One sequence: the CLI's record is panels.draw's (same lottery, same panel)."""
    pool, quotas = generate_instance(120, 12, 3, seed=4)
    pool_file, quotas_file = _files(tmp_path, pool, quotas)
    out = tmp_path / "record.json"
    assert main(["draw", "--pool", str(pool_file), "--quotas", str(quotas_file), "--size", "12",
                 "--seed", "99", "--out", str(out), "--address-columns", ""]) == 0
    result = panels.draw(read_pool(pool_file), read_quotas(quotas_file), 12, seed=99)
    written = load_record(out)
    for key in ("selected", "portfolio", "groups", "marginals", "pool_sha256", "quotas_sha256"):
        assert written[key] == result.record[key], key


def test_the_seed_drives_the_randomised_algorithm_everywhere():
    """legacy draws its panels with the seed's generator, in panels.draw as in the CLI and the
    app (it used default_rng(0) in panels.draw: every seed gave the same lottery)."""
    pool, quotas = generate_instance(120, 12, 3, seed=4)
    first = panels.draw(pool, quotas, 12, seed=1, algorithm="legacy")
    again = panels.draw(pool, quotas, 12, seed=1, algorithm="legacy")
    other = panels.draw(pool, quotas, 12, seed=2, algorithm="legacy")
    assert first.record["portfolio"] == again.record["portfolio"]
    assert first.record["portfolio"] != other.record["portfolio"]


def test_progress_is_reported_as_fraction_then_message():
    pool, quotas = generate_instance(120, 12, 3, seed=4)
    calls = []
    panels.draw(pool, quotas, 12, seed=1,
                progress=lambda fraction, message: calls.append((fraction, message)))
    fractions = [f for f, _ in calls if f is not None]
    assert fractions == sorted(fractions) and fractions[0] == 0.0 and fractions[-1] == 1.0
    assert all(isinstance(m, str) for _, m in calls)


def test_a_record_that_fails_its_own_checks_is_never_written(tmp_path, capsys, monkeypatch):
    """An algorithm whose lottery takes more people than a group has (issue 18 A: 2 from a
    group of 1): draw refuses to write the record and says why."""
    pool, quotas = generate_instance(60, 6, 2, seed=1)
    good = panels.draw(pool, quotas, 6, seed=3).distribution

    def broken(pool, quotas, size, *, households=False, rng=None, progress=None):
        template = dict(good.panels[0])
        small = min(template, key=lambda g: len(good.groups[g]))   # takes one more than it has
        extra = len(good.groups[small]) + 1 - template[small]
        template[small] += extra
        for g in sorted(template, key=lambda g: -template[g]):
            if g != small and extra:
                taken = min(extra, template[g])
                template[g], extra = template[g] - taken, extra - taken
        template = {g: c for g, c in template.items() if c}
        panels_ = [template] + good.panels[1:]
        d = Distribution("leximin", good.groups, panels_, good.probabilities, dict(good.marginals))
        d.marginals = {pid: 0.0 for ids in d.groups for pid in ids}
        for t, p in zip(d.panels, d.probabilities):
            for g, c in t.items():
                for pid in d.groups[g]:
                    d.marginals[pid] += p * c / len(d.groups[g])
        return d

    monkeypatch.setitem(panels.algorithms.ALGORITHMS, "broken", broken)
    for seed in range(3, 13):   # whether the seed picks the broken panel or another one
        with pytest.raises(DrawRejected) as caught:
            panels.draw(pool, quotas, 6, seed=seed, algorithm="broken")
        assert "not written" in caught.value.failures[0]
        assert any(f.startswith("panel size: Panel 1") for f in caught.value.failures)
    pool_file, quotas_file = _files(tmp_path, pool, quotas)
    out = tmp_path / "record.json"
    status = main(["draw", "--pool", str(pool_file), "--quotas", str(quotas_file), "--size", "6",
                   "--seed", "3", "--algorithm", "broken", "--out", str(out)])
    err = capsys.readouterr().err
    assert status == 2 and not out.exists()
    assert "fails its own checks, so it was not written" in err and "panel size: Panel 1" in err


def test_any_row_or_column_order_gives_the_same_panel(tmp_path):
    """The fingerprints and the seed fix the panel (issue 18 C): shuffled rows (and columns),
    same record."""
    pool, quotas = generate_instance(300, 30, 4, seed=7)
    text = write_pool_csv(pool)
    quotas_text = write_quotas_csv(quotas)
    results = []
    for order in (None, 1, 2):
        pool_text = text if order is None else _shuffled_csv(text, order, columns=order == 2)
        quotas_rows = quotas_text if order is None else _shuffled_csv(quotas_text, order)
        pool_ = read_pool(pool_text.encode(), filename="pool.csv")
        quotas_ = read_quotas(quotas_rows.encode(), filename="quotas.csv")
        assert [p.id for p in pool_][:5] != [p.id for p in pool][:5] or order is None
        results.append(panels.draw(pool_, quotas_, 30, seed=2026).record)
    for record in results[1:]:
        assert record["pool_sha256"] == results[0]["pool_sha256"]
        assert record["selected"] == results[0]["selected"]
        assert record["portfolio"] == results[0]["portfolio"]


def test_any_row_or_column_order_keeps_the_fingerprint(shared_data):
    """docs/draw-record.md promises "any row or column order": the guessed address columns
    (adresse, code_postal) make the household key, in one order whatever the file's."""
    text = (shared_data / "pool_metropole_1500.csv").read_text(encoding="utf-8")
    original = read_pool(text.encode(), filename="pool.csv")
    assert any(p.household for p in original)
    for seed in (1, 2, 3):
        for columns in (False, True):
            shuffled = read_pool(_shuffled_csv(text, seed, columns).encode(), filename="pool.csv")
            assert pool_sha256(shuffled) == pool_sha256(original), (seed, columns)


def test_replacements_do_not_depend_on_the_row_order():
    from panels.replace import draw_replacements

    pool, quotas = generate_instance(300, 30, 4, seed=7)
    first = panels.draw(pool, quotas, 30, seed=2026)
    kept = list(first.selected[2:])
    declined = list(first.selected[:2])
    reversed_pool = type(pool)(list(reversed(pool.people)), list(reversed(pool.features)))
    a = draw_replacements(pool, quotas, 30, kept, declined, 8)
    b = draw_replacements(reversed_pool, quotas, 30, kept, declined, 8)
    assert a.selected == b.selected and a.distribution.groups == b.distribution.groups
