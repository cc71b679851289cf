"""Personal data: the verification file holds no personal data; organisers export and erase a person's data."""
import csv
import io
import json
from datetime import timedelta

from panels import cli
from panels.households import normalise_address

from convention_testing import log_in
from draw_testing import POOL_CSV, QUOTAS_CSV, import_pool, set_panel_size, upload_quotas
from convention.audit.models import AuditEntry
from convention.auth import services as auth
from convention.auth.models import Invitation, Membership, Role, User
from convention.contributions.models import AuthorKind, Contribution, ContributionStatus, PublicAuthor
from convention.database import utcnow
from convention.draw.models import Draw, PoolUpload, Volunteer, VolunteerContact
from convention.extensions import db

# V02 lives with V01, V04 with V03: two households of two.
SHARED_POOL = (POOL_CSV.decode("utf-8")
               .replace("2 rue de la Loge,34000", "1 rue de la Loge,34000")
               .replace("4 rue de la Loge,34000", "3 Rue de la Loge,34000").encode("utf-8"))


def _draw(client, app, world, households, imported=False):
    set_panel_size(app, world.convention.id)
    log_in(client, world.users["organiser"])
    slug = world.convention.slug
    assert imported or import_pool(client, slug, SHARED_POOL).status_code == 302
    assert upload_quotas(client, slug).status_code == 302
    client.post(f"/manage/{slug}/draw/publish", data={"households": "y"} if households else {})
    client.post(f"/manage/{slug}/draw/seed", data={"seed": "4242", "source": "Loto"})
    assert client.post(f"/manage/{slug}/draw/run", data={"algorithm": "leximin"}).status_code == 302
    with app.app_context():
        draw = db.session.scalar(db.select(Draw))
        assert draw.state.name == "done" and draw.households is households
        return draw.rounds[0].record


def _verify(client, world, record, tmp_path):
    pool_csv = client.get(f"/manage/{world.convention.slug}/draw/pool.csv").get_data(as_text=True)
    (tmp_path / "pool.csv").write_text(pool_csv, encoding="utf-8")
    (tmp_path / "quotas.csv").write_bytes(QUOTAS_CSV)
    (tmp_path / "record.json").write_text(json.dumps(record), encoding="utf-8")
    code = cli.main(["verify", str(tmp_path / "record.json"), "--pool", str(tmp_path / "pool.csv"),
                     "--quotas", str(tmp_path / "quotas.csv")])
    return pool_csv, code


def _no_personal_data(text):
    for word in ("rue", "Loge", "34000", "exemple.fr", "Camille", "Martin", "adresse"):
        assert word not in text, word


def test_verification_file_of_a_households_draw_has_opaque_household_numbers(client, app, world, tmp_path):
    record = _draw(client, app, world, households=True)
    text, code = _verify(client, world, record, tmp_path)
    assert code == 0, "python -m panels verify passes on the verification file"
    _no_personal_data(text)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == ["id", "genre", "age", "csp", "household"]
    household = {row["id"]: row["household"] for row in rows}
    assert household["V01"] == household["V02"] == "1" and household["V03"] == household["V04"] == "2"
    source = list(csv.DictReader(io.StringIO(SHARED_POOL.decode("utf-8"))))
    homes = {r["identifiant"]: normalise_address(r["adresse"], r["code postal"]) for r in source}
    assert all((household[a] == household[b]) == (homes[a] == homes[b]) for a in homes for b in homes)


def test_verification_file_of_a_draw_without_households_has_no_household_column(client, app, world, tmp_path):
    record = _draw(client, app, world, households=False)
    text, code = _verify(client, world, record, tmp_path)
    assert code == 0
    _no_personal_data(text)
    assert text.splitlines()[0] == "id,genre,age,csp"


# GDPR: organisers export and erase what the convention holds about a person.

def _privacy(world):
    return f"/manage/{world.convention.slug}/privacy"


def _log(app, action):
    with app.app_context():
        return db.session.scalars(db.select(AuditEntry).filter_by(action=action).order_by(AuditEntry.id)).all()


def _volunteer(app, external_id):
    with app.app_context():
        volunteer = db.session.scalar(db.select(Volunteer).filter_by(external_id=external_id))
        return volunteer.id, volunteer.household, volunteer.contact.data if volunteer.contact else None


