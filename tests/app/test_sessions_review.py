"""Gaps found in review of issue 13: an item edit that pushes the agenda past the session's end, an
unpublished hearing's documents on the public session page, an organiser answering a question of a
hearing without experts."""
from convention_testing import log_in
from hearings_testing import make_hearing
from sessions_testing import PDF, make_meeting
from convention.organising.models import Convention
from convention.extensions import db
from convention.hearings.models import Hearing, Question
from convention.sessions.models import AgendaItem, AgendaKind, Document

HTMX = {"HX-Request": "true"}


def test_an_item_edit_that_pushes_an_item_past_the_end_is_refused(client, app, world):
    with app.app_context():
        meeting = make_meeting(world.convention.id, hours=(8, 10))          # two hours
        first = AgendaItem(meeting=meeting, title="Accueil", minutes=30, position=0, kind=AgendaKind.plenary)
        second = AgendaItem(meeting=meeting, title="Audition", minutes=60, position=1, kind=AgendaKind.hearing)
        db.session.add_all([first, second])
        db.session.commit()
        meeting_id, first_id = meeting.id, first.id
    log_in(client, world.users["organiser"])
    url = f"/manage/{world.convention.slug}/sessions/{meeting_id}/items/{first_id}/edit"
    data = {"kind": "plenary", "title": "Accueil", "minutes": 120, "description": ""}
    response = client.post(url, data=data, headers=HTMX)
    assert response.status_code == 422
    assert "après la fin de la séance" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(AgendaItem, first_id).minutes == 30
    # Growing within the hours is fine, and so is the last item running over (the page warns).
    assert client.post(url, data={**data, "minutes": 45}).status_code == 302
    with app.app_context():
        assert db.session.get(AgendaItem, first_id).minutes == 45


def test_the_public_session_page_hides_the_documents_of_unpublished_hearings(client, app, world):
    with app.app_context():
        convention = db.session.get(Convention, world.convention.id)
        convention.is_public = True
        meeting = make_meeting(world.convention.id, published=True)
        item = AgendaItem(meeting=meeting, title="Audition", minutes=60, kind=AgendaKind.hearing)
        db.session.add(item)
        _expert, hearing = make_hearing(world.convention.id, published=False)
        hearing.item = item
        db.session.flush()
        db.session.add(Document(convention_id=world.convention.id, meeting_id=meeting.id, hearing_id=hearing.id,
                                title="Diapositives secrètes", filename="diapos.pdf", content_type="application/pdf",
                                size=len(PDF), sha256="0" * 64, data=PDF))
        db.session.commit()
        meeting_id, hearing_id = meeting.id, hearing.id
    page = client.get(f"/c/{world.convention.slug}/sessions/{meeting_id}").get_data(as_text=True)
    assert "Diapositives secrètes" not in page
    with app.app_context():
        db.session.get(Hearing, hearing_id).is_published = True
        db.session.commit()
    page = client.get(f"/c/{world.convention.slug}/sessions/{meeting_id}").get_data(as_text=True)
    assert "Diapositives secrètes" in page


def test_an_organiser_answers_a_question_of_a_hearing_without_experts(client, app, world):
    with app.app_context():
        _expert, hearing = make_hearing(world.convention.id)
        hearing.experts = []
        question = Question(hearing=hearing, text="Qui décide ?")
        db.session.add(question)
        db.session.commit()
        hearing_id, question_id = hearing.id, question.id
    log_in(client, world.users["organiser"])
    response = client.post(f"/c/{world.convention.slug}/hearings/{hearing_id}/questions/{question_id}/answer",
                           data={"answer": "Le conseil métropolitain."})
    assert response.status_code == 302
    with app.app_context():
        question = db.session.get(Question, question_id)
        assert question.answer == "Le conseil métropolitain." and question.answered_by_id is None


