"""Issue #10, uploads and imports (items 6 to 10): hostile spreadsheets are refused at once with a
problem naming the row, files are read once, a pool cannot have more features or values than anyone
can set quotas for, a notes preview imports once into its own convention, and no CSV the platform
writes runs as a formula in a spreadsheet."""
import csv
import io
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "panels"))
from test_tables import _cells, _xlsx  # noqa: E402  (the hostile XLSX files, built by hand)

from contributions_testing import count  # noqa: E402
from convention_testing import log_in  # noqa: E402
from draw_testing import import_pool, mapping_data, set_panel_size, upload, upload_quotas  # noqa: E402
from convention.draw.models import PoolUpload, QuotaRow  # noqa: E402
from convention.extensions import db  # noqa: E402
from panels import read_pool  # noqa: E402
from panels.hashing import pool_sha256  # noqa: E402


def _notes(client, data, filename, slug="test"):
    return client.post(f"/manage/{slug}/contributions/import", content_type="multipart/form-data",
                       data={"file": (io.BytesIO(data), filename), "source": ""})


def _text(response):
    return " ".join(response.get_data(as_text=True).split())


HOSTILE = {
    # 2.8 KB declaring 16,384 x 1,048,576 cells, with cells at the last column on 400 rows.
    "dimension": _xlsx("".join(f'<row r="{r}"><c r="XFD{r}" t="inlineStr"><is><t></t></is></c></row>'
                               for r in range(1, 400)), dimension="A1:XFD1048576"),
    # A 10 MB shared string (a few kilobytes zipped) in every cell.
    "shared strings": _xlsx(_cells(1, "id", "texte") + "".join(
        f'<row r="{r}"><c r="A{r}" t="s"><v>0</v></c><c r="B{r}" t="s"><v>0</v></c></row>' for r in range(2, 200)),
        shared=["x" * 10_000_000]),
}


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_a_small_spreadsheet_that_expands_enormously_is_refused(client, app, world, kind):
    log_in(client, world.users["organiser"])
    data = HOSTILE[kind]
    assert len(data) < 40_000
    response = upload(client, world.convention.slug, data, "vivier.xlsx")
    assert response.status_code == 422
    assert "Rien n’a été importé" in _text(response) and ("Ligne" in _text(response) or "Mo" in _text(response))
    response = _notes(client, data, "notes.xlsx")
    assert response.status_code == 422 and count(app) == 0


def test_a_workbook_unpacking_beyond_the_setting_is_refused_before_it_is_read(client, app, world, monkeypatch):
    monkeypatch.setitem(app.config, "UPLOAD_MAX_UNPACKED_MB", 2)
    log_in(client, world.users["organiser"])
    data = _xlsx(_cells(1, "id", "genre") + _cells(2, "p1", "Femme"), parts={"xl/media/pad.xml": " " * 3_000_000})
    response = upload(client, world.convention.slug, data, "vivier.xlsx")
    assert response.status_code == 422 and "décompressé dépasse 2 Mo" in _text(response)


@pytest.mark.parametrize("body, row", [
    ('2,"' + "x" * 140_000 + '"\n3,fin\n', 3),    # a field longer than the csv module reads
    ('2,"une note sans fin\n3,fin\n', 3),          # a quote never closed
])
def test_an_unreadable_csv_gets_a_422_naming_the_row(client, app, world, body, row):
    log_in(client, world.users["organiser"])
    data = ("identifiant,texte\n1,court\n" + body).encode()
    for response in (upload(client, world.convention.slug, data, "vivier.csv"), _notes(client, data, "notes.csv")):
        assert response.status_code == 422
        assert f"Ligne {row}" in _text(response) and "guillemet" in _text(response)


