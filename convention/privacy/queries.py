"""Finding what a convention holds about a person, and what is due for deletion (reads only)."""
from datetime import timedelta

import sqlalchemy as sa
from flask import abort, current_app

from ..auth.models import Membership, User
from ..contributions.models import Contribution, PublicAuthor
from ..database import utcnow
from ..draw import queries as draw_queries
from ..draw.models import DrawState, PoolUpload, Selection, Volunteer, VolunteerContact
from ..extensions import db

# The kinds of person a convention holds data about.
VOLUNTEER, ACCOUNT, PARTICIPANT = "volunteer", "account", "participant"
KINDS = (VOLUNTEER, ACCOUNT, PARTICIPANT)
FOUND_AT_MOST = 25
ERASED_DOMAIN = "erased.invalid"


def _like(text):
    return "%" + text.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%"


def find(convention, search):
    """{kind: [objects]} of the people whose id, name or e-mail contains `search` (at most 25 each)."""
    search = search.strip()
    if not search:
        return {kind: [] for kind in KINDS}
    pool = draw_queries.pool_of(convention)
    volunteers = draw_queries.volunteers_page(pool, 1, search).items if pool is not None else []
    pattern = _like(search)
    accounts = db.session.scalars(
        db.select(User).join(Membership).filter(Membership.convention_id == convention.id)
        .filter(sa.or_(User.email.ilike(pattern, escape="!"), User.name.ilike(pattern, escape="!")))
        .distinct().order_by(User.id).limit(FOUND_AT_MOST)).all()
    participants = db.session.scalars(
        db.select(PublicAuthor).filter_by(convention_id=convention.id)
        .filter(sa.or_(PublicAuthor.email.ilike(pattern, escape="!"), PublicAuthor.name.ilike(pattern, escape="!")))
        .order_by(PublicAuthor.id).limit(FOUND_AT_MOST)).all()
    return {VOLUNTEER: volunteers, ACCOUNT: accounts, PARTICIPANT: participants}


def subject_or_404(convention, kind, subject_id):
    """The volunteer, account (with a role in the convention) or participant `subject_id`, or 404."""
    if kind == VOLUNTEER:
        pool = draw_queries.pool_of(convention)
        return db.one_or_404(db.select(Volunteer).filter_by(id=subject_id, pool_id=pool.id if pool else -1))
    if kind == ACCOUNT:
        return db.one_or_404(db.select(User).join(Membership).filter(
            User.id == subject_id, Membership.convention_id == convention.id).distinct())
    if kind == PARTICIPANT:
        return db.one_or_404(db.select(PublicAuthor).filter_by(id=subject_id, convention_id=convention.id))
    abort(404)


def label(kind, subject):
    """How the privacy page names a person: e-mail or id, never more than the organiser already sees."""
    if kind == VOLUNTEER:
        name = draw_queries.contact_name(subject.contact)
        return f"{subject.external_id} {name}".strip()
    return subject.email


def selection_of(volunteer):
    return db.session.scalar(db.select(Selection).filter_by(volunteer_id=volunteer.id))


def contributions_of(convention, **author):
    return db.session.scalars(db.select(Contribution).filter_by(convention_id=convention.id, **author)
                              .order_by(Contribution.id)).all()


def is_erased(kind, subject):
    if kind == VOLUNTEER:
        return subject.contact is None
    return subject.email.endswith("@" + ERASED_DOMAIN)


def pool_contacts(convention):
    """How many volunteers of the convention's pool still have personal data."""
    pool = draw_queries.pool_of(convention)
    if pool is None:
        return 0
    return db.session.scalar(db.select(sa.func.count(VolunteerContact.id)).join(Volunteer)
                             .filter(Volunteer.pool_id == pool.id))


def pool_erasable(convention):
    """The pool's personal data may go once the panel is drawn (and some is left)."""
    draw = draw_queries.existing_draw(convention)
    return draw is not None and draw.state is DrawState.done and pool_contacts(convention) > 0


def pool_retention_due(convention):
    """The date the pool's personal data was due for deletion (POOL_RETENTION_DAYS after the draw),
    when it is past and the data is still there; else None."""
    draw = draw_queries.existing_draw(convention)
    if draw is None or draw.state is not DrawState.done or draw.drawn_at is None:
        return None
    due = draw.drawn_at + timedelta(days=current_app.config["POOL_RETENTION_DAYS"])
    return due if due <= utcnow() and pool_contacts(convention) > 0 else None


def abandoned_uploads(convention=None):
    """Pool files uploaded and never imported, older than ABANDONED_UPLOAD_HOURS."""
    cutoff = utcnow() - timedelta(hours=current_app.config["ABANDONED_UPLOAD_HOURS"])
    query = db.select(PoolUpload).filter(PoolUpload.created_at < cutoff)
    if convention is not None:
        query = query.filter(PoolUpload.convention_id == convention.id)
    return db.session.scalars(query.order_by(PoolUpload.id)).all()
