"""Site admins see every run of the task queue: state, duration, error, who started it, convention."""
import re
from datetime import timedelta

from convention_testing import log_in
from convention.database import utcnow
from convention.extensions import db
from convention.tasks.models import TaskRun, TaskState


def _add_runs(app, world):
    """A finished draw started by the organiser, a failed themes run, a run whose worker died, and
    a queued run nobody started (a command's), oldest first."""
    now = utcnow()
    with app.app_context():
        runs = [
            TaskRun(kind="run_draw", convention_id=world.convention.id, created_by_id=world.users["organiser"].id,
                    state=TaskState.done, progress=1.0, created_at=now - timedelta(hours=3),
                    started_at=now - timedelta(hours=3), finished_at=now - timedelta(hours=3) + timedelta(seconds=125)),
            TaskRun(kind="cluster_contributions", convention_id=world.convention.id,
                    created_by_id=world.users["organiser"].id, state=TaskState.failed, error="Le modèle est introuvable",
                    created_at=now - timedelta(hours=2), started_at=now - timedelta(hours=2),
                    finished_at=now - timedelta(hours=2) + timedelta(seconds=7)),
            TaskRun(kind="run_replacements", convention_id=world.other.id, state=TaskState.running, progress=0.4,
                    message="Solving", created_at=now - timedelta(hours=2), started_at=now - timedelta(hours=2),
                    heartbeat_at=now - timedelta(hours=2) + timedelta(seconds=3725)),
            TaskRun(kind="some_command_job", state=TaskState.queued, created_at=now, heartbeat_at=now),
        ]
        db.session.add_all(runs)
        db.session.commit()
        return [run.id for run in runs]


def _rows(page):
    return re.findall(r'<tr class="task-run task-(\w+)">(.*?)</tr>', page, flags=re.DOTALL)


def test_admins_see_every_run_with_its_state_duration_error_and_author(client, app, world):
    done, failed, dead, queued = _add_runs(app, world)
    log_in(client, world.users["admin"])
    page = client.get("/admin/tasks").get_data(as_text=True)
    rows = _rows(page)
    assert [state for state, _ in rows] == ["queued", "interrupted", "failed", "done"]   # newest first
    cells = {state: re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)) for state, row in rows}
    assert "Tirage du panel" in cells["done"] and "2 min 05 s" in cells["done"] and "Terminé" in cells["done"]
    assert world.users["organiser"].name in cells["done"] and world.convention.title in cells["done"]
    assert "Échec" in cells["failed"] and "7 s" in cells["failed"] and "Le modèle est introuvable" in cells["failed"]
    # A running run whose heartbeat stopped 58 minutes ago: interrupted, after 1 h 02 min of work.
    assert "Interrompu" in cells["interrupted"] and "1 h 02 min" in cells["interrupted"]
    assert world.other.title in cells["interrupted"]
    assert "some_command_job" in cells["queued"] and "En file d’attente" in cells["queued"]
    assert f'href="/tasks/{failed}"' in page


def test_the_list_filters_by_state_and_is_paginated(client, app, world):
    with app.app_context():
        db.session.add_all(TaskRun(kind="run_draw", convention_id=world.convention.id, state=TaskState.failed,
                                   error=f"error {i}") for i in range(app.config["PER_PAGE"] + 2))
        db.session.add(TaskRun(kind="run_draw", convention_id=world.convention.id, state=TaskState.done))
        db.session.commit()
    log_in(client, world.users["admin"])
    first = client.get("/admin/tasks?state=failed").get_data(as_text=True)
    assert len(_rows(first)) == app.config["PER_PAGE"] and {s for s, _ in _rows(first)} == {"failed"}
    assert "state=failed&amp;page=2" in first or "page=2&amp;state=failed" in first
    second = client.get("/admin/tasks?state=failed&page=2").get_data(as_text=True)
    assert [s for s, _ in _rows(second)] == ["failed", "failed"] and "error 0" in second
    assert [s for s, _ in _rows(client.get("/admin/tasks?state=done").get_data(as_text=True))] == ["done"]
    assert len(_rows(client.get("/admin/tasks?state=nonsense").get_data(as_text=True))) == app.config["PER_PAGE"]


def test_the_admin_navigation_links_to_it_for_admins_only(client, app, world):
    log_in(client, world.users["admin"])
    assert 'href="/admin/tasks"' in client.get("/").get_data(as_text=True)
    assert 'aria-current="page">Travaux en arrière-plan' in client.get("/admin/tasks").get_data(as_text=True)
    log_in(client, world.users["organiser"])
    assert 'href="/admin/tasks"' not in client.get("/").get_data(as_text=True)
    assert client.get("/admin/tasks").status_code == 403

