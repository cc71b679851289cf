"""Sessions: planning in the convention's time zone, clashes, the timed agenda and its order."""
from datetime import datetime, timezone

from convention_testing import log_in
from sessions_testing import make_meeting
from convention.audit.models import AuditEntry
from convention.extensions import db
from convention.sessions.models import AgendaItem, Meeting

HTMX = {"HX-Request": "true"}


def _meeting_form(**overrides):
    data = {"title": "Séance 1 : découvrir l'IA", "day": "2027-03-27", "start": "10:00", "end": "17:30",
            "place": "Hôtel de Métropole, salle du conseil", "access_info": "Tram 1, arrêt Moularès.",
            "online_url": "", "preparation": "Lire le dossier d'accueil.", "summary": "", "is_published": "y"}
    data.update(overrides)
    return data


def _meetings(app):
    with app.app_context():
        return db.session.scalars(db.select(Meeting).order_by(Meeting.id)).all()


def _audit(app, action):
    with app.app_context():
        return db.session.scalars(db.select(AuditEntry).filter_by(action=action)).all()


def test_plan_a_session_in_paris_time(client, app, world):
    log_in(client, world.users["organiser"])
    response = client.post(f"/manage/{world.convention.slug}/sessions/new", data=_meeting_form())
    assert response.status_code == 302
    [meeting] = _meetings(app)
    # 27 March 2027 is winter time in Paris (UTC+1); the next day is summer time (UTC+2).
    assert meeting.starts_at == datetime(2027, 3, 27, 9, 0, tzinfo=timezone.utc)
    assert meeting.ends_at == datetime(2027, 3, 27, 16, 30, tzinfo=timezone.utc)
    client.post(f"/manage/{world.convention.slug}/sessions/new",
                data=_meeting_form(title="Séance 1, dimanche", day="2027-03-28"))
    assert _meetings(app)[1].starts_at == datetime(2027, 3, 28, 8, 0, tzinfo=timezone.utc)
    [entry, _second] = _audit(app, "sessions.create")
    assert entry.after["place"] == "Hôtel de Métropole, salle du conseil"
    page = client.get(f"/manage/{world.convention.slug}/sessions/{meeting.id}").get_data(as_text=True)
    assert "10:00" in page and "17:30" in page and "samedi 27 mars 2027" in page


def test_a_session_that_ends_before_it_starts_is_refused(client, app, world):
    log_in(client, world.users["organiser"])
    response = client.post(f"/manage/{world.convention.slug}/sessions/new",
                           data=_meeting_form(start="14:00", end="09:00"), headers=HTMX)
    assert response.status_code == 422
    assert "La séance doit finir après son début." in response.get_data(as_text=True)
    response = client.post(f"/manage/{world.convention.slug}/sessions/new", data=_meeting_form(place=""))
    assert response.status_code == 422 and "Indiquez un lieu, un lien en ligne, ou les deux." in response.get_data(as_text=True)
    response = client.post(f"/manage/{world.convention.slug}/sessions/new",
                           data=_meeting_form(online_url="javascript:alert(1)"))
    assert response.status_code == 422
    assert _meetings(app) == [] and _audit(app, "sessions.create") == []


def test_two_sessions_cannot_take_the_same_place_at_the_same_time(client, app, world):
    log_in(client, world.users["organiser"])
    slug = world.convention.slug
    assert client.post(f"/manage/{slug}/sessions/new", data=_meeting_form()).status_code == 302
    clash = _meeting_form(title="Autre", start="17:00", end="19:00", place="  hôtel de métropole,  salle du CONSEIL ")
    response = client.post(f"/manage/{slug}/sessions/new", data=clash)
    assert response.status_code == 422 and "occupe ce lieu au même moment" in response.get_data(as_text=True)
    assert len(_meetings(app)) == 1
    # Right after it, or elsewhere, or online only: fine.
    assert client.post(f"/manage/{slug}/sessions/new", data={**clash, "start": "17:30"}).status_code == 302
    assert client.post(f"/manage/{slug}/sessions/new", data={**clash, "place": "Médiathèque"}).status_code == 302
    assert client.post(f"/manage/{slug}/sessions/new",
                       data={**clash, "place": "", "online_url": "https://visio.example.org/ia"}).status_code == 302
    first = _meetings(app)[0]
    # Moving the first session onto the second's hours is refused too, and changes nothing.
    response = client.post(f"/manage/{slug}/sessions/{first.id}/edit",
                           data=_meeting_form(start="17:30", end="18:30"))
    assert response.status_code == 422
    assert _meetings(app)[0].ends_at == first.ends_at


