"""Documents of a session: accepted types recognised by their content, size limit, safe download."""
import io

from convention_testing import log_in
from sessions_testing import PDF, make_meeting
from convention.extensions import db
from convention.sessions.models import Document

HTMX = {"HX-Request": "true"}
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _upload(client, slug, meeting_id, name, data, title="", item=0, headers=None):
    return client.post(f"/manage/{slug}/sessions/{meeting_id}/documents",
                       data={"document-title": title, "document-item": item, "document-file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data", headers=headers)


def _documents(app):
    with app.app_context():
        return db.session.scalars(db.select(Document)).all()


def _meeting(app, world, **kwargs):
    with app.app_context():
        meeting_id = make_meeting(world.convention.id, **kwargs).id
        db.session.commit()
        return meeting_id


def test_a_document_keeps_its_name_and_is_served_as_a_download(client, app, world):
    meeting_id = _meeting(app, world)
    log_in(client, world.users["organiser"])
    response = _upload(client, world.convention.slug, meeting_id, "../../Dossier d'accueil.pdf", PDF,
                       title="Dossier d'accueil")
    assert response.status_code == 302
    [document] = _documents(app)
    assert document.filename == "Dossier d'accueil.pdf" and document.content_type == "application/pdf"
    log_in(client, world.users["member"])
    download = client.get(f"/c/{world.convention.slug}/documents/{document.id}")
    assert download.status_code == 200 and download.data == PDF
    assert download.mimetype == "application/pdf"
    assert "attachment" in download.headers["Content-Disposition"]
    assert "Dossier" in download.headers["Content-Disposition"]
    assert download.headers["X-Content-Type-Options"] == "nosniff"


def test_wrong_types_fake_contents_and_large_files_are_refused(client, app, world):
    meeting_id = _meeting(app, world)
    slug = world.convention.slug
    log_in(client, world.users["organiser"])
    response = _upload(client, slug, meeting_id, "outil.exe", b"MZ\x90\x00", headers=HTMX)
    assert response.status_code == 422 and "Ce type de fichier n’est pas accepté" in response.get_data(as_text=True)
    response = _upload(client, slug, meeting_id, "faux.pdf", PNG)
    assert response.status_code == 422 and "n’est pas celui d’un fichier .pdf" in response.get_data(as_text=True)
    response = _upload(client, slug, meeting_id, "vide.pdf", b"")
    assert response.status_code == 422
    limit = app.config["DOCUMENT_MAX_BYTES"]
    app.config["DOCUMENT_MAX_BYTES"] = 1000
    try:
        response = _upload(client, slug, meeting_id, "gros.pdf", PDF + b"x" * 2000)
    finally:
        app.config["DOCUMENT_MAX_BYTES"] = limit
    assert response.status_code == 422 and "trop lourd" in response.get_data(as_text=True)
    assert _documents(app) == []
    assert _upload(client, slug, meeting_id, "photo.PNG", PNG).status_code == 302


def test_documents_of_unpublished_sessions_stay_with_the_convention(client, app, world):
    with app.app_context():
        from convention.organising.models import Convention
        db.session.get(Convention, world.convention.id).is_public = True
        db.session.commit()
    meeting_id = _meeting(app, world)
    log_in(client, world.users["organiser"])
    _upload(client, world.convention.slug, meeting_id, "notes.txt", "Notes de préparation".encode())
    [document] = _documents(app)
    url = f"/c/{world.convention.slug}/documents/{document.id}"
    log_in(client, None)
    assert client.get(url).status_code == 404
    log_in(client, world.users["other_organiser"])
    assert client.get(url).status_code == 404
    log_in(client, world.users["organiser"])
    form = client.get(f"/manage/{world.convention.slug}/sessions/{meeting_id}/edit")
    assert form.status_code == 200
    with app.app_context():
        from convention.sessions.models import Meeting
        db.session.get(Meeting, meeting_id).is_published = True
        db.session.commit()
    log_in(client, None)
    assert client.get(url).data == "Notes de préparation".encode()


def test_removing_a_document_asks_first(client, app, world):
    meeting_id = _meeting(app, world)
    log_in(client, world.users["organiser"])
    _upload(client, world.convention.slug, meeting_id, "a.pdf", PDF)
    [document] = _documents(app)
    url = f"/manage/{world.convention.slug}/sessions/{meeting_id}/documents/{document.id}/delete"
    assert "Retirer le document" in client.get(url).get_data(as_text=True)
    assert len(_documents(app)) == 1
    assert client.post(url).status_code == 302
    assert _documents(app) == []
