"""Canonical SHA-256 fingerprints of a pool and of quotas.

The draw record publishes these hashes so that anyone holding the inputs can check
that the draw used them. The canonical form depends only on the data the draw sees,
not on how the file was written: row and column order, encoding (UTF-8 or
Windows-1252), separator, CSV or XLSX, case and spacing of values all hash equally.
Personal data (names, e-mails) is not part of the pool hash; household keys are.
"""
from __future__ import annotations

import hashlib
import json
import unicodedata

from .model import Pool, Quotas, norm_value

CANONICAL_VERSION = 1


def canonical_text(value: str) -> str:
    """Unicode NFC, case-folded, single-spaced: how values compare everywhere in panels."""
    return norm_value(unicodedata.normalize("NFC", str(value)))


def _digest(obj: object) -> str:
    data = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def canonical_pool(pool: Pool) -> dict:
    """The pool as plain data: people sorted by id, features sorted by name."""
    features = sorted(pool.features, key=canonical_text)
    people = sorted(pool.people, key=lambda p: unicodedata.normalize("NFC", p.id))
    return {
        "version": CANONICAL_VERSION,
        "features": [canonical_text(f) for f in features],
        "people": [[unicodedata.normalize("NFC", p.id),
                    [canonical_text(p.features[f]) for f in features],
                    p.household and unicodedata.normalize("NFC", p.household)]
                   for p in people],
    }


def canonical_quotas(quotas: Quotas) -> dict:
    """The quotas as plain data: rows (feature, value, min, max) sorted."""
    rows = sorted([canonical_text(q.feature), canonical_text(q.value), q.min, q.max]
                  for q in quotas)
    return {"version": CANONICAL_VERSION, "quotas": rows}


def pool_sha256(pool: Pool) -> str:
    """Hex SHA-256 of ``canonical_pool(pool)``."""
    return _digest(canonical_pool(pool))


def quotas_sha256(quotas: Quotas) -> str:
    """Hex SHA-256 of ``canonical_quotas(quotas)``."""
    return _digest(canonical_quotas(quotas))
