"""Requests at the same moment, on real threads, against an app with its own database (SQLite file or
PostgreSQL): no request fails because another one wrote at the same time, and operations that must
happen once (a draw, a replacement draw, a participant, a rate limit) happen once (issue 10, items 11-12)."""
import threading

import pytest

from convention import create_app
from convention.audit.models import AuditEntry
from convention.auth.models import Role
from convention.contributions.models import Consultation, Contribution, PublicAuthor
from convention.draw.models import DrawRound, Selection
from convention.extensions import db
from convention_testing import app_config, log_in, make_convention, make_user
from draw_testing import drawn, ready_to_draw, set_panel_size

IDEA = {"text": "Des bancs à l'ombre.", "category": "", "name": "Nadia", "consent": "y"}


@pytest.fixture
def _rollback():
    """These tests commit for real, in their own database: no transaction to roll back."""
    yield


@pytest.fixture
def own_app(empty_database):
    app = create_app(app_config(empty_database(), CONSULTATION_RATE_LIMIT=5))
    with app.app_context():
        db.create_all()
        convention = make_convention(is_public=True)
        organiser = make_user("organisatrice@example.org", convention, Role.organiser)
        member = make_user("membre@example.org", convention, Role.member)
        db.session.flush()
        db.session.add(Consultation(convention_id=convention.id, is_open=True))
        db.session.commit()
        app.people = {"organiser": organiser.get_id(), "member": member.get_id(), "convention": convention.id}
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _client(app, who=None):
    client = app.test_client()
    if who is not None:
        with client.session_transaction() as session:
            session["_user_id"], session["_fresh"] = app.people[who], True
    return client


def _at_once(app, requests, who=None):
    """Send each `(path, data, environ)` from its own thread and client, released together; the
    status codes, in order."""
    clients = [_client(app, who) for _ in requests]
    barrier = threading.Barrier(len(requests))
    codes = [None] * len(requests)

    def send(i, path, data, environ):
        barrier.wait()
        try:
            codes[i] = clients[i].post(path, data=data, environ_base=environ or {}).status_code
        except Exception:  # noqa: BLE001 - TESTING propagates errors: a 500 for the user
            codes[i] = 500

    threads = [threading.Thread(target=send, args=(i, *request)) for i, request in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return codes


def _count(app, model, **filters):
    with app.app_context():
        return db.session.scalar(db.select(db.func.count()).select_from(model).filter_by(**filters))


def test_parallel_draw_posts_start_one_draw(own_app):
    organiser = _client(own_app, "organiser")
    set_panel_size(own_app, own_app.people["convention"])
    ready_to_draw(organiser, "test")
    codes = _at_once(own_app, [("/manage/test/draw/run", {"algorithm": "leximin"}, None)] * 5, "organiser")
    assert codes == [302] * 5
    assert _count(own_app, DrawRound) == 1 and _count(own_app, AuditEntry, action="draw.start") == 1


def test_parallel_replacement_posts_draw_once(own_app):
    organiser = _client(own_app, "organiser")
    set_panel_size(own_app, own_app.people["convention"])
    drawn(organiser, "test")
    with own_app.app_context():
        declined = db.session.scalars(db.select(Selection.id).order_by(Selection.id).limit(2)).all()
    for selection_id in declined:
        organiser.post(f"/manage/test/draw/panel/{selection_id}/status", data={"status": "declined"})
    codes = _at_once(own_app, [("/manage/test/draw/panel/replace", {"seed": "", "source": ""}, None)] * 3,
                     "organiser")
    assert codes == [302] * 3
    assert _count(own_app, DrawRound) == 2, "one replacement round, no empty third one"
    assert _count(own_app, AuditEntry, action="draw.replace_start") == 1
    assert _count(own_app, AuditEntry, action="draw.replace") == 1


def test_parallel_member_contributions_are_all_saved(own_app):
    requests = [("/c/test/contributions", {"text": f"Idée {i}", "category": ""}, None) for i in range(4)]
    assert _at_once(own_app, requests, "member") == [302] * 4
    assert _count(own_app, Contribution) == 4


def test_parallel_consultation_posts_keep_the_rate_limit(own_app):
    requests = [("/c/test/consultation", {**IDEA, "email": f"p{i}@example.org"}, None) for i in range(20)]
    codes = _at_once(own_app, requests)
    assert sorted(codes) == [302] * 5 + [429] * 15
    assert _count(own_app, Contribution) == 5


def test_parallel_first_submissions_with_one_email_make_one_participant(own_app):
    requests = [("/c/test/consultation", {**IDEA, "email": "Nouvelle@example.org", "text": f"Idée {i}"},
                 {"REMOTE_ADDR": f"192.0.2.{i + 1}"}) for i in range(3)]
    assert _at_once(own_app, requests) == [302] * 3
    assert _count(own_app, PublicAuthor) == 1 and _count(own_app, Contribution) == 3
