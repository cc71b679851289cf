"""The sections of a convention's management pages, in order.

A domain adds its section when its blueprint exists, e.g. the draw:
    nav.register_section("draw.index", _l("Draw"), order=20)
Only registered, existing pages are linked: no placeholder entries.
"""
from ..i18n import _l

_sections = []


def register_section(endpoint, label, order=50):
    """Add a section (an endpoint taking `slug`) to the management navigation."""
    if all(existing[1] != endpoint for existing in _sections):
        _sections.append((order, endpoint, label))
        _sections.sort(key=lambda section: section[0])


def sections():
    return [(endpoint, label) for _order, endpoint, label in _sections]


def current(endpoint):
    """The section a page belongs to: the section of that very endpoint, or else the only section of
    its blueprint (the draw's pool, quotas and panel pages belong to "Draw"), or None."""
    if endpoint is None:
        return None
    if any(existing == endpoint for _order, existing, _label in _sections):
        return endpoint
    blueprint = endpoint.rpartition(".")[0]
    same = [existing for _order, existing, _label in _sections if existing.rpartition(".")[0] == blueprint]
    return same[0] if len(same) == 1 else None


register_section("conventions.manage", _l("Overview"), order=0)
register_section("conventions.edit", _l("Settings"), order=10)
register_section("conventions.people", _l("People"), order=80)
register_section("audit.log", _l("Audit log"), order=90)