def test_find_and_export_a_volunteer(client, app, world):
    _draw(client, app, world, households=True)
    page = client.get(_privacy(world), query_string={"q": "camille.martin0"}).get_data(as_text=True)
    volunteer_id, _household, _data = _volunteer(app, "V01")
    assert f'id="volunteer-{volunteer_id}"' in page and "V01 Camille Martin" in page
    response = client.post(f"{_privacy(world)}/volunteer/{volunteer_id}/export")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    data = json.loads(response.get_data(as_text=True))
    assert data["id"] == "V01" and data["personal_data"]["email"] == "camille.martin0@exemple.fr"
    assert data["features"]["genre"] == "Homme" and "selection" in data
    entry = _log(app, "privacy.export")[-1]
    assert entry.after == {"kind": "volunteer"} and entry.object_id == str(volunteer_id)
    assert "camille" not in json.dumps([entry.before, entry.after]).lower()


def test_erasing_a_volunteer_keeps_the_draw_verifiable(client, app, world, tmp_path):
    record = _draw(client, app, world, households=True)
    volunteer_id, household, data = _volunteer(app, "V01")
    assert data and household
    before_csv = client.get(f"/manage/{world.convention.slug}/draw/pool.csv").get_data(as_text=True)
    confirm = client.get(f"{_privacy(world)}/volunteer/{volunteer_id}/erase")
    assert confirm.status_code == 200 and "V01 Camille Martin" in confirm.get_data(as_text=True)
    assert _volunteer(app, "V01")[2] is not None, "the confirmation page erases nothing"
    response = client.post(f"{_privacy(world)}/volunteer/{volunteer_id}/erase")
    assert response.status_code == 302
    _id, new_household, new_data = _volunteer(app, "V01")
    assert new_data is None and new_household != household and "loge" not in new_household
    assert _volunteer(app, "V02")[1] == new_household, "who lives with whom is kept"
    text, code = _verify(client, world, record, tmp_path)
    assert code == 0 and text == before_csv
    entry = _log(app, "privacy.erase")[-1]
    assert entry.after == {"kind": "volunteer"} and "Camille" not in str(entry.before) + str(entry.after)
    page = client.get(_privacy(world), query_string={"q": "V01"}).get_data(as_text=True)
    assert "(effacé)" in page


def test_erasing_a_participant_and_an_account(client, app, world):
    log_in(client, world.users["organiser"])
    with app.app_context():
        author = PublicAuthor(convention_id=world.convention.id, name="Jeanne Public", email="jeanne@example.net")
        db.session.add(author)
        db.session.flush()
        db.session.add(Contribution(convention_id=world.convention.id, text="Plus de bancs", status=ContributionStatus.published,
                                    author_kind=AuthorKind.public, public_author_id=author.id,
                                    submitted_name="Jeanne P.", token_hash="a" * 64))
        db.session.commit()
        author_id = author.id
    page = client.get(_privacy(world), query_string={"q": "jeanne"}).get_data(as_text=True)
    assert f'id="participant-{author_id}"' in page
    exported = json.loads(client.post(f"{_privacy(world)}/participant/{author_id}/export").get_data(as_text=True))
    assert exported["name"] == "Jeanne Public" and exported["contributions"][0]["text"] == "Plus de bancs"
    assert exported["contributions"][0]["name_given"] == "Jeanne P."
    assert client.post(f"{_privacy(world)}/participant/{author_id}/erase").status_code == 302
    with app.app_context():
        author = db.session.get(PublicAuthor, author_id)
        assert author.name == "" and "jeanne" not in author.email
        contribution = db.session.scalar(db.select(Contribution).filter_by(public_author_id=author_id))
        assert contribution.text == "Plus de bancs"
        assert contribution.submitted_name == "" and contribution.token_hash is None   # no pending link brings it back

    member = world.users["member"]
    with app.app_context():
        here, _token = auth.invite(db.session.merge(world.convention), member.email, Role.expert)
        elsewhere, _token = auth.invite(db.session.merge(world.other), member.email, Role.expert)
        db.session.commit()
        here_id, elsewhere_id = here.id, elsewhere.id
    assert client.post(f"{_privacy(world)}/account/{member.id}/erase").status_code == 302
    with app.app_context():
        user = db.session.get(User, member.id)
        assert user.email.endswith("@erased.invalid") and not user.is_active and user.password_hash is None
        assert not user.memberships
        here, elsewhere = db.session.get(Invitation, here_id), db.session.get(Invitation, elsewhere_id)
        assert here.email.endswith("@erased.invalid") and here.revoked_at is not None
        assert elsewhere.email == member.email and elsewhere.revoked_at is None, "another convention's data"
    other = world.users["other_organiser"]
    assert client.post(f"{_privacy(world)}/account/{other.id}/erase").status_code == 404, "no role here"
    assert [e.after for e in _log(app, "privacy.erase")] == [{"kind": "participant"}, {"kind": "account"}]


