"""Theme numbers are stable and never reused: a merge or a split keeps the others' numbers, a new
theme gets a number never given before, and the themes page lists them by number."""
import re

from convention_testing import log_in
from themes_testing import add_contributions, run_clustering
from convention.extensions import db
from convention.themes.models import Theme


def _numbers(app):
    with app.app_context():
        return {t.id: t.number for t in db.session.scalars(db.select(Theme))}


def _listed(client, slug):
    page = client.get(f"/manage/{slug}/themes/").get_data(as_text=True)
    return [int(n) for n in re.findall(r'<h3><a href="[^"]+">(\d+)\. ', page)]


def test_numbers_survive_curation_and_are_never_reused(client, app, world):
    add_contributions(app, world.convention.id)
    log_in(client, world.users["organiser"])
    slug = world.convention.slug
    run_clustering(client, slug, k=3)
    first = _numbers(app)
    assert sorted(first.values()) == [1, 2, 3]
    assert _listed(client, slug) == [1, 2, 3]
    by_number = {number: theme_id for theme_id, number in first.items()}

    # Merge 3 into 1: 3 is gone, the others keep their numbers.
    assert client.post(f"/manage/{slug}/themes/{by_number[1]}/merge/{by_number[3]}").status_code == 302
    assert _numbers(app) == {by_number[1]: 1, by_number[2]: 2}

    # Split 1 in two: the new part gets 4, not the 3 that was merged away.
    assert client.post(f"/manage/{slug}/themes/{by_number[1]}/split", data={"parts": 2}).status_code == 302
    after = _numbers(app)
    assert sorted(after.values()) == [1, 2, 4]
    assert after[by_number[1]] == 1 and after[by_number[2]] == 2
    assert _listed(client, slug) == [1, 2, 4]           # in the order of their numbers
