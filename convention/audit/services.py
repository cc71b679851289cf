"""Writing and reading the audit log."""
from flask import has_request_context
from flask_login import current_user

from ..database import paginate, utcnow
from ..extensions import db
from . import chain
from .models import AuditEntry


def record(action, obj=None, *, convention=None, before=None, after=None, actor=None):
    """Add an audit entry to the current session, so it commits (or rolls back) with the change.

    `action` is a dotted verb such as "convention.update"; `obj` the model instance acted upon
    (flushed first so that a new object has its id); `actor` defaults to the logged-in user.
    The entry is linked into its convention's hash chain (`chain.link`), which on PostgreSQL holds
    the chain's lock until the transaction ends.
    """
    if actor is None and has_request_context() and current_user.is_authenticated:
        actor = current_user._get_current_object()
    if obj is not None and getattr(obj, "id", None) is None:
        db.session.flush()
    entry = AuditEntry(
        created_at=utcnow(),
        action=action,
        actor=actor,
        actor_email=actor.email if actor else "",
        convention_id=convention.id if convention is not None else None,
        object_type=type(obj).__name__ if obj is not None else "",
        object_id=str(obj.id) if obj is not None else None,
        before=before,
        after=after,
    )
    chain.link(entry)
    db.session.add(entry)
    return entry


def _same(old, new):
    return old == new or (old in (None, "", []) and new in (None, "", []))


def changes(before, after):
    """The before/after pair restricted to the keys whose value changed (empty values are equal)."""
    keys = [k for k in after if not _same(before.get(k), after[k])]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}


def record_changes(action, obj, before, after, *, convention=None, extra=None, actor=None):
    """Record `action` with only the fields of the `before`/`after` summaries that changed.

    Nothing is written when no field changed (a no-op is not an event); returns whether something
    changed. `extra` adds context to the "after" side (how the change was made, say).
    """
    old, new = changes(before, after)
    if not new:
        return False
    record(action, obj, convention=convention, before=old, after={**new, **(extra or {})}, actor=actor)
    return True


def entries_page(convention, page):
    """One page of a convention's log, newest first."""
    query = (db.select(AuditEntry).filter_by(convention_id=convention.id)
             .order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc()))
    return paginate(query, page)


def objects_of(entries):
    """{entry id: the object it acted upon, or None once deleted}, for the log page to name them."""
    models = {mapper.class_.__name__: mapper.class_ for mapper in db.Model.registry.mappers}
    found = {}
    for entry in entries:
        model = models.get(entry.object_type)
        found[entry.id] = (db.session.get(model, int(entry.object_id))
                           if model is not None and (entry.object_id or "").isdigit() else None)
    return found