def test_an_account_with_a_role_elsewhere_is_left_to_the_site_admin(client, app, world):
    log_in(client, world.users["organiser"])
    member = world.users["member"]
    with app.app_context():
        db.session.add(Membership(user_id=member.id, convention_id=world.other.id, role=Role.member))
        db.session.commit()
    response = client.post(f"{_privacy(world)}/account/{member.id}/erase", follow_redirects=True)
    assert "administrateur" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(User, member.id).email == member.email
    assert _log(app, "privacy.erase") == []


def test_the_pool_personal_data_is_erased_once_the_panel_is_drawn(client, app, world, tmp_path):
    log_in(client, world.users["organiser"])
    assert import_pool(client, world.convention.slug, SHARED_POOL).status_code == 302
    assert client.get(f"{_privacy(world)}/pool/erase").status_code == 302, "not before the draw"
    record = _draw(client, app, world, households=True, imported=True)
    with app.app_context():
        drawn_at = db.session.scalar(db.select(Draw)).drawn_at
    page = client.get(f"/manage/{world.convention.slug}/draw/").get_data(as_text=True)
    assert 'id="pool-retention"' not in page
    with app.app_context():  # POOL_RETENTION_DAYS later
        db.session.scalar(db.select(Draw)).drawn_at = drawn_at - timedelta(days=app.config["POOL_RETENTION_DAYS"])
        db.session.commit()
    page = client.get(f"/manage/{world.convention.slug}/draw/").get_data(as_text=True)
    assert 'id="pool-retention"' in page
    assert client.get(f"{_privacy(world)}/pool/erase").status_code == 200
    assert client.post(f"{_privacy(world)}/pool/erase").status_code == 302
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(VolunteerContact.id))) == 0
        assert all(not v.household or v.household.startswith("erased:") for v in db.session.scalars(db.select(Volunteer)))
    text, code = _verify(client, world, record, tmp_path)
    assert code == 0
    assert 'id="pool-retention"' not in client.get(f"/manage/{world.convention.slug}/draw/").get_data(as_text=True)
    assert _log(app, "privacy.erase_pool")[-1].after == {"volunteers": 90}
    pool_page = client.get(f"/manage/{world.convention.slug}/draw/pool").get_data(as_text=True)
    assert "exemple.fr" not in pool_page and "rue de la Loge" not in pool_page


def test_abandoned_uploads_are_dropped(client, app, world, runner):
    log_in(client, world.users["organiser"])
    with app.app_context():
        old, recent = (PoolUpload(convention_id=cid, filename="vivier.csv", data=POOL_CSV) for cid in (world.convention.id, world.other.id))
        fresh = PoolUpload(convention_id=world.convention.id, filename="nouveau.csv", data=POOL_CSV)
        db.session.add_all([old, recent, fresh])
        db.session.flush()
        old.created_at = recent.created_at = utcnow() - timedelta(hours=25)
        db.session.commit()
        fresh_id = fresh.id
    page = client.get(_privacy(world)).get_data(as_text=True)
    assert "1 fichiers" in page or "1 fichier" in page
    assert client.get(f"{_privacy(world)}/uploads/drop").status_code == 200
    assert client.post(f"{_privacy(world)}/uploads/drop").status_code == 302
    with app.app_context():
        assert db.session.scalars(db.select(PoolUpload.convention_id).order_by(PoolUpload.id)).all() == [
            world.other.id, world.convention.id]
    result = runner.invoke(args=["convention", "drop-abandoned-uploads"])
    assert result.exit_code == 0 and "1 abandoned uploads deleted" in result.output
    with app.app_context():
        assert db.session.scalars(db.select(PoolUpload.id)).all() == [fresh_id]
    assert [(e.convention_id, e.after) for e in _log(app, "privacy.drop_uploads")] == [
        (world.convention.id, {"uploads": 1}), (world.other.id, {"uploads": 1})]
