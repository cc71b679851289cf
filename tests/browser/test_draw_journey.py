"""The organiser's draw, in a real browser: create a convention, import the pool with its column
mapping, set the quotas, publish the fingerprints, draw (the progress shows), mark someone declined,
draw a replacement, and find the composition and the record on the public page."""
import re
from pathlib import Path

from playwright.sync_api import expect

from test_organiser_journey import _log_in

FIXTURES = Path(__file__).resolve().parents[1] / "app" / "fixtures"
TITLE = "Convention citoyenne sur l’alimentation"


def _create_convention(page):
    page.get_by_role("link", name="Nouvelle convention").click()
    page.get_by_label("Titre").fill(TITLE)
    page.get_by_label("Question posée à la convention").fill("Comment mieux manger dans la métropole ?")
    page.get_by_label("Taille du panel").fill("12")
    page.get_by_label("Publique").check()
    page.get_by_role("button", name="Créer la convention").click()
    expect(page.locator("#flashes")).to_contain_text("créée")


def _settled(page):
    """htmx has finished swapping (a screenshot in between makes it copy Playwright's inline style)."""
    expect(page.locator(".htmx-settling, .htmx-swapping, .htmx-request")).to_have_count(0)


def _steps(page, name):
    page.get_by_role("navigation", name="Étapes du tirage").get_by_role("link", name=name).click()


def _expect_bounds(page, feature, value, low, high):
    """The quota table shows these bounds (not just a page that answered); `feature` is its label."""
    expect(page.get_by_label(f"Minimum {feature} {value}", exact=True)).to_have_value(str(low))
    expect(page.get_by_label(f"Maximum {feature} {value}", exact=True)).to_have_value(str(high))


def test_draw_journey(page, screenshot):
    _log_in(page)
    _create_convention(page)
    page.get_by_role("navigation", name="Rubriques de la convention").get_by_role("link", name="Tirage au sort").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tirage au sort du panel")
    screenshot("draw-empty")

    _steps(page, "Vivier")
    page.get_by_label("Fichier du vivier").set_input_files(str(FIXTURES / "pool_draw.csv"))
    page.get_by_role("button", name="Lire le fichier").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Colonnes du fichier du vivier")
    expect(page.get_by_label("identifiant", exact=True)).to_have_value("id")
    page.get_by_label("code postal", exact=True).select_option("ignored")
    expect(page.get_by_label("Libellé de « csp » (si c’est une caractéristique)")).to_have_value("Csp")
    page.get_by_label("Libellé de « csp » (si c’est une caractéristique)").fill("Catégorie socio-professionnelle")
    screenshot("mapping")
    page.get_by_role("button", name="Importer le vivier").click()
    expect(page.locator("#flashes")).to_contain_text("90 volontaires importés")

    # Population shares with a French decimal tolerance typed in: 52.5 % of 12 seats is 6.3, ± 1.5.
    page.get_by_label("Le fichier contient").select_option("shares")
    page.get_by_label("Fichier de quotas ou de parts").set_input_files(
        {"name": "parts.csv", "mimeType": "text/csv", "buffer": b"feature,value,share_percent\ngenre,Femme,52.5\ngenre,Homme,47.5\n"})
    page.get_by_label("Tolérance pour les parts").fill("1,5")
    page.get_by_role("button", name="Importer le fichier").click()
    expect(page.locator("#flashes")).to_contain_text("Quotas lus dans parts.csv")
    _expect_bounds(page, "Genre", "Femme", 5, 8)
    _expect_bounds(page, "Genre", "Homme", 4, 7)
    expect(page.get_by_label("Tolérance pour les parts")).to_have_value("1.5")

    page.get_by_label("Fichier de quotas ou de parts").set_input_files(str(FIXTURES / "quotas_draw.csv"))
    page.get_by_label("Le fichier contient").select_option("quotas")
    page.get_by_role("button", name="Importer le fichier").click()
    expect(page.locator("#flashes")).to_contain_text("Quotas lus dans quotas_draw.csv")
    expect(page.locator("#quota-problems")).to_contain_text("Les quotas sont cohérents")
    _expect_bounds(page, "Genre", "Homme", 4, 7)
    _expect_bounds(page, "Age", "18-24", 0, 3)
    screenshot("quotas")

    _steps(page, "Vue d’ensemble")
    page.get_by_role("button", name="Publier les empreintes").click()
    expect(page.locator(".fingerprints code").first).to_have_text(re.compile(r"^[0-9a-f]{64}$"))
    page.get_by_role("button", name="Enregistrer cette graine").click()         # empty: htmx shows errors
    expect(page.locator("#seed-error")).to_be_visible()
    page.get_by_label("Graine", exact=True).fill("4242")
    page.get_by_label("Origine de la graine").fill("Loto du 2 décembre 2026 : 4 12 23 34 45")
    page.get_by_role("button", name="Enregistrer cette graine").click()
    expect(page.locator("#flashes")).to_contain_text("Graine 4242 enregistrée")

    page.get_by_role("button", name="Tirer le panel au sort").click()
    progress = page.locator(".task")
    expect(progress).to_be_visible()                                           # queued, running or done
    screenshot("draw-progress")
    expect(page.get_by_role("link", name="Voir le résultat")).to_be_visible(timeout=240_000)
    page.get_by_role("link", name="Voir le résultat").click()
    expect(page.locator("svg.composition").first).to_be_visible()
    screenshot("draw-result")

    page.get_by_role("link", name="Panel et invitations").first.click()
    rows = page.locator("table.selections tbody tr")
    expect(rows).to_have_count(12)
    first = rows.first
    declined_id = first.locator("td").first.inner_text()
    first.get_by_role("button", name=re.compile("^A décliné")).click()            # htmx swaps the row
    expect(page.locator("table.selections tbody tr").first).to_contain_text("A décliné")
    page.locator("table.selections tbody tr").nth(1).get_by_role("button", name=re.compile("^A accepté")).click()
    expect(page.locator("table.selections tbody tr").nth(1)).to_contain_text("A accepté")
    _settled(page)
    screenshot("invitations")

    page.get_by_role("button", name="Tirer 1 remplaçant·e").click()
    expect(page.get_by_role("link", name="Voir le résultat")).to_be_visible(timeout=240_000)
    page.get_by_role("link", name="Voir le résultat").click()
    expect(page.locator("table.selections tbody tr")).to_have_count(13)
    expect(page.locator("table.selections")).to_contain_text("remplaçant·e")
    expect(page.locator("tr.replaced")).to_contain_text(declined_id)
    expect(page.locator(".just-drawn-box")).to_contain_text("1 remplaçant·e juste tiré·e au sort")   # at the top
    expect(page.locator("tr.just-drawn")).to_have_count(1)                                          # highlighted
    screenshot("replacement")

    page.get_by_role("link", name=TITLE).first.click()
    expect(page.get_by_role("heading", name="Composition du panel")).to_be_visible()
    expect(page.get_by_role("heading", name="Catégorie socio-professionnelle")).to_be_visible()   # its label
    expect(page.locator(".public-draw")).to_contain_text("python -m panels verify")
    expect(page.get_by_role("link", name="procès-verbal (JSON)")).to_have_count(2)
    expect(page.locator(".public-draw")).not_to_contain_text("@exemple.fr")
    screenshot("public-page")
