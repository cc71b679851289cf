"""Importing the pool: preview, column mapping, errors by row, personal data apart, re-import."""
import re

from convention_testing import log_in
from draw_testing import POOL_CSV, ROLES, import_pool, mapping_data, set_panel_size, upload
from convention.audit.models import AuditEntry
from convention.draw.models import PoolUpload, QuotaRow, Volunteer, VolunteerContact
from convention.extensions import db


def _counts(app):
    with app.app_context():
        return tuple(db.session.scalar(db.select(db.func.count()).select_from(model))
                     for model in (Volunteer, VolunteerContact, QuotaRow))


def test_preview_shows_the_columns_with_their_guessed_roles(client, world):
    log_in(client, world.users["organiser"])
    response = upload(client, world.convention.slug)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "90 rows" in page or "90 lignes" in page and "utf-8" in page
    assert '<option selected value="id">' in page and '<option selected value="personal">' in page
    assert "camille.martin0@exemple.fr" in page


def test_import_keeps_personal_data_apart(client, app, world):
    set_panel_size(app, world.convention.id)
    log_in(client, world.users["organiser"])
    response = import_pool(client, world.convention.slug)
    assert response.status_code == 302 and response.headers["Location"].endswith("/draw/quotas")
    assert _counts(app)[:2] == (90, 90)
    with app.app_context():
        volunteer = db.session.scalar(db.select(Volunteer).filter_by(external_id="V01"))
        assert set(volunteer.features) == {"genre", "age", "csp"}
        assert volunteer.contact.data["email"] == "camille.martin0@exemple.fr"
        assert volunteer.household == "1 rue de la loge 34000"
        assert db.session.scalar(db.select(db.func.count()).select_from(PoolUpload)) == 0
        entry = db.session.scalar(db.select(AuditEntry).filter_by(action="draw.pool_import"))
        assert entry.after["size"] == 90
    page = client.get(f"/manage/{world.convention.slug}/draw/pool").get_data(as_text=True)
    assert "camille.martin0@exemple.fr" in page and 'aria-label="Pages"' in page   # 90 rows, 25 a page


def test_errors_by_row_and_nothing_written(client, app, world):
    log_in(client, world.users["organiser"])
    bad = POOL_CSV.replace(b"V02,", b"V01,", 1).replace(b",Homme,65+", b",,65+", 1)
    response = import_pool(client, world.convention.slug, bad)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Ligne 3" in page and "L’identifiant « V01 » est déjà utilisé à la ligne 2." in page
    assert "La cellule de la colonne « genre » est vide." in page
    assert _counts(app) == (0, 0, 0)


def test_a_mapping_needs_one_id_and_a_feature(client, app, world):
    log_in(client, world.users["organiser"])
    roles = {**ROLES, "genre": "ignored", "age": "ignored", "csp": "ignored"}
    page = import_pool(client, world.convention.slug, roles=roles).get_data(as_text=True)
    assert "au moins une colonne de caractéristique" in page
    assert _counts(app) == (0, 0, 0)


def test_french_excel_export_is_read(client, app, world):
    log_in(client, world.users["organiser"])
    text = POOL_CSV.decode("utf-8").replace('"', "")
    french = text.replace(",", ";").replace("Artisans; commerçants; chefs d'entreprise",
                                            "Artisans, commerçants, chefs d'entreprise").encode("cp1252")
    response = upload(client, world.convention.slug, french)
    header = text.splitlines()[0].split(",")
    response = client.post(response.headers["Location"], data=mapping_data(header))
    assert response.status_code == 302
    assert _counts(app)[0] == 90


def test_wrong_file_type_is_refused(client, world):
    log_in(client, world.users["organiser"])
    response = upload(client, world.convention.slug, b"%PDF-1.4 not a table", "vivier.pdf")
    assert response.status_code == 422
    assert "Ce n’est pas un tableur" in response.get_data(as_text=True)


def test_reimport_asks_for_confirmation(client, app, world):
    log_in(client, world.users["organiser"])
    import_pool(client, world.convention.slug)
    smaller = b"\n".join(POOL_CSV.splitlines()[:61]) + b"\n"
    response = import_pool(client, world.convention.slug, smaller)
    assert response.status_code == 422 and "Cochez cette case" in response.get_data(as_text=True)
    assert _counts(app)[0] == 90
    assert import_pool(client, world.convention.slug, smaller, confirm_replace="y").status_code == 302
    assert _counts(app)[:2] == (60, 60)


def test_upload_without_file(client, world):
    log_in(client, world.users["organiser"])
    response = client.post(f"/manage/{world.convention.slug}/draw/pool", data={},
                           content_type="multipart/form-data")
    assert response.status_code == 422 and "Choisissez un fichier." in response.get_data(as_text=True)


def test_another_conventions_upload_is_not_found(client, app, world):
    log_in(client, world.users["organiser"])
    response = upload(client, world.convention.slug)
    log_in(client, world.users["other_organiser"])
    other = response.headers["Location"].replace(world.convention.slug, world.other.slug)
    assert client.get(other).status_code == 404


def test_utf8_with_bom_is_read(client, app, world):
    log_in(client, world.users["organiser"])
    assert import_pool(client, world.convention.slug, b"\xef\xbb\xbf" + POOL_CSV).status_code == 302
    with app.app_context():
        assert db.session.scalar(db.select(Volunteer.external_id).filter_by(position=0)) == "V01"


def test_the_pool_can_be_searched_by_id_name_or_contact(client, app, world, monkeypatch):
    log_in(client, world.users["organiser"])
    import_pool(client, world.convention.slug)
    monkeypatch.setitem(app.config, "PER_PAGE", 5)
    url = f"/manage/{world.convention.slug}/draw/pool"

    def ids(query):
        page = client.get(url, query_string={"q": query}).get_data(as_text=True)
        return re.findall(r"<tr><td>(V\d+)</td>", page), page

    found, page = ids("léa")
    assert "V02" in found and all("Léa" in row for row in re.findall(r"<tr><td>V\d+</td>.*?</tr>", page))
    assert ids("V07")[0] == ["V07"] and ids("LEA.MARTIN1@")[0] == ["V02"]
    assert "V02" in ids("lea")[0] and "V02" in ids("LÉA")[0]      # accents and case alike
    found, page = ids("martin")
    assert len(found) == 5 and 'href="' + url + '?q=martin&amp;page=2" rel="next"' in page
    assert ids("100%_!")[0] == [] and "Aucun volontaire ne correspond à « 100%_! »." in ids("100%_!")[1]
