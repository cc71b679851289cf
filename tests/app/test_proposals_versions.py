"""Every save of a proposal is a version; a word-level diff between any two; a save made from an
older version is refused with the conflict page (409), and the merged text saves on the newest."""
import pytest

from convention_testing import log_in, make_user
from proposals_testing import TEXT, make_group, make_proposal
from convention.auth.models import Role, User
from convention.organising.models import Convention
from convention.extensions import db
from convention.proposals.models import Proposal, ProposalVersion
from convention.proposals.text import word_diff


@pytest.fixture
def draft(app, world):
    with app.app_context():
        member = db.session.get(User, world.users["member"].id)
        colleague = make_user("collegue@example.org", db.session.get(Convention, world.convention.id), Role.member)
        group = make_group(world.convention.id, [member, colleague])
        proposal = make_proposal(db.session.get(Convention, world.convention.id), group, member)
        db.session.commit()
        colleague.id, colleague.email  # noqa: B018  (loaded before the session closes)
        return {"id": proposal.id, "colleague": colleague}


def _save(client, slug, proposal_id, text, base, title="Registre des algorithmes"):
    return client.post(f"/c/{slug}/proposals/{proposal_id}/edit",
                       data={"title": title, "summary": "Un registre.", "text": text, "base_version": str(base)})


def test_the_word_diff_marks_only_the_changed_words():
    pieces = word_diff("La ville publie chaque algorithme.", "La métropole publie chaque algorithme utilisé.")
    assert [(p.kind, p.text) for p in pieces if p.kind != "same"] == [
        ("removed", "ville "), ("added", "métropole "), ("removed", "algorithme."), ("added", "algorithme utilisé.")]
    assert "".join(p.text for p in pieces if p.kind != "removed") == "La métropole publie chaque algorithme utilisé."
    assert "".join(p.text for p in pieces if p.kind != "added") == "La ville publie chaque algorithme."


def test_each_save_is_a_version_with_its_author_and_the_history_shows_the_diff(client, app, world, draft):
    slug = world.convention.slug
    log_in(client, world.users["member"])
    edit = client.get(f"/c/{slug}/proposals/{draft['id']}/edit").get_data(as_text=True)
    assert 'name="base_version" type="hidden" value="1"' in edit
    assert _save(client, slug, draft["id"], TEXT.replace("chaque algorithme", "chaque algorithme public"), 1).status_code == 302
    log_in(client, draft["colleague"])
    assert _save(client, slug, draft["id"], TEXT.replace("chaque", "tout"), 2).status_code == 302
    assert _save(client, slug, draft["id"], TEXT.replace("chaque", "tout"), 3).status_code == 302   # no change
    with app.app_context():
        versions = db.session.scalars(db.select(ProposalVersion).order_by(ProposalVersion.number)).all()
        assert [(v.number, v.author_id) for v in versions] == [
            (1, world.users["member"].id), (2, world.users["member"].id), (3, draft["colleague"].id)]
    page = client.get(f"/c/{slug}/proposals/{draft['id']}/versions?from=1&to=2").get_data(as_text=True)
    assert '<ins><span class="visually-hidden">ajouté : </span>public ' in page.replace("\u202f", " ")
    page = client.get(f"/c/{slug}/proposals/{draft['id']}/versions?from=2&to=3").get_data(as_text=True)
    assert "<del><span" in page and "chaque" in page and "diff-sides" in page
    assert client.get(f"/c/{slug}/proposals/{draft['id']}/versions?from=1&to=9").status_code == 404


def test_a_stale_save_is_refused_with_both_changes_and_merges_on_the_newest(client, app, world, draft):
    slug = world.convention.slug
    log_in(client, world.users["member"])
    assert _save(client, slug, draft["id"], TEXT.replace("La ville", "La métropole"), 1).status_code == 302
    log_in(client, draft["colleague"])          # started from version 1 too
    mine = TEXT.replace("un registre public", "un registre public et ouvert")
    response = _save(client, slug, draft["id"], mine, 1)
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "métropole" in page and "ouvert" in page
    assert 'name="base_version" type="hidden" value="2"' in page     # the merge goes against the newest
    assert "et ouvert" in page.split('id="text"')[1].split("</textarea>")[0]
    with app.app_context():
        proposal = db.session.get(Proposal, draft["id"])
        assert (proposal.version, proposal.text) == (2, TEXT.replace("La ville", "La métropole"))
    merged = TEXT.replace("La ville", "La métropole").replace("un registre public", "un registre public et ouvert")
    assert _save(client, slug, draft["id"], merged, 2).status_code == 302
    with app.app_context():
        proposal = db.session.get(Proposal, draft["id"])
        assert (proposal.version, proposal.text) == (3, merged)


def test_a_submitted_proposal_is_not_edited(client, app, world, draft):
    slug = world.convention.slug
    log_in(client, world.users["member"])
    client.post(f"/c/{slug}/proposals/{draft['id']}/status", data={"status": "submitted"})
    assert _save(client, slug, draft["id"], "Autre texte", 1).status_code == 409
    with app.app_context():
        assert db.session.get(Proposal, draft["id"]).text == TEXT
