"""Organisers curate the machine's themes: rename, lock, merge (after a confirmation), split, move;
each change is in the audit log; invalid htmx forms answer 422 with their fragment."""
import pytest

from convention_testing import log_in
from themes_testing import add_contributions, run_clustering, theme_of, themes
from convention.audit.models import AuditEntry
from convention.extensions import db
from convention.themes.models import Theme, ThemeAssignment

HTMX = {"HX-Request": "true"}


@pytest.fixture
def clustered(client, app, world):
    """Three themes of the 24 test contributions, the organiser logged in: (slug, themes)."""
    add_contributions(app, world.convention.id)
    log_in(client, world.users["organiser"])
    run_clustering(client, world.convention.slug, k=3)
    return world.convention.slug, themes(app)


def _audit(app, action):
    with app.app_context():
        return db.session.scalars(db.select(AuditEntry).filter_by(action=action)).all()


def test_rename_and_describe(client, app, clustered):
    slug, ((theme_id, *_rest), *_others) = clustered
    url = f"/manage/{slug}/themes/{theme_id}/edit"
    response = client.post(url, data={"name": "Santé et données", "description": "Soins, dossiers."})
    assert response.status_code == 302
    with app.app_context():
        theme = db.session.get(Theme, theme_id)
        assert (theme.name, theme.description, theme.title) == ("Santé et données", "Soins, dossiers.",
                                                                "Santé et données")
    [entry] = _audit(app, "themes.update")
    assert entry.after == {"name": "Santé et données", "description": "Soins, dossiers."}
    assert "Santé et données" in client.get(f"/manage/{slug}/themes/").get_data(as_text=True)
    response = client.post(url, data={"name": "x" * 201, "description": ""}, headers=HTMX)
    assert response.status_code == 422 and 'id="theme-form"' in response.get_data(as_text=True)
    assert db_name(app, theme_id) == "Santé et données"


def db_name(app, theme_id):
    with app.app_context():
        return db.session.get(Theme, theme_id).name


def test_lock_and_unlock(client, app, clustered):
    slug, ((theme_id, *_rest), *_others) = clustered
    client.post(f"/manage/{slug}/themes/{theme_id}/lock")
    client.post(f"/manage/{slug}/themes/{theme_id}/lock")
    assert [e.after for e in _audit(app, "themes.lock") + _audit(app, "themes.unlock")] == [
        {"locked": True}, {"locked": False}]


def test_merge_asks_first_then_merges(client, app, clustered):
    slug, ((first, _n, _l, first_cids), (second, _n2, _l2, second_cids), _third) = clustered
    response = client.post(f"/manage/{slug}/themes/{first}/merge", data={"theme": str(second)})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/merge/{second}")
    confirm = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Fusionner les thèmes" in confirm and len(themes(app)) == 3      # nothing merged yet
    assert client.post(f"/manage/{slug}/themes/{first}/merge", data={}, headers=HTMX).status_code == 422
    assert client.post(f"/manage/{slug}/themes/{first}/merge/{second}").status_code == 302
    after = {theme_id: cids for theme_id, _n, _l, cids in themes(app)}
    assert len(after) == 2 and after[first] == sorted(first_cids + second_cids)
    [entry] = _audit(app, "themes.merge")
    assert entry.object_id == str(first) and entry.before["merged_size"] == len(second_cids)
    assert entry.after["size"] == len(first_cids) + len(second_cids)
    with app.app_context():
        assert db.session.get(Theme, first).size == len(first_cids) + len(second_cids)


def test_split_in_two(client, app, clustered):
    slug, ((theme_id, _n, _l, cids), *_others) = clustered
    response = client.post(f"/manage/{slug}/themes/{theme_id}/split", data={"parts": 1}, headers=HTMX)
    assert response.status_code == 422 and 'id="split-form"' in response.get_data(as_text=True)
    response = client.post(f"/manage/{slug}/themes/{theme_id}/split", data={"parts": 50}, headers=HTMX)
    assert response.status_code == 422
    assert client.post(f"/manage/{slug}/themes/{theme_id}/split", data={"parts": 2}).status_code == 302
    after = themes(app)
    assert len(after) == 4
    parts = [found for found in after if set(found[3]) & set(cids)]
    assert len(parts) == 2 and sorted(c for p in parts for c in p[3]) == cids
    [entry] = _audit(app, "themes.split")
    with app.app_context():       # named in the log, not numbered by their ids
        assert sorted(entry.after["themes"]) == sorted(db.session.get(Theme, p[0]).title for p in parts)


