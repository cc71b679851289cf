"""Themes: the embedding cache, the themes of a convention and where each contribution sits.

The machine suggests (clustering writes themes and assignments), people decide (organisers rename,
merge, split, move and lock; a locked theme and a contribution moved by hand survive re-clustering).
"""
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..database import UTCDateTime, utcnow
from ..extensions import db

# Below this confidence an assignment is flagged as doubtful in the pages.
DOUBTFUL_BELOW = 0.25


class Embedding(db.Model):
    """A text's vector under one model, so re-clustering embeds only the new or edited texts."""

    __tablename__ = "embeddings"
    __table_args__ = (sa.UniqueConstraint("model", "text_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    model: Mapped[str] = mapped_column(sa.String(200))
    text_hash: Mapped[str] = mapped_column(sa.String(64))
    dimension: Mapped[int] = mapped_column()
    vector: Mapped[bytes] = mapped_column(sa.LargeBinary)     # float32, little-endian
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def array(self):
        import numpy as np      # not at import: the web process starts without numpy

        return np.frombuffer(self.vector, dtype="<f4", count=self.dimension)


class ThemeCounter(db.Model):
    """The last theme number a convention gave: numbers are never given twice, so "theme 7" keeps
    meaning one theme in the minutes and the log even after it is merged away."""

    __tablename__ = "theme_counters"

    convention_id: Mapped[int] = mapped_column(
        sa.ForeignKey("conventions.id", ondelete="CASCADE"), primary_key=True)
    last_number: Mapped[int] = mapped_column(default=0)


class Theme(db.Model):
    """A group of contributions: the machine's keyword label, the organiser's name and description.
    Its number is stable and never reused (ThemeCounter); lists show themes by number."""

    __tablename__ = "themes"
    __table_args__ = (sa.UniqueConstraint("convention_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(
        sa.ForeignKey("conventions.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column()
    name: Mapped[str] = mapped_column(sa.String(200), default="")
    label: Mapped[str] = mapped_column(sa.String(300), default="")
    description: Mapped[str] = mapped_column(sa.Text, default="")
    keywords: Mapped[list] = mapped_column(sa.JSON, default=list)
    locked: Mapped[bool] = mapped_column(default=False)
    representative_ids: Mapped[list] = mapped_column(sa.JSON, default=list)
    size: Mapped[int] = mapped_column(default=0)
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    assignments: Mapped[list["ThemeAssignment"]] = relationship(
        back_populates="theme", cascade="all, delete-orphan", passive_deletes=True)

    @property
    def title(self):
        """The organiser's name, else the machine's keyword label."""
        return self.name or self.label or f"#{self.number}"

    def summary(self):
        """JSON-ready fields for the audit log."""
        return {"name": self.name, "description": self.description, "locked": self.locked,
                "label": self.label, "size": self.size}


class ThemeAssignment(db.Model):
    """A contribution's theme, how sure the machine was (None when placed by hand), its map point."""

    __tablename__ = "theme_assignments"

    id: Mapped[int] = mapped_column(primary_key=True)
    contribution_id: Mapped[int] = mapped_column(
        sa.ForeignKey("contributions.id", ondelete="CASCADE"), unique=True)
    theme_id: Mapped[int] = mapped_column(sa.ForeignKey("themes.id", ondelete="CASCADE"), index=True)
    confidence: Mapped[float | None] = mapped_column()
    manual: Mapped[bool] = mapped_column(default=False)
    x: Mapped[float | None] = mapped_column()
    y: Mapped[float | None] = mapped_column()
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    theme: Mapped[Theme] = relationship(back_populates="assignments")
    contribution: Mapped["Contribution"] = relationship()  # noqa: F821

    @property
    def doubtful(self):
        return not self.manual and self.confidence is not None and self.confidence < DOUBTFUL_BELOW
