"""The log page reads as sentences: objects named, coded values, numbers, lists and probabilities
written for people, and nothing logged for a change that changed nothing."""
import re

from convention_testing import log_in
from draw_testing import drawn, import_pool, make_quotas_infeasible, set_panel_size
from themes_testing import add_contributions, run_clustering, themes
from convention.audit import services as audit
from convention.audit.models import AuditEntry
from convention.contributions.models import ContributionStatus
from convention.organising.models import Convention
from convention.extensions import db
from convention.groups import services as groups


def _page(client, language="fr"):
    return client.get("/manage/test/audit", headers={"Accept-Language": language}).get_data(as_text=True)


def _entries(app, action):
    with app.app_context():
        return db.session.scalars(db.select(AuditEntry).filter_by(action=action)).all()


def test_draw_entries_read_as_sentences(client, app, world):
    set_panel_size(app, world.convention.id)
    log_in(client, world.users["organiser"])
    drawn(client, "test")
    with app.app_context():
        convention = db.session.get(Convention, world.convention.id)
        audit.record("draw.replace_start", None, convention=convention, after={"declined": 2})
        db.session.commit()
        probability = _entries(app, "draw.run")[0].after["min_probability"]
    page = _page(client)
    assert "<ins>d’après un fichier de quotas</ins>" in page and "<ins>file</ins>" not in page
    assert "<dt>Méthode</dt>" in page and "<dt>Comment</dt>" not in page
    shown = f"{100 * probability:.2f}".rstrip("0").rstrip(".").replace(".", ",") + "\N{NO-BREAK SPACE}%"
    assert f"<ins>{shown}</ins>" in page, shown
    assert "<dt>Places à pourvoir</dt>" in page and "A décliné" not in page.split("<tbody>")[1]
    assert "Vivier « vivier.csv »" in page


def test_objects_are_named_and_lists_joined(client, app, world):
    add_contributions(app, world.convention.id)
    log_in(client, world.users["organiser"])
    run_clustering(client, "test", k=3)
    (first, *_), (second, *_), _third = themes(app)
    with app.app_context():
        convention = db.session.get(Convention, world.convention.id)
        group = groups.create(convention, {"name": "Groupe école", "description": "", "themes": [first],
                                           "members": []})
        audit.record("themes.split", None, convention=convention, after={"sizes": [12, 1500]})
        db.session.commit()
        contribution = themes(app)[0][3][0]
    response = client.post(f"/manage/test/themes/{first}/contributions/{contribution}/move",
                           data={f"move-{contribution}-theme": str(second)})
    assert response.status_code == 302
    page = _page(client)
    assert "Groupe de travail « Groupe école »" in page and "WorkingGroup" not in page
    assert "Thème « " in page and "Theme #" not in page and not re.search(r"(?<!&)#\d", page.split("<tbody>")[1])
    assert "<ins>12, 1\N{NARROW NO-BREAK SPACE}500</ins>" in page and "[12" not in page
    moved = _entries(app, "themes.move")[0]
    assert set(moved.after) == {"theme"}, "the contribution is the object, not a change"
    english = _page(client, "en")
    assert "Working group “Groupe école”" in english and "Theme “" in english


def test_a_moderation_that_changes_nothing_is_not_logged(client, app, world):
    [contribution] = add_contributions(app, world.convention.id, ["Des bancs à l’ombre."],
                                       status=ContributionStatus.pending)
    log_in(client, world.users["organiser"])
    url = f"/manage/test/contributions/{contribution}/moderate"
    assert client.post(url, data={"action": "approve"}).status_code == 302
    assert client.post(url, data={"action": "approve"}).status_code == 302
    [entry] = _entries(app, "contribution.approve")
    assert entry.after == {"status": "published"} and entry.before == {"status": "pending"}
    page = _page(client)
    assert "Contribution « Des bancs à l’ombre. »" in page
    assert "<del>En attente de modération</del> <ins>Publiée</ins>" in page


def test_dates_read_as_dates(client, app, world):
    with app.app_context():
        convention = db.session.get(Convention, world.convention.id)
        audit.record("convention.update", convention, convention=convention, before={"starts_on": None},
                      after={"starts_on": "2027-01-09"})
        db.session.commit()
    log_in(client, world.users["organiser"])
    page = _page(client)
    assert "<ins>9 janvier 2027</ins>" in page and "2027-01-09" not in page


def test_relaxed_quotas_read_as_sentences(client, app, world):
    set_panel_size(app, world.convention.id)
    log_in(client, world.users["organiser"])
    import_pool(client, "test")
    make_quotas_infeasible(app)
    assert client.post("/manage/test/draw/publish", data={}).status_code == 302
    client.post("/manage/test/draw/seed/generate")
    client.post("/manage/test/draw/run", data={"algorithm": "leximin"})
    assert client.post("/manage/test/draw/relax/0").status_code == 302
    [entry] = _entries(app, "draw.relax")
    assert isinstance(entry.after["relaxations"], list), "kept as data, worded when shown"
    page = _page(client)
    assert re.search(r"<ins>(abaisser le minimum|relever le maximum) de \w+ [^<]+ de \d+ à \d+", page), page
    assert " min " not in page.split("<tbody>")[1] and "→" not in page.split("<tbody>")[1]


def test_moments_read_in_the_site_time_and_fields_by_action(client, app, world):
    """A moment stored in UTC reads in the site's time zone (Paris by default); a key that means
    another thing in another domain ("size": a pool's volunteers, a theme's size) has its own name."""
    with app.app_context():
        convention = db.session.get(Convention, world.convention.id)
        audit.record("sessions.create", convention, convention=convention, after={"starts_at": "2026-11-14T08:00:00+00:00"})
        audit.record("draw.pool_import", convention, convention=convention, after={"size": 1500})
        audit.record("themes.update", convention, convention=convention, before={"size": 3}, after={"size": 4})
        db.session.commit()
    log_in(client, world.users["organiser"])
    page = _page(client)
    assert "<ins>14 novembre 2026 09:00</ins>" in page and "2026-11-14T" not in page
    assert "<dt>Volontaires</dt>\n          <dd><ins>1\N{NARROW NO-BREAK SPACE}500</ins>" in page
    assert "<dt>Taille</dt>" in page
