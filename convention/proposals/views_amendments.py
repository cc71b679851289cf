"""Amendments to a submitted proposal: members propose and support them; the group (or an organiser)
accepts, rejects with a reason, or sends them to the plenary vote."""
from flask import abort, flash, render_template, url_for
from flask_login import current_user

from ..auth import access
from ..extensions import db
from ..i18n import _
from ..web import redirect_to
from . import operations, queries
from .forms import AmendmentForm, DecisionForm
from .models import AmendmentStatus, ProposalStatus
from .text import apply_amendment, word_diff
from .views import bp, can_edit, load, require_editor


def _not_submitted(convention, proposal):
    return render_template("errors/error.html", code=409, title=_("Amendments are closed"),
                           description=_("Only a proposal submitted to the plenary is amended; this one is: "
                                         "%(status)s.", status=proposal.status.label)), 409


@bp.route("/c/<slug>/proposals/<int:proposal_id>/amendments/new", methods=["GET", "POST"])
def propose(slug, proposal_id):
    convention, proposal = load(slug, proposal_id)
    access.require(convention, *access.PARTICIPANTS)
    if proposal.status is not ProposalStatus.submitted:
        return _not_submitted(convention, proposal)
    form = AmendmentForm(text=proposal.text)
    context = {"convention": convention, "proposal": proposal, "form": form}
    if not form.validate_on_submit():
        return render_template("proposals/amend.html", **context), 422 if form.is_submitted() else 200
    amendment = operations.propose_amendment(proposal, current_user, form.passage.data, form.replacement.data,
                                             form.justification.data)
    db.session.commit()
    flash(_("Amendment proposed: the group will accept it, reject it or send it to the plenary vote."), "success")
    return redirect_to(url_for(".amendment", slug=convention.slug, proposal_id=proposal.id,
                               amendment_id=amendment.id))


@bp.get("/c/<slug>/proposals/<int:proposal_id>/amendments/<int:amendment_id>")
def amendment(slug, proposal_id, amendment_id):
    convention, proposal = load(slug, proposal_id)
    item = queries.amendment_or_404(proposal, amendment_id)
    return render_template("proposals/amendment.html", **_context(convention, proposal, item))


def _context(convention, proposal, item, decision_form=None):
    if item.status is AmendmentStatus.accepted:
        version = db.session.scalar(db.select(queries.ProposalVersion).filter_by(proposal_id=proposal.id,
                                                                                 amendment_id=item.id))
        previous = queries.version_or_404(proposal, version.number - 1) if version else None
        pieces = word_diff(previous.text if previous else "", version.text if version else "")
    else:
        try:
            pieces = word_diff(proposal.text, apply_amendment(proposal.text, item.passage, item.replacement))
        except ValueError:      # the passage changed since: show the replacement against the passage
            pieces = word_diff(item.passage, item.replacement)
    supports = dict((a.id, count) for a, count in queries.amendments(proposal))
    return {"convention": convention, "proposal": proposal, "amendment": item, "pieces": pieces,
            "supports": supports.get(item.id, 0), "supported": item.id in queries.supported_by(proposal, current_user),
            "can_decide": can_edit(convention, proposal) and item.status is AmendmentStatus.open
            and proposal.status is ProposalStatus.submitted,
            "can_support": access.has_role(current_user, convention, *access.PARTICIPANTS)
            and item.status is AmendmentStatus.open,
            "decision_form": decision_form or DecisionForm(formdata=None),
            "overlapping": queries.open_overlapping(item) if item.status is AmendmentStatus.open else []}


@bp.post("/c/<slug>/proposals/<int:proposal_id>/amendments/<int:amendment_id>/decision")
def decide(slug, proposal_id, amendment_id):
    convention, proposal = load(slug, proposal_id)
    require_editor(convention, proposal)
    item = queries.amendment_or_404(proposal, amendment_id)
    form = DecisionForm()
    if not form.validate_on_submit():
        return render_template("proposals/amendment.html", **_context(convention, proposal, item, form)), 422
    status = AmendmentStatus[form.decision.data]
    try:
        operations.decide(convention, item, status, current_user, reason=form.reason.data or "")
    except (operations.NotAllowed, ValueError):
        db.session.rollback()
        return render_template("errors/error.html", code=409, title=_("Amendment already decided"),
                               description=_("This amendment is no longer open, its proposal is no longer "
                                             "submitted, or its passage is no longer in the text.")), 409
    db.session.commit()
    messages = {AmendmentStatus.accepted: _("Amendment accepted: the proposal has a new version crediting its author."),
                AmendmentStatus.rejected: _("Amendment rejected; the reason is shown with it."),
                AmendmentStatus.plenary: _("Amendment sent to the plenary vote.")}
    flash(messages[status], "success")
    return redirect_to(url_for(".amendment", slug=convention.slug, proposal_id=proposal.id, amendment_id=item.id))


@bp.post("/c/<slug>/proposals/<int:proposal_id>/amendments/<int:amendment_id>/support")
def support(slug, proposal_id, amendment_id):
    convention, proposal = load(slug, proposal_id)
    access.require(convention, *access.PARTICIPANTS)
    item = queries.amendment_or_404(proposal, amendment_id)
    if item.status is not AmendmentStatus.open:
        abort(409)
    supported = operations.toggle_support(item, current_user)
    db.session.commit()
    flash(_("You support this amendment.") if supported else _("You no longer support this amendment."), "success")
    return redirect_to(url_for(".amendment", slug=convention.slug, proposal_id=proposal.id, amendment_id=item.id))
