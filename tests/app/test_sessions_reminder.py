"""The members who missed a session get its summary and the links to its documents by mail, after a
confirmation page; the sending is logged, and only organisers send it."""
from convention_testing import log_in, make_user
from sessions_testing import PDF, make_meeting
from convention.audit.models import AuditEntry
from convention.auth.models import Role
from convention.organising.models import Convention
from convention.extensions import db
from convention.mail.models import OutboxMessage
from convention.sessions.models import Attendance, AttendanceStatus, Document


def _session(app, world, days=-1, summary="Nous avons entendu la CNIL, puis travaillé en groupes."):
    with app.app_context():
        convention = db.session.get(Convention, world.convention.id)
        present = make_user("presente@example.org", convention, Role.member)
        excused = make_user("excusee@example.org", convention, Role.member)
        meeting = make_meeting(world.convention.id, days=days, published=True)
        meeting.summary = summary
        db.session.add_all([
            Attendance(meeting_id=meeting.id, user_id=present.id, status=AttendanceStatus.present),
            Attendance(meeting_id=meeting.id, user_id=excused.id, status=AttendanceStatus.excused),
            Document(convention_id=world.convention.id, meeting=meeting, title="Dossier d'accueil",
                     filename="accueil.pdf", content_type="application/pdf", size=len(PDF), sha256="0" * 64,
                     data=PDF)])
        db.session.commit()
        return meeting.id, [d.id for d in meeting.documents]


def _mails(app):
    with app.app_context():
        return {m.recipient: m for m in db.session.scalars(db.select(OutboxMessage))}


def _reminders(app):
    with app.app_context():
        return db.session.scalars(db.select(AuditEntry).filter_by(action="sessions.reminder")).all()


def test_the_absent_members_get_the_summary_and_the_document_links(client, app, world):
    meeting_id, [document_id] = _session(app, world)
    slug = world.convention.slug
    log_in(client, world.users["organiser"])
    attendance = client.get(f"/manage/{slug}/sessions/{meeting_id}/attendance").get_data(as_text=True)
    url = f"/manage/{slug}/sessions/{meeting_id}/attendance/reminder"
    assert f'href="{url}"' in attendance
    # First a confirmation page that lists who gets the message; nothing is sent yet.
    page = client.get(url).get_data(as_text=True)
    assert "membre@example.org" in page and "excusee@example.org" in page and "presente@example.org" not in page
    assert "2 destinataires" in page.replace("\u202f", " ") and 'name="csrf_token"' in page
    assert _mails(app) == {} and _reminders(app) == []
    response = client.post(url, data={}, follow_redirects=True)
    assert response.status_code == 200 and "envoyés à 2 membres" in response.get_data(as_text=True)
    mails = _mails(app)
    assert set(mails) == {"membre@example.org", "excusee@example.org"}
    mail = mails["excusee@example.org"]
    assert mail.subject.replace("\u202f", " ").startswith("Ce que vous avez manqué : Séance 1")
    assert "Nous avons entendu la CNIL" in mail.body and "Dossier d'accueil" in mail.body
    assert f"http://localhost/c/{slug}/documents/{document_id}" in mail.body
    assert f"http://localhost/c/{slug}/sessions/{meeting_id}" in mail.body
    [entry] = _reminders(app)
    assert sorted(entry.after["recipients"]) == ["excusee@example.org", "membre@example.org"]
    # A second time, the confirmation page says it was already sent.
    assert "Un envoi a déjà été fait" in client.get(url).get_data(as_text=True)


def test_no_reminder_before_the_session_nor_when_everybody_was_there(client, app, world):
    later, _documents = _session(app, world, days=3)
    slug = world.convention.slug
    log_in(client, world.users["organiser"])
    response = client.post(f"/manage/{slug}/sessions/{later}/attendance/reminder", data={}, follow_redirects=True)
    assert "pas encore commencé" in response.get_data(as_text=True)
    with app.app_context():
        past = make_meeting(world.convention.id, title="Séance 0", days=-2, place="Ailleurs")
        for membership in db.session.get(Convention, world.convention.id).memberships:
            if membership.role is Role.member:
                db.session.add(Attendance(meeting_id=past.id, user_id=membership.user_id,
                                          status=AttendanceStatus.present))
        db.session.commit()
        past_id = past.id
    response = client.post(f"/manage/{slug}/sessions/{past_id}/attendance/reminder", data={}, follow_redirects=True)
    assert "Personne à relancer" in response.get_data(as_text=True)
    assert _mails(app) == {} and _reminders(app) == []


def test_only_organisers_send_the_reminder(client, app, world):
    meeting_id, _documents = _session(app, world)
    url = f"/manage/{world.convention.slug}/sessions/{meeting_id}/attendance/reminder"
    for role in ("member", "expert", "decision_maker", "other_organiser"):
        log_in(client, world.users[role])
        assert client.post(url, data={}).status_code == 403
    assert _mails(app) == {} and _reminders(app) == []
