"""`flask convention cluster SLUG`: compute a convention's themes from the command line (a cron job,
or a first run on a large convention), with the same task as the Themes page."""
import click

from ..cli import convention_cli
from ..organising.models import Convention
from ..extensions import db
from ..tasks import services as tasks
from .defaults import K_MAX, K_MIN, MAX_THEMES
from .tasks import cluster_contributions


@convention_cli.command("cluster")
@click.argument("slug")
@click.option("--min", "k_min", default=K_MIN, show_default=True, type=click.IntRange(2, MAX_THEMES),
              help="Fewest themes.")
@click.option("--max", "k_max", default=K_MAX, show_default=True, type=click.IntRange(2, MAX_THEMES),
              help="Most themes.")
@click.option("--themes", "k", type=click.IntRange(2, MAX_THEMES), default=None, help="Exact number of themes.")
def cluster_command(slug, k_min, k_max, k):
    """Group the published contributions of the convention SLUG into themes (locked themes and
    contributions moved by hand are kept)."""
    if k_max < k_min:
        raise click.BadParameter("the most themes (--max) cannot be below the fewest (--min).",
                                 param_hint="--max")
    convention = db.session.scalar(db.select(Convention).filter_by(slug=slug))
    if convention is None:
        raise click.ClickException(f"No convention {slug!r}.")
    if tasks.active_run(cluster_contributions.kind, convention) is not None:
        raise click.ClickException("The themes are already being computed.")
    run = tasks.start(cluster_contributions, convention.id, None, {"k": k, "k_min": k_min, "k_max": k_max},
                      f"/manage/{slug}/themes/", convention=convention)
    db.session.refresh(run)
    if run.error:
        raise click.ClickException(run.error)
    result = run.result or {}
    click.echo(f"{result.get('themes')} themes from {result.get('contributions')} contributions "
               f"({result.get('embedded')} embedded, {result.get('cached')} from the cache).")
