"""Logging in with argon2 passwords, logging out, and the security of the session."""
from convention_testing import make_user
from convention.auth import passwords
from convention.auth.models import LoginThrottle, User
from convention.extensions import db


def _user_with_password(app, email="camille@example.org", password="un mot de passe long"):
    with app.app_context():
        user = make_user(email, password=password)
        db.session.commit()
        return user.password_hash


def test_passwords_are_hashed_with_argon2id(app):
    stored = _user_with_password(app)
    assert stored.startswith("$argon2id$")
    assert "un mot de passe long" not in stored


def test_login_with_the_right_password(client, app):
    _user_with_password(app)
    response = client.post("/login", data={"email": " Camille@Example.org ", "password": "un mot de passe long"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/dashboard"
    assert client.get("/dashboard").status_code == 200
    with app.app_context():
        assert db.session.scalar(db.select(User.last_login_at)) is not None


def test_login_follows_a_local_next_only(client, app):
    _user_with_password(app)
    data = {"email": "camille@example.org", "password": "un mot de passe long"}
    assert client.post("/login?next=/c/x", data=data).headers["Location"] == "/c/x"
    client.post("/logout")
    assert client.post("/login?next=https://evil.example/", data=data).headers["Location"] == "/dashboard"


def test_wrong_password_is_refused_without_saying_which_field(client, app):
    _user_with_password(app)
    response = client.post("/login", data={"email": "camille@example.org", "password": "faux"})
    unknown = client.post("/login", data={"email": "nobody@example.org", "password": "faux"})
    assert response.status_code == unknown.status_code == 422
    assert b"Wrong e-mail address or password." in response.data or "Adresse".encode() in response.data
    assert client.get("/dashboard").status_code == 302


def test_inactive_accounts_cannot_log_in(client, app):
    with app.app_context():
        user = make_user("gone@example.org", password="un mot de passe long")
        user.is_active = False
        db.session.commit()
    response = client.post("/login", data={"email": "gone@example.org", "password": "un mot de passe long"})
    assert response.status_code == 422


def test_logout(client, app):
    _user_with_password(app)
    client.post("/login", data={"email": "camille@example.org", "password": "un mot de passe long"})
    assert client.post("/logout").status_code == 302
    assert client.get("/dashboard").status_code == 302


def test_outdated_hashes_are_upgraded_at_login(client, app):
    from argon2 import PasswordHasher

    with app.app_context():
        user = make_user("old@example.org")
        user.password_hash = PasswordHasher(time_cost=1, memory_cost=8192).hash("un mot de passe long")
        db.session.commit()
    client.post("/login", data={"email": "old@example.org", "password": "un mot de passe long"})
    with app.app_context():
        stored = db.session.scalar(db.select(User.password_hash).filter_by(email="old@example.org"))
    assert not passwords.needs_rehash(stored)


def test_session_cookie_is_http_only_and_same_site(client, app):
    _user_with_password(app)
    response = client.post("/login", data={"email": "camille@example.org", "password": "un mot de passe long"})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_security_headers(client):
    response = client.get("/")
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "HX-Request" in response.headers["Vary"]


def test_repeated_failures_slow_down_that_address_but_never_lock_the_owner_out(client, app):
    _user_with_password(app)
    attacker = {"REMOTE_ADDR": "203.0.113.9"}
    wrong = {"email": "camille@example.org", "password": "faux"}
    for _attempt in range(app.config["LOGIN_FREE_ATTEMPTS"]):
        assert client.post("/login", data=wrong, environ_base=attacker).status_code == 422
    right = {"email": "camille@example.org", "password": "un mot de passe long"}
    response = client.post("/login", data=right, environ_base=attacker)
    assert response.status_code == 422
    assert "Trop de tentatives" in response.get_data(as_text=True)
    # The owner, from their own address, logs in all the same.
    owner = app.test_client()
    assert owner.post("/login", data=right, environ_base={"REMOTE_ADDR": "198.51.100.7"}).status_code == 302
    with app.app_context():
        db.session.execute(db.update(LoginThrottle).values(blocked_until=None))
        db.session.commit()
    assert client.post("/login", data=right, environ_base=attacker).status_code == 302


def test_anonymous_htmx_requests_navigate_to_the_login_page(client, world):
    response = client.post("/manage/test/edit", headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response.headers["HX-Redirect"] == "/login"
    page = client.get("/manage/test/people")
    assert page.headers["Location"] == "/login?next=/manage/test/people"
