"""Fixtures of the themes engine tests: the real packaged MiniLM, loaded once per session."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


def read_labelled(name: str) -> tuple[list[str], list[str]]:
    with open(FIXTURES / name, newline="", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    return [row["text"] for row in rows], [row["theme"] for row in rows]


@pytest.fixture(scope="session")
def encoder():
    from convention.themes.engine import load_encoder

    return load_encoder()


@pytest.fixture(scope="session")
def planted(encoder):
    """32 contributions on 4 distinct themes (8 each), their themes and their vectors."""
    texts, themes = read_labelled("planted_small.csv")
    return texts, themes, encoder.encode(texts)
