"""The demo convention has a past session with attendance and a summary, the next one, and a later one."""
from convention.database import utcnow
from convention.extensions import db
from convention.sessions.models import Attendance, AttendanceStatus, Document, Meeting


def test_demo_plans_three_sessions_with_attendance(runner, app, client):
    result = runner.invoke(args=["convention", "demo"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        meetings = db.session.scalars(db.select(Meeting).order_by(Meeting.starts_at)).all()
        assert len(meetings) == 3 and all(m.is_published for m in meetings)
        past, upcoming, later = meetings
        assert past.ends_at < utcnow() < upcoming.starts_at < later.starts_at
        assert past.summary and upcoming.preparation and all(m.items for m in meetings)
        assert all(m.overrun_minutes == 0 for m in meetings)
        statuses = db.session.scalars(db.select(Attendance.status).filter_by(meeting_id=past.id)).all()
        assert statuses and AttendanceStatus.present in statuses and AttendanceStatus.absent in statuses
        assert db.session.scalar(db.select(db.func.count()).select_from(Document).filter_by(hearing_id=None)) == 2
        slug = past.convention.slug
    page = client.get(f"/c/{slug}/sessions").get_data(as_text=True)
    assert "Séance 2 : l&#39;IA dans les services publics" in page or "Séance 2 : l'IA dans les services publics" in page
