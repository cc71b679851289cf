"""Readable names of audit actions, of the objects acted upon (model classes), of the fields in
their before/after summaries, and of the coded values of those fields.

Each domain registers its own, e.g. `labels.register(actions={"draw.run": _l("Panel drawn")},
objects={"Draw": _l("Draw")}, values={"status": {"declined": _l("Declined")}})`; an unregistered
action, object, field or value shows as its code. Booleans read "yes" / "no".
"""
from ..i18n import _l

_actions = {}
_objects = {}
_fields = {}
_values = {}
BOOLEANS = {True: _l("yes"), False: _l("no")}


def register(actions=None, fields=None, values=None, objects=None):
    _actions.update(actions or {})
    _objects.update(objects or {})
    _fields.update(fields or {})
    for field, labels in (values or {}).items():
        _values.setdefault(field, {}).update(labels)


def action_label(action):
    return _actions.get(action, action)


def object_label(object_type):
    return _objects.get(object_type, object_type)


def field_label(field):
    return _fields.get(field, field)


def value_label(field, value):
    """The label of a coded value of `field` ("declined" → "Declined"), or the value itself."""
    if isinstance(value, bool):
        return BOOLEANS[value]
    if isinstance(value, str):
        return _values.get(field, {}).get(value, value)
    return value
