"""Amendments to submitted proposals: proposed by members with a passage that is in the text,
supported once each, accepted (a new version crediting the author; overlapping ones conflict),
rejected with a reason, or sent to the plenary; decisions audit-logged."""
import pytest
import sqlalchemy as sa

from convention_testing import log_in, make_user
from proposals_testing import TEXT, make_group, make_proposal
from convention.audit.models import AuditEntry
from convention.auth.models import Role
from convention.organising.models import Convention
from convention.extensions import db
from convention.proposals.models import Amendment, AmendmentStatus, AmendmentSupport, Proposal, ProposalVersion


@pytest.fixture
def proposal(app, world):
    """A submitted proposal of a group the member is not in (any member amends), and a draft."""
    with app.app_context():
        convention = db.session.get(Convention, world.convention.id)
        writer = make_user("redactrice@example.org", convention, Role.member)
        group = make_group(convention.id, [writer])
        submitted = make_proposal(convention, group, writer, submitted=True)
        draft = make_proposal(convention, group, writer, title="Brouillon")
        db.session.commit()
        writer.id, writer.email  # noqa: B018
        return {"id": submitted.id, "draft": draft.id, "writer": writer}


def _propose(client, slug, proposal_id, passage, replacement, justification="Plus précis."):
    return client.post(f"/c/{slug}/proposals/{proposal_id}/amendments/new",
                       data={"passage": passage, "replacement": replacement, "justification": justification})


def _amendments(app):
    with app.app_context():
        return db.session.scalars(db.select(Amendment).order_by(Amendment.id)).all()


def test_a_member_proposes_an_amendment_shown_as_a_diff(client, app, world, proposal):
    slug = world.convention.slug
    log_in(client, world.users["member"])
    response = _propose(client, slug, proposal["id"], "chaque algorithme", "chaque algorithme et ses données")
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "et ses données" in page and "<ins>" in page and "Plus précis." in page
    (amendment,) = _amendments(app)
    assert (amendment.author_id, amendment.base_version, amendment.status) == (
        world.users["member"].id, 1, AmendmentStatus.open)


def test_a_passage_not_in_the_text_or_a_draft_is_refused(client, app, world, proposal):
    slug = world.convention.slug
    log_in(client, world.users["member"])
    response = _propose(client, slug, proposal["id"], "une phrase absente", "autre chose")
    assert response.status_code == 422 and "copiez-le exactement" in response.get_data(as_text=True)
    assert _propose(client, slug, proposal["id"], "chaque", "tout", justification="").status_code == 422
    assert _propose(client, slug, proposal["draft"], "chaque", "tout").status_code == 409
    assert _amendments(app) == []


def test_accepting_makes_a_version_crediting_the_author_and_marks_overlapping_ones(client, app, world, proposal):
    slug = world.convention.slug
    log_in(client, world.users["member"])
    _propose(client, slug, proposal["id"], "chaque algorithme utilisé", "chaque algorithme employé")
    _propose(client, slug, proposal["id"], "algorithme utilisé pour une décision", "algorithme décisionnel")
    _propose(client, slug, proposal["id"], "un registre public", "un registre ouvert")
    first, second, third = (a.id for a in _amendments(app))
    show = client.get(f"/c/{slug}/proposals/{proposal['id']}").get_data(as_text=True)
    assert "Ces amendements modifient le même passage." in show
    # the member is not in the group: they do not decide
    url = f"/c/{slug}/proposals/{proposal['id']}/amendments/{first}/decision"
    assert client.post(url, data={"decision": "accepted"}).status_code == 403
    log_in(client, proposal["writer"])
    assert client.post(url, data={"decision": "accepted"}).status_code == 302
    with app.app_context():
        current = db.session.get(Proposal, proposal["id"])
        assert current.version == 2 and "chaque algorithme employé pour une décision" in current.text
        version = db.session.scalar(db.select(ProposalVersion).filter_by(number=2, proposal_id=current.id))
        assert (version.author_id, version.amendment_id) == (world.users["member"].id, first)
        statuses = {a.id: a.status for a in db.session.scalars(db.select(Amendment))}
        assert statuses == {first: AmendmentStatus.accepted, second: AmendmentStatus.conflicting,
                            third: AmendmentStatus.open}
        entry = db.session.scalar(db.select(AuditEntry).filter_by(action="proposals.amendment_accept"))
        assert entry.after["status"] == "accepted" and entry.after["version"] == 2
    page = client.get(f"/c/{slug}/proposals/{proposal['id']}/versions").get_data(as_text=True)
    assert "employé" in page and "Amendement n° %d accepté" % first in page
    assert client.post(url, data={"decision": "rejected", "reason": "Non"}).status_code == 409   # decided
    log_in(client, world.users["organiser"])
    log_page = client.get(f"/manage/{slug}/audit").get_data(as_text=True)
    assert "Amendement accepté" in log_page and "proposals.amendment_accept" not in log_page


