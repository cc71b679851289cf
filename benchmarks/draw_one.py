"""One side of the draw benchmark on one generated instance, in its own process.

    python benchmarks/draw_one.py ours|reference POOL PANEL FEATURES SEED OUT.json

draw.py runs it in a subprocess so that each side gets a fresh process (fair memory
use) and the reference can be stopped at a wall-clock limit. Writes a JSON object to
OUT.json: seconds, min_probability, panels, valid (every panel meets the quotas and
the probabilities sum to 1), problems, peak_rss_mb; or {"skipped": reason}.
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

import numpy as np

from panels.generate import generate_instance
from panels.model import Distribution, Pool, Quotas


def run_ours(pool: Pool, quotas: Quotas, size: int, seed: int, algorithm: str) -> dict:
    from panels.algorithms import ALGORITHMS

    if algorithm not in ALGORITHMS:
        return {"skipped": f"panels.algorithms.ALGORITHMS has no {algorithm!r}"}
    start, cpu = time.perf_counter(), time.process_time()
    distribution = ALGORITHMS[algorithm](pool, quotas, size, rng=np.random.default_rng(seed))
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
    panels = [(representatives(distribution, template), p)
              for template, p in zip(distribution.panels, distribution.probabilities)]
    problems = check_distribution(pool, quotas, size, panels)
    problems += check_templates(distribution)
    return {
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,   # the process's own CPU time: fairer on a shared machine
        "min_probability": distribution.min_probability,
        "panels": sum(1 for p in distribution.probabilities if p > 1e-9),
        "problems": problems,
        "stats": {k: v for k, v in distribution.stats.items()
                  if isinstance(v, (int, float, str, bool))},
    }


def representatives(distribution: Distribution, template: dict[int, int]) -> list[str]:
    """One panel a template stands for: the first ``count`` people of each group (the
    members of a group are interchangeable for the quotas)."""
    return [pid for g, count in template.items() for pid in distribution.groups[g][:count]]


def check_templates(distribution: Distribution) -> list[str]:
    """Templates take no more people than a group has; marginals match the templates."""
    problems = [f"a panel takes {c} people from a group of {len(distribution.groups[g])}"
                for template in distribution.panels for g, c in template.items()
                if c > len(distribution.groups[g])]
    expected = distribution.expected_counts()
    for g, members in enumerate(distribution.groups):
        for pid in members:
            if abs(distribution.marginals[pid] - expected[g] / len(members)) > 1e-9:
                problems.append(f"marginal of {pid} does not match the panels")
                return problems
    return problems


def run_reference(pool: Pool, quotas: Quotas, size: int, backend: str) -> dict:
    from reference import run_reference_maximin

    result = run_reference_maximin(pool, quotas, size, backend=backend)
    result["problems"] = check_distribution(pool, quotas, size, result.pop("distribution"))
    return result


def check_distribution(pool: Pool, quotas: Quotas, size: int,
                       panels: list[tuple[list[str], float]]) -> list[str]:
    """What is wrong with a lottery over panels (empty when nothing is)."""
    problems = []
    total = sum(p for _, p in panels)
    if abs(total - 1) > 1e-6:
        problems.append(f"probabilities sum to {total:.8f}")
    for panel, p in panels:
        if p <= 1e-9:
            continue
        people = [pool.get(i) for i in panel]
        if len(set(panel)) != size:
            problems.append(f"a panel has {len(set(panel))} people, not {size}")
        problems.extend(quotas.violations(people))
        if len(problems) > 10:
            break
    return problems


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("side", choices=["ours", "reference"])
    parser.add_argument("pool", type=int)
    parser.add_argument("panel", type=int)
    parser.add_argument("features", type=int)
    parser.add_argument("seed", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--algorithm", default="leximin", help="ours: registry name")
    parser.add_argument("--backend", default="highspy", help="reference: solver backend")
    args = parser.parse_args(argv)
    pool, quotas = generate_instance(args.pool, args.panel, args.features, args.seed)
    if args.side == "ours":
        result = run_ours(pool, quotas, args.panel, args.seed, args.algorithm)
    else:
        result = run_reference(pool, quotas, args.panel, args.backend)
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    args.out.write_text(json.dumps(result))


if __name__ == "__main__":
    sys.exit(main())