def test_too_small_a_theme_cannot_be_split(client, app, world):
    add_contributions(app, world.convention.id, ["Plus de bus la nuit.", "Des pistes cyclables sûres.",
                                                 "Soigner les gens près de chez eux."])
    log_in(client, world.users["organiser"])
    run_clustering(client, world.convention.slug, k=3)
    theme_id = themes(app)[0][0]
    response = client.post(f"/manage/{world.convention.slug}/themes/{theme_id}/split", data={"parts": 2})
    assert response.status_code == 422 and "trop peu de contributions" in response.get_data(as_text=True)
    assert _audit(app, "themes.split") == []


def test_move_a_contribution(client, app, clustered):
    slug, ((first, *_r), (second, _n, _l, second_cids), _third) = clustered
    moved = second_cids[0]
    url = f"/manage/{slug}/themes/{second}/contributions/{moved}/move"
    response = client.post(url, data={f"move-{moved}-theme": "999999"}, headers=HTMX)
    assert response.status_code == 422 and f'id="move-{moved}"' in response.get_data(as_text=True)
    assert client.post(url, data={f"move-{moved}-theme": str(first)}).status_code == 302
    assert theme_of(app, moved) == (first, True)
    # With htmx the row itself says where the contribution went, without reloading the page.
    back = f"/manage/{slug}/themes/{first}/contributions/{moved}/move"
    response = client.post(back, data={f"move-{moved}-theme": str(second)}, headers=HTMX)
    row = response.get_data(as_text=True)
    assert response.status_code == 200 and response.headers["HX-Retarget"] == f"#contribution-{moved}"
    assert row.startswith(f'<tr id="contribution-{moved}"') and f"/themes/{second}#contribution-{moved}" in row
    assert theme_of(app, moved) == (second, True)
    assert client.post(url.replace(f"/{second}/", f"/{second}/"), data={f"move-{moved}-theme": str(first)}).status_code == 302
    entry = _audit(app, "themes.move")[0]
    with app.app_context():        # the contribution is the object of the entry, the theme what changed
        assert db.session.get(ThemeAssignment, int(entry.object_id)).contribution_id == moved
        assert set(entry.before) == set(entry.after) == {"theme"}
    page = client.get(f"/manage/{slug}/themes/{first}").get_data(as_text=True)
    assert "placée à la main" in page
    # The contribution is no longer in its old theme: moving it from there is not found.
    assert client.post(url, data={f"move-{moved}-theme": str(first)}).status_code == 404


def test_a_theme_of_another_convention_is_not_found(client, app, world, clustered):
    slug, ((theme_id, *_r), *_others) = clustered
    log_in(client, world.users["other_organiser"])
    assert client.get(f"/manage/autre/themes/{theme_id}").status_code == 404
    assert client.post(f"/manage/autre/themes/{theme_id}/edit", data={"name": "x"}).status_code == 404


def test_members_cannot_curate(client, app, world, clustered):
    slug, ((first, *_r), (second, *_r2), _third) = clustered
    log_in(client, world.users["member"])
    assert client.post(f"/manage/{slug}/themes/{first}/merge/{second}").status_code == 403
    assert client.post(f"/manage/{slug}/themes/{first}/edit", data={"name": "x"}).status_code == 403
    assert len(themes(app)) == 3 and _audit(app, "themes.update") == []


def test_the_public_page_shows_the_locked_themes_only(client, app, world, clustered):
    slug, ((first, *_r), (second, *_r2), _third) = clustered
    client.post(f"/manage/{slug}/themes/{first}/edit", data={"name": "Décidé", "description": "Par les gens."})
    client.post(f"/manage/{slug}/themes/{second}/edit", data={"name": "Suggéré", "description": ""})
    before = client.get(f"/c/{slug}").get_data(as_text=True)
    assert "Décidé" not in before and "Suggéré" not in before
    assert f"/c/{slug}/themes" in before      # the organisers and members have a link to every theme
    client.post(f"/manage/{slug}/themes/{first}/lock")
    page = client.get(f"/c/{slug}").get_data(as_text=True)
    assert "Décidé" in page and "Par les gens." in page and "Suggéré" not in page


def test_members_see_every_theme_and_the_public_only_the_decided_ones(client, app, world, clustered):
    slug, ((first, *_r), (second, *_r2), _third) = clustered
    assert client.post(f"/manage/{slug}/themes/{first}/lock").status_code == 302
    with app.app_context():
        titles = {theme.id: theme.title for theme in db.session.scalars(db.select(Theme))}
    log_in(client, world.users["member"])
    page = client.get(f"/c/{slug}/themes").get_data(as_text=True)
    assert titles[first] in page and titles[second] in page
    assert page.count('<span class="badge">décidé</span>') == 1 and page.count("badge muted") == 2
    assert f"/c/{slug}/themes" in client.get(f"/c/{slug}").get_data(as_text=True)
    log_in(client, world.users["expert"])
    assert client.get(f"/c/{slug}/themes").status_code == 403