def test_the_upload_is_read_once_and_kept(client, app, world):
    log_in(client, world.users["organiser"])
    set_panel_size(app, world.convention.id)
    response = upload(client, world.convention.slug)
    assert response.status_code == 302
    with app.app_context():
        stored = db.session.scalar(db.select(PoolUpload))
        assert stored.table["header"][0] == "identifiant"
        stored.data = b"%PDF the file itself is no longer read"
        db.session.commit()
    location = response.headers["Location"]
    page = client.get(location)
    assert page.status_code == 200 and "identifiant" in _text(page)
    from draw_testing import POOL_CSV
    header = POOL_CSV.decode("utf-8-sig").splitlines()[0].split(",")
    assert client.post(location, data=mapping_data(header)).status_code == 302


def _wide_pool(features, values=3, people=120):
    header = ["id", *(f"c{j}" for j in range(features))]
    rows = [[f"p{i}", *(f"v{(i + j) % values}" for j in range(features))] for i in range(people)]
    return "\n".join(",".join(r) for r in [header, *rows]).encode()


def test_a_pool_with_too_many_features_or_values_is_refused_with_the_reason(client, app, world):
    log_in(client, world.users["organiser"])
    slug = world.convention.slug
    roles = {"id": "id", **{f"c{j}": "feature" for j in range(21)}}
    response = import_pool(client, slug, _wide_pool(21), roles)
    assert response.status_code == 422 and "Plus de 20 colonnes de caractéristiques" in _text(response)
    roles = {"id": "id", "c0": "feature", "c1": "feature"}
    response = import_pool(client, slug, _wide_pool(2, values=61, people=200), roles)
    assert response.status_code == 422 and "« c0 » a plus de 60 valeurs différentes" in _text(response)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(QuotaRow.id))) == 0
    assert import_pool(client, slug, _wide_pool(20, values=60, people=200),
                       {"id": "id", **{f"c{j}": "feature" for j in range(20)}}).status_code == 302
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(QuotaRow.id))) == 1200
    assert client.get(f"/manage/{slug}/draw/quotas").status_code == 200
    quotas = "feature,value,min,max\n" + "".join(f"c0,autre{i},0,1\n" for i in range(5))
    response = upload_quotas(client, slug, quotas.encode())
    assert response.status_code == 422 and "« c0 » a plus de 60 valeurs différentes" in _text(response)


def _token(response):
    return re.search(r'name="token" type="hidden" value="([^"]+)"', response.get_data(as_text=True)).group(1)


def test_a_notes_preview_imports_once_and_only_into_its_convention(client, app, world):
    log_in(client, world.users["admin"])
    token = _token(_notes(client, "texte\nUne idée\nUne autre\n".encode(), "notes.csv"))
    response = client.post("/manage/autre/contributions/import/confirm", data={"token": token})
    assert response.status_code == 422 and count(app) == 0
    for expected, total in [(302, 2), (422, 2), (422, 2)]:
        response = client.post("/manage/test/contributions/import/confirm", data={"token": token})
        assert response.status_code == expected and count(app) == total
    assert "Cet aperçu a déjà été importé ou a expiré" in _text(response)


FORMULAS = ["=1+1", "+33 6", "-25 ans", "@SOMME(A1)", "\uff1dLIEN()", "\uff0b1", "\uff0d1", "\uff20x"]


def test_pool_and_quotas_exports_are_inert_and_verify(client, app, world):
    log_in(client, world.users["organiser"])
    slug = world.convention.slug
    data = "\n".join(["id,genre", *(f"{value}{i},{value}" for i, value in enumerate(FORMULAS * 3))]).encode()
    assert import_pool(client, slug, data, {"id": "id", "genre": "feature"}).status_code == 302
    pool_csv = client.get(f"/manage/{slug}/draw/pool.csv").get_data(as_text=True)
    cells = [cell for row in list(csv.reader(io.StringIO(pool_csv)))[1:] for cell in row]
    assert cells and all(cell.startswith("'") for cell in cells)
    client.post(f"/manage/{slug}/draw/publish", data={})
    with app.app_context():
        from convention.draw import queries
        from convention.organising.models import Convention
        pool = queries.pool_of(db.session.get(Convention, world.convention.id))
        assert pool_sha256(read_pool(pool_csv.encode())) == pool_sha256(queries.panels_pool(pool))
