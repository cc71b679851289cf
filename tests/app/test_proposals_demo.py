"""The demo convention has proposals with several versions, an accepted and a rejected amendment,
supports and comments, even without computed themes (a group of its own)."""
import sqlalchemy as sa

from convention.organising.models import Convention
from convention.extensions import db
from convention.proposals.models import (Amendment, AmendmentStatus, AmendmentSupport, Proposal, ProposalComment,
                                         ProposalStatus, ProposalVersion)


def test_demo_drafts_amends_and_comments_proposals(runner, app, client):
    result = runner.invoke(args=["convention", "demo"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        proposals = db.session.scalars(db.select(Proposal).order_by(Proposal.id)).all()
        assert len(proposals) == 2 and proposals[0].status is ProposalStatus.submitted
        assert proposals[0].version == 4 and "chaque mois" in proposals[0].text      # 3 saves + the amendment
        authors = set(db.session.scalars(db.select(ProposalVersion.author_id).filter_by(proposal_id=proposals[0].id)))
        assert len(authors) >= 3
        statuses = sorted(a.status.name for a in db.session.scalars(db.select(Amendment)))
        assert statuses == sorted([AmendmentStatus.accepted.name, AmendmentStatus.rejected.name, AmendmentStatus.open.name])
        assert db.session.scalar(sa.select(sa.func.count()).select_from(AmendmentSupport)) == 5
        assert db.session.scalar(sa.select(sa.func.count()).select_from(ProposalComment)) == 3
        slug, proposal_id = db.session.get(Convention, proposals[0].convention_id).slug, proposals[0].id
        db.session.get(Convention, proposals[0].convention_id).is_public = True
        db.session.commit()
    page = client.get(f"/c/{slug}/proposals/{proposal_id}").get_data(as_text=True)
    assert "Un registre public des algorithmes" in page and "chaque mois" in page
    assert "Et pour les algorithmes des prestataires" in page
    assert client.get(f"/c/{slug}/proposals/{proposal_id}/versions?from=1&to=4").status_code == 200
