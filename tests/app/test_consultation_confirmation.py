"""Confirmation belongs to each public contribution: a stranger typing someone's e-mail address renames
and un-confirms nobody; the mailed link opens a page whose button confirms; contributions whose link
expired unconfirmed are purged (issue 10, items 13 and 14)."""
import re
from datetime import datetime, timedelta

from contributions_testing import count, open_consultation
from convention_testing import log_in
from convention.contributions import tasks as contribution_tasks
from convention.contributions.models import Contribution, PublicAuthor
from convention.organising.models import Convention
from convention.database import utcnow
from convention.extensions import db, huey
from convention.mail.models import OutboxMessage

IDEA = {"text": "Des ateliers d'initiation à l'IA dans les bibliothèques.", "category": "Culture",
        "name": "Nadia Benali", "email": "nadia@example.org", "consent": "y"}
STRANGER = {**IDEA, "text": "Supprimer toutes les bibliothèques.", "name": "Quelqu'un d'autre"}


def _open(app, world):
    with app.app_context():
        db.session.get(Convention, world.convention.id).is_public = True
        db.session.commit()
    open_consultation(app, world.convention.id)


def _links(app):
    with app.app_context():
        bodies = db.session.scalars(db.select(OutboxMessage.body).order_by(OutboxMessage.id)).all()
    return [re.search(r"https?://[^/\s]+(/c/test/consultation/confirm/\S+)", body).group(1) for body in bodies]


def _author(app):
    with app.app_context():
        author = db.session.scalar(db.select(PublicAuthor))
        return author.name, author.confirmed_at


def _queue(client, world):
    log_in(client, world.users["organiser"])
    page = client.get("/manage/test/contributions/").get_data(as_text=True)
    log_in(client, None)
    return page


def test_opening_the_link_confirms_nothing_its_button_does(client, app, world):
    _open(app, world)
    client.post("/c/test/consultation", data=IDEA)
    [link] = _links(app)
    scanner = app.test_client()
    for _ in range(2):   # a mail scanner, then a link preview
        response = scanner.get(link)
        page = response.get_data(as_text=True)
        assert response.status_code == 200 and "Confirmez votre contribution" in page
        assert "bibliothèques" in page and 'method="post"' in page and "Confirmer ma contribution" in page
        assert response.headers["Referrer-Policy"] == "no-referrer"
    assert _author(app)[1] is None and "bibliothèques" not in _queue(app.test_client(), world)
    response = client.post(link)
    assert response.status_code == 302
    assert "votre contribution est confirmée" in client.get("/c/test/consultation").get_data(as_text=True)
    assert _author(app)[1] is not None and "bibliothèques" in _queue(app.test_client(), world)
    assert client.post(link).status_code == 404 and client.get(link).status_code == 404


def test_a_stranger_with_someones_address_renames_and_unconfirms_nobody(client, app, world):
    _open(app, world)
    client.post("/c/test/consultation", data=IDEA)
    client.post(_links(app)[0])
    name, confirmed_at = _author(app)
    assert name == "Nadia Benali" and confirmed_at is not None
    stranger = app.test_client()
    assert stranger.post("/c/test/consultation", data=STRANGER, environ_base={"REMOTE_ADDR": "192.0.2.9"}
                         ).status_code == 302
    assert _author(app) == (name, confirmed_at)
    queue = _queue(app.test_client(), world)
    assert "dans les bibliothèques" in queue and "Nadia Benali" in queue
    assert "Supprimer toutes" not in queue and "Quelqu" not in queue
    with app.app_context():
        mail = db.session.scalars(db.select(OutboxMessage).order_by(OutboxMessage.id)).all()[-1]
    assert "Supprimer toutes les bibliothèques." in mail.body, "the mail says which contribution it confirms"
    # Nadia's own later link, confirmed, changes her name: only a confirmed link does.
    app.test_client().post("/c/test/consultation", data={**IDEA, "text": "Une autre idée.", "name": "Nadia B."},
                           environ_base={"REMOTE_ADDR": "192.0.2.10"})
    assert _author(app)[0] == "Nadia Benali"
    app.test_client().post(_links(app)[-1])
    assert _author(app)[0] == "Nadia B."


def test_a_first_submission_names_the_participant_until_a_link_is_confirmed(client, app, world):
    _open(app, world)
    stranger = app.test_client()
    stranger.post("/c/test/consultation", data=STRANGER)
    client.post("/c/test/consultation", data=IDEA, environ_base={"REMOTE_ADDR": "192.0.2.11"})
    first, second = _links(app)
    client.post(second)
    assert _author(app)[0] == "Nadia Benali"
    queue = _queue(app.test_client(), world)
    assert "dans les bibliothèques" in queue and "Supprimer toutes" not in queue


def _expire(app, text):
    with app.app_context():
        contribution = db.session.scalar(db.select(Contribution).filter_by(text=text))
        contribution.token_expires_at = utcnow() - timedelta(minutes=1)
        db.session.commit()


def test_expired_unconfirmed_contributions_are_purged(client, app, world, runner):
    _open(app, world)
    client.post("/c/test/consultation", data=IDEA)
    client.post(_links(app)[0])                                      # confirmed: kept
    app.test_client().post("/c/test/consultation", data={**IDEA, "text": "Encore en attente."},
                           environ_base={"REMOTE_ADDR": "192.0.2.12"})   # pending, link still valid: kept
    app.test_client().post("/c/test/consultation", data={**STRANGER, "email": "x@example.org"})
    _expire(app, STRANGER["text"])                                   # expired, its author has nothing else
    result = runner.invoke(args=["convention", "purge-unconfirmed"])
    assert result.exit_code == 0 and "1 unconfirmed contributions deleted." in result.output
    with app.app_context():
        texts = db.session.scalars(db.select(Contribution.text).order_by(Contribution.id)).all()
        emails = db.session.scalars(db.select(PublicAuthor.email)).all()
    assert texts == [IDEA["text"], "Encore en attente."] and emails == ["nadia@example.org"]
    _expire(app, "Encore en attente.")
    contribution_tasks.purge_unconfirmed_contributions()   # the periodic task, immediate in tests
    assert count(app) == 1 and _author(app)[1] is not None, "a confirmed participant stays"
    due = {minute: [task.name for task in huey.read_periodic(datetime(2026, 12, 4, 9, minute))] for minute in (17, 18)}
    assert "purge_unconfirmed_contributions" in str(due[17]) and "purge_unconfirmed" not in str(due[18]), "hourly"
