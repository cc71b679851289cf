"""The draw of a convention's panel: its pool of volunteers, quotas, the draw and its rounds.

Feature data (what the draw sees) and personal data (names, contacts, addresses: only organisers
see them) live in separate tables.
"""
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from panels.text import fold

from ..database import Enum, LabelledEnum, UTCDateTime, utcnow
from ..extensions import db
from ..i18n import _l


class VolunteerPool(db.Model):
    """The imported pool of a convention (one at most) and how its file's columns were mapped."""

    __tablename__ = "volunteer_pools"

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(
        sa.ForeignKey("conventions.id", ondelete="CASCADE"), unique=True)
    filename: Mapped[str] = mapped_column(sa.String(255), default="")
    id_column: Mapped[str] = mapped_column(sa.String(200))
    feature_columns: Mapped[list] = mapped_column(sa.JSON)
    # {column: label}: the name the organisers gave each feature, shown wherever the feature shows
    feature_labels: Mapped[dict | None] = mapped_column(sa.JSON, nullable=True)
    address_columns: Mapped[list] = mapped_column(sa.JSON)
    personal_columns: Mapped[list] = mapped_column(sa.JSON)
    size: Mapped[int] = mapped_column(default=0)
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    volunteers: Mapped[list["Volunteer"]] = relationship(
        back_populates="pool", cascade="all, delete-orphan", passive_deletes=True,
        order_by="Volunteer.position")

    def label_of(self, feature):
        """The feature's label: the organisers' one, else the column's name with a capital."""
        return (self.feature_labels or {}).get(feature) or default_label(feature)


def default_label(column):
    return column[:1].upper() + column[1:]


class Volunteer(db.Model):
    """One row of the pool: its id in the file and its features (no personal data here)."""

    __tablename__ = "volunteers"
    __table_args__ = (sa.UniqueConstraint("pool_id", "external_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pool_id: Mapped[int] = mapped_column(sa.ForeignKey("volunteer_pools.id", ondelete="CASCADE"),
                                         index=True)
    position: Mapped[int] = mapped_column()
    external_id: Mapped[str] = mapped_column(sa.String(200))
    features: Mapped[dict] = mapped_column(sa.JSON)
    household: Mapped[str | None] = mapped_column(sa.String(500))

    pool: Mapped[VolunteerPool] = relationship(back_populates="volunteers")
    contact: Mapped["VolunteerContact | None"] = relationship(
        back_populates="volunteer", cascade="all, delete-orphan", passive_deletes=True, uselist=False)


class VolunteerContact(db.Model):
    """A volunteer's personal data (name, e-mail, phone, address...): shown to organisers only."""

    __tablename__ = "volunteer_contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    volunteer_id: Mapped[int] = mapped_column(
        sa.ForeignKey("volunteers.id", ondelete="CASCADE"), unique=True)
    data: Mapped[dict] = mapped_column(sa.JSON)
    # The values of `data` folded (lower case, no accents), so that "helene" finds "Hélène" on every database.
    search_text: Mapped[str] = mapped_column(sa.Text, default="", server_default="")

    volunteer: Mapped[Volunteer] = relationship(back_populates="contact")


def contact_search_text(data):
    """What the pool search matches in a volunteer's personal data: its values, folded."""
    return fold(" ".join(str(value) for value in data.values() if value not in (None, "")))