def _item(client, slug, meeting_id, title, minutes, kind="plenary", headers=None):
    return client.post(f"/manage/{slug}/sessions/{meeting_id}/items",
                       data={"kind": kind, "title": title, "minutes": minutes, "description": ""}, headers=headers)


def test_the_agenda_is_timed_reordered_and_warns_when_it_overruns(client, app, world):
    with app.app_context():
        meeting_id = make_meeting(world.convention.id, hours=(8, 10)).id     # 09:00-11:00 in Paris (winter) or 10:00-12:00
        db.session.commit()
    log_in(client, world.users["organiser"])
    slug = world.convention.slug
    assert _item(client, slug, meeting_id, "Accueil", 30).status_code == 302
    assert _item(client, slug, meeting_id, "Audition", 60, kind="hearing").status_code == 302
    assert _item(client, slug, meeting_id, "Travail en groupes", 45, kind="groups").status_code == 302
    page = client.get(f"/manage/{slug}/sessions/{meeting_id}").get_data(as_text=True)
    assert "dépasse de 15 minutes" in page
    # The agenda is full: an item that would start after the end is refused, with nothing saved.
    response = _item(client, slug, meeting_id, "Pot", 15, headers=HTMX)
    assert response.status_code == 422 and "après la fin de la séance" in response.get_data(as_text=True)
    with app.app_context():
        items = db.session.scalars(db.select(AgendaItem).order_by(AgendaItem.position)).all()
        assert [i.title for i in items] == ["Accueil", "Audition", "Travail en groupes"]
        last = items[-1].id
    assert client.post(f"/manage/{slug}/sessions/{meeting_id}/items/{last}/move",
                       data={"direction": "up"}).status_code == 302
    assert client.post(f"/manage/{slug}/sessions/{meeting_id}/items/{last}/move",
                       data={"direction": "sideways"}).status_code == 400
    with app.app_context():
        titles = db.session.scalars(db.select(AgendaItem.title).order_by(AgendaItem.position)).all()
        assert titles == ["Accueil", "Travail en groupes", "Audition"]
    [moved] = _audit(app, "sessions.item_move")
    assert moved.after["order"] == titles
    # Removing an item asks first, then the later items start earlier.
    url = f"/manage/{slug}/sessions/{meeting_id}/items/{last}/delete"
    assert "Retirer" in client.get(url).get_data(as_text=True)
    assert client.post(url, data={}).status_code == 302
    page = client.get(f"/manage/{slug}/sessions/{meeting_id}").get_data(as_text=True)
    assert "dépasse" not in page and "Prévu : 90 min sur 120 min." in page.replace("\u202f", " ")


def test_an_agenda_item_is_checked_like_any_form(client, app, world):
    with app.app_context():
        meeting_id = make_meeting(world.convention.id).id
        db.session.commit()
    log_in(client, world.users["organiser"])
    response = _item(client, world.convention.slug, meeting_id, "", 0)
    assert response.status_code == 422
    response = _item(client, world.convention.slug, meeting_id, "Vote", 30, kind="not-a-kind")
    assert response.status_code == 422
    assert _audit(app, "sessions.item_add") == []


def test_members_and_other_organisers_cannot_plan(client, app, world):
    with app.app_context():
        meeting_id = make_meeting(world.convention.id).id
        db.session.commit()
    for role, expected in [("member", 403), ("expert", 403), ("other_organiser", 403)]:
        log_in(client, world.users[role])
        assert client.post(f"/manage/{world.convention.slug}/sessions/new", data=_meeting_form()).status_code == expected
        assert _item(client, world.convention.slug, meeting_id, "X", 30).status_code == expected
    assert len(_meetings(app)) == 1 and _audit(app, "sessions.item_add") == []


def test_an_htmx_form_sent_back_to_its_own_page_reloads_it(client, app, world):
    with app.app_context():
        meeting_id = make_meeting(world.convention.id).id
        db.session.commit()
    log_in(client, world.users["organiser"])
    page = f"http://localhost/manage/{world.convention.slug}/sessions/{meeting_id}"
    response = _item(client, world.convention.slug, meeting_id, "Accueil", 30,
                     headers={**HTMX, "HX-Current-URL": page})
    assert response.status_code == 204 and response.headers["HX-Refresh"] == "true"
    response = _item(client, world.convention.slug, meeting_id, "Débat", 30,
                     headers={**HTMX, "HX-Current-URL": "http://localhost/dashboard"})
    assert response.headers["HX-Redirect"].endswith(f"/sessions/{meeting_id}#agenda")
