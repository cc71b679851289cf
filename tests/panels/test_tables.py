"""Any table a spreadsheet writes reads back cell for cell, whatever the encoding and separator."""
from __future__ import annotations

import csv
import io

from hypothesis import given, settings, strategies as st

from panels.tables import header_key, read_table

CELL = st.text(alphabet="abcXYZ019 éèàçÉ;,\t\"'-+()/", max_size=12).map(str.strip)
HEADER = st.lists(st.text(alphabet="abcdeéç_ ", min_size=1, max_size=8).map(str.strip)
                  .filter(bool), min_size=2, max_size=5, unique=True)


@settings(max_examples=150, deadline=None)
@given(HEADER, st.data(), st.sampled_from([",", ";", "\t"]),
       st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]), st.sampled_from(["\n", "\r\n"]))
def test_csv_round_trip(header, data, delimiter, encoding, newline):
    rows = data.draw(st.lists(st.lists(CELL, min_size=len(header), max_size=len(header))
                              .filter(any), min_size=1, max_size=6))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=newline)
    writer.writerow(header)
    writer.writerows(rows)
    table = read_table(buffer.getvalue().encode(encoding))
    assert table.header == header
    assert table.rows == rows
    assert table.numbers == list(range(2, 2 + len(rows)))
    assert table.delimiter == delimiter


def test_blank_rows_keep_their_number():
    table = read_table(b"\nid,a\n1,x\n,\n\n2,y\n")
    assert table.rows == [["1", "x"], ["2", "y"]] and table.numbers == [2, 5]


def test_short_rows_are_padded_and_trailing_empty_columns_dropped():
    table = read_table(b"id,a,b,,\n1,x\n2,y,z,,\n")
    assert table.header == ["id", "a", "b"]
    assert table.rows[0] == ["1", "x", ""]


def test_header_key():
    assert header_key(" Code Postal ") == header_key("code_postal") == "codepostal"
    assert header_key("Caractéristique") == "caracteristique"
