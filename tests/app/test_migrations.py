"""`flask db upgrade` builds, from an empty database, exactly the schema the models describe."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from convention_testing import app_config
from convention import create_app
from convention.extensions import db


def test_upgrade_from_empty_gives_the_models_schema(empty_database):
    app = create_app(app_config(empty_database()))
    result = app.test_cli_runner().invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, db.metadata)
        db.engine.dispose()
    assert differences == []


def test_downgrade_to_empty(empty_database):
    app = create_app(app_config(empty_database()))
    runner = app.test_cli_runner()
    assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
    assert runner.invoke(args=["db", "downgrade", "base"]).exit_code == 0
    with app.app_context():
        tables = db.inspect(db.engine).get_table_names()
        db.engine.dispose()
    assert set(tables) <= {"alembic_version"}