class PoolUpload(db.Model):
    """An uploaded pool file waiting for its columns to be mapped (deleted once imported)."""

    __tablename__ = "pool_uploads"

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(sa.ForeignKey("conventions.id", ondelete="CASCADE"),
                                               index=True)
    filename: Mapped[str] = mapped_column(sa.String(255), default="")
    data: Mapped[bytes] = mapped_column(sa.LargeBinary)
    # The file read once at upload (`panels.tables.Table.to_data`): the mapping page and the import use it.
    table: Mapped[dict | None] = mapped_column(sa.JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class QuotaRow(db.Model):
    """Bounds on the number of panel members with one feature value, and its population target."""

    __tablename__ = "quota_rows"
    __table_args__ = (sa.UniqueConstraint("convention_id", "feature", "value"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(sa.ForeignKey("conventions.id", ondelete="CASCADE"),
                                               index=True)
    position: Mapped[int] = mapped_column(default=0)
    feature: Mapped[str] = mapped_column(sa.String(200))
    value: Mapped[str] = mapped_column(sa.String(200))
    min: Mapped[int] = mapped_column(default=0)
    max: Mapped[int] = mapped_column(default=0)
    # Share of the population with this value, in percent, when the organiser gave it.
    target_percent: Mapped[float | None] = mapped_column()


class DrawState(LabelledEnum):
    preparing = "preparing", _l("In preparation")  # inputs editable
    published = "published", _l("Inputs published")  # input hashes published: inputs frozen, waiting for the seed/draw
    running = "running", _l("Draw in progress")
    infeasible = "infeasible", _l("Quotas cannot be met")  # no panel meets the quotas: relaxations suggested
    done = "done", _l("Panel drawn")


class Draw(db.Model):
    """The draw of a convention: published fingerprints, seed, algorithm, outcome."""

    __tablename__ = "draws"

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(
        sa.ForeignKey("conventions.id", ondelete="CASCADE"), unique=True)
    state: Mapped[DrawState] = mapped_column(Enum(DrawState), default=DrawState.preparing)
    pool_sha256: Mapped[str | None] = mapped_column(sa.String(64))
    quotas_sha256: Mapped[str | None] = mapped_column(sa.String(64))
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The panel size when the inputs were published: later edits of the convention do not change it.
    size: Mapped[int | None] = mapped_column()
    seed: Mapped[int | None] = mapped_column(sa.BigInteger)
    seed_source: Mapped[str | None] = mapped_column(sa.String(500))
    seed_set_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    algorithm: Mapped[str] = mapped_column(sa.String(32), default="leximin")
    households: Mapped[bool] = mapped_column(default=False)
    # The library's suggestions when the quotas could not be met: [[relaxation, ...], ...].
    relaxations: Mapped[list | None] = mapped_column(sa.JSON)
    error: Mapped[str | None] = mapped_column(sa.Text)
    drawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    convention: Mapped["Convention"] = relationship()  # noqa: F821
    rounds: Mapped[list["DrawRound"]] = relationship(
        back_populates="draw", cascade="all, delete-orphan", passive_deletes=True,
        order_by="DrawRound.number")


class DrawRound(db.Model):
    """A draw's verifiable record: number 1 is the draw, later ones replacement draws."""

    __tablename__ = "draw_rounds"
    __table_args__ = (sa.UniqueConstraint("draw_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    draw_id: Mapped[int] = mapped_column(sa.ForeignKey("draws.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column()
    record: Mapped[dict] = mapped_column(sa.JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    draw: Mapped[Draw] = relationship(back_populates="rounds")


class SelectionStatus(LabelledEnum):
    selected = "selected", _l("To contact")  # drawn, not contacted yet
    invited = "invited", _l("Invited")
    accepted = "accepted", _l("Accepted")
    declined = "declined", _l("Declined")
    unreachable = "unreachable", _l("Unreachable")


    @property
    def leaves_a_seat(self):
        return self in (SelectionStatus.declined, SelectionStatus.unreachable)


class Selection(db.Model):
    """A drawn volunteer, the round that drew them, and where their invitation stands."""

    __tablename__ = "selections"
    __table_args__ = (sa.UniqueConstraint("draw_id", "volunteer_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    draw_id: Mapped[int] = mapped_column(sa.ForeignKey("draws.id", ondelete="CASCADE"), index=True)
    volunteer_id: Mapped[int] = mapped_column(sa.ForeignKey("volunteers.id", ondelete="CASCADE"))
    round_number: Mapped[int] = mapped_column(default=1)
    status: Mapped[SelectionStatus] = mapped_column(Enum(SelectionStatus),
                                                    default=SelectionStatus.selected)
    # Set once a seat left by this person was filled by a replacement draw.
    replaced: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    volunteer: Mapped[Volunteer] = relationship()
