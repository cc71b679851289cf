"""Reading pools: formats, encodings, column roles, and every kind of bad file."""
from __future__ import annotations

import pytest

from panels.errors import BadPoolFile
from panels.io import read_pool, read_pool_table, write_pool_csv

HEADER = "id,genre,age\n"


def problems_of(exc_info):
    return [(p.code, p.row, p.column) for p in exc_info.value.problems]


def test_small_pool_roles_features_and_households(fixtures):
    pool, personal = read_pool(fixtures / "pool_small.csv", with_personal=True)
    assert pool.features == ["genre", "age"]
    assert [p.id for p in pool][:3] == ["P01", "P02", "P03"]
    assert pool.get("P07").features == {"genre": "Femme", "age": "18-34"}
    # "12, Av. de la Liberté" and "12 avenue de la liberte" are one household.
    assert pool.get("P01").household == pool.get("P02").household == "12 avenue de la liberte 34000"
    assert pool.get("P04").household == pool.get("P07").household
    assert pool.get("P03").household != pool.get("P05").household
    assert personal["P03"] == {"prénom": "Chloé", "email": "c@x.fr", "adresse": "3 rue Neuve",
                               "code postal": "34090"}


def test_preview_table_guesses_roles(fixtures):
    table = read_pool_table(fixtures / "pool_small.csv")
    assert table.roles == {"id": "id", "prénom": "personal", "email": "personal",
                           "adresse": "address", "code postal": "address",
                           "genre": "feature", "age": "feature"}
    assert table.header[0] == "id" and len(table.rows) == 8
    assert table.address_columns == ["adresse", "code postal"]


def test_city_alone_is_not_a_household():
    table = read_pool_table(b"id,ville,genre\n1,Paris,F\n2,Paris,H\n")
    assert table.roles["ville"] == "address" and table.address_columns == []
    assert all(p.household is None for p in table.build())


def test_explicit_columns_and_no_households(fixtures):
    pool = read_pool(fixtures / "pool_small.csv", id_column="email", feature_columns=["age"],
                     address_columns=[])
    assert pool.features == ["age"]
    assert pool.people[0].id == "a@x.fr"
    assert all(p.household is None for p in pool)


def test_id_column_found_by_name_anywhere_else_first_column():
    pool = read_pool("genre;Identifiant;age\nF;a;1\nH;b;2\n".encode())
    assert [p.id for p in pool] == ["a", "b"] and pool.features == ["genre", "age"]
    pool = read_pool(b"numero,genre\n7,F\n8,H\n")
    assert [p.id for p in pool] == ["7", "8"] and pool.features == ["genre"]


@pytest.mark.parametrize("encoding,bom", [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"),
                                          ("cp1252", b""), ("latin-1", b"")])
@pytest.mark.parametrize("sep", [",", ";", "\t"])
def test_encodings_and_separators(encoding, bom, sep):
    text = sep.join(["id", "genre", "diplôme"]) + "\r\n" + sep.join(["é1", "Femme", "Bac+2"]) \
        + "\r\n" + sep.join(["x2", "Homme", "Aucun diplôme"]) + "\r\n"
    pool = read_pool(bom + text.encode(encoding))
    assert pool.features == ["genre", "diplôme"]
    assert [p.id for p in pool] == ["é1", "x2"]
    assert pool.get("x2").features["diplôme"] == "Aucun diplôme"


def test_excel_unicode_text_export_utf16_tabs():
    pool = read_pool("id\tgenre\tâge\r\né1\tFemme\t65+\r\n".encode("utf-16"))
    assert pool.get("é1").features == {"genre": "Femme", "âge": "65+"}


def test_quoted_cells_with_separators_inside():
    pool = read_pool(b'id;diplome;genre\n1;"CAP; BEP";F\n2;"Bac, pro";H\n')
    assert pool.get("1").features["diplome"] == "CAP; BEP"


def test_xlsx_pool(write_xlsx):
    path = write_xlsx([["ID", "Genre", "Age", "Courriel", None],
                       ["a", "F", 34, "a@x.fr"], [None], [7.0, "H", 51.0, "b@x.fr"]])
    pool, personal = read_pool(path, with_personal=True)
    assert pool.features == ["Genre", "Age"]
    assert [p.id for p in pool] == ["a", "7"]  # 7.0 read as "7", blank row skipped
    assert pool.get("7").features["Age"] == "51" and personal["a"] == {"Courriel": "a@x.fr"}


def test_xlsx_problem_rows_are_spreadsheet_rows(write_xlsx):
    path = write_xlsx([["id", "genre"], ["a", "F"], [None, None], ["a", "H"]])
    with pytest.raises(BadPoolFile) as exc:
        read_pool(path)
    assert problems_of(exc) == [("duplicate_id", 4, "id")]


