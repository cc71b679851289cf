"""Attendance: one tap per member, a new tap replaces the mark, counts and who missed the session."""
from convention_testing import log_in
from sessions_testing import make_meeting
from convention.audit.models import AuditEntry
from convention.extensions import db
from convention.sessions.models import Attendance, AttendanceStatus

HTMX = {"HX-Request": "true"}


def _setup(app, world, days=-1):
    with app.app_context():
        meeting_id = make_meeting(world.convention.id, days=days).id
        db.session.commit()
        return meeting_id


def _marks(app):
    with app.app_context():
        return {a.user_id: a.status for a in db.session.scalars(db.select(Attendance))}


def test_one_tap_marks_a_member_and_another_replaces_it(client, app, world):
    meeting_id = _setup(app, world)
    member = world.users["member"].id
    url = f"/manage/{world.convention.slug}/sessions/{meeting_id}/attendance/{member}"
    log_in(client, world.users["organiser"])
    response = client.post(url, data={"status": "absent"}, headers=HTMX)
    row = response.get_data(as_text=True)
    assert response.status_code == 200 and f'id="member-{member}"' in row
    assert 'value="absent" class="mark mark-absent"\n                aria-pressed="true"' in row
    assert 'id="attendance-counts"' in row and 'hx-swap-oob="true"' in row
    assert client.post(url, data={"status": "present"}).status_code == 302
    assert _marks(app) == {member: AttendanceStatus.present}
    with app.app_context():
        entries = db.session.scalars(db.select(AuditEntry).filter_by(action="sessions.attendance")).all()
        assert [e.after["status"] for e in entries] == ["absent", "present"]
    # The same tap again changes nothing and writes nothing.
    client.post(url, data={"status": "present"})
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(AuditEntry)
                                 .filter_by(action="sessions.attendance")) == 2


def test_only_panel_members_are_marked_and_only_by_organisers(client, app, world):
    meeting_id = _setup(app, world)
    slug = world.convention.slug
    log_in(client, world.users["organiser"])
    expert = world.users["expert"].id
    assert client.post(f"/manage/{slug}/sessions/{meeting_id}/attendance/{expert}",
                       data={"status": "present"}).status_code == 404
    member = world.users["member"].id
    assert client.post(f"/manage/{slug}/sessions/{meeting_id}/attendance/{member}",
                       data={"status": "here"}).status_code == 400
    log_in(client, world.users["member"])
    assert client.post(f"/manage/{slug}/sessions/{meeting_id}/attendance/{member}",
                       data={"status": "present"}).status_code == 403
    assert _marks(app) == {}


def test_statistics_and_the_members_who_missed_a_session(client, app, world):
    meeting_id = _setup(app, world)
    later = _setup(app, world, days=5)
    slug = world.convention.slug
    log_in(client, world.users["organiser"])
    page = client.get(f"/manage/{slug}/sessions/{meeting_id}/attendance").get_data(as_text=True)
    assert "Absent·es à cette séance" in page and "membre@example.org" in page and "non noté·e" in page
    assert "Absent·es à cette séance" not in client.get(f"/manage/{slug}/sessions/{later}/attendance").get_data(as_text=True)
    member = world.users["member"].id
    client.post(f"/manage/{slug}/sessions/{meeting_id}/attendance/{member}", data={"status": "present"})
    page = client.get(f"/manage/{slug}/sessions/{meeting_id}/attendance").get_data(as_text=True)
    assert "Tout le monde était là." in page
    summary = client.get(f"/manage/{slug}/sessions/attendance").get_data(as_text=True)
    assert "Membre" in summary and "Séances tenues" in summary
