"""The demo convention comes with a living list of contributions and a consultation under way."""
from convention.audit.models import AuditEntry
from convention.contributions.models import AuthorKind, Contribution, ContributionStatus
from convention.extensions import db


def test_demo_adds_contributions_in_every_state(runner, app, client):
    result = runner.invoke(args=["convention", "demo"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        rows = db.session.execute(db.select(Contribution.status, Contribution.author_kind,
                                            Contribution.category)).all()
        statuses = [status for status, _kind, _category in rows]
        assert len(rows) >= 60 and statuses.count(ContributionStatus.rejected) == 2
        assert statuses.count(ContributionStatus.pending) >= 3
        assert {kind for _s, kind, _c in rows} == set(AuthorKind)
        assert {"Services publics", "École", "Santé", "Emploi", "Surveillance", "Environnement"} <= {
            category for _s, _k, category in rows}
        assert db.session.scalar(db.select(db.func.count(AuditEntry.id))
                                 .filter_by(action="contribution.reject")) == 2
        slug = db.session.scalar(db.select(Contribution)).convention.slug
    page = client.get(f"/c/{slug}").get_data(as_text=True)
    assert "Contribuer à la consultation" in page
    page = client.get(f"/c/{slug}/contributions?q=reconnaissance+faciale").get_data(as_text=True)
    assert "Pas de reconnaissance faciale dans" in page and "Publier la carte des caméras" not in page
