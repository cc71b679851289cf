"""The text of a proposal: Markdown rendered safely, and word-level differences between two texts."""
import difflib
import re
from dataclasses import dataclass

import markdown
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {"p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "code", "pre", "blockquote",
                "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
# A word with the spaces after it: lone whitespace tokens would make most of the sequence and slow the
# matcher tenfold on a long text.
TOKEN = re.compile(r"\s+|\S+\s*")


def render(text):
    """HTML of a Markdown text: raw HTML is escaped by Markdown, then the output goes through nh3
    (allowed tags only, no style or event attributes, links only to http, https and mailto)."""
    # "<" written as an entity: Markdown then passes no raw HTML through (it shows as text).
    html = markdown.markdown((text or "").replace("<", "&lt;"), extensions=["tables"], output_format="html")
    clean = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes={"http", "https", "mailto"},
                      link_rel="nofollow noopener")
    return Markup(clean)


@dataclass(frozen=True)
class Piece:
    """A run of words: kind is "same", "added" or "removed"."""
    kind: str
    text: str


def tokens(text):
    return TOKEN.findall(text or "")


def word_diff(old, new):
    """The pieces that turn `old` into `new`, word by word (whitespace kept with the words)."""
    a, b = tokens(old), tokens(new)
    pieces = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(Piece("same", "".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            pieces.append(Piece("removed", "".join(a[i1:i2])))
        if op in ("insert", "replace"):
            pieces.append(Piece("added", "".join(b[j1:j2])))
    return pieces


def changed(pieces):
    return any(piece.kind != "same" for piece in pieces)


def apply_amendment(text, passage, replacement):
    """The text with the first occurrence of `passage` replaced (the whole text when passage is empty).
    Raises ValueError when the passage is not in the text."""
    if not passage:
        return replacement
    if passage not in text:
        raise ValueError(passage)
    return text.replace(passage, replacement, 1)


def overlaps(text, first, second):
    """Whether two passages of `text` share characters (an empty passage is the whole text)."""
    if not first or not second:
        return True
    a, b = text.find(first), text.find(second)
    if a < 0 or b < 0:
        return False
    return a < b + len(second) and b < a + len(first)
