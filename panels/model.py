"""The plain data model: a pool of people, quotas per feature value, a distribution."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Mapping


@dataclass(frozen=True)
class Person:
    """A volunteer: an id, one value per feature, and an optional household key.

    Values are kept as read; comparisons use ``norm_value`` (case- and
    space-insensitive), as organisers' files mix "Femme" and "femme ".
    """

    id: str
    features: Mapping[str, str]
    household: str | None = None  # normalised address, see panels.households


def norm_value(value: str) -> str:
    return " ".join(str(value).split()).casefold()


@dataclass
class Pool:
    """The volunteers, in file order, and the feature names used for quotas."""

    people: list[Person]
    features: list[str]

    def __post_init__(self) -> None:
        self._index = {p.id: i for i, p in enumerate(self.people)}

    def __len__(self) -> int:
        return len(self.people)

    def __iter__(self):
        return iter(self.people)

    def index(self, person_id: str) -> int:
        return self._index[person_id]

    def __contains__(self, person_id: str) -> bool:
        return person_id in self._index

    def get(self, person_id: str) -> Person:
        return self.people[self._index[person_id]]

    def without(self, ids: Iterable[str]) -> "Pool":
        drop = set(ids)
        return Pool([p for p in self.people if p.id not in drop], list(self.features))

    def counts(self) -> dict[str, Counter]:
        """Pool composition: feature -> normalised value -> number of people."""
        out: dict[str, Counter] = {f: Counter() for f in self.features}
        for f in self.features:
            # counted as written first (fast), then each spelling normalised once
            for value, n in Counter(p.features[f] for p in self.people).items():
                out[f][norm_value(value)] += n
        return out


@dataclass(frozen=True)
class Quota:
    feature: str
    value: str
    min: int
    max: int


@dataclass
class Quotas:
    """Bounds on the number of panel members per feature value."""

    items: list[Quota]

    def __post_init__(self) -> None:
        self._by_key = {(q.feature, norm_value(q.value)): q for q in self.items}

    @property
    def features(self) -> list[str]:
        seen: dict[str, None] = {}
        for q in self.items:
            seen.setdefault(q.feature, None)
        return list(seen)

    def for_feature(self, feature: str) -> list[Quota]:
        return [q for q in self.items if q.feature == feature]

    def get(self, feature: str, value: str) -> Quota | None:
        return self._by_key.get((feature, norm_value(value)))

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def replace(self, feature: str, value: str, *, min: int | None = None,
                max: int | None = None) -> "Quotas":
        """A copy with one bound changed (used to apply suggested relaxations)."""
        out = []
        for q in self.items:
            if q.feature == feature and norm_value(q.value) == norm_value(value):
                q = Quota(q.feature, q.value, q.min if min is None else min,
                          q.max if max is None else max)
            out.append(q)
        return Quotas(out)

    def panel_counts(self, people: Iterable[Person]) -> dict[tuple[str, str], int]:
        """How many of ``people`` fall in each quota cell, keyed (feature, normalised value)."""
        counts = Counter()
        for p in people:
            for f in self.features:
                counts[(f, norm_value(p.features[f]))] += 1
        return {key: counts.get(key, 0) for key in self._by_key}

    def violations(self, people: Iterable[Person]) -> list[str]:
        """Sentences naming each quota a set of people breaks (empty when all are met)."""
        counts = self.panel_counts(people)
        out = []
        for (f, v), q in self._by_key.items():
            n = counts[(f, v)]
            if n < q.min:
                out.append(f"{f} {q.value}: {n} selected, minimum {q.min}")
            elif n > q.max:
                out.append(f"{f} {q.value}: {n} selected, maximum {q.max}")
        return out


@dataclass
class Distribution:
    """A lottery over panels: what every algorithm returns.

    Volunteers with identical features are interchangeable, so a panel is stored as
    a *template*: how many people it takes from each group of interchangeable
    volunteers. ``groups[g]`` holds the ids of group g (singletons when everyone
    differs, or for people sharing a household). ``panels[j]`` maps group index to
    count and is drawn with ``probabilities[j]``; the people of a group are then
    chosen uniformly among its members (see panels.lottery). ``marginals[id]`` is
    each volunteer's resulting selection probability.
    """

    algorithm: str
    groups: list[tuple[str, ...]]
    panels: list[dict[int, int]]
    probabilities: list[float]
    marginals: dict[str, float]
    stats: dict = field(default_factory=dict)  # solver statistics: rounds, time, ...

    @property
    def min_probability(self) -> float:
        return min(self.marginals.values()) if self.marginals else 0.0

    def panel_size(self, j: int) -> int:
        return sum(self.panels[j].values())

    def expected_counts(self) -> list[float]:
        """Expected number of selected people per group."""
        out = [0.0] * len(self.groups)
        for panel, prob in zip(self.panels, self.probabilities):
            for g, c in panel.items():
                out[g] += prob * c
        return out
