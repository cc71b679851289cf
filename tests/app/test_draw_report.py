"""The downloadable selection report speaks the visitor's language, French by default, and has a main
landmark like every page."""
import re

from convention_testing import log_in
from draw_testing import drawn, set_panel_size
from convention.draw.models import Selection
from convention.extensions import db


def _report(client, app, world, **headers):
    set_panel_size(app, world.convention.id)
    log_in(client, world.users["organiser"])
    drawn(client, world.convention.slug)
    with app.app_context():
        db.session.merge(world.convention).is_public = True
        db.session.commit()
    log_in(client, None)
    response = client.get(f"/c/{world.convention.slug}/draw/records/1.html", headers=headers)
    assert response.status_code == 200 and response.headers["Content-Disposition"].startswith("attachment")
    return response.get_data(as_text=True)


def test_the_report_is_french_by_default(client, app, world):
    page = _report(client, app, world)
    assert '<html lang="fr">' in page and "<main>" in page and "</main>" in page
    for text in ("Rapport de tirage au sort du panel", "Comment le panel a été tiré", "Graine", "4242",
                 "Loto du 1er décembre", "Composition au regard des quotas", "Quota respecté",
                 "Probabilités de sélection", "Une personne par foyer"):
        assert text in page, text
    assert re.search(r"<li>Plus faible\N{NARROW NO-BREAK SPACE}: \d+,\d\d\N{NO-BREAK SPACE}%</li>", page), "French percentages"
    assert re.search(r"<td>oui</td>", page)
    for english in ("Panel selection report", "Met", ">yes<", "Seed source", 'lang="en"'):
        assert english not in page, english


def test_the_report_in_english(client, app, world):
    page = _report(client, app, world, **{"Accept-Language": "en"})
    assert '<html lang="en">' in page and "<main>" in page
    assert "Panel selection report" in page and "Quota met" in page
    assert re.search(r"<li>Lowest: \d+\.\d\d\N{NO-BREAK SPACE}%</li>", page)


def test_a_replacement_round_has_its_report(client, app, world):
    set_panel_size(app, world.convention.id)
    log_in(client, world.users["organiser"])
    drawn(client, world.convention.slug)
    url = f"/manage/{world.convention.slug}/draw/panel"
    with app.app_context():
        first = db.session.scalars(db.select(Selection).order_by(Selection.id)).first()
        first_id, person = first.id, first.volunteer.external_id
    client.post(f"{url}/{first_id}/status", data={"status": "declined"})
    assert client.post(f"{url}/replace", data={"seed": "77", "source": "Tirage public"}).status_code == 302
    page = client.get(f"/c/{world.convention.slug}/draw/records/2.html").get_data(as_text=True)
    assert "Tirage de remplacement" in page and "tour 2" in page
    assert "1 place sur 12 tirée à nouveau dans le reste du vivier" in page
    assert f"<dt>Désistements à ce jour</dt><dd>{person}</dd>" in page
