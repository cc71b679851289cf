"""Hearings: experts and their declarations of interests, hearings in the agenda, the balance view."""
import io

from convention_testing import log_in
from hearings_testing import make_hearing
from sessions_testing import PDF, make_meeting
from convention.audit.models import AuditEntry
from convention.organising.models import Convention
from convention.extensions import db
from convention.hearings.models import AffiliationType, Expert, Hearing, InterestKind
from convention.sessions.models import AgendaItem, AgendaKind, Document


def _audit(app, action):
    with app.app_context():
        return db.session.scalars(db.select(AuditEntry).filter_by(action=action)).all()


def test_organisers_add_an_expert_and_plan_a_hearing_in_the_agenda(client, app, world):
    with app.app_context():
        meeting = make_meeting(world.convention.id, title="Séance 2")
        item = AgendaItem(meeting=meeting, title="Audition", minutes=90, kind=AgendaKind.hearing)
        db.session.add(item)
        db.session.commit()
        item_id = item.id
    slug = world.convention.slug
    log_in(client, world.users["organiser"])
    response = client.post(f"/manage/{slug}/hearings/experts/new", data={
        "name": "Marc Delorme", "affiliation": "CNIL", "affiliation_type": "public_body", "bio": "Juriste.",
        "user": world.users["expert"].id})
    assert response.status_code == 302
    with app.app_context():
        expert = db.session.scalar(db.select(Expert))
        assert (expert.affiliation_type, expert.user_id) == (AffiliationType.public_body, world.users["expert"].id)
        expert_id = expert.id
    # No expert chosen, or a forged one: refused.
    response = client.post(f"/manage/{slug}/hearings/new", data={"topic": "Droits des usagers", "item": item_id})
    assert response.status_code == 422 and "Choisissez au moins un·e expert·e." in response.get_data(as_text=True)
    forged = client.post(f"/manage/{slug}/hearings/new", data={"topic": "X", "item": item_id, "experts": [999999]})
    assert forged.status_code == 422
    response = client.post(f"/manage/{slug}/hearings/new", data={"topic": "Droits des usagers", "item": item_id,
                                                                   "experts": [expert_id], "is_published": "y"})
    assert response.status_code == 302
    with app.app_context():
        hearing = db.session.scalar(db.select(Hearing))
        assert hearing.item_id == item_id and [e.name for e in hearing.experts] == ["Marc Delorme"]
        hearing_id = hearing.id
    [entry] = _audit(app, "hearings.create")
    assert entry.after["experts"] == "Marc Delorme"
    page = client.get(f"/c/{slug}/hearings/{hearing_id}").get_data(as_text=True)
    assert "Séance 2" in page and "Pas encore déclarée." in page and "Marc Delorme" in page


