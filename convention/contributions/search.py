"""Finding contributions: French full-text search on PostgreSQL, a folded LIKE on SQLite, filters.

PostgreSQL: `to_tsvector('french', text) @@ websearch_to_tsquery('french', q)`, served by the
expression index of the migration. SQLite: every word of `q` must appear in the text, ignoring case
and accents (the `fold` function is registered on each SQLite connection).
"""
import sqlite3

from sqlalchemy import event
from sqlalchemy.engine import Engine

from panels.text import fold as text_fold

from ..extensions import db
from .models import AuthorKind, Contribution, ContributionStatus

FILTERS = ("status", "author_kind", "category", "source")


def fold(text):
    """Lower case without accents: "Écoles" → "ecoles" (None stays None, as SQL NULL)."""
    return None if text is None else text_fold(text)


@event.listens_for(Engine, "connect")
def _register_fold(dbapi_connection, connection_record):
    if isinstance(dbapi_connection, sqlite3.Connection):
        dbapi_connection.create_function("fold", 1, fold, deterministic=True)


def matching(query, q):
    """`query` restricted to the contributions whose text matches the search `q`."""
    q = (q or "").strip()
    if not q:
        return query
    if db.session.get_bind().dialect.name == "postgresql":
        vector = db.func.to_tsvector(db.literal_column("'french'::regconfig"), Contribution.text)
        return query.where(vector.op("@@")(
            db.func.websearch_to_tsquery(db.literal_column("'french'::regconfig"), q)))
    for word in fold(q).split():
        pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(db.func.fold(Contribution.text).like(pattern, escape="\\"))
    return query


def parse_filters(args):
    """The search and filters of a list page from its query string; unknown values are dropped."""
    values = {"q": (args.get("q") or "").strip()[:200]}
    for name, enum_class in (("status", ContributionStatus), ("author_kind", AuthorKind)):
        value = args.get(name, "")
        values[name] = value if value in enum_class.__members__ else ""
    for name in ("category", "source"):
        values[name] = (args.get(name) or "").strip()[:200]
    return values


def filtered(query, filters):
    """`query` with the search and filters of `parse_filters` applied."""
    query = matching(query, filters.get("q"))
    if filters.get("status"):
        query = query.where(Contribution.status == ContributionStatus[filters["status"]])
    if filters.get("author_kind"):
        query = query.where(Contribution.author_kind == AuthorKind[filters["author_kind"]])
    for name in ("category", "source"):
        if filters.get(name):
            query = query.where(getattr(Contribution, name) == filters[name])
    return query


def choices(base_query, column):
    """The distinct non-empty values of `column` (category, source) among `base_query`'s rows."""
    subquery = base_query.order_by(None).subquery()
    name = getattr(subquery.c, column)
    return db.session.scalars(db.select(name).where(name != "").distinct().order_by(name)).all()
