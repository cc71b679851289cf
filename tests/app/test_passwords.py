"""Forgotten passwords (a one-time link by mail) and changing one's password."""
import re
from datetime import timedelta

from convention_testing import log_in, make_user
from convention.auth.models import PasswordReset, User
from convention.database import utcnow
from convention.extensions import db
from convention.mail.models import OutboxMessage

OLD, NEW = "mon ancien mot de passe", "mon nouveau mot de passe"


def _account(app, email="camille@example.org"):
    with app.app_context():
        user = make_user(email, password=OLD)
        db.session.commit()
        user.id  # noqa: B018  (loads the columns before the session closes)
        return user


def _mails(app):
    with app.app_context():
        return db.session.scalars(db.select(OutboxMessage.body).order_by(OutboxMessage.id)).all()


def test_forgotten_password_link_lets_one_choose_a_new_one(client, app):
    _account(app)
    response = client.post("/password/forgot", data={"email": "Camille@example.org"})
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    path = re.search(r"https?://[^/\s]+(/password/reset/\S+)", _mails(app)[-1]).group(1)
    assert client.post(path, data={"password": NEW, "confirm": "autre chose"}).status_code == 422
    assert client.post(path, data={"password": NEW, "confirm": NEW}).status_code == 302
    assert client.get("/dashboard").status_code == 200, "logged in after choosing the password"
    with app.app_context():
        assert db.session.scalar(db.select(User).filter_by(email="camille@example.org")).check_password(NEW)
    assert client.get(path).status_code == 404, "the link works once"


def test_unknown_addresses_get_the_same_answer_and_no_mail(client, app):
    response = client.post("/password/forgot", data={"email": "personne@example.org"})
    assert response.status_code == 302
    assert _mails(app) == []


def test_links_are_not_resent_within_minutes(client, app):
    _account(app)
    client.post("/password/forgot", data={"email": "camille@example.org"})
    client.post("/password/forgot", data={"email": "camille@example.org"})
    assert len(_mails(app)) == 1


def test_expired_links_do_not_work(client, app):
    _account(app)
    client.post("/password/forgot", data={"email": "camille@example.org"})
    path = re.search(r"(/password/reset/\S+)", _mails(app)[-1]).group(1)
    with app.app_context():
        db.session.scalar(db.select(PasswordReset)).expires_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
    assert client.get(path).status_code == 404


def test_changing_the_password_needs_the_current_one(client, app):
    user = _account(app)
    log_in(client, user)
    wrong = client.post("/account", data={"current_password": "faux", "password": NEW, "confirm": NEW})
    assert wrong.status_code == 422
    assert client.post("/account", data={"current_password": OLD, "password": NEW, "confirm": NEW}).status_code == 302
    with app.app_context():
        assert db.session.get(User, user.id).check_password(NEW)
