"""Sessions (séances) of a convention, their timed agenda, documents to read, and attendance."""
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from ..database import Enum, LabelledEnum, UTCDateTime, utcnow
from ..extensions import db
from ..i18n import _l


class AgendaKind(LabelledEnum):
    plenary = "plenary", _l("Plenary")
    groups = "groups", _l("Working groups")
    hearing = "hearing", _l("Hearing")
    break_ = "break", _l("Break")
    vote = "vote", _l("Vote")
    other = "other", _l("Other")


class AttendanceStatus(LabelledEnum):
    present = "present", _l("Present")
    excused = "excused", _l("Excused")
    absent = "absent", _l("Absent")


class Meeting(db.Model):
    """A session (séance) of the convention: when, where or online, and its agenda.

    Called Meeting in the code so that it is never mistaken for a database or login session.
    """

    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(sa.ForeignKey("conventions.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    place: Mapped[str] = mapped_column(sa.String(300), default="")          # address; empty when online only
    access_info: Mapped[str] = mapped_column(sa.Text, default="")          # transport, entrance, accessibility
    online_url: Mapped[str] = mapped_column(sa.String(500), default="")
    preparation: Mapped[str] = mapped_column(sa.Text, default="")          # what to read beforehand
    summary: Mapped[str] = mapped_column(sa.Text, default="")              # written afterwards
    is_published: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    convention: Mapped["Convention"] = relationship()  # noqa: F821
    items: Mapped[list["AgendaItem"]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="AgendaItem.position")
    documents: Mapped[list["Document"]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="Document.id")

    EDITABLE = ("title", "starts_at", "ends_at", "place", "access_info", "online_url", "preparation",
                "summary", "is_published")

    @property
    def minutes(self):
        return int((self.ends_at - self.starts_at).total_seconds() // 60)

    @property
    def planned_minutes(self):
        return sum(item.minutes for item in self.items)

    @property
    def overrun_minutes(self):
        """How far the agenda runs past the end of the session (0 when it fits)."""
        return max(0, self.planned_minutes - self.minutes)

    def timed_items(self):
        """[(item, start, end)] with each item starting when the previous one ends."""
        start, timed = self.starts_at, []
        for item in self.items:
            end = start + timedelta(minutes=item.minutes)
            timed.append((item, start, end))
            start = end
        return timed

    def summary_fields(self):
        """JSON-ready editable fields, for the audit log."""
        return {name: (value.isoformat() if hasattr(value, "isoformat") else value)
                for name in self.EDITABLE for value in [getattr(self, name)]}


class AgendaItem(db.Model):
    __tablename__ = "agenda_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(sa.ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    kind: Mapped[AgendaKind] = mapped_column(Enum(AgendaKind), default=AgendaKind.plenary)
    title: Mapped[str] = mapped_column(sa.String(200))
    minutes: Mapped[int] = mapped_column(default=30)
    description: Mapped[str] = mapped_column(sa.Text, default="")

    meeting: Mapped[Meeting] = relationship(back_populates="items")
    documents: Mapped[list["Document"]] = relationship(back_populates="item", order_by="Document.id")

    def summary_fields(self):
        return {"title": self.title, "kind": self.kind.name, "minutes": self.minutes,
                "description": self.description}


class Document(db.Model):
    """A file to read: of a session, of one of its agenda items, or of a hearing (its expert's slides).

    Kept in the database, never under the web root; its bytes load only when downloaded.
    """

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(sa.ForeignKey("conventions.id", ondelete="CASCADE"), index=True)
    meeting_id: Mapped[int | None] = mapped_column(sa.ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int | None] = mapped_column(sa.ForeignKey("agenda_items.id", ondelete="SET NULL"))
    hearing_id: Mapped[int | None] = mapped_column(sa.ForeignKey("hearings.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    filename: Mapped[str] = mapped_column(sa.String(255))
    content_type: Mapped[str] = mapped_column(sa.String(100))
    size: Mapped[int] = mapped_column()
    sha256: Mapped[str] = mapped_column(sa.String(64))
    data: Mapped[bytes] = deferred(mapped_column(sa.LargeBinary))
    uploaded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    meeting: Mapped[Meeting | None] = relationship(back_populates="documents")
    item: Mapped[AgendaItem | None] = relationship(back_populates="documents")

    def summary_fields(self):
        return {"title": self.title, "filename": self.filename, "size": self.size, "sha256": self.sha256}


class Attendance(db.Model):
    """Whether a panel member came to a session; one mark per member and session."""

    __tablename__ = "attendances"
    __table_args__ = (sa.UniqueConstraint("meeting_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(sa.ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    status: Mapped[AttendanceStatus] = mapped_column(Enum(AttendanceStatus))
    marked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    marked_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    user: Mapped["User"] = relationship(foreign_keys=[user_id])  # noqa: F821
