"""A run whose worker died: its heartbeat gets old, it shows as interrupted and no longer blocks a
new run; a task the queue delivers twice runs once."""
from datetime import timedelta

from convention_testing import detached, log_in
from draw_testing import drawn, ready_to_draw, set_panel_size
from convention.audit.models import AuditEntry
from convention.organising.models import Convention
from convention.database import utcnow
from convention.draw import steps
from convention.draw.models import Draw, DrawState, Selection
from convention.extensions import db
from convention.tasks import services as tasks
from convention.tasks.models import TaskRun, TaskState

executions = []


@tasks.background_task()
def count_once(progress, label):
    executions.append(label)
    progress.report(0.5, "halfway")
    return {"label": label}


def _stale_run(app, convention_id, kind="count_once", state=TaskState.running, seconds=600, **values):
    """A run whose worker stopped `seconds` ago (its last heartbeat)."""
    with app.app_context():
        past = utcnow() - timedelta(seconds=seconds)
        run = TaskRun(kind=kind, convention_id=convention_id, state=state, created_at=past,
                      started_at=past if state is TaskState.running else None, heartbeat_at=past, **values)
        db.session.add(run)
        db.session.commit()
        return run.id


def _run(app, run_id):
    return detached(app, TaskRun, run_id)


def test_a_task_delivered_twice_runs_once(app, world):
    executions.clear()
    with app.app_context():
        convention = db.session.get(Convention, world.convention.id)
        run_id = tasks.start(count_once, "first", convention=convention).id
        count_once(run_id, "again")   # the queue delivers the same run a second time
    assert executions == ["first"]
    run = _run(app, run_id)
    assert run.state is TaskState.done and run.result == {"label": "first"}


def test_progress_reports_touch_the_heartbeat(app, world):
    with app.app_context():
        convention = db.session.get(Convention, world.convention.id)
        run_id = tasks.start(count_once, "beat", convention=convention).id
    run = _run(app, run_id)
    assert run.started_at <= run.heartbeat_at <= run.finished_at


def test_a_stale_run_no_longer_blocks_a_new_one(app, world):
    fresh = _stale_run(app, world.convention.id, seconds=30)
    with app.app_context():
        convention = db.session.get(Convention, world.convention.id)
        assert tasks.active_run("count_once", convention).id == fresh, "30 s without a beat: still alive"
        assert tasks.interrupted_run("count_once", convention) is None
    stale = _stale_run(app, world.convention.id, seconds=121)
    with app.app_context():
        convention = db.session.get(Convention, world.convention.id)
        assert tasks.interrupted_run("count_once", convention).id == stale
        db.session.get(TaskRun, fresh).heartbeat_at = utcnow() - timedelta(seconds=500)
        db.session.commit()
        assert tasks.active_run("count_once", convention) is None
        run = db.session.get(TaskRun, stale)
        assert tasks.mark_interrupted(run) and run.state is TaskState.interrupted
        assert not tasks.mark_interrupted(run), "only one request takes an interrupted run back"


def test_a_run_queued_long_waits_while_workers_beat_and_once_taken_back_never_starts(app, world):
    executions.clear()
    queued = _stale_run(app, world.convention.id, state=TaskState.queued)
    busy = _stale_run(app, world.other.id, kind="other_work", seconds=5)   # a worker busy elsewhere
    with app.app_context():
        convention = db.session.get(Convention, world.convention.id)
        assert tasks.active_run("count_once", convention).id == queued, "waiting its turn, not lost"
        assert not tasks.mark_interrupted(db.session.get(TaskRun, queued))
        db.session.get(TaskRun, busy).heartbeat_at = utcnow() - timedelta(seconds=600)
        db.session.commit()
        assert tasks.interrupted_run("count_once", convention).id == queued, "no worker beats any more"
        assert tasks.mark_interrupted(db.session.get(TaskRun, queued))
        db.session.commit()
        count_once(queued, "late")   # the queue delivers it after all
    assert executions == [] and _run(app, queued).state is TaskState.interrupted


def test_the_progress_page_says_the_run_was_interrupted(client, app, world):
    started = _stale_run(app, world.convention.id, progress=0.4)
    never = _stale_run(app, world.convention.id, state=TaskState.queued)
    log_in(client, world.users["organiser"])
    response = client.get(f"/tasks/{started}", headers={"HX-Request": "true"})
    fragment = response.get_data(as_text=True)
    assert "hx-trigger" not in fragment and response.headers["HX-Trigger"] == "task-finished"
    assert "Le traitement a été interrompu à 40" in fragment
    assert "Le traitement n’a jamais commencé" in client.get(f"/tasks/{never}").get_data(as_text=True)
    client.post("/language", data={"locale": "en"})
    page = client.get(f"/tasks/{started}").get_data(as_text=True)
    assert "The work was interrupted at 40" in page and 'http-equiv="refresh"' not in page
    assert f'href="/manage/{world.convention.slug}/">Back to the management of the convention' in page


