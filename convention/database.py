"""Column types shared by every domain's models."""
import enum
from datetime import datetime, timezone

import sqlalchemy as sa


def utcnow():
    return datetime.now(timezone.utc)


class UTCDateTime(sa.types.TypeDecorator):
    """A timezone-aware UTC timestamp on every database.

    PostgreSQL stores `timestamptz`; SQLite has no time zones, so values are stored as naive UTC and
    come back aware. Naive datetimes are refused: they are a bug waiting for a time-zone change.
    """

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTCDateTime column")
        value = value.astimezone(timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


def Enum(enum_class: type[enum.Enum]):
    """An enum column stored as its member names in a VARCHAR: no database enum type to migrate."""
    return sa.Enum(enum_class, native_enum=False, length=32, validate_strings=True,
                   create_constraint=False)


# No list has this many pages; a larger number (`?page=10**18`) would overflow the database's OFFSET.
MAX_PAGE = 100_000


def paginate(query, page):
    """One page (PER_PAGE rows) of a select for a list that can grow; past the end, an empty page.

    `page` comes from the URL: anything below 1 is the first page, anything above MAX_PAGE the
    (empty) page MAX_PAGE. The page size is the setting's, never the visitor's (`per_page` is ignored).
    """
    from flask import current_app

    from .extensions import db

    page = min(max(page or 1, 1), MAX_PAGE)
    return db.paginate(query, page=page, per_page=current_app.config["PER_PAGE"], error_out=False)


class LabelledEnum(enum.Enum):
    """An enum whose members carry a translated label: `member = "member", _l("Panel member")`.

    The value stays the plain string (so `Role("member")` and the stored names are unchanged);
    `Role.member.label` is the label, translated when rendered.
    """

    def __new__(cls, value, label):
        member = object.__new__(cls)
        member._value_ = value
        member.label = label
        return member
