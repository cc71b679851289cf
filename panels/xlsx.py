"""Reading the first sheet of an XLSX file into a ``Table``, within ``Limits``.

An XLSX file is a zip of XML parts: a few kilobytes can declare gigabytes of cells. So the
sizes the zip declares are checked before anything is unpacked (the zip module never unpacks
more than a part declares), the sheet's declared dimension is ignored (openpyxl would pad
every row to it), and rows are counted while they are read.
"""
from __future__ import annotations

import datetime
import io
import zipfile

from .tables import Bounds, Limits, Table


def read_xlsx(data: bytes, name: str | None, fail, limits: Limits) -> Table:
    _check_unpacked_size(data, fail, limits)
    import openpyxl  # imported here: CSV users never pay for it

    bounds = Bounds(limits, fail)
    header: list[str] | None = None
    header_number = 1
    rows, numbers = [], []
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # a corrupt upload can fail anywhere inside openpyxl
        raise _unreadable(fail, exc) from None
    try:
        sheet = book.worksheets[0]
        if hasattr(sheet, "reset_dimensions"):
            sheet.reset_dimensions()  # read the cells the sheet holds, not the size it declares
        for number, values in enumerate(_rows(sheet, fail), start=1):
            width = len(values)  # up to the row's last cell, however empty the cells before it
            if width > limits.columns:
                tail = values[limits.columns:]
                if tail.count(None) + tail.count("") == len(tail):
                    values = values[:limits.columns]  # empty cells far right: not worth reading
            cells = [_cell_text(v) for v in values]
            bounds.check(number - header_number + 1 if header else number, cells, width)
            while cells and not cells[-1]:
                cells.pop()
            if header is None:
                if cells:
                    header, header_number = cells, number
                continue
            if any(cells):
                rows.append(cells)
                numbers.append(number - header_number + 1)
    finally:
        book.close()
    return Table(header or [], rows, numbers, name)


def _rows(sheet, fail):
    rows = sheet.iter_rows(values_only=True)
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except Exception as exc:
            raise _unreadable(fail, exc) from None
        yield row


def _unreadable(fail, exc):
    return fail("wrong_file_type", "This file is not a readable Excel (.xlsx) workbook "
                f"({exc}). Save it as CSV or .xlsx and import it again.")


def _check_unpacked_size(data: bytes, fail, limits: Limits) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise _unreadable(fail, exc) from None
    if unpacked > limits.unpacked_bytes:
        raise fail("file_too_large", f"This workbook unpacks to {unpacked // 1_000_000} MB, more than "
                   f"{limits.unpacked_bytes // 1_000_000} MB.", data={"max": limits.unpacked_bytes // 1_000_000})


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
