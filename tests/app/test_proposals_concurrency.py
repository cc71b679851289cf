"""Two saves of the same draft from the same version at the same moment, on real threads against an
app with its own database: one becomes the next version, the other gets the conflict page (409),
never both, never an error."""
from convention.auth.models import User
from convention.organising.models import Convention
from convention.extensions import db
from convention.proposals.models import Proposal, ProposalVersion
from proposals_testing import TEXT, make_group, make_proposal
from test_concurrency import _at_once, _count, _rollback, own_app  # noqa: F401  (fixtures and helpers)


def _draft(app):
    with app.app_context():
        convention = db.session.get(Convention, app.people["convention"])
        member = db.session.get(User, int(app.people["member"].split(":")[0]))
        proposal = make_proposal(convention, make_group(convention.id, [member]), member)
        db.session.commit()
        return convention.slug, proposal.id


def test_two_saves_from_the_same_version_make_one_version_and_one_conflict(own_app):
    slug, proposal_id = _draft(own_app)
    url = f"/c/{slug}/proposals/{proposal_id}/edit"
    saves = [(url, {"title": "Registre", "text": TEXT + f"\nAjout {n}", "base_version": "1"}, None) for n in range(2)]
    codes = _at_once(own_app, saves, who="member")
    assert sorted(codes) == [302, 409]
    assert _count(own_app, ProposalVersion, proposal_id=proposal_id) == 2
    with own_app.app_context():
        assert db.session.get(Proposal, proposal_id).version == 2

