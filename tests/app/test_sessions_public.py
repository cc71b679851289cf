"""What the public and the members see of the sessions: pages once published, calendars, the next session."""
from datetime import datetime, timezone

import icalendar

from convention_testing import log_in
from sessions_testing import make_meeting
from convention.organising.models import Convention
from convention.extensions import db
from convention.sessions.models import AgendaItem, AgendaKind, Meeting


def _programme(app, world):
    """A public convention with a published session (20 March 2027, 10:00-17:00 in Paris) and a draft."""
    with app.app_context():
        db.session.get(Convention, world.convention.id).is_public = True
        published = Meeting(convention_id=world.convention.id, title="Séance 2 : auditions",
                            starts_at=datetime(2027, 3, 20, 9, tzinfo=timezone.utc),
                            ends_at=datetime(2027, 3, 20, 16, tzinfo=timezone.utc),
                            place="Salle Pétrarque", is_published=True, summary="Trois experts entendus.",
                            preparation="Lire la note de cadrage.")
        published.items = [AgendaItem(title="Accueil", minutes=30, position=0),
                           AgendaItem(title="Audition de la CNIL", minutes=90, kind=AgendaKind.hearing, position=1)]
        draft = make_meeting(world.convention.id, title="Brouillon secret")
        db.session.add(published)
        db.session.commit()
        return published.id, draft.id


def test_the_public_sees_published_sessions_only(client, app, world):
    published, draft = _programme(app, world)
    slug = world.convention.slug
    page = client.get(f"/c/{slug}/sessions").get_data(as_text=True)
    assert "Séance 2 : auditions" in page and "Brouillon secret" not in page
    page = client.get(f"/c/{slug}/sessions/{published}").get_data(as_text=True)
    assert "10:00–10:30" in page and "Audition de la CNIL" in page and "Trois experts entendus." in page
    assert client.get(f"/c/{slug}/sessions/{draft}").status_code == 404
    assert "Séance 2 : auditions" in client.get(f"/c/{slug}").get_data(as_text=True)


def test_the_calendars_parse_back_with_the_right_times(client, app, world):
    published, draft = _programme(app, world)
    response = client.get(f"/c/{world.convention.slug}/agenda.ics")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    calendar = icalendar.Calendar.from_ical(response.data)
    events = calendar.walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Séance 2 : auditions"]
    [event] = events
    start = event.decoded("DTSTART")
    assert start.utcoffset().total_seconds() == 3600          # winter time in Paris
    assert (start.hour, start.minute) == (10, 0) and str(start.tzinfo) == "Europe/Paris"
    assert event.decoded("DTEND").astimezone(timezone.utc) == datetime(2027, 3, 20, 16, tzinfo=timezone.utc)
    assert "11:30–" not in str(event["DESCRIPTION"]) and "10:30–12:00 Audition de la CNIL" in str(event["DESCRIPTION"])
    assert calendar.walk("VTIMEZONE") and str(calendar.walk("VTIMEZONE")[0]["TZID"]) == "Europe/Paris"
    single = icalendar.Calendar.from_ical(client.get(f"/c/{world.convention.slug}/sessions/{published}.ics").data)
    assert len(single.walk("VEVENT")) == 1
    assert client.get(f"/c/{world.convention.slug}/sessions/{draft}.ics").status_code == 404


def test_a_member_finds_the_next_session_on_their_home_page(client, app, world):
    with app.app_context():
        make_meeting(world.convention.id, title="Séance passée", days=-7, published=True)
        soon = make_meeting(world.convention.id, title="Séance de la semaine prochaine", days=7, published=True)
        soon.items = [AgendaItem(title="Débat en plénière", minutes=60)]
        soon.preparation = "Relire les contributions du thème santé."
        make_meeting(world.convention.id, title="Séance plus tard", days=30, published=True)
        make_meeting(world.convention.id, title="Séance en préparation", days=3)
        db.session.commit()
    log_in(client, world.users["member"])
    page = client.get("/dashboard").get_data(as_text=True)
    assert "Ma prochaine séance" in page and "Séance de la semaine prochaine" in page
    assert "Débat en plénière" in page and "Relire les contributions du thème santé." in page
    assert "Séance plus tard" not in page and "Séance passée" not in page and "Séance en préparation" not in page
    log_in(client, world.users["expert"])      # not a panel member: no "next session" of theirs
    assert "Ma prochaine séance" not in client.get("/dashboard").get_data(as_text=True)
