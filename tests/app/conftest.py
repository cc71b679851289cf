"""Fixtures of the application tests: one app and schema per session, each test in a rolled-back
transaction. SQLite by default; CONVENTION_TEST_DATABASE=postgresql uses a fresh PostgreSQL database."""
import os
import uuid

import pytest
import sqlalchemy as sa
from flask_sqlalchemy.session import _app_ctx_id
from sqlalchemy import orm

from convention import create_app
from convention.auth.models import Role
from convention.extensions import db
from convention_testing import World, app_config, compile_catalogues, make_convention, make_user

POSTGRES_SERVER = os.environ.get("CONVENTION_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432")


class PostgresDatabases:
    """Creates throw-away databases on the machine's PostgreSQL and drops them."""

    def __init__(self):
        self.server = sa.create_engine(f"{POSTGRES_SERVER}/postgres", isolation_level="AUTOCOMMIT")
        self.names = []

    def create(self):
        name = f"convention_test_{uuid.uuid4().hex[:12]}"
        with self.server.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
        self.names.append(name)
        return f"{POSTGRES_SERVER}/{name}"

    def drop_all(self):
        with self.server.connect() as connection:
            for name in self.names:
                connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.server.dispose()


@pytest.fixture(scope="session")
def empty_database(tmp_path_factory):
    """A factory of empty databases of the kind under test (for migration tests)."""
    if os.environ.get("CONVENTION_TEST_DATABASE") == "postgresql":
        databases = PostgresDatabases()
        yield databases.create
        databases.drop_all()
    else:
        folder = tmp_path_factory.mktemp("databases")
        yield lambda: f"sqlite:///{folder / uuid.uuid4().hex}.sqlite"


@pytest.fixture(scope="session")
def app(empty_database):
    compile_catalogues()
    app = create_app(app_config(empty_database()))
    with app.app_context():
        db.create_all()
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(autouse=True)
def _rollback(app):
    """Run the test in a transaction that is rolled back; the app's commits become savepoints.

    No application context stays pushed during the test: a request would reuse it (and its `g`
    and session), which hides bugs. Tests open `with app.app_context():` to read the database.
    """
    with app.app_context():
        connection = db.engine.connect()
        transaction = connection.begin()
    original = db.session
    factory = orm.sessionmaker(bind=connection, join_transaction_mode="create_savepoint")
    db.session = orm.scoped_session(factory, scopefunc=_app_ctx_id)
    try:
        yield
    finally:
        db.session = original
        transaction.rollback()
        connection.close()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def world(app):
    """A private convention with one user per role, and another convention with its own organiser.

    The objects are loaded then detached: read their columns freely, reload them to follow relations.
    """
    with app.app_context():
        return _world()


def _world():
    convention = make_convention()
    other = make_convention("Autre convention", "autre")
    users = {
        "anonymous": None,
        "member": make_user("membre@example.org", convention, Role.member),
        "expert": make_user("experte@example.org", convention, Role.expert),
        "decision_maker": make_user("elu@example.org", convention, Role.decision_maker),
        "other_organiser": make_user("autre@example.org", other, Role.organiser),
        "organiser": make_user("organisatrice@example.org", convention, Role.organiser),
        "admin": make_user("admin@example.org", is_admin=True),
    }
    db.session.commit()
    for obj in [convention, other, *filter(None, users.values())]:
        obj.id  # noqa: B018  (loads the expired columns before the session closes)
    return World(convention, other, users)


