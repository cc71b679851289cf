"""Every message the platform sends, with its delivery state; the body is sealed (see sealed.py)."""
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from ..database import Enum, LabelledEnum, UTCDateTime, utcnow
from ..extensions import db
from ..i18n import _l
from .sealed import SealedText


class MailStatus(LabelledEnum):
    kept = "kept", _l("Kept in the outbox")     # no mail server: the outbox is where mail ends
    queued = "queued", _l("Queued")             # waiting for the task queue (again, after a failure)
    sent = "sent", _l("Sent")
    failed = "failed", _l("Failed")             # every try failed: see `error`


class OutboxMessage(db.Model):
    __tablename__ = "outbox_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    sender: Mapped[str] = mapped_column(sa.String(254))
    recipient: Mapped[str] = mapped_column(sa.String(254))
    subject: Mapped[str] = mapped_column(sa.String(300))
    body: Mapped[str] = mapped_column(SealedText)
    status: Mapped[MailStatus] = mapped_column(Enum(MailStatus), default=MailStatus.kept,
                                               server_default=MailStatus.kept.name)
    attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    error: Mapped[str] = mapped_column(sa.String(500), default="", server_default="")
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
