"""Themes in a real browser: a member contributes; the organiser computes the themes (the progress
shows while the model loads in the worker thread), merges two themes after a confirmation, renames
one, forms a working group from it with the member, whose page lists the theme's contributions;
the member finds the group on the convention's page."""
import re

from playwright.sync_api import expect

from convention.demo import DEMO_EMAIL, DEMO_TITLE
from test_contributions_journey import _log_in

IDEA = "Un registre public des algorithmes de la métropole, mis à jour chaque année."


def _log_out(page):
    page.get_by_role("button", name="Se déconnecter").click()


def _themes(page):
    page.get_by_role("navigation", name="Rubriques de la convention").get_by_role("link", name="Thèmes").click()


def test_themes_journey(page, screenshot):
    _log_in(page, "membre@example.org")
    page.get_by_role("link", name=DEMO_TITLE).first.click()
    page.get_by_role("link", name="Ajouter une contribution").click()
    page.get_by_label("Votre contribution").fill(IDEA)
    page.get_by_role("button", name="Contribuer").click()
    expect(page.locator("#flashes")).to_contain_text("votre contribution est publiée")
    _log_out(page)

    _log_in(page, DEMO_EMAIL)
    page.get_by_role("link", name=DEMO_TITLE).first.click()
    page.get_by_role("link", name="Gérer cette convention").click()
    _themes(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Thèmes")
    expect(page.locator(".empty")).to_contain_text("Aucun thème")
    page.get_by_label("Nombre maximal de thèmes").fill("8")
    page.get_by_role("button", name="Calculer les thèmes").click()
    expect(page.locator(".task")).to_be_visible()                  # queued, running or done
    screenshot("progress", full_page=False)
    expect(page.get_by_role("link", name="Voir le résultat")).to_be_visible(timeout=120000)
    page.get_by_role("link", name="Voir le résultat").click()
    cards = page.locator(".theme-card")
    expect(cards.first).to_be_visible()
    count = cards.count()
    assert count >= 2
    expect(page.locator(".run")).to_contain_text("lues pour la première fois")     # said in plain words
    screenshot("themes")

    page.get_by_role("link", name="Carte des contributions").click()
    expect(page.locator("svg.contributions-map circle.map-dot").first).to_be_visible()
    screenshot("map")

    _themes(page)
    page.locator(".theme-card h3 a").first.click()
    page.get_by_label("Nombre de parties").fill("1")
    page.get_by_role("button", name="Scinder le thème").click()              # htmx swaps in the error
    expect(page.locator("#parts-error")).to_be_visible()
    page.get_by_label("Fusionner avec").select_option(index=1)
    page.get_by_role("button", name="Fusionner…").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Fusionner « .* » dans « .* »\u202f?"))
    screenshot("merge-confirmation")
    page.get_by_role("button", name="Fusionner les thèmes").click()
    expect(page.locator("#flashes")).to_contain_text("Thèmes fusionnés")

    page.get_by_label("Nom", exact=True).fill("L’IA dans les services publics")
    page.get_by_role("button", name="Enregistrer le thème").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("L’IA dans les services publics")
    size = int(re.match(r"(\d+)", page.locator(".section-body > p").nth(1).inner_text()).group(1))
    screenshot("theme")
    _themes(page)
    expect(page.locator(".theme-card")).to_have_count(count - 1)

    page.get_by_role("link", name="L’IA dans les services publics").click()
    page.get_by_role("link", name="Créer un groupe de travail").click()
    expect(page.get_by_label(re.compile("L’IA dans les services publics"))).to_be_checked()
    page.get_by_label("Nom", exact=True).fill("Groupe services publics")
    page.get_by_label("Julie Moreau").check()
    screenshot("group-form")
    page.get_by_role("button", name="Créer le groupe").click()
    expect(page.locator("#flashes")).to_contain_text("Groupe de travail « Groupe services publics » créé")
    expect(page.get_by_role("heading", level=1)).to_have_text("Groupe services publics")
    rows = page.locator("table.group-contributions tbody tr")
    expect(rows).to_have_count(min(size, 25))
    expect(page.get_by_role("region", name="Membres")).to_contain_text("Julie Moreau")
    expect(page.get_by_role("heading", name="Équilibre du groupe")).to_be_visible()   # the demo panel is drawn
    screenshot("group")
    slug = re.search(r"/c/([^/]+)/groups/", page.url).group(1)
    page.goto(f"/manage/{slug}/audit")
    expect(page.locator("main")).to_contain_text("Thèmes fusionnés")
    screenshot("audit")
    _log_out(page)

    _log_in(page, "membre@example.org")
    page.get_by_role("link", name=DEMO_TITLE).first.click()
    page.get_by_role("link", name="Groupe services publics").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Groupe services publics")
    screenshot("member-group")
