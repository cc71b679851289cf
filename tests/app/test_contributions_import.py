"""Importing workshop notes: CSV (any separator and encoding the pool import reads), XLSX or plain
text, a preview, then all or nothing with the problems named by row."""
import io
import re

import openpyxl

from contributions_testing import count
from convention_testing import log_in
from convention.audit.models import AuditEntry
from convention.contributions.models import AuthorKind, Contribution, ContributionStatus
from convention.extensions import db

NOTES_CSV = ("texte;catégorie;mots-clés\n"
             "Garder un guichet humain à la mairie;Services publics;accueil, humain\n"
             "Former les enseignants à l'IA;École;\n")


def _upload(client, data, filename, source="Atelier du 12 octobre"):
    return client.post("/manage/test/contributions/import", content_type="multipart/form-data",
                       data={"file": (io.BytesIO(data), filename), "source": source})


def _confirm(client, preview):
    token = re.search(r'name="token" type="hidden" value="([^"]+)"', preview).group(1)
    return client.post("/manage/test/contributions/import/confirm", data={"token": token})


def _imported(app):
    with app.app_context():
        return [(c.text, c.category, c.tags, c.source, c.author_kind, c.status)
                for c in db.session.scalars(db.select(Contribution).order_by(Contribution.id))]


def test_a_windows_csv_is_previewed_then_imported(client, app, world):
    log_in(client, world.users["organiser"])
    response = _upload(client, NOTES_CSV.encode("cp1252"), "notes.csv")
    preview = response.get_data(as_text=True)
    assert response.status_code == 200 and "2 idées lues dans notes.csv, sans problème." in preview
    assert "Garder un guichet humain à la mairie" in preview and count(app) == 0   # nothing yet
    response = _confirm(client, preview)
    assert response.status_code == 302 and "author_kind=imported" in response.headers["Location"]
    published, imported = ContributionStatus.published, AuthorKind.imported
    assert _imported(app) == [
        ("Garder un guichet humain à la mairie", "Services publics", ["accueil", "humain"],
         "Atelier du 12 octobre", imported, published),
        ("Former les enseignants à l'IA", "École", [], "Atelier du 12 octobre", imported, published)]
    with app.app_context():
        entry = db.session.scalar(db.select(AuditEntry).filter_by(action="contribution.import"))
        assert entry.after["count"] == 2 and entry.after["filename"] == "notes.csv"


def test_utf8_with_bom_commas_and_a_source_column(client, app, world):
    log_in(client, world.users["organiser"])
    data = "\ufefftext,source\n\"Une idée, avec une virgule\",Séance 2\nUne autre idée,\n".encode("utf-8")
    _confirm(client, _upload(client, data, "notes.csv", source="").get_data(as_text=True))
    assert [(t, s) for t, _c, _t, s, _k, _s in _imported(app)] == [
        ("Une idée, avec une virgule", "Séance 2"), ("Une autre idée", "")]


def test_an_excel_workbook(client, app, world):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Idée", "Catégorie"])
    sheet.append(["Des capteurs pour la qualité de l'air", "Environnement"])
    buffer = io.BytesIO()
    book.save(buffer)
    log_in(client, world.users["organiser"])
    _confirm(client, _upload(client, buffer.getvalue(), "atelier.xlsx").get_data(as_text=True))
    assert _imported(app)[0][:2] == ("Des capteurs pour la qualité de l'air", "Environnement")


def test_plain_text_gives_one_idea_per_line(client, app, world):
    log_in(client, world.users["organiser"])
    data = "- Première idée\n\n• Deuxième idée\n   Troisième idée  \n".encode("cp1252")
    _confirm(client, _upload(client, data, "notes.txt").get_data(as_text=True))
    assert [row[0] for row in _imported(app)] == ["Première idée", "Deuxième idée", "Troisième idée"]


def test_problems_are_named_by_row_and_nothing_is_written(client, app, world):
    log_in(client, world.users["organiser"])
    data = ("texte;catégorie\nUne bonne idée;Santé\n;Santé\n" + "x" * 2001 + ";École\n").encode("utf-8")
    response = _upload(client, data, "notes.csv")
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "<strong>Ligne 3</strong> — Le texte est vide." in page
    assert "<strong>Ligne 4</strong> — Le texte est trop long (2001 caractères, 2000 au plus)." in page
    response = _upload(client, "texte;auteur\nUne idée;Jean\n".encode("utf-8"), "notes.csv")
    assert response.status_code == 422 and "Colonne inconnue « auteur »" in response.get_data(as_text=True)
    response = _upload(client, "auteur\nJean\n".encode("utf-8"), "notes.csv")
    assert "Aucune colonne de texte" in response.get_data(as_text=True)
    response = _upload(client, b"%PDF-1.4 binary", "notes.pdf")
    assert response.status_code == 422 and "Ce n’est pas un tableur" in response.get_data(as_text=True)
    response = _upload(client, b"%PDF-1.4 binary", "notes.txt")
    assert response.status_code == 422 and "Ce n’est pas un fichier texte" in response.get_data(as_text=True)
    assert count(app) == 0


def test_an_altered_preview_imports_nothing(client, app, world):
    log_in(client, world.users["organiser"])
    response = client.post("/manage/test/contributions/import/confirm", data={"token": "bm9u.faux"})
    assert response.status_code == 422 and "Cet aperçu a déjà été importé ou a expiré" in response.get_data(as_text=True)
    assert count(app) == 0
