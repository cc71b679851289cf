"""A hand-made lottery over the fixture pool, for tests that must not depend on the algorithms.

Imported by name (``from handmade_lottery import ...``): a module name no other test
folder uses, unlike ``conftest``.
"""
from __future__ import annotations

from panels.model import Distribution

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
