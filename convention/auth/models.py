"""Accounts, their roles in conventions, and invitations."""
from datetime import datetime

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..database import Enum, LabelledEnum, UTCDateTime, utcnow
from ..extensions import db
from ..i18n import _l
from . import passwords


class Role(LabelledEnum):
    organiser = "organiser", _l("Organiser")
    member = "member", _l("Panel member")
    expert = "expert", _l("Expert")
    decision_maker = "decision_maker", _l("Decision maker")


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200), default="")
    # None until the person sets a password through an invitation.
    password_hash: Mapped[str | None] = mapped_column(sa.String(200))
    is_admin: Mapped[bool] = mapped_column(default=False)
    is_active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Stored in each session (see `get_id`): raising it ends every session of the account (sessions.py).
    session_version: Mapped[int] = mapped_column(default=0, server_default="0")

    memberships: Mapped[list["Membership"]] = relationship(
        back_populates="user", cascade="all, delete-orphan")

    def set_password(self, password):
        self.password_hash = passwords.hash(password)

    def check_password(self, password):
        """True if `password` is right; upgrades the stored hash when argon2's parameters changed."""
        if not self.password_hash or not passwords.verify(self.password_hash, password):
            return False
        if passwords.needs_rehash(self.password_hash):
            self.set_password(password)
        return True

    def get_id(self):
        """What Flask-Login keeps in the session: the id and the session counter, "12:3"."""
        return f"{self.id}:{self.session_version or 0}"

    @property
    def display_name(self):
        return self.name or self.email

    def __repr__(self):
        return f"<User {self.email}>"


class Membership(db.Model):
    """A person's role in one convention; one row per (user, convention, role)."""

    __tablename__ = "memberships"
    __table_args__ = (sa.UniqueConstraint("user_id", "convention_id", "role",
                                          name="uq_memberships_user_convention_role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    convention_id: Mapped[int] = mapped_column(
        sa.ForeignKey("conventions.id", ondelete="CASCADE"), index=True)
    role: Mapped[Role] = mapped_column(Enum(Role))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship(back_populates="memberships")
    convention: Mapped["Convention"] = relationship(back_populates="memberships")  # noqa: F821


class Invitation(db.Model):
    """A one-time link giving `role` in a convention to whoever holds it, until it expires.

    Only the SHA-256 of the token is stored: a leaked database does not leak usable links.
    """

    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    email: Mapped[str] = mapped_column(sa.String(254))
    name: Mapped[str] = mapped_column(sa.String(200), default="")
    convention_id: Mapped[int] = mapped_column(
        sa.ForeignKey("conventions.id", ondelete="CASCADE"), index=True)
    role: Mapped[Role] = mapped_column(Enum(Role))
    invited_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    convention: Mapped["Convention"] = relationship()  # noqa: F821
    invited_by: Mapped[User | None] = relationship()

    @property
    def is_pending(self):
        return self.accepted_at is None and self.revoked_at is None and not self.is_expired

    @property
    def is_expired(self):
        return utcnow() >= self.expires_at


class PasswordReset(db.Model):
    """A one-time link to choose a new password, valid for an hour (only its hash is stored)."""

    __tablename__ = "password_resets"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship()

    @property
    def is_usable(self):
        return self.used_at is None and utcnow() < self.expires_at


class LoginThrottle(db.Model):
    """Failed password checks counted under one key: an address, or an account from an address.

    Past a few failures each new one makes the key wait longer before the next try (see throttle.py).
    """

    __tablename__ = "login_throttles"

    id: Mapped[int] = mapped_column(primary_key=True)
    # "address:", "pair:" (an account from an address) or "account:" (only warns the owner), then a
    # keyed hash of the IP address, e-mail and IP address, or e-mail address.
    key: Mapped[str] = mapped_column(sa.String(400), unique=True)
    failures: Mapped[int] = mapped_column(default=0)
    last_failure_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    blocked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    warned: Mapped[bool] = mapped_column(default=False)
