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
import threading
import time

import sqlalchemy as sa
from flask import current_app, has_request_context
from flask_babel.speaklater import LazyString
from sqlalchemy import event

from ..database import utcnow
from ..extensions import db, huey
from . import queue
from .models import ACTIVE_STATES, TaskRun, TaskState, alive

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
        # Kept here rather than read back from the run: after a commit that read would open a
        # transaction, left open through the solver's next long step.
        self.fraction = 0.0

    def report(self, fraction, message=""):
        self._set(fraction, message)
        self._commit()

    def __call__(self, message, fraction=None):
        self._set(self.fraction if fraction is None else fraction, message)
        if time.monotonic() - self._last_commit >= self.interval:
            self._commit()

    def _set(self, fraction, message):
        self.fraction = max(0.0, min(1.0, float(fraction)))
        self.run.progress = self.fraction
        self.run.message = message_key(message)[:500]

    def _commit(self):
        self.run.heartbeat_at = utcnow()   # when written, so that it never moves a newer beat back
        db.session.commit()
        self._last_commit = time.monotonic()


def message_key(message):
    """What to store of a progress message: the English msgid of a lazy string without variables
    (`_l("...")`), which the page translates for each visitor; any other message as it is."""
    if isinstance(message, LazyString) and len(message._args) == 1 and not message._kwargs:
        return message._args[0]
    return str(message)


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
    if not _claim(run_id):
        log.warning("Run %s is already claimed, finished or interrupted: not running it again", run_id)
        return
    run = db.session.get(TaskRun, run_id)
    db.session.commit()   # no transaction left open while the task starts
    with _Heartbeat(run_id):
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


def _claim(run_id):
    """Mark a queued run running, atomically: a task the queue delivers twice runs once, and a run
    that was taken back as interrupted (see `mark_interrupted`) never starts late."""
    now = utcnow()
    claimed = db.session.execute(
        db.update(TaskRun).where(TaskRun.id == run_id, TaskRun.state == TaskState.queued)
        .values(state=TaskState.running, started_at=now, heartbeat_at=now)).rowcount == 1
    db.session.commit()
    return claimed


class _Heartbeat:
    """While a run works, a timer thread touches its heartbeat every TASK_HEARTBEAT_SECONDS, since
    a long solver step may not report progress for minutes. Not in immediate mode: the caller waits.

    On SQLite a beat waits until the task is between transactions: with WAL, a transaction that
    read before another connection committed cannot write afterwards. Tasks commit (each progress
    report does) before long steps, so the beats go through. PostgreSQL needs no such care.
    """

    def __init__(self, run_id):
        self.run_id = run_id
        self.app = current_app._get_current_object()
        self.session = db.session()
        self.stopped = threading.Event()
        self.between_transactions = threading.Lock()
        self.watch = db.engine.dialect.name == "sqlite"
        self.in_transaction = False
        self.thread = None

    def __enter__(self):
        if huey.immediate:
            return self
        if self.watch:
            event.listen(self.session, "after_begin", self._begun)
            event.listen(self.session, "after_transaction_end", self._ended)
        self.thread = threading.Thread(target=self._beat, name=f"heartbeat-{self.run_id}", daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stopped.set()
        if self.thread is not None:
            self.thread.join()
        if self.thread is not None and self.watch:
            event.remove(self.session, "after_begin", self._begun)
            event.remove(self.session, "after_transaction_end", self._ended)
            if self.in_transaction:
                self.in_transaction = False
                self.between_transactions.release()
        return False

    # Both run in the task's thread: the flag says whether that thread holds the lock.
    def _begun(self, session, transaction, connection):
        if not self.in_transaction:
            self.between_transactions.acquire()   # waits for a beat being written, a few ms
            self.in_transaction = True

    def _ended(self, session, transaction):
        if transaction.parent is None and self.in_transaction:
            self.in_transaction = False
            self.between_transactions.release()

    def _beat(self):
        while not self.stopped.wait(self.app.config["TASK_HEARTBEAT_SECONDS"]):
            if not self.between_transactions.acquire(timeout=1):
                continue   # the task is inside a transaction: beat at the next tick
            try:
                with self.app.app_context():
                    touch(self.run_id)
            except Exception:  # noqa: BLE001 - a missed beat (a locked SQLite file) is retried
                log.warning("Heartbeat of run %s failed", self.run_id, exc_info=True)
            finally:
                self.between_transactions.release()


def touch(run_id):
    """Record that the run's worker is alive (in its own transaction)."""
    db.session.execute(db.update(TaskRun).where(TaskRun.id == run_id, TaskRun.state == TaskState.running)
                       .values(heartbeat_at=utcnow()))
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
