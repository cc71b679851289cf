"""`flask convention backup PATH` and `restore PATH`: the whole database, SQLite and PostgreSQL alike."""
import zipfile

import pytest
from sqlalchemy import orm

from contributions_testing import add
from convention_testing import app_config, log_in
from draw_testing import drawn, set_panel_size
from convention import create_app
from convention.audit.models import AuditEntry
from convention.contributions.models import Contribution
from convention.organising.models import Convention
from convention.draw.models import Draw, DrawRound, PoolUpload, Selection
from convention.extensions import db
from convention.mail.models import OutboxMessage


def _snapshot():
    def rows(model, *columns):
        return db.session.execute(db.select(*columns).order_by(model.id)).all()
    return {
        "conventions": rows(Convention, Convention.id, Convention.slug, Convention.title, Convention.created_at),
        "draws": rows(Draw, Draw.id, Draw.state, Draw.pool_sha256, Draw.seed, Draw.drawn_at),
        "rounds": rows(DrawRound, DrawRound.id, DrawRound.record),
        "selections": rows(Selection, Selection.id, Selection.volunteer_id, Selection.status),
        "contributions": rows(Contribution, Contribution.id, Contribution.text, Contribution.status),
        "audit": rows(AuditEntry, AuditEntry.id, AuditEntry.action, AuditEntry.hash, AuditEntry.previous_hash),
        "uploads": rows(PoolUpload, PoolUpload.id, PoolUpload.data),
        "mail": rows(OutboxMessage, OutboxMessage.id, OutboxMessage.recipient, OutboxMessage.body),
    }


class _OtherDatabase:
    """An app on a fresh database migrated to the head, with db.session bound to it for a while."""

    def __init__(self, url):
        self.app = create_app(app_config(url))
        assert self.app.test_cli_runner().invoke(args=["db", "upgrade"]).exit_code == 0

    def __enter__(self):
        self.context = self.app.app_context()
        self.context.push()
        self.test_session, db.session = db.session, orm.scoped_session(orm.sessionmaker(bind=db.engine))
        return self

    def invoke(self, *args):
        return self.app.test_cli_runner().invoke(args=["convention", *args])

    def __exit__(self, *exc):
        db.session.remove()
        db.session = self.test_session
        db.engine.dispose()
        self.context.pop()


@pytest.fixture
def filled(client, app, world):
    """A drawn convention with contributions, a pending upload and an audit log."""
    set_panel_size(app, world.convention.id)
    log_in(client, world.users["organiser"])
    drawn(client, world.convention.slug)
    add(app, world.convention.id, "Des pistes cyclables sûres, « vraiment » sûres")
    add(app, world.other.id, "Une idée\nsur deux lignes")
    with app.app_context():
        db.session.add(PoolUpload(convention_id=world.convention.id, filename="x.csv", data=b"\x00\xffbinary"))
        db.session.add(OutboxMessage(sender="convention@localhost", recipient="a@example.org", subject="Lien",
                                     body="Votre lien : https://convention.example/password/reset/SECRET-TOKEN-42"))
        db.session.commit()
        return _snapshot()


def test_restore_into_an_empty_database_gives_the_same_data(filled, app, runner, world, empty_database, tmp_path):
    path = tmp_path / "backup.zip"
    result = runner.invoke(args=["convention", "backup", str(path)])
    assert result.exit_code == 0, result.output
    archive = zipfile.ZipFile(path)
    assert "manifest.json" in archive.namelist()
    assert "SECRET-TOKEN-42" not in archive.read("tables/outbox_messages.jsonl").decode(), "mail stays sealed"
    with _OtherDatabase(empty_database()) as other:
        result = other.invoke("restore", str(path))
        assert result.exit_code == 0, result.output
        assert _snapshot() == filled
        assert filled["rounds"] and filled["contributions"] and len(filled["audit"]) > 5
        verified = other.invoke("audit-verify", world.convention.slug)
        assert verified.exit_code == 0 and f"{sum(1 for _ in filled['audit'])}" in verified.output
        # New rows get new ids after the restored ones (PostgreSQL sequences follow).
        convention = Convention(slug="nouvelle", title="Nouvelle", question="", description="", panel_size=10)
        db.session.add(convention)
        db.session.commit()
        assert convention.id > max(row.id for row in filled["conventions"])
        again = other.invoke("restore", str(path))
        assert again.exit_code != 0 and "not empty" in again.output


def test_restore_refuses_what_is_not_a_backup(empty_database, tmp_path):
    path = tmp_path / "nothing.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with _OtherDatabase(empty_database()) as other:
        result = other.invoke("restore", str(path))
        assert result.exit_code != 0 and "manifest.json" in result.output
