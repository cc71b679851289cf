"""The contributions' operations and queries (no request, no HTML).

Operations record their audit entry and do not commit: the view commits the change and its entry.
"""
from ..audit import labels
from ..audit import services as audit
from ..database import utcnow
from ..extensions import db
from ..i18n import _l
from .models import AuthorKind, Consultation, Contribution, ContributionStatus

labels.register(
    actions={
        "contribution.create": _l("Contribution added"),
        "contribution.approve": _l("Contribution published"),
        "contribution.reject": _l("Contribution rejected"),
        "contribution.import": _l("Workshop notes imported"),
        "consultation.open": _l("Public consultation opened"),
        "consultation.close": _l("Public consultation closed"),
    },
    fields={"text": _l("Text"), "category": _l("Category"), "tags": _l("Tags"), "source": _l("Session or workshop"),
            "status": _l("Status"), "rejection_reason": _l("Reason for rejection"),
            "count": _l("Number"), "filename": _l("File"), "is_open": _l("Open"), "ids": _l("Contributions")},
    objects={"Contribution": _l("Contribution"), "Consultation": _l("Public consultation")},
    names={"Contribution": lambda contribution: labels.excerpt(contribution.text), "Consultation": lambda _c: ""},
    values={"status": {status.name: status.label for status in ContributionStatus}},
)


def published_contributions(convention):
    """A query (select) of the convention's published contributions, ordered by id."""
    return (db.select(Contribution)
            .filter_by(convention_id=convention.id, status=ContributionStatus.published)
            .order_by(Contribution.id))


def contribution_or_404(convention, contribution_id):
    return db.one_or_404(db.select(Contribution).filter_by(id=contribution_id, convention_id=convention.id))


def add_contribution(convention, user, values):
    """A panel member's (or organiser's) contribution: published at once, organisers may reject it."""
    contribution = Contribution(convention_id=convention.id, author_kind=AuthorKind.member,
                                author_user_id=user.id, status=ContributionStatus.published, **values)
    db.session.add(contribution)
    audit.record("contribution.create", contribution, convention=convention, actor=user,
                 after=contribution.summary())
    return contribution


def approve(convention, contribution, moderator):
    before = contribution.summary()
    contribution.status = ContributionStatus.published
    contribution.rejection_reason = ""
    _moderated(convention, contribution, moderator, "contribution.approve", before)


def reject(convention, contribution, moderator, reason):
    before = contribution.summary()
    contribution.status = ContributionStatus.rejected
    contribution.rejection_reason = reason.strip()
    _moderated(convention, contribution, moderator, "contribution.reject", before)


def _moderated(convention, contribution, moderator, action, before):
    """Logs what changed (its status, the reason); moderating again to the same state records nothing."""
    if audit.record_changes(action, contribution, before, contribution.summary(), convention=convention,
                            actor=moderator):
        contribution.moderated_by_id, contribution.moderated_at = moderator.id, utcnow()


# --- Moderation queue ----------------------------------------------------------------------------

def _confirmed():
    """Contributions that are not public ones waiting for their own e-mail link to be confirmed."""
    return db.or_(Contribution.public_author_id.is_(None), Contribution.confirmed_at.is_not(None))


def queue(convention):
    """The pending contributions ready for moderation (e-mail confirmed), oldest first."""
    return (db.select(Contribution)
            .filter_by(convention_id=convention.id, status=ContributionStatus.pending)
            .where(_confirmed()).order_by(Contribution.id))


def counts(convention):
    """{"published", "pending", "rejected", "unconfirmed"}: numbers of the convention's contributions.

    "pending" counts those ready for moderation; "unconfirmed" those waiting for an e-mail link.
    """
    of_convention = Contribution.convention_id == convention.id
    rows = db.session.execute(db.select(Contribution.status, db.func.count(Contribution.id))
                              .where(of_convention).group_by(Contribution.status)).all()
    result = {"published": 0, "pending": 0, "rejected": 0}
    result.update({status.name: count for status, count in rows})
    result["unconfirmed"] = db.session.scalar(db.select(db.func.count(Contribution.id)).where(
        of_convention, Contribution.status == ContributionStatus.pending, db.not_(_confirmed())))
    result["pending"] -= result["unconfirmed"]
    return result


# --- Public consultation -------------------------------------------------------------------------

def consultation_of(convention):
    return db.session.scalar(db.select(Consultation).filter_by(convention_id=convention.id))


def is_open(convention):
    consultation = consultation_of(convention)
    return consultation is not None and consultation.is_open


def set_open(convention, is_open, actor):
    """Open or close the public consultation; False when it was already so (nothing recorded)."""
    consultation = consultation_of(convention)
    if consultation is None:
        consultation = Consultation(convention_id=convention.id, is_open=False)
        db.session.add(consultation)
    if consultation.is_open == is_open:
        return False
    consultation.is_open = is_open
    audit.record("consultation.open" if is_open else "consultation.close", consultation,
                 convention=convention, actor=actor, before={"is_open": not is_open},
                 after={"is_open": is_open})
    return True


def visible(convention, user, everything=False):
    """The contributions `user` may read, newest first: all of them with `everything` (organisers),
    else the published ones and the user's own (`user` None: the published ones)."""
    query = (db.select(Contribution).filter_by(convention_id=convention.id)
             .order_by(Contribution.id.desc()))
    if everything:
        return query
    published = Contribution.status == ContributionStatus.published
    if user is not None and user.is_authenticated:
        return query.where(db.or_(published, Contribution.author_user_id == user.id))
    return query.where(published)
