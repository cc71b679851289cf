"""Shared fixtures of the panels tests: tiny files, an XLSX writer, a hand-made lottery."""
from __future__ import annotations

import random
import sys
import types
from pathlib import Path

import pytest

from panels.model import Distribution

FIXTURES = Path(__file__).parent / "fixtures"
# CI clones the repository with ../shared beside it.
SHARED_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"


# A lottery over three panel templates of 4 from fixtures/pool_small.csv, each meeting
# fixtures/quotas_small.csv with no two people of one household (P01 & P02, P04 & P07).
# People with the same features are grouped, except those sharing an address.
SMALL_GROUPS = [("P01",), ("P02",), ("P03", "P05"), ("P04",), ("P06",), ("P07",), ("P08",)]
SMALL_TEMPLATES = [{0: 1, 2: 1, 4: 1, 6: 1}, {1: 1, 5: 1, 2: 2}, {3: 1, 0: 1, 2: 1, 4: 1}]
SMALL_PROBABILITIES = [0.5, 0.25, 0.25]
SMALL_MARGINALS = {"P01": 0.75, "P02": 0.25, "P03": 0.625, "P04": 0.25, "P05": 0.625,
                   "P06": 0.75, "P07": 0.25, "P08": 0.5}


def make_distribution(groups=SMALL_GROUPS, templates=SMALL_TEMPLATES,
                      probabilities=SMALL_PROBABILITIES, ids=()):
    """A Distribution with marginals computed from the templates (0 for ``ids`` in no group)."""
    marginals = {i: 0.0 for i in ids}
    for template, p in zip(templates, probabilities):
        for g, c in template.items():
            for pid in groups[g]:
                marginals[pid] = marginals.get(pid, 0.0) + p * c / len(groups[g])
    return Distribution("handmade", [tuple(g) for g in groups], [dict(t) for t in templates],
                        list(probabilities), marginals)


@pytest.fixture(name="make_distribution")
def make_distribution_fixture():
    """``make_distribution`` itself, for tests (they never import conftest: import modes vary)."""
    return make_distribution


@pytest.fixture
def small_marginals():
    return dict(SMALL_MARGINALS)


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

