"""The outbox, for site admins: every message with its state (kept, queued, sent, failed)."""
from flask import Blueprint, render_template, request

from ..auth import access
from . import services, tasks  # noqa: F401  (tasks: the queue's consumer must know them)

bp = Blueprint("mail", __name__)


@bp.get("/admin/outbox")
@access.admin_required
def outbox():
    page = services.outbox_page(request.args.get("page", 1, type=int))
    return render_template("mail/outbox.html", page=page, uses_outbox=services.uses_outbox())
