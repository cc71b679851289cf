"""The organisers' view of the proposals: every proposal of every group, drafts included, with its
state and the amendments waiting for a decision; each links to the proposal's own page."""
from flask import render_template

from ..auth import access
from ..auth.models import Role
from ..i18n import _l
from ..organising import nav
from . import queries
from .views import bp

nav.register_section("proposals.manage", _l("Proposals"), order=57)


@bp.get("/manage/<slug>/proposals/")
@access.convention_role(Role.organiser)
def manage(convention):
    proposals = queries.proposals_of(convention)
    waiting = queries.open_amendment_counts(convention)
    return render_template("proposals/manage.html", convention=convention, proposals=proposals, waiting=waiting)
