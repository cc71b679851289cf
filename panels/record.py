"""The verifiable draw record: a JSON document anyone can check against the inputs.

It holds the fingerprints of the pool and quotas, the lottery the algorithm
computed, each volunteer's selection probability, the public seed and the panel
that seed selected. ``verify_record`` re-checks every claim (see
``panels.verification``); ``panels.report`` turns a record into a readable report.

The lottery is stored as the ``Distribution`` holds it: ``groups`` of
interchangeable volunteers (lists of ids) and a ``portfolio`` of panel templates,
each ``{"template": [[group, count], ...], "probability": p}`` -- a panel takes
``count`` people drawn uniformly from each group. Order and probabilities are kept
exactly, so that ``panels.lottery.sample`` on the rebuilt distribution with the
recorded seed selects the recorded panel.
"""
from __future__ import annotations

import datetime
import hashlib
import json
import os
from collections import Counter
from typing import Sequence

from . import __version__
from .errors import BadRecord
from .hashing import pool_sha256, quotas_sha256
from .model import Distribution, Pool, Quotas, norm_value

FORMAT = "panels-draw-record"
FORMAT_VERSION = 1

# key -> accepted JSON types, checked by load_record
_FIELDS = {
    "format": str, "format_version": int, "library_version": str, "algorithm": str,
    "created_at": str, "pool_sha256": str, "quotas_sha256": str, "size": int,
    "households": bool, "seed": int, "seed_source": (str, type(None)), "groups": list,
    "portfolio": list, "marginals": dict, "selected": list, "quotas": list,
}


def make_record(pool: Pool, quotas: Quotas, size: int, distribution: Distribution,
                selected: Sequence[str], seed: int, seed_source: str | None,
                households: bool, algorithm: str, *,
                pool_columns: dict | None = None) -> dict:
    """Build the draw record (a JSON-ready dict) of a finished draw.

    ``seed_source`` says where the public seed comes from, in free text (e.g.
    "EuroMillions draw of 2026-12-01"). The quotas and the selected panel's
    composition are included (aggregates, no personal data) for the report.
    ``pool_columns`` ({"id": ..., "features": [...], "address": [...]}) records how
    the pool file was read, so a verifier reads it the same way.
    """
    composition: dict[str, Counter] = {f: Counter() for f in quotas.features}
    for person in (pool.get(i) for i in selected if i in pool):
        for feature, counter in composition.items():
            counter[norm_value(person.features.get(feature, ""))] += 1
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "library_version": __version__,
        "algorithm": algorithm,
        "created_at": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "pool_sha256": pool_sha256(pool),
        "quotas_sha256": quotas_sha256(quotas),
        "pool_size": len(pool),
        "size": size,
        "households": bool(households),
        "seed": int(seed),
        "seed_source": seed_source,
        "quotas": [{"feature": q.feature, "value": q.value, "min": q.min, "max": q.max}
                   for q in quotas],
        "groups": [list(g) for g in distribution.groups],
        "portfolio": [{"template": [[int(g), int(c)] for g, c in template.items()],
                       "probability": float(p)}
                      for template, p in zip(distribution.panels, distribution.probabilities)],
        "marginals": {pid: float(distribution.marginals.get(pid, 0.0)) for pid in
                      sorted({p.id for p in pool} | set(distribution.marginals))},
        "selected": sorted(selected),
        "composition": {f: dict(sorted(c.items())) for f, c in composition.items()},
        "stats": _json_safe(distribution.stats),
        **({"pool_columns": pool_columns} if pool_columns is not None else {}),
    }


def _json_safe(stats: dict) -> dict:
    """The solver statistics that are plain JSON numbers or strings."""
    return {str(k): v for k, v in (stats or {}).items()
            if isinstance(v, (int, float, str, bool)) or v is None}


def save_record(record: dict, path: str | os.PathLike) -> None:
    """Write the record as UTF-8 JSON."""
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(record, fh, ensure_ascii=False, indent=1)
        fh.write("\n")


