"""A background job's run, which pages poll to show its progress."""
from datetime import datetime, timedelta
import enum

from flask import current_app

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, aliased, mapped_column, relationship

from ..database import Enum, UTCDateTime, utcnow
from ..extensions import db


class TaskState(enum.Enum):
    queued = "queued"
    running = "running"
    done = "done"
    failed = "failed"
    interrupted = "interrupted"   # its worker stopped beating: the work will not finish


class TaskRun(db.Model):
    __tablename__ = "task_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(64))
    convention_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("conventions.id", ondelete="CASCADE"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    state: Mapped[TaskState] = mapped_column(Enum(TaskState), default=TaskState.queued)
    progress: Mapped[float] = mapped_column(default=0.0)
    message: Mapped[str] = mapped_column(sa.String(500), default="")
    result: Mapped[dict | None] = mapped_column(sa.JSON)
    error: Mapped[str | None] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Set when queued, then touched by every progress report and by the worker's timer. A running
    # run whose heartbeat is older than TASK_STALE_SECONDS lost its worker (killed, restarted); a
    # queued one that old, while no run beats anywhere, waits for a worker that is not there.
    heartbeat_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    convention: Mapped["Convention | None"] = relationship(viewonly=True)   # noqa: F821
    created_by: Mapped["User | None"] = relationship(viewonly=True)   # noqa: F821

    @property
    def is_interrupted(self):
        if self.state is TaskState.interrupted:
            return True
        if self.state not in ACTIVE_STATES or self.heartbeat_at is None or self.heartbeat_at >= stale_before():
            return False
        return self.state is TaskState.running or not db.session.scalar(sa.select(workers_busy()))

    @property
    def is_finished(self):
        return self.state in (TaskState.done, TaskState.failed) or self.is_interrupted

    @property
    def never_started(self):
        return self.started_at is None

    @property
    def percent(self):
        return round(100 * self.progress)

    @property
    def duration(self):
        """How long it worked: until it finished, until its last sign of life when its worker is
        gone, or until now while it runs; None if it never started."""
        if self.started_at is None:
            return None
        end = self.finished_at or (self.heartbeat_at if self.is_interrupted else utcnow())
        return max(end - self.started_at, timedelta(0))


ACTIVE_STATES = (TaskState.queued, TaskState.running)


def stale_before():
    """Heartbeats older than this mean the run's worker is gone."""
    return utcnow() - timedelta(seconds=current_app.config["TASK_STALE_SECONDS"])


def workers_busy():
    """SQL: some run is running with a fresh heartbeat, so the workers are alive (and a queued run
    may just be waiting its turn)."""
    other = aliased(TaskRun)
    return sa.exists().where(other.state == TaskState.running, other.heartbeat_at >= stale_before())


def alive():
    """SQL: the run is queued or running and its worker is (or the workers are) alive."""
    fresh = TaskRun.heartbeat_at >= stale_before()
    return sa.or_(sa.and_(TaskRun.state == TaskState.running, fresh),
                  sa.and_(TaskRun.state == TaskState.queued, sa.or_(fresh, workers_busy())))
