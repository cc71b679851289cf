"""Labelled French sets for the themes benchmark, and a large corpus made from them.

The large corpus paraphrase-combines the labelled contributions: each generated text is one or two
contributions of the same theme, with a spoken opener and closer, so it keeps its theme label.
"""
from __future__ import annotations

import csv
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED_DEV = ROOT.parent / "shared" / "data" / "dev_fr_city.csv"
FIXTURES = ROOT / "tests" / "themes" / "fixtures"

OPENERS = ["", "", "", "Je propose : ", "À mon avis, ", "Franchement, ", "Idée : ", "Pour moi, ",
           "En tant qu'habitante, ", "Je pense que ", "Ce serait bien : ", "Avis personnel : ",
           "Remarque : ", "Suggestion pour la ville : ", "Comme parent, ", "Retraité, je dirais : ",
           "Dans mon quartier, ", "Point important : ", "Sincèrement, ", "Une priorité : "]
CLOSERS = ["", "", "", "", " Merci.", " Merci de nous écouter.", " C'est urgent.",
           " Ça changerait tout.", " Depuis des années on attend.", " Je compte sur vous.",
           " On en parle souvent entre voisins.", " C'est une question de bon sens.",
           " Tout le monde y gagnerait.", " (avis partagé par ma famille)", " À étudier vite."]
JOINERS = [" Et aussi : ", ". Par ailleurs, ", ". De plus, ", " ; et puis ", ". Autre chose : "]


def read_labelled(path) -> tuple[list[str], list[str]]:
    """(texts, themes) of a CSV with the columns id,text,theme."""
    with open(path, newline="", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    return [row["text"] for row in rows], [row["theme"] for row in rows]


def labelled_sets(dev: Path | None = SHARED_DEV) -> dict[str, tuple[list[str], list[str]]]:
    """The dev set (when present beside the repository) and the sets of tests/themes/fixtures."""
    paths = ([dev] if dev and Path(dev).exists() else []) + sorted(FIXTURES.glob("*.csv"))
    return {Path(path).stem: read_labelled(path) for path in paths}


def large_corpus(sets, size: int, seed: int = 0) -> tuple[list[str], list[str]]:
    """``size`` generated texts with their themes (prefixed by the set's name)."""
    rng = random.Random(seed)
    by_theme: dict[str, list[str]] = {}
    for name, (texts, themes) in sets.items():
        for text, theme in zip(texts, themes):
            by_theme.setdefault(f"{name}/{theme}", []).append(text)
    labels = sorted(by_theme)
    texts, themes = [], []
    for _ in range(size):
        theme = rng.choice(labels)
        first = rng.choice(by_theme[theme])
        body = _lower_first(first) if (opener := rng.choice(OPENERS)) else first
        if rng.random() < 0.35:
            body = body.rstrip(".") + rng.choice(JOINERS) + _lower_first(rng.choice(by_theme[theme]))
        closer = rng.choice(CLOSERS)
        if closer and body[-1] not in ".!?)":
            body += "."
        texts.append(opener + body + closer)
        themes.append(theme)
    return texts, themes


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
