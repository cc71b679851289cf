"""Comparing people's text the way people do: without case or accents."""
import unicodedata


def fold(text: str) -> str:
    """Lower case without accents (compatibility forms unfolded): "Écoles" → "ecoles", "ﬁ" → "fi"."""
    decomposed = unicodedata.normalize("NFKD", str(text).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
