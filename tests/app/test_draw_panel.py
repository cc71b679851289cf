"""The drawn panel: invitation statuses, member invitations, replacements, the public page."""
import json
import re

from panels import cli

from convention_testing import log_in
from draw_testing import QUOTAS_CSV, drawn, import_pool, set_panel_size, upload_quotas
from convention.audit.models import AuditEntry
from convention.auth.models import Invitation
from convention.draw.models import DrawRound, Selection, SelectionStatus
from convention.extensions import db


def _selections(app):
    with app.app_context():
        rows = db.session.scalars(db.select(Selection).order_by(Selection.id)).all()
        return [(s.id, s.volunteer.external_id, s.status, s.replaced, s.round_number) for s in rows]


def _replacements_section(client, url):
    page = client.get(url).get_data(as_text=True)
    return re.search(r'<section id="replacements".*?</section>', page, flags=re.DOTALL).group()


def _drawn(client, app, world):
    set_panel_size(app, world.convention.id)
    log_in(client, world.users["organiser"])
    drawn(client, world.convention.slug)
    return f"/manage/{world.convention.slug}/draw/panel"


def test_panel_lists_names_for_organisers(client, app, world):
    url = _drawn(client, app, world)
    page = client.get(url).get_data(as_text=True)
    assert page.count('class="status-buttons"') == 12 and "@exemple.fr" in page


def test_status_buttons_work_with_and_without_htmx(client, app, world):
    url = _drawn(client, app, world)
    first, second = _selections(app)[:2]
    response = client.post(f"{url}/{first[0]}/status", data={"status": "invited"})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"#selection-{first[0]}")
    response = client.post(f"{url}/{second[0]}/status", data={"status": "unreachable"}, headers={"HX-Request": "true"})
    fragment = response.get_data(as_text=True)
    assert response.status_code == 200 and fragment.lstrip().startswith(f'<tr id="selection-{second[0]}"') and 'hx-swap-oob="true"' in fragment
    assert [s[2] for s in _selections(app)[:2]] == [SelectionStatus.invited, SelectionStatus.unreachable]
    assert client.post(f"{url}/{first[0]}/status", data={"status": "bogus"}).status_code == 400


def test_accepting_invites_a_member(client, app, world):
    url = _drawn(client, app, world)
    first = _selections(app)[0]
    client.post(f"{url}/{first[0]}/status", data={"status": "accepted"})
    client.post(f"{url}/{first[0]}/status", data={"status": "accepted"})
    with app.app_context():
        invitations = db.session.scalars(db.select(Invitation)).all()
        assert len(invitations) == 1 and invitations[0].email.endswith("@exemple.fr")
        assert invitations[0].role.name == "member" and invitations[0].revoked_at is None


