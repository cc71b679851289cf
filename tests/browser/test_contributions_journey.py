"""Contributions in a real browser: an organiser moderates the demo queue in place (htmx), someone
contributes to the public consultation and confirms by e-mail, a member adds an idea and searches."""
import re

from playwright.sync_api import expect

from convention.demo import DEMO_EMAIL, DEMO_PASSWORD, DEMO_TITLE
from convention.extensions import db
from convention.mail.models import OutboxMessage


def _log_in(page, email):
    page.goto("/login")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page).to_have_url(re.compile(r"/dashboard$"))


def _last_link(live_app):
    with live_app.app_context():
        body = db.session.scalars(db.select(OutboxMessage.body).order_by(OutboxMessage.id.desc())).first()
    return re.search(r"https?://[^/\s]+(/c/\S+/consultation/confirm/\S+)", body).group(1)


def test_moderation_in_place(page, screenshot):
    _log_in(page, DEMO_EMAIL)
    page.get_by_role("link", name=DEMO_TITLE).first.click()
    page.get_by_role("link", name="Gérer cette convention").click()
    page.get_by_role("navigation", name="Rubriques de la convention").get_by_role("link", name="Contributions").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("File de modération")
    url = page.url
    screenshot("queue")

    first = page.locator("tbody tr").first
    first.get_by_role("button", name=re.compile("^Refuser")).click()        # no reason: the row says so
    expect(first.locator(".error")).to_have_text("Indiquez le motif du refus.")
    first.get_by_label("Motif du refus").fill("Déjà proposé en séance 2.")
    first.get_by_role("button", name=re.compile("^Refuser")).click()
    expect(page.locator("#flashes")).to_contain_text("Contribution refusée.")
    expect(first).to_contain_text("Déjà proposé en séance 2.")
    second = page.locator("tbody tr").nth(1)
    second.get_by_role("button", name=re.compile("^Publier")).click()
    expect(page.locator("#flashes")).to_contain_text("Contribution publiée.")
    expect(second).to_contain_text("Publiée")
    expect(page.locator("#contribution-counts dd").first).to_have_text("3")   # 5 waited
    expect(page.locator("#moderation-caption")).to_have_text("3 contributions en attente, les plus anciennes d’abord")
    assert page.url == url   # moderated in place, no page load
    screenshot("moderated")

    page.get_by_role("link", name="Toutes les contributions").click()
    page.get_by_label("Rechercher", exact=True).fill("reconnaissance faciale")
    page.get_by_role("button", name="Rechercher").click()
    expect(page.locator("tbody tr")).to_have_count(1)
    screenshot("search")


def test_public_consultation_and_member_contribution(page, screenshot, live_app):
    page.goto("/")
    page.get_by_role("link", name=DEMO_TITLE).first.click()
    page.get_by_role("link", name="Contribuer à la consultation").click()
    page.get_by_role("button", name="Envoyer ma contribution").click()       # empty: errors in place
    expect(page.locator("#text-error")).to_have_text("Écrivez votre idée.")
    page.get_by_label("Votre contribution").fill("Des permanences numériques dans chaque mairie de quartier.")
    page.get_by_label("Votre nom").fill("Inès")
    page.get_by_label("Adresse e-mail", exact=True).fill("ines@example.org")
    page.get_by_label(re.compile("J’accepte")).check()
    page.get_by_role("button", name="Envoyer ma contribution").click()
    expect(page.locator("#flashes")).to_contain_text("ouvrez le lien envoyé à ines@example.org")
    screenshot("consultation-sent")
    page.goto(_last_link(live_app))   # opening the link confirms nothing (mail scanners open links)
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirmez votre contribution")
    page.get_by_role("button", name="Confirmer ma contribution").click()
    expect(page.locator("#flashes")).to_contain_text("votre contribution est confirmée")

    _log_in(page, "membre@example.org")
    page.get_by_role("link", name=DEMO_TITLE).first.click()
    page.get_by_role("link", name="Ajouter une contribution").click()
    page.get_by_label("Votre contribution").fill("Un droit à parler à un humain pour chaque démarche en ligne.")
    page.get_by_label("Catégorie (facultatif)").fill("Services publics")
    page.get_by_role("button", name="Contribuer").click()
    expect(page.locator("#flashes")).to_contain_text("votre contribution est publiée")
    expect(page.locator("ul.contributions li").first).to_contain_text("Un droit à parler à un humain")
    screenshot("members-list")


def test_import_of_workshop_notes(page, screenshot):
    _log_in(page, DEMO_EMAIL)
    page.get_by_role("link", name=DEMO_TITLE).first.click()
    page.get_by_role("link", name="Gérer cette convention").click()
    page.get_by_role("navigation", name="Rubriques de la convention").get_by_role("link", name="Contributions").click()
    page.get_by_role("link", name="Importer des notes d’atelier").click()
    notes = "texte;catégorie\nUn budget participatif pour les projets numériques;Démocratie\n;Santé\n"
    page.get_by_label("Notes d’atelier").set_input_files(
        {"name": "atelier.csv", "mimeType": "text/csv", "buffer": notes.encode("cp1252")})
    page.get_by_role("button", name="Lire le fichier").click()
    expect(page.locator(".problems")).to_contain_text("Ligne 3 — Le texte est vide.")
    screenshot("import-errors")
    page.get_by_label("Notes d’atelier").set_input_files(
        {"name": "atelier.txt", "mimeType": "text/plain",
         "buffer": "- Un budget participatif pour le numérique\n- Des ateliers dans les écoles\n".encode()})
    page.get_by_label("Séance ou atelier").fill("Atelier du 12 octobre")
    page.get_by_role("button", name="Lire le fichier").click()
    expect(page.locator("table.preview tbody tr")).to_have_count(2)
    screenshot("import-preview")
    page.get_by_role("button", name="Importer 2 contributions").click()
    expect(page.locator("#flashes")).to_contain_text("2 contributions importées.")
    expect(page.locator("tbody tr").first).to_contain_text("Atelier du 12 octobre")
    screenshot("imported")
