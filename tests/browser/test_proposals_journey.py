"""Proposals in a real browser: a member drafts a proposal for their working group; two members
edit it at the same time and the second sees the conflict page and merges; the proposal is
submitted; a member proposes an amendment, the group accepts it and the diff shows it; the public
page shows the submitted proposal with its history."""
import re

from playwright.sync_api import expect

from convention.auth.models import Membership, Role, User
from convention.auth.services import create_user
from convention.organising.models import Convention
from convention.demo import DEMO_PASSWORD, DEMO_TITLE
from convention.extensions import db
from convention.groups.models import WorkingGroup
from test_contributions_journey import _log_in

TEXT = "La métropole publie un registre des algorithmes.\n\nLe registre est mis à jour chaque année."


def _group_of_two(live_app):
    """A working group of the demo member and a second member with a password; the convention public."""
    with live_app.app_context():
        convention = db.session.scalar(db.select(Convention).filter_by(title=DEMO_TITLE))
        convention.is_public = True
        second = db.session.scalar(db.select(User).filter_by(email="membre.trois@example.org"))
        if second is None:
            second = create_user("membre.trois@example.org", DEMO_PASSWORD, name="Inès Garnier")
            db.session.add(Membership(user=second, convention=convention, role=Role.member))
        first = db.session.scalar(db.select(User).filter_by(email="membre@example.org"))
        db.session.add(WorkingGroup(convention_id=convention.id, name="Groupe « Registre »", members=[first, second]))
        db.session.commit()
        return convention.slug


def test_proposals_journey(page, screenshot, live_app, audited_context):
    slug = _group_of_two(live_app)
    _log_in(page, "membre@example.org")
    page.goto(f"/c/{slug}/proposals")
    page.get_by_role("link", name="Rédiger une proposition").click()
    page.get_by_label("Groupe de travail").select_option(label="Groupe « Registre »")
    page.get_by_label("Titre", exact=True).fill("Registre des algorithmes de la métropole")
    page.get_by_label("Texte de la proposition").fill(TEXT)
    page.get_by_role("button", name="Enregistrer une nouvelle version").click()
    expect(page.locator("#flashes")).to_contain_text("version 1")
    proposal_url = page.url

    other = audited_context().new_page()
    _log_in(other, "membre.trois@example.org")
    page.get_by_role("link", name="Modifier le brouillon").click()
    other.goto(proposal_url + "/edit")           # both editors start from version 1
    page.get_by_label("Texte de la proposition").fill(TEXT.replace("chaque année", "chaque trimestre"))
    page.get_by_role("button", name="Enregistrer une nouvelle version").click()
    expect(page.locator("#flashes")).to_contain_text("version 2")
    other.get_by_label("Texte de la proposition").fill(TEXT.replace("un registre", "un registre public"))
    other.get_by_role("button", name="Enregistrer une nouvelle version").click()
    expect(other.get_by_role("heading", level=1)).to_have_text("Quelqu’un a enregistré avant vous")
    expect(other.locator(".conflict")).to_contain_text("trimestre")
    expect(other.locator(".conflict ins").first).to_be_visible()
    other.get_by_label("Texte de la proposition").fill(
        TEXT.replace("un registre", "un registre public").replace("chaque année", "chaque trimestre"))
    other.get_by_role("button", name="Enregistrer une nouvelle version").click()
    expect(other.locator("#flashes")).to_contain_text("version 3")
    expect(other.locator(".proposal-text")).to_contain_text("un registre public des algorithmes")
    expect(other.locator(".proposal-text")).to_contain_text("chaque trimestre")

    page.goto(proposal_url)
    page.get_by_role("button", name=re.compile("Soumise à la plénière")).click()
    expect(page.locator("#flashes")).to_contain_text("Soumise à la plénière")
    screenshot("submitted")

    other.goto(proposal_url)
    other.get_by_role("link", name="Proposer un amendement").click()
    other.evaluate("""() => {            // select "chaque trimestre" in the text shown, as a reader would
        const text = document.getElementById("proposal-source").firstChild, start = text.data.indexOf("chaque trimestre");
        const range = document.createRange();
        range.setStart(text, start); range.setEnd(text, start + "chaque trimestre".length);
        getSelection().removeAllRanges(); getSelection().addRange(range);
    }""")
    other.get_by_role("button", name="Prendre le texte sélectionné ci-dessus comme passage").click()
    expect(other.get_by_label("Passage à remplacer")).to_have_value("chaque trimestre")
    other.get_by_label("Remplacement").fill("chaque mois")
    other.get_by_label("Justification").fill("Un trimestre, c'est trop long quand un algorithme change.")
    other.get_by_role("button", name="Proposer l’amendement").click()
    expect(other.locator(".diff-inline ins")).to_contain_text("mois")
    expect(other.locator(".diff-inline del")).to_contain_text("trimestre")
    amendment_url = other.url

    page.goto(amendment_url)
    page.get_by_role("button", name="Accepter").click()
    expect(page.locator("#flashes")).to_contain_text("Amendement accepté")
    expect(page.locator(".diff-inline ins")).to_contain_text("mois")
    screenshot("amendment")

    public = audited_context().new_page()
    public.goto(f"/c/{slug}/proposals")
    public.get_by_role("link", name="Registre des algorithmes de la métropole").click()
    expect(public.locator(".proposal-text")).to_contain_text("chaque mois")
    public.get_by_role("link", name="4 versions").click()
    expect(public.get_by_role("table")).to_contain_text("Inès Garnier")
    expect(public.locator(".diff-inline ins")).to_contain_text("mois")
    expect(public.locator(".diff-inline")).to_contain_text("ajouté")
