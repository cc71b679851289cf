"""Households: at most one panel member per address.

Volunteers at the same address are grouped by a normalised form of the address,
so that "12, Av. de la Liberté" and "12 avenue de la liberte" fall together.
"""
from __future__ import annotations

import re
from collections import defaultdict

from .model import Pool
from .text import fold

# Common French (and a few English) street-type abbreviations -> full word.
ABBREVIATIONS = {
    "av": "avenue", "ave": "avenue", "avn": "avenue",
    "bd": "boulevard", "bld": "boulevard", "blvd": "boulevard", "boul": "boulevard",
    "r": "rue",
    "pl": "place", "pla": "place",
    "ch": "chemin", "chem": "chemin",
    "imp": "impasse",
    "all": "allee", "al": "allee",
    "rte": "route",
    "fg": "faubourg", "fbg": "faubourg",
    "sq": "square",
    "crs": "cours",
    "qu": "quai",
    "res": "residence", "resid": "residence",
    "bat": "batiment", "bt": "batiment",
    "apt": "appartement", "app": "appartement", "appt": "appartement",
    "lot": "lotissement", "lotiss": "lotissement",
    "st": "saint", "ste": "sainte",
    "pass": "passage", "psg": "passage",
    "prom": "promenade",
    "esp": "esplanade",
    "hab": "habitation",
}

_NOT_WORD = re.compile(r"[^0-9a-z]+")


def normalise_address(*parts: object) -> str | None:
    """One comparable key from address parts (street, postcode, city...), or None if all empty.

    Case, accents, punctuation and spacing are ignored; street-type abbreviations are
    expanded ("av." -> "avenue", "bd" -> "boulevard", "r." -> "rue"); digits (street
    numbers, postcodes) are kept as they are.
    """
    text = " ".join(str(p) for p in parts if p is not None and str(p).strip())
    text = fold(text)
    # "12bis" and "12 bis" are the same address; split digits from letters.
    text = re.sub(r"(?<=\d)(?=[a-z])|(?<=[a-z])(?=\d)", " ", text)
    words = [ABBREVIATIONS.get(w, w) for w in _NOT_WORD.split(text) if w]
    return " ".join(words) or None


def household_groups(pool: Pool) -> dict[str, list[str]]:
    """Household key -> ids of the people living there, for households of two or more."""
    groups: dict[str, list[str]] = defaultdict(list)
    for person in pool:
        if person.household:
            groups[person.household].append(person.id)
    return {key: ids for key, ids in groups.items() if len(ids) >= 2}
