"""Attendance: one tap per member at the door (each mark is saved as it is made), statistics per
session and per member, and who missed a session (to send them what they missed)."""
from flask import abort, flash, render_template, url_for
from flask_login import current_user

from ..auth import access
from ..auth.models import Role
from ..database import utcnow
from ..extensions import db, htmx
from ..i18n import _, ngettext
from ..forms import ConfirmForm
from ..web import confirmed, redirect_to
from . import operations, queries
from .forms import AttendanceForm
from .models import AttendanceStatus
from .views import bp


def _context(convention, meeting, members=None):
    members = queries.panel_members(convention) if members is None else members
    marks = queries.attendance_of(meeting)
    return {"convention": convention, "meeting": meeting, "members": members,
            "marks": marks, "counts": queries.attendance_counts(marks, members),
            "missed": queries.missed(marks, members) if meeting.starts_at <= utcnow() else None,
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
    members = queries.panel_members(convention)
    member = next((m for m in members if m.id == user_id), None)
    if member is None:
        abort(404)
    form = AttendanceForm()
    if not form.validate_on_submit():
        abort(400)
    operations.mark_attendance(convention, meeting, member, AttendanceStatus[form.status.data], actor=current_user)
    db.session.commit()
    if htmx:   # the row, and the counts out of band
        return render_template("sessions/_attendance_marked.html", member=member,
                               **_context(convention, meeting, members))
    return redirect_to(url_for(".attendance", slug=convention.slug, meeting_id=meeting.id) + f"#member-{member.id}")


@bp.get("/manage/<slug>/sessions/attendance")
@access.convention_role(Role.organiser)
def attendance_summary(convention):
    members = queries.panel_members(convention)
    meetings = [m for m in queries.meetings_of(convention) if m.starts_at <= utcnow()]
    return render_template("sessions/attendance_summary.html", convention=convention, members=members,
                           by_member=queries.attendance_by_member(convention, members),
                           by_meeting=[(m, queries.attendance_counts(queries.attendance_of(m), members))
                                       for m in meetings],
                           statuses=list(AttendanceStatus))


@bp.route("/manage/<slug>/sessions/<int:meeting_id>/attendance/reminder", methods=["GET", "POST"])
@access.convention_role(Role.organiser)
def remind(convention, meeting_id):
    """Mail the members who missed a session its summary and documents, after a confirmation page
    that lists them and shows the message."""
    meeting = queries.meeting_or_404(convention, meeting_id)
    back = url_for(".attendance", slug=convention.slug, meeting_id=meeting.id)
    if meeting.starts_at > utcnow():
        flash(_("The session has not started yet: nobody has missed it."), "error")
        return redirect_to(back)
    marks = queries.attendance_of(meeting)
    members = [member for member in queries.missed(marks, queries.panel_members(convention)) if member.email]
    if not members:
        flash(_("Nobody to remind: every member was there."), "info")
        return redirect_to(back)
    if not confirmed():
        return render_template("sessions/reminder.html", convention=convention, meeting=meeting, members=members,
                               marks=marks, form=ConfirmForm(), cancel_url=back,
                               last=queries.last_reminder(meeting))
    operations.send_reminders(convention, meeting, members, actor=current_user)
    db.session.commit()
    flash(ngettext("The summary and the documents were mailed to %(num)s member.",
                   "The summary and the documents were mailed to %(num)s members.", len(members)), "success")
    return redirect_to(back)
