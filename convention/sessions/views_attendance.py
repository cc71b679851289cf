"""Attendance: one tap per member at the door (each mark is saved as it is made), statistics per
session and per member, and who missed a session (to send them what they missed)."""
from flask import abort, render_template, url_for
from flask_login import current_user

from ..auth import access
from ..auth.models import Role
from ..database import utcnow
from ..extensions import db, htmx
from ..web import redirect_to
from . import operations, queries
from .forms import AttendanceForm
from .models import AttendanceStatus
from .views import bp


def _context(convention, meeting):
    members = queries.panel_members(convention)
    return {"convention": convention, "meeting": meeting, "members": members,
            "marks": queries.attendance_of(meeting), "counts": queries.attendance_counts(meeting, members),
            "missed": queries.missed(meeting, members) if meeting.starts_at <= utcnow() else None,
            "statuses": list(AttendanceStatus), "form": AttendanceForm(formdata=None)}


@bp.get("/manage/<slug>/sessions/<int:meeting_id>/attendance")
@access.convention_role(Role.organiser)
def attendance(convention, meeting_id):
    meeting = queries.meeting_or_404(convention, meeting_id)
    return render_template("sessions/attendance.html", **_context(convention, meeting))


@bp.post("/manage/<slug>/sessions/<int:meeting_id>/attendance/<int:user_id>")
@access.convention_role(Role.organiser)
def mark(convention, meeting_id, user_id):
    meeting = queries.meeting_or_404(convention, meeting_id)
    member = next((m for m in queries.panel_members(convention) if m.id == user_id), None)
    if member is None:
        abort(404)
    form = AttendanceForm()
    if not form.validate_on_submit():
        abort(400)
    operations.mark_attendance(convention, meeting, member, AttendanceStatus[form.status.data], actor=current_user)
    db.session.commit()
    if htmx:   # the row, and the counts out of band
        return render_template("sessions/_attendance_marked.html", member=member, **_context(convention, meeting))
    return redirect_to(url_for(".attendance", slug=convention.slug, meeting_id=meeting.id) + f"#member-{member.id}")


@bp.get("/manage/<slug>/sessions/attendance")
@access.convention_role(Role.organiser)
def attendance_summary(convention):
    members = queries.panel_members(convention)
    meetings = [m for m in queries.meetings_of(convention) if m.starts_at <= utcnow()]
    return render_template("sessions/attendance_summary.html", convention=convention, members=members,
                           by_member=queries.attendance_by_member(convention, members),
                           by_meeting=[(m, queries.attendance_counts(m, members)) for m in meetings],
                           statuses=list(AttendanceStatus))
