"""After a replacement round the panel page shows who was just drawn: listed at the top with a link
to their row (on whichever page of the list it is), and their rows highlighted."""
import re

from convention_testing import log_in
from draw_testing import drawn, set_panel_size
from convention.draw.models import Selection
from convention.extensions import db
from convention.tasks.models import TaskRun


def test_the_replacements_just_drawn_are_listed_and_highlighted(client, app, world, monkeypatch):
    set_panel_size(app, world.convention.id)
    log_in(client, world.users["organiser"])
    drawn(client, world.convention.slug)
    url = f"/manage/{world.convention.slug}/draw/panel"
    monkeypatch.setitem(app.config, "PER_PAGE", 5)
    with app.app_context():
        first = db.session.scalars(db.select(Selection).order_by(Selection.id)).first().id
    client.post(f"{url}/{first}/status", data={"status": "declined"})
    assert "juste tiré" not in client.get(url).get_data(as_text=True)
    assert client.post(f"{url}/replace", data={"seed": "77", "source": "Tirage public"}).status_code == 302

    with app.app_context():
        result_url = db.session.scalars(db.select(TaskRun).order_by(TaskRun.id.desc())).first().result["url"]
        new = db.session.scalars(db.select(Selection).filter_by(round_number=2)).one()
        new_id, external_id = new.id, new.volunteer.external_id
    assert result_url == f"{url}?replaced=1"           # the task's "See the result" link
    page = client.get(result_url).get_data(as_text=True)
    box = re.search(r'<section class="just-drawn-box".*?</section>', page, re.S).group(0)
    assert "1 remplaçant·e juste tiré·e au sort" in box
    # 13 people, 5 a page: the replacement, drawn last, is on page 3
    assert f'href="{url}?page=3&amp;replaced=1#selection-{new_id}">{external_id}</a>' in box
    row = client.get(f"{url}?page=3&replaced=1").get_data(as_text=True)
    assert re.search(rf'<tr id="selection-{new_id}" class="[^"]*\bjust-drawn\b', row)
    plain = client.get(f"{url}?page=3").get_data(as_text=True)      # a later visit: highlighted as a replacement only
    assert re.search(rf'<tr id="selection-{new_id}" class="[^"]*\breplacement\b', plain)
    assert "just-drawn" not in plain
