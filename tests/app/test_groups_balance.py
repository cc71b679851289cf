"""A working group's balance compares its members with the whole drawn panel, not with the few
members who accepted so far (with one acceptance, every row read 100 %)."""
from convention_testing import log_in, make_user
from draw_testing import drawn, set_panel_size
from themes_testing import add_contributions, run_clustering, themes
from convention.auth.models import Role
from convention.draw.models import Draw, Selection
from convention.draw.queries import contact_email, panel_volunteers
from convention.extensions import db
from convention.groups.models import WorkingGroup


def test_the_balance_compares_the_group_with_the_drawn_panel(client, app, world):
    set_panel_size(app, world.convention.id)
    add_contributions(app, world.convention.id)
    log_in(client, world.users["organiser"])
    run_clustering(client, world.convention.slug, k=3)
    theme_id = themes(app)[0][0]
    slug = world.convention.slug
    drawn(client, slug)
    with app.app_context():
        first = db.session.scalars(db.select(Selection).order_by(Selection.id)).first()
        selection_id, email = first.id, contact_email(first.volunteer.contact)
        panel = [v.features["genre"] for v in panel_volunteers(db.session.scalar(db.select(Draw)))]
    client.post(f"/manage/{slug}/draw/panel/{selection_id}/status", data={"status": "accepted"})
    with app.app_context():
        member = make_user(email, db.session.merge(world.convention), Role.member)
        db.session.commit()
        member_id = member.id
    client.post(f"/manage/{slug}/groups/new", data={"name": "Groupe école", "description": "",
                                                     "themes": [str(theme_id)], "members": [str(member_id)]})
    with app.app_context():
        group_id = db.session.scalar(db.select(WorkingGroup.id))
    page = client.get(f"/c/{slug}/groups/{group_id}").get_data(as_text=True)
    assert len(panel) == 12 and "Dans le panel tiré au sort (12 personnes)" in page
    for genre in ("Femme", "Homme"):
        count = panel.count(genre)
        share = f"{round(100 * count / 12)}\N{NO-BREAK SPACE}%"
        assert f">{count} ({share})</td></tr>" in page.split(f'<th scope="row">{genre}</th>')[1][:200], genre
    assert "Part du panel" not in page
