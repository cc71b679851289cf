from flask import Blueprint, render_template, request

from ..auth import access
from ..auth.models import Role
from ..conventions import services as conventions
from . import labels, services

bp = Blueprint("audit", __name__)


@bp.get("/manage/<slug>/audit")
def log(slug):
    convention = conventions.get_by_slug_or_404(slug)
    access.require(convention, Role.organiser)
    page = services.entries_page(convention, request.args.get("page", 1, type=int))
    return render_template("audit/log.html", convention=convention, page=page,
                           action_label=labels.action_label, field_label=labels.field_label)
