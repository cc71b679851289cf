"""The demo convention comes with a pool, quotas and a panel drawn by the real leximin algorithm."""
from convention.draw.models import Draw, DrawState, Selection, SelectionStatus
from convention.extensions import db


def test_demo_draws_a_panel_with_invitations_under_way(runner, app, client):
    result = runner.invoke(args=["convention", "demo"])
    assert result.exit_code == 0, result.output
    assert "Demo panel drawn: 40 members" in result.output and "%" in result.output
    with app.app_context():
        draw = db.session.scalar(db.select(Draw))
        assert draw.state is DrawState.done and draw.algorithm == "leximin" and draw.pool_sha256
        statuses = db.session.scalars(db.select(Selection.status)).all()
        assert len(statuses) == 40 and statuses.count(SelectionStatus.accepted) == 18
        assert SelectionStatus.declined in statuses
        slug = draw.convention.slug
    page = client.get(f"/c/{slug}").get_data(as_text=True)
    assert "<svg" in page and "python -m panels verify" in page
