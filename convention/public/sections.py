"""Sections that other domains add to a convention's public page, in order.

    sections.register("draw/_public_panel.html", order=10, context=lambda convention: {...})

The template is included with `convention`, and `section` = what `context(convention)` returns.
"""
_sections = []


def register(template, order=50, context=None):
    if all(existing[1] != template for existing in _sections):
        _sections.append((order, template, context))
        _sections.sort(key=lambda section: section[0])


def for_convention(convention):
    """[(template, context)] of the registered sections, their context computed for this convention."""
    return [(template, context(convention) if context else {}) for _order, template, context in _sections]
