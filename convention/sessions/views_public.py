"""What everyone sees once the organisers publish: the programme, a session with its agenda and
documents and summary, the calendars; members see their next session on their home page."""
from flask import Response, render_template

from ..auth import access
from ..database import utcnow
from ..organising import home
from ..organising.services import get_by_slug_or_404
from ..mail import services as mail
from ..public import sections
from . import calendar, queries
from .views import bp


def _url_of(meeting):
    try:
        return mail.external_url("sessions.public_show", slug=meeting.convention.slug, meeting_id=meeting.id)
    except mail.UntrustedHost:      # no configured address to point to: the event goes without a link
        return None


def _visible(slug):
    convention = get_by_slug_or_404(slug)
    access.require_visible(convention)
    return convention


@bp.get("/c/<slug>/sessions")
def public_index(slug):
    convention = _visible(slug)
    return render_template("sessions/public_index.html", convention=convention,
                           meetings=queries.meetings_of(convention, published_only=True))


@bp.get("/c/<slug>/sessions/<int:meeting_id>")
def public_show(slug, meeting_id):
    convention = _visible(slug)
    meeting = queries.meeting_or_404(convention, meeting_id, published_only=True)
    return render_template("sessions/public_show.html", convention=convention, meeting=meeting,
                           documents=queries.public_documents(meeting))


def _ics(body, filename):
    return Response(body, mimetype="text/calendar",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@bp.get("/c/<slug>/sessions/<int:meeting_id>.ics")
def meeting_ics(slug, meeting_id):
    convention = _visible(slug)
    meeting = queries.meeting_or_404(convention, meeting_id, published_only=True)
    return _ics(calendar.calendar(convention.title, [meeting], _url_of), f"{convention.slug}-session-{meeting.id}.ics")


@bp.get("/c/<slug>/agenda.ics")
def agenda_ics(slug):
    """The subscribable calendar of every published session of the convention."""
    convention = _visible(slug)
    meetings = queries.meetings_of(convention, published_only=True)
    return _ics(calendar.calendar(convention.title, meetings, _url_of), f"{convention.slug}.ics")


def public_section(convention):
    """On the convention's page: the next published session, and the link to the programme."""
    meetings = queries.meetings_of(convention, published_only=True)      # in date order
    now = utcnow()
    return {"next": next((m for m in meetings if m.ends_at > now), None), "count": len(meetings)}


def home_section(user):
    """On a member's home page: the next session of each convention they sit in."""
    return {"meetings": queries.next_meetings_of_member(user)} if user.is_authenticated else {}


sections.register("sessions/_public_section.html", order=6, context=public_section)  # the next session first
home.register("sessions/_home_section.html", order=10, context=home_section)
