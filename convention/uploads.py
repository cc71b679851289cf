"""Uploaded tables: the pool, quotas and shares files of the draw and the workshop notes read by one
reader (`panels.tables`) within the site's limits (`UPLOAD_MAX_*` settings), and the problems of
reading a file as sentences in the visitor's language.

A few kilobytes of XLSX can declare gigabytes of cells; a CSV can hold a quote never closed. Every
upload goes through `read_table` here, which refuses such files at once with a problem naming the
row, and each domain keeps the table it read (`Table.to_data`) rather than reading the file again.
"""
from flask import current_app

from panels import BadPoolFile
from panels.io import read_pool_table as _read_pool_table
from panels.quota_files import read_quotas as _read_quotas, read_shares as _read_shares
from panels.tables import Limits, Table, decode_text, header_key, read_table as _read_table, sniff_kind

__all__ = ["header_key", "limits", "read_table", "read_text", "read_pool_table", "pool_table", "read_quotas",
           "read_shares", "described", "message", "MESSAGES"]

from .i18n import _

# Codes of the problems a file can have before anything in it is understood.
LIMIT_CODES = ("file_too_large", "too_many_rows", "too_many_columns", "table_too_large", "cell_too_long")


def limits():
    """The site's `Limits` of an uploaded table."""
    config = current_app.config
    return Limits(rows=config["UPLOAD_MAX_ROWS"], columns=config["UPLOAD_MAX_COLUMNS"],
                  cells=config["UPLOAD_MAX_CELLS"], cell_chars=config["UPLOAD_MAX_CELL_CHARS"],
                  unpacked_bytes=config["UPLOAD_MAX_UNPACKED_MB"] * 1_000_000)


def read_table(data, filename, error=BadPoolFile):
    """The `Table` of an uploaded CSV or XLSX file; raises `error` (a `panels` problems error)."""
    return _read_table(data, filename=filename, error=error, limits=limits(), guarded=True)


def read_text(data):
    """The text of a plain-text upload (decoded as the table reader does), or None if it is not text."""
    if sniff_kind(data) != "text":
        return None
    return decode_text(data)[0]


def read_pool_table(data, filename):
    """A pool file read for its column mapping (`panels.io.PoolTable`); raises BadPoolFile."""
    return _read_pool_table(read_table(data, filename))


def pool_table(data):
    """The `PoolTable` of a table kept by `Table.to_data`, without reading the file again."""
    return _read_pool_table(Table.from_data(data))


def read_quotas(data, filename):
    return _read_quotas(data, filename, limits=limits())


def read_shares(data, filename):
    return _read_shares(data, filename, limits=limits())


# (problem, its numbers: `problem.data`) -> sentence; `convention.draw.problems.MESSAGES` includes them.
MESSAGES = {
    "empty_file": lambda p, n: _("The file is empty or has no header row."),
    "unreadable_file": lambda p, n: _("The file cannot be read."),
    "wrong_file_type": lambda p, n: _("This is not a spreadsheet: save it as CSV or Excel (.xlsx) and "
                                      "import it again."),
    "duplicate_column": lambda p, n: _("The column “%(column)s” appears twice in the header.",
                                       column=p.column),
    "too_many_cells": lambda p, n: _("This row has %(cells)s cells but the header has %(columns)s columns: "
                                     "a value may contain the separator without quotes around it.", **n),
    "bad_csv": lambda p, n: _("This row cannot be read: a quotation mark opened in it is never closed, or a "
                              "cell is far too long. Check the file in a spreadsheet and save it again."),
    "file_too_large": lambda p, n: _("This workbook unpacks to more than %(max)s MB: it cannot be a list "
                                     "the platform can use. Save only the useful sheet, as CSV or .xlsx.",
                                     **n),
    "too_many_rows": lambda p, n: _("The file has more than %(max)s rows, the most the platform reads.",
                                    **n),
    "too_many_columns": lambda p, n: _("This row has more than %(max)s columns, the most the platform reads.",
                                       **n),
    "table_too_large": lambda p, n: _("The file holds more than %(max)s cells, the most the platform reads.",
                                      **n),
    "cell_too_long": lambda p, n: _("A cell of this row holds more than %(max)s characters.",
                                    **n),
    "too_many_features": lambda p, n: _(
        "More than %(max)s feature columns: each value of each feature is a quota to set by hand and a "
        "constraint of the draw. Mark the other columns as ignored or personal data.",
        **n),
    "too_many_values": lambda p, n: _(
        "The feature “%(column)s” has more than %(max)s different values: each one is a quota to set by hand. "
        "Group the values (age bands rather than ages) or mark the column as ignored or personal data.",
        column=p.column, **n),
}


def message(problem):
    """The sentence of a problem of reading a table (its English message for another code)."""
    render = MESSAGES.get(problem.code)
    return str(render(problem, dict(problem.data or {}))) if render else problem.message


def described(problems, limit=200):
    """[(location, message)] for a page, at most `limit` of them."""
    return [(_("Row %(row)s", row=p.row) if p.row is not None else "", message(p)) for p in problems[:limit]]
