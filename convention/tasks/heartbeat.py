"""A run's heartbeat: while a task works, a timer thread says its worker is still alive."""
import logging
import threading

from flask import current_app
from sqlalchemy import event

from ..database import utcnow
from ..extensions import db, huey
from .models import TaskRun, TaskState

log = logging.getLogger(__name__)


class Heartbeat:
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
