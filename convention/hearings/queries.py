"""Reading hearings: the programme, an expert's own profile, the question queue sorted by votes, the
balance of the programme."""
from collections import Counter

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from ..auth.models import Membership, Role, User
from ..extensions import db
from ..sessions.models import AgendaItem, Document, Meeting
from .models import AffiliationType, Expert, Hearing, InterestKind, Question, QuestionStatus, QuestionVote

WITH_EXPERTS = (selectinload(Hearing.experts).selectinload(Expert.interests),
                selectinload(Hearing.item).selectinload(AgendaItem.meeting))


def experts_of(convention):
    return db.session.scalars(db.select(Expert).filter_by(convention_id=convention.id)
                              .options(selectinload(Expert.interests)).order_by(Expert.name)).all()


def expert_or_404(convention, expert_id):
    return db.first_or_404(db.select(Expert).filter_by(convention_id=convention.id, id=expert_id))


def expert_of_user(convention, user):
    """The expert profile `user` edits in this convention, or None."""
    if not user.is_authenticated:
        return None
    return db.session.scalar(db.select(Expert).filter_by(convention_id=convention.id, user_id=user.id))


def expert_accounts(convention):
    """Accounts holding the expert role in the convention (to link a profile to one)."""
    return db.session.scalars(db.select(User).join(Membership).where(
        Membership.convention_id == convention.id, Membership.role == Role.expert).order_by(User.name)).all()


def hearings_of(convention, published_only=False):
    query = (db.select(Hearing).filter_by(convention_id=convention.id).options(*WITH_EXPERTS)
             .outerjoin(Hearing.item).outerjoin(AgendaItem.meeting)
             .order_by(Meeting.starts_at.is_(None), Meeting.starts_at, AgendaItem.position, Hearing.id))
    if published_only:
        query = query.where(Hearing.is_published.is_(True))
    return db.session.scalars(query).unique().all()


def hearing_count(convention, published_only=False):
    query = db.select(sa.func.count(Hearing.id)).filter_by(convention_id=convention.id)
    if published_only:
        query = query.where(Hearing.is_published.is_(True))
    return db.session.scalar(query)


def hearing_or_404(convention, hearing_id, published_only=False):
    query = db.select(Hearing).filter_by(convention_id=convention.id, id=hearing_id)
    if published_only:
        query = query.filter_by(is_published=True)
    return db.first_or_404(query)


def hearing_items(convention):
    """Agenda items a hearing can be attached to: every item of the convention's sessions, by date."""
    return db.session.execute(
        db.select(AgendaItem, Meeting).join(Meeting).where(Meeting.convention_id == convention.id)
        .order_by(Meeting.starts_at, AgendaItem.position)).all()


def documents_of(hearing):
    return db.session.scalars(db.select(Document).filter_by(hearing_id=hearing.id).order_by(Document.id)).all()


def question_or_404(hearing, question_id):
    return db.first_or_404(db.select(Question).filter_by(hearing_id=hearing.id, id=question_id))


def _vote_count():
    return (sa.select(sa.func.count(QuestionVote.id)).where(QuestionVote.question_id == Question.id)
            .correlate(Question).scalar_subquery())


def queue(hearing, include_merged=False):
    """[(question, votes)] the most up-voted first, then the oldest; merged questions left out."""
    votes = _vote_count().label("votes")
    query = (db.select(Question, votes).filter_by(hearing_id=hearing.id)
             .order_by(votes.desc(), Question.created_at, Question.id))
    if not include_merged:
        query = query.where(Question.status != QuestionStatus.merged)
    return db.session.execute(query).all()


def voted_by(hearing, user):
    """Ids of the questions of this hearing that `user` up-voted."""
    if not user.is_authenticated:
        return set()
    return set(db.session.scalars(db.select(QuestionVote.question_id).join(Question)
                                  .where(Question.hearing_id == hearing.id, QuestionVote.user_id == user.id)))


def balance(convention):
    """How one-sided the programme is: experts heard (or to be heard) by affiliation type, and the
    kinds of interests they declared, with the experts behind each count."""
    experts = [e for e in experts_of(convention) if e.hearings]
    by_type = Counter(e.affiliation_type for e in experts)
    by_interest = {kind: sorted({e.name for e in experts for i in e.interests if i.kind is kind}) for kind in InterestKind}
    undeclared = [e.name for e in experts if e.declared_at is None]
    return {"experts": experts, "total": len(experts),
            "by_type": [(kind, by_type.get(kind, 0)) for kind in AffiliationType],
            "by_interest": [(kind, names) for kind, names in by_interest.items()], "undeclared": undeclared}
