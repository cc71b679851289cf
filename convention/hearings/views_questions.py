"""A hearing's page and its questions: members ask and up-vote (the queue refreshes itself while the
hearing runs), organisers mark questions asked or answered and merge duplicates; the public reads
published hearings, with the experts' declarations and the questions that were answered."""
from flask import abort, flash, render_template, url_for
from flask_login import current_user

from ..auth import access
from ..auth.models import Role
from ..organising.services import get_by_slug_or_404
from ..database import utcnow
from ..extensions import db, htmx
from ..i18n import _
from ..public import sections
from ..web import invalid_form, redirect_to
from . import operations, queries
from .forms import AnswerForm, DocumentForm, MergeForm, ModerationForm, QuestionForm
from .models import QuestionStatus
from .views import bp


def _load(slug, hearing_id):
    """The convention and hearing: published ones for everyone who sees the convention, the others
    for the convention's own people only."""
    convention = get_by_slug_or_404(slug)
    access.require_visible(convention)
    insider = access.has_role(current_user, convention, *Role)
    hearing = queries.hearing_or_404(convention, hearing_id, published_only=not insider)
    return convention, hearing, insider


@bp.get("/c/<slug>/hearings")
def public_index(slug):
    convention = get_by_slug_or_404(slug)
    access.require_visible(convention)
    insider = access.has_role(current_user, convention, *Role)
    return render_template("hearings/public_index.html", convention=convention,
                           hearings=queries.hearings_of(convention, published_only=not insider))


def _queue_context(convention, hearing, insider, question_form=None):
    can_take_part = access.has_role(current_user, convention, *access.PARTICIPANTS)
    questions = queries.queue(hearing)
    if not insider:     # the public reads the questions that were put to the experts
        questions = [(q, votes) for q, votes in questions if q.status is not QuestionStatus.open]
    mine = queries.expert_of_user(convention, current_user)
    meeting = hearing.item.meeting if hearing.item is not None else None
    return {"convention": convention, "hearing": hearing, "questions": questions,
            "live": meeting is None or meeting.ends_at > utcnow(),    # the queue refreshes itself until it ends
            "voted": queries.voted_by(hearing, current_user), "can_take_part": can_take_part,
            "can_moderate": access.can_manage(convention),
            "can_answer": access.can_manage(convention) or (mine is not None and mine in hearing.experts),
            "question_form": question_form or QuestionForm(formdata=None), "ModerationForm": ModerationForm,
            "MergeForm": MergeForm, "QuestionStatus": QuestionStatus}


@bp.get("/c/<slug>/hearings/<int:hearing_id>")
def show(slug, hearing_id):
    convention, hearing, insider = _load(slug, hearing_id)
    context = _queue_context(convention, hearing, insider)
    return render_template("hearings/show.html", documents=queries.documents_of(hearing),
                           document_form=DocumentForm(formdata=None), **context)


@bp.get("/c/<slug>/hearings/<int:hearing_id>/questions")
def questions(slug, hearing_id):
    """The queue alone: what the page polls while the hearing runs."""
    convention, hearing, insider = _load(slug, hearing_id)
    return render_template("hearings/_queue.html", **_queue_context(convention, hearing, insider))


def _participant(slug, hearing_id):
    convention, hearing, _insider = _load(slug, hearing_id)
    access.require(convention, *access.PARTICIPANTS)
    return convention, hearing


def _back(convention, hearing, anchor="questions"):
    return redirect_to(url_for(".show", slug=convention.slug, hearing_id=hearing.id) + f"#{anchor}")


def _queue_response(convention, hearing):
    if htmx:
        return render_template("hearings/_queue.html", **_queue_context(convention, hearing, True))
    return _back(convention, hearing)


@bp.post("/c/<slug>/hearings/<int:hearing_id>/questions")
def ask(slug, hearing_id):
    convention, hearing = _participant(slug, hearing_id)
    form = QuestionForm()
    if not form.validate_on_submit():
        return invalid_form("hearings/show.html", "hearings/_question_form.html", documents=queries.documents_of(hearing),
                            document_form=DocumentForm(formdata=None),
                            **_queue_context(convention, hearing, True, question_form=form))
    operations.ask(hearing, current_user, form.text.data)
    db.session.commit()
    flash(_("Your question is in the queue; the others can up-vote it."), "success")
    return _back(convention, hearing)


