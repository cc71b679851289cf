"""Working groups: organisers form them from themes (which get locked) and assign the panel's
members; members see their groups and the contributions of their themes."""
import re

from convention_testing import log_in, make_user
from draw_testing import drawn, set_panel_size
from test_accessibility import assert_structured
from themes_testing import add_contributions, run_clustering, themes
from convention.audit.models import AuditEntry
from convention.auth.models import Role
from convention.draw.models import Selection
from convention.draw.queries import contact_email
from convention.extensions import db
from convention.groups.models import WorkingGroup


def _setup(client, app, world):
    add_contributions(app, world.convention.id)
    log_in(client, world.users["organiser"])
    run_clustering(client, world.convention.slug, k=3)
    return themes(app)


def _create(client, world, theme_ids, members=()):
    return client.post(f"/manage/{world.convention.slug}/groups/new",
                       data={"name": "Groupe école", "description": "L'IA à l'école.",
                             "themes": [str(t) for t in theme_ids], "members": [str(m) for m in members]})


def test_create_a_group_from_a_theme(client, app, world):
    (theme_id, _n, _l, cids), (second, *_r), _third = _setup(client, app, world)
    slug = world.convention.slug
    form = client.get(f"/manage/{slug}/groups/new?theme={theme_id}").get_data(as_text=True)
    assert f'value="{theme_id}" checked' in form and "Julie" not in form
    member = world.users["member"]
    response = _create(client, world, [theme_id], [member.id])
    assert response.status_code == 302
    with app.app_context():
        group = db.session.scalar(db.select(WorkingGroup))
        assert [t.id for t in group.themes] == [theme_id] and [u.id for u in group.members] == [member.id]
        assert group.themes[0].locked
        entry = db.session.scalar(db.select(AuditEntry).filter_by(action="groups.create"))
        assert entry.after["members"] == member.email and entry.after["themes"].startswith(f"{group.themes[0].number}. ")
        group_id = group.id
    page = client.get(f"/c/{slug}/groups/{group_id}").get_data(as_text=True)
    assert page.count("<tr><td>") == len(cids)      # one row per contribution of its theme
    # The member sees the group on the convention's page and its contributions.
    log_in(client, world.users["member"])
    assert "Groupe école" in client.get(f"/c/{slug}").get_data(as_text=True)
    assert "Groupe école" in client.get(f"/c/{slug}/groups").get_data(as_text=True)
    assert client.get(f"/c/{slug}/groups/{group_id}").status_code == 200
    log_in(client, world.users["expert"])
    assert client.get(f"/c/{slug}/groups/{group_id}").status_code == 403


def test_merging_a_theme_keeps_its_groups(client, app, world):
    (first, *_r), (second, _n, _l, second_cids), _third = _setup(client, app, world)
    _create(client, world, [second])
    client.post(f"/manage/{world.convention.slug}/themes/{first}/merge/{second}")
    with app.app_context():
        group = db.session.scalar(db.select(WorkingGroup))
        assert [t.id for t in group.themes] == [first]


def test_edit_and_delete_a_group(client, app, world):
    (first, *_r), (second, *_r2), _third = _setup(client, app, world)
    _create(client, world, [first])
    with app.app_context():
        group_id = db.session.scalar(db.select(WorkingGroup.id))
    url = f"/manage/{world.convention.slug}/groups/{group_id}/edit"
    assert client.post(url, data={"name": "Groupe école", "description": "",
                                  "themes": [str(first), str(second)]}).status_code == 302
    with app.app_context():
        assert len(db.session.get(WorkingGroup, group_id).themes) == 2
    page = client.get(f"/c/{world.convention.slug}/groups/{group_id}").get_data(as_text=True)
    assert '<th scope="col">Thème</th>' in page      # two themes: each contribution says its own
    delete = f"/manage/{world.convention.slug}/groups/{group_id}/delete"
    assert "Supprimer le groupe" in client.get(delete).get_data(as_text=True)
    assert client.post(delete).status_code == 302
    with app.app_context():
        assert db.session.get(WorkingGroup, group_id) is None
        actions = db.session.scalars(db.select(AuditEntry.action).where(AuditEntry.action.like("groups.%"))
                                     .order_by(AuditEntry.id)).all()
        assert actions == ["groups.create", "groups.update", "groups.delete"]


def test_invalid_group_forms(client, app, world):
    _setup(client, app, world)
    with app.app_context():
        outsider = make_user("dehors@example.org", world.other, Role.member)
        db.session.commit()
        outsider_id = outsider.id
    response = client.post(f"/manage/{world.convention.slug}/groups/new", data={"name": "", "themes": []},
                           headers={"HX-Request": "true"})
    assert response.status_code == 422 and 'id="group-form"' in response.get_data(as_text=True)
    response = _create(client, world, [themes(app)[0][0]], [outsider_id])     # not of this convention
    assert response.status_code == 422
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(WorkingGroup)) == 0


def test_organisers_see_the_balance_of_a_group_by_the_panels_features(client, app, world):
    set_panel_size(app, world.convention.id)
    theme_id = _setup(client, app, world)[0][0]
    slug = world.convention.slug
    drawn(client, slug)
    with app.app_context():
        selections = db.session.scalars(db.select(Selection).order_by(Selection.id)).all()[:3]
        people = [(s.id, contact_email(s.volunteer.contact), s.volunteer.features["genre"]) for s in selections]
    for selection_id, _email, _genre in people:
        client.post(f"/manage/{slug}/draw/panel/{selection_id}/status", data={"status": "accepted"})
    with app.app_context():
        users = [make_user(email, db.session.merge(world.convention), Role.member) for _s, email, _g in people[:2]]
        db.session.commit()
        member_ids = [u.id for u in users]
    _create(client, world, [theme_id], member_ids + [world.users["member"].id])
    with app.app_context():
        group_id = db.session.scalar(db.select(WorkingGroup.id))
    page = client.get(f"/c/{slug}/groups/{group_id}").get_data(as_text=True)
    assert "Équilibre du groupe" in page and "2 membres sur 3 sont retrouvés" in page
    assert_structured(page)
    women = sum(genre == "Femme" for _s, _e, genre in people[:2])
    assert re.search(rf'<th scope="row">Femme</th><td[^>]*>{women} \({100 * women // 2}', page)
    log_in(client, world.users["member"])
    assert "Équilibre du groupe" not in client.get(f"/c/{slug}/groups/{group_id}").get_data(as_text=True)


def test_a_theme_of_a_working_group_stays_locked(client, app, world):
    (theme_id, *_r), *_others = _setup(client, app, world)
    _create(client, world, [theme_id])
    response = client.post(f"/manage/{world.convention.slug}/themes/{theme_id}/lock", follow_redirects=True)
    assert "Groupe école" in response.get_data(as_text=True)
    assert [locked for found_id, _n, locked, _c in themes(app) if found_id == theme_id] == [True]