def _interrupted_draw(client, app, world, seconds):
    """A draw claimed and started, whose worker then stopped answering `seconds` ago."""
    set_panel_size(app, world.convention.id)
    log_in(client, world.users["organiser"])
    ready_to_draw(client, world.convention.slug)
    with app.app_context():
        convention = db.session.get(Convention, world.convention.id)
        assert steps.claim(convention, db.session.scalar(db.select(Draw)), "leximin")
        db.session.commit()
    return _stale_run(app, world.convention.id, kind="run_draw", seconds=seconds, progress=0.3)


def test_an_interrupted_draw_can_be_started_again(client, app, world):
    run_id = _interrupted_draw(client, app, world, seconds=600)
    url = f"/manage/{world.convention.slug}/draw/"
    page = client.get(url).get_data(as_text=True)
    assert "Le tirage a été interrompu." in page and "Relancer le tirage" in page
    assert '<p class="badge state-infeasible">Tirage interrompu</p>' in page
    client.post("/language", data={"locale": "en"})
    page = client.get(url).get_data(as_text=True)
    assert "The draw was interrupted." in page and "Start the draw again" in page
    response = client.post(f"/manage/{world.convention.slug}/draw/run", data={"algorithm": "leximin"})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalar(db.select(Draw)).state is DrawState.done
        assert db.session.get(TaskRun, run_id).state is TaskState.interrupted
        actions = db.session.scalars(db.select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions[-3:] == ["draw.interrupted", "draw.start", "draw.run"]
    assert "interrupted" not in client.get(url).get_data(as_text=True)


def test_a_live_draw_still_blocks_a_second_one(client, app, world):
    run_id = _interrupted_draw(client, app, world, seconds=5)
    page = client.get(f"/manage/{world.convention.slug}/draw/").get_data(as_text=True)
    assert f'id="task-{run_id}"' in page and "interrompu" not in page
    response = client.post(f"/manage/{world.convention.slug}/draw/run", data={"algorithm": "leximin"},
                           follow_redirects=True)
    assert "Le tirage est déjà en cours." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(db.select(Draw)).state is DrawState.running
        assert db.session.get(TaskRun, run_id).state is TaskState.running


def test_an_interrupted_replacement_draw_can_be_drawn_again(client, app, world):
    set_panel_size(app, world.convention.id)
    log_in(client, world.users["organiser"])
    drawn(client, world.convention.slug)
    url = f"/manage/{world.convention.slug}/draw/panel"
    with app.app_context():
        first = db.session.scalar(db.select(Selection).order_by(Selection.id)).id
    assert client.post(f"{url}/{first}/status", data={"status": "declined"}).status_code == 302
    run_id = _stale_run(app, world.convention.id, kind="run_replacements")
    page = client.get(url).get_data(as_text=True)
    assert "Le tirage des remplaçants a été interrompu." in page and 'id="replacement-form"' in page
    response = client.post(f"{url}/replace", data={"seed": "7", "source": "Loto"})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(TaskRun, run_id).state is TaskState.interrupted
        assert len(db.session.scalar(db.select(Draw)).rounds) == 2
    assert "interrompu" not in client.get(url).get_data(as_text=True)


def _interrupt(run_id):
    """What `mark_interrupted` does from a page once the run's heartbeat is stale: another request
    takes the run back while its worker, silent for a while, is in fact still working."""
    db.session.execute(db.update(TaskRun).where(TaskRun.id == run_id)
                       .values(state=TaskState.interrupted, finished_at=utcnow()))
    db.session.commit()


late_steps = []


@tasks.background_task()
def late_worker(progress, convention_id, report_after):
    late_steps.append("started")
    progress.report(0.2, "working")
    _interrupt(progress.run.id)
    db.session.get(Convention, convention_id).title = "Written by a late worker"
    if report_after:
        progress.report(0.9, "almost")   # the worker learns it was taken back, and stops here
        late_steps.append("went on")
    return {"url": "/late"}


@tasks.background_task()
def late_failure(progress):
    progress.report(0.2, "working")
    _interrupt(progress.run.id)
    raise RuntimeError("late crash")


def _start_late(app, world, task, *args):
    late_steps.clear()
    with app.app_context():
        convention = db.session.get(Convention, world.convention.id)
        return tasks.start(task, *args, convention=convention).id


def test_a_late_worker_does_not_mark_an_interrupted_run_done(app, world, caplog):
    run_id = _start_late(app, world, late_worker, world.convention.id, False)
    run = _run(app, run_id)
    assert run.state is TaskState.interrupted and run.result is None and run.progress < 1
    with app.app_context():
        assert db.session.get(Convention, world.convention.id).title != "Written by a late worker"
    assert f"run {run_id}) went on after its run was marked interrupted: its result is discarded" in caplog.text


def test_a_late_worker_stops_at_its_next_progress_report(app, world, caplog):
    run_id = _start_late(app, world, late_worker, world.convention.id, True)
    assert late_steps == ["started"]
    run = _run(app, run_id)
    assert run.state is TaskState.interrupted and run.progress == 0.2 and run.message == "working"
    assert "is discarded" in caplog.text


def test_a_late_failure_does_not_overwrite_the_interruption(app, world, caplog):
    run_id = _start_late(app, world, late_failure)
    run = _run(app, run_id)
    assert run.state is TaskState.interrupted and run.error is None
    assert "its failure is discarded" in caplog.text
