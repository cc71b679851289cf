"""Contributions: ideas from panel members, imported workshop notes and the public consultation.

A public participant leaves a name and an e-mail; each of their contributions waits until the link
mailed for it (through the mail outbox) is opened and confirmed, then waits for moderation like every
public one. Confirming a contribution never touches the participant's other contributions.
"""
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..database import Enum, LabelledEnum, UTCDateTime, utcnow
from ..extensions import db
from ..i18n import _l

TEXT_MAX_LENGTH = 2000


class AuthorKind(LabelledEnum):
    member = "member", _l("Panel member")  # a panel member (or organiser) with an account
    public = "public", _l("Public consultation")  # a participant of the public consultation
    imported = "imported", _l("Workshop notes")  # imported from workshop notes


class ContributionStatus(LabelledEnum):
    published = "published", _l("Published")
    pending = "pending", _l("Awaiting moderation")  # awaiting moderation
    rejected = "rejected", _l("Rejected")


class PublicAuthor(db.Model):
    """Someone who contributed to a convention's public consultation: a name and an e-mail.

    The name is the one given with the first contribution, then the one of the latest confirmed one:
    a stranger who types this e-mail address changes nothing here. `confirmed_at`: when the address
    was first confirmed (set once, never cleared).
    """

    __tablename__ = "public_authors"
    __table_args__ = (sa.UniqueConstraint("convention_id", "email"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(
        sa.ForeignKey("conventions.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(sa.String(200), default="")
    email: Mapped[str] = mapped_column(sa.String(254))
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None


class Contribution(db.Model):
    __tablename__ = "contributions"
    # French full-text search on PostgreSQL (SQLite searches with LIKE, see search.py).
    __table_args__ = (
        sa.Index("ix_contributions_text_fts",
                 sa.func.to_tsvector(sa.literal_column("'french'::regconfig"), sa.text("text")),
                 postgresql_using="gin").ddl_if(dialect="postgresql"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(
        sa.ForeignKey("conventions.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(sa.Text)
    author_kind: Mapped[AuthorKind] = mapped_column(Enum(AuthorKind))
    author_user_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    public_author_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("public_authors.id", ondelete="CASCADE"), index=True)
    category: Mapped[str] = mapped_column(sa.String(200), default="")
    tags: Mapped[list] = mapped_column(sa.JSON, default=list)
    # Where it came from: a session, a workshop, "consultation"... (free text until sessions exist).
    source: Mapped[str] = mapped_column(sa.String(200), default="")
    status: Mapped[ContributionStatus] = mapped_column(Enum(ContributionStatus), index=True)
    rejection_reason: Mapped[str] = mapped_column(sa.Text, default="")
    moderated_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"))
    moderated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Hash of the submitter's address, for the public consultation's rate limit (never the address).
    client_hash: Mapped[str | None] = mapped_column(sa.String(64), index=True)
    # A public contribution's own confirmation: the name given with it (the participant's name once
    # confirmed), the SHA-256 of its mailed link's token, until when the link works, when confirmed.
    submitted_name: Mapped[str] = mapped_column(sa.String(200), default="")
    token_hash: Mapped[str | None] = mapped_column(sa.String(64), index=True)
    token_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    convention: Mapped["Convention"] = relationship()  # noqa: F821
    author: Mapped["User | None"] = relationship(foreign_keys=[author_user_id])  # noqa: F821
    public_author: Mapped[PublicAuthor | None] = relationship()
    moderated_by: Mapped["User | None"] = relationship(foreign_keys=[moderated_by_id])  # noqa: F821

    @property
    def is_confirmed(self):
        """A public contribution whose link was confirmed, or any other one (nothing to confirm)."""
        return self.public_author_id is None or self.confirmed_at is not None

    @property
    def author_name(self):
        if self.author is not None:
            return self.author.display_name
        if self.public_author is not None:
            return self.public_author.name
        return ""

    def summary(self):
        """JSON-ready fields for the audit log."""
        return {"text": self.text, "category": self.category, "tags": list(self.tags or []),
                "source": self.source, "status": self.status.name,
                "rejection_reason": self.rejection_reason}


class Consultation(db.Model):
    """A convention's public consultation: open or closed (one row per convention, once set)."""

    __tablename__ = "consultations"

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(
        sa.ForeignKey("conventions.id", ondelete="CASCADE"), unique=True)
    is_open: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class NotesImport(db.Model):
    """Workshop notes read and checked, shown in a preview, waiting for the organiser to confirm.

    The preview's form carries only `token`; confirming deletes the row, so a preview imports once,
    and only into its own convention.
    """

    __tablename__ = "notes_imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(sa.ForeignKey("conventions.id", ondelete="CASCADE"), index=True)
    token: Mapped[str] = mapped_column(sa.String(64), unique=True)
    filename: Mapped[str] = mapped_column(sa.String(255), default="")
    ideas: Mapped[list] = mapped_column(sa.JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
