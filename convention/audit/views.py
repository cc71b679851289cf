from flask import Blueprint, render_template, request

from ..auth import access
from ..auth.models import Role
from . import labels, services

bp = Blueprint("audit", __name__)


@bp.get("/manage/<slug>/audit")
@access.convention_role(Role.organiser)
def log(convention):
    page = services.entries_page(convention, request.args.get("page", 1, type=int))
    objects = services.objects_of(page.items)
    rows = [{"entry": entry, "action": labels.action_label(entry.action),
             "object": labels.object_text(entry, objects[entry.id]), "changes": labels.changes(entry)}
            for entry in page.items]
    return render_template("audit/log.html", convention=convention, page=page, rows=rows)
