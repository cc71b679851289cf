"""The public consultation's operations: submitting, confirming a contribution by its mailed link,
purging the contributions whose link expired unconfirmed (no request, no HTML, no commit).

Confirmation belongs to each contribution: every submission mails its own link, and opening it (then
pressing its button) confirms that contribution only, and gives the participant the name typed with
it. Someone who types another person's e-mail address therefore changes nothing of theirs: their
name, their confirmed contributions and their pending links stay as they were.
"""
import hashlib
import logging
from datetime import timedelta

from flask import current_app, render_template
from flask_babel import force_locale

from ..auth import tokens
from ..auth.services import normalise_email
from ..database import utcnow
from ..extensions import db
from ..i18n import _
from ..mail import services as mail
from .models import AuthorKind, Consultation, Contribution, ContributionStatus, PublicAuthor

log = logging.getLogger(__name__)


class RateLimited(Exception):
    """Too many public contributions from one address or e-mail in the window."""


def client_hash(address):
    """The submitter's IP address, hashed with the secret key: enough to count, nothing to leak."""
    secret = current_app.config["SECRET_KEY"]
    return hashlib.sha256(f"{secret}:{address or ''}".encode()).hexdigest()


def check_rate(convention, email, address_hash):
    """Raise RateLimited when the address or the e-mail sent CONSULTATION_RATE_LIMIT contributions
    within the last CONSULTATION_RATE_WINDOW_MINUTES."""
    limit = current_app.config["CONSULTATION_RATE_LIMIT"]
    since = utcnow() - timedelta(minutes=current_app.config["CONSULTATION_RATE_WINDOW_MINUTES"])
    recent = db.select(db.func.count(Contribution.id)).where(
        Contribution.convention_id == convention.id, Contribution.author_kind == AuthorKind.public,
        Contribution.created_at >= since)
    by_address = db.session.scalar(recent.where(Contribution.client_hash == address_hash))
    by_email = db.session.scalar(recent.join(Contribution.public_author)
                                 .where(PublicAuthor.email == normalise_email(email)))
    if by_address >= limit or by_email >= limit:
        raise RateLimited()


def _lock_consultation(convention):
    """Submissions to one consultation take turns (a row lock on PostgreSQL; a writing request holds
    SQLite's write lock already): the rate limit counts what the others just added, and a new
    e-mail address makes one participant, not a unique-constraint error."""
    db.session.scalar(db.select(Consultation).filter_by(convention_id=convention.id)
                      .with_for_update(key_share=True))


def submit_public(convention, name, email, values, address_hash, confirmed_author_id=None):
    """A contribution to the public consultation, held for moderation. Returns (contribution, mailed).

    When this browser confirmed a link of this participant (`confirmed_author_id`), the contribution
    is confirmed at once; otherwise a link is mailed to confirm it. Raises RateLimited.
    """
    _lock_consultation(convention)
    check_rate(convention, email, address_hash)
    email, name = normalise_email(email), name.strip()
    author = db.session.scalar(db.select(PublicAuthor).filter_by(convention_id=convention.id, email=email))
    if author is None:
        author = PublicAuthor(convention_id=convention.id, email=email, name=name)
        db.session.add(author)
        db.session.flush()
    contribution = Contribution(convention_id=convention.id, author_kind=AuthorKind.public,
                                public_author=author, status=ContributionStatus.pending,
                                client_hash=address_hash, submitted_name=name, **values)
    db.session.add(contribution)
    if author.id == confirmed_author_id and author.is_confirmed:
        _confirm(contribution)
        return contribution, False
    _send_confirmation(convention, contribution)
    return contribution, True


def _send_confirmation(convention, contribution):
    token, contribution.token_hash = tokens.new_token()
    contribution.token_expires_at = utcnow() + timedelta(days=current_app.config["CONSULTATION_LINK_VALID_DAYS"])
    author = contribution.public_author
    link = mail.external_url("contributions.confirm_email", slug=convention.slug, token=token)
    with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
        subject = _("Confirm your contribution: %(title)s", title=convention.title)
        body = render_template("mail/contribution_confirmation.txt", convention=convention,
                               author=author, contribution=contribution, link=link)
    mail.send(author.email, subject, body)


def awaiting_confirmation(convention, token):
    """The contributions the link holding `token` confirms (one; several for a link mailed before
    confirmation belonged to each contribution); [] if the link is unknown, used or expired."""
    found = db.session.scalars(db.select(Contribution).filter_by(
        convention_id=convention.id, token_hash=tokens.token_hash(token)).order_by(Contribution.id)).all()
    now = utcnow()
    return [c for c in found if c.token_expires_at is None or c.token_expires_at > now]


def confirm(convention, token):
    """Confirm the contributions of the link holding `token`; returns their participant, or None if
    the link is unknown, used or expired. The participant takes the name given with them."""
    contributions = awaiting_confirmation(convention, token)
    for contribution in contributions:
        _confirm(contribution)
    return contributions[-1].public_author if contributions else None


def _confirm(contribution):
    now = utcnow()
    contribution.confirmed_at, contribution.token_hash, contribution.token_expires_at = now, None, None
    author = contribution.public_author
    author.confirmed_at = author.confirmed_at or now
    if contribution.submitted_name:
        author.name = contribution.submitted_name


def purge_unconfirmed(now=None):
    """Delete the public contributions whose link expired unconfirmed, and the participants left with
    no contribution and no confirmed address. Returns the number of contributions deleted."""
    now = now or utcnow()
    count = db.session.execute(db.delete(Contribution).where(
        Contribution.author_kind == AuthorKind.public, Contribution.confirmed_at.is_(None),
        Contribution.token_expires_at.is_not(None), Contribution.token_expires_at <= now)).rowcount
    left = db.select(Contribution.id).where(Contribution.public_author_id == PublicAuthor.id).exists()
    db.session.execute(db.delete(PublicAuthor).where(PublicAuthor.confirmed_at.is_(None), ~left))
    if count:
        log.info("Purged %s public contributions whose confirmation link expired", count)
    return count
