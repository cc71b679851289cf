"""With CSRF protection on (as in production), a post without the token is refused."""
import re

import pytest

from convention_testing import app_config, log_in, make_user
from convention import create_app
from convention.extensions import db


@pytest.fixture
def csrf_client(app):
    protected = create_app(app_config(app.config["SQLALCHEMY_DATABASE_URI"], WTF_CSRF_ENABLED=True))
    return protected.test_client()


def test_post_without_token_is_rejected(csrf_client, app):
    with app.app_context():
        make_user("camille@example.org", password="un mot de passe long")
        db.session.commit()
    response = csrf_client.post("/login", data={"email": "camille@example.org", "password": "un mot de passe long"})
    assert response.status_code == 400
    assert csrf_client.get("/dashboard").status_code == 302


def test_post_with_token_is_accepted(csrf_client, app):
    with app.app_context():
        make_user("camille@example.org", password="un mot de passe long")
        db.session.commit()
    page = csrf_client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    response = csrf_client.post("/login", data={"email": "camille@example.org", "password": "un mot de passe long",
                                                "csrf_token": token})
    assert response.status_code == 302


def test_htmx_header_token_is_accepted(csrf_client, app, world):
    log_in(csrf_client, world.users["organiser"])
    page = csrf_client.get("/dashboard").get_data(as_text=True)
    token = re.search(r'"X-CSRFToken": "([^"]+)"', page).group(1)
    response = csrf_client.post("/language", data={"locale": "en"}, headers={"X-CSRFToken": token})
    assert response.status_code == 302
    assert 'lang="en"' in csrf_client.get("/").get_data(as_text=True)
