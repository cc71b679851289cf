"""The demo's themes: off by default (the demo stays fast), computed with DEMO_THEMES, with a
working group formed around the largest theme."""
from convention.extensions import db
from convention.groups.models import WorkingGroup
from convention.themes.models import Theme


def _counts(app):
    with app.app_context():
        return (db.session.scalar(db.select(db.func.count()).select_from(Theme)),
                db.session.scalar(db.select(db.func.count()).select_from(WorkingGroup)))


def test_the_demo_leaves_the_themes_to_compute(runner, app):
    result = runner.invoke(args=["convention", "demo"])
    assert result.exit_code == 0 and "compute them from the Themes page" in result.output
    assert _counts(app) == (0, 1)      # no theme; the one working group is the proposals demo's, without themes
    with app.app_context():
        assert db.session.scalar(db.select(WorkingGroup)).themes == []


def test_the_demo_computes_themes_when_asked(runner, app, monkeypatch):
    monkeypatch.setitem(app.config, "DEMO_THEMES", True)
    result = runner.invoke(args=["convention", "demo"])
    assert result.exit_code == 0, result.output
    themes, groups = _counts(app)
    assert themes >= 2 and groups == 1
    with app.app_context():
        group = db.session.scalar(db.select(WorkingGroup))
        assert group.themes[0].locked and group.members
