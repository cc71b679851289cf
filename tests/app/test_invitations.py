"""Inviting people by e-mail, accepting with a one-time link, managing roles."""
import re

from convention_testing import log_in, make_user
from convention.auth.models import Invitation, Membership, Role, User
from convention.extensions import db
from convention.mail.models import OutboxMessage


def _invite(client, world, email="nouvelle@example.org", role="member"):
    log_in(client, world.users["organiser"])
    response = client.post("/manage/test/people/invite", data={"email": email, "name": "Nouvelle", "role": role})
    assert response.status_code == 302
    log_in(client, None)


def _invitation_path(app):
    """The path of the link in the last mail of the outbox."""
    with app.app_context():
        body = db.session.scalars(db.select(OutboxMessage.body).order_by(OutboxMessage.id.desc())).first()
    return re.search(r"https?://[^/\s]+(/invitation/\S+)", body).group(1)


def test_invitation_mail_goes_to_the_outbox_with_a_hashed_token(client, app, world):
    _invite(client, world)
    token = _invitation_path(app).rsplit("/", 1)[1]
    with app.app_context():
        invitation = db.session.scalar(db.select(Invitation))
        assert invitation.token_hash != token and len(invitation.token_hash) == 64
        assert db.session.scalar(db.select(OutboxMessage.recipient)) == "nouvelle@example.org"


def test_accepting_creates_the_account_and_the_role(client, app, world):
    _invite(client, world)
    path = _invitation_path(app)
    assert client.get(path).status_code == 200
    weak = client.post(path, data={"password": "court", "confirm": "court"})
    assert weak.status_code == 422
    response = client.post(path, data={"name": "Nina", "password": "un mot de passe long",
                                       "confirm": "un mot de passe long"})
    assert response.status_code == 302
    assert client.get("/dashboard").status_code == 200
    with app.app_context():
        user = db.session.scalar(db.select(User).filter_by(email="nouvelle@example.org"))
        assert user.name == "Nina" and user.check_password("un mot de passe long")
        assert [m.role for m in user.memberships] == [Role.member]
    assert client.get(path).status_code == 404, "the link works once"


def test_existing_account_confirms_with_its_password(client, app, world):
    with app.app_context():
        make_user("deja@example.org", password="mon ancien mot de passe")
        db.session.commit()
    _invite(client, world, email="deja@example.org", role="expert")
    path = _invitation_path(app)
    assert client.post(path, data={"password": "mauvais"}).status_code == 422
    assert client.post(path, data={"password": "mon ancien mot de passe"}).status_code == 302
    with app.app_context():
        roles = db.session.scalars(db.select(Membership.role).join(Membership.user)
                                   .where(User.email == "deja@example.org")).all()
        assert roles == [Role.expert]


def test_expired_links_do_not_work(client, app, world):
    from datetime import timedelta

    from convention.database import utcnow

    _invite(client, world)
    path = _invitation_path(app)
    with app.app_context():
        db.session.scalar(db.select(Invitation)).expires_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
    assert client.get(path).status_code == 404


def test_revoking_asks_for_confirmation(client, app, world):
    _invite(client, world)
    log_in(client, world.users["organiser"])
    with app.app_context():
        invitation_id = db.session.scalar(db.select(Invitation.id))
    url = f"/manage/test/invitations/{invitation_id}/revoke"
    page = client.get(url).get_data(as_text=True)
    assert 'method="post"' in page and "nouvelle@example.org" in page
    assert client.post(url).status_code == 302
    with app.app_context():
        assert db.session.get(Invitation, invitation_id).revoked_at is not None
    assert "nouvelle@example.org" not in client.get("/manage/test/people").get_data(as_text=True)


def test_removing_a_role_asks_for_confirmation(client, app, world):
    log_in(client, world.users["organiser"])
    with app.app_context():
        membership_id = db.session.scalar(db.select(Membership.id).filter_by(role=Role.member))
    url = f"/manage/test/people/{membership_id}/remove"
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    with app.app_context():
        assert db.session.get(Membership, membership_id) is None


def test_the_last_organiser_cannot_be_removed(client, app, world):
    log_in(client, world.users["organiser"])
    with app.app_context():
        membership_id = db.session.scalar(db.select(Membership.id).filter_by(
            role=Role.organiser, convention_id=world.convention.id))
    assert client.post(f"/manage/test/people/{membership_id}/remove").status_code == 302
    with app.app_context():
        assert db.session.get(Membership, membership_id) is not None


def test_memberships_of_another_convention_are_out_of_reach(client, app, world):
    log_in(client, world.users["organiser"])
    with app.app_context():
        other_id = db.session.scalar(db.select(Membership.id).filter_by(convention_id=world.other.id))
    assert client.get(f"/manage/test/people/{other_id}/remove").status_code == 404


def test_invalid_invitation_form(client, world):
    log_in(client, world.users["organiser"])
    response = client.post("/manage/test/people/invite", data={"email": "pas une adresse", "role": "member"},
                           headers={"HX-Request": "true"})
    assert response.status_code == 422
    assert response.get_data(as_text=True).lstrip().startswith("<form")


def test_inviting_someone_to_a_role_they_hold_is_refused(client, world):
    log_in(client, world.users["organiser"])
    response = client.post("/manage/test/people/invite", data={"email": "membre@example.org", "role": "member"})
    assert response.status_code == 422
    assert "membre@example.org" in response.get_data(as_text=True)
    again_as_expert = {"email": "membre@example.org", "role": "expert"}
    assert client.post("/manage/test/people/invite", data=again_as_expert).status_code == 302


def test_people_page_offers_no_removal_of_the_last_organiser(client, app, world):
    log_in(client, world.users["organiser"])
    page = client.get("/manage/test/people").get_data(as_text=True)
    with app.app_context():
        ids = dict(db.session.execute(db.select(Membership.role, Membership.id)
                                      .filter_by(convention_id=world.convention.id)).all())
    assert f"/people/{ids[Role.member]}/remove" in page
    assert f"/people/{ids[Role.organiser]}/remove" not in page


def test_the_people_page_paginates_roles_and_invitations_apart(client, app, world, monkeypatch):
    monkeypatch.setitem(app.config, "PER_PAGE", 2)
    log_in(client, world.users["organiser"])
    for n in range(3):
        assert client.post("/manage/test/people/invite", data={"email": f"invitee{n}@example.org",
                                                                "role": "member"}).status_code == 302
    client.get("/manage/test/")   # shows (and so clears) the flashed messages naming the invitees
    page = client.get("/manage/test/people").get_data(as_text=True)
    assert page.count("Retirer<span") == 2 and page.count("invitee") == 4   # 2 rows, e-mail twice each
    assert 'href="/manage/test/people?page=2" rel="next"' in page
    assert 'href="/manage/test/people?invitations_page=2" rel="next"' in page
    second = client.get("/manage/test/people?page=2&invitations_page=2").get_data(as_text=True)
    assert second.count("invitee") == 2, "each list keeps the other's page"
    assert 'href="/manage/test/people?invitations_page=2&amp;page=1" rel="prev"' in second
    assert 'href="/manage/test/people?page=2&amp;invitations_page=1" rel="prev"' in second
