"""Shared fixtures of the panels tests: tiny files, an XLSX writer, a hand-made lottery."""
from __future__ import annotations

import random
import sys
import types
from pathlib import Path

import pytest

from panels.model import Distribution

FIXTURES = Path(__file__).parent / "fixtures"
SHARED_DATA = Path("/work/shared/data")

# A lottery over three panels of 4 from fixtures/pool_small.csv, each meeting
# fixtures/quotas_small.csv with no two people of one household.
SMALL_PANELS = [("P01", "P03", "P06", "P08"), ("P02", "P03", "P05", "P07"),
                ("P01", "P03", "P04", "P05")]
SMALL_PROBABILITIES = [0.5, 0.25, 0.25]


def make_distribution(panels=SMALL_PANELS, probabilities=SMALL_PROBABILITIES, ids=()):
    marginals = {i: 0.0 for i in ids}
    for panel, p in zip(panels, probabilities):
        for pid in panel:
            marginals[pid] = marginals.get(pid, 0.0) + p
    return Distribution("handmade", list(panels), list(probabilities), marginals)


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
            panel = random.Random(seed).choices(distribution.panels,
                                                weights=distribution.probabilities)[0]
            return tuple(sorted(panel))
        module = types.ModuleType("panels.lottery")
        module.sample = fake_sample
        monkeypatch.setitem(sys.modules, "panels.lottery", module)
        return fake_sample
