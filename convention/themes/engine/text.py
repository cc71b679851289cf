"""Text normalisation shared by the cache key and the keyword labels."""
from __future__ import annotations

import hashlib
import re
import unicodedata

_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """NFC-normalised text with runs of whitespace collapsed to one space, stripped."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text or "")).strip()


def text_hash(text: str) -> str:
    """SHA-256 hex digest of the normalised text: the key of an embedding cache."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()
