"""A background job's run, which pages poll to show its progress."""
from datetime import datetime
import enum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from ..database import Enum, UTCDateTime, utcnow
from ..extensions import db


class TaskState(enum.Enum):
    queued = "queued"
    running = "running"
    done = "done"
    failed = "failed"


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

    @property
    def is_finished(self):
        return self.state in (TaskState.done, TaskState.failed)

    @property
    def percent(self):
        return round(100 * self.progress)