def test_an_expert_fills_in_their_own_declaration_and_nothing_else(client, app, world):
    with app.app_context():
        mine, hearing = make_hearing(world.convention.id, user_id=world.users["expert"].id, published=True)
        other, other_hearing = make_hearing(world.convention.id, topic="Autre", expert_name="Autre experte")
        db.session.get(Convention, world.convention.id).is_public = True
        db.session.commit()
        hearing_id, other_hearing_id, other_id, mine_id = hearing.id, other_hearing.id, other.id, mine.id
    slug = world.convention.slug
    log_in(client, world.users["expert"])
    # An empty declaration is refused: at least one line or a sentence.
    response = client.post(f"/c/{slug}/expert/declaration", data={"declaration": ""})
    assert response.status_code == 422
    # A line whose end comes before its start is refused, with nothing saved.
    bad = {"interests-0-kind": "employer", "interests-0-organisation": "CNIL", "interests-0-starts_on": "2020-01-01",
           "interests-0-ends_on": "2019-01-01", "declaration": ""}
    assert client.post(f"/c/{slug}/expert/declaration", data=bad).status_code == 422
    good = {"interests-0-kind": "employer", "interests-0-organisation": "CNIL", "interests-0-details": "Juriste",
            "interests-0-starts_on": "2018-03-01", "interests-1-kind": "funding",
            "interests-1-organisation": "Fondation X", "declaration": "Rien d'autre."}
    assert client.post(f"/c/{slug}/expert/declaration", data=good).status_code == 302
    with app.app_context():
        expert = db.session.get(Expert, mine_id)
        assert [(i.kind, i.organisation) for i in expert.interests] == [(InterestKind.employer, "CNIL"),
                                                                         (InterestKind.funding, "Fondation X")]
        assert expert.declared_at is not None
    [entry] = _audit(app, "hearings.declaration")
    assert entry.actor_email == "experte@example.org"
    # Published with the hearing, for the public too.
    log_in(client, None)
    page = client.get(f"/c/{slug}/hearings/{hearing_id}").get_data(as_text=True)
    assert "Fondation X" in page and "Rien d&#39;autre." in page
    # The expert adds a document to their hearing, but not to another one.
    log_in(client, world.users["expert"])
    upload = {"title": "Diapositives", "file": (io.BytesIO(PDF), "diapositives.pdf")}
    assert client.post(f"/c/{slug}/hearings/{hearing_id}/documents", data=upload,
                       content_type="multipart/form-data").status_code == 302
    upload = {"title": "Intrus", "file": (io.BytesIO(PDF), "intrus.pdf")}
    assert client.post(f"/c/{slug}/hearings/{other_hearing_id}/documents", data=upload,
                       content_type="multipart/form-data").status_code == 403
    with app.app_context():
        assert db.session.scalars(db.select(Document.title)).all() == ["Diapositives"]
    # The profile page edits their own profile; other experts' profiles are the organisers'.
    assert client.post(f"/c/{slug}/expert/profile", data={"name": "", "affiliation_type": "other"}).status_code == 422
    assert client.post(f"/c/{slug}/expert/profile", data={"name": "Marc Delorme", "affiliation": "CNIL",
                                                          "affiliation_type": "public_body", "bio": "Juriste."}).status_code == 302
    assert client.post(f"/manage/{slug}/hearings/experts/{other_id}/edit", data={"name": "Piraté"}).status_code == 403
    with app.app_context():
        assert db.session.get(Expert, other_id).name == "Autre experte"


def test_a_bad_photo_is_refused_with_nothing_saved(client, app, world):
    log_in(client, world.users["organiser"])
    response = client.post(f"/manage/{world.convention.slug}/hearings/experts/new", data={
        "name": "Zoé", "affiliation_type": "academic", "photo": (io.BytesIO(b"GIF89a..."), "zoe.gif")},
        content_type="multipart/form-data")
    assert response.status_code == 422 and "PNG ou JPEG" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Expert)) == 0
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
    assert client.post(f"/manage/{world.convention.slug}/hearings/experts/new", data={
        "name": "Zoé", "affiliation_type": "academic", "photo": (io.BytesIO(png), "zoe.png")},
        content_type="multipart/form-data").status_code == 302
    with app.app_context():
        expert_id = db.session.scalar(db.select(Expert.id))
    response = client.get(f"/c/{world.convention.slug}/experts/{expert_id}/photo")
    assert response.status_code == 200 and response.mimetype == "image/png"


def test_the_balance_shows_a_one_sided_programme(client, app, world):
    with app.app_context():
        for name in ("Entreprise A", "Entreprise B"):
            expert, _hearing = make_hearing(world.convention.id, expert_name=name, topic=f"Audition {name}")
            expert.affiliation_type = AffiliationType.company
        db.session.commit()
    log_in(client, world.users["organiser"])
    page = client.get(f"/manage/{world.convention.slug}/hearings/balance").get_data(as_text=True)
    assert "100 %" in page and "Pas encore déclaré : Entreprise A, Entreprise B." in page
    company_row = page[page.index("<th scope=\"row\" data-label=\"Type de rattachement\">Entreprise</th>"):]
    assert company_row.split("</tr>")[0].count(">2<") == 1
