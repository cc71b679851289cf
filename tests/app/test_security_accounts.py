"""Reproductions of the account and session findings of the security review (issue #10, items 1-5,
17 and 18): each failed on the code before its fix."""
import re

import pytest
import sqlalchemy as sa
from werkzeug.middleware.proxy_fix import ProxyFix

from convention_testing import log_in, make_user
from convention.auth import passwords
from convention.auth.models import Invitation, LoginThrottle, PasswordReset, Role
from convention.auth import services as auth
from convention.extensions import db
from convention.mail.models import OutboxMessage

PASSWORD = "un mot de passe long"


def _account(app, email="camille@example.org", **values):
    with app.app_context():
        user = make_user(email, password=PASSWORD, **values)
        db.session.commit()
        return user.id


def _mails(app):
    with app.app_context():
        return db.session.execute(db.select(OutboxMessage.recipient, OutboxMessage.body)
                                  .order_by(OutboxMessage.id)).all()


def _link_path(body):
    return re.search(r"https?://[^/\s]+(/\S+)", body).group(1)


# 1. Links in mail never follow a forged Host (or X-Forwarded-Host) header.

def test_a_forged_host_gets_no_reset_link(client, app):
    _account(app)
    response = client.post("/password/forgot", data={"email": "camille@example.org"},
                           headers={"Host": "evil.example.com"})
    assert response.status_code == 400
    assert _mails(app) == []


def test_a_forged_forwarded_host_behind_a_trusted_proxy_gets_no_link(client, app, monkeypatch):
    _account(app)
    monkeypatch.setattr(app, "wsgi_app", ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1))
    response = client.post("/password/forgot", data={"email": "camille@example.org"},
                           headers={"X-Forwarded-Host": "evil.example.com", "X-Forwarded-For": "203.0.113.9"})
    assert response.status_code == 400
    assert _mails(app) == []


def test_links_use_base_url_whatever_the_host(client, app, monkeypatch):
    _account(app)
    monkeypatch.setitem(app.config, "BASE_URL", "https://convention.example.org")
    monkeypatch.setitem(app.config, "TRUSTED_HOSTS", None)
    client.post("/password/forgot", data={"email": "camille@example.org"}, headers={"Host": "evil.example.com"})
    [(_recipient, body)] = _mails(app)
    assert "https://convention.example.org/password/reset/" in body and "evil" not in body


def test_without_base_url_nor_trusted_hosts_no_link_is_mailed_and_it_is_logged(client, app, world, monkeypatch,
                                                                                caplog):
    _account(app)
    monkeypatch.setitem(app.config, "TRUSTED_HOSTS", None)
    response = client.post("/password/forgot", data={"email": "camille@example.org"},
                           headers={"Host": "evil.example.com"})
    assert response.status_code == 302  # the same answer as for an unknown address
    assert _mails(app) == []
    assert "BASE_URL" in caplog.text
    log_in(client, world.users["organiser"])  # any Host may be forged: not even this one is used
    response = client.post("/manage/test/people/invite", data={"email": "x@example.org", "role": "member"})
    assert response.status_code == 400
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Invitation.id))) == 0


def test_the_local_hosts_are_trusted_by_default(client, app):
    _account(app)
    client.post("/password/forgot", data={"email": "camille@example.org"}, headers={"Host": "127.0.0.1:5000"})
    assert "http://127.0.0.1:5000/password/reset/" in _mails(app)[0][1]


# 2. No open redirect after login, for plain and htmx requests.

@pytest.mark.parametrize("target", ["/\\evil.example", "/\t/evil.example", "/\n/evil.example", "//evil.example", "https://evil.example/", "/\x0b/evil.example",
                                    "\\\\evil.example", "/ /evil.example", "javascript:alert(1)"])
@pytest.mark.parametrize("htmx", [False, True])
def test_login_never_redirects_to_another_host(client, app, target, htmx):
    _account(app)
    headers = {"HX-Request": "true"} if htmx else {}
    response = client.post("/login", query_string={"next": target}, headers=headers,
                           data={"email": "camille@example.org", "password": PASSWORD})
    location = response.headers["HX-Redirect" if htmx else "Location"]
    assert location == "/dashboard"


def test_the_reviewed_htmx_redirect(client, app):
    _account(app)
    response = client.post("/login?next=/%5Cevil.example", headers={"HX-Request": "true"},
                           data={"email": "camille@example.org", "password": PASSWORD})
    assert response.headers["HX-Redirect"] == "/dashboard"


def test_login_still_follows_a_local_next(client, app):
    _account(app)
    response = client.post("/login?next=/c/test/contributions%3Fpage%3D2", headers={"HX-Request": "true"},
                           data={"email": "camille@example.org", "password": PASSWORD})
    assert response.headers["HX-Redirect"] == "/c/test/contributions?page=2"


# 3. Logout, a password change or reset end every session of the account.

def _logged_in_client(app, password=PASSWORD):
    client = app.test_client()
    response = client.post("/login", data={"email": "camille@example.org", "password": password})
    assert response.status_code == 302
    return client


