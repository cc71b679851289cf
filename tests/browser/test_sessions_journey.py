"""Sessions and hearings in a real browser: the organiser plans a session with its agenda and a
hearing; the expert fills in the declaration of interests and uploads a document; two members ask
and up-vote questions; the organiser marks one answered; the public hearing page shows it; the ICS
feed parses back with the right times; attendance taps made offline are sent when the connection
comes back."""
import re
from datetime import datetime

import icalendar
from playwright.sync_api import expect

from convention.auth.models import Membership, Role
from convention.auth.services import create_user
from convention.organising.models import Convention
from convention.demo import DEMO_EMAIL, DEMO_PASSWORD, DEMO_TITLE
from convention.extensions import db
from conftest import ARTIFACTS
from test_contributions_journey import _log_in

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
TOPIC = "Vidéosurveillance algorithmique : ce que dit le droit"


def _log_out(page):
    page.get_by_role("button", name="Se déconnecter").click()


def _second_member(live_app):
    """A second panel member with a password (the demo's other members have not set theirs)."""
    with live_app.app_context():
        convention = db.session.scalar(db.select(Convention).filter_by(title=DEMO_TITLE))
        user = create_user("membre.deux@example.org", DEMO_PASSWORD, name="Karim Haddad")
        db.session.add(Membership(user=user, convention=convention, role=Role.member))
        db.session.commit()
        return convention.slug


def _section(page, name):
    page.get_by_role("navigation", name="Rubriques de la convention").get_by_role("link", name=name).click()


def test_sessions_and_hearings_journey(page, screenshot, live_app, audited_context):
    slug = _second_member(live_app)
    _log_in(page, DEMO_EMAIL)
    page.goto(f"/manage/{slug}/")
    _section(page, "Séances")
    page.get_by_role("link", name="Programmer une séance").click()
    page.get_by_label("Titre", exact=True).fill("Séance 4 : surveiller l'espace public ?")
    page.get_by_label("Jour", exact=True).fill("2027-06-12")
    page.get_by_label("Heure de début", exact=True).fill("09:30")
    page.get_by_label("Heure de fin", exact=True).fill("12:30")
    page.get_by_label("Lieu (adresse)", exact=True).fill("Médiathèque Émile Zola, Montpellier")
    page.get_by_role("checkbox", name=re.compile("Publiée")).check()
    page.get_by_role("button", name="Programmer la séance").click()
    expect(page.locator("#flashes")).to_contain_text("Composez maintenant son ordre du jour")
    agenda = page.locator("#item-form")
    agenda.get_by_label("Titre", exact=True).fill("Accueil")
    agenda.get_by_label("Durée (minutes)", exact=True).fill("30")
    page.get_by_role("button", name="Ajouter à l’ordre du jour").click()
    expect(page.locator(".agenda")).to_contain_text("09:30–10:00")
    agenda = page.locator("#item-form")
    agenda.get_by_label("Type", exact=True).select_option(label="Audition")
    agenda.get_by_label("Titre", exact=True).fill("Audition sur la vidéosurveillance")
    agenda.get_by_label("Durée (minutes)", exact=True).fill("120")
    page.get_by_role("button", name="Ajouter à l’ordre du jour").click()
    expect(page.locator(".agenda")).to_contain_text("10:00–12:00")
    page.get_by_role("button", name=re.compile("Monter «.Audition sur la vidéosurveillance")).click()
    expect(page.locator(".agenda tbody tr").first).to_contain_text("Audition sur la vidéosurveillance")
    expect(page.locator(".agenda")).to_contain_text("11:30–12:00")
    # Dragging a row (agenda-order.js) posts the new order; the agenda comes back with its times.
    rows = page.locator(".agenda tbody tr")
    rows.filter(has_text="Accueil").drag_to(rows.first, target_position={"x": 5, "y": 2})
    expect(rows.first).to_contain_text("Accueil")
    expect(page.locator(".agenda")).to_contain_text("10:00–12:00")
    page.reload()
    expect(page.locator(".agenda tbody tr").first).to_contain_text("Accueil")
    screenshot("session")

    _section(page, "Auditions")
    page.get_by_role("link", name="Programmer une audition").click()
    page.get_by_label("Sujet", exact=True).fill(TOPIC)
    page.get_by_label("Point de l’ordre du jour", exact=True).select_option(
        label="Séance 4 : surveiller l'espace public ? · Audition sur la vidéosurveillance")
    page.get_by_role("checkbox", name=re.compile("Dr Aïcha Benali")).check()
    page.get_by_role("checkbox", name=re.compile("Publiée")).check()
    page.get_by_role("button", name="Programmer l’audition").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(TOPIC)
    hearing_url = page.url
    _log_out(page)

    # The expert declares her interests and uploads her slides.
    _log_in(page, "experte@example.org")
    page.goto(f"/c/{slug}/expert/declaration")
    page.locator("#interests-0-kind").select_option("funding")
    page.locator("#interests-0-organisation").fill("Fondation pour l'éthique du numérique")
    page.locator("#interests-0-starts_on").fill("2023-01-01")
    page.get_by_label("Autres intérêts, avec vos mots", exact=True).fill("Aucun autre lien.")
    page.get_by_role("button", name="Publier ma déclaration").click()
    expect(page.locator("#flashes")).to_contain_text("publiée avec vos auditions")
    page.goto(hearing_url)
    page.locator("#hearing-document-form").get_by_label("Titre", exact=True).fill("Diapositives de l'audition")
    page.locator("#hearing-document-form input[type=file]").set_input_files(
        {"name": "diapositives.pdf", "mimeType": "application/pdf", "buffer": PDF})
    page.get_by_role("button", name="Ajouter un document à l’audition").click()
    expect(page.locator("#documents")).to_contain_text("Diapositives de l'audition")
    _log_out(page)

    # Two members ask; the second supports the first's question.
    _log_in(page, "membre@example.org")
    page.goto(hearing_url)
    page.get_by_label("Votre question", exact=True).fill("Qui contrôle les caméras qui reconnaissent les visages ?")
    page.get_by_role("button", name="Poser la question").click()
    expect(page.locator("#queue")).to_contain_text("Qui contrôle les caméras")
    _log_out(page)
    _log_in(page, "membre.deux@example.org")
    page.goto(hearing_url)
    page.get_by_label("Votre question", exact=True).fill("Combien coûte ce système à la métropole ?")
    page.get_by_role("button", name="Poser la question").click()
    first = page.locator(".question", has_text="Qui contrôle les caméras")
    first.get_by_role("button", name=re.compile("^Soutenir")).click()          # htmx swaps the queue
    expect(page.locator(".question").first).to_contain_text("Qui contrôle les caméras")
    expect(page.locator(".question").first).to_contain_text("1 soutien")
    expect(page.locator(".question").first.get_by_role("button", name=re.compile("^Soutenir"))).to_have_attribute(
        "aria-pressed", "true")
    screenshot("questions")
    _log_out(page)

    # The organiser marks the most supported question answered.
    _log_in(page, DEMO_EMAIL)
    page.goto(hearing_url)
    page.locator(".question").first.get_by_role("button", name=re.compile("^Marquer répondue")).click()
    expect(page.locator(".question").first).to_contain_text("Répondue")
    _log_out(page)

    # The public reads the hearing: the experts' declaration and the question answered.
    public = audited_context().new_page()
    public.goto(hearing_url)
    expect(public.locator("#questions")).to_contain_text("Qui contrôle les caméras")
    expect(public.locator(".declaration").first).to_contain_text("Fondation pour l'éthique du numérique")
    expect(public.locator("#question-form")).to_have_count(0)

    # The calendar feed has the session at 09:30 in Paris.
    feed = public.request.get(f"/c/{slug}/agenda.ics")
    calendar = icalendar.Calendar.from_ical(feed.body())
    [event] = [e for e in calendar.walk("VEVENT") if "surveiller" in str(e["SUMMARY"])]
    start = event.decoded("DTSTART")
    assert start.replace(tzinfo=None) == datetime(2027, 6, 12, 9, 30) and str(start.tzinfo) == "Europe/Paris"
    assert start.utcoffset().total_seconds() == 7200                   # summer time


