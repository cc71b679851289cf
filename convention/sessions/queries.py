"""Reading sessions: the programme, the next session of a member, attendance statistics."""
from collections import Counter

from sqlalchemy.orm import selectinload

from ..auth.models import Membership, Role, User
from ..database import utcnow
from ..extensions import db
from .models import AgendaItem, Attendance, AttendanceStatus, Document, Meeting

WITH_AGENDA = (selectinload(Meeting.items), selectinload(Meeting.documents))


def meetings_of(convention, published_only=False):
    query = (db.select(Meeting).filter_by(convention_id=convention.id).options(*WITH_AGENDA)
             .order_by(Meeting.starts_at, Meeting.id))
    if published_only:
        query = query.filter_by(is_published=True)
    return db.session.scalars(query).all()


def meeting_or_404(convention, meeting_id, published_only=False):
    query = db.select(Meeting).filter_by(convention_id=convention.id, id=meeting_id)
    if published_only:
        query = query.filter_by(is_published=True)
    return db.first_or_404(query)


def item_or_404(meeting, item_id):
    return db.first_or_404(db.select(AgendaItem).filter_by(meeting_id=meeting.id, id=item_id))


def document_or_404(convention, document_id):
    return db.first_or_404(db.select(Document).filter_by(convention_id=convention.id, id=document_id))


def next_meetings_of_member(user, now=None):
    """[(convention, meeting)]: the next published session of each convention `user` sits in."""
    now = now or utcnow()
    rows = db.session.execute(
        db.select(Meeting).join(Membership, Membership.convention_id == Meeting.convention_id)
        .where(Membership.user_id == user.id, Membership.role == Role.member,
               Meeting.is_published.is_(True), Meeting.ends_at > now)
        .options(*WITH_AGENDA).order_by(Meeting.starts_at)).scalars().all()
    first = {}
    for meeting in rows:
        first.setdefault(meeting.convention_id, meeting)
    return list(first.values())


def overlapping(convention, starts_at, ends_at, place, exclude_id=None):
    """Other sessions of the convention at the same place whose hours cross [starts_at, ends_at)."""
    if not place.strip():
        return []
    query = db.select(Meeting).filter(Meeting.convention_id == convention.id,
                                      Meeting.starts_at < ends_at, Meeting.ends_at > starts_at)
    if exclude_id is not None:
        query = query.filter(Meeting.id != exclude_id)
    key = " ".join(place.casefold().split())
    return [m for m in db.session.scalars(query) if " ".join(m.place.casefold().split()) == key]


def panel_members(convention):
    """The convention's panel members (the people whose attendance is taken), by name."""
    return db.session.scalars(
        db.select(User).join(Membership).where(Membership.convention_id == convention.id,
                                               Membership.role == Role.member)
        .order_by(User.name, User.email)).all()


def attendance_of(meeting):
    """{user id: AttendanceStatus} of the marks taken at this session."""
    rows = db.session.execute(db.select(Attendance.user_id, Attendance.status).filter_by(meeting_id=meeting.id))
    return dict(rows.all())


def attendance_counts(marks, members):
    """{status (None: not marked): how many of `members`}, from a session's `attendance_of`."""
    counts = Counter(marks.get(member.id) for member in members)
    return {status: counts.get(status, 0) for status in AttendanceStatus} | {None: counts.get(None, 0)}


def attendance_by_member(convention, members, now=None):
    """{user id: {"present": n, "excused": n, "absent": n, "held": sessions held so far}}."""
    held = db.session.scalars(db.select(Meeting.id).filter(Meeting.convention_id == convention.id,
                                                           Meeting.starts_at <= (now or utcnow()))).all()
    stats = {member.id: {status.name: 0 for status in AttendanceStatus} | {"held": len(held)}
             for member in members}
    if held:
        rows = db.session.execute(db.select(Attendance.user_id, Attendance.status)
                                  .where(Attendance.meeting_id.in_(held)))
        for user_id, status in rows:
            if user_id in stats:
                stats[user_id][status.name] += 1
    return stats


def missed(marks, members):
    """The members marked absent or excused, or not marked at all (`marks`: a session's `attendance_of`)."""
    return [member for member in members if marks.get(member.id) is not AttendanceStatus.present]


def last_reminder(meeting):
    """The audit entry of the last reminder mailed for this session, or None (to avoid sending twice)."""
    from ..audit.models import AuditEntry

    return db.session.scalar(db.select(AuditEntry).filter_by(action="sessions.reminder", object_type="Meeting",
                                                             object_id=str(meeting.id))
                             .order_by(AuditEntry.id.desc()).limit(1))


def public_documents(meeting):
    """The documents of the session as a whole that the public may see: a hearing's documents (its
    slides, attached to the session too) only once the hearing is published."""
    from ..hearings.models import Hearing

    hearing_ids = {d.hearing_id for d in meeting.documents if d.hearing_id is not None}
    published = set(db.session.scalars(db.select(Hearing.id).where(Hearing.id.in_(hearing_ids),
                                                                    Hearing.is_published.is_(True)))) \
        if hearing_ids else set()
    return [d for d in meeting.documents if d.item_id is None and (d.hearing_id is None or d.hearing_id in published)]
