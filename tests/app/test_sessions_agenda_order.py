"""Agenda reordering by drag and drop: the page posts the whole new order (agenda-order.js, through
htmx) and gets the agenda back with its times recomputed; the arrows keep working without it."""
import re

from convention_testing import log_in
from sessions_testing import make_meeting
from convention.audit.models import AuditEntry
from convention.extensions import db
from convention.sessions.models import AgendaItem, AgendaKind

HTMX = {"HX-Request": "true", "HX-Current-URL": "http://localhost/"}


def _agenda(app, world, titles=("Accueil", "Audition", "Pause")):
    with app.app_context():
        meeting = make_meeting(world.convention.id, hours=(8, 12))
        for position, title in enumerate(titles):
            db.session.add(AgendaItem(meeting=meeting, title=title, minutes=30, position=position,
                                      kind=AgendaKind.plenary))
        db.session.commit()
        return meeting.id, [item.id for item in sorted(meeting.items, key=lambda i: i.position)]


def _order(app, meeting_id=None):
    with app.app_context():
        query = db.select(AgendaItem.title).order_by(AgendaItem.position)
        if meeting_id is not None:
            query = query.filter_by(meeting_id=meeting_id)
        return db.session.scalars(query).all()


def _moves(app):
    with app.app_context():
        return db.session.scalars(db.select(AuditEntry).filter_by(action="sessions.item_move")).all()


def test_a_dragged_order_is_saved_logged_and_sent_back_timed(client, app, world):
    meeting_id, (welcome, hearing, pause) = _agenda(app, world)
    slug = world.convention.slug
    log_in(client, world.users["organiser"])
    page = client.get(f"/manage/{slug}/sessions/{meeting_id}").get_data(as_text=True)
    url = f"/manage/{slug}/sessions/{meeting_id}/items/order"
    assert f'hx-post="{url}"' in page and 'name="item" value="%d"' % hearing in page
    assert "js/agenda-order.js" in page and 'name="direction" value="up"' in page   # the arrows stay
    response = client.post(url, data={"item": [pause, welcome, hearing]}, headers=HTMX)
    assert response.status_code == 200
    fragment = response.get_data(as_text=True)
    assert 'id="agenda-list"' in fragment and "<html" not in fragment
    assert fragment.index("Pause") < fragment.index("Accueil") < fragment.index("Audition")
    assert _order(app) == ["Pause", "Accueil", "Audition"]
    [entry] = _moves(app)
    assert entry.before["order"] == ["Accueil", "Audition", "Pause"]
    assert entry.after["order"] == ["Pause", "Accueil", "Audition"]
    # The same order again changes and logs nothing; without htmx the page is reloaded at the agenda.
    response = client.post(url, data={"item": [pause, welcome, hearing]})
    assert response.status_code == 302 and response.headers["Location"].endswith("#agenda")
    assert len(_moves(app)) == 1


def test_an_order_that_does_not_name_each_item_once_changes_nothing(client, app, world):
    meeting_id, (welcome, hearing, pause) = _agenda(app, world)
    _other_id, (foreign, *_rest) = _agenda(app, world, titles=("Ailleurs",))
    slug = world.convention.slug
    log_in(client, world.users["organiser"])
    url = f"/manage/{slug}/sessions/{meeting_id}/items/order"
    for stale in ([pause, welcome], [pause, welcome, hearing, hearing], [pause, welcome, foreign],
                  [pause, welcome, hearing, foreign]):
        response = client.post(url, data={"item": stale}, follow_redirects=True)
        assert response.status_code == 200
        assert "L’ordre du jour a changé entre-temps" in response.get_data(as_text=True).replace("'", "’")
    assert client.post(url, data={"item": ["premier", "second"]}).status_code == 400
    assert client.post(url, data={}).status_code == 400
    assert _order(app, meeting_id) == ["Accueil", "Audition", "Pause"] and _moves(app) == []


def test_only_organisers_reorder(client, app, world):
    meeting_id, ids = _agenda(app, world)
    url = f"/manage/{world.convention.slug}/sessions/{meeting_id}/items/order"
    for role in ("member", "expert", "other_organiser"):
        log_in(client, world.users[role])
        assert client.post(url, data={"item": list(reversed(ids))}).status_code == 403
    assert _order(app) == ["Accueil", "Audition", "Pause"] and _moves(app) == []


def test_the_reorder_post_needs_the_csrf_token(app, world):
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        client = app.test_client()
        meeting_id, ids = _agenda(app, world)
        log_in(client, world.users["organiser"])
        response = client.post(f"/manage/{world.convention.slug}/sessions/{meeting_id}/items/order",
                               data={"item": list(reversed(ids))})
        assert response.status_code == 400
        assert _order(app) == ["Accueil", "Audition", "Pause"]
        page = client.get(f"/manage/{world.convention.slug}/sessions/{meeting_id}").get_data(as_text=True)
        token = re.search(r'"X-CSRFToken": "([^"]+)"', page).group(1)   # what htmx sends with the drop
        response = client.post(f"/manage/{world.convention.slug}/sessions/{meeting_id}/items/order",
                               data={"item": list(reversed(ids))}, headers={**HTMX, "X-CSRFToken": token})
        assert response.status_code == 200 and _order(app) == ["Pause", "Audition", "Accueil"]
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
