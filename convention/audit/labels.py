"""Readable names of audit actions and of the fields in their before/after summaries.

Each domain registers its own, e.g. `labels.register(actions={"draw.run": _l("Panel drawn")})`;
an unregistered action or field shows as its code.
"""
_actions = {}
_fields = {}


def register(actions=None, fields=None):
    _actions.update(actions or {})
    _fields.update(fields or {})


def action_label(action):
    return _actions.get(action, action)


def field_label(field):
    return _fields.get(field, field)
