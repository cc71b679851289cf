"""Reading a spreadsheet-like file (CSV or XLSX) into a plain table of strings.

The pool and quotas readers (``panels.io``, ``panels.quota_files``) build on
``read_table``; it knows nothing about pools or quotas. Files as organisers send
them: UTF-8 with or without BOM, Windows-1252 from French Excel, ``;``/``,``/tab
separators, XLSX from any spreadsheet.
"""
from __future__ import annotations

import csv
import datetime
import io
import os
from dataclasses import dataclass
from typing import BinaryIO, Union

from .errors import BadPoolFile, PanelsError, Problem
from .text import fold

Source = Union[str, os.PathLike, bytes, bytearray, BinaryIO]

_DELIMITERS = (",", ";", "\t")
_SNIFF_LINES = 20


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
                        file=self.file, row=number)
                for number, row in zip(self.numbers, self.rows)
                if len(row) > width and any(row[width:])]

    def records(self):
        """Yield (row_number, {column: cell}) for every data row."""
        for number, row in zip(self.numbers, self.rows):
            yield number, dict(zip(self.header, row))


def header_key(name: str) -> str:
    """A column name reduced for matching: no accents, no case, no spaces or punctuation."""
    return "".join(c for c in fold(name) if c.isalnum())


def read_table(source: Source, *, filename: str | None = None,
               error: type[PanelsError] = BadPoolFile) -> Table:
    """Read a CSV or XLSX file (path, bytes or binary file object) into a ``Table``.

    Raises ``error`` (``BadPoolFile`` by default) with one ``Problem`` when the file is
    empty, is not a table (PDF, image, old .xls...), or has duplicate column names.
    """
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
        table = _read_xlsx(data, name, fail)
    elif kind == "text":
        table = _read_csv(data, name)
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
    return table


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
    sample = "\n".join(text.splitlines()[:_SNIFF_LINES])
    best, best_score = ",", (0, 0)
    for delim in _DELIMITERS:
        rows = [r for r in csv.reader(io.StringIO(sample), delimiter=delim) if any(r)]
        if not rows:
            continue
        width = len(rows[0])
        consistent = sum(1 for r in rows[1:] if len(r) == width)
        score = (width > 1, consistent, width) if width > 1 else (False, 0, 0)
        if score > best_score:
            best, best_score = delim, score
    return best


def _read_csv(data: bytes, name: str | None) -> Table:
    text, encoding = decode_text(data)
    delimiter = _guess_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    rows, numbers = [], []
    for number, row in enumerate(reader, start=1):
        cells = [c.strip() for c in row]
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


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date().isoformat()
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return str(value).strip()


def _read_xlsx(data: bytes, name: str | None, fail) -> Table:
    import openpyxl  # imported here: CSV users never pay for it

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            values = [list(v) for v in book.worksheets[0].iter_rows(values_only=True)]
        finally:
            book.close()
    except Exception as exc:  # a corrupt upload can fail anywhere inside openpyxl
        raise fail("wrong_file_type", "This file is not a readable Excel (.xlsx) workbook "
                   f"({exc}). Save it as CSV or .xlsx and import it again.") from None
    header: list[str] | None = None
    rows, numbers = [], []
    for number, row in enumerate(values, start=1):
        cells = [_cell_text(v) for v in row]
        while cells and not cells[-1]:
            cells.pop()
        if header is None:
            if cells:
                header, header_number = cells, number
            continue
        if any(cells):
            rows.append(cells)
            numbers.append(number - header_number + 1)
    return Table(header or [], rows, numbers, name)
