"""The reference: sortition-algorithms' maximin distribution, through its public API.

sortition-algorithms (GPL-3.0) is only called here, never copied. Its leximin needs
Gurobi and silently falls back to maximin without it, so we call
``committee_generation.find_distribution_maximin`` directly: its minimum probability is
what our leximin's first stage must reach.
"""
from __future__ import annotations

import time

from panels.model import Pool, Quotas

ADDRESS_COLUMN = "adresse"


def to_reference(pool: Pool, quotas: Quotas, size: int, *, households: bool = False):
    """Our pool and quotas as the reference's (features, people), read by its own readers."""
    from sortition_algorithms import Settings, read_in_features, read_in_people

    feature_rows = [{"feature": q.feature, "value": q.value, "min": str(q.min), "max": str(q.max)}
                    for q in quotas]
    features, _, _ = read_in_features(["feature", "value", "min", "max"], feature_rows, size)
    columns = ["id", *quotas.features] + ([ADDRESS_COLUMN] if households else [])
    people_rows = [{"id": p.id, **{f: p.features[f] for f in quotas.features},
                    **({ADDRESS_COLUMN: p.household or p.id} if households else {})}
                   for p in pool]
    settings = Settings(id_column="id", columns_to_keep=[ADDRESS_COLUMN] if households else [],
                        check_same_address=households,
                        check_same_address_columns=[ADDRESS_COLUMN] if households else [])
    people, _ = read_in_people(columns, people_rows, features, settings)
    return features, people


def allow_unnamed_mip_variables() -> None:
    """python-mip 2.0 (the one whose CBC runs here: 1.15's crashes) fails on the
    ``name=None`` that sortition-algorithms 0.12.15 passes for its variables: read it as
    no name."""
    import mip

    add_var = mip.Model.add_var
    if getattr(add_var, "allows_unnamed", False):
        return

    def add_unnamed_var(self, *args, **kwargs):
        if kwargs.get("name", "") is None:
            kwargs["name"] = ""
        return add_var(self, *args, **kwargs)

    add_unnamed_var.allows_unnamed = True
    mip.Model.add_var = add_unnamed_var


def run_reference_maximin(pool: Pool, quotas: Quotas, size: int, *, households: bool = False,
                          backend: str = "highspy") -> dict:
    """Run the reference's maximin: wall time, minimum probability, number of panels and
    the distribution as (panel, probability) pairs."""
    from sortition_algorithms.committee_generation import find_distribution_maximin

    if backend.startswith("mip"):
        allow_unnamed_mip_variables()
    features, people = to_reference(pool, quotas, size, households=households)
    start, cpu = time.perf_counter(), time.process_time()
    panels, probabilities, _report = find_distribution_maximin(
        features, people, size, [ADDRESS_COLUMN] if households else [], backend)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
    marginals = {p.id: 0.0 for p in pool}
    for panel, probability in zip(panels, probabilities):
        for person_id in panel:
            marginals[person_id] += probability
    return {
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,   # the process's own CPU time: fairer on a shared machine
        "min_probability": min(marginals.values()),
        "panels": sum(1 for p in probabilities if p > 1e-9),
        "distribution": [(tuple(panel), p) for panel, p in zip(panels, probabilities)],
    }
