"""Any table a spreadsheet writes reads back cell for cell, whatever the encoding and separator."""
from __future__ import annotations

import csv
import io
import json

import pytest
from hypothesis import given, settings, strategies as st

from panels import BadPoolFile, Person, Pool, Quota, Quotas
from panels.csv_writer import write_csv
from panels.hashing import pool_sha256, quotas_sha256
from panels.io import read_pool, read_quotas, write_pool_csv, write_quotas_csv
from panels.tables import Limits, Table, header_key, read_table

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


# Hostile files, built by hand (a zip of hand-written XML): what a small upload may expand to is bounded.

def _xlsx(sheet_rows, dimension="A1:B3", shared=(), parts=None):
    """An XLSX whose first sheet declares `dimension` and holds `sheet_rows` (raw <row> XML)."""
    import zipfile
    strings = "".join(f"<si><t>{s}</t></si>" for s in shared)
    files = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override '
        'PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType='
        '"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override '
        'PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'spreadsheetml.sharedStrings+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/'
        'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.'
        'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
        'openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        "xl/sharedStrings.xml": '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/'
        f'spreadsheetml/2006/main" count="{len(shared)}" uniqueCount="{len(shared)}">{strings}</sst>',
        "xl/worksheets/sheet1.xml": '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.'
        f'org/spreadsheetml/2006/main"><dimension ref="{dimension}"/><sheetData>{sheet_rows}</sheetData>'
        '</worksheet>',
        **(parts or {}),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def _cells(row, *values):
    return f'<row r="{row}">' + "".join(f'<c r="{chr(65 + i)}{row}" t="inlineStr"><is><t>{v}</t></is></c>'
                                        for i, v in enumerate(values)) + "</row>"


def test_an_xlsx_is_read_by_its_cells_not_by_the_dimension_it_declares():
    # openpyxl pads every row to the declared dimension: 16,384 columns x 1,048,576 rows (gigabytes).
    data = _xlsx(_cells(1, "id", "genre") + _cells(2, "p1", "Femme"), dimension="A1:XFD1048576")
    assert len(data) < 4000
    table = read_table(data, filename="vivier.xlsx", limits=Limits(cells=1000))
    assert table.header == ["id", "genre"] and table.rows == [["p1", "Femme"]]


@pytest.mark.parametrize("rows, code", [
    ("".join(f'<row r="{r}"><c r="XFD{r}" t="inlineStr"><is><t>x</t></is></c></row>' for r in range(1, 200)),
     "too_many_columns"),
    ("".join(f'<row r="{r}"><c r="XFD{r}" t="inlineStr"><is><t></t></is></c></row>' for r in range(1, 200)),
     "table_too_large"),
    (_cells(1, "id") + '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>',
     "too_many_rows"),
    (_cells(1, "id", "texte") + '<row r="2"><c r="A2" t="s"><v>0</v></c></row>', "cell_too_long"),
])
def test_an_xlsx_that_expands_beyond_the_limits_is_refused_with_a_problem(rows, code):
    data = _xlsx(rows, shared=["x" * 200_000])
    with pytest.raises(BadPoolFile) as error:
        read_table(data, filename="vivier.xlsx", limits=Limits(rows=1000, columns=50, cells=100_000))
    assert [p.code for p in error.value.problems] == [code]


def test_the_declared_uncompressed_size_is_checked_before_anything_is_unpacked():
    data = _xlsx(_cells(1, "id"), parts={"xl/padding.xml": " " * 3_000_000})
    assert len(data) < 20_000
    with pytest.raises(BadPoolFile) as error:
        read_table(data, limits=Limits(unpacked_bytes=2_000_000))
    assert [p.code for p in error.value.problems] == ["file_too_large"]
    assert read_table(data, limits=Limits(unpacked_bytes=4_000_000)).header == ["id"]


@pytest.mark.parametrize("text, row", [
    ('id,texte\n1,court\n2,"' + "x" * 140_000 + '"\n3,fin\n', 3),   # longer than the csv module's field limit
    ('id,texte\n1,court\n2,"une note sans fin\n3,fin\n', 3),          # a quote never closed
    ('id,texte\n1,"guillemets" puis du texte\n', 2),
])
def test_a_csv_the_csv_module_cannot_read_names_its_row(text, row):
    with pytest.raises(BadPoolFile) as error:
        read_table(text.encode())
    problem, = error.value.problems
    assert problem.code == "bad_csv" and problem.row == row


def test_csv_limits_name_the_row():
    with pytest.raises(BadPoolFile) as error:
        read_table(b"id,texte\n1,court\n2," + b"y" * 500 + b"\n", limits=Limits(cell_chars=100))
    assert [(p.code, p.row) for p in error.value.problems] == [("cell_too_long", 3)]
    with pytest.raises(BadPoolFile) as error:
        read_table(b"id\n" + b"p\n" * 50, limits=Limits(rows=20))
    assert [(p.code, p.row) for p in error.value.problems] == [("too_many_rows", 21)]


def test_a_table_kept_as_data_reads_back_the_same():
    table = read_table("id;genre\np1;Femme\n\np2;Homme\n".encode("cp1252"), filename="v.csv")
    assert Table.from_data(json.loads(json.dumps(table.to_data()))) == table


FORMULAS = ["=1+1", "+33 6 12", "-25 ans", "@SUM(A1)", "\uff1dHYPERLINK(x)", "\uff0b1", "\uff0d1", "\uff20x",
            "'=déjà"]


def test_every_csv_written_is_inert_in_a_spreadsheet_and_reads_back_the_same():
    people = [Person(f"=p{i}", {"genre": value, "age": "-25 ans"}) for i, value in enumerate(FORMULAS)]
    pool = Pool(people, ["genre", "age"])
    text = write_pool_csv(pool)
    for line in list(csv.reader(io.StringIO(text)))[1:]:
        assert all(cell.startswith("'") for cell in line), line
    assert pool_sha256(read_pool(text.encode())) == pool_sha256(pool)
    quotas = Quotas([Quota("genre", value, 0, 1) for value in FORMULAS[:-1]])
    text = write_quotas_csv(quotas)
    assert "\n=" not in text and ",=" not in text and ",\uff1d" not in text
    assert quotas_sha256(read_quotas(text.encode())) == quotas_sha256(quotas)
    text = write_csv(["a"], [["\tx"], ["\rx"], ["a\rb"], ["ok"]])
    assert list(csv.reader(io.StringIO(text, newline=""))) == [["a"], ["'\tx"], ["'\rx"], ["a\rb"], ["ok"]]
