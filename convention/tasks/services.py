"""Running long work in the Huey queue and recording its progress in a TaskRun.

Declare a job with `@background_task()`; its function receives a `Progress` first:

    @background_task()
    def embed_contributions(progress, convention_id):
        ...
        progress.report(0.5, _l("Half the contributions embedded"))   # shown in each visitor's language
        return {"url": ...}             # stored as the run's result (JSON)

and start it from a view with `run = start(embed_contributions, convention_id, convention=c)`.
"""
import functools
import logging
import time

import sqlalchemy as sa
from sqlalchemy import orm
from flask import current_app, has_request_context
from flask_babel.speaklater import LazyString

from ..database import paginate, utcnow
from ..extensions import db, huey
from . import queue
from .heartbeat import Heartbeat
from .models import ACTIVE_STATES, TaskRun, TaskState, alive

log = logging.getLogger(__name__)


class RunInterrupted(Exception):
    """The run was taken back as interrupted (`mark_interrupted`) while this worker still worked on
    it: its worker had stopped beating long enough to be given up. Raised by a progress report, so
    that the late worker stops there; `_execute` discards the work and logs it."""


class Progress:
    """Handed to a task so it can say how far it is; a report commits the session, or raises
    `RunInterrupted` (after a rollback) when the run was taken back meanwhile.

    `progress.report(fraction, message)`, or call it as `progress(fraction_or_None, message)` — the
    callback signature of the `panels` algorithms — whose reports are throttled (one commit per
    `interval` seconds at most) since a solver may report many times a second.
    """

    def __init__(self, run, interval=0.5):
        self.run = run
        self.interval = interval
        self._last_commit = 0.0
        # Kept here rather than read back from the run: after a commit that read would open a
        # transaction, left open through the solver's next long step.
        self.fraction = 0.0

    def report(self, fraction, message=""):
        self._set(fraction, message)
        self._commit()

    def __call__(self, fraction, message=""):
        """The callback form, `(fraction, message)` as everywhere (panels, the themes engine):
        commits at most every `interval` seconds; a None fraction keeps the bar where it is."""
        self._set(self.fraction if fraction is None else fraction, message)
        if time.monotonic() - self._last_commit >= self.interval:
            self._commit()

    def _set(self, fraction, message):
        self.fraction = max(0.0, min(1.0, float(fraction)))
        self.run.progress = self.fraction
        self.run.message = message_key(message)[:500]

    def _commit(self):
        # The beat is written with the report, in the same transaction, and only while the run is
        # still running: utcnow() when written, so that it never moves a newer beat back.
        if not _still_running(self.run.id, heartbeat_at=utcnow()):
            db.session.rollback()
            raise RunInterrupted(self.run.id)
        db.session.commit()
        self._last_commit = time.monotonic()


def message_key(message):
    """What to store of a progress message: the English msgid of a lazy string without variables
    (`_l("...")`), which the page translates for each visitor; any other message as it is."""
    if isinstance(message, LazyString) and len(message._args) == 1 and not message._kwargs:
        return message._args[0]
    return str(message)


# What each kind of run is called on the admins' list of runs (a kind without a label shows its name).
KIND_LABELS = {}


def background_task(label=None, **huey_options):
    """Declare a Huey task whose run is tracked in a TaskRun (state, progress, result, error);
    `label` (`_l("Panel draw")`) names its runs on the admins' list."""
    def decorator(func):
        if label is not None:
            KIND_LABELS[func.__name__] = label
        @huey.task(name=f"{func.__module__}.{func.__name__}", **huey_options)
        @functools.wraps(func)
        def task(run_id, *args, **kwargs):
            with queue.app_context():
                _execute(run_id, func, args, kwargs)
        task.kind = func.__name__
        return task
    return decorator


def _execute(run_id, func, args, kwargs):
    if not _claim(run_id):
        log.warning("Run %s is already claimed, finished or interrupted: not running it again", run_id)
        return
    run = db.session.get(TaskRun, run_id)
    kind = run.kind
    db.session.commit()   # no transaction left open while the task starts
    with Heartbeat(run_id):
        try:
            result = func(Progress(run), *args, **kwargs)
        except RunInterrupted:
            outcome = None
        except Exception as error:  # noqa: BLE001 - the run records any failure for the user to see
            log.exception("Task %s (run %s) failed", kind, run_id)
            db.session.rollback()
            outcome = {"state": TaskState.failed, "error": str(error) or type(error).__name__}
        else:
            outcome = {"state": TaskState.done, "progress": 1.0, "result": result}
    if outcome is not None and _still_running(run_id, finished_at=utcnow(), **outcome):
        db.session.commit()
        return
    # Taken back as interrupted while this worker was silent (see `mark_interrupted`): the work may
    # have started again elsewhere, so what this late worker did (its result, its last writes) is dropped.
    db.session.rollback()
    log.warning("Task %s (run %s) went on after its run was marked interrupted: its %s is discarded",
                kind, run_id, "failure" if outcome and outcome["state"] is TaskState.failed else "result")


def _still_running(run_id, **values):
    """Write `values` to the run if it is still running, in the session's transaction; False when
    it was taken back as interrupted meanwhile (nothing is written then)."""
    return db.session.execute(
        db.update(TaskRun).where(TaskRun.id == run_id, TaskRun.state == TaskState.running).values(**values)
        .execution_options(synchronize_session=False)).rowcount == 1


def _claim(run_id):
    """Mark a queued run running, atomically: a task the queue delivers twice runs once, and a run
    that was taken back as interrupted (see `mark_interrupted`) never starts late."""
    now = utcnow()
    claimed = db.session.execute(
        db.update(TaskRun).where(TaskRun.id == run_id, TaskRun.state == TaskState.queued)
        .values(state=TaskState.running, started_at=now, heartbeat_at=now)).rowcount == 1
    db.session.commit()
    return claimed


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


def runs_page(page, state=None):
    """One page of every run, newest first, with its convention and who started it (site admins'
    list); `state` keeps the runs in that state."""
    query = (db.select(TaskRun).options(orm.joinedload(TaskRun.convention), orm.joinedload(TaskRun.created_by))
             .order_by(TaskRun.id.desc()))
    if state is not None:
        query = query.where(TaskRun.state == state)
    return paginate(query, page)


def active_run(kind, convention):
    """The queued or running run of this kind for the convention whose worker is alive, to refuse
    starting a second one; a run whose heartbeat is too old no longer counts (see `interrupted_run`)."""
    return db.session.scalar(db.select(TaskRun).filter_by(kind=kind, convention_id=convention.id)
                             .filter(alive()).order_by(TaskRun.id.desc()).limit(1))


def interrupted_run(kind, convention):
    """The latest run of this kind for the convention if its worker stopped before the end, else None."""
    run = db.session.scalar(db.select(TaskRun).filter_by(kind=kind, convention_id=convention.id)
                            .order_by(TaskRun.id.desc()).limit(1))
    return run if run is not None and run.is_interrupted else None


def mark_interrupted(run):
    """Record an interrupted run as such, atomically; False when another request did it first, or
    its worker came back to life. The caller may then start the work again."""
    changed = db.session.execute(
        db.update(TaskRun).where(TaskRun.id == run.id, TaskRun.state.in_(ACTIVE_STATES), sa.not_(alive()))
        .values(state=TaskState.interrupted, finished_at=utcnow())).rowcount == 1
    db.session.refresh(run)
    return changed
