"""Comments on a proposal, one level of replies; organisers hide a comment with a reason (logged)."""
from flask import abort, flash, render_template, url_for
from flask_login import current_user

from ..auth import access
from ..auth.models import Role
from ..extensions import db
from ..i18n import _
from ..web import redirect_to
from . import operations, queries
from .forms import CommentForm, CommentModerationForm
from .models import CommentStatus
from .views import bp, load


@bp.post("/c/<slug>/proposals/<int:proposal_id>/comments")
def comment(slug, proposal_id):
    convention, proposal = load(slug, proposal_id)
    access.require(convention, *access.PARTICIPANTS)
    form = CommentForm()
    parent = queries.comment_or_404(proposal, form.parent_id) if form.parent_id else None
    if not form.validate_on_submit():
        return render_template("proposals/comment_form_page.html", convention=convention, proposal=proposal,
                               form=form, parent=parent), 422
    item = operations.comment(proposal, current_user, form.text.data, parent=parent)
    db.session.commit()
    flash(_("Comment published."), "success")
    return redirect_to(url_for(".show", slug=convention.slug, proposal_id=proposal.id) + f"#comment-{item.id}")


@bp.post("/manage/<slug>/proposals/<int:proposal_id>/comments/<int:comment_id>/moderate")
@access.convention_role(Role.organiser)
def moderate(convention, proposal_id, comment_id):
    proposal = queries.proposal_or_404(convention, proposal_id)
    item = queries.comment_or_404(proposal, comment_id)
    form = CommentModerationForm()
    if not form.validate_on_submit():
        if not form.reason.errors:
            abort(400)
        return render_template("proposals/moderate.html", convention=convention, proposal=proposal, comment=item,
                               form=form), 422
    operations.moderate(convention, item, CommentStatus[form.status.data], form.reason.data or "", current_user)
    db.session.commit()
    flash(_("Comment hidden from the public.") if item.status is CommentStatus.hidden else _("Comment shown again."),
          "success")
    return redirect_to(url_for(".show", slug=convention.slug, proposal_id=proposal.id) + f"#comment-{item.id}")

