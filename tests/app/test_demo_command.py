"""`flask convention demo` loads the demonstration data once."""
from convention.auth.models import Membership, Role, User
from convention.organising.models import Convention
from convention.demo import DEMO_EMAIL, DEMO_PASSWORD, DEMO_TITLE
from convention.extensions import db


def _conventions(app):
    with app.app_context():
        return db.session.scalars(db.select(Convention.title)).all()


def test_demo_creates_the_convention_and_prints_credentials(runner, app):
    result = runner.invoke(args=["convention", "demo", "--if-empty"])
    assert result.exit_code == 0, result.output
    assert DEMO_EMAIL in result.output and DEMO_PASSWORD in result.output
    assert _conventions(app) == [DEMO_TITLE]
    with app.app_context():
        user = db.session.scalar(db.select(User).filter_by(email=DEMO_EMAIL))
        assert user.is_admin and user.check_password(DEMO_PASSWORD)
        roles = db.session.execute(db.select(User.email, Membership.role).join(Membership.user)).all()
        assert {role for _email, role in roles} == set(Role)


def test_demo_is_idempotent(runner, app):
    runner.invoke(args=["convention", "demo"])
    again = runner.invoke(args=["convention", "demo"])
    empty_only = runner.invoke(args=["convention", "demo", "--if-empty"])
    assert again.exit_code == empty_only.exit_code == 0
    assert _conventions(app) == [DEMO_TITLE]
    assert "no demo data" in empty_only.output


def test_if_empty_leaves_an_existing_database_alone(runner, app, world):
    runner.invoke(args=["convention", "demo", "--if-empty"])
    assert DEMO_TITLE not in _conventions(app)


def test_demo_steps_hook_runs_after_creation(runner, app, monkeypatch):
    from convention import demo

    seen = []
    monkeypatch.setattr(demo, "DEMO_STEPS", [lambda convention, organiser: seen.append(
        (convention.title, organiser.email))])
    runner.invoke(args=["convention", "demo"])
    assert seen == [(DEMO_TITLE, DEMO_EMAIL)]


def test_demo_convention_is_public_and_dated_in_the_future(client, runner):
    runner.invoke(args=["convention", "demo"])
    page = client.get("/").get_data(as_text=True)
    assert DEMO_TITLE.replace("'", "&#39;") in page


def test_create_admin(runner, app):
    result = runner.invoke(args=["convention", "create-admin", "chef@example.org"],
                           input="un mot de passe long\nun mot de passe long\n")
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert db.session.scalar(db.select(User.is_admin).filter_by(email="chef@example.org"))
