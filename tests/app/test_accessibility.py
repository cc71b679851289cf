"""Structural accessibility checks of every page: landmarks, one h1, labelled fields, unique ids."""
from collections import Counter
from html.parser import HTMLParser

import pytest

from convention_testing import log_in
from test_access_matrix import MATRIX, urls  # noqa: F401  (the fixture is reused)

PAGES = sorted({url for method, _endpoint, url, expected in MATRIX if method == "GET" and expected["admin"] == 200
                and not url.endswith((".csv", ".json", ".ics", "/photo", "/questions")) and "/documents/" not in url})
# (downloads, and the fragment a hearing polls, are not pages)


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = Counter()
        self.ids = Counter()
        self.label_targets = set()
        self.fields = []
        self.lang = None
        self.open_labels = 0
        self.attributes = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags[tag] += 1
        if "id" in attrs:
            self.ids[attrs["id"]] += 1
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "label":
            self.open_labels += 1
            if "for" in attrs:
                self.label_targets.add(attrs["for"])
        if tag in ("input", "select", "textarea") and attrs.get("type") not in ("hidden", "submit"):
            self.fields.append({**attrs, "inside_label": self.open_labels > 0})
        self.attributes += [(tag, name, value) for name, value in attrs.items()]

    def handle_endtag(self, tag):
        if tag == "label":
            self.open_labels -= 1


@pytest.mark.parametrize("url", PAGES)
def test_page_structure(client, world, urls, url):  # noqa: F811
    log_in(client, world.users["admin"])
    assert_structured(client.get(url.format(**urls)).get_data(as_text=True))


def assert_structured(html):
    """The structural checks of a page (also used by domains' tests on pages full of data)."""
    page = Page()
    page.feed(html)
    assert page.lang in ("fr", "en")
    for landmark in ("header", "nav", "main", "footer"):
        assert page.tags[landmark] >= 1, landmark
    assert page.tags["h1"] == 1
    assert [i for i, n in page.ids.items() if n > 1] == []
    unlabelled = [f for f in page.fields if f.get("id") not in page.label_targets and not f["inside_label"]]
    assert unlabelled == []
    assert [a for a in page.attributes if a[2] == "None"] == [], "an attribute rendered from None"
    assert page.tags["caption"] == page.tags["table"], "every table has a caption (visually hidden or not)"
