"""Reading a spreadsheet-like file (CSV or XLSX) into a plain table of strings.

The pool and quotas readers (``panels.io``, ``panels.quota_files``) build on
``read_table``; it knows nothing about pools or quotas. Files as organisers send
them: UTF-8 with or without BOM, Windows-1252 from French Excel, ``;``/``,``/tab
separators, XLSX from any spreadsheet.
"""
from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass
from typing import BinaryIO, Union

from .csv_writer import restore
from .errors import BadPoolFile, PanelsError, Problem
from .text import fold

Source = Union[str, os.PathLike, bytes, bytearray, BinaryIO]

_DELIMITERS = (",", ";", "\t")
_SNIFF_LINES = 20
_SNIFF_CHARS = 1 << 20


@dataclass(frozen=True)
class Limits:
    """How large a table may be once read: a small file must not expand into gigabytes.

    ``rows`` counts spreadsheet rows (header and blank rows included), ``cells`` the cells
    of all rows, ``unpacked_bytes`` the uncompressed size the parts of an XLSX file declare
    (checked before anything is unpacked). The application sets its own from its settings.
    """

    rows: int = 200_000
    columns: int = 500
    cells: int = 10_000_000
    cell_chars: int = 100_000
    unpacked_bytes: int = 200 * 1024 * 1024


@dataclass
class Table:
    """A header and rows of stripped strings, with the spreadsheet row number of each row.

    ``numbers[i]`` is the row number of ``rows[i]`` as the organiser sees it
    (header = 1, first data row = 2); blank rows are skipped but keep their number.
    """

    header: list[str]
    rows: list[list[str]]
    numbers: list[int]
    file: str | None = None
    encoding: str | None = None  # "utf-8", "cp1252"... None for XLSX
    delimiter: str | None = None  # None for XLSX

    def overflow_problems(self) -> list[Problem]:
        """A problem for each row with more filled cells than the header has columns.

        Usually a value holding the separator without quotes ("CAP, BEP" in a
        comma-separated file), which shifts every later cell of the row.
        """
        width = len(self.header)
        return [Problem("too_many_cells", f"This row has {len(row)} cells but the header has "
                        f"{width} columns: a value may contain the separator "
                        f"{self.delimiter or ','!r} without quotes around it.",
                        file=self.file, row=number, data={"cells": len(row), "columns": width})
                for number, row in zip(self.numbers, self.rows)
                if len(row) > width and any(row[width:])]

    def records(self):
        """Yield (row_number, {column: cell}) for every data row."""
        for number, row in zip(self.numbers, self.rows):
            yield number, dict(zip(self.header, row))

    def to_data(self) -> dict:
        """The table as plain JSON-able data (``Table.from_data`` reads it back): kept once parsed.

        Shares its lists with the table (``dataclasses.asdict`` would copy a million cells one by one).
        """
        return {"header": self.header, "rows": self.rows, "numbers": self.numbers, "file": self.file,
                "encoding": self.encoding, "delimiter": self.delimiter}

    @classmethod
    def from_data(cls, data: dict) -> "Table":
        return cls(**data)


def header_key(name: str) -> str:
    """A column name reduced for matching: no accents, no case, no spaces or punctuation."""
    return "".join(c for c in fold(name) if c.isalnum())


def read_table(source: Source, *, filename: str | None = None,
               error: type[PanelsError] = BadPoolFile, limits: Limits | None = None,
               guarded: bool = False) -> Table:
    """Read a CSV or XLSX file (path, bytes or binary file object) into a ``Table``.

    Raises ``error`` (``BadPoolFile`` by default) with one ``Problem`` when the file is
    empty, is not a table (PDF, image, old .xls...), has duplicate column names, is not
    valid CSV (a quote never closed), or is larger than ``limits`` allow (the declared
    dimension of an XLSX sheet is ignored: only the cells it holds count).
    ``guarded``: the file may be one this library wrote, whose cells that start like a
    formula carry a leading apostrophe (``csv_writer.inert``): read them without it.
    """
    limits = limits or Limits()

    def fail(code: str, message: str, **where) -> PanelsError:
        return error([Problem(code, message, file=name, **where)])

    name = filename or (os.path.basename(os.fspath(source))
                        if isinstance(source, (str, os.PathLike)) else None)
    try:
        data, name = _load_bytes(source, filename)
    except OSError as exc:
        raise fail("unreadable_file", f"The file cannot be opened: {exc.strerror or exc}.") from None

    if not data.strip():
        raise fail("empty_file", "The file is empty.")
    kind = sniff_kind(data)
    if kind == "xlsx":
        from .xlsx import read_xlsx
        table = read_xlsx(data, name, fail, limits)
    elif kind == "text":
        table = _read_csv(data, name, fail, limits)
    else:
        raise fail("wrong_file_type", f"This looks like {kind}, not a spreadsheet: "
                   "save it as CSV or Excel (.xlsx) and import it again.")
    while table.header and not table.header[-1] and not any(
            len(r) >= len(table.header) and r[len(table.header) - 1] for r in table.rows):
        table.header.pop()  # trailing unnamed, empty columns (Excel leaves them)
    if not any(table.header):
        raise fail("empty_file", "The file has no header row.")
    seen: dict[str, int] = {}
    for i, col in enumerate(table.header):
        if col and col in seen:
            raise fail("duplicate_column", f"Column {col!r} appears twice in the header.",
                       row=1, column=col)
        seen[col] = i
    width = len(table.header)
    table.rows = [(r + [""] * (width - len(r))) if len(r) < width else r for r in table.rows]
    if guarded:
        table.header = [restore(c) for c in table.header]
        table.rows = [[restore(c) if c[:1] == "'" else c for c in r] for r in table.rows]
    return table


