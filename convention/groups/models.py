"""Working groups formed around themes, and their members (users of the convention)."""
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..database import UTCDateTime, utcnow
from ..extensions import db

working_group_themes = sa.Table(
    "working_group_themes", db.metadata,
    sa.Column("group_id", sa.ForeignKey("working_groups.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("theme_id", sa.ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True),
)

working_group_members = sa.Table(
    "working_group_members", db.metadata,
    sa.Column("group_id", sa.ForeignKey("working_groups.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("user_id", sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
)


class WorkingGroup(db.Model):
    __tablename__ = "working_groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(
        sa.ForeignKey("conventions.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    themes: Mapped[list["Theme"]] = relationship(  # noqa: F821
        secondary=working_group_themes, order_by="Theme.number")
    members: Mapped[list["User"]] = relationship(  # noqa: F821
        secondary=working_group_members, order_by="User.name")

    def summary(self):
        """JSON-ready fields for the audit log."""
        return {"name": self.name, "description": self.description,
                "themes": ", ".join(f"{theme.number}. {theme.title}" for theme in self.themes),
                "members": ", ".join(user.email for user in self.members)}
