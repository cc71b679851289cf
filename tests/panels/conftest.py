"""Shared fixtures of the panels tests: tiny files, an XLSX writer, a hand-made lottery."""
from __future__ import annotations

import random
import sys
import types
from pathlib import Path

import pytest

from handmade_lottery import make_distribution  # tests/panels is on sys.path

FIXTURES = Path(__file__).parent / "fixtures"
# CI clones the repository with ../shared beside it.
SHARED_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def shared_data() -> Path:
    if not (SHARED_DATA / "pool_metropole_1500.csv").exists():
        pytest.skip("the shared development data is not on this machine")
    return SHARED_DATA


@pytest.fixture
def write_xlsx(tmp_path):
    """write_xlsx(rows, name) -> path of a one-sheet workbook holding ``rows``."""
    import openpyxl

    def write(rows, name="table.xlsx"):
        book = openpyxl.Workbook()
        sheet = book.active
        for row in rows:
            sheet.append(list(row))
        path = tmp_path / name
        book.save(path)
        return path

    return write


@pytest.fixture
def small_pool(fixtures):
    from panels.io import read_pool
    return read_pool(fixtures / "pool_small.csv")


@pytest.fixture
def small_quotas(fixtures):
    from panels.io import read_quotas
    return read_quotas(fixtures / "quotas_small.csv")


@pytest.fixture
def small_distribution(small_pool):
    return make_distribution(ids=[p.id for p in small_pool])


@pytest.fixture
def sample(monkeypatch):
    """panels.lottery.sample; a seeded stand-in while the real module does not exist yet."""
    try:
        from panels.lottery import sample
        return sample
    except ImportError:
        def fake_sample(distribution, seed):
            rng = random.Random(seed)
            template = rng.choices(distribution.panels, weights=distribution.probabilities)[0]
            return tuple(sorted(pid for g, c in template.items()
                                for pid in rng.sample(distribution.groups[g], c)))
        module = types.ModuleType("panels.lottery")
        module.sample = fake_sample
        monkeypatch.setitem(sys.modules, "panels.lottery", module)
        return fake_sample

