"""The migration that gives each public contribution its own confirmation keeps what was confirmed
and the links already mailed (issue 10, item 13)."""
from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from convention import create_app
from convention.extensions import db
from convention_testing import app_config

BEFORE, AFTER = "c4f9a2e7d1b6", "f3c2d9a41b70"
WHEN = datetime(2026, 11, 30, 10, 0, tzinfo=timezone.utc)


@pytest.fixture
def _rollback():
    """This test migrates its own database: no transaction to roll back."""
    yield


def _filler(column):
    """A value for a NOT NULL column without default, by type."""
    kind = column.type.python_type if not isinstance(column.type, sa.JSON) else list
    return {str: "x", int: 1, bool: False, datetime: WHEN, list: []}.get(kind, "x")


def _insert(connection, table, **values):
    table = sa.Table(table, sa.MetaData(), autoload_with=connection)
    for column in table.columns:
        if column.name not in values and not column.nullable and not column.primary_key and column.server_default is None:
            values[column.name] = _filler(column)
    return connection.execute(table.insert().values(**values)).inserted_primary_key[0]


def test_confirmed_participants_keep_confirmed_contributions_and_pending_links_still_work(empty_database):
    app = create_app(app_config(empty_database()))
    runner = app.test_cli_runner()
    assert runner.invoke(args=["db", "upgrade", BEFORE]).exit_code == 0
    with app.app_context(), db.engine.begin() as connection:
        convention = _insert(connection, "conventions", slug="test", title="Test")
        confirmed = _insert(connection, "public_authors", convention_id=convention, name="Nadia",
                            email="nadia@example.org", confirmed_at=WHEN)
        waiting = _insert(connection, "public_authors", convention_id=convention, name="Inès",
                          email="ines@example.org", token_hash="h" * 64, token_expires_at=WHEN + timedelta(days=7))
        for author, text in [(confirmed, "confirmée"), (waiting, "en attente"), (waiting, "en attente 2")]:
            _insert(connection, "contributions", convention_id=convention, text=text, author_kind="public",
                    public_author_id=author, status="pending", tags=[], category="", source="",
                    rejection_reason="")
    assert runner.invoke(args=["db", "upgrade", AFTER]).exit_code == 0
    with app.app_context(), db.engine.connect() as connection:
        rows = connection.execute(sa.text(
            "SELECT text, submitted_name, confirmed_at IS NOT NULL, token_hash FROM contributions ORDER BY id")).all()
        columns = {c["name"] for c in sa.inspect(connection).get_columns("public_authors")}
    assert [tuple(row) for row in rows] == [("confirmée", "Nadia", True, None),
                                            ("en attente", "Inès", False, "h" * 64),
                                            ("en attente 2", "Inès", False, "h" * 64)]
    assert "token_hash" not in columns and "confirmed_at" in columns
    assert runner.invoke(args=["db", "downgrade", BEFORE]).exit_code == 0
    with app.app_context():
        db.engine.dispose()
