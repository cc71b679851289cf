"""After sending a contribution to the public consultation, the page says it is sent and where the
confirmation link is, instead of showing the same empty form again under a banner."""
from contributions_testing import open_consultation
from convention.organising.models import Convention
from convention.extensions import db

IDEA = {"text": "Des permanences numériques dans chaque mairie de quartier.", "category": "",
        "name": "Inès", "email": "ines@example.org", "consent": "y"}


def test_the_page_after_sending_says_it_is_sent(client, app, world):
    with app.app_context():
        db.session.get(Convention, world.convention.id).is_public = True
        db.session.commit()
    open_consultation(app, world.convention.id)
    assert 'id="consultation-form"' in client.get("/c/test/consultation").get_data(as_text=True)
    response = client.post("/c/test/consultation", data=IDEA)
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Contribution envoyée" in page and "courrier indésirable" in page
    assert 'id="consultation-form"' not in page
    again = client.get("/c/test/consultation").get_data(as_text=True)     # "Send another contribution"
    assert 'id="consultation-form"' in again and "Contribution envoyée" not in again
