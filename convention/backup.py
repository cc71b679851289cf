"""Backup and restore of the whole database in a portable format (SQLite <-> PostgreSQL).

A backup is a zip: `manifest.json` (format, schema revision, tables in dependency order and their row
counts) and one JSON-lines file per table, `tables/<name>.jsonl`, one row per line with values in a
portable form (timestamps in ISO 8601 UTC, binary data in base64, enums by name). Everything the
platform stores is in the database, uploads included; the instance folder only holds the secret key
(keep it with your configuration) and the task queue (work in progress, not worth restoring). Mail
bodies stay sealed as stored: reading them after a restore needs the same SECRET_KEY.
"""
import base64
import datetime
import enum
import json
import zipfile

import sqlalchemy as sa
from alembic.migration import MigrationContext

from .database import UTCDateTime
from .extensions import db

FORMAT = "convention-backup"
VERSION = 1
BATCH = 500


class BackupError(Exception):
    """A backup that cannot be restored here, with a message for the operator."""


def _tables():
    return list(db.metadata.sorted_tables)  # parents before children


def _raw(column):
    """Columns copied as stored, bypassing their type's processing: sealed mail bodies stay sealed
    (UTC timestamps go through theirs, so that they read the same on SQLite and PostgreSQL)."""
    return isinstance(column.type, sa.types.TypeDecorator) and not isinstance(column.type, UTCDateTime)


def _as_stored(table):
    """The table with its raw columns typed as stored: what backup reads and restore writes."""
    return sa.table(table.name, *(sa.column(c.name, c.type.impl_instance if _raw(c) else c.type)
                                  for c in table.columns))


def _encode(column, value):
    if value is None:
        return None
    if isinstance(value, enum.Enum):
        return value.name
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray, memoryview)):
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


def _decoder(column):
    kind = column.type
    if isinstance(kind, sa.types.TypeDecorator):
        kind = kind.impl_instance
    if isinstance(kind, sa.Enum) and kind.enum_class is not None:
        return lambda value: kind.enum_class[value]
    if isinstance(kind, sa.DateTime):
        return datetime.datetime.fromisoformat
    if isinstance(kind, sa.Date):
        return datetime.date.fromisoformat
    if isinstance(kind, sa.LargeBinary):
        return base64.b64decode
    return None


def revision():
    """The schema's Alembic revision (None for a schema made without migrations)."""
    return MigrationContext.configure(db.session.connection()).get_current_revision()


def backup(path):
    """Write the whole database to the zip file `path`; return {table: rows}."""
    counts, connection = {}, db.session.connection()
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for table in _tables():
            stored = _as_stored(table)
            query = (sa.select(stored).order_by(*(stored.c[c.name] for c in table.primary_key.columns))
                     .execution_options(yield_per=BATCH))
            rows = 0
            with archive.open(f"tables/{table.name}.jsonl", "w") as out:
                for row in connection.execute(query):
                    line = {c.name: _encode(c, row._mapping[c.name]) for c in table.columns}
                    out.write((json.dumps(line, ensure_ascii=False) + "\n").encode("utf-8"))
                    rows += 1
            counts[table.name] = rows
        manifest = {"format": FORMAT, "version": VERSION, "revision": revision(),
                    "created_at": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
                    "tables": [{"name": name, "rows": rows} for name, rows in counts.items()]}
        archive.writestr("manifest.json", json.dumps(manifest, indent=1))
    return counts


def _manifest(archive):
    try:
        manifest = json.loads(archive.read("manifest.json"))
    except (KeyError, ValueError) as error:
        raise BackupError(f"Not a backup of this platform (no readable manifest.json): {error}.") from None
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r} version {manifest.get('version')!r}.")
    return manifest


def restore(path):
    """Load the zip file `path` into this database, which must have the schema and no data.

    The rows are added to the session's transaction: the caller commits. Raises BackupError when the file is not a backup, its schema revision differs from the
    database's, or the database already holds data. Returns {table: rows}.
    """
    with zipfile.ZipFile(path) as archive:
        manifest = _manifest(archive)
        tables = {table.name: table for table in _tables()}
        connection = db.session.connection()
        missing = set(tables) - set(sa.inspect(connection).get_table_names())
        if missing:
            raise BackupError("The database has no schema yet: run `flask db upgrade` first "
                              f"(missing tables: {', '.join(sorted(missing))}).")
        here = revision()
        if manifest["revision"] and here and manifest["revision"] != here:
            raise BackupError(f"The backup is of schema revision {manifest['revision']}, the database of "
                              f"{here}: restore into a database at the same revision.")
        full = [name for name, table in tables.items()
                if connection.execute(sa.select(sa.literal(1)).select_from(table).limit(1)).first()]
        if full:
            raise BackupError("The database is not empty (rows in " + ", ".join(full[:5])
                              + "): restore only into an empty database.")
        counts = {}
        for entry in manifest["tables"]:
            table = tables.get(entry["name"])
            if table is None:
                raise BackupError(f"The backup has a table {entry['name']!r} this schema does not know.")
            counts[table.name] = _load(connection, archive, table)
        if connection.dialect.name == "postgresql":
            _reset_sequences(connection, tables.values())
    return counts


def _load(connection, archive, table):
    decoders = {c.name: _decoder(c) for c in table.columns}
    stored = _as_stored(table)
    batch, rows = [], 0
    with archive.open(f"tables/{table.name}.jsonl") as lines:
        for line in lines:
            values = json.loads(line)
            batch.append({name: (decoders[name](value) if value is not None and decoders.get(name) else value)
                          for name, value in values.items() if name in decoders})
            if len(batch) == BATCH:
                connection.execute(stored.insert(), batch)
                rows, batch = rows + len(batch), []
    if batch:
        connection.execute(stored.insert(), batch)
        rows += len(batch)
    return rows


def _reset_sequences(connection, tables):
    """Restored rows keep their ids: move each id sequence past the largest one."""
    for table in tables:
        if "id" not in table.columns or not isinstance(table.columns["id"].type, sa.Integer):
            continue
        connection.execute(sa.text(
            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
            f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false) "
            f"WHERE pg_get_serial_sequence('{table.name}', 'id') IS NOT NULL"))
