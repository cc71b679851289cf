"""Progress of a background run: a fragment htmx polls until the run is finished."""
from flask import Blueprint, render_template

from ..auth import access
from ..auth.models import Role
from ..conventions import services as conventions
from ..extensions import htmx
from . import services

bp = Blueprint("tasks", __name__)


@bp.get("/tasks/<int:run_id>")
def progress(run_id):
    run = services.get_or_404(run_id)
    convention = None
    if run.convention_id is None:
        access.require_admin()
    else:
        convention = conventions.get_by_id_or_404(run.convention_id)
        access.require(convention, Role.organiser)
    headers = {"HX-Trigger": "task-finished"} if run.is_finished and htmx else {}
    template = "tasks/_progress.html" if htmx else "tasks/progress.html"
    return render_template(template, run=run, convention=convention), 200, headers
