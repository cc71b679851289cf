"""Every CSV written by the library and the application: cells a spreadsheet would run are made inert.

A cell starting with ``=``, ``+``, ``-``, ``@`` (or their full-width forms, which some spreadsheets
also take for a formula), a tab or a carriage return gets a leading apostrophe, so that opening an
export in Excel or LibreOffice never runs what a volunteer or a member typed ("CSV injection").
``restore`` undoes it: the pool and quota readers call it, so an exported pool or quotas file reads
back to the same values and the same fingerprints.
"""
from __future__ import annotations

import csv
import io
import os
from typing import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
GUARD = "'"


def _runs(text: str) -> bool:
    """Whether a spreadsheet would run the text, or it is such a text already guarded ('=x, ''=x...)."""
    return text.lstrip(GUARD).startswith(FORMULA_STARTS)


def inert(value: object) -> object:
    """The cell as written: a text a spreadsheet would take for a formula gets a leading apostrophe."""
    if isinstance(value, str) and _runs(value):
        return GUARD + value
    return value


def restore(text: str) -> str:
    """The value ``inert`` guarded: ``'=x`` reads as ``=x`` (``''=x`` as ``'=x``); other text as it is."""
    if text.startswith(GUARD) and _runs(text[1:]):
        return text[1:]
    return text


def write_csv(header: Iterable[object], rows: Iterable[Iterable[object]],
              path: str | os.PathLike | None = None, *, bom: bool = False) -> str:
    """The rows under the header as CSV text, every cell made inert; also written to ``path`` if given.

    ``bom``: start with a UTF-8 byte-order mark, so that Excel reads the accents of a download.
    """
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180: a lone CR in a cell is quoted too
    writer.writerow([inert(cell) for cell in header])
    writer.writerows([inert(cell) for cell in row] for row in rows)
    text = ("\ufeff" if bom else "") + buffer.getvalue()
    if path is not None:
        with open(path, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
    return text