def test_leaving_accepted_withdraws_the_pending_invitation(client, app, world):
    url = _drawn(client, app, world)
    first = _selections(app)[0]
    client.post(f"{url}/{first[0]}/status", data={"status": "accepted"})
    response = client.post(f"{url}/{first[0]}/status", data={"status": "declined"}, headers={"HX-Request": "true"})
    fragment = response.get_data(as_text=True)
    assert '<div id="flashes" aria-live="polite" role="status" hx-swap-oob="true">' in fragment
    assert "est retirée." in fragment, "the htmx answer says it at once"
    with app.app_context():
        invitation = db.session.scalar(db.select(Invitation))
        assert invitation.revoked_at is not None
        actions = db.session.scalars(db.select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions[-2:] == ["draw.status", "invitation.revoke"]
    client.post(f"{url}/{first[0]}/status", data={"status": "accepted"})
    with app.app_context():
        assert [i.revoked_at is None for i in db.session.scalars(db.select(Invitation).order_by(Invitation.id))] == [
            False, True], "accepting again sends a new invitation"


def test_replacements_keep_the_quotas_and_verify(client, app, world, tmp_path):
    url = _drawn(client, app, world)
    declined = _selections(app)[0]
    assert 'id="replacement-form"' not in _replacements_section(client, url)   # no seat to fill yet
    client.post(f"{url}/{declined[0]}/status", data={"status": "declined"})
    section = _replacements_section(client, url)
    assert 'id="replacement-form"' in section
    assert re.search(r"<button[^>]*>\D*1\D*</button>", section), "the button offers one replacement"
    response = client.post(f"{url}/replace", data={"seed": "77", "source": "Tirage public"})
    assert response.status_code == 302
    rows = _selections(app)
    assert len(rows) == 13 and rows[0][3] is True and rows[-1][4] == 2
    assert declined[1] not in [r[1] for r in rows[12:]]
    with app.app_context():
        record = db.session.scalar(db.select(DrawRound).filter_by(number=2)).record
    assert record["replacement_of"]["declined"] == [declined[1]] and record["seed"] == 77
    (tmp_path / "pool.csv").write_bytes(client.get(f"/manage/{world.convention.slug}/draw/pool.csv").data)
    (tmp_path / "record.json").write_text(json.dumps(record))
    with app.app_context():
        db.session.merge(world.convention).is_public = True
        db.session.commit()
    (tmp_path / "quotas.csv").write_bytes(client.get(f"/c/{world.convention.slug}/draw/quotas.csv").data)
    assert cli.main(["verify", str(tmp_path / "record.json"), "--pool", str(tmp_path / "pool.csv"),
                     "--quotas", str(tmp_path / "quotas.csv")]) == 0
    again = client.post(f"{url}/replace", data={})
    assert again.status_code == 302 and len(_selections(app)) == 13, "no seat left to fill"


def test_replacement_seed_needs_a_source(client, app, world):
    url = _drawn(client, app, world)
    client.post(f"{url}/{_selections(app)[0][0]}/status", data={"status": "declined"})
    assert client.post(f"{url}/replace", data={"seed": "5"}).status_code == 422


def test_public_page_shows_composition_and_record(client, app, world):
    _drawn(client, app, world)
    with app.app_context():
        db.session.merge(world.convention).is_public = True
        db.session.commit()
    log_in(client, None)
    page = client.get(f"/c/{world.convention.slug}").get_data(as_text=True)
    assert "<svg" in page and "python -m panels verify" in page and "4242" in page
    assert f"/c/{world.convention.slug}/draw/records/1.json" in page
    assert "@exemple.fr" not in page and "Martin" not in page, "no personal data in public"


def test_public_downloads_need_a_published_draw(client, app, world):
    with app.app_context():
        db.session.merge(world.convention).is_public = True
        db.session.commit()
    assert client.get(f"/c/{world.convention.slug}/draw/records/1.json").status_code == 404
    assert client.get(f"/c/{world.convention.slug}/draw/quotas.csv").status_code == 404


def test_impossible_replacements_show_the_suggested_change(client, app, world):
    """Both artisans must sit on the panel: when one declines, nobody can take the seat."""
    set_panel_size(app, world.convention.id)
    log_in(client, world.users["organiser"])
    artisans = "\"Artisans, commerçants, chefs d'entreprise\",".encode()
    quotas = QUOTAS_CSV.replace(artisans + b"0,2", artisans + b"2,2")
    slug = world.convention.slug
    import_pool(client, slug)
    assert upload_quotas(client, slug, quotas).status_code == 302
    client.post(f"/manage/{slug}/draw/publish", data={})
    client.post(f"/manage/{slug}/draw/seed", data={"seed": "9", "source": "test"})
    client.post(f"/manage/{slug}/draw/run", data={"algorithm": "leximin"})
    url = f"/manage/{slug}/draw/panel"
    with app.app_context():
        artisan = next(s.id for s in db.session.scalars(db.select(Selection))
                       if s.volunteer.features["csp"].startswith("Artisans"))
    client.post(f"{url}/{artisan}/status", data={"status": "declined"})
    assert client.post(f"{url}/replace", data={}).status_code == 302
    page = client.get(url).get_data(as_text=True)
    assert "Les remplaçants n’ont pas pu être tirés" in page
    assert "abaisser le minimum de csp Artisans, commerçants, chefs d&#39;entreprise de 2 à 1" in page
    assert len(_selections(app)) == 12


def test_drawn_pages_are_well_formed(client, app, world):
    """The accessibility checks of every page, on the pages of a drawn panel (charts, tables, forms)."""
    from test_accessibility import Page

    url = _drawn(client, app, world)
    client.post(f"{url}/{_selections(app)[0][0]}/status", data={"status": "declined"})
    with app.app_context():
        db.session.merge(world.convention).is_public = True
        db.session.commit()
    slug = world.convention.slug
    for page_url in (f"/manage/{slug}/draw/", url, f"/manage/{slug}/draw/quotas", f"/manage/{slug}/draw/pool",
                     f"/c/{slug}", f"/manage/{slug}/audit"):
        page = Page()
        page.feed(client.get(page_url).get_data(as_text=True))
        assert page.tags["h1"] == 1, page_url
        assert [i for i, n in page.ids.items() if n > 1] == [], page_url
        unlabelled = [f for f in page.fields if f.get("id") not in page.label_targets and not f["inside_label"]]
        assert unlabelled == [], page_url
        assert page.tags["table"] and page.tags["caption"] == page.tags["table"], page_url
        named_forms = [a for a in page.attributes if a[0] == "form" and a[1] in ("aria-label", "aria-labelledby")]
        assert len(named_forms) <= 3, f"{page_url}: each named form is a landmark"


def test_the_audit_log_shows_status_labels_not_codes(client, app, world):
    url = _drawn(client, app, world)
    first = _selections(app)[0]
    assert client.post(f"{url}/{first[0]}/status", data={"status": "declined"}).status_code == 302
    log = f"/manage/{world.convention.slug}/audit"
    page = client.get(log).get_data(as_text=True)
    assert "<del>À contacter</del> <ins>A décliné</ins>" in page and "<ins>declined</ins>" not in page
    assert f">Personne tirée au sort « {first[1]} »</td>" in page and ">Selection #" not in page
    client.post("/language", data={"locale": "en"})
    assert "<del>To contact</del> <ins>Declined</ins>" in client.get(log).get_data(as_text=True)


def test_the_panel_list_is_paginated(client, app, world, monkeypatch):
    url = _drawn(client, app, world)
    monkeypatch.setitem(app.config, "PER_PAGE", 5)
    first = client.get(url).get_data(as_text=True)
    last = client.get(f"{url}?page=3").get_data(as_text=True)
    assert first.count('class="status-buttons"') == 5 and last.count('class="status-buttons"') == 2
    assert "12 personnes tirées au sort" in last and f'href="{url}?page=2" rel="next"' in first
    seventh = _selections(app)[6]
    response = client.post(f"{url}/{seventh[0]}/status", data={"status": "invited"})
    assert response.headers["Location"].endswith(f"{url}?page=2#selection-{seventh[0]}")
    assert f'id="selection-{seventh[0]}"' in client.get(f"{url}?page=2").get_data(as_text=True)


def test_the_panel_list_filters_by_status(client, app, world):
    url = _drawn(client, app, world)
    first, second = _selections(app)[:2]
    for selection, status in ((first, "declined"), (second, "invited")):
        assert client.post(f"{url}/{selection[0]}/status", data={"status": status}).status_code == 302
    page = client.get(f"{url}?status=declined").get_data(as_text=True)
    assert page.count('class="status-buttons"') == 1 and f'id="selection-{first[0]}"' in page
    assert "Tout le monde (12)" in page and "À contacter (10)" in page and "A décliné (1)" in page
    assert f'href="{url}?status=declined" aria-current="page"' in page
    assert "Personne n’a ce statut parmi les personnes tirées au sort." in client.get(
        f"{url}?status=unreachable").get_data(as_text=True)
    assert client.get(f"{url}?status=bogus").get_data(as_text=True).count('class="status-buttons"') == 12
    third = _selections(app)[2]
    fragment = client.post(f"{url}/{third[0]}/status?status=selected", data={"status": "declined"},
                           headers={"HX-Request": "true"}).get_data(as_text=True)
    assert '<nav class="filters" id="status-filters"' in fragment and "À contacter (9)" in fragment
    assert f'href="{url}?status=selected" aria-current="page"' in fragment, "the filter shown stays"
    assert f'hx-post="{url}/{third[0]}/status?status=selected"' in fragment


def test_leaving_the_panel_after_joining_the_platform_points_to_the_people_page(client, app, world):
    from convention.auth import services as auth

    url = _drawn(client, app, world)
    first = _selections(app)[0]
    client.post(f"{url}/{first[0]}/status", data={"status": "accepted"})
    with app.app_context():
        auth.accept_invitation(db.session.scalar(db.select(Invitation)), "un mot de passe assez long", "127.0.0.1")
        db.session.commit()
    page = client.post(f"{url}/{first[0]}/status", data={"status": "declined"}, follow_redirects=True)
    assert "a déjà rejoint la convention comme conventionné·e\u202f: retirez ce rôle" in page.get_data(as_text=True)