class Bounds:
    """Counts the rows and cells read so far against ``Limits``; ``check`` fails at the first excess."""

    def __init__(self, limits: Limits, fail):
        self.limits, self.fail, self.cells = limits, fail, 0

    def check(self, number: int, cells: list, width: int | None = None) -> None:
        """``number``: the row (header = 1); ``width``: the cells the file holds for it, when the
        reader padded ``cells``; trailing empty cells do not count as columns."""
        limits = self.limits
        if number > limits.rows:
            raise self.fail("too_many_rows", f"The file has more than {limits.rows} rows.", row=number,
                            data={"max": limits.rows})
        filled = len(cells)
        while filled and not cells[filled - 1]:
            filled -= 1
        if filled > limits.columns:
            raise self.fail("too_many_columns", f"This row has {filled} cells, more than "
                            f"{limits.columns} columns.", row=number, data={"max": limits.columns})
        self.cells += len(cells) if width is None else width
        if self.cells > limits.cells:
            raise self.fail("table_too_large", f"The file holds more than {limits.cells} cells.",
                            row=number, data={"max": limits.cells})
        longest = len(max(cells, key=len)) if sum(map(len, cells)) > limits.cell_chars else 0
        if longest > limits.cell_chars:
            raise self.fail("cell_too_long", f"A cell holds {longest} characters, more than "
                            f"{limits.cell_chars}.", row=number, data={"max": limits.cell_chars})


def _load_bytes(source: Source, filename: str | None) -> tuple[bytes, str | None]:
    if isinstance(source, (bytes, bytearray)):
        return bytes(source), filename
    if hasattr(source, "read"):
        data = source.read()
        if isinstance(data, str):
            data = data.encode("utf-8")
        return data, filename or getattr(source, "name", None)
    path = os.fspath(source)
    with open(path, "rb") as fh:
        return fh.read(), filename or os.path.basename(path)


def sniff_kind(data: bytes) -> str:
    """'xlsx', 'text', or a human description of what the file is instead."""
    if data.startswith(b"PK\x03\x04"):
        return "xlsx"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "text"  # UTF-16, as Excel's "Unicode text" export writes it
    signatures = {b"%PDF": "a PDF document", b"\xd0\xcf\x11\xe0": "an old Excel (.xls) or Word file",
                  b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image",
                  b"GIF8": "a GIF image", b"\x1f\x8b": "a compressed (gzip) file"}
    for magic, what in signatures.items():
        if data.startswith(magic):
            return what
    head = data[:4096]
    if b"\x00" in head:
        return "a binary file"
    return "text"


def decode_text(data: bytes) -> tuple[str, str]:
    """``(text, encoding)`` of a file's bytes: UTF-16 by its mark, else UTF-8 (with or
    without BOM), else Windows-1252, else Latin-1 (which decodes anything)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    # Excel on Windows writes cp1252; bytes undefined there (0x81...) are Latin-1.
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return text, "utf-8" if encoding == "utf-8-sig" else encoding
    raise AssertionError("latin-1 decodes any bytes")


def _guess_delimiter(text: str) -> str:
    """The separator giving the most columns, the same number on the first lines."""
    sample = "\n".join(text[:_SNIFF_CHARS].splitlines()[:_SNIFF_LINES])
    best, best_score = ",", (0, 0)
    for delim in _DELIMITERS:
        try:
            rows = [r for r in csv.reader(io.StringIO(sample), delimiter=delim) if any(r)]
        except csv.Error:  # a huge field in the sample: the real reading names its row
            continue
        if not rows:
            continue
        width = len(rows[0])
        consistent = sum(1 for r in rows[1:] if len(r) == width)
        score = (width > 1, consistent, width) if width > 1 else (False, 0, 0)
        if score > best_score:
            best, best_score = delim, score
    return best


def _read_csv(data: bytes, name: str | None, fail, limits: Limits) -> Table:
    text, encoding = decode_text(data)
    delimiter = _guess_delimiter(text)
    # strict: a quote never closed is an error, not the rest of the file read as one cell.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header: list[str] | None = None
    header_number = 1
    rows, numbers = [], []
    bounds = Bounds(limits, fail)
    number = 0
    while True:
        number += 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise fail("bad_csv", f"This row cannot be read ({exc}): a quote may be missing "
                       "or a cell is far too long.", row=number - header_number + 1) from None
        cells = [c.strip() for c in row]
        bounds.check(number - header_number + 1, cells)
        if header is None:
            header = cells
            if not any(cells):
                header = None  # blank lines before the header
                continue
            header_number = number
            continue
        if any(cells):
            rows.append(cells)
            numbers.append(number - header_number + 1)
    return Table(header or [], rows, numbers, name, encoding, delimiter)
