"""The convention itself: the question put to a panel, its dates and size."""
from datetime import date, datetime
import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..database import UTCDateTime, utcnow
from ..extensions import db


class Convention(db.Model):
    __tablename__ = "conventions"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(80), unique=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    question: Mapped[str] = mapped_column(sa.Text)
    description: Mapped[str] = mapped_column(sa.Text, default="")
    starts_on: Mapped[date | None] = mapped_column(sa.Date)
    ends_on: Mapped[date | None] = mapped_column(sa.Date)
    panel_size: Mapped[int] = mapped_column(default=40)
    is_public: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    memberships: Mapped[list["Membership"]] = relationship(  # noqa: F821
        back_populates="convention", cascade="all, delete-orphan")

    # Fields an organiser edits, in the order the audit log shows them.
    EDITABLE = ("title", "question", "description", "starts_on", "ends_on", "panel_size", "is_public")

    def summary(self):
        """The editable fields as JSON-ready values, for the audit log."""
        return {name: _jsonable(getattr(self, name)) for name in self.EDITABLE}

    def __repr__(self):
        return f"<Convention {self.slug}>"


def _jsonable(value):
    return value.isoformat() if hasattr(value, "isoformat") else value