def test_rejecting_needs_a_reason_and_is_logged(client, app, world, proposal):
    slug = world.convention.slug
    log_in(client, world.users["member"])
    _propose(client, slug, proposal["id"], "un registre public", "un registre ouvert")
    (amendment,) = _amendments(app)
    url = f"/c/{slug}/proposals/{proposal['id']}/amendments/{amendment.id}/decision"
    log_in(client, world.users["organiser"])
    assert client.post(url, data={"decision": "rejected"}).status_code == 422
    assert _amendments(app)[0].status is AmendmentStatus.open
    assert client.post(url, data={"decision": "rejected", "reason": "Déjà couvert"}).status_code == 302
    (amendment,) = _amendments(app)
    assert (amendment.status, amendment.reason) == (AmendmentStatus.rejected, "Déjà couvert")
    with app.app_context():
        assert db.session.scalar(db.select(AuditEntry).filter_by(action="proposals.amendment_reject")) is not None
        assert db.session.get(Proposal, proposal["id"]).version == 1
    assert "Déjà couvert" in client.get(f"/c/{slug}/proposals/{proposal['id']}/amendments/{amendment.id}").get_data(as_text=True)


def test_sending_to_the_plenary_changes_only_the_status(client, app, world, proposal):
    slug = world.convention.slug
    log_in(client, world.users["member"])
    _propose(client, slug, proposal["id"], "", "Un texte entièrement nouveau.")
    (amendment,) = _amendments(app)
    assert amendment.passage == ""
    log_in(client, world.users["organiser"])
    client.post(f"/c/{slug}/proposals/{proposal['id']}/amendments/{amendment.id}/decision", data={"decision": "plenary"})
    assert _amendments(app)[0].status is AmendmentStatus.plenary
    with app.app_context():
        assert db.session.get(Proposal, proposal["id"]).text == TEXT


def test_members_support_an_amendment_once_each(client, app, world, proposal):
    slug = world.convention.slug
    log_in(client, world.users["member"])
    _propose(client, slug, proposal["id"], "un registre public", "un registre ouvert")
    (amendment,) = _amendments(app)
    url = f"/c/{slug}/proposals/{proposal['id']}/amendments/{amendment.id}/support"
    client.post(url)
    log_in(client, proposal["writer"])
    client.post(url)
    with app.app_context():
        count = sa.select(sa.func.count()).select_from(AmendmentSupport).filter_by(amendment_id=amendment.id)
        assert db.session.scalar(count) == 2
        with pytest.raises(sa.exc.IntegrityError):
            with db.session.begin_nested():
                db.session.add(AmendmentSupport(amendment_id=amendment.id, user_id=proposal["writer"].id))
    client.post(url)        # taken back
    with app.app_context():
        assert db.session.scalar(count) == 1
    log_in(client, world.users["expert"])
    assert client.post(url).status_code == 403


def test_an_amendment_whose_passage_left_the_text_is_not_applied(client, app, world, proposal):
    slug = world.convention.slug
    log_in(client, world.users["member"])
    _propose(client, slug, proposal["id"], "un registre public", "un registre ouvert")
    (amendment,) = _amendments(app)
    log_in(client, proposal["writer"])
    base = f"/c/{slug}/proposals/{proposal['id']}"
    decision = f"{base}/amendments/{amendment.id}/decision"
    client.post(f"{base}/status", data={"status": "draft"})        # the group takes it back to rework it
    assert client.post(decision, data={"decision": "accepted"}).status_code == 409     # not while a draft
    client.post(f"{base}/edit", data={"title": "Registre des algorithmes", "text": "Un inventaire en ligne.",
                                      "base_version": "1"})
    client.post(f"{base}/status", data={"status": "submitted"})
    response = client.post(decision, data={"decision": "accepted"})
    assert response.status_code == 409 and "n’est plus dans le texte" in response.get_data(as_text=True)
    assert _amendments(app)[0].status is AmendmentStatus.open
    with app.app_context():
        assert db.session.get(Proposal, proposal["id"]).text == "Un inventaire en ligne."
