"""An organiser logs in, creates a convention, finds it in the dashboard and on its public page,
then reads the site in English. Screenshots of each step go to test-artifacts/."""
import re

from playwright.sync_api import expect

from convention.demo import DEMO_EMAIL, DEMO_PASSWORD

TITLE = "Convention citoyenne sur la mobilité"


def _log_in(page):
    page.goto("/login")
    page.get_by_label("Adresse e-mail").fill(DEMO_EMAIL)
    page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page).to_have_url(re.compile(r"/dashboard$"))


def test_organiser_creates_a_convention(page, screenshot):
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    screenshot("home")
    page.goto("/login")
    screenshot("login")

    _log_in(page)
    expect(page.get_by_role("heading", name="Mes conventions")).to_be_visible()

    page.get_by_role("link", name="Nouvelle convention").click()
    page.get_by_role("button", name="Créer la convention").click()      # empty: htmx swaps in the errors
    expect(page.locator("#title-error")).to_have_text("Ce champ est requis.")
    expect(page.get_by_label("Titre")).to_have_attribute("aria-invalid", "true")
    screenshot("validation")

    page.get_by_label("Titre").fill(TITLE)
    page.get_by_label("Question posée à la convention").fill("Comment nous déplacerons-nous en 2040 ?")
    page.get_by_label("Première séance").fill("2027-03-06")
    page.get_by_label("Dernière séance").fill("2027-06-26")
    page.get_by_label("Taille du panel").fill("50")
    page.get_by_label("Publique").check()
    page.get_by_role("button", name="Créer la convention").click()
    expect(page.locator("#flashes")).to_contain_text("créée")
    expect(page.get_by_role("navigation", name="Rubriques de la convention")).to_be_visible()
    screenshot("manage")
    for tab in page.get_by_role("navigation", name="Rubriques de la convention").get_by_role("link").all():
        lines = tab.evaluate("a => { const r = document.createRange(); r.selectNodeContents(a); "
                             "return new Set([...r.getClientRects()].map(box => Math.round(box.top))).size }")
        assert lines == 1, f"the tab {tab.inner_text()!r} wraps"

    page.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Mon espace").click()
    expect(page.get_by_role("link", name=TITLE, exact=True)).to_be_visible()
    screenshot("dashboard")

    page.get_by_role("link", name=TITLE, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator(".question")).to_have_text("Comment nous déplacerons-nous en 2040 ?")
    expect(page.locator(".meta")).to_contain_text("Du 6 mars 2027 au 26 juin 2027")

    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="The question")).to_be_visible()
    screenshot("public-page-english")

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/dashboard")
    expect(page.get_by_role("link", name=TITLE, exact=True)).to_be_visible()
    screenshot("dashboard-mobile")


def test_pages_work_without_javascript(browser, base_url):
    context = browser.new_context(base_url=base_url, java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    _log_in(page)
    page.get_by_role("link", name="Nouvelle convention").click()
    page.get_by_role("button", name="Créer la convention").click()
    expect(page.locator("#title-error")).to_be_visible()
    context.close()


def test_keyboard_users_can_skip_to_the_content(page):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Aller au contenu")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()


def test_invited_member_sets_a_password(page, audited_context, screenshot):
    _log_in(page)
    page.goto("/manage/convention-citoyenne-sur-l-intelligence-artificielle/people")
    page.get_by_label("Adresse e-mail").fill("pas-une-adresse")
    page.get_by_role("button", name="Envoyer l’invitation").click()
    expect(page.locator("#email-error")).to_be_visible()
    page.get_by_label("Adresse e-mail").fill("lea.dubois@example.org")
    page.get_by_label("Nom", exact=True).fill("Léa Dubois")
    page.get_by_label("Rôle").select_option("member")
    page.get_by_role("button", name="Envoyer l’invitation").click()
    expect(page.locator("#flashes")).to_contain_text("Invitation envoyée à lea.dubois@example.org")
    screenshot("people")

    page.goto("/admin/outbox")
    page.locator("summary").first.click()
    link = re.search(r"http://\S+/invitation/\S+", page.locator(".mail-body").first.inner_text()).group(0)

    invited = audited_context().new_page()
    invited.goto(link)
    invited.get_by_label("Choisissez un mot de passe").fill("un mot de passe solide")
    invited.get_by_label("Répétez le mot de passe").fill("un mot de passe solide")
    invited.get_by_role("button", name="Accepter l’invitation").click()
    expect(invited).to_have_url(re.compile(r"/dashboard$"))
    expect(invited.get_by_role("cell", name="Conventionné·e")).to_be_visible()
