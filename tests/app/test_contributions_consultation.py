"""The public consultation: open or closed, an e-mail link to confirm, held for moderation, a rate
limit per address and per e-mail."""
import re
from datetime import timedelta

from contributions_testing import count, open_consultation
from convention_testing import log_in
from convention.contributions.models import AuthorKind, Contribution, ContributionStatus, PublicAuthor
from convention.organising.models import Convention
from convention.database import utcnow
from convention.extensions import db
from convention.mail.models import OutboxMessage

IDEA = {"text": "Des ateliers d'initiation à l'IA dans les bibliothèques.", "category": "Culture",
        "name": "Nadia", "email": "Nadia@Example.org", "consent": "y"}


def _public(app, world):
    with app.app_context():
        db.session.get(Convention, world.convention.id).is_public = True
        db.session.commit()


def _mails(app):
    with app.app_context():
        return db.session.scalars(db.select(OutboxMessage).order_by(OutboxMessage.id)).all()


def _link(mail):
    return re.search(r"https?://[^/\s]+(/c/test/consultation/confirm/\S+)", mail.body).group(1)


def test_a_closed_consultation_takes_nothing(client, app, world):
    _public(app, world)
    page = client.get("/c/test/consultation").get_data(as_text=True)
    assert "La consultation publique est fermée." in page and 'name="email"' not in page
    response = client.post("/c/test/consultation", data=IDEA)
    assert response.status_code == 302 and count(app) == 0 and _mails(app) == []
    assert "Contribuer à la consultation" not in client.get("/c/test").get_data(as_text=True)


def test_a_contribution_waits_for_the_email_link_then_for_moderation(client, app, world):
    _public(app, world)
    open_consultation(app, world.convention.id)
    assert "Contribuer à la consultation" in client.get("/c/test").get_data(as_text=True)
    response = client.post("/c/test/consultation", data=IDEA)
    assert response.status_code == 302
    assert "ouvrez le lien envoyé à Nadia@Example.org" in client.get("/c/test/consultation").get_data(as_text=True)
    [mail] = _mails(app)
    assert mail.recipient == "nadia@example.org" and "Confirmez votre contribution" in mail.subject
    with app.app_context():
        contribution = db.session.scalar(db.select(Contribution))
        assert contribution.status is ContributionStatus.pending and contribution.author_kind is AuthorKind.public
        assert contribution.public_author.name == "Nadia" and not contribution.public_author.is_confirmed
        assert len(contribution.client_hash) == 64 and "127.0.0.1" not in contribution.client_hash
    log_in(client, world.users["organiser"])
    assert "bibliothèques" not in client.get("/manage/test/contributions/").get_data(as_text=True)
    log_in(client, None)
    link = _link(mail)
    assert client.post(link).status_code == 302
    assert client.get(link).status_code == 404   # used
    with app.app_context():
        assert db.session.scalar(db.select(PublicAuthor.confirmed_at)) is not None
    log_in(client, world.users["organiser"])
    assert "bibliothèques" in client.get("/manage/test/contributions/").get_data(as_text=True)
    assert "bibliothèques" not in client.get("/c/test/contributions").get_data(as_text=True)  # not published yet


def test_a_confirmed_browser_contributes_again_without_a_new_link(client, app, world):
    _public(app, world)
    open_consultation(app, world.convention.id)
    client.post("/c/test/consultation", data=IDEA)
    client.post(_link(_mails(app)[0]))
    client.post("/c/test/consultation", data={**IDEA, "text": "Une deuxième idée."})
    assert len(_mails(app)) == 1 and count(app, status=ContributionStatus.pending) == 2
    other_browser = app.test_client()   # the same e-mail elsewhere must confirm again
    other_browser.post("/c/test/consultation", data={**IDEA, "text": "Une troisième idée."})
    assert len(_mails(app)) == 2


def test_invalid_submissions_say_why(client, app, world):
    _public(app, world)
    open_consultation(app, world.convention.id)
    response = client.post("/c/test/consultation", data={**IDEA, "email": "pas-une-adresse", "consent": ""})
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "Cochez cette case pour envoyer votre contribution." in page
    assert 'id="email-error"' in page and count(app) == 0


def test_the_rate_limit_answers_429(client, app, world):
    app.config["CONSULTATION_RATE_LIMIT"] = 2
    try:
        _public(app, world)
        open_consultation(app, world.convention.id)
        for i in range(2):
            assert client.post("/c/test/consultation", data={**IDEA, "text": f"Idée {i}"}).status_code == 302
        response = client.post("/c/test/consultation", data={**IDEA, "text": "Idée de trop"})
        assert response.status_code == 429
        assert "Vous avez atteint la limite de 2 contributions par 60 minutes." in response.get_data(as_text=True)
        # Another address with the same e-mail is limited too; another e-mail from another address is not.
        elsewhere = {"REMOTE_ADDR": "192.0.2.7"}
        assert client.post("/c/test/consultation", data=IDEA, environ_base=elsewhere).status_code == 429
        assert client.post("/c/test/consultation", data={**IDEA, "email": "autre@example.org"},
                           environ_base=elsewhere).status_code == 302
        assert count(app) == 3
    finally:
        app.config["CONSULTATION_RATE_LIMIT"] = 5


def test_a_private_conventions_consultation_is_hidden(client, app, world):
    open_consultation(app, world.convention.id)
    assert client.get("/c/test/consultation").status_code == 404
    assert client.post("/c/test/consultation", data=IDEA).status_code == 404


def test_an_expired_link_confirms_nothing(client, app, world):
    _public(app, world)
    open_consultation(app, world.convention.id)
    client.post("/c/test/consultation", data=IDEA)
    [mail] = _mails(app)
    assert "Le lien ne sert qu’une fois et expire le" in mail.body
    with app.app_context():
        contribution = db.session.scalar(db.select(Contribution))
        contribution.token_expires_at = utcnow() - timedelta(minutes=1)
        db.session.commit()
    for send in (client.get, client.post):
        response = send(_link(mail))
        assert response.status_code == 404 and "Ce lien ne fonctionne pas" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(db.select(PublicAuthor.confirmed_at)) is None
        assert db.session.scalar(db.select(Contribution.confirmed_at)) is None
