"""Members' contributions: the list members and the public read, adding one, search, filters, exports."""
import csv
import io
import json

import pytest

from contributions_testing import add, count, get
from convention_testing import log_in
from convention.audit.models import AuditEntry
from convention.contributions.models import AuthorKind, ContributionStatus
from convention.extensions import db


def test_a_member_adds_a_published_contribution(client, app, world):
    log_in(client, world.users["member"])
    response = client.post("/c/test/contributions", data={
        "text": "  Garder un accueil   humain\n dans chaque mairie.  ", "category": "Services publics",
        "tags": "accueil, humain; accueil", "source": "Séance 1"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/c/test/contributions")
    with app.app_context():
        entry = db.session.scalar(db.select(AuditEntry).filter_by(action="contribution.create"))
        assert entry.actor_id == world.users["member"].id
        contribution_id = int(entry.object_id)
    contribution = get(app, contribution_id)
    assert contribution.text == "Garder un accueil humain dans chaque mairie."
    assert contribution.tags == ["accueil", "humain"] and contribution.source == "Séance 1"
    assert contribution.status is ContributionStatus.published
    assert contribution.author_kind is AuthorKind.member
    page = client.get("/c/test/contributions").get_data(as_text=True)
    assert "Garder un accueil humain dans chaque mairie." in page and "Membre" in page


def test_an_empty_contribution_is_refused(client, app, world):
    log_in(client, world.users["member"])
    response = client.post("/c/test/contributions", data={"text": "   "})
    assert response.status_code == 422 and "Écrivez votre idée." in response.get_data(as_text=True)
    response = client.post("/c/test/contributions", data={"text": "x" * 2001}, headers={"HX-Request": "true"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and page.lstrip().startswith("<form") and 'aria-invalid="true"' in page
    assert count(app) == 0


def test_members_see_published_contributions_and_their_own(client, app, world):
    convention_id = world.convention.id
    add(app, convention_id, "Une idée publiée")
    add(app, convention_id, "Une idée en attente", ContributionStatus.pending, AuthorKind.public)
    add(app, convention_id, "Mon idée refusée", ContributionStatus.rejected, AuthorKind.member,
        author_user_id=world.users["member"].id, rejection_reason="Hors sujet")
    add(app, convention_id, "L'idée refusée d'un autre", ContributionStatus.rejected, AuthorKind.member,
        author_user_id=world.users["organiser"].id)
    log_in(client, world.users["member"])
    page = client.get("/c/test/contributions").get_data(as_text=True)
    assert "Une idée publiée" in page and "Mon idée refusée" in page and "Hors sujet" in page
    assert "en attente" not in page and "d'un autre" not in page
    log_in(client, world.users["expert"])
    page = client.get("/c/test/contributions").get_data(as_text=True)
    assert "Une idée publiée" in page and "Mon idée refusée" not in page
    assert 'id="contribute-form"' not in page   # experts read, members and organisers contribute


def test_search_ignores_case_and_accents_and_filters_combine(client, app, world):
    convention_id = world.convention.id
    add(app, convention_id, "Former les enseignants des ÉCOLES à l'IA", category="École", source="Atelier 2")
    add(app, convention_id, "Une école sans surveillance des élèves", category="École", source="Atelier 1")
    add(app, convention_id, "Des médecins formés aux outils", category="Santé", source="Atelier 2")
    log_in(client, world.users["member"])

    def texts(query):
        page = client.get("/c/test/contributions?" + query).get_data(as_text=True)
        found = {"ÉCOLES": "les enseignants", "sans surveillance": "surveillance des élèves",
                 "médecins": "formés aux outils"}
        return {name for name, text in found.items() if text in page}

    assert texts("q=%C3%A9cole") == {"ÉCOLES", "sans surveillance"}   # "école": French stems, or LIKE
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        assert texts("q=%C3%A9coles") == {"ÉCOLES", "sans surveillance"}   # French stemming: plurals
        assert texts("q=%22sans+surveillance%22+-m%C3%A9decins") == {"sans surveillance"}   # web syntax
    else:
        assert texts("q=ECOLES") == {"ÉCOLES"}   # LIKE, without case or accents
    assert texts("q=m%C3%A9decins+outils") == {"médecins"}
    assert texts("q=m%C3%A9decins+%C3%A9cole") == set()   # every word must match
    assert texts("category=%C3%89cole&source=Atelier+2") == {"ÉCOLES"}
    assert texts("q=%C3%A9cole&source=Atelier+1") == {"sans surveillance"}
    assert texts("author_kind=member") == set()
    assert "Aucune contribution ne correspond" in client.get("/c/test/contributions?q=introuvable").get_data(as_text=True)


def test_the_list_paginates(client, app, world):
    for i in range(30):
        add(app, world.convention.id, f"Idée numéro {i:02d}")
    log_in(client, world.users["member"])
    first = client.get("/c/test/contributions").get_data(as_text=True)
    assert "Idée numéro 29" in first and "Idée numéro 04" not in first and 'rel="next"' in first
    second = client.get("/c/test/contributions?page=2").get_data(as_text=True)
    assert "Idée numéro 04" in second and "Idée numéro 29" not in second


def test_exports_give_organisers_everything_and_others_the_published(client, app, world):
    convention_id = world.convention.id
    add(app, convention_id, "Publiée, « avec » des guillemets; et un point-virgule", category="Santé",
        tags=["santé", "ia"])
    add(app, convention_id, "En attente", ContributionStatus.pending)
    add(app, convention_id, '=HYPERLINK("http://evil.example","Cliquez")', category="@SUM(A1)")
    log_in(client, world.users["member"])
    response = client.get("/c/test/contributions/export.csv")
    assert response.mimetype == "text/csv" and "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert [r["text"] for r in rows] == ["Publiée, « avec » des guillemets; et un point-virgule",
                                         '\'=HYPERLINK("http://evil.example","Cliquez")']   # inert in Excel
    assert rows[0]["tags"] == "santé, ia" and "author" not in rows[0] and rows[1]["category"] == "'@SUM(A1)"
    log_in(client, world.users["organiser"])
    data = json.loads(client.get("/c/test/contributions/export.json").get_data(as_text=True))
    assert [d["status"] for d in data] == ["published", "pending", "published"] and "author" in data[0]
    assert data[2]["text"].startswith("=HYPERLINK")   # JSON keeps the text as it is
    filtered = json.loads(client.get("/c/test/contributions/export.json?status=pending").get_data(as_text=True))
    assert [d["text"] for d in filtered] == ["En attente"]
    assert client.get("/c/test/contributions/export.xml").status_code == 404
    # The members' page offers organisers the published ones, as it says; their own page offers all.
    assert "/c/test/contributions/export.csv?status=published" in client.get("/c/test/contributions").get_data(as_text=True)
    assert "/c/test/contributions/export.csv\"" in client.get("/manage/test/contributions/all").get_data(as_text=True)


def test_the_public_page_links_to_the_contributions(client, app, world):
    add(app, world.convention.id, "Une idée publiée")
    log_in(client, world.users["member"])
    page = client.get("/c/test").get_data(as_text=True)
    assert "1 contribution publiée." in page and "/c/test/contributions" in page


def test_postgresql_searches_through_the_french_index(app):
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        pytest.skip("the full-text index exists on PostgreSQL only")
    from convention.contributions import search
    from convention.contributions.models import Contribution

    with app.test_request_context():
        query = search.matching(db.select(Contribution.id), "écoles publiques")
        db.session.execute(db.text("SET LOCAL enable_seqscan = off"))   # a tiny table: make the planner choose
        plan = db.session.execute(db.text("EXPLAIN " + str(query.compile(
            db.engine, compile_kwargs={"literal_binds": True})))).scalars().all()
    assert any("ix_contributions_text_fts" in line for line in plan), plan


def test_the_pages_read_in_english(client, app, world):
    add(app, world.convention.id, "Une idée publiée", category="Santé")
    log_in(client, world.users["member"])
    client.post("/language", data={"locale": "en"})
    page = client.get("/c/test/contributions").get_data(as_text=True)
    assert '<html lang="en">' in page and "Add a contribution" in page and "Workshop notes" in page
    assert "1 contribution" in page and "Ajouter une contribution" not in page
