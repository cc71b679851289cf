"""Census-like volunteer pools: features drawn as a chain of conditional distributions.

Real pools are correlated: age drives occupation, age and occupation drive education,
district drives urbanity, and so on. ``panels.generate``'s default pools tie features by
mild pairwise affinities; these are much more correlated (many combinations are empty or
rare), which is what makes a draw hard: more types of one or two people, more steps of
the walk. Quotas come from the population's shares with the usual slack, the pool is
skewed against them (older and more educated people volunteer more).

    pool, quotas = census_instance(1000, 110, 7, seed=3)
    # or panels.generate.generate_instance(1000, 110, 7, 3, correlated=True)

Everything is deterministic given the seed.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np

from .model import Person, Pool, Quota, Quotas, norm_value

AGES = ["18-24", "25-34", "35-49", "50-64", "65+"]
CSP = ["Agriculteurs", "Artisans, commerçants", "Cadres", "Professions intermédiaires", "Employés",
       "Ouvriers", "Retraités", "Étudiants", "Sans activité"]
DIPLOMES = ["Aucun diplôme", "CAP, BEP", "Baccalauréat", "Bac+2", "Bac+3 et plus"]
TERRITOIRES = ["Centre", "Nord", "Est", "Ouest", "Sud", "Quartier prioritaire", "Communes rurales"]
URBANITE = ["Urbain dense", "Périurbain", "Rural"]
LOGEMENT = ["Propriétaire", "Locataire privé", "Locataire HLM", "Logé gratuitement"]
VEHICULE = ["Avec voiture", "Sans voiture"]

# (feature, values, weights(previous values) -> relative weights over values), in chain order
CHAIN = [
    ("age", AGES, lambda r: [12, 17, 25, 24, 22]),
    ("genre", ["Femme", "Homme"], lambda r: [58, 42] if r["age"] == "65+" else [51, 49]),
    ("csp", CSP, lambda r: {
        "18-24": [0, 1, 1, 6, 14, 10, 0, 55, 13],
        "25-34": [0.5, 4, 20, 24, 20, 14, 0, 4, 13.5],
        "35-49": [1, 7, 22, 24, 19, 14, 0, 0, 13],
        "50-64": [2, 8, 18, 19, 17, 12, 14, 0, 10],
        "65+": [0.5, 1, 0.5, 0.5, 0.5, 0.5, 95, 0, 2]}[r["age"]]),
    ("diplome", DIPLOMES, lambda r: np.multiply(
        {"18-24": [8, 12, 45, 20, 15], "25-34": [8, 15, 20, 20, 37], "35-49": [12, 22, 18, 17, 31],
         "50-64": [20, 30, 16, 13, 21], "65+": [45, 25, 12, 7, 11]}[r["age"]],
        {"Cadres": [0.05, 0.1, 0.3, 0.8, 6], "Ouvriers": [2, 3, 0.6, 0.2, 0.05],
         "Agriculteurs": [2, 2.5, 1, 0.5, 0.3], "Professions intermédiaires": [0.3, 0.7, 1, 2.5, 1.5],
         "Employés": [1, 1.8, 1.5, 0.8, 0.4], "Étudiants": [0.1, 0.3, 2, 1.5, 1.5]}.get(
            r["csp"], [1, 1, 1, 1, 1]))),
    ("territoire", TERRITOIRES, lambda r: np.multiply(
        [22, 16, 15, 14, 13, 9, 11],
        {"Cadres": [1.8, 1, 1.2, 1, 0.8, 0.3, 0.6], "Ouvriers": [0.5, 1, 0.9, 1, 1.1, 2.5, 1.3],
         "Agriculteurs": [0.05, 0.3, 0.3, 0.5, 0.5, 0.05, 8], "Étudiants": [2.5, 1, 0.8, 0.7, 0.8, 1, 0.2],
         "Sans activité": [0.8, 1, 1, 0.9, 1, 2.5, 0.8]}.get(r["csp"], [1] * 7))),
    ("urbanite", URBANITE, lambda r: {
        "Centre": [95, 5, 0], "Nord": [50, 45, 5], "Est": [40, 50, 10], "Ouest": [30, 55, 15],
        "Sud": [35, 50, 15], "Quartier prioritaire": [90, 10, 0],
        "Communes rurales": [0, 25, 75]}[r["territoire"]]),
    ("logement", LOGEMENT, lambda r: np.multiply(
        {"18-24": [5, 55, 20, 20], "25-34": [25, 50, 20, 5], "35-49": [55, 25, 18, 2],
         "50-64": [65, 17, 16, 2], "65+": [75, 10, 13, 2]}[r["age"]],
        {"Quartier prioritaire": [0.2, 0.6, 4, 1], "Communes rurales": [1.6, 0.6, 0.2, 1],
         "Centre": [0.7, 1.6, 0.6, 1]}.get(r["territoire"], [1, 1, 1, 1]))),
    ("vehicule", VEHICULE, lambda r: {"Urbain dense": [55, 45], "Périurbain": [88, 12],
                                      "Rural": [97, 3]}[r["urbanite"]]
     if r["age"] != "18-24" else [40, 60]),
]
FEATURES = [name for name, _, _ in CHAIN]
# relative propensity to volunteer (values not listed weigh 1)
PROPENSITY = {"age": {"18-24": 0.5, "25-34": 0.6, "35-49": 0.8, "65+": 1.8},
              "diplome": {"Aucun diplôme": 0.3, "CAP, BEP": 0.6, "Bac+3 et plus": 1.8},
              "csp": {"Ouvriers": 0.4, "Cadres": 1.3}, "territoire": {"Quartier prioritaire": 0.6}}
QUOTA_TOLERANCE = 1.5


def _people(n: int, rng: np.random.Generator, n_features: int) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = [{} for _ in range(n)]
    for name, values, weights in CHAIN[:n_features]:
        groups: dict[tuple, list[int]] = {}
        for i, row in enumerate(rows):   # people with the same earlier values share weights
            groups.setdefault(tuple(sorted(row.items())), []).append(i)
        for key, members in groups.items():
            w = np.asarray(weights(dict(key)) if n_features else [], float)
            picks = rng.choice(len(values), size=len(members), p=w / w.sum())
            for i, k in zip(members, picks):
                rows[i][name] = values[k]
    return rows


def _check(n_features: int) -> None:
    if not 1 <= n_features <= len(CHAIN):
        raise ValueError(f"n_features must be between 1 and {len(CHAIN)}, not {n_features}")


@lru_cache(maxsize=len(CHAIN))
def population_shares(n_features: int) -> dict[str, dict[str, float]]:
    """feature -> value -> share of the population in percent, exactly (the chain enumerated)."""
    _check(n_features)
    states: list[tuple[dict, float]] = [({}, 1.0)]
    shares: dict[str, dict[str, float]] = {}
    for name, values, weights in CHAIN[:n_features]:
        grown, share = [], dict.fromkeys(values, 0.0)
        for row, p in states:
            w = np.asarray(weights(row), float)
            for value, q in zip(values, w / w.sum()):
                if q > 0:
                    grown.append(({**row, name: value}, p * q))
                    share[value] += 100 * p * q
        states, shares[name] = grown, share
    return shares


def census_pool(n_people: int, n_features: int, seed: int) -> Pool:
    """``n_people`` volunteers: the population reweighted by the propensity to volunteer."""
    _check(n_features)
    rng = np.random.default_rng(seed)
    candidates = _people(4 * n_people, rng, n_features)
    weight = np.ones(len(candidates))
    for i, row in enumerate(candidates):
        for feature, factors in PROPENSITY.items():
            weight[i] *= factors.get(row.get(feature, ""), 1.0)
    chosen = np.sort(rng.choice(len(candidates), size=n_people, replace=False, p=weight / weight.sum()))
    width = len(str(n_people))
    people = [Person(f"C{i + 1:0{width}d}", candidates[k]) for i, k in enumerate(chosen)]
    return Pool(people, FEATURES[:n_features])


def census_quotas(pool: Pool, size: int, n_features: int, tolerance: float = QUOTA_TOLERANCE) -> Quotas:
    """Population share times size, plus or minus ``tolerance``, rounded half up, within what
    the pool has of each value."""
    counts = pool.counts()
    items = []
    for feature, shares in population_shares(n_features).items():
        for value, share in shares.items():
            target = share * size / 100
            available = counts[feature][norm_value(value)]
            low = min(available, size, max(0, int(np.floor(target - tolerance + 0.5))))
            high = min(available, size, max(0, int(np.floor(target + tolerance + 0.5))))
            if available == 0:
                continue   # a value nobody in the pool has: no quota row (its minimum could not be met)
            items.append(Quota(feature, value, low, max(low, high)))
    return Quotas(items)


def census_instance(n_people: int, size: int, n_features: int, seed: int) -> tuple[Pool, Quotas]:
    """A census-like pool and population quotas that some panel of ``size`` meets (the slack
    is widened by 0.5 until one does)."""
    from .generate import is_feasible

    pool = census_pool(n_people, n_features, seed)
    tolerance = QUOTA_TOLERANCE
    while True:
        quotas = census_quotas(pool, size, n_features, tolerance)
        if is_feasible(pool, quotas, size):
            return pool, quotas
        if tolerance > size:
            raise ValueError(f"no panel of {size} can be drawn from {n_people} people")
        tolerance += 0.5
