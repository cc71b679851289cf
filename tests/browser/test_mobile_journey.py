"""The demo convention on a phone (390 px wide): no page scrolls sideways, a stacked table keeps its
column names, the charts' text is drawn at a readable size; axe checks each page at that size."""
import pytest
from playwright.sync_api import expect

from convention.demo import DEMO_EMAIL, DEMO_TITLE
from test_contributions_journey import _log_in

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def page(audited_context):
    """This module's page is a phone's (the screenshots are of it)."""
    return audited_context(viewport=PHONE).new_page()


def _fits(page):
    width = page.evaluate("document.scrollingElement.scrollWidth")
    wide = page.evaluate("""() => [...document.querySelectorAll("main *")]
        .filter(e => e.getBoundingClientRect().right > innerWidth && !(e.parentElement && e.parentElement.closest(".scroll, pre")))
        .slice(0, 5).map(e => e.tagName + "." + e.className + " " + Math.round(e.getBoundingClientRect().left) + "-"
                         + Math.round(e.getBoundingClientRect().right) + " " + (e.textContent || "").slice(0, 40))""")
    assert width <= PHONE["width"], f"{page.url} is {width} px wide: {wide}"


def _chart_text_size(page):
    """The rendered size, in CSS pixels, of the first visible chart's label text."""
    return page.evaluate("""() => {
        const svg = [...document.querySelectorAll("svg.composition")].find(s => s.getClientRects().length);
        const text = svg.querySelector(".chart-label");
        return parseFloat(getComputedStyle(text).fontSize) * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    }""")


def test_public_page_on_a_phone(page, screenshot):
    page.goto("/")
    page.get_by_role("link", name=DEMO_TITLE).first.click()
    expect(page.get_by_role("heading", name="Composition du panel")).to_be_visible()
    _fits(page)
    assert _chart_text_size(page) >= 12
    cell = page.locator(".composition-table td[data-label]").first
    label = cell.evaluate("td => getComputedStyle(td, '::before').content")
    assert label == '"Membres"'
    expect(page.locator(".public-draw pre")).to_have_attribute("tabindex", "0")
    screenshot("public-page")


def test_organiser_pages_on_a_phone(page, screenshot):
    _log_in(page, DEMO_EMAIL)
    page.get_by_role("link", name=DEMO_TITLE).first.click()
    page.get_by_role("link", name="Gérer cette convention").click()
    manage = page.url.rstrip("/")
    for path, step in [("", "manage"), ("/draw/", "draw"), ("/draw/panel", "panel"), ("/draw/pool", "pool"),
                       ("/contributions/", "moderation"), ("/themes/", "themes"), ("/groups/", "groups"),
                       ("/audit", "audit")]:
        page.goto(manage + path)
        screenshot(step)
        _fits(page)
