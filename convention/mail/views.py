"""The development outbox, for site admins while no SMTP server is configured."""
from flask import Blueprint, abort, render_template, request

from ..auth import access
from . import services

bp = Blueprint("mail", __name__)


@bp.get("/admin/outbox")
@access.admin_required
def outbox():
    if not services.uses_outbox():
        abort(404)
    page = services.outbox_page(request.args.get("page", 1, type=int))
    return render_template("mail/outbox.html", page=page)
