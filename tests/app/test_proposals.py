"""Proposals of the working groups: drafted by the group's members, rendered safely from Markdown,
submitted (audit-logged) and then shown to the public; linked to contributions and hearings."""
from html.parser import HTMLParser

import pytest

from convention_testing import log_in, make_user
from hearings_testing import make_hearing
from proposals_testing import TEXT, make_group, make_proposal
from convention.audit.models import AuditEntry
from convention.auth.models import Role, User
from convention.contributions.models import AuthorKind, Contribution, ContributionStatus
from convention.organising.models import Convention
from convention.proposals import operations
from convention.extensions import db
from convention.proposals.models import Proposal, ProposalStatus, ProposalVersion
from convention.proposals.text import render

HOSTILE = ("Texte <script>alert('x')</script> et [lien](javascript:alert(1)) "
           "<img src=x onerror=alert(1)> <p style=\"position:fixed\">calque</p> "
           "<a href=\"https://example.org\" onclick=\"steal()\">ok</a> [bon](https://example.org/a)")


@pytest.fixture
def setup(app, world):
    """The member's group (with a second member) and a group without the member."""
    with app.app_context():
        member = db.session.get(User, world.users["member"].id)
        colleague = make_user("collegue@example.org", db.session.get(Convention, world.convention.id), Role.member)
        group = make_group(world.convention.id, [member, colleague])
        other = make_group(world.convention.id, [colleague], name="Autre groupe")
        db.session.commit()
        return {"group": group.id, "other": other.id, "colleague": colleague.id}


def _post_new(client, slug, group_id, **fields):
    data = {"group": group_id, "title": "Registre des algorithmes", "summary": "Un registre.", "text": TEXT, **fields}
    return client.post(f"/c/{slug}/proposals/new", data=data)


def test_a_member_drafts_a_proposal_of_their_group(client, app, world, setup):
    log_in(client, world.users["member"])
    response = _post_new(client, world.convention.slug, setup["group"])
    assert response.status_code == 302
    with app.app_context():
        proposal = db.session.scalar(db.select(Proposal))
        assert (proposal.status, proposal.version, proposal.group_id) == (ProposalStatus.draft, 1, setup["group"])
        version = db.session.scalar(db.select(ProposalVersion))
        assert (version.number, version.text, version.author_id) == (1, TEXT, world.users["member"].id)
        assert db.session.scalar(db.select(AuditEntry).filter_by(action="proposals.create")) is not None
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "<h2>Objectif</h2>" in page and "<li>un registre public</li>" in page


def test_the_group_page_lists_its_proposals_and_offers_drafting_to_its_members(client, app, world, setup):
    slug = world.convention.slug
    log_in(client, world.users["member"])
    _post_new(client, slug, setup["group"])
    page = client.get(f"/c/{slug}/groups/{setup['group']}").get_data(as_text=True)
    assert "Registre des algorithmes" in page and f"/c/{slug}/proposals/new?group={setup['group']}" in page
    assert f'<option value="{setup["group"]}" selected>' in client.get(
        f"/c/{slug}/proposals/new?group={setup['group']}").get_data(as_text=True)
    other = client.get(f"/c/{slug}/groups/{setup['other']}").get_data(as_text=True)
    assert "Registre des algorithmes" not in other and "/proposals/new" not in other


def test_a_member_cannot_draft_for_another_group(client, app, world, setup):
    log_in(client, world.users["member"])
    assert _post_new(client, world.convention.slug, setup["other"]).status_code == 403
    with app.app_context():
        assert db.session.scalar(db.select(Proposal)) is None


def test_an_empty_title_is_refused_with_the_form_again(client, app, world, setup):
    log_in(client, world.users["member"])
    response = _post_new(client, world.convention.slug, setup["group"], title="")
    assert response.status_code == 422
    assert 'aria-invalid="true"' in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(db.select(Proposal)) is None


class _Tags(HTMLParser):
    """The tags and attributes a browser would build from an HTML fragment."""

    def __init__(self, html):
        super().__init__()
        self.found = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def _assert_harmless(html):
    for tag, attrs in _Tags(html).found:
        assert tag not in ("script", "img", "style", "iframe"), tag
        assert not any(name.startswith("on") or name == "style" for name in attrs), (tag, attrs)
        assert not attrs.get("href", "").strip().lower().startswith("javascript:"), attrs


def test_markdown_with_hostile_html_is_rendered_harmless():
    html = str(render(HOSTILE))
    _assert_harmless(html)
    assert "&lt;script&gt;" in html      # shown as text, not run
    assert '<a href="https://example.org/a" rel="nofollow noopener">bon</a>' in html
    assert [tag for tag, _attrs in _Tags(html).found] == ["p", "a", "a"]   # the javascript: link loses its href
    assert _Tags(html).found[1][1] == {"rel": "nofollow noopener"}


def test_a_hostile_draft_is_stored_as_written_and_shown_as_text(client, app, world, setup):
    log_in(client, world.users["member"])
    response = _post_new(client, world.convention.slug, setup["group"], text=HOSTILE)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    _assert_harmless(page.split('<article class="proposal-text">')[1].split("</article>")[0])
    with app.app_context():
        assert db.session.scalar(db.select(Proposal)).text == HOSTILE


