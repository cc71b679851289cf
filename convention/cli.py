"""`flask convention ...` commands."""
import click
from flask.cli import AppGroup

from . import backup as backups, demo
from .audit import chain
from .auth import services as auth
from .organising import services as conventions
from .contributions import consultation
from .organising.models import Convention
from .privacy import operations as privacy
from .extensions import db

convention_cli = AppGroup("convention", help="Manage the convention platform.")


@convention_cli.command("demo")
@click.option("--if-empty", is_flag=True, help="Do nothing if the database already has a convention.")
def demo_command(if_empty):
    """Load a demonstration convention and its organiser account."""
    if if_empty and not conventions.is_empty():
        click.echo("The database already holds conventions: no demo data loaded.")
        return
    convention, created = demo.load_demo()
    db.session.commit()
    email, password = demo.credentials()
    if created:
        click.echo(f"Demo convention created: {convention.title} (/c/{convention.slug})")
    else:
        click.echo(f"Demo convention already present: {convention.title}")
    click.echo(f"Log in as {email} with the password {password}")
    others = ", ".join(f"{person_email} ({role.name})" for person_email, _name, role in demo.DEMO_PEOPLE)
    click.echo(f"Other roles, same password: {others}")


@convention_cli.command("create-admin")
@click.argument("email")
@click.password_option()
@click.option("--name", default="")
def create_admin_command(email, password, name):
    """Create a site administrator (or make an existing account one and reset its password)."""
    user = auth.find_user(email) or auth.create_user(email, name=name)
    user.set_password(password)
    user.is_admin = True
    db.session.commit()
    click.echo(f"{user.email} is a site administrator.")


@convention_cli.command("audit-verify")
@click.argument("slug")
def audit_verify_command(slug):
    """Check a convention's audit log hash chain; name the first broken entry (exit status 1)."""
    found = db.session.scalar(db.select(Convention).filter_by(slug=slug))
    if found is None:
        raise click.ClickException(f"No convention {slug!r}.")
    result = chain.verify(found.id)
    if result.ok:
        click.echo(f"The audit log of {slug} is intact: {result.count} entries, head {result.head or '(empty)'}.")
        return
    entry = result.broken
    click.echo(f"The audit log of {slug} is BROKEN at entry {entry.id} ({entry.action}, "
               f"{entry.created_at:%Y-%m-%d %H:%M:%S} UTC): {result.reason}. "
               f"The {result.count} entries before it are intact.", err=True)
    raise SystemExit(1)


@convention_cli.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, writable=True))
def backup_command(path):
    """Write the whole database (uploads included) to PATH, a portable zip file."""
    counts = backups.backup(path)
    click.echo(f"Backup written to {path}: {sum(counts.values())} rows in {len(counts)} tables.")


@convention_cli.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
def restore_command(path):
    """Load a backup made by `backup` into this database, which must be empty (after `flask db upgrade`)."""
    try:
        counts = backups.restore(path)
    except backups.BackupError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from None
    db.session.commit()
    click.echo(f"Restored {sum(counts.values())} rows in {len(counts)} tables from {path}.")


@convention_cli.command("drop-abandoned-uploads")
def drop_abandoned_uploads_command():
    """Delete pool files uploaded and never imported, older than ABANDONED_UPLOAD_HOURS (run it daily)."""
    count = privacy.drop_abandoned_uploads()
    db.session.commit()
    click.echo(f"{count} abandoned uploads deleted.")


@convention_cli.command("purge-unconfirmed")
def purge_unconfirmed_command():
    """Delete the public contributions whose confirmation link expired unconfirmed (also run hourly
    by the task consumer)."""
    count = consultation.purge_unconfirmed()
    db.session.commit()
    click.echo(f"{count} unconfirmed contributions deleted.")
