"""Exporting and erasing a person's data, erasing a pool's personal data, dropping abandoned uploads.

Every operation writes to the audit log what was done and to whom by internal id (or the draw's id of
a volunteer, which the public record holds anyway), never the personal data itself. Nothing commits.
"""
import secrets

from ..audit import services as audit
from ..audit.labels import register
from ..auth.models import Invitation, Membership
from ..contributions.models import Contribution
from ..organising.models import Convention
from ..database import utcnow
from ..draw import queries as draw_queries
from ..draw.models import Volunteer, VolunteerContact
from ..extensions import db
from ..i18n import _l
from . import queries
from .queries import ACCOUNT, ERASED_DOMAIN, PARTICIPANT, VOLUNTEER

register(
    actions={"privacy.export": _l("Personal data exported"), "privacy.erase": _l("Personal data erased"),
             "privacy.erase_pool": _l("Personal data of the pool erased"),
             "privacy.drop_uploads": _l("Abandoned uploads deleted")},
    fields={"kind": _l("Person"), "volunteers": _l("Volunteers"), "uploads": _l("Files")},
    values={"kind": {VOLUNTEER: _l("Volunteer of the pool"), ACCOUNT: _l("Account"),
                     PARTICIPANT: _l("Participant in the consultation")}},
    objects={"Volunteer": _l("Volunteer of the pool"), "PublicAuthor": _l("Participant in the consultation")})


class CannotErase(Exception):
    """This person's data cannot be erased from this convention (the message says why)."""


def _iso(moment):
    return moment.isoformat() if moment else None


def _contributions(convention, **author):
    return [{"id": c.id, "text": c.text, "status": c.status.name, "created_at": _iso(c.created_at),
             "name_given": c.submitted_name or None, "confirmed_at": _iso(c.confirmed_at)}
            for c in queries.contributions_of(convention, **author)]


def export(convention, kind, subject, actor=None):
    """Everything the convention holds about the person, as JSON-ready data; the export is logged."""
    data = {"convention": convention.slug, "kind": kind, "exported_at": _iso(utcnow())}
    if kind == VOLUNTEER:
        selection = queries.selection_of(subject)
        data.update({"id": subject.external_id, "features": subject.features,
                     "personal_data": subject.contact.data if subject.contact else {},
                     "pool_file": subject.pool.filename, "imported_at": _iso(subject.pool.imported_at),
                     "selection": selection and {"status": selection.status.name, "round": selection.round_number}})
    elif kind == ACCOUNT:
        roles = db.session.scalars(db.select(Membership).filter_by(user_id=subject.id,
                                                                   convention_id=convention.id)).all()
        invitations = db.session.scalars(db.select(Invitation).filter_by(
            convention_id=convention.id, email=subject.email)).all()
        data.update({"email": subject.email, "name": subject.name, "created_at": _iso(subject.created_at),
                     "last_login_at": _iso(subject.last_login_at), "roles": [m.role.name for m in roles],
                     "invitations": [{"role": i.role.name, "name": i.name, "created_at": _iso(i.created_at),
                                      "accepted_at": _iso(i.accepted_at)} for i in invitations],
                     "contributions": _contributions(convention, author_user_id=subject.id)})
    else:
        data.update({"email": subject.email, "name": subject.name, "created_at": _iso(subject.created_at),
                     "confirmed_at": _iso(subject.confirmed_at),
                     "contributions": _contributions(convention, public_author_id=subject.id)})
    audit.record("privacy.export", subject, convention=convention, actor=actor, after={"kind": kind})
    return data


def _pseudonymise_households(volunteers):
    """Replace household keys (normalised addresses) by random tokens, one per household: who lives
    with whom is kept, so the draw's household numbers and fingerprint stay the same."""
    tokens = {}
    for volunteer in volunteers:
        if volunteer.household and not volunteer.household.startswith("erased:"):
            volunteer.household = tokens.setdefault(volunteer.household, "erased:" + secrets.token_hex(12))


def erase(convention, kind, subject, actor=None):
    """Erase (pseudonymise) a person: their personal fields go, their ids stay, so that the draw
    record and its verification, the contributions and the log keep working.

    Raises CannotErase for an account that is a site administrator or has a role elsewhere.
    """
    if kind == VOLUNTEER:
        if subject.contact is not None:
            db.session.delete(subject.contact)
        if subject.household:
            _pseudonymise_households(db.session.scalars(db.select(Volunteer).filter_by(
                pool_id=subject.pool_id, household=subject.household)).all())
    elif kind == ACCOUNT:
        elsewhere = db.session.scalar(db.select(Membership.id).filter(
            Membership.user_id == subject.id, Membership.convention_id != convention.id).limit(1))
        if subject.is_admin or elsewhere is not None:
            raise CannotErase()
        for invitation in db.session.scalars(db.select(Invitation).filter_by(convention_id=convention.id,
                                                                             email=subject.email)):
            invitation.email, invitation.name = f"invitation-{invitation.id}@{ERASED_DOMAIN}", ""
            invitation.revoked_at = invitation.revoked_at or utcnow()
        subject.email, subject.name = f"account-{subject.id}@{ERASED_DOMAIN}", ""
        subject.password_hash, subject.is_active = None, False
        db.session.execute(db.delete(Membership).filter_by(user_id=subject.id))
    else:
        subject.email, subject.name = f"participant-{subject.id}@{ERASED_DOMAIN}", ""
        # A pending confirmation link would otherwise put the name typed with it back on the participant.
        for contribution in db.session.scalars(db.select(Contribution).filter_by(public_author_id=subject.id)):
            contribution.submitted_name = ""
            contribution.token_hash = contribution.token_expires_at = None
    audit.record("privacy.erase", subject, convention=convention, actor=actor, after={"kind": kind})


def erase_pool(convention, actor=None):
    """Erase the personal columns of the whole pool (names, contacts, addresses) once the panel is
    drawn: ids, features and who lives with whom stay, so the draw can still be verified."""
    pool = draw_queries.pool_of(convention)
    volunteers = draw_queries.volunteers(pool)
    count = db.session.execute(db.delete(VolunteerContact).where(VolunteerContact.volunteer_id.in_(
        db.select(Volunteer.id).filter_by(pool_id=pool.id)))).rowcount
    _pseudonymise_households(volunteers)
    audit.record("privacy.erase_pool", pool, convention=convention, actor=actor, after={"volunteers": count})
    return count


def drop_abandoned_uploads(convention=None, actor=None):
    """Delete pool files uploaded and never imported (older than ABANDONED_UPLOAD_HOURS), of one
    convention or of all; one log entry per convention. Returns how many went."""
    by_convention = {}
    for upload in queries.abandoned_uploads(convention):
        by_convention.setdefault(upload.convention_id, []).append(upload)
        db.session.delete(upload)
    for convention_id, uploads in by_convention.items():
        owner = db.session.get(Convention, convention_id)
        audit.record("privacy.drop_uploads", owner, convention=owner, actor=actor, after={"uploads": len(uploads)})
    return sum(len(uploads) for uploads in by_convention.values())
