"""Organisers moderate: a queue with counts, publish or reject with a reason in place (htmx) or by a
plain post, every decision and the consultation switch in the audit log."""
from contributions_testing import add, get
from convention_testing import log_in
from convention.audit.models import AuditEntry
from convention.contributions.models import AuthorKind, Consultation, ContributionStatus, PublicAuthor
from convention.extensions import db

HTMX = {"HX-Request": "true"}


def _moderate(client, contribution_id, headers=None, **data):
    return client.post(f"/manage/test/contributions/{contribution_id}/moderate", data=data, headers=headers)


def _actions(app):
    with app.app_context():
        return db.session.scalars(db.select(AuditEntry.action).order_by(AuditEntry.id)).all()


def test_the_queue_counts_and_lists_what_awaits_moderation(client, app, world):
    convention_id = world.convention.id
    with app.app_context():
        waiting = PublicAuthor(convention_id=convention_id, email="a@example.org")
        db.session.add(waiting)
        db.session.commit()
        waiting_id = waiting.id
    add(app, convention_id, "Publiée")
    add(app, convention_id, "Première à modérer", ContributionStatus.pending)
    add(app, convention_id, "Seconde à modérer", ContributionStatus.pending)
    add(app, convention_id, "Sans confirmation", ContributionStatus.pending, AuthorKind.public,
        public_author_id=waiting_id)
    add(app, convention_id, "Refusée", ContributionStatus.rejected)
    log_in(client, world.users["organiser"])
    page = client.get("/manage/test/contributions/").get_data(as_text=True)
    assert "<dt>À modérer</dt><dd>2</dd>" in page and "<dt>Publiées</dt><dd>1</dd>" in page
    assert "<dt>En attente de confirmation de l’adresse e-mail</dt><dd>1</dd>" in page
    assert page.index("Première à modérer") < page.index("Seconde à modérer")
    assert "Sans confirmation" not in page and "Refusée</p>" not in page
    assert "2 contributions en attente, les plus anciennes d’abord" in page


def test_publishing_in_place_with_htmx(client, app, world):
    contribution_id = add(app, world.convention.id, "À publier", ContributionStatus.pending)
    log_in(client, world.users["organiser"])
    response = _moderate(client, contribution_id, HTMX, action="approve")
    row = response.get_data(as_text=True)
    assert response.status_code == 200 and row.lstrip().startswith(f'<tr id="contribution-{contribution_id}"')
    assert "Contribution publiée." in row and 'value="approve"' not in row and 'value="reject"' in row
    counts = row[row.index('<dl class="facts counts" id="contribution-counts" hx-swap-oob="true">'):]
    assert "<dt>À modérer</dt><dd>0</dd>" in counts and "<dt>Publiées</dt><dd>1</dd>" in counts
    contribution = get(app, contribution_id)
    assert contribution.status is ContributionStatus.published
    assert contribution.moderated_by_id == world.users["organiser"].id and contribution.moderated_at
    assert _actions(app) == ["contribution.approve"]


def test_rejecting_needs_a_reason(client, app, world):
    contribution_id = add(app, world.convention.id, "Hors sujet", ContributionStatus.pending)
    log_in(client, world.users["organiser"])
    response = _moderate(client, contribution_id, HTMX, action="reject", reason="  ")
    assert response.status_code == 422 and "Indiquez le motif du refus." in response.get_data(as_text=True)
    assert get(app, contribution_id).status is ContributionStatus.pending and _actions(app) == []
    response = _moderate(client, contribution_id, HTMX, action="reject", reason="Sans rapport avec la question")
    assert response.status_code == 200 and "Sans rapport avec la question" in response.get_data(as_text=True)
    contribution = get(app, contribution_id)
    assert contribution.status is ContributionStatus.rejected
    assert contribution.rejection_reason == "Sans rapport avec la question"
    with app.app_context():
        entry = db.session.scalar(db.select(AuditEntry).filter_by(action="contribution.reject"))
        assert entry.before["status"] == "pending" and entry.after["status"] == "rejected"


def test_without_javascript_the_form_posts_and_redirects(client, app, world):
    contribution_id = add(app, world.convention.id, "Une idée", ContributionStatus.pending)
    log_in(client, world.users["organiser"])
    response = _moderate(client, contribution_id, action="reject")
    assert response.status_code == 302 and get(app, contribution_id).status is ContributionStatus.pending
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Indiquez le motif du refus." in page
    response = client.post(f"/manage/test/contributions/{contribution_id}/moderate?next=/manage/test/contributions/all",
                           data={"action": "approve"})
    assert response.status_code == 302 and response.headers["Location"] == "/manage/test/contributions/all"
    assert get(app, contribution_id).status is ContributionStatus.published
    assert _moderate(client, contribution_id, action="delete").status_code == 302   # unknown action: nothing
    assert _actions(app) == ["contribution.approve"]


def test_another_conventions_contribution_is_out_of_reach(client, app, world):
    contribution_id = add(app, world.other.id, "Ailleurs", ContributionStatus.pending)
    log_in(client, world.users["organiser"])
    assert _moderate(client, contribution_id, action="approve").status_code == 404
    assert get(app, contribution_id).status is ContributionStatus.pending


def test_all_contributions_filter_by_status_and_kind(client, app, world):
    add(app, world.convention.id, "Importée et publiée")
    add(app, world.convention.id, "Publique en attente", ContributionStatus.pending, AuthorKind.public)
    log_in(client, world.users["organiser"])
    page = client.get("/manage/test/contributions/all?status=pending").get_data(as_text=True)
    assert "Publique en attente" in page and "Importée et publiée" not in page
    page = client.get("/manage/test/contributions/all?author_kind=imported&status=bogus").get_data(as_text=True)
    assert "Importée et publiée" in page and "Publique en attente" not in page


def test_opening_and_closing_the_consultation_is_logged(client, app, world):
    log_in(client, world.users["organiser"])
    assert client.post("/manage/test/contributions/consultation", data={"is_open": "1"}).status_code == 302
    page = client.get("/manage/test/contributions/").get_data(as_text=True)
    assert "La consultation publique est ouverte." in page and "Fermer la consultation" in page
    client.post("/manage/test/contributions/consultation", data={"is_open": "1"})   # already open
    client.post("/manage/test/contributions/consultation", data={"is_open": "0"})
    assert _actions(app) == ["consultation.open", "consultation.close"]
    with app.app_context():
        assert db.session.scalar(db.select(Consultation.is_open)) is False
    log_in(client, world.users["admin"])
    page = client.get("/manage/test/audit").get_data(as_text=True)
    assert "Consultation publique ouverte" in page and "Consultation publique fermée" in page


def test_pages_full_of_contributions_are_well_formed(client, app, world):
    from test_accessibility import assert_structured

    for i, status in enumerate(list(ContributionStatus) * 2):
        add(app, world.convention.id, f"Idée {i}", status, category="Santé", source="Séance 1", tags=["ia"],
            rejection_reason="Hors sujet" if status is ContributionStatus.rejected else "")
    with app.app_context():
        db.session.add(Consultation(convention_id=world.convention.id, is_open=True))
        db.session.commit()
    log_in(client, world.users["organiser"])
    for url in ("/c/test/contributions", "/c/test/contributions?q=id%C3%A9e&status=rejected", "/c/test",
                "/c/test/consultation", "/manage/test/contributions/", "/manage/test/contributions/all",
                "/manage/test/contributions/import", "/manage/test/audit"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_structured(response.get_data(as_text=True))
