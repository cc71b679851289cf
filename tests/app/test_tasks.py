"""Background runs: immediate in tests, tracked in TaskRun, polled by an htmx fragment."""
from convention_testing import detached, log_in
from convention.organising.models import Convention
from convention.extensions import db, huey
from convention.i18n import _l
from convention.tasks import services as tasks
from convention.tasks.models import TaskRun, TaskState


@tasks.background_task()
def count_to(progress, n):
    for i in range(n):
        progress.report((i + 1) / n, f"{i + 1} / {n}")
    return {"counted": n, "url": "/"}


@tasks.background_task()
def fail(progress):
    progress.report(0.5, "halfway")
    raise ValueError("the pool file has no id column")


def _start(app, world, task, *args):
    with app.app_context():
        convention = db.session.get(Convention, world.convention.id)
        return tasks.start(task, *args, convention=convention).id


def _run(app, run_id):
    return detached(app, TaskRun, run_id)


def test_tests_run_tasks_immediately(app):
    assert huey.immediate


def test_a_run_records_progress_and_result(app, world):
    run = _run(app, _start(app, world, count_to, 4))
    assert (run.state, run.progress, run.message) == (TaskState.done, 1.0, "4 / 4")
    assert run.result == {"counted": 4, "url": "/"}
    assert run.started_at <= run.finished_at


def test_a_failure_is_recorded_for_the_user(app, world):
    run = _run(app, _start(app, world, fail))
    assert run.state is TaskState.failed and run.error == "the pool file has no id column"


def test_the_fragment_stops_polling_when_done(client, app, world):
    run_id = _start(app, world, count_to, 2)
    log_in(client, world.users["organiser"])
    response = client.get(f"/tasks/{run_id}", headers={"HX-Request": "true"})
    fragment = response.get_data(as_text=True)
    assert "hx-trigger" not in fragment and 'value="100"' in fragment and 'href="/"' in fragment
    assert response.headers["HX-Trigger"] == "task-finished"


def test_the_fragment_polls_while_running(client, app, world):
    with app.app_context():
        run = TaskRun(kind="count_to", convention_id=world.convention.id, state=TaskState.running,
                      progress=0.25, message="Tirage en cours")
        db.session.add(run)
        db.session.commit()
        run_id = run.id
    log_in(client, world.users["organiser"])
    fragment = client.get(f"/tasks/{run_id}", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert 'hx-trigger="every 1s"' in fragment and 'value="25"' in fragment and "Tirage en cours" in fragment
    page = client.get(f"/tasks/{run_id}").get_data(as_text=True)
    assert '<meta http-equiv="refresh"' in page, "without JavaScript the page reloads itself"


def test_active_run_prevents_double_starts(app, world):
    with app.app_context():
        convention = db.session.get(Convention, world.convention.id)
        db.session.add(TaskRun(kind="count_to", convention_id=convention.id, state=TaskState.queued))
        db.session.commit()
        assert tasks.active_run("count_to", convention) is not None
        assert tasks.active_run("fail", convention) is None


@tasks.background_task()
def solve(progress):
    for stage in range(100):
        progress(None if stage % 10 else stage / 100, f"stage {stage}")   # panels' callback signature
    return None


def test_panels_style_progress_callbacks_are_throttled(app, world, monkeypatch):
    commits, commit = [], tasks.Progress._commit

    def counting_commit(progress):
        commits.append(progress.run.message)
        commit(progress)

    monkeypatch.setattr(tasks.Progress, "_commit", counting_commit)
    run = _run(app, _start(app, world, solve))
    assert run.state is TaskState.done
    assert commits == ["stage 0"], "a hundred reports within half a second make one commit"


@tasks.background_task()
def say_in_each_language(progress):
    progress.report(0.5, _l("Checking the pool and the quotas…"))


def test_progress_messages_show_in_the_visitor_language(client, app, world):
    run = _run(app, _start(app, world, say_in_each_language))
    assert run.message == "Checking the pool and the quotas…", "the msgid is stored, not the worker's French"
    with app.app_context():   # a run still at that step, as the page polls it
        db.session.add(TaskRun(kind="x", convention_id=world.convention.id, state=TaskState.running,
                               progress=0.5, message=run.message))
        db.session.commit()
        running = db.session.scalar(db.select(TaskRun.id).filter_by(kind="x"))
    log_in(client, world.users["organiser"])
    assert "Vérification du vivier et des quotas…" in client.get(f"/tasks/{running}").get_data(as_text=True)
    client.post("/language", data={"locale": "en"})
    assert "Checking the pool and the quotas…" in client.get(f"/tasks/{running}").get_data(as_text=True)
