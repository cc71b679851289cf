"""The Flask extensions, created unbound here and bound to the app in `init_app`."""
import os
import sqlite3

from flask import has_request_context, request
from flask_babel import Babel
from flask_htmx import HTMX
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from huey import Huey
from huey.storage import MemoryStorage
from sqlalchemy import MetaData, event
from sqlalchemy.engine import Engine

from . import i18n
from .auth import passwords
from .tasks import queue as tasks_queue

# Stable constraint names, so that migrations can drop and alter them on every database.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

db = SQLAlchemy(metadata=MetaData(naming_convention=NAMING_CONVENTION))
migrate = Migrate()
login_manager = LoginManager()
babel = Babel()
csrf = CSRFProtect()
htmx = HTMX()
# Tasks are declared against this queue at import time; its storage is chosen by `tasks_queue.configure`.
huey = Huey("convention", immediate=True, storage_class=MemoryStorage)


def init_app(app):
    db.init_app(app)
    migrations = os.path.join(os.path.dirname(app.root_path), "migrations")
    migrate.init_app(app, db, directory=app.config.get("MIGRATIONS_DIRECTORY", migrations),
                     render_as_batch=True, compare_type=True)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = i18n.lazy_gettext("Please log in to see this page.")
    login_manager.login_message_category = "info"
    babel.init_app(app, locale_selector=i18n.select_locale)
    i18n.install_in_templates(app)
    csrf.init_app(app)
    htmx.init_app(app)
    tasks_queue.configure(huey, app)
    passwords.configure(app.config.get("ARGON2_PROFILE"))


@event.listens_for(Engine, "connect")
def _sqlite_connect(dbapi_connection, connection_record):
    # Enforce foreign keys; let SQLAlchemy (not the driver) open transactions so SAVEPOINTs work;
    # WAL lets the task worker write while web requests read.
    if isinstance(dbapi_connection, sqlite3.Connection):
        dbapi_connection.isolation_level = None
        dbapi_connection.execute("PRAGMA foreign_keys=ON")
        dbapi_connection.execute("PRAGMA journal_mode=WAL")
        # A writer waits for the one before it rather than failing at once with "database is locked".
        dbapi_connection.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")


# Long enough for any request's transaction (a draw on a large pool runs in the task queue).
SQLITE_BUSY_TIMEOUT_MS = 60_000
READING_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@event.listens_for(Engine, "begin")
def _sqlite_begin(conn):
    # A deferred BEGIN that reads, then writes, fails at once (SQLITE_BUSY, no waiting) when another
    # connection wrote in between. A writing request takes the write lock as it begins (IMMEDIATE),
    # so concurrent writers queue behind the busy timeout. Reading requests, the task worker and
    # its heartbeat keep a deferred BEGIN: tasks must not hold the lock through a long computation.
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE" if _writing_request() else "BEGIN")


def _writing_request():
    return has_request_context() and request.method not in READING_METHODS
