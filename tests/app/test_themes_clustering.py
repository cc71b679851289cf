"""Clustering the published contributions into themes in the task queue (immediate in tests), with
the real packaged MiniLM model (loaded once per test session), the embedding cache and the pages."""
import re

from convention_testing import log_in
from test_accessibility import assert_structured
from themes_testing import PER_TOPIC, TOPICS, add_contributions, run_clustering, themes
from convention.audit.models import AuditEntry
from convention.contributions.models import ContributionStatus
from convention.extensions import db
from convention.tasks.models import TaskRun, TaskState
from convention.themes.models import Embedding, Theme, ThemeAssignment
from convention.themes.tasks import cluster_contributions


def _last_result(app):
    with app.app_context():
        run = db.session.scalars(db.select(TaskRun).order_by(TaskRun.id.desc())).first()
        assert run.state is TaskState.done, run.error
        return run.result


def test_a_run_creates_themes_with_keywords_representatives_and_a_map(client, app, world):
    ids = add_contributions(app, world.convention.id)
    add_contributions(app, world.convention.id, ["Une idée en attente de modération."], ContributionStatus.pending)
    log_in(client, world.users["organiser"])
    slug = world.convention.slug
    assert run_clustering(client, slug, k=3).status_code == 302
    result = _last_result(app)
    assert result["contributions"] == len(ids) == len(TOPICS) * PER_TOPIC
    assert (result["themes"], result["embedded"], result["cached"]) == (3, len(ids), 0)
    with app.app_context():     # progress is stored as the English msgid, shown in each visitor's language
        assert db.session.scalar(db.select(TaskRun.message)) == "Writing the themes…"
    found = themes(app)
    assert len(found) == 3 and sorted(cid for *_rest, cids in found for cid in cids) == ids
    assert all(cids for *_rest, cids in found)   # the engine's quality is tested with the engine
    with app.app_context():
        for theme in db.session.scalars(db.select(Theme)):
            assert theme.keywords and theme.label and len(theme.representative_ids) == min(3, theme.size)
        for assignment in db.session.scalars(db.select(ThemeAssignment)):
            assert 0 <= assignment.confidence <= 1 and 0 <= assignment.x <= 1 and not assignment.manual
        assert db.session.scalar(db.select(AuditEntry).filter_by(action="themes.cluster")).after["embedded"] == 24
    page = client.get(f"/manage/{slug}/themes/").get_data(as_text=True)
    assert "24 contributions publiées" in page and "24 contributions lues pour la première fois." in page
    assert page.count('class="card theme-card"') == 3
    assert re.search(r'<input[^>]*name="k"[^>]*value="3"', page)     # the last settings are proposed again
    chart = client.get(f"/manage/{slug}/themes/map").get_data(as_text=True)
    assert chart.count("<circle") == 24 + 3 + 1 and 'role="img"' in chart and "<caption>" in chart
    with app.app_context():
        theme_id = db.session.scalar(db.select(Theme.id).order_by(Theme.number))
    theme_page = client.get(f"/manage/{slug}/themes/{theme_id}").get_data(as_text=True)
    assert "Fusionner avec" in theme_page and "Confiance" in theme_page
    for html in (page, chart, theme_page):
        assert_structured(html)
    english = client.get(f"/manage/{slug}/themes/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Suggested themes" in english and "24 contributions were read for the first time." in english


def test_a_second_run_embeds_only_new_texts(client, app, world):
    add_contributions(app, world.convention.id)
    log_in(client, world.users["organiser"])
    run_clustering(client, world.convention.slug)
    first = _last_result(app)
    assert 2 <= first["themes"] <= 6
    run_clustering(client, world.convention.slug)
    assert (_last_result(app)["embedded"], _last_result(app)["cached"]) == (0, 24)
    add_contributions(app, world.convention.id, ["Des capteurs de qualité de l'air devant chaque école."])
    run_clustering(client, world.convention.slug)
    assert (_last_result(app)["embedded"], _last_result(app)["cached"]) == (1, 24)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Embedding)) == 25


