"""Proposals drafted by working groups: every save is a version, members amend submitted proposals
and support amendments, everyone comments (moderated)."""
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..database import Enum, LabelledEnum, UTCDateTime, utcnow
from ..extensions import db
from ..i18n import _l


class ProposalStatus(LabelledEnum):
    draft = "draft", _l("Draft")
    submitted = "submitted", _l("Submitted to the plenary")
    adopted = "adopted", _l("Adopted")
    rejected = "rejected", _l("Rejected")
    withdrawn = "withdrawn", _l("Withdrawn")
    merged = "merged", _l("Merged into another")


class AmendmentStatus(LabelledEnum):
    open = "open", _l("Under discussion")
    accepted = "accepted", _l("Accepted into the text")
    rejected = "rejected", _l("Rejected by the group")
    plenary = "plenary", _l("Sent to the plenary vote")
    conflicting = "conflicting", _l("Conflicting with an accepted amendment")


class CommentStatus(LabelledEnum):
    published = "published", _l("Published")
    hidden = "hidden", _l("Hidden by moderation")


proposal_themes = sa.Table(
    "proposal_themes", db.metadata,
    sa.Column("proposal_id", sa.ForeignKey("proposals.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("theme_id", sa.ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True),
)
proposal_contributions = sa.Table(
    "proposal_contributions", db.metadata,
    sa.Column("proposal_id", sa.ForeignKey("proposals.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("contribution_id", sa.ForeignKey("contributions.id", ondelete="CASCADE"), primary_key=True),
)
proposal_hearings = sa.Table(
    "proposal_hearings", db.metadata,
    sa.Column("proposal_id", sa.ForeignKey("proposals.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("hearing_id", sa.ForeignKey("hearings.id", ondelete="CASCADE"), primary_key=True),
)


class Proposal(db.Model):
    """A working group's proposal; `text` and `version` mirror its newest ProposalVersion."""

    __tablename__ = "proposals"

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(sa.ForeignKey("conventions.id", ondelete="CASCADE"), index=True)
    group_id: Mapped[int] = mapped_column(sa.ForeignKey("working_groups.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(sa.String(300))
    summary: Mapped[str] = mapped_column(sa.Text, default="")
    text: Mapped[str] = mapped_column(sa.Text, default="")
    version: Mapped[int] = mapped_column(default=0)     # the number of the newest version
    status: Mapped[ProposalStatus] = mapped_column(Enum(ProposalStatus), default=ProposalStatus.draft, index=True)
    merged_into_id: Mapped[int | None] = mapped_column(sa.ForeignKey("proposals.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    group: Mapped["WorkingGroup"] = relationship()  # noqa: F821
    themes: Mapped[list["Theme"]] = relationship(secondary=proposal_themes, order_by="Theme.number")  # noqa: F821
    contributions: Mapped[list["Contribution"]] = relationship(  # noqa: F821
        secondary=proposal_contributions, order_by="Contribution.id")
    hearings: Mapped[list["Hearing"]] = relationship(secondary=proposal_hearings, order_by="Hearing.id")  # noqa: F821
    merged_into: Mapped["Proposal | None"] = relationship(remote_side=[id])

    @property
    def is_public(self):
        return self.status is not ProposalStatus.draft

    def summary_fields(self):
        return {"title": self.title, "summary": self.summary, "status": self.status.name,
                "group": self.group.name if self.group else None,
                "themes": ", ".join(t.title for t in self.themes),
                "merged_into": self.merged_into.title if self.merged_into else None}


class ProposalVersion(db.Model):
    """One save of a proposal's text: who, when, and (for an accepted amendment) why."""

    __tablename__ = "proposal_versions"
    __table_args__ = (sa.UniqueConstraint("proposal_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(sa.ForeignKey("proposals.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column()
    title: Mapped[str] = mapped_column(sa.String(300))
    text: Mapped[str] = mapped_column(sa.Text)
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    amendment_id: Mapped[int | None] = mapped_column(sa.ForeignKey("amendments.id", ondelete="SET NULL"))
    note: Mapped[str] = mapped_column(sa.String(300), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    proposal: Mapped[Proposal] = relationship()
    author: Mapped["User | None"] = relationship()  # noqa: F821
    amendment: Mapped["Amendment | None"] = relationship(foreign_keys=[amendment_id])


class Amendment(db.Model):
    """A member's replacement for a passage of a submitted proposal (`passage` empty: the whole text)."""

    __tablename__ = "amendments"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(sa.ForeignKey("proposals.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    base_version: Mapped[int] = mapped_column()
    passage: Mapped[str] = mapped_column(sa.Text, default="")
    replacement: Mapped[str] = mapped_column(sa.Text)
    justification: Mapped[str] = mapped_column(sa.Text)
    status: Mapped[AmendmentStatus] = mapped_column(Enum(AmendmentStatus), default=AmendmentStatus.open)
    reason: Mapped[str] = mapped_column(sa.Text, default="")
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    proposal: Mapped[Proposal] = relationship()
    author: Mapped["User | None"] = relationship(foreign_keys=[author_id])  # noqa: F821
    supports: Mapped[list["AmendmentSupport"]] = relationship(cascade="all, delete-orphan")

    @property
    def is_whole_text(self):
        return not self.passage

    def summary_fields(self):
        return {"status": self.status.name, "reason": self.reason,
                "proposal": self.proposal.title if self.proposal else None}


class AmendmentSupport(db.Model):
    """One member's support of an amendment: at most one per member, by a unique constraint."""

    __tablename__ = "amendment_supports"
    __table_args__ = (sa.UniqueConstraint("amendment_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    amendment_id: Mapped[int] = mapped_column(sa.ForeignKey("amendments.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ProposalComment(db.Model):
    """A comment on a proposal, or a reply to one (one level: a reply's parent has no parent)."""

    __tablename__ = "proposal_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(sa.ForeignKey("proposals.id", ondelete="CASCADE"), index=True)
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("proposal_comments.id", ondelete="CASCADE"),
                                                  index=True)
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(sa.Text)
    status: Mapped[CommentStatus] = mapped_column(Enum(CommentStatus), default=CommentStatus.published)
    moderation_reason: Mapped[str] = mapped_column(sa.Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    author: Mapped["User | None"] = relationship()  # noqa: F821
    parent: Mapped["ProposalComment | None"] = relationship(remote_side=[id])

    def summary_fields(self):
        return {"status": self.status.name, "reason": self.moderation_reason}
