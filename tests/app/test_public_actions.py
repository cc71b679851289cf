"""What a visitor can do comes first on a convention's page, before the long public sections."""
from convention_testing import log_in
from contributions_testing import open_consultation
from convention.organising.models import Convention
from convention.extensions import db


def _public(app, world):
    with app.app_context():
        db.session.get(Convention, world.convention.id).is_public = True
        db.session.commit()


def _actions(html):
    start = html.index('<nav class="actions your-actions"')
    return html[start:html.index("</nav>", start)]


def test_a_member_finds_add_a_contribution_at_the_top(client, world):
    log_in(client, world.users["member"])
    html = client.get("/c/test").get_data(as_text=True)
    assert "Ajouter une contribution" in _actions(html)
    assert html.index("Ajouter une contribution") < html.index('id="question-title"')


def test_the_public_finds_the_open_consultation_at_the_top(client, app, world):
    _public(app, world)
    assert 'class="actions your-actions"' not in client.get("/c/test").get_data(as_text=True)   # closed
    open_consultation(app, world.convention.id)
    html = client.get("/c/test").get_data(as_text=True)
    assert "Contribuer à la consultation" in _actions(html)
    assert "Ajouter une contribution" not in html
