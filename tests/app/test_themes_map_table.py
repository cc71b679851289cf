"""The map's table says what a person can read: contribution, theme, confidence; no coordinates."""
from convention_testing import log_in
from themes_testing import add_contributions, run_clustering


def test_the_map_table_has_no_coordinates(client, app, world):
    add_contributions(app, world.convention.id)
    log_in(client, world.users["organiser"])
    run_clustering(client, world.convention.slug, k=3)
    page = client.get(f"/manage/{world.convention.slug}/themes/map").get_data(as_text=True)
    header = page[page.index("<thead>"):page.index("</thead>")]
    assert header.count('<th scope="col">') == 3 and "Position" not in page
