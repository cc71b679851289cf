"""Proposals: the list and a proposal's page, drafting and editing (optimistic locking: a save made
from an older version answers 409 with the conflict page), status changes, history and differences."""
from flask import Blueprint, abort, flash, render_template, request, url_for
from flask_login import current_user

from ..auth import access
from ..auth.models import Role
from ..contributions.models import Contribution, ContributionStatus
from ..organising.services import get_by_slug_or_404
from ..extensions import db
from ..hearings.models import Hearing
from ..i18n import _
from ..public import sections
from ..themes.models import Theme
from ..web import form_response, redirect_to
from . import operations, queries
from .forms import CommentForm, MergeForm, ProposalForm, StatusForm
from .models import ProposalStatus
from .text import changed, render, word_diff

bp = Blueprint("proposals", __name__)


def load(slug, proposal_id):
    """The convention and proposal: drafts for the convention's participants only."""
    convention = get_by_slug_or_404(slug)
    access.require_visible(convention)
    proposal = queries.proposal_or_404(convention, proposal_id)
    if not proposal.is_public and not access.has_role(current_user, convention, *access.PARTICIPANTS):
        abort(404)
    return convention, proposal


def can_edit(convention, proposal):
    """The group's members and the organisers edit a group's proposals and decide its amendments."""
    if not current_user.is_authenticated:
        return False
    return access.can_manage(convention) or current_user in proposal.group.members


def require_editor(convention, proposal):
    access.require_login()
    if not can_edit(convention, proposal):
        abort(403)


def _choices(convention):
    themes = db.session.scalars(db.select(Theme).filter_by(convention_id=convention.id).order_by(Theme.number)).all()
    contributions = db.session.scalars(db.select(Contribution).filter_by(
        convention_id=convention.id, status=ContributionStatus.published).order_by(Contribution.id)).all()
    hearings = db.session.scalars(db.select(Hearing).filter_by(convention_id=convention.id).order_by(Hearing.id)).all()
    return themes, contributions, hearings


@bp.get("/c/<slug>/proposals")
def index(slug):
    convention = get_by_slug_or_404(slug)
    access.require_visible(convention)
    insider = access.has_role(current_user, convention, *access.PARTICIPANTS)
    return render_template("proposals/index.html", convention=convention, insider=insider,
                           proposals=queries.proposals_of(convention, public_only=not insider),
                           can_draft=insider and bool(_my_groups(convention)))


def _my_groups(convention):
    groups = queries.groups_of(convention)
    if access.can_manage(convention):
        return groups
    return [group for group in groups if current_user in group.members]


@bp.route("/c/<slug>/proposals/new", methods=["GET", "POST"])
@access.convention_role(*access.PARTICIPANTS)
def create(convention):
    groups = _my_groups(convention)
    if not groups:
        abort(403)
    choices = _choices(convention)
    form = ProposalForm(*choices)
    group_id = request.values.get("group", type=int) or groups[0].id
    group = next((g for g in groups if g.id == group_id), None)
    if group is None:
        abort(403)
    if page := form_response(form, "proposals/edit.html", "proposals/edit.html", convention=convention,
                             groups=groups, group=group, proposal=None):
        return page
    proposal = operations.create(convention, group, form.values(*choices), current_user)
    db.session.commit()
    flash(_("Draft saved as version 1."), "success")
    return redirect_to(url_for(".show", slug=convention.slug, proposal_id=proposal.id))


@bp.get("/c/<slug>/proposals/<int:proposal_id>")
def show(slug, proposal_id):
    convention, proposal = load(slug, proposal_id)
    insider = access.has_role(current_user, convention, *access.PARTICIPANTS)
    comments, replies = queries.comments_page(proposal, request.args.get("page", 1, type=int),
                                              include_hidden=access.can_manage(convention))
    amendments = queries.amendments(proposal)
    versions = queries.versions(proposal)
    others = [p for p in queries.proposals_of(convention) if p.id != proposal.id
              and p.status is not ProposalStatus.merged]
    return render_template("proposals/show.html", convention=convention, proposal=proposal, html=render(proposal.text),
                           can_edit=can_edit(convention, proposal), insider=insider,
                           amendment_groups=queries.grouped_by_passage(proposal, amendments),
                           versions=versions, comments=comments, replies=replies,
                           comment_form=CommentForm(formdata=None), merged_from=operations.merged_from(proposal),
                           merge_form=MergeForm(others, formdata=None) if access.can_manage(convention) else None,
                           transitions=_transitions(convention, proposal), StatusForm=StatusForm)


def _transitions(convention, proposal):
    """The statuses the current user may give the proposal: the group submits, withdraws or takes
    back to draft; the organisers record the plenary's adoption or rejection."""
    if not can_edit(convention, proposal):
        return []
    allowed = operations.TRANSITIONS.get(proposal.status, set())
    if not access.can_manage(convention):
        allowed = allowed - {ProposalStatus.adopted, ProposalStatus.rejected}
    return [status for status in ProposalStatus if status in allowed]


