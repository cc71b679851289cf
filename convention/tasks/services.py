"""Running long work in the Huey queue and recording its progress in a TaskRun.

Declare a job with `@background_task()`; its function receives a `Progress` first:

    @background_task()
    def embed_contributions(progress, convention_id):
        ...
        progress.report(0.5, _l("Half the contributions embedded"))
        return {"url": ...}             # stored as the run's result (JSON)

and start it from a view with `run = start(embed_contributions, convention_id, convention=c)`.
"""
import functools
import logging
import time

from flask import current_app, has_request_context

from ..database import utcnow
from ..extensions import db, huey
from . import queue
from .models import TaskRun, TaskState

log = logging.getLogger(__name__)


class Progress:
    """Handed to a task so it can say how far it is; a report commits the session.

    `progress.report(fraction, message)`, or call it as `progress(message, fraction_or_None)` — the
    callback signature of the `panels` algorithms — whose reports are throttled (one commit per
    `interval` seconds at most) since a solver may report many times a second.
    """

    def __init__(self, run, interval=0.5):
        self.run = run
        self.interval = interval
        self._last_commit = 0.0

    def report(self, fraction, message=""):
        self._set(fraction, message)
        self._commit()

    def __call__(self, message, fraction=None):
        self._set(self.run.progress if fraction is None else fraction, message)
        if time.monotonic() - self._last_commit >= self.interval:
            self._commit()

    def _set(self, fraction, message):
        self.run.progress = max(0.0, min(1.0, float(fraction)))
        self.run.message = str(message)[:500]

    def _commit(self):
        db.session.commit()
        self._last_commit = time.monotonic()


def background_task(**huey_options):
    """Declare a Huey task whose run is tracked in a TaskRun (state, progress, result, error)."""
    def decorator(func):
        @huey.task(name=f"{func.__module__}.{func.__name__}", **huey_options)
        @functools.wraps(func)
        def task(run_id, *args, **kwargs):
            with queue.app_context():
                _execute(run_id, func, args, kwargs)
        task.kind = func.__name__
        return task
    return decorator


def _execute(run_id, func, args, kwargs):
    run = db.session.get(TaskRun, run_id)
    run.state, run.started_at = TaskState.running, utcnow()
    db.session.commit()
    try:
        result = func(Progress(run), *args, **kwargs)
    except Exception as error:  # noqa: BLE001 - the run records any failure for the user to see
        log.exception("Task %s (run %s) failed", run.kind, run_id)
        db.session.rollback()
        run = db.session.get(TaskRun, run_id)
        run.state, run.error = TaskState.failed, str(error) or type(error).__name__
    else:
        run.state, run.progress, run.result = TaskState.done, 1.0, result
    run.finished_at = utcnow()
    db.session.commit()


def start(task, *args, convention=None, user=None, **kwargs):
    """Record a queued run, commit it, and enqueue `task` (run at once when tasks are immediate).

    From the command line with the in-process worker (no web process to host it), the task runs
    at once too, so that `flask convention ...` commands can use tasks.
    """
    run = TaskRun(kind=task.kind, convention_id=convention.id if convention else None,
                  created_by_id=user.id if user else None)
    db.session.add(run)
    db.session.commit()
    if current_app.config["TASKS_IN_PROCESS_WORKER"] and not has_request_context() and not huey.immediate:
        task.call_local(run.id, *args, **kwargs)
        return run
    queue.ensure_worker(huey, current_app)
    task(run.id, *args, **kwargs)
    return run


def get_or_404(run_id):
    return db.get_or_404(TaskRun, run_id)


def active_run(kind, convention):
    """The queued or running run of this kind for the convention, to refuse starting a second one."""
    return db.session.scalar(db.select(TaskRun).filter_by(kind=kind, convention_id=convention.id)
                             .filter(TaskRun.state.in_([TaskState.queued, TaskState.running])))
