"""The demo's working group: formed around the largest theme with the demo's panel members, when
the demo computes its themes (DEMO_THEMES)."""
import click

from ..demo import demo_step
from ..themes import demo as _themes_demo  # noqa: F401  (its step, which computes the themes, first)
from ..themes import queries as themes
from . import services


@demo_step
def form_demo_group(convention, organiser):
    found = themes.themes_of(convention)
    if not found:
        return
    theme = max(found, key=lambda t: t.size)
    members = [user.id for user in services.panel_members(convention)]
    group = services.create(convention, {"name": f"Groupe « {theme.title} »", "description": "",
                                         "themes": [theme.id], "members": members}, actor=organiser)
    click.echo(f"Demo working group: {group.name}, {len(members)} members.")
