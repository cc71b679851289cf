"""Readable names of audit actions, of the fields in their before/after summaries, and of the
coded values of those fields.

Each domain registers its own, e.g. `labels.register(actions={"draw.run": _l("Panel drawn")},
values={"status": {"declined": _l("Declined")}})`; an unregistered action, field or value shows as
its code. Booleans read "yes" / "no".
"""
from ..i18n import _l

_actions = {}
_fields = {}
_values = {}
BOOLEANS = {True: _l("yes"), False: _l("no")}


def register(actions=None, fields=None, values=None):
    _actions.update(actions or {})
    _fields.update(fields or {})
    for field, labels in (values or {}).items():
        _values.setdefault(field, {}).update(labels)


def action_label(action):
    return _actions.get(action, action)


def field_label(field):
    return _fields.get(field, field)


def value_label(field, value):
    """The label of a coded value of `field` ("declined" → "Declined"), or the value itself."""
    if isinstance(value, bool):
        return BOOLEANS[value]
    if isinstance(value, str):
        return _values.get(field, {}).get(value, value)
    return value
