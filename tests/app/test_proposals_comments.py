"""Comments on proposals: participants comment and reply (one level), organisers hide a comment with
a reason (logged), the list is paginated; duplicates merge with both pages pointing to each other."""
import pytest

from convention_testing import log_in
from proposals_testing import make_group, make_proposal
from convention.audit.models import AuditEntry
from convention.auth.models import User
from convention.organising.models import Convention
from convention.extensions import db
from convention.proposals import operations
from convention.proposals.models import CommentStatus, Proposal, ProposalComment, ProposalStatus
from convention.proposals.queries import COMMENTS_PER_PAGE


@pytest.fixture
def proposal(app, world):
    with app.app_context():
        convention = db.session.get(Convention, world.convention.id)
        convention.is_public = True
        member = db.session.get(User, world.users["member"].id)
        group = make_group(convention.id, [member])
        submitted = make_proposal(convention, group, member, submitted=True)
        duplicate = make_proposal(convention, group, member, title="Doublon du registre", submitted=True)
        db.session.commit()
        return {"id": submitted.id, "duplicate": duplicate.id}


def _comments(app):
    with app.app_context():
        return db.session.scalars(db.select(ProposalComment).order_by(ProposalComment.id)).all()


def test_comments_and_replies_one_level_deep(client, app, world, proposal):
    slug = world.convention.slug
    url = f"/c/{slug}/proposals/{proposal['id']}/comments"
    log_in(client, world.users["member"])
    assert client.post(url, data={"text": "Bonne idée."}).status_code == 302
    (first,) = _comments(app)
    assert client.post(url, data={"text": "Et le coût ?", "parent": first.id}).status_code == 302
    reply = _comments(app)[1]
    client.post(url, data={"text": "Réponse à la réponse", "parent": reply.id})
    assert [c.parent_id for c in _comments(app)] == [None, first.id, first.id]     # one level only
    assert client.post(url, data={"text": ""}).status_code == 422
    assert len(_comments(app)) == 3
    log_in(client, world.users["expert"])
    assert client.post(url, data={"text": "Avis d'experte"}).status_code == 403
    log_in(client, None)
    page = client.get(f"/c/{slug}/proposals/{proposal['id']}").get_data(as_text=True)
    assert "Bonne idée." in page and "Et le coût ?" in page and 'class="reply"' in page


def test_an_organiser_hides_a_comment_with_a_reason(client, app, world, proposal):
    slug = world.convention.slug
    log_in(client, world.users["member"])
    client.post(f"/c/{slug}/proposals/{proposal['id']}/comments", data={"text": "Propos insultant"})
    (comment,) = _comments(app)
    url = f"/manage/{slug}/proposals/{proposal['id']}/comments/{comment.id}/moderate"
    assert client.post(url, data={"status": "hidden", "reason": "Insulte"}).status_code == 403
    log_in(client, world.users["organiser"])
    assert client.post(url, data={"status": "hidden"}).status_code == 422
    assert _comments(app)[0].status is CommentStatus.published
    assert client.post(url, data={"status": "hidden", "reason": "Insulte"}).status_code == 302
    assert (_comments(app)[0].status, _comments(app)[0].moderation_reason) == (CommentStatus.hidden, "Insulte")
    with app.app_context():
        assert db.session.scalar(db.select(AuditEntry).filter_by(action="proposals.comment_moderate")) is not None
    assert "Insulte" in client.get(f"/c/{slug}/proposals/{proposal['id']}").get_data(as_text=True)
    log_in(client, None)
    assert "Propos insultant" not in client.get(f"/c/{slug}/proposals/{proposal['id']}").get_data(as_text=True)


def test_comments_are_paginated(client, app, world, proposal):
    with app.app_context():
        target = db.session.get(Proposal, proposal["id"])
        member = db.session.get(User, world.users["member"].id)
        for number in range(COMMENTS_PER_PAGE + 3):
            operations.comment(target, member, f"Commentaire numéro {number:03d}")
        db.session.commit()
    slug = world.convention.slug
    first = client.get(f"/c/{slug}/proposals/{proposal['id']}").get_data(as_text=True)
    assert "numéro 000" in first and f"numéro {COMMENTS_PER_PAGE:03d}" not in first and 'rel="next"' in first
    second = client.get(f"/c/{slug}/proposals/{proposal['id']}?page=2").get_data(as_text=True)
    assert f"numéro {COMMENTS_PER_PAGE:03d}" in second and "numéro 000" not in second


def test_merging_duplicates_keeps_both_pages_linked(client, app, world, proposal):
    slug = world.convention.slug
    url = f"/manage/{slug}/proposals/{proposal['duplicate']}/merge"
    log_in(client, world.users["member"])
    assert client.post(url, data={"into": proposal["id"]}).status_code == 403
    log_in(client, world.users["organiser"])
    assert client.post(url, data={"into": proposal["id"]}).status_code == 302
    with app.app_context():
        duplicate = db.session.get(Proposal, proposal["duplicate"])
        assert (duplicate.status, duplicate.merged_into_id) == (ProposalStatus.merged, proposal["id"])
        assert db.session.scalar(db.select(AuditEntry).filter_by(action="proposals.merge")) is not None
    kept = client.get(f"/c/{slug}/proposals/{proposal['id']}").get_data(as_text=True)
    assert "Doublon du registre" in kept
    merged = client.get(f"/c/{slug}/proposals/{proposal['duplicate']}").get_data(as_text=True)
    assert "Fusionnée dans" in merged and "Registre des algorithmes" in merged
    assert client.get(f"/c/{slug}/proposals/{proposal['duplicate']}/versions").status_code == 200
    url_back = f"/manage/{slug}/proposals/{proposal['id']}/merge"
    assert client.post(url_back, data={"into": proposal["duplicate"]}).status_code == 409   # into a merged one