def _copy(app, client):
    copy = app.test_client()
    copy.set_cookie("session", client.get_cookie("session").value)
    assert copy.get("/dashboard").status_code == 200
    return copy


def test_a_copied_cookie_dies_with_the_logout(app):
    _account(app)
    client = _logged_in_client(app)
    copy = _copy(app, client)
    client.post("/logout")
    assert copy.get("/dashboard").status_code == 302


def test_a_password_reset_ends_every_session(client, app):
    _account(app)
    victim_device = _logged_in_client(app)
    client.post("/password/forgot", data={"email": "camille@example.org"})
    path = _link_path(_mails(app)[-1][1])
    assert client.post(path, data={"password": "un nouveau mot de passe", "confirm": "un nouveau mot de passe"}
                       ).status_code == 302
    assert victim_device.get("/dashboard").status_code == 302
    assert client.get("/dashboard").status_code == 200  # the one who reset it is logged in


def test_a_password_change_ends_the_other_sessions_only(app):
    _account(app)
    client = _logged_in_client(app)
    other_device = _copy(app, _logged_in_client(app))
    response = client.post("/account", data={"current_password": PASSWORD, "password": "un nouveau mot de passe",
                                             "confirm": "un nouveau mot de passe"})
    assert response.status_code == 302
    assert client.get("/dashboard").status_code == 200
    assert other_device.get("/dashboard").status_code == 302


def test_log_out_everywhere_from_the_account_page(app):
    _account(app)
    client = _logged_in_client(app)
    other_device = _logged_in_client(app)
    page = client.get("/account").get_data(as_text=True)
    assert 'action="/account/sessions"' in page and "Se déconnecter partout" in page
    assert client.post("/account/sessions").status_code == 302
    assert client.get("/dashboard").status_code == 302
    assert other_device.get("/dashboard").status_code == 302


# 4. Unknown and existing accounts: the same work, the same answers; throttling, never a lock.

class _CountingHasher:
    def __init__(self, hasher):
        self.hasher, self.verified = hasher, 0

    def verify(self, stored_hash, password):
        self.verified += 1
        return self.hasher.verify(stored_hash, password)

    def __getattr__(self, name):
        return getattr(self.hasher, name)


def _error(response):
    return re.search(r'id="password-error"[^>]*>(.*?)</', response.get_data(as_text=True), re.S).group(1).strip()


def test_unknown_accounts_cost_a_password_check_and_get_the_same_answer(client, app, monkeypatch):
    _account(app)
    counting = _CountingHasher(passwords._hasher)
    monkeypatch.setattr(passwords, "_hasher", counting)
    known = client.post("/login", data={"email": "camille@example.org", "password": "faux"})
    assert counting.verified == 1
    unknown = client.post("/login", data={"email": "personne@example.org", "password": "faux"})
    assert counting.verified == 2
    assert known.status_code == unknown.status_code == 422
    assert _error(known) == _error(unknown) != ""


def test_unknown_and_existing_accounts_are_throttled_alike(client, app):
    _account(app)
    for email in ["camille@example.org", "personne@example.org"]:
        answers = [_error(client.post("/login", data={"email": email, "password": "faux"}))
                   for _attempt in range(app.config["LOGIN_FREE_ATTEMPTS"] + 1)]
        assert ["Trop de tentatives" in answer for answer in answers] == (
            [False] * app.config["LOGIN_FREE_ATTEMPTS"] + [True]), email


def test_an_address_trying_many_accounts_is_slowed_down(client, app):
    for i in range(app.config["LOGIN_ADDRESS_FREE_ATTEMPTS"]):
        client.post("/login", data={"email": f"essai{i}@example.org", "password": "faux"})
    response = client.post("/login", data={"email": "encore@example.org", "password": "faux"})
    assert "Trop de tentatives" in _error(response)
    other_address = client.post("/login", data={"email": "encore@example.org", "password": "faux"},
                                environ_base={"REMOTE_ADDR": "198.51.100.7"})
    assert "Trop de tentatives" not in _error(other_address)


def test_delays_grow_with_each_failure(client, app):
    _account(app)
    waits = []
    for _attempt in range(app.config["LOGIN_FREE_ATTEMPTS"] + 3):
        client.post("/login", data={"email": "camille@example.org", "password": "faux"})
        with app.app_context():
            row = db.session.scalar(db.select(LoginThrottle).filter(LoginThrottle.key.like("pair:%")))
            if row.blocked_until is not None:
                waits.append(row.blocked_until - row.last_failure_at)
                row.blocked_until = None  # the wait is over: the next try is checked
                db.session.commit()
    assert len(waits) == 4 and waits == sorted(waits) and waits[0] < waits[-1]


def test_the_throttle_keeps_no_e_mail_nor_ip_address(client, app):
    client.post("/login", data={"email": "camille@example.org", "password": "faux"},
                environ_base={"REMOTE_ADDR": "203.0.113.9"})
    with app.app_context():
        keys = db.session.scalars(db.select(LoginThrottle.key)).all()
    assert len(keys) == 3 and not any("camille" in key or "203.0.113" in key for key in keys)


