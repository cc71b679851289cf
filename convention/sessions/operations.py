"""Changing sessions: plan, edit, agenda items and their order, documents, attendance. Each change
is audit-logged in the caller's transaction; the caller commits."""
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app, render_template
from flask_babel import force_locale

from ..audit import labels
from ..audit import services as audit
from ..extensions import db
from ..i18n import _, _l
from ..mail import services as mail
from ..organising.models import Convention
from . import documents, queries
from .models import AgendaItem, AgendaKind, Attendance, AttendanceStatus, Meeting

labels.register(
    actions={"sessions.create": _l("Session planned"), "sessions.update": _l("Session changed"),
             "sessions.delete": _l("Session deleted"), "sessions.item_add": _l("Agenda item added"),
             "sessions.item_update": _l("Agenda item changed"), "sessions.item_delete": _l("Agenda item removed"),
             "sessions.item_move": _l("Agenda reordered"), "sessions.document_add": _l("Document added"),
             "sessions.document_delete": _l("Document removed"), "sessions.attendance": _l("Attendance marked"),
             "sessions.reminder": _l("What a session missed sent to absent members")},
    objects={"Meeting": _l("Session"), "AgendaItem": _l("Agenda item"), "Document": _l("Document"),
             "Attendance": _l("Attendance")},
    fields={"starts_at": _l("Start"), "ends_at": _l("End"), "place": _l("Place"),
            "access_info": _l("Access and accessibility"), "online_url": _l("Online link"),
            "preparation": _l("To read beforehand"), "summary": _l("Summary"), "is_published": _l("Published"),
            "kind": _l("Kind"), "minutes": _l("Duration (minutes)"), "order": _l("Order"),
            "filename": _l("File"), "sha256": _l("SHA-256 fingerprint"), "recipients": _l("Recipients")},
    values={"kind": {kind.name: kind.label for kind in AgendaKind},
            "status": {status.name: status.label for status in AttendanceStatus}},
    names={"Attendance": lambda attendance: attendance.user.display_name})


class Overlap(Exception):
    """Another session takes the same place at the same time (`meeting`)."""

    def __init__(self, meeting):
        super().__init__(meeting.title)
        self.meeting = meeting


class OutsideHours(Exception):
    """An agenda item would start after the session has ended (`starts_at` in UTC)."""

    def __init__(self, starts_at, item=None):
        super().__init__(starts_at)
        self.starts_at, self.item = starts_at, item


def _check_place(convention, meeting, exclude_id=None):
    # Two organisers planning at the same moment take turns (the convention's row is locked until the
    # transaction ends on PostgreSQL; SQLite runs one writing transaction at a time already).
    db.session.execute(db.select(Convention.id).filter_by(id=convention.id).with_for_update(key_share=True))
    clash = queries.overlapping(convention, meeting.starts_at, meeting.ends_at, meeting.place, exclude_id)
    if clash:
        raise Overlap(clash[0])


def create_meeting(convention, values):
    """Plan a session. Raises Overlap when the place is taken at those hours."""
    meeting = Meeting(convention_id=convention.id, **values)
    _check_place(convention, meeting)
    db.session.add(meeting)
    audit.record("sessions.create", meeting, convention=convention, after=meeting.summary_fields())
    return meeting


def update_meeting(convention, meeting, values):
    """Change a session; returns whether something changed. Raises Overlap; nothing is kept then.

    A change of hours that leaves agenda items starting after the end is allowed: the page warns
    that the agenda overruns, as it does when an item grows."""
    before = meeting.summary_fields()
    for name, value in values.items():
        setattr(meeting, name, value)
    _check_place(convention, meeting, exclude_id=meeting.id)
    return audit.record_changes("sessions.update", meeting, before, meeting.summary_fields(), convention=convention)


def delete_meeting(convention, meeting):
    audit.record("sessions.delete", None, convention=convention, before=meeting.summary_fields())
    db.session.delete(meeting)


def _start_of_new_item(meeting):
    return meeting.starts_at + timedelta(minutes=meeting.planned_minutes)


def add_item(convention, meeting, values):
    """Add an agenda item at the end. Raises OutsideHours when it would start after the session."""
    starts_at = _start_of_new_item(meeting)
    if starts_at >= meeting.ends_at:
        raise OutsideHours(starts_at)
    item = AgendaItem(meeting=meeting, position=len(meeting.items), **values)
    db.session.add(item)
    audit.record("sessions.item_add", item, convention=convention, after=item.summary_fields())
    return item


def update_item(convention, item, values):
    """Change an agenda item. Raises OutsideHours when a longer item pushes another one to start after
    the session's end (the caller rolls back); a shorter one, or the last one running over, is kept."""
    before = item.summary_fields()
    planned = item.meeting.planned_minutes
    for name, value in values.items():
        setattr(item, name, value)
    if item.meeting.planned_minutes > planned:
        late = next(((each, start) for each, start, _end in item.meeting.timed_items()
                     if start >= item.meeting.ends_at), None)
        if late is not None:
            raise OutsideHours(late[1], late[0])
    return audit.record_changes("sessions.item_update", item, before, item.summary_fields(), convention=convention)