def test_attendance_taps_made_offline_are_sent_later(live_app, audited_context):
    context = audited_context(viewport={"width": 390, "height": 844})
    phone = context.new_page()
    _log_in(phone, DEMO_EMAIL)
    with live_app.app_context():
        convention = db.session.scalar(db.select(Convention).filter_by(title=DEMO_TITLE))
        from convention.sessions.models import Meeting
        meeting = db.session.scalars(db.select(Meeting).filter_by(convention_id=convention.id)
                                     .order_by(Meeting.starts_at)).all()[1]
        slug, meeting_id = convention.slug, meeting.id
    phone.goto(f"/manage/{slug}/sessions/{meeting_id}/attendance")
    row = phone.locator("tr", has_text="Julie Moreau")
    row.get_by_role("button", name="Présent·e").click()
    expect(row.get_by_role("button", name="Présent·e")).to_have_attribute("aria-pressed", "true")
    context.set_offline(True)
    row = phone.locator("tr", has_text="Julie Moreau")
    row.get_by_role("button", name="Excusé·e").click()
    expect(phone.locator(".offline-notice")).to_be_visible()
    expect(row.get_by_role("button", name="Excusé·e")).to_have_attribute("aria-pressed", "true")
    context.set_offline(False)
    expect(phone.locator(".offline-notice")).to_be_hidden()
    with live_app.app_context():
        from convention.sessions.models import Attendance, AttendanceStatus
        marks = db.session.scalars(db.select(Attendance).filter_by(meeting_id=meeting_id)).all()
        julie = [a for a in marks if a.user.display_name == "Julie Moreau"]
        assert [a.status for a in julie] == [AttendanceStatus.excused]
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(ARTIFACTS / "attendance-390.png"), full_page=True)
    assert phone.evaluate("document.scrollingElement.scrollWidth") <= 390
