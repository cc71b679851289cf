"""Keyword labels (class-based TF-IDF on French lemmas) and representative items of each group."""
from __future__ import annotations

from collections import Counter, defaultdict

import numpy as np

from .french import content_lemmas


def keywords(texts, labels, top=6) -> dict[int, list[str]]:
    """The ``top`` words most specific to each group (class-based TF-IDF over lemmas).

    Each lemma is shown as its most frequent written form in the group.
    """
    labels = np.asarray(labels)
    counts: dict[int, Counter] = defaultdict(Counter)
    forms: dict[int, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    for text, group in zip(texts, labels.tolist()):
        for lemma, word in content_lemmas(text):
            counts[group][lemma] += 1
            forms[group][lemma][word] += 1
    groups = sorted(set(labels.tolist()))
    total = Counter()
    for group in groups:
        total.update(counts[group])
    average = sum(total.values()) / max(len(groups), 1)
    result = {}
    for group in groups:
        size = sum(counts[group].values()) or 1
        # c-TF-IDF: frequency in the group times log(1 + average group size / frequency overall)
        ranked = sorted(counts[group], key=lambda lemma: (
            -(counts[group][lemma] / size) * np.log(1 + average / total[lemma]), lemma))
        result[group] = [forms[group][lemma].most_common(1)[0][0] for lemma in ranked[:top]]
    return result


def representatives(vectors, labels, n=3) -> dict[int, list[int]]:
    """Indices of the ``n`` items closest to each group's centre, closest first."""
    from .vectors import centred

    points = centred(vectors)
    labels = np.asarray(labels)
    result = {}
    for group in sorted(set(labels.tolist())):
        members = np.flatnonzero(labels == group)
        centre = points[members].mean(axis=0)
        order = np.argsort(-(points[members] @ centre), kind="stable")
        result[group] = members[order[:n]].tolist()
    return result
