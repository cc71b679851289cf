"""Creating and editing conventions, as a page without JavaScript and as htmx fragments."""
from convention_testing import log_in
from convention.audit.models import AuditEntry
from convention.auth.models import Membership, Role
from convention.organising.models import Convention
from convention.extensions import db

VALID = {"title": "Convention citoyenne sur le climat", "question": "Comment réduire nos émissions ?",
         "description": "Un texte.", "starts_on": "2027-01-16", "ends_on": "2027-06-12", "panel_size": "60",
         "is_public": "y"}


def test_admin_creates_a_convention_and_becomes_its_organiser(client, app, world):
    log_in(client, world.users["admin"])
    response = client.post("/conventions/new", data=VALID)
    assert response.status_code == 302
    assert response.headers["Location"] == "/manage/convention-citoyenne-sur-le-climat/"
    with app.app_context():
        convention = db.session.scalar(db.select(Convention).filter_by(slug="convention-citoyenne-sur-le-climat"))
        assert (convention.panel_size, convention.is_public, str(convention.starts_on)) == (60, True, "2027-01-16")
        assert db.session.scalar(db.select(Membership.role).filter_by(convention_id=convention.id)) is Role.organiser
        entry = db.session.scalar(db.select(AuditEntry).filter_by(action="convention.create"))
        assert entry.convention_id == convention.id and entry.after["title"] == VALID["title"]
    assert VALID["title"] in client.get("/dashboard").get_data(as_text=True)
    assert VALID["title"] in client.get("/").get_data(as_text=True)


def test_slugs_stay_unique(client, world):
    log_in(client, world.users["admin"])
    client.post("/conventions/new", data=VALID)
    assert client.post("/conventions/new", data=VALID).headers["Location"].endswith("-2/")


def test_invalid_form_rerenders_the_page_with_messages(client, world):
    log_in(client, world.users["admin"])
    response = client.post("/conventions/new", data={**VALID, "title": "", "ends_on": "2026-01-01"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "<html" in page and 'aria-invalid="true"' in page
    assert 'aria-describedby="title-error"' in page and 'id="ends_on-error"' in page


def test_invalid_form_answers_htmx_with_the_form_fragment(client, world):
    log_in(client, world.users["admin"])
    response = client.post("/conventions/new", data={**VALID, "panel_size": "2"}, headers={"HX-Request": "true"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert page.lstrip().startswith("<form") and "<html" not in page
    assert 'id="panel_size-error"' in page
    assert "HX-Request" in response.headers["Vary"]


def test_valid_htmx_post_navigates_with_hx_redirect(client, world):
    log_in(client, world.users["admin"])
    response = client.post("/conventions/new", data=VALID, headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response.headers["HX-Redirect"] == "/manage/convention-citoyenne-sur-le-climat/"


def test_forms_work_without_javascript_and_with_htmx(client, world):
    log_in(client, world.users["admin"])
    page = client.get("/conventions/new").get_data(as_text=True)
    assert 'action="/conventions/new"' in page and 'hx-post="/conventions/new"' in page


def test_edit_logs_only_what_changed(client, app, world):
    log_in(client, world.users["organiser"])
    data = {"title": "Nouveau titre", "question": "Quelle question ?", "panel_size": "40"}
    assert client.post("/manage/test/edit", data=data).status_code == 302
    with app.app_context():
        entry = db.session.scalar(db.select(AuditEntry).filter_by(action="convention.update"))
        assert entry.before == {"title": "Convention test"} and entry.after == {"title": "Nouveau titre"}
        assert entry.actor_email == "organisatrice@example.org"
    client.post("/manage/test/edit", data=data)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(AuditEntry)
                                 .filter_by(action="convention.update")) == 1


def test_management_nav_links_only_existing_pages(client, world):
    log_in(client, world.users["organiser"])
    page = client.get("/manage/test/").get_data(as_text=True)
    for path in ["/manage/test/", "/manage/test/edit", "/manage/test/people", "/manage/test/audit"]:
        assert f'href="{path}"' in page


def test_dashboard_lists_own_conventions_only(client, world):
    log_in(client, world.users["member"])
    page = client.get("/dashboard").get_data(as_text=True)
    assert "Convention test" in page and "Autre convention" not in page
    assert "/manage/test/" not in page


def test_empty_states(client, app):
    page = client.get("/").get_data(as_text=True)
    assert 'class="empty"' in page


def test_domains_add_sections_to_the_public_page(client, app, world, monkeypatch):
    from jinja2 import ChoiceLoader, DictLoader

    from convention.public import sections

    monkeypatch.setattr(sections, "_sections", [])
    sections.register("_test_section.html", context=lambda convention: {"size": convention.panel_size})
    monkeypatch.setattr(app, "jinja_loader", ChoiceLoader([
        DictLoader({"_test_section.html": "<p id=s>{{ convention.slug }}:{{ section.size }}</p>"}),
        app.jinja_loader]))
    log_in(client, world.users["member"])
    assert "<p id=s>test:40</p>" in client.get("/c/test").get_data(as_text=True)


def test_audit_log_reads_in_the_visitor_language(client, world):
    log_in(client, world.users["organiser"])
    client.post("/manage/test/edit", data={"title": "Nouveau titre", "question": "Quelle question ?",
                                           "panel_size": "40"})
    page = client.get("/manage/test/audit").get_data(as_text=True)
    assert "Convention modifiée" in page and "<dt>Titre</dt>" in page


def test_only_required_fields_say_so(client, world):
    import re

    log_in(client, world.users["admin"])
    page = client.get("/conventions/new").get_data(as_text=True)
    assert "required" in re.search(r"<input[^>]*id=\"title\"[^>]*>", page).group(0)
    assert "required" not in re.search(r"<textarea[^>]*id=\"description\"[^>]*>", page).group(0)


def test_convention_lists_are_paginated(client, app, world, monkeypatch):
    monkeypatch.setitem(app.config, "PER_PAGE", 1)
    with app.app_context():
        for convention in db.session.scalars(db.select(Convention)):
            convention.is_public = True
        db.session.commit()
    home = client.get("/").get_data(as_text=True)
    assert home.count('class="card"') == 1 and 'href="/?page=2" rel="next"' in home
    assert client.get("/?page=2").get_data(as_text=True).count('class="card"') == 1
    log_in(client, world.users["admin"])
    first, second = (client.get(f"/dashboard?page={n}").get_data(as_text=True) for n in (1, 2))
    assert "Autre convention" in first and "Convention test" not in first
    assert "Convention test" in second and 'href="/dashboard?page=1" rel="prev"' in second
    assert ">Administrateur du site</td>" in second, "an admin without a role in it"