def test_all_row_problems_collected_with_row_numbers(fixtures):
    with pytest.raises(BadPoolFile) as exc:
        read_pool(fixtures / "pool_bad.csv")
    assert problems_of(exc) == [("empty_cell", 3, "genre"), ("empty_id", 4, "id"),
                                ("duplicate_id", 5, "id"), ("empty_cell", 6, "age")]
    assert "row 2" in exc.value.problems[2].message  # where the id was first used
    assert exc.value.problems[0].file == "pool_bad.csv"
    assert "pool_bad.csv, row 3, column 'genre'" in str(exc.value)


def test_missing_requested_columns_reported_together(fixtures):
    with pytest.raises(BadPoolFile) as exc:
        read_pool(fixtures / "pool_small.csv", id_column="ref", feature_columns=["genre", "cs"])
    assert [(p.code, p.column) for p in exc.value.problems] == [
        ("missing_column", "ref"), ("missing_column", "cs")]


@pytest.mark.parametrize("data,code", [
    (b"", "empty_file"), (b"  \n\n", "empty_file"), (HEADER.encode(), "no_rows"),
    (b"id,genre,genre\n1,F,F\n", "duplicate_column"), (b"id\n1\n2\n", "no_features"),
    (b"%PDF-1.7 binary", "wrong_file_type"), (b"\xd0\xcf\x11\xe0\xa1\xb1", "wrong_file_type"),
    (b"id,genre\x00\x01\x02", "wrong_file_type"), (b"PK\x03\x04 not really a zip", "wrong_file_type"),
])
def test_unusable_files(data, code):
    with pytest.raises(BadPoolFile) as exc:
        read_pool(data, filename="upload")
    assert [p.code for p in exc.value.problems] == [code]
    assert exc.value.problems[0].file == "upload"


def test_pdf_fixture_message_says_what_to_do(fixtures):
    with pytest.raises(BadPoolFile, match="PDF document.*save it as CSV"):
        read_pool(fixtures / "not_a_table.pdf")


def test_file_object_source(fixtures):
    with open(fixtures / "pool_small.csv", "rb") as fh:
        assert len(read_pool(fh)) == 8


def test_write_then_read_round_trip_keeps_features_and_households(small_pool, tmp_path):
    path = tmp_path / "pool.csv"
    write_pool_csv(small_pool, path)
    again = read_pool(path)
    assert again.people == small_pool.people and again.features == small_pool.features


def test_shared_pools_in_both_encodings_read_the_same(shared_data):
    utf8 = read_pool(shared_data / "pool_metropole_1500.csv")
    excel = read_pool(shared_data / "pool_metropole_1500_excel_fr.csv")
    assert len(utf8) == 1500 and utf8.features == ["genre", "age", "csp", "diplome", "territoire"]
    assert utf8.people == excel.people
    assert utf8.get("V0002").features["territoire"] == "Montpellier Port Marianne"


def test_missing_file(tmp_path):
    with pytest.raises(BadPoolFile) as exc:
        read_pool(tmp_path / "nope.csv")
    assert (exc.value.problems[0].code, exc.value.problems[0].file) == ("unreadable_file", "nope.csv")


def test_unquoted_separator_inside_a_value_is_reported():
    with pytest.raises(BadPoolFile) as exc:
        read_pool(b"id,genre,diplome\n1,F,Bac\n2,H,CAP, BEP\n3,F,\n")
    assert problems_of(exc) == [("too_many_cells", 3, None), ("empty_cell", 4, "diplome")]
    assert "separator ','" in exc.value.problems[0].message


def test_form_export_columns_are_neither_id_nor_feature():
    table = read_pool_table("Horodatage,Numéro,Genre,Commentaire\n2026-01-02,a,F,ok\n".encode())
    assert table.roles == {"Horodatage": "ignored", "Numéro": "id", "Genre": "feature",
                           "Commentaire": "ignored"}
    pool, personal = table.build(with_personal=True)
    assert pool.features == ["Genre"] and personal["a"]["Commentaire"] == "ok"


def test_zip_that_is_not_a_workbook():
    import io
    import zipfile
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<x/>")
    with pytest.raises(BadPoolFile, match="not a readable Excel") as exc:
        read_pool(buffer.getvalue(), filename="lettre.docx")
    assert problems_of(exc) == [("wrong_file_type", None, None)]


def test_xlsx_bytes_upload(write_xlsx):
    data = write_xlsx([["id", "genre"], ["a", "F"], ["b", "H"]]).read_bytes()
    assert [p.id for p in read_pool(data, filename="vivier.xlsx")] == ["a", "b"]
