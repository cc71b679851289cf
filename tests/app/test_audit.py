"""The audit log is written in the same transaction as the change, and readable page by page."""
import pytest

from convention_testing import log_in
from convention.audit import services as audit
from convention.audit.models import AuditEntry
from convention.organising import services as conventions
from convention.organising.models import Convention
from convention.extensions import db


def _count(app):
    with app.app_context():
        return db.session.scalar(db.select(db.func.count()).select_from(AuditEntry))


def test_a_failed_change_leaves_no_audit_entry(app, world):
    before = _count(app)
    with app.app_context(), pytest.raises(Exception):
        convention = db.session.get(Convention, world.convention.id)
        conventions.update_convention(convention, {"title": "Changé"})
        db.session.flush()
        db.session.add(Convention(slug=convention.slug, title="doublon", question="?"))  # unique slug
        db.session.commit()
    with app.app_context():
        db.session.rollback()
        assert db.session.get(Convention, world.convention.id).title == "Convention test"
    assert _count(app) == before


def test_a_committed_change_and_its_entry_arrive_together(app, world):
    with app.app_context():
        convention = db.session.get(Convention, world.convention.id)
        conventions.update_convention(convention, {"panel_size": 50})
        assert _pending_entries() == 1
        db.session.commit()
    with app.app_context():
        entry = db.session.scalar(db.select(AuditEntry).filter_by(action="convention.update"))
        assert (entry.before, entry.after) == ({"panel_size": 40}, {"panel_size": 50})
        assert entry.created_at.tzinfo is not None


def _pending_entries():
    return sum(isinstance(obj, AuditEntry) for obj in db.session.new)


def test_log_page_is_paginated_newest_first(client, app, world):
    with app.app_context():
        convention = db.session.get(Convention, world.convention.id)
        for n in range(30):
            audit.record("test.action", convention, convention=convention, after={"n": n})
        db.session.commit()
    log_in(client, world.users["organiser"])
    first = client.get("/manage/test/audit").get_data(as_text=True)
    second = client.get("/manage/test/audit?page=2").get_data(as_text=True)
    assert first.index("<ins>29</ins>") < first.index("<ins>28</ins>")
    assert "<dt>n</dt>" in first, "unregistered fields show as their code"
    assert 'rel="next"' in first and "<ins>0</ins>" in second and "<ins>0</ins>" not in first
    assert client.get("/manage/test/audit?page=99").status_code == 200


def test_organisers_of_another_convention_do_not_see_its_log(client, world):
    log_in(client, world.users["other_organiser"])
    assert client.get("/manage/test/audit").status_code == 403


def test_coded_values_show_as_their_labels(client, app, world):
    log_in(client, world.users["organiser"])
    assert client.post("/manage/test/people/invite", data={"email": "nouvelle@example.org",
                                                            "role": "decision_maker"}).status_code == 302
    with app.app_context():
        convention = db.session.get(Convention, world.convention.id)
        conventions.update_convention(convention, {"is_public": True})
        db.session.commit()
    page = client.get("/manage/test/audit").get_data(as_text=True)
    assert "<ins>Décideur ou décideuse</ins>" in page and "decision_maker" not in page
    assert "<del>non</del> <ins>oui</ins>" in page
    client.post("/language", data={"locale": "en"})
    page = client.get("/manage/test/audit").get_data(as_text=True)
    assert "<ins>Decision maker</ins>" in page and "<del>no</del> <ins>yes</ins>" in page
