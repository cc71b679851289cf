"""Readable names of audit actions, of the objects acted upon (model classes), of the fields in
their before/after summaries, and of the coded values of those fields.

Each domain registers its own, e.g. `labels.register(actions={"draw.run": _l("Panel drawn")},
objects={"Draw": _l("Draw")}, values={"status": {"declined": _l("Declined")}},
formats={"min_probability": "probability"}, names={"Selection": lambda s: s.volunteer.external_id})`;
an unregistered action, object, field or value shows as its code. Booleans read "yes" / "no",
numbers and lists are written in the visitor's language, a "probability" (a fraction) as a
percentage, a "percent" (already in percent) with its sign, a "code" (a seed) as it is; a function as
format words a structured value itself. ISO dates and moments (as summaries store them) read as dates. An object is named by its registered
`names` function, else by its `title` or `name`.
"""
import re
from datetime import date, datetime, timezone

from flask_babel import format_date, format_decimal, format_percent, format_time

from ..i18n import _, _l

_actions = {}
_objects = {}
_fields = {}
_values = {}
_formats = {}
_names = {}
_action_fields = {}
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)?")
BOOLEANS = {True: _l("yes"), False: _l("no")}
LIST_SHOWN = 10         # items of a list shown before "and N more"


def register(actions=None, fields=None, values=None, objects=None, formats=None, names=None,
             action_fields=None):
    """`action_fields={"draw.pool_import": {"size": _l("Volunteers")}}` names a field for one action
    where the same key means another thing elsewhere (a theme's size, a file's size)."""
    for action, labels in (action_fields or {}).items():
        _action_fields.setdefault(action, {}).update(labels)
    _actions.update(actions or {})
    _objects.update(objects or {})
    _fields.update(fields or {})
    _formats.update(formats or {})
    _names.update(names or {})
    for field, labels in (values or {}).items():
        _values.setdefault(field, {}).update(labels)


def action_label(action):
    return _actions.get(action, action)


def object_label(object_type):
    return _objects.get(object_type, object_type)


def field_label(field, action=None):
    return _action_fields.get(action, {}).get(field) or _fields.get(field, field)


def value_label(field, value):
    """`value` of `field` as text: the label of a coded value ("declined" → "Declined"), a number in
    the visitor's format ("1 500", "0,5", "1,52 %" for a probability), a list joined with commas."""
    kind = _formats.get(field)
    if callable(kind):              # a domain's own wording of a structured value; None: the default
        text = kind(value)
        if text is not None:
            return text
    if isinstance(value, bool):
        return str(BOOLEANS[value])
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, str) and (kind == "date" or ISO_DATE.fullmatch(value)):
        return _date(value)
    if isinstance(value, str) and ISO_DATETIME.fullmatch(value):
        return _datetime(value)
    if isinstance(value, str):
        return str(_values.get(field, {}).get(value, value))
    if isinstance(value, (int, float)):
        return _number(field, value)
    if isinstance(value, (list, tuple)):
        shown = ", ".join(value_label(field, item) for item in value[:LIST_SHOWN])
        if len(value) > LIST_SHOWN:
            return _("%(items)s and %(count)s more", items=shown, count=format_decimal(len(value) - LIST_SHOWN))
        return shown
    if isinstance(value, dict):
        return "; ".join(_("%(field)s: %(value)s", field=field_label(key), value=value_label(key, item))
                         for key, item in value.items())
    return str(value)


def _date(value):
    try:
        return format_date(date.fromisoformat(value), "long")
    except ValueError:
        return value


def _datetime(value):
    """An ISO moment (summaries store UTC) in the site's time zone: "14 novembre 2026 09:00"."""
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    moment = moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    return f"{format_date(moment, 'long')} {format_time(moment, 'short')}"


def _number(field, value):
    kind = _formats.get(field)
    if kind == "code":              # a number to copy as it is (a seed): no separators
        return str(value)
    if kind == "probability":
        return format_percent(value, "#,##0.##\N{NO-BREAK SPACE}%")
    if kind == "percent":
        return format_decimal(value, "#,##0.#") + "\N{NO-BREAK SPACE}%"
    return format_decimal(value, "#,##0.###")


def object_text(entry, obj):
    """What an entry acted upon, named: "Theme “2. Mobility”", or "Contribution no. 74" when the
    object (`obj`, None once deleted) has no name, "" for an entry about no object."""
    if not entry.object_type:
        return ""
    label = object_label(entry.object_type)
    name = _name(entry.object_type, obj)
    if name == "":                  # registered as having no name: one of its kind per convention
        return str(label)
    name = name or _summary_name(entry)
    if name:
        return _("%(object)s “%(name)s”", object=label, name=name)
    if entry.object_id:
        return _("%(object)s no. %(number)s", object=label, number=entry.object_id)
    return str(label)


def _name(object_type, obj):
    if obj is None:
        return None
    namer = _names.get(object_type)
    if namer is not None:
        return namer(obj)
    for attribute in ("title", "name"):
        value = getattr(obj, attribute, None)
        if isinstance(value, str) and value:
            return value
    return None


def _summary_name(entry):
    """A deleted object's name, from the summary written when it was acted upon."""
    for side in (entry.before, entry.after):
        for key in ("title", "name"):
            if isinstance(side, dict) and isinstance(side.get(key), str) and side[key]:
                return side[key]
    return None


def changes(entry):
    """The fields of an entry as (label, before, after) texts: before is None for a value only set,
    after is None for a value only removed; an unchanged value has both equal (shown once)."""
    before, after = entry.before or {}, entry.after or {}
    rows = []
    for key in dict.fromkeys([*before, *after]):
        old = value_label(key, before[key]) if key in before else None
        new = value_label(key, after[key]) if key in after else None
        rows.append((field_label(key, entry.action), old, new))
    return rows


def excerpt(text, length=60):
    """The start of a text, to name an object by its words (a contribution)."""
    text = " ".join((text or "").split())
    return text if len(text) <= length else text[:length].rsplit(" ", 1)[0] + "…"