def test_the_owner_is_told_by_mail_once(client, app):
    _account(app)
    for i in range(app.config["LOGIN_FREE_ATTEMPTS"] + 2):
        client.post("/login", data={"email": "camille@example.org", "password": "faux"},
                    environ_base={"REMOTE_ADDR": f"203.0.113.{i + 1}"})
    assert [recipient for recipient, _body in _mails(app)] == ["camille@example.org"]
    assert "mot de passe" in _mails(app)[0][1]


# 5. A new link voids the older ones; every password check is throttled.

def test_a_new_reset_link_voids_the_older_one(client, app):
    _account(app)
    client.post("/password/forgot", data={"email": "camille@example.org"})
    with app.app_context():  # the form sends no second link within minutes: let them pass
        reset = db.session.scalar(db.select(PasswordReset))
        reset.created_at = reset.created_at.replace(year=reset.created_at.year - 1)
        reset.expires_at = reset.expires_at.replace(year=reset.expires_at.year + 1)
        db.session.commit()
    client.post("/password/forgot", data={"email": "camille@example.org"})
    first, second = (_link_path(body) for _recipient, body in _mails(app))
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200


def test_a_password_change_voids_the_reset_links(client, app):
    _account(app)
    client.post("/password/forgot", data={"email": "camille@example.org"})
    path = _link_path(_mails(app)[0][1])
    logged_in = _logged_in_client(app)
    assert logged_in.post("/account", data={"current_password": PASSWORD, "password": "un nouveau mot de passe",
                                            "confirm": "un nouveau mot de passe"}).status_code == 302
    assert client.get(path).status_code == 404


def test_the_current_password_of_the_account_page_is_throttled(app):
    _account(app)
    client = _logged_in_client(app)
    wrong = {"current_password": "faux", "password": "un nouveau mot de passe", "confirm": "un nouveau mot de passe"}
    for _attempt in range(app.config["LOGIN_FREE_ATTEMPTS"]):
        assert client.post("/account", data=wrong).status_code == 422
    response = client.post("/account", data={**wrong, "current_password": PASSWORD})
    assert response.status_code == 422 and "Trop de tentatives" in response.get_data(as_text=True)


def test_accepting_an_invitation_with_an_existing_account_is_throttled(client, app, world):
    _account(app)
    with app.app_context():
        convention = db.session.merge(world.convention)
        _invitation, token = auth.invite(convention, "camille@example.org", Role.expert)
        db.session.commit()
    for _attempt in range(app.config["LOGIN_FREE_ATTEMPTS"]):
        assert client.post(f"/invitation/{token}", data={"password": "faux"}).status_code == 422
    response = client.post(f"/invitation/{token}", data={"password": PASSWORD})
    assert response.status_code == 422 and "Trop de tentatives" in response.get_data(as_text=True)


# 17. No working link in the database; no cache keeps pages with personal data; HSTS over HTTPS.

def test_the_outbox_table_holds_no_working_link(client, app):
    _account(app)
    client.post("/password/forgot", data={"email": "camille@example.org"})
    path = _link_path(_mails(app)[0][1])  # readable through the application (with the secret key)...
    with app.app_context():
        stored = db.session.execute(sa.text("SELECT body FROM outbox_messages")).scalar_one()
    assert "/password/reset/" not in stored and path.rsplit("/", 1)[1] not in stored  # ...not in the table


@pytest.mark.parametrize("url", ["/account", "/dashboard", "/manage/test/people", "/manage/test/draw/pool",
                                 "/admin/outbox", "/manage/test/audit"])
def test_pages_with_personal_data_are_not_cached(client, world, url):
    log_in(client, world.users["admin"])
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"


def test_public_pages_and_static_files_stay_cacheable(client, app):
    assert "no-store" not in client.get("/").headers.get("Cache-Control", "")
    assert "no-store" not in client.get("/static/app.css").headers.get("Cache-Control", "")
    assert client.get("/password/forgot").headers["Cache-Control"] == "no-store"


def test_hsts_with_secure_cookies_only(client, app, monkeypatch):
    assert "Strict-Transport-Security" not in client.get("/").headers
    monkeypatch.setitem(app.config, "SESSION_COOKIE_SECURE", True)
    assert client.get("/").headers["Strict-Transport-Security"].startswith("max-age=")


# 18. Huge page numbers are an empty page, not a 500.

@pytest.mark.parametrize("url", ["/", "/dashboard", "/manage/test/people", "/manage/test/audit",
                                 "/manage/test/draw/pool", "/admin/outbox", "/c/test/contributions",
                                 "/manage/test/contributions/all"])
def test_huge_page_numbers_give_a_page(client, world, url):
    log_in(client, world.users["admin"])
    for page in ["1000000000000000000", "-5", "0"]:
        response = client.get(url, query_string={"page": page, "invitations_page": page, "per_page": "100000000"})
        assert response.status_code == 200, (url, page)
