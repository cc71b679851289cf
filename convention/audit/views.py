from flask import Blueprint, render_template, request

from ..auth import access
from ..auth.models import Role
from . import labels, services

bp = Blueprint("audit", __name__)


@bp.get("/manage/<slug>/audit")
@access.convention_role(Role.organiser)
def log(convention):
    page = services.entries_page(convention, request.args.get("page", 1, type=int))
    return render_template("audit/log.html", convention=convention, page=page,
                           action_label=labels.action_label, object_label=labels.object_label,
                           field_label=labels.field_label,
                           value_label=labels.value_label)
