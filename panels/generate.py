"""Seeded synthetic volunteer pools and quotas, for tests, demos and benchmarks.

The population of a French metropolis is a joint distribution over up to eight
features: census shares per value (rounded approximations, as in
``population_shares_metropole.csv``) tied together by affinities between pairs of
values (retired people are old, managers are graduates, the Mosson district has more
workers...) and fitted to the census shares by iterative proportional fitting.
Volunteers are that population reweighted by a propensity to volunteer that rises
with age and diploma, as in real pools. Quotas come from the *population* shares, so
the pool is skewed against them like a real one.

Everything is deterministic given the seed (``numpy.random.default_rng(seed)``).
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache

import numpy as np

from .households import normalise_address
from .model import Person, Pool, Quota, Quotas, norm_value
from .solver import PanelFinder
from .typespace import build_type_space

# feature -> {value: population share in percent}; the first five are the sample data's.
POPULATION_SHARES: dict[str, dict[str, float]] = {
    "genre": {"Femme": 52.5, "Homme": 47.5},
    "age": {"18-24": 15, "25-34": 19, "35-49": 23, "50-64": 21, "65+": 22},
    "csp": {
        "Agriculteurs exploitants": 0.3,
        "Artisans, commerçants, chefs d'entreprise": 3.5,
        "Cadres et professions intellectuelles supérieures": 13,
        "Professions intermédiaires": 16,
        "Employés": 15.5,
        "Ouvriers": 8,
        "Retraités": 24,
        "Autres personnes sans activité professionnelle": 19.7,
    },
    "diplome": {"Aucun diplôme ou CEP": 20, "CAP, BEP": 19, "Baccalauréat": 19,
                "Bac+2": 13, "Bac+3 et plus": 29},
    "territoire": {
        "Montpellier Centre": 11, "Montpellier Croix-d'Argent": 9,
        "Montpellier Les Cévennes": 8, "Montpellier Mosson": 7,
        "Montpellier Hôpitaux-Facultés": 9, "Montpellier Port Marianne": 8,
        "Montpellier Prés d'Arènes": 6, "Communes nord": 11, "Communes est": 12,
        "Communes ouest": 10, "Communes sud": 9,
    },
    "logement": {"Propriétaire": 45, "Locataire du parc privé": 35,
                 "Locataire HLM": 16, "Logé gratuitement": 4},
    "situation_familiale": {"Seul·e": 28, "En couple sans enfant": 32,
                            "En couple avec enfant(s)": 30, "Famille monoparentale": 10},
    "vehicule": {"Avec voiture": 78, "Sans voiture": 22},
}
FEATURES = list(POPULATION_SHARES)
MAX_FEATURES = len(FEATURES)

_CADRES = "Cadres et professions intellectuelles supérieures"
_ARTISANS = "Artisans, commerçants, chefs d'entreprise"
_INACTIFS = "Autres personnes sans activité professionnelle"

# (feature, value, feature, value, log-weight): how much more (or less) often the two
# values go together in the population than if the features were independent.
AFFINITIES: list[tuple[str, str, str, str, float]] = [
    ("age", "18-24", "csp", "Retraités", -9), ("age", "25-34", "csp", "Retraités", -9),
    ("age", "35-49", "csp", "Retraités", -6), ("age", "50-64", "csp", "Retraités", 0.5),
    ("age", "65+", "csp", "Retraités", 3), ("age", "18-24", "csp", _INACTIFS, 1.5),
    ("age", "18-24", "csp", _CADRES, -1.5), ("age", "18-24", "csp", _ARTISANS, -1.5),
    ("age", "65+", "csp", _INACTIFS, -0.5),
    ("csp", _CADRES, "diplome", "Bac+3 et plus", 1.8), ("csp", _CADRES, "diplome", "Aucun diplôme ou CEP", -2.5),
    ("csp", "Professions intermédiaires", "diplome", "Bac+2", 1.2),
    ("csp", "Ouvriers", "diplome", "CAP, BEP", 1.5), ("csp", "Ouvriers", "diplome", "Bac+3 et plus", -2),
    ("csp", "Employés", "diplome", "Baccalauréat", 0.6), ("csp", "Employés", "diplome", "Bac+3 et plus", -0.8),
    ("csp", _ARTISANS, "diplome", "CAP, BEP", 0.8),
    ("age", "65+", "diplome", "Aucun diplôme ou CEP", 1.0), ("age", "65+", "diplome", "Bac+3 et plus", -0.6),
    ("age", "25-34", "diplome", "Bac+3 et plus", 0.6), ("age", "18-24", "diplome", "Baccalauréat", 1.0),
    ("territoire", "Montpellier Mosson", "csp", "Ouvriers", 1.0),
    ("territoire", "Montpellier Mosson", "csp", _INACTIFS, 0.7),
    ("territoire", "Montpellier Mosson", "csp", _CADRES, -1.2),
    ("territoire", "Montpellier Mosson", "diplome", "Aucun diplôme ou CEP", 0.8),
    ("territoire", "Montpellier Port Marianne", "csp", _CADRES, 0.8),
    ("territoire", "Montpellier Centre", "csp", _CADRES, 0.5),
    ("territoire", "Montpellier Hôpitaux-Facultés", "age", "18-24", 1.0),
    ("territoire", "Montpellier Hôpitaux-Facultés", "diplome", "Bac+3 et plus", 0.5),
    ("territoire", "Communes ouest", "csp", "Agriculteurs exploitants", 1.5),
    ("territoire", "Communes nord", "csp", "Agriculteurs exploitants", 1.2),
    ("territoire", "Communes est", "age", "65+", 0.3), ("territoire", "Communes sud", "age", "65+", 0.3),
    ("logement", "Propriétaire", "age", "65+", 1.2), ("logement", "Propriétaire", "age", "18-24", -2),
    ("logement", "Propriétaire", "csp", _CADRES, 0.6), ("logement", "Locataire HLM", "csp", "Ouvriers", 1.0),
    ("logement", "Locataire HLM", "territoire", "Montpellier Mosson", 1.8),
    ("logement", "Locataire HLM", "territoire", "Montpellier Centre", -0.8),
    ("logement", "Locataire du parc privé", "age", "18-24", 1.2),
    ("logement", "Logé gratuitement", "age", "18-24", 1.8),
    ("logement", "Propriétaire", "territoire", "Communes nord", 0.7),
    ("logement", "Propriétaire", "territoire", "Communes ouest", 0.7),
    ("situation_familiale", "En couple avec enfant(s)", "age", "35-49", 1.3),
    ("situation_familiale", "En couple avec enfant(s)", "age", "65+", -2),
    ("situation_familiale", "En couple avec enfant(s)", "age", "18-24", -1.5),
    ("situation_familiale", "En couple sans enfant", "age", "65+", 0.8),
    ("situation_familiale", "Seul·e", "age", "18-24", 1.2), ("situation_familiale", "Seul·e", "age", "65+", 0.4),
    ("situation_familiale", "Famille monoparentale", "genre", "Femme", 1.4),
    ("situation_familiale", "Famille monoparentale", "logement", "Locataire HLM", 0.8),
    ("vehicule", "Sans voiture", "territoire", "Montpellier Centre", 1.3),
    ("vehicule", "Sans voiture", "territoire", "Montpellier Hôpitaux-Facultés", 0.8),
    ("vehicule", "Sans voiture", "territoire", "Communes nord", -1.0),
    ("vehicule", "Sans voiture", "territoire", "Communes ouest", -1.0),
    ("vehicule", "Sans voiture", "age", "18-24", 1.2), ("vehicule", "Sans voiture", "csp", "Ouvriers", 0.3),
    ("vehicule", "Sans voiture", "situation_familiale", "En couple avec enfant(s)", -1.2),
    ("genre", "Femme", "age", "65+", 0.2), ("genre", "Homme", "csp", "Ouvriers", 1.2),
    ("genre", "Femme", "csp", "Employés", 1.0),
]

# feature -> {value: relative propensity to volunteer}; values not listed weigh 1.
VOLUNTEER_PROPENSITY: dict[str, dict[str, float]] = {
    "age": {"18-24": 0.5, "25-34": 0.6, "35-49": 0.8, "50-64": 1.0, "65+": 1.9},
    "diplome": {"Aucun diplôme ou CEP": 0.25, "CAP, BEP": 0.55, "Baccalauréat": 0.9,
                "Bac+2": 0.9, "Bac+3 et plus": 1.8},
    "csp": {_CADRES: 1.0, "Ouvriers": 0.35, "Employés": 0.8, _ARTISANS: 0.6,
            "Agriculteurs exploitants": 0.5},
    "territoire": {"Montpellier Mosson": 0.8, "Montpellier Hôpitaux-Facultés": 1.2},
    "logement": {"Propriétaire": 1.2, "Locataire HLM": 0.7},
}

# (pool, panel, features) of the benchmark instances (docs: /work/shared/ANCHORS.md).
BENCHMARK_INSTANCES: list[tuple[int, int, int]] = [
    (300, 40, 4), (2000, 40, 5), (2000, 150, 6), (10000, 150, 8),
]

QUOTA_TOLERANCE = 1.5
_STREETS = ["rue de la Loge", "avenue de Lodève", "rue du Faubourg Boutonnet",
            "boulevard Renouvier", "rue des Tourterelles", "avenue de Toulouse",
            "rue de l'Aiguillerie", "avenue du Père Soulas", "rue Proudhon",
            "chemin de Moularès", "rue du Pont de Lavérune", "avenue de la Pompignane"]


def _axes(feature_count: int) -> list[list[str]]:
    return [list(POPULATION_SHARES[f]) for f in FEATURES[:feature_count]]


@lru_cache(maxsize=1)
def population_joint() -> np.ndarray:
    """The population's joint distribution over all features, one axis per feature.

    Affinities shape it; iterative proportional fitting makes every marginal equal the
    census shares exactly.
    """
    axes = _axes(MAX_FEATURES)
    log_weights = np.zeros([len(a) for a in axes])
    for f1, v1, f2, v2, weight in AFFINITIES:
        index: list = [slice(None)] * MAX_FEATURES
        index[FEATURES.index(f1)] = axes[FEATURES.index(f1)].index(v1)
        index[FEATURES.index(f2)] = axes[FEATURES.index(f2)].index(v2)
        log_weights[tuple(index)] += weight
    joint = np.exp(log_weights)
    targets = [np.array([POPULATION_SHARES[f][v] for v in a]) / 100 for f, a in zip(FEATURES, axes)]
    for _ in range(500):
        for k, target in enumerate(targets):
            joint *= _along_axis(target / _marginal(joint, k), k)
        if max(np.abs(_marginal(joint, k) - t).max() for k, t in enumerate(targets)) < 1e-10:
            break
    return joint / joint.sum()


def _marginal(joint: np.ndarray, axis: int) -> np.ndarray:
    return joint.sum(axis=tuple(i for i in range(joint.ndim) if i != axis))


def _along_axis(vector: np.ndarray, axis: int) -> np.ndarray:
    """``vector`` shaped to broadcast along one axis of the joint."""
    shape = [1] * MAX_FEATURES
    shape[axis] = len(vector)
    return vector.reshape(shape)


@lru_cache(maxsize=1)
def volunteer_joint() -> np.ndarray:
    """The distribution volunteers are drawn from: the population times the propensity."""
    joint = population_joint().copy()
    for k, (feature, axis) in enumerate(zip(FEATURES, _axes(MAX_FEATURES))):
        weights = VOLUNTEER_PROPENSITY.get(feature, {})
        joint *= _along_axis(np.array([weights.get(v, 1.0) for v in axis]), k)
    return joint / joint.sum()


def _check_feature_count(n_features: int) -> None:
    if not 1 <= n_features <= MAX_FEATURES:
        raise ValueError(f"n_features must be between 1 and {MAX_FEATURES}, not {n_features}")


def generate_pool(n_people: int, n_features: int, seed: int, *,
                  shared_address_share: float | None = None) -> Pool:
    """A pool of ``n_people`` volunteers described by the first ``n_features`` features.

    The same seed gives the same people; with more features, the same people get more
    columns (the first ones are unchanged). With ``shared_address_share`` (e.g. 0.04),
    every person gets a household (address) and about that share of the pool shares it
    with someone else, living in the same territory when it is a feature.
    """
    _check_feature_count(n_features)
    rng = np.random.default_rng(seed)
    joint = volunteer_joint()
    cells = rng.choice(joint.size, size=n_people, p=joint.ravel())
    values = np.unravel_index(cells, joint.shape)
    axes = _axes(MAX_FEATURES)
    width = len(str(n_people))
    rows = [{f: axes[k][values[k][i]] for k, f in enumerate(FEATURES[:n_features])}
            for i in range(n_people)]
    households = (_households(rows, rng, shared_address_share)
                  if shared_address_share is not None else [None] * n_people)
    people = [Person(f"V{i + 1:0{width}d}", row, household)
              for i, (row, household) in enumerate(zip(rows, households))]
    return Pool(people, FEATURES[:n_features])


def _households(rows: list[dict[str, str]], rng: np.random.Generator, share: float) -> list[str]:
    """Normalised addresses: one per person, then about ``share`` of the people share
    theirs with someone of the same territory."""
    n = len(rows)
    slots = rng.permutation(n)  # distinct (number, street) pairs
    addresses = [f"{1 + slot // len(_STREETS)} {_STREETS[slot % len(_STREETS)]}" for slot in slots]
    by_place: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        by_place.setdefault(row.get("territoire", ""), []).append(i)
    for i in rng.choice(n, size=min(n, int(round(share * n / 2))), replace=False):
        neighbours = by_place[rows[i].get("territoire", "")]
        addresses[i] = addresses[neighbours[rng.integers(len(neighbours))]]
    return [normalise_address(a) for a in addresses]


def _round_half_up(x: float) -> int:
    return int(np.floor(x + 0.5))


def population_quotas(size: int, n_features: int, *, tolerance: float = QUOTA_TOLERANCE,
                      pool: Pool | None = None) -> Quotas:
    """Quotas for a panel of ``size``: the population share of each value times the
    size, plus or minus ``tolerance``, rounded half up (the rule of the sample
    ``quotas_metropole_40.csv``) and clipped to [0, size]. With a pool, no bound is
    above the number of volunteers who have that value.
    """
    _check_feature_count(n_features)
    counts = pool.counts() if pool is not None else None
    items = []
    for feature in FEATURES[:n_features]:
        for value, share in POPULATION_SHARES[feature].items():
            target = share * size / 100
            low = min(size, max(0, _round_half_up(target - tolerance)))
            high = min(size, max(0, _round_half_up(target + tolerance)))
            if counts is not None:
                available = counts[feature][norm_value(value)]
                low, high = min(low, available), min(high, available)
            items.append(Quota(feature, value, low, max(low, high)))
    return Quotas(items)


def is_feasible(pool: Pool, quotas: Quotas, size: int) -> bool:
    """Whether some panel of ``size`` people from the pool meets every quota (one
    small integer program over feature-vector types)."""
    return PanelFinder(build_type_space(pool, quotas), size).feasible_panel() is not None


def type_counts(pool: Pool, features: list[str] | None = None) -> dict[tuple[str, ...], int]:
    """Number of volunteers per distinct feature vector ("type"), normalised values."""
    features = features if features is not None else pool.features
    return dict(Counter(tuple(norm_value(p.features[f]) for f in features) for p in pool))


def generate_instance(n_people: int, size: int, n_features: int, seed: int, *,
                      shared_address_share: float | None = None,
                      correlated: bool = False) -> tuple[Pool, Quotas]:
    """A pool and population quotas for a panel of ``size`` that some panel meets.

    When the quotas are infeasible for this pool, the tolerance is widened by 0.5
    until they are not (rare: the pool is large against the panel). ``correlated``: a
    census-like pool instead, features drawn as a chain of conditional distributions
    (``panels.census``; no households).
    """
    if correlated:
        from .census import census_instance

        return census_instance(n_people, size, n_features, seed)
    pool = generate_pool(n_people, n_features, seed, shared_address_share=shared_address_share)
    tolerance = QUOTA_TOLERANCE
    while True:
        quotas = population_quotas(size, n_features, tolerance=tolerance, pool=pool)
        if is_feasible(pool, quotas, size):
            return pool, quotas
        if tolerance > size:
            raise ValueError(f"no panel of {size} can be drawn from {n_people} people")
        tolerance += 0.5