@bp.route("/c/<slug>/proposals/<int:proposal_id>/edit", methods=["GET", "POST"])
def edit(slug, proposal_id):
    convention, proposal = load(slug, proposal_id)
    require_editor(convention, proposal)
    if proposal.status is not ProposalStatus.draft:
        return render_template("errors/error.html", code=409, title=_("Not a draft"),
                               description=_("Only a draft is edited; a submitted proposal changes through "
                                             "amendments.")), 409
    choices = _choices(convention)
    form = ProposalForm(*choices, data=_current(proposal) if request.method == "GET" else None)
    context = {"convention": convention, "proposal": proposal, "group": proposal.group, "groups": None}
    if page := form_response(form, "proposals/edit.html", "proposals/edit.html", **context):
        return page
    base = int(form.base_version.data) if (form.base_version.data or "").isdigit() else -1
    values = form.values(*choices)
    try:
        version = operations.save(proposal, base, values, current_user)
    except operations.StaleVersion:
        db.session.rollback()
        return _conflict(convention, proposal, base, form)
    db.session.commit()
    if version is None:
        flash(_("Saved; the text did not change, so there is no new version."), "success")
    else:
        flash(_("Saved as version %(number)s.", number=version.number), "success")
    return redirect_to(url_for(".show", slug=convention.slug, proposal_id=proposal.id))


def _current(proposal):
    return {"title": proposal.title, "summary": proposal.summary, "text": proposal.text,
            "themes": [t.id for t in proposal.themes], "contributions": [c.id for c in proposal.contributions],
            "hearings": [h.id for h in proposal.hearings], "base_version": proposal.version}


def _conflict(convention, proposal, base, form):
    """409: someone saved since this editor opened. Their change and yours, each against the version
    both started from, and the form again with your text, to be sent against the newest version."""
    db.session.refresh(proposal)
    started = db.session.scalar(db.select(queries.ProposalVersion).filter_by(proposal_id=proposal.id, number=base))
    origin = started.text if started is not None else ""
    theirs = queries.versions(proposal)[0]
    form.base_version.data = proposal.version
    return render_template("proposals/conflict.html", convention=convention, proposal=proposal, form=form,
                           group=proposal.group, base=base, theirs=theirs,
                           their_change=word_diff(origin, proposal.text), your_change=word_diff(origin, form.text.data),
                           between=word_diff(proposal.text, form.text.data)), 409


@bp.post("/c/<slug>/proposals/<int:proposal_id>/status")
def set_status(slug, proposal_id):
    convention, proposal = load(slug, proposal_id)
    require_editor(convention, proposal)
    form = StatusForm()
    if not form.validate_on_submit():
        abort(400)
    status = ProposalStatus[form.status.data]
    if status not in _transitions(convention, proposal):
        if status in (ProposalStatus.adopted, ProposalStatus.rejected) and not access.can_manage(convention):
            abort(403)
        abort(409)
    operations.set_status(convention, proposal, status, current_user)
    db.session.commit()
    flash(_("The proposal is now: %(status)s.", status=status.label), "success")
    return redirect_to(url_for(".show", slug=convention.slug, proposal_id=proposal.id))


@bp.post("/manage/<slug>/proposals/<int:proposal_id>/merge")
@access.convention_role(Role.organiser)
def merge(convention, proposal_id):
    proposal = queries.proposal_or_404(convention, proposal_id)
    others = [p for p in queries.proposals_of(convention) if p.id != proposal.id]
    form = MergeForm(others)
    if not form.validate_on_submit():
        abort(400)
    try:
        operations.merge(convention, proposal, queries.proposal_or_404(convention, form.into.data), current_user)
    except operations.NotAllowed:
        db.session.rollback()
        abort(409)
    db.session.commit()
    flash(_("Proposals merged: each page points to the other and both histories stay readable."), "success")
    return redirect_to(url_for(".show", slug=convention.slug, proposal_id=proposal.id))


@bp.get("/c/<slug>/proposals/<int:proposal_id>/versions")
def history(slug, proposal_id):
    convention, proposal = load(slug, proposal_id)
    versions = queries.versions(proposal)
    newest = versions[0].number if versions else 0
    old = request.args.get("from", max(newest - 1, 1), type=int)
    new = request.args.get("to", newest, type=int)
    before, after = queries.version_or_404(proposal, old), queries.version_or_404(proposal, new)
    pieces = word_diff(before.text, after.text)
    return render_template("proposals/history.html", convention=convention, proposal=proposal, versions=versions,
                           before=before, after=after, pieces=pieces, changed=changed(pieces))


def public_section(convention):
    insider = access.has_role(current_user, convention, *access.PARTICIPANTS)
    return {"count": len(queries.proposals_of(convention, public_only=not insider))}


sections.register("proposals/_public_section.html", order=40, context=public_section)



@bp.app_template_global("proposals_answering")
def proposals_answering(convention, contributions):
    """{contribution id: proposals answering it}, for a page of contributions (one query)."""
    insider = access.has_role(current_user, convention, *access.PARTICIPANTS)
    return queries.answering([c.id for c in contributions], public_only=not insider)


@bp.app_template_global("proposals_of_group")
def proposals_of_group(group):
    return queries.proposals_of_group(group)


from . import demo as _demo  # noqa: E402,F401  (registers the demo step)
from . import views_amendments, views_comments, views_manage  # noqa: E402,F401  (their routes join)