def load_record(source: str | os.PathLike | bytes) -> dict:
    """Read a record from a path or JSON bytes. Raises ``BadRecord`` if it is malformed."""
    try:
        if isinstance(source, (bytes, bytearray)):
            record = json.loads(bytes(source).decode("utf-8"))
        else:
            with open(source, encoding="utf-8") as fh:
                record = json.load(fh)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadRecord(f"The draw record cannot be read: {exc}.") from None
    if not isinstance(record, dict) or record.get("format") != FORMAT:
        raise BadRecord("This file is not a panels draw record.")
    for key, types in _FIELDS.items():
        if key not in record:
            raise BadRecord(f"The draw record has no {key!r} field.")
        if not isinstance(record[key], types) or (types is int and isinstance(record[key], bool)):
            raise BadRecord(f"The draw record's {key!r} field has the wrong type.")
    if record["format_version"] > FORMAT_VERSION:
        raise BadRecord(f"This draw record has format version {record['format_version']}; "
                        f"this version of panels reads up to {FORMAT_VERSION}.")
    if not all(isinstance(g, list) and all(isinstance(i, str) for i in g)
               for g in record["groups"]):
        raise BadRecord("The draw record's groups are not lists of ids.")
    for entry in record["portfolio"]:
        if not (isinstance(entry, dict) and _is_template(entry.get("template"))
                and _is_number(entry.get("probability"))):
            raise BadRecord("A portfolio entry is not {template: [[group, count], ...], "
                            "probability: number}.")
    if not all(isinstance(k, str) and _is_number(v) for k, v in record["marginals"].items()):
        raise BadRecord("The draw record's marginals are not {id: probability}.")
    origin = record.get("replacement_of")
    if origin is not None and not (
            isinstance(origin, dict) and isinstance(origin.get("size"), int)
            and all(isinstance(origin.get(k), list) and all(isinstance(i, str) for i in origin[k])
                    for k in ("kept", "declined"))
            and all(isinstance(origin.get(k), str) for k in ("pool_sha256", "quotas_sha256"))):
        raise BadRecord("The draw record's replacement_of field is malformed.")
    return record


def _is_number(x) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def _is_template(template) -> bool:
    return isinstance(template, list) and all(
        isinstance(pair, list) and len(pair) == 2 and all(
            isinstance(n, int) and not isinstance(n, bool) for n in pair)
        for pair in template)


def distribution_from_record(record: dict) -> Distribution:
    """The lottery the record describes, groups and templates in recorded order."""
    return Distribution(
        algorithm=record["algorithm"],
        groups=[tuple(g) for g in record["groups"]],
        panels=[{g: c for g, c in e["template"]} for e in record["portfolio"]],
        probabilities=[float(e["probability"]) for e in record["portfolio"]],
        marginals={k: float(v) for k, v in record["marginals"].items()},
        stats=dict(record.get("stats") or {}),
    )


def make_replacement_record(original: dict, pool: Pool, quotas: Quotas, kept: Sequence[str],
                            declined: Sequence[str], replacement, seed: int,
                            seed_source: str | None) -> dict:
    """The record of a replacement draw (``replacement`` from ``panels.replace``).

    It is a draw record of the sub-draw (remaining pool, reduced quotas, missing
    seats) plus ``replacement_of``: the full panel size, the members kept, everyone
    who declined so far, and the fingerprints of the *original* pool and quotas, from
    which ``verify_record`` re-derives the sub-draw's inputs; and the link to the
    previous record (its panel and ``record_sha256``).
    """
    size = panel_size(original)
    record = make_record(replacement.pool, replacement.quotas, size - len(kept),
                         replacement.distribution, replacement.selected, seed, seed_source,
                         original["households"], replacement.distribution.algorithm,
                         pool_columns=original.get("pool_columns"))
    record["replacement_of"] = {"size": size, "kept": sorted(kept), "declined": sorted(declined),
                                "previous_panel": current_panel(original),
                                "previous_record_sha256": record_sha256(original),
                                "pool_sha256": pool_sha256(pool),
                                "quotas_sha256": quotas_sha256(quotas)}
    return record


def record_sha256(record: dict) -> str:
    """Fingerprint of a record's content (compact, key-sorted JSON), to chain replacements."""
    text = json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def panel_size(record: dict) -> int:
    """The size of the whole panel (a replacement record draws only the missing seats)."""
    return record.get("replacement_of", {}).get("size", record["size"])


def current_panel(record: dict) -> list[str]:
    """The panel after this record's draw: kept members plus the newly selected."""
    kept = record.get("replacement_of", {}).get("kept", [])
    return sorted([*kept, *record["selected"]])


def declined_so_far(record: dict) -> list[str]:
    """Everyone who declined in earlier rounds (empty for a first draw)."""
    return list(record.get("replacement_of", {}).get("declined", []))


# Verification lives in its own module; re-exported so the record's API is in one place.
from .verification import Check, verify, verify_record  # noqa: E402,F401
