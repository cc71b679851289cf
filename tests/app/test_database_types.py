"""UTCDateTime: aware UTC datetimes in and out, on SQLite as on PostgreSQL."""
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy.exc import StatementError

from convention.database import utcnow
from convention.extensions import db
from convention.mail.models import OutboxMessage


def _message(created_at):
    return OutboxMessage(sender="a@example.org", recipient="b@example.org", subject="s", body="b",
                         created_at=created_at)


def test_times_come_back_aware_and_in_utc(app):
    paris = datetime(2027, 3, 6, 10, 30, tzinfo=timezone(timedelta(hours=1)))
    with app.app_context():
        db.session.add(_message(paris))
        db.session.commit()
        db.session.expire_all()
        stored = db.session.scalar(db.select(OutboxMessage.created_at))
    assert stored == paris and stored.tzinfo is not None and stored.utcoffset() == timedelta(0)
    assert stored.hour == 9


def test_naive_times_are_refused(app):
    with app.app_context(), pytest.raises(StatementError, match="naive datetime"):
        db.session.add(_message(datetime(2027, 3, 6, 10, 30)))
        db.session.flush()


def test_comparisons_work_across_time_zones(app):
    with app.app_context():
        db.session.add(_message(utcnow() - timedelta(hours=2)))
        db.session.commit()
        since = datetime.now(timezone(timedelta(hours=5))) - timedelta(hours=3)
        assert db.session.scalar(db.select(db.func.count()).select_from(OutboxMessage)
                                 .where(OutboxMessage.created_at > since)) == 1
