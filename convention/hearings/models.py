"""Expert hearings (auditions): experts with their declaration of interests, hearings in a session's
agenda, and the members' questions with their up-votes."""
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from ..database import Enum, LabelledEnum, UTCDateTime, utcnow
from ..extensions import db
from ..i18n import _l


class AffiliationType(LabelledEnum):
    academic = "academic", _l("Research and higher education")
    company = "company", _l("Company")
    public_body = "public_body", _l("Public body")
    association = "association", _l("Association")
    union = "union", _l("Trade union or professional body")
    other = "other", _l("Other")


class InterestKind(LabelledEnum):
    employer = "employer", _l("Employer")
    funding = "funding", _l("Funding received")
    mandate = "mandate", _l("Mandate or position held")
    company_link = "company_link", _l("Link with a company of the field")


class QuestionStatus(LabelledEnum):
    open = "open", _l("Waiting")
    asked = "asked", _l("Asked")
    answered = "answered", _l("Answered")
    merged = "merged", _l("Merged into another")


hearing_experts = sa.Table(
    "hearing_experts", db.metadata,
    sa.Column("hearing_id", sa.ForeignKey("hearings.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("expert_id", sa.ForeignKey("experts.id", ondelete="CASCADE"), primary_key=True),
)


class Expert(db.Model):
    """A person heard by the convention; `user` is the account that edits this profile, if any."""

    __tablename__ = "experts"

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(sa.ForeignKey("conventions.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    affiliation: Mapped[str] = mapped_column(sa.String(200), default="")
    affiliation_type: Mapped[AffiliationType] = mapped_column(Enum(AffiliationType), default=AffiliationType.other)
    bio: Mapped[str] = mapped_column(sa.Text, default="")
    declaration: Mapped[str] = mapped_column(sa.Text, default="")     # free text of the declaration of interests
    declared_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    photo: Mapped[bytes | None] = deferred(mapped_column(sa.LargeBinary))
    photo_type: Mapped[str] = mapped_column(sa.String(32), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    interests: Mapped[list["Interest"]] = relationship(back_populates="expert", cascade="all, delete-orphan",
                                                       order_by="Interest.id")
    hearings: Mapped[list["Hearing"]] = relationship(secondary=hearing_experts, back_populates="experts")
    user: Mapped["User | None"] = relationship()  # noqa: F821

    def summary_fields(self):
        return {"name": self.name, "affiliation": self.affiliation, "affiliation_type": self.affiliation_type.name,
                "bio": self.bio, "declaration": self.declaration}


class Interest(db.Model):
    """One line of an expert's structured declaration of interests."""

    __tablename__ = "interests"

    id: Mapped[int] = mapped_column(primary_key=True)
    expert_id: Mapped[int] = mapped_column(sa.ForeignKey("experts.id", ondelete="CASCADE"), index=True)
    kind: Mapped[InterestKind] = mapped_column(Enum(InterestKind))
    organisation: Mapped[str] = mapped_column(sa.String(200))
    details: Mapped[str] = mapped_column(sa.Text, default="")
    starts_on: Mapped[date | None] = mapped_column(sa.Date)
    ends_on: Mapped[date | None] = mapped_column(sa.Date)

    expert: Mapped[Expert] = relationship(back_populates="interests")

    def summary_fields(self):
        return {"kind": self.kind.name, "organisation": self.organisation, "details": self.details,
                "starts_on": self.starts_on.isoformat() if self.starts_on else None,
                "ends_on": self.ends_on.isoformat() if self.ends_on else None}


class Hearing(db.Model):
    __tablename__ = "hearings"

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(sa.ForeignKey("conventions.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int | None] = mapped_column(sa.ForeignKey("agenda_items.id", ondelete="SET NULL"))
    topic: Mapped[str] = mapped_column(sa.String(300))
    video_url: Mapped[str] = mapped_column(sa.String(500), default="")
    summary: Mapped[str] = mapped_column(sa.Text, default="")
    is_published: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    experts: Mapped[list[Expert]] = relationship(secondary=hearing_experts, back_populates="hearings",
                                                 order_by="Expert.name")
    item: Mapped["AgendaItem | None"] = relationship()  # noqa: F821
    questions: Mapped[list["Question"]] = relationship(back_populates="hearing", cascade="all, delete-orphan")

    def summary_fields(self):
        return {"topic": self.topic, "video_url": self.video_url, "summary": self.summary,
                "is_published": self.is_published, "experts": ", ".join(e.name for e in self.experts),
                "item": self.item.title if self.item else None}


class Question(db.Model):
    __tablename__ = "questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    hearing_id: Mapped[int] = mapped_column(sa.ForeignKey("hearings.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(sa.Text)
    status: Mapped[QuestionStatus] = mapped_column(Enum(QuestionStatus), default=QuestionStatus.open)
    answer: Mapped[str] = mapped_column(sa.Text, default="")
    answered_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("experts.id", ondelete="SET NULL"))
    merged_into_id: Mapped[int | None] = mapped_column(sa.ForeignKey("questions.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    hearing: Mapped[Hearing] = relationship(back_populates="questions")
    answered_by: Mapped[Expert | None] = relationship()
    merged_into: Mapped["Question | None"] = relationship(remote_side=[id])


class QuestionVote(db.Model):
    """One member's up-vote of a question: at most one per member, by a unique constraint."""

    __tablename__ = "question_votes"
    __table_args__ = (sa.UniqueConstraint("question_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(sa.ForeignKey("questions.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
