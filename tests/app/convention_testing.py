"""Helpers shared by the application and browser tests (imported by their conftest files)."""
from dataclasses import dataclass
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from convention.auth.models import Membership, User
from convention.organising.models import Convention
from convention.extensions import db

ROOT = Path(__file__).resolve().parents[2]


def app_config(database_url, **overrides):
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "WTF_CSRF_ENABLED": False,
        "TASKS_IMMEDIATE": True,
        "TASKS_IN_PROCESS_WORKER": False,
        "MAIL_SERVER": None,
        "ARGON2_PROFILE": "CHEAPEST",
        "DEMO_POOL_SIZE": 150,      # the demo's real leximin draw, on a small pool...
        "DEMO_FEATURES": 3,         # ...with three features, so that it takes a fraction of a second
    }
    config.update(overrides)
    return config


def make_user(email, convention=None, role=None, is_admin=False, password=None):
    user = User(email=email, name=email.split("@")[0].title(), is_admin=is_admin)
    if password:
        user.set_password(password)
    db.session.add(user)
    if role is not None:
        db.session.add(Membership(user=user, convention=convention, role=role))
    return user


def make_convention(title="Convention test", slug="test", is_public=False):
    convention = Convention(slug=slug, title=title, question="Quelle question ?", panel_size=40,
                            is_public=is_public)
    db.session.add(convention)
    return convention


@dataclass
class World:
    convention: Convention
    other: Convention
    users: dict


def log_in(client, user):
    """Log a user in through the session cookie (argon2 is exercised by the login tests only)."""
    with client.session_transaction() as session:
        if user is None:
            session.clear()
        else:
            session["_user_id"] = user.get_id()  # "id:session counter", see auth/sessions.py
            session["_fresh"] = True


def compile_catalogues():
    """Compile the .po catalogues whose .mo is missing or older (as `make translations` does)."""
    for po in (ROOT / "translations").glob("*/LC_MESSAGES/messages.po"):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            with open(po, "rb") as source:
                catalogue = read_po(source)
            with open(mo, "wb") as target:
                write_mo(target, catalogue, use_fuzzy=True)


def detached(app, model, id):
    """The row `id` of `model`, loaded and detached: its columns stay readable after the session."""
    with app.app_context():
        obj = db.session.get(model, id)
        db.session.expunge(obj)
        return obj