@bp.post("/c/<slug>/hearings/<int:hearing_id>/questions/<int:question_id>/vote")
def vote(slug, hearing_id, question_id):
    convention, hearing = _participant(slug, hearing_id)
    question = queries.question_or_404(hearing, question_id)
    if question.status is QuestionStatus.merged:
        abort(409)
    operations.toggle_vote(question, current_user)
    db.session.commit()
    return _queue_response(convention, hearing)


@bp.post("/manage/<slug>/hearings/<int:hearing_id>/questions/<int:question_id>/status")
@access.convention_role(Role.organiser)
def moderate(convention, hearing_id, question_id):
    hearing = queries.hearing_or_404(convention, hearing_id)
    question = queries.question_or_404(hearing, question_id)
    form = ModerationForm()
    if not form.validate_on_submit():
        abort(400)
    operations.set_status(convention, question, QuestionStatus[form.status.data], actor=current_user)
    db.session.commit()
    return _queue_response(convention, hearing)


@bp.post("/manage/<slug>/hearings/<int:hearing_id>/questions/<int:question_id>/merge")
@access.convention_role(Role.organiser)
def merge(convention, hearing_id, question_id):
    hearing = queries.hearing_or_404(convention, hearing_id)
    question = queries.question_or_404(hearing, question_id)
    others = [q for q, _votes in queries.queue(hearing) if q.id != question.id]
    form = MergeForm(others)
    if not form.validate_on_submit():
        abort(400)
    try:
        operations.merge(convention, question, queries.question_or_404(hearing, form.into.data), actor=current_user)
    except operations.NotMergeable:
        db.session.rollback()
        abort(409)
    db.session.commit()
    flash(_("Questions merged: the up-votes of the duplicate now count for the question kept."), "success")
    return _queue_response(convention, hearing)


@bp.route("/c/<slug>/hearings/<int:hearing_id>/questions/<int:question_id>/answer", methods=["GET", "POST"])
def answer(slug, hearing_id, question_id):
    """An expert of this hearing (or an organiser) answers a question in writing."""
    convention, hearing, _insider = _load(slug, hearing_id)
    access.require_login()
    expert = queries.expert_of_user(convention, current_user)
    if not access.can_manage(convention) and (expert is None or expert not in hearing.experts):
        abort(403)
    question = queries.question_or_404(hearing, question_id)
    form = AnswerForm(obj=question)
    context = {"convention": convention, "hearing": hearing, "question": question, "form": form}
    if not form.validate_on_submit():
        status = 422 if form.is_submitted() else 200
        return render_template("hearings/answer.html", **context), status
    # An organiser answers for the hearing's first expert; for a hearing with none, in the organisers' name.
    answering = expert if expert is not None and expert in hearing.experts else next(iter(hearing.experts), None)
    operations.answer(convention, question, answering, form.answer.data, actor=current_user)
    db.session.commit()
    flash(_("Answer published with the question."), "success")
    return _back(convention, hearing, anchor=f"question-{question.id}")


@bp.get("/c/<slug>/experts/<int:expert_id>/photo")
def photo(slug, expert_id):
    convention = get_by_slug_or_404(slug)
    access.require_visible(convention)
    expert = queries.expert_or_404(convention, expert_id)
    insider = access.has_role(current_user, convention, *Role)
    # The public sees the experts of published hearings only: an expert not yet announced stays private.
    if not expert.photo or not (insider or any(hearing.is_published for hearing in expert.hearings)):
        abort(404)
    return expert.photo, 200, {"Content-Type": expert.photo_type, "Cache-Control": "public, max-age=3600"}


def public_section(convention):
    insider = access.has_role(current_user, convention, *Role)
    return {"count": queries.hearing_count(convention, published_only=not insider),
            "expert": queries.expert_of_user(convention, current_user)}


sections.register("hearings/_public_section.html", order=7, context=public_section)
