"""Turning a distribution into one panel, reproducibly and verifiably.

Randomness comes only from the seed, through a SHA-256 counter stream, so anyone
can re-derive the draw from the record in any language:
``u_i = int(sha256(f"{seed}:{i}")) / 2**256`` for i = 0, 1, 2, ...
The first number picks a panel (cumulative probabilities in portfolio order); the
next ones choose, group by group in increasing group order, the members of each
group by a partial Fisher-Yates shuffle of its ids in sorted order.

The *transparent lottery* (Flanigan, Kehne, Procaccia, "Fair sortition made
transparent", Science Advances 2021) rounds the distribution to M equally likely
panels, so a public physical draw of a number 1..M selects the panel.
"""
from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass

import numpy as np

from .model import Distribution


class SeedStream:
    """Uniform numbers in [0, 1) derived from a seed by SHA-256 in counter mode."""

    def __init__(self, seed: int | str):
        self.seed = str(seed)
        self.counter = 0

    def uniform(self) -> float:
        digest = hashlib.sha256(f"{self.seed}:{self.counter}".encode()).digest()
        self.counter += 1
        return int.from_bytes(digest[:8], "big") / 2**64

    def below(self, n: int) -> int:
        """An integer in 0..n-1."""
        return min(int(self.uniform() * n), n - 1)


def pick_index(probabilities, u: float) -> int:
    total = 0.0
    for j, p in enumerate(probabilities):
        total += p
        if u < total:
            return j
    return len(probabilities) - 1  # rounding: u above the float sum


def choose_members(ids, count: int, stream: SeedStream) -> list[str]:
    pool = sorted(ids)
    for i in range(count):  # partial Fisher-Yates
        j = i + stream.below(len(pool) - i)
        pool[i], pool[j] = pool[j], pool[i]
    return pool[:count]


def realise(distribution: Distribution, j: int, stream: SeedStream) -> tuple[str, ...]:
    """The people of template panel j, chosen within each group with the stream."""
    chosen: list[str] = []
    for g in sorted(distribution.panels[j]):
        chosen += choose_members(distribution.groups[g], distribution.panels[j][g], stream)
    return tuple(sorted(chosen))


def sample(distribution: Distribution, seed: int | str) -> tuple[str, ...]:
    """The selected panel (sorted ids) for this seed: same seed, same panel, always."""
    stream = SeedStream(seed)
    j = pick_index(distribution.probabilities, stream.uniform())
    return realise(distribution, j, stream)


@dataclass
class TransparentLottery:
    """M equally likely panels; ``panels[i]`` is drawn when the public number is i + 1."""

    panels: list[tuple[str, ...]]
    marginals: dict[str, float]
    max_deviation: float  # largest change of a selection probability, in absolute terms

    @property
    def size(self) -> int:
        return len(self.panels)


def transparent_lottery(distribution: Distribution, m: int = 1000) -> TransparentLottery:
    """Round the distribution to a uniform lottery over ``m`` panels.

    Each template panel j gets ``c_j`` of the m tickets (largest-remainder rounding of
    m * p_j, so every panel's share moves by less than 1/m); then, group by group,
    the seats the tickets give the group are dealt to its members in turn (round
    robin over the tickets in order), so members of a group differ by at most one
    ticket and no one sits twice on one panel.
    """
    probs = np.asarray(distribution.probabilities, float)
    raw = probs * m
    counts = np.floor(raw).astype(int)
    order = np.argsort(-(raw - counts), kind="stable")
    counts[order[: m - counts.sum()]] += 1
    tickets: list[int] = [j for j, c in enumerate(counts) for _ in range(c)]
    seats: list[list[str]] = [[] for _ in tickets]
    for g, ids in enumerate(distribution.groups):
        members = sorted(ids)
        turn = 0
        for i, j in enumerate(tickets):
            for _ in range(distribution.panels[j].get(g, 0)):
                seats[i].append(members[turn % len(members)])
                turn += 1
    panels = [tuple(sorted(s)) for s in seats]
    appearances: dict[str, int] = {pid: 0 for ids in distribution.groups for pid in ids}
    for panel in panels:
        for pid in panel:
            appearances[pid] += 1
    marginals = {pid: c / m for pid, c in appearances.items()}
    deviation = max((abs(marginals[p] - distribution.marginals.get(p, 0.0)) for p in marginals),
                    default=0.0)
    return TransparentLottery(panels, marginals, deviation)