def test_the_photo_of_an_expert_not_yet_announced_is_not_public(client, app, world):
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
    with app.app_context():
        convention = db.session.get(Convention, world.convention.id)
        convention.is_public = True
        expert, hearing = make_hearing(world.convention.id, published=False)
        expert.photo, expert.photo_type = png, "image/png"
        db.session.commit()
        expert_id, hearing_id = expert.id, hearing.id
    url = f"/c/{world.convention.slug}/experts/{expert_id}/photo"
    assert client.get(url).status_code == 404
    log_in(client, world.users["member"])
    assert client.get(url).status_code == 200       # the convention's own people see the programme in preparation
    with app.app_context():
        db.session.get(Hearing, hearing_id).is_published = True
        db.session.commit()
    log_in(client, None)
    response = client.get(url)
    assert response.status_code == 200 and response.data == png


def test_the_queue_refreshes_itself_only_until_the_session_ends_and_links_published_sessions(client, app, world):
    hearings = {}
    with app.app_context():
        for days, published in ((-2, True), (1, False)):
            meeting = make_meeting(world.convention.id, title=f"Séance {days}", days=days, published=published)
            item = AgendaItem(meeting=meeting, title="Audition", minutes=60, kind=AgendaKind.hearing)
            db.session.add(item)
            _expert, hearing = make_hearing(world.convention.id, topic=f"Audition {days}", published=True)
            hearing.item = item
            db.session.flush()
            hearings[days] = (hearing.id, meeting.id)
        db.session.commit()
    log_in(client, world.users["member"])
    slug = world.convention.slug
    past = client.get(f"/c/{slug}/hearings/{hearings[-2][0]}").get_data(as_text=True)
    coming = client.get(f"/c/{slug}/hearings/{hearings[1][0]}").get_data(as_text=True)
    assert 'hx-trigger="every 10s"' not in past and 'hx-trigger="every 10s"' in coming
    assert "js/queue.js" in coming
    assert f'href="/c/{slug}/sessions/{hearings[-2][1]}"' in past
    assert f'href="/c/{slug}/sessions/{hearings[1][1]}"' not in coming and "Séance 1" in coming  # not published


def test_an_expert_account_edits_one_profile(client, app, world):
    from convention.hearings.models import Expert

    with app.app_context():
        make_hearing(world.convention.id, user_id=world.users["expert"].id, expert_name="Marc Delorme")
        other, _hearing = make_hearing(world.convention.id, expert_name="Lina Roussel", topic="Autre")
        db.session.commit()
        other_id = other.id
    log_in(client, world.users["organiser"])
    response = client.post(f"/manage/{world.convention.slug}/hearings/experts/{other_id}/edit",
                           data={"name": "Lina Roussel", "affiliation_type": "academic",
                                 "user": world.users["expert"].id}, headers=HTMX)
    assert response.status_code == 422 and "Marc Delorme" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Expert, other_id).user_id is None
    # The profile that holds the account keeps it when saved again.
    with app.app_context():
        own_id = db.session.scalar(db.select(Expert.id).filter_by(user_id=world.users["expert"].id))
    response = client.post(f"/manage/{world.convention.slug}/hearings/experts/{own_id}/edit",
                           data={"name": "Marc Delorme", "affiliation_type": "academic",
                                 "user": world.users["expert"].id})
    assert response.status_code == 302


def test_a_time_skipped_by_the_change_to_summer_time_is_refused(client, app, world):
    from convention.sessions.models import Meeting

    log_in(client, world.users["organiser"])
    data = {"title": "Séance de nuit", "day": "2027-03-28", "start": "02:30", "end": "05:00",
            "place": "Hôtel de Métropole", "access_info": "", "online_url": "", "preparation": "", "summary": ""}
    response = client.post(f"/manage/{world.convention.slug}/sessions/new", data=data, headers=HTMX)
    assert response.status_code == 422 and "heure d’été" in response.get_data(as_text=True)
    # The same hours the day before (winter time) and 03:30 that night (summer time) are kept as given.
    assert client.post(f"/manage/{world.convention.slug}/sessions/new", data={**data, "day": "2027-03-27"}).status_code == 302
    assert client.post(f"/manage/{world.convention.slug}/sessions/new",
                       data={**data, "start": "03:30", "place": "Ailleurs"}).status_code == 302
    with app.app_context():
        starts = [m.starts_at.isoformat() for m in db.session.scalars(db.select(Meeting).order_by(Meeting.id))]
    assert starts == ["2027-03-27T01:30:00+00:00", "2027-03-28T01:30:00+00:00"]