def delete_item(convention, item):
    meeting = item.meeting
    audit.record("sessions.item_delete", None, convention=convention, before=item.summary_fields())
    meeting.items.remove(item)
    db.session.delete(item)
    _renumber(meeting)


def move_item(convention, item, offset):
    """Move an item up (-1) or down (+1) the agenda; returns False at either end."""
    items = list(item.meeting.items)
    index = items.index(item)
    target = index + offset
    if not 0 <= target < len(items):
        return False
    before = [i.title for i in items]
    items[index], items[target] = items[target], items[index]
    for position, each in enumerate(items):
        each.position = position
    item.meeting.items.sort(key=lambda each: each.position)
    audit.record("sessions.item_move", item.meeting, convention=convention,
                 before={"order": before}, after={"order": [i.title for i in items]})
    return True


class StaleOrder(Exception):
    """The order sent does not name exactly the session's items (another organiser changed them)."""


def reorder_items(convention, meeting, item_ids):
    """Put the agenda in the order of `item_ids` (dragged on the page); returns False when it was
    already so. Raises StaleOrder unless the ids are exactly the session's items, each once."""
    items = {item.id: item for item in meeting.items}
    if len(item_ids) != len(items) or set(item_ids) != set(items):
        raise StaleOrder()
    before = [item.title for item in meeting.items]
    if [item.id for item in meeting.items] == list(item_ids):
        return False
    for position, item_id in enumerate(item_ids):
        items[item_id].position = position
    meeting.items.sort(key=lambda each: each.position)
    audit.record("sessions.item_move", meeting, convention=convention,
                 before={"order": before}, after={"order": [item.title for item in meeting.items]})
    return True


def _renumber(meeting):
    for position, item in enumerate(meeting.items):
        item.position = position


def add_document(convention, meeting, title, filename, data, item=None, actor=None):
    """Keep an uploaded document. Raises documents.BadDocument (type, size, content)."""
    document = documents.new_document(convention, title, filename, data, actor, meeting=meeting, item=item)
    db.session.add(document)
    audit.record("sessions.document_add", document, convention=convention, after=document.summary_fields())
    return document


def delete_document(convention, document):
    audit.record("sessions.document_delete", None, convention=convention, before=document.summary_fields())
    db.session.delete(document)


def mark_attendance(convention, meeting, member, status, actor=None):
    """Record `member`'s attendance (one mark per member and session; a new tap replaces it).

    Concurrent taps on two tablets never fail: the mark is an upsert on (session, member)."""
    existing = db.session.scalar(db.select(Attendance).filter_by(meeting_id=meeting.id, user_id=member.id)
                                 .with_for_update())
    if existing is not None and existing.status is status:
        return existing
    before = {"status": existing.status.name} if existing is not None else None
    if existing is None:
        try:
            with db.session.begin_nested():
                existing = Attendance(meeting_id=meeting.id, user_id=member.id, status=status,
                                      marked_by_id=actor.id if actor is not None else None)
                db.session.add(existing)
        except sa.exc.IntegrityError:   # the other tablet marked the same person a moment ago
            existing = db.session.scalar(db.select(Attendance).filter_by(meeting_id=meeting.id,
                                                                         user_id=member.id))
    existing.status = status
    existing.marked_by_id = actor.id if actor is not None else None
    existing.user = member
    audit.record("sessions.attendance", existing, convention=convention, before=before,
                 after={"status": status.name}, actor=actor)
    return existing


def send_reminders(convention, meeting, members, actor=None):
    """Mail each of `members` (those who missed the session) its summary and the links to its
    documents; logged once, with the recipients' addresses. Raises mail.UntrustedHost when no
    link can be trusted (no BASE_URL nor TRUSTED_HOSTS): then nothing is sent."""
    documents_links = [(document.title, mail.external_url("sessions.download", slug=convention.slug,
                                                          document_id=document.id))
                       for document in sorted(meeting.documents, key=lambda d: (d.title.lower(), d.id))]
    page = (mail.external_url("sessions.public_show", slug=convention.slug, meeting_id=meeting.id)
            if meeting.is_published else None)
    with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
        subject = _("What you missed: %(title)s", title=meeting.title)
        for member in members:
            body = render_template("mail/session_reminder.txt", convention=convention, meeting=meeting,
                                   member=member, documents=documents_links, page=page)
            mail.send(member.email, subject, body)
    audit.record("sessions.reminder", meeting, convention=convention,
                 after={"recipients": [member.email for member in members]}, actor=actor)
