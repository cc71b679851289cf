"""The audit log is a hash chain per convention: altering or deleting an entry is detected."""
import threading

import pytest
import sqlalchemy as sa
from flask_sqlalchemy.session import _app_ctx_id
from sqlalchemy import orm

from convention_testing import app_config, log_in
from draw_testing import import_pool, set_panel_size, upload_quotas
from convention import create_app
from convention.audit import chain
from convention.audit import services as audit
from convention.organising.models import Convention
from convention.audit.models import AuditEntry
from convention.extensions import db


def _logged(client, app, world):
    """A few organiser actions, each of which writes to the convention's log."""
    set_panel_size(app, world.convention.id)
    log_in(client, world.users["organiser"])
    slug = world.convention.slug
    assert import_pool(client, slug).status_code == 302
    assert upload_quotas(client, slug).status_code == 302
    assert client.post(f"/manage/{slug}/draw/publish", data={}).status_code == 302
    assert client.post(f"/manage/{slug}/draw/seed", data={"seed": "1", "source": "Loto"}).status_code == 302
    with app.app_context():
        return db.session.scalars(db.select(AuditEntry).filter_by(convention_id=world.convention.id)
                                  .order_by(AuditEntry.id)).all()


def _verify(runner, slug):
    return runner.invoke(args=["convention", "audit-verify", slug])


def test_each_entry_carries_the_previous_ones_hash(client, app, world, runner):
    entries = _logged(client, app, world)
    assert len(entries) >= 3
    assert entries[0].previous_hash == chain.GENESIS
    assert all(b.previous_hash == a.hash for a, b in zip(entries, entries[1:]))
    result = _verify(runner, world.convention.slug)
    assert result.exit_code == 0, result.output
    assert f"{len(entries)} entries" in result.output and entries[-1].hash in result.output


def test_an_altered_entry_is_found(client, app, world, runner):
    entries = _logged(client, app, world)
    altered = entries[1]
    with app.app_context():
        db.session.execute(sa.text("UPDATE audit_entries SET after = :after WHERE id = :id"),
                           {"after": '{"seed": 2}', "id": altered.id})
        db.session.commit()
    result = _verify(runner, world.convention.slug)
    assert result.exit_code == 1
    assert f"BROKEN at entry {altered.id} ({altered.action}" in result.output and "altered" in result.output


def test_a_deleted_entry_is_found(client, app, world, runner):
    entries = _logged(client, app, world)
    with app.app_context():
        db.session.execute(sa.text("DELETE FROM audit_entries WHERE id = :id"), {"id": entries[1].id})
        db.session.commit()
    result = _verify(runner, world.convention.slug)
    assert result.exit_code == 1 and f"BROKEN at entry {entries[2].id} " in result.output
    assert "deleted" in result.output


def test_chains_are_per_convention(client, app, world, runner):
    _logged(client, app, world)
    result = _verify(runner, world.other.slug)
    assert result.exit_code == 0 and "0 entries" in result.output
    assert _verify(runner, "nope").exit_code != 0


def test_the_public_draw_page_shows_the_head(client, app, world):
    entries = _logged(client, app, world)
    with app.app_context():
        db.session.merge(world.convention).is_public = True
        db.session.commit()
    page = client.get(f"/c/{world.convention.slug}").get_data(as_text=True)
    with app.app_context():
        head = chain.head(world.convention.id)
    assert head == entries[-1].hash and f'<code class="audit-head">{head}</code>' in page


def test_the_migration_chains_the_existing_log(empty_database):
    app = create_app(app_config(empty_database()))
    runner = app.test_cli_runner()
    assert runner.invoke(args=["db", "upgrade", "c9851c7916d2"]).exit_code == 0
    with app.app_context():
        with db.engine.begin() as connection:
            connection.execute(sa.text(
                "INSERT INTO conventions (id, slug, title, question, description, panel_size, is_public, created_at, "
                "updated_at) "
                "VALUES (1, 'c', 'C', '', '', 40, false, '2026-01-01 10:00:00', '2026-01-01 10:00:00')"))
            for n, convention_id in enumerate([1, None, 1, 1]):
                connection.execute(sa.text(
                    "INSERT INTO audit_entries (created_at, actor_email, convention_id, action, object_type, "
                    "object_id, before, after) VALUES (:at, 'a@example.org', :c, 'x.update', 'X', '1', NULL, :after)"),
                    {"at": f"2026-01-0{n + 1} 10:00:00.{n:06d}", "c": convention_id, "after": f'{{"n": {n}}}'})
    result = runner.invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        test_session, db.session = db.session, orm.scoped_session(orm.sessionmaker(bind=db.engine))
        try:  # this database, not the one of the test's transaction
            assert chain.verify(1).ok and chain.verify(1).count == 3
            assert chain.verify(None).ok and chain.verify(None).count == 1
        finally:
            db.session.remove()
            db.session = test_session
            db.engine.dispose()


def test_concurrent_writers_keep_one_chain(empty_database):
    """Threads logging to the same convention at once, each in its own transaction: no fork."""
    if not empty_database().startswith("postgresql"):
        pytest.skip("SQLite runs one writing transaction at a time: no two writers can read the same head")
    app = create_app(app_config(empty_database()))
    assert app.test_cli_runner().invoke(args=["db", "upgrade"]).exit_code == 0
    test_session = db.session
    with app.app_context():
        db.session = orm.scoped_session(orm.sessionmaker(bind=db.engine), scopefunc=_app_ctx_id)
        try:
            convention = Convention(slug="c", title="C", question="", description="")
            db.session.add(convention)
            db.session.commit()
            convention_id = convention.id
            barrier = threading.Barrier(6)

            def write(n):
                with app.app_context():
                    barrier.wait()
                    for i in range(8):
                        audit.record("test.concurrent", convention=db.session.get(Convention, convention_id),
                                     after={"writer": n, "i": i})
                        db.session.commit()
                    db.session.remove()

            threads = [threading.Thread(target=write, args=(n,)) for n in range(6)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            result = chain.verify(convention_id)
            assert result.ok, (result.broken and result.broken.id, result.reason)
            assert result.count == 48
        finally:
            db.session.remove()
            db.session = test_session
            db.engine.dispose()
