"""The management pages' section tabs: a sub-page highlights the section it belongs to."""
import re

import pytest

from convention_testing import log_in


def current_tabs(html):
    nav = re.search(r'<nav class="sections".*?</nav>', html, re.S).group(0)
    return re.findall(r'<a href="[^"]*" aria-current="[^"]+">([^<]+)</a>', nav)


@pytest.mark.parametrize("path, section", [
    ("draw/", "Tirage au sort"),
    ("draw/pool", "Tirage au sort"),
    ("draw/quotas", "Tirage au sort"),
    ("draw/panel", "Tirage au sort"),
    ("contributions/import", "Contributions"),
    ("contributions/all", "Contributions"),
    ("themes/map", "Thèmes"),
    ("people", "Participants"),
    ("audit", "Journal des actions"),
])
def test_the_section_of_a_sub_page_is_highlighted(client, world, path, section):
    log_in(client, world.users["organiser"])
    response = client.get(f"/manage/{world.convention.slug}/{path}")
    assert response.status_code == 200
    assert current_tabs(response.get_data(as_text=True)) == [section]


def test_only_the_page_itself_is_the_current_page(client, world):
    log_in(client, world.users["organiser"])
    html = client.get(f"/manage/{world.convention.slug}/draw/pool").get_data(as_text=True)
    assert 'aria-current="true">Tirage au sort' in html        # its section, not the page itself
    html = client.get(f"/manage/{world.convention.slug}/draw/").get_data(as_text=True)
    assert 'aria-current="page">Tirage au sort' in html
