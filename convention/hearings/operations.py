"""Changing hearings: experts and their declarations, hearings, questions, votes, answers, merges.
Each organiser or expert change is audit-logged in the caller's transaction; the caller commits.
A member's question or vote is not an organiser's act and is not logged (the votes stay private)."""
import sqlalchemy as sa

from ..audit import labels
from ..audit import services as audit
from ..database import utcnow
from ..extensions import db
from ..i18n import _l
from ..sessions import documents
from .models import AffiliationType, Expert, Hearing, Interest, InterestKind, Question, QuestionStatus, QuestionVote

labels.register(
    actions={"hearings.expert_create": _l("Expert added"), "hearings.expert_update": _l("Expert profile changed"),
             "hearings.declaration": _l("Declaration of interests changed"),
             "hearings.create": _l("Hearing planned"), "hearings.update": _l("Hearing changed"),
             "hearings.document_add": _l("Hearing document added"),
             "hearings.question_status": _l("Question marked"), "hearings.merge": _l("Questions merged"),
             "hearings.answer": _l("Question answered in writing")},
    objects={"Expert": _l("Expert"), "Hearing": _l("Hearing"), "Question": _l("Question")},
    fields={"affiliation": _l("Affiliation"), "affiliation_type": _l("Type of affiliation"), "bio": _l("Biography"),
            "declaration": _l("Declaration of interests"), "interests": _l("Declared interests"),
            "topic": _l("Topic"), "video_url": _l("Video"), "experts": _l("Experts"), "item": _l("Agenda item"),
            "into": _l("Kept question"), "votes": _l("Up-votes"), "answer": _l("Answer")},
    values={"affiliation_type": {kind.name: kind.label for kind in AffiliationType},
            "status": {status.name: status.label for status in QuestionStatus}},
    names={"Question": lambda question: labels.excerpt(question.text)})


class NotMergeable(Exception):
    """A question cannot be merged into itself, into a merged one, or across hearings."""


def create_expert(convention, values):
    expert = Expert(convention_id=convention.id, **values)
    db.session.add(expert)
    audit.record("hearings.expert_create", expert, convention=convention, after=expert.summary_fields())
    return expert


def update_expert(convention, expert, values, actor=None):
    before = expert.summary_fields()
    for name, value in values.items():
        setattr(expert, name, value)
    return audit.record_changes("hearings.expert_update", expert, before, expert.summary_fields(),
                                convention=convention)


def set_photo(expert, data, content_type):
    expert.photo, expert.photo_type = data, content_type


def declare(convention, expert, text, interests, actor=None):
    """Replace the expert's declaration: the free text and the structured lines
    [{"kind": InterestKind, "organisation", "details", "starts_on", "ends_on"}]. Dated, logged."""
    before = {"declaration": expert.declaration, "interests": [_line(i) for i in expert.interests]}
    expert.declaration = text
    expert.interests = [Interest(**values) for values in interests]
    expert.declared_at = utcnow()
    after = {"declaration": expert.declaration, "interests": [_line(i) for i in expert.interests]}
    audit.record("hearings.declaration", expert, convention=convention, before=before, after=after, actor=actor)


def _line(interest):
    period = " – ".join(d.isoformat() for d in (interest.starts_on, interest.ends_on) if d)
    return f"{interest.kind.label}: {interest.organisation}" + (f" ({period})" if period else "")


def save_hearing(convention, values, hearing=None):
    """Create (hearing None) or update a hearing from {topic, item, experts, video_url, summary, is_published}."""
    if hearing is None:
        hearing = Hearing(convention_id=convention.id)
        db.session.add(hearing)
        before = None
    else:
        before = hearing.summary_fields()
    for name, value in values.items():
        setattr(hearing, name, value)
    if before is None:
        audit.record("hearings.create", hearing, convention=convention, after=hearing.summary_fields())
    else:
        audit.record_changes("hearings.update", hearing, before, hearing.summary_fields(), convention=convention)
    return hearing


def add_document(convention, hearing, title, filename, data, actor=None):
    """A document of the hearing (slides, a note). Raises documents.BadDocument."""
    document = documents.new_document(convention, title, filename, data, actor, hearing_id=hearing.id,
                                      meeting_id=hearing.item.meeting_id if hearing.item else None)
    db.session.add(document)
    audit.record("hearings.document_add", document, convention=convention, after=document.summary_fields(),
                 actor=actor)
    return document


def ask(hearing, author, text):
    question = Question(hearing=hearing, author_id=author.id, text=text.strip())
    db.session.add(question)
    return question


def toggle_vote(question, user):
    """Up-vote `question`, or take the vote back; returns whether the user now supports it.

    One vote per member and question, by the unique constraint: a double click or two tabs at once
    end with one vote, never an error."""
    # One DELETE statement rather than load-then-delete: when another request of the same member
    # removed the vote in between, it matches no row instead of failing the unit of work.
    taken_back = db.session.execute(sa.delete(QuestionVote).where(QuestionVote.question_id == question.id,
                                                                  QuestionVote.user_id == user.id))
    if taken_back.rowcount:
        return False
    try:
        with db.session.begin_nested():
            db.session.add(QuestionVote(question_id=question.id, user_id=user.id))
    except sa.exc.IntegrityError:
        pass        # the same member's other click got there first: the vote is there once
    return True


def set_status(convention, question, status, actor=None):
    if question.status is status or question.status is QuestionStatus.merged:
        return False
    before = {"status": question.status.name}
    question.status = status
    audit.record("hearings.question_status", question, convention=convention, before=before,
                 after={"status": status.name}, actor=actor)
    return True


def merge(convention, duplicate, kept, actor=None):
    """Merge `duplicate` into `kept`: its supporters' votes move to `kept` (one per member), it is
    marked merged and points to `kept`. Raises NotMergeable."""
    if (duplicate.id == kept.id or duplicate.hearing_id != kept.hearing_id
            or QuestionStatus.merged in (duplicate.status, kept.status)):
        raise NotMergeable()
    voters = set(db.session.scalars(db.select(QuestionVote.user_id).filter_by(question_id=kept.id)))
    moved = 0
    for vote in db.session.scalars(db.select(QuestionVote).filter_by(question_id=duplicate.id)).all():
        if vote.user_id in voters:
            db.session.delete(vote)
        else:
            vote.question_id = kept.id
            voters.add(vote.user_id)
            moved += 1
    if duplicate.author_id is not None and duplicate.author_id not in voters:
        db.session.add(QuestionVote(question_id=kept.id, user_id=duplicate.author_id))  # its author supports it
    duplicate.status, duplicate.merged_into_id = QuestionStatus.merged, kept.id
    audit.record("hearings.merge", duplicate, convention=convention, before={"status": "open"},
                 after={"status": "merged", "into": kept.id, "votes": moved}, actor=actor)


def answer(convention, question, expert, text, actor=None):
    before = {"answer": question.answer}
    question.answer, question.answered_by_id = text.strip(), expert.id if expert is not None else None
    if question.status is not QuestionStatus.merged:
        question.status = QuestionStatus.answered
    audit.record("hearings.answer", question, convention=convention, before=before,
                 after={"answer": question.answer}, actor=actor)


def interest_values(kind, organisation, details="", starts_on=None, ends_on=None):
    return {"kind": InterestKind[kind] if isinstance(kind, str) else kind, "organisation": organisation.strip(),
            "details": (details or "").strip(), "starts_on": starts_on, "ends_on": ends_on}
