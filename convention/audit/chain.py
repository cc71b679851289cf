"""The audit log as a hash chain, one per convention (and one for site-wide entries).

Each entry stores the SHA-256 of a canonical JSON of its fields and of the previous entry's hash, so
that altering, deleting or inserting an entry anywhere but at the end breaks every later link:
`verify` finds the first broken one. The newest hash (the head) is published on the public draw page;
anyone who noted it can tell later whether the log before it was rewritten.
"""
import hashlib
import json
from dataclasses import dataclass
from datetime import timezone

import sqlalchemy as sa

from ..extensions import db
from .models import AuditEntry

GENESIS = "0" * 64
# pg_advisory_xact_lock(LOCK_CLASS, convention id): one writer at a time per chain on PostgreSQL.
LOCK_CLASS = 0x617564  # "aud"


def _timestamp(moment):
    return moment.astimezone(timezone.utc).replace(tzinfo=None).isoformat(timespec="microseconds")


def entry_hash(fields, previous_hash):
    """SHA-256 (hex) of an entry's fields (`chain_fields`) chained to the previous entry's hash."""
    data = json.dumps({**fields, "previous_hash": previous_hash}, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def chain_fields(entry):
    """What the hash covers: every column but the id, the hashes and the actor's account id (set to
    NULL when an account is deleted; the actor's e-mail stays and is covered).

    JSON values go through a JSON round trip, so that they hash as the database gives them back.
    """
    return {
        "created_at": _timestamp(entry.created_at), "convention_id": entry.convention_id,
        "actor_email": entry.actor_email or "", "action": entry.action,
        "object_type": entry.object_type or "", "object_id": entry.object_id,
        "before": json.loads(json.dumps(entry.before)), "after": json.loads(json.dumps(entry.after)),
    }


def _lock(convention_id):
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(sa.text("SELECT pg_advisory_xact_lock(:kind, :key)"),
                           {"kind": LOCK_CLASS, "key": convention_id or 0})
    # SQLite: one writing transaction at a time already.


def _of_chain(query, convention_id):
    return query.filter(AuditEntry.convention_id.is_(None) if convention_id is None
                        else AuditEntry.convention_id == convention_id)


def head(convention_id):
    """The hash of the newest entry of a chain (None for an empty chain)."""
    query = _of_chain(db.select(AuditEntry.hash), convention_id)
    return db.session.scalar(query.order_by(AuditEntry.id.desc()).limit(1))


def link(entry):
    """Give a new entry (its fields set, not yet flushed) its place in its convention's chain."""
    _lock(entry.convention_id)
    entry.previous_hash = head(entry.convention_id) or GENESIS  # flushes the earlier entries
    entry.hash = entry_hash(chain_fields(entry), entry.previous_hash)


@dataclass
class Verification:
    """The outcome of checking a chain: how many entries, its head, and the first broken entry."""

    count: int
    head: str | None
    broken: AuditEntry | None = None
    reason: str = ""

    @property
    def ok(self):
        return self.broken is None


def verify(convention_id):
    """Recompute a chain in order; stop at the first entry whose link or content does not match."""
    query = _of_chain(db.select(AuditEntry), convention_id).order_by(AuditEntry.id)
    previous, count = GENESIS, 0
    for entry in db.session.scalars(query).yield_per(500):
        if entry.previous_hash != previous:
            return Verification(count, previous, entry, "its link to the previous entry does not match "
                                "(an entry before it was deleted, inserted or altered)")
        if entry.hash != entry_hash(chain_fields(entry), entry.previous_hash):
            return Verification(count, previous, entry, "its content does not match its hash "
                                "(the entry was altered)")
        previous, count = entry.hash, count + 1
    return Verification(count, previous if count else None)
