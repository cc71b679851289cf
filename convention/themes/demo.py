"""The demo's themes: the demo contributions clustered, when DEMO_THEMES is on.

Off by default: loading the model takes about 20 s cold, and `flask convention demo` stays fast.
Organisers compute the themes from the Themes page (the task queue shows the progress).
"""
import click
from flask import current_app

from ..demo import demo_step
from . import queries


class EchoProgress:
    """The tasks' Progress interface, printed on the command line."""

    def report(self, fraction, message=""):
        click.echo(f"  {message} {int(100 * fraction)} %")

    def __call__(self, fraction, message=""):
        pass


@demo_step
def cluster_demo_contributions(convention, organiser):
    if not current_app.config["DEMO_THEMES"]:
        click.echo("Demo themes: not computed (set DEMO_THEMES to compute them here); "
                   "compute them from the Themes page.")
        return
    if queries.published_count(convention) < 2:
        return
    from . import clustering

    summary = clustering.recluster(convention, EchoProgress(), actor=organiser)
    click.echo(f"Demo themes: {summary['themes']} themes from {summary['contributions']} contributions.")