def test_editing_another_groups_draft_is_refused(client, app, world, setup):
    with app.app_context():
        convention = db.session.get(Convention, world.convention.id)
        from convention.groups.models import WorkingGroup
        proposal = make_proposal(convention, db.session.get(WorkingGroup, setup["other"]),
                                 db.session.get(User, setup["colleague"]))
        db.session.commit()
        proposal_id = proposal.id
    log_in(client, world.users["member"])
    url = f"/c/{world.convention.slug}/proposals/{proposal_id}/edit"
    response = client.post(url, data={"title": "Pris", "text": "Remplacé", "base_version": "1"})
    assert response.status_code == 403
    with app.app_context():
        assert db.session.get(Proposal, proposal_id).text == TEXT
        assert db.session.get(Proposal, proposal_id).version == 1


def test_submitting_is_logged_and_shows_the_proposal_to_the_public(client, app, world, setup):
    with app.app_context():
        convention = db.session.get(Convention, world.convention.id)
        convention.is_public = True
        from convention.groups.models import WorkingGroup
        proposal = make_proposal(convention, db.session.get(WorkingGroup, setup["group"]),
                                 db.session.get(User, world.users["member"].id))
        db.session.commit()
        proposal_id = proposal.id
    slug = world.convention.slug
    assert client.get(f"/c/{slug}/proposals/{proposal_id}").status_code == 404    # a draft is internal
    assert "Registre des algorithmes" not in client.get(f"/c/{slug}/proposals").get_data(as_text=True)
    log_in(client, world.users["organiser"])      # a draft is not adopted: it is submitted first
    assert client.post(f"/c/{slug}/proposals/{proposal_id}/status", data={"status": "adopted"}).status_code == 409
    log_in(client, world.users["member"])       # the group does not adopt: the organisers record the vote
    assert client.post(f"/c/{slug}/proposals/{proposal_id}/status", data={"status": "adopted"}).status_code == 403
    assert client.post(f"/c/{slug}/proposals/{proposal_id}/status", data={"status": "submitted"}).status_code == 302
    with app.app_context():
        entry = db.session.scalar(db.select(AuditEntry).filter_by(action="proposals.status"))
        assert (entry.before["status"], entry.after["status"]) == ("draft", "submitted")
    # the group cannot record the adoption either once submitted
    assert client.post(f"/c/{slug}/proposals/{proposal_id}/status", data={"status": "adopted"}).status_code == 403
    log_in(client, None)
    assert "Registre des algorithmes" in client.get(f"/c/{slug}/proposals").get_data(as_text=True)
    home = client.get(f"/c/{slug}").get_data(as_text=True)
    assert "1 proposition des groupes de travail." in home and f"/c/{slug}/proposals" in home
    page = client.get(f"/c/{slug}/proposals/{proposal_id}").get_data(as_text=True)
    assert "Soumise" in page or "Submitted" in page
    assert client.get(f"/c/{slug}/proposals/{proposal_id}/versions").status_code == 200
    log_in(client, world.users["organiser"])
    assert client.post(f"/c/{slug}/proposals/{proposal_id}/status", data={"status": "adopted"}).status_code == 302
    with app.app_context():
        assert db.session.get(Proposal, proposal_id).status is ProposalStatus.adopted


def test_a_proposal_links_contributions_and_hearings_both_ways(client, app, world, setup):
    with app.app_context():
        contribution = Contribution(convention_id=world.convention.id, text="Publier les algorithmes",
                                    author_kind=AuthorKind.member, status=ContributionStatus.published)
        db.session.add(contribution)
        _expert, hearing = make_hearing(world.convention.id, published=True)
        db.session.commit()
        contribution_id, hearing_id = contribution.id, hearing.id
    log_in(client, world.users["member"])
    response = _post_new(client, world.convention.slug, setup["group"], contributions=[contribution_id],
                         hearings=[hearing_id])
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Publier les algorithmes" in page and "Audition de la CNIL" in page
    proposal_id = int(response.headers["Location"].rsplit("/", 1)[1])
    client.post(f"/c/{world.convention.slug}/proposals/{proposal_id}/status", data={"status": "submitted"})
    listing = client.get(f"/c/{world.convention.slug}/contributions").get_data(as_text=True)
    assert "Registre des algorithmes" in listing


def test_organisers_see_every_proposal_with_the_amendments_to_decide(client, app, world):
    with app.app_context():
        convention = db.session.get(Convention, world.convention.id)
        member = db.session.get(User, world.users["member"].id)
        group = make_group(convention.id, [member])
        make_proposal(convention, group, member)
        submitted = make_proposal(convention, group, member, title="Budget participatif", submitted=True)
        for words in ("public", "registre"):
            operations.propose_amendment(submitted, member, "", f"Un texte plus {words}.", "Plus clair.")
        db.session.commit()
    log_in(client, world.users["organiser"])
    page = client.get(f"/manage/{world.convention.slug}/proposals/").get_data(as_text=True)
    assert "Brouillon" in page and 'aria-current="page"' in page and ">Propositions<" in page
    rows = {title: row for row in page.split("<tr>")[2:] for title in ["Registre des algorithmes", "Budget participatif"]
            if title in row}
    assert '">2</td>' in rows["Budget participatif"] and '">0</td>' in rows["Registre des algorithmes"]
    log_in(client, world.users["member"])
    assert client.get(f"/manage/{world.convention.slug}/proposals/").status_code == 403
