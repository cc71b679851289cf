"""Progress of a background run: a fragment htmx polls until the run is finished; and the site
admins' list of every run."""
from flask import Blueprint, render_template, request

from ..auth import access
from ..auth.models import Role
from ..organising import services as conventions
from ..extensions import htmx
from ..i18n import _
from . import services
from .models import TaskState

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


@bp.get("/admin/tasks")
@access.admin_required
def admin_runs():
    state = request.args.get("state")
    state = TaskState(state) if state in {s.value for s in TaskState} else None
    page = services.runs_page(request.args.get("page", 1, type=int), state)
    return render_template("tasks/admin.html", page=page, state=state, states=list(TaskState),
                           kinds=services.KIND_LABELS)


@bp.app_template_filter("run_duration")
def run_duration(delta):
    """"45 s", "3 min 05 s", "2 h 07 min": a run's duration, to the second."""
    seconds = round(delta.total_seconds())
    if seconds < 60:
        return _("%(seconds)s s", seconds=seconds)
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return _("%(minutes)s min %(seconds)s s", minutes=minutes, seconds=f"{seconds:02d}")
    hours, minutes = divmod(minutes, 60)
    return _("%(hours)s h %(minutes)s min", hours=hours, minutes=f"{minutes:02d}")
