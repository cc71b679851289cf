"""Sections that other domains add to a person's home page (the dashboard), in order.

    home.register("sessions/_home_section.html", order=10, context=lambda user: {...})

The template is included with `section` = what `context(user)` returns; an empty dict shows nothing.
"""
_sections = []


def register(template, order=50, context=None):
    if all(existing[1] != template for existing in _sections):
        _sections.append((order, template, context))
        _sections.sort(key=lambda section: section[0])


def for_user(user):
    """[(template, context)] of the registered sections that have something to show to `user`."""
    shown = [(template, context(user) if context else {}) for _order, template, context in _sections]
    return [(template, section) for template, section in shown if section]