def test_locked_themes_and_manual_moves_survive_reclustering(client, app, world):
    ids = add_contributions(app, world.convention.id)
    slug = world.convention.slug
    log_in(client, world.users["organiser"])
    run_clustering(client, slug, k=3)
    (locked_id, _n, _l, locked_cids), (other_id, _n2, _l2, other_cids), *_ = themes(app)
    client.post(f"/manage/{slug}/themes/{locked_id}/edit", data={"name": "École et IA", "description": ""})
    assert client.post(f"/manage/{slug}/themes/{locked_id}/lock").status_code == 302
    moved = other_cids[0]
    response = client.post(f"/manage/{slug}/themes/{other_id}/contributions/{moved}/move",
                           data={f"move-{moved}-theme": str(locked_id)})
    assert response.status_code == 302
    run_clustering(client, slug, k=4)
    after = {theme_id: (name, locked, cids) for theme_id, name, locked, cids in themes(app)}
    assert after[locked_id] == ("École et IA", True, sorted(locked_cids + [moved]))
    assert len(after) == 4 and sum(len(cids) for *_x, cids in after.values()) == len(ids)
    with app.app_context():
        assignment = db.session.scalar(db.select(ThemeAssignment).filter_by(contribution_id=moved))
        assert (assignment.theme_id, assignment.manual, assignment.confidence) == (locked_id, True, None)


def test_a_second_run_is_refused_while_one_is_active(client, app, world):
    add_contributions(app, world.convention.id)
    with app.app_context():
        db.session.add(TaskRun(kind=cluster_contributions.kind, convention_id=world.convention.id))
        db.session.commit()
    log_in(client, world.users["organiser"])
    response = client.post(f"/manage/{world.convention.slug}/themes/run", data={"k_min": 2, "k_max": 4},
                           follow_redirects=True)
    assert "déjà en cours de calcul" in response.get_data(as_text=True)
    assert themes(app) == []


def test_too_few_contributions_or_bad_settings_start_nothing(client, app, world):
    log_in(client, world.users["organiser"])
    slug = world.convention.slug
    add_contributions(app, world.convention.id, ["Une seule idée."])
    response = run_clustering(client, slug)
    assert response.status_code == 302
    assert "Au moins deux contributions publiées" in client.get(f"/manage/{slug}/themes/").get_data(as_text=True)
    add_contributions(app, world.convention.id, ["Une autre idée."])
    response = client.post(f"/manage/{slug}/themes/run", data={"k_min": 5, "k_max": 3},
                           headers={"HX-Request": "true"})
    assert response.status_code == 422 and 'id="run-form"' in response.get_data(as_text=True)
    assert "<html" not in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(TaskRun)) == 0


def test_members_cannot_run_the_clustering(client, app, world):
    add_contributions(app, world.convention.id)
    log_in(client, world.users["member"])
    assert run_clustering(client, world.convention.slug).status_code == 403
    assert themes(app) == []


def test_a_run_that_changes_little_keeps_the_names_of_unlocked_themes(client, app, world):
    add_contributions(app, world.convention.id)
    slug = world.convention.slug
    log_in(client, world.users["organiser"])
    run_clustering(client, slug, k=3)
    before = themes(app)
    client.post(f"/manage/{slug}/themes/{before[0][0]}/edit", data={"name": "Nommé sans verrou", "description": ""})
    add_contributions(app, world.convention.id, ["Une idée de plus sur les caméras dans les rues."])
    run_clustering(client, slug, k=3)
    after = {theme_id: (name, cids) for theme_id, name, _locked, cids in themes(app)}
    assert after[before[0][0]][0] == "Nommé sans verrou"
    assert len(set(before[0][3]) & set(after[before[0][0]][1])) > len(before[0][3]) / 2


def test_a_failed_run_says_why_and_writes_nothing(client, app, world, monkeypatch, tmp_path):
    add_contributions(app, world.convention.id)
    monkeypatch.setitem(app.config, "EMBEDDING_MODEL", str(tmp_path / "no-model-here"))
    log_in(client, world.users["organiser"])
    run_clustering(client, world.convention.slug)
    page = client.get(f"/manage/{world.convention.slug}/themes/").get_data(as_text=True)
    assert "Le dernier calcul a échoué" in page and "no-model-here" in page
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Embedding)) == 0
    assert themes(app) == []


def test_the_command_line_computes_the_themes(runner, app, world):
    add_contributions(app, world.convention.id)
    result = runner.invoke(args=["convention", "cluster", world.convention.slug, "--themes", "3"])
    assert result.exit_code == 0, result.output
    assert "3 themes from 24 contributions (24 embedded, 0 from the cache)" in result.output
    assert len(themes(app)) == 3
    assert runner.invoke(args=["convention", "cluster", "nowhere"]).exit_code == 1


def test_the_command_line_refuses_a_range_the_form_refuses(runner, world):
    result = runner.invoke(args=["convention", "cluster", world.convention.slug, "--min", "8", "--max", "4"])
    assert result.exit_code == 2
    assert "--max" in result.output and "cannot be below the fewest" in result.output
    too_many = runner.invoke(args=["convention", "cluster", world.convention.slug, "--themes", "31"])
    assert too_many.exit_code == 2
