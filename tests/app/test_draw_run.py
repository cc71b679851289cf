"""Quotas, publication of the fingerprints, seed, the draw as a background task, its record."""
import json

from panels import cli
from panels.hashing import pool_sha256, quotas_sha256
from panels.io import read_pool, read_quotas

from convention_testing import log_in
from draw_testing import (POOL_CSV, QUOTAS_CSV, drawn, import_pool, make_quotas_infeasible, ready_to_draw, set_panel_size,
                          upload, upload_quotas)
from convention.audit.models import AuditEntry
from convention.draw.models import Draw, DrawState, PoolUpload, QuotaRow, Selection, Volunteer
from convention.extensions import db
from convention.tasks.models import TaskRun


def _draw(app):
    with app.app_context():
        draw = db.session.scalar(db.select(Draw))
        db.session.expunge(draw)
        return draw


def _actions(app):
    with app.app_context():
        return db.session.scalars(db.select(AuditEntry.action).order_by(AuditEntry.id)).all()


def test_quota_table_shows_the_pool_and_saves_bounds(client, app, world):
    set_panel_size(app, world.convention.id)
    log_in(client, world.users["organiser"])
    import_pool(client, world.convention.slug)
    url = f"/manage/{world.convention.slug}/draw/quotas"
    page = client.get(url).get_data(as_text=True)
    assert "Retraités" in page and 'id="min_' in page
    with app.app_context():
        rows = db.session.scalars(db.select(QuotaRow).order_by(QuotaRow.id)).all()
        data = {f"{b}_{r.id}": getattr(r, b) for r in rows for b in ("min", "max")}
        first = rows[0].id
    data[f"min_{first}"], data[f"max_{first}"] = 5, 2
    response = client.post(url, data=data)
    assert response.status_code == 422
    data[f"max_{first}"] = 7
    assert client.post(url, data=data).status_code == 302
    with app.app_context():
        assert (db.session.get(QuotaRow, first).min, db.session.get(QuotaRow, first).max) == (5, 7)
    assert "draw.quotas_update" in _actions(app)


def test_quotas_from_population_shares(client, app, world):
    set_panel_size(app, world.convention.id)
    log_in(client, world.users["organiser"])
    import_pool(client, world.convention.slug)
    with app.app_context():
        rows = {(r.feature, r.value): r.id for r in db.session.scalars(db.select(QuotaRow))}
    data = {f"share_{rows[('genre', 'Femme')]}": "52.5", f"share_{rows[('genre', 'Homme')]}": "47.5",
            "tolerance": "1,5"}
    assert client.post(f"/manage/{world.convention.slug}/draw/quotas/shares", data=data).status_code == 302
    with app.app_context():
        femme = db.session.get(QuotaRow, rows[("genre", "Femme")])
        assert (femme.min, femme.max, femme.target_percent) == (5, 8, 52.5)
    data[f"share_{rows[('genre', 'Homme')]}"] = "30"
    response = client.post(f"/manage/{world.convention.slug}/draw/quotas/shares", data=data)
    assert response.status_code == 422


def test_quota_file_errors_are_shown(client, app, world):
    log_in(client, world.users["organiser"])
    import_pool(client, world.convention.slug)
    response = upload_quotas(client, world.convention.slug, b"feature,value,min,max\ngenre,Femme,3,x\n")
    assert response.status_code == 422 and "x" in response.get_data(as_text=True)


def test_publish_seed_and_draw(client, app, world):
    set_panel_size(app, world.convention.id)
    log_in(client, world.users["organiser"])
    drawn(client, world.convention.slug)
    draw = _draw(app)
    assert draw.state is DrawState.done and draw.seed == 4242
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Selection)) == 12
        run = db.session.scalar(db.select(TaskRun))
        assert run.state.name == "done" and run.result["url"].endswith("/draw/")
    assert _actions(app)[-4:] == ["draw.publish", "draw.seed", "draw.start", "draw.run"]
    page = client.get(f"/manage/{world.convention.slug}/draw/").get_data(as_text=True)
    assert "<svg" in page and 'class="chart-bar"' in page and "style=" not in page


def test_fingerprints_are_the_librarys(client, app, world, tmp_path):
    set_panel_size(app, world.convention.id)
    log_in(client, world.users["organiser"])
    drawn(client, world.convention.slug)
    draw = _draw(app)
    pool_file, quotas_file, record_file = tmp_path / "pool.csv", tmp_path / "quotas.csv", tmp_path / "record.json"
    pool_file.write_bytes(client.get(f"/manage/{world.convention.slug}/draw/pool.csv").data)
    assert draw.pool_sha256 == pool_sha256(read_pool(pool_file, address_columns=[]))
    with app.app_context():
        db.session.merge(world.convention).is_public = True
        db.session.commit()
    client.get("/")  # the public downloads, anonymously
    log_in(client, None)
    quotas_file.write_bytes(client.get(f"/c/{world.convention.slug}/draw/quotas.csv").data)
    assert draw.quotas_sha256 == quotas_sha256(read_quotas(quotas_file)) == quotas_sha256(read_quotas(QUOTAS_CSV))
    record = client.get(f"/c/{world.convention.slug}/draw/records/1.json")
    record_file.write_bytes(record.data)
    assert record.headers["Content-Disposition"].startswith("attachment")
    assert json.loads(record.data)["seed_source"] == "Loto du 1er décembre"
    assert b"exemple.fr" not in record.data, "no personal data in the record"
    assert cli.main(["verify", str(record_file), "--pool", str(pool_file), "--quotas", str(quotas_file)]) == 0
    report = client.get(f"/c/{world.convention.slug}/draw/records/1.html")
    assert report.status_code == 200 and b"4242" in report.data


def test_a_second_draw_is_refused(client, app, world):
    set_panel_size(app, world.convention.id)
    log_in(client, world.users["organiser"])
    drawn(client, world.convention.slug)
    again = client.post(f"/manage/{world.convention.slug}/draw/run", data={"algorithm": "leximin"})
    assert again.status_code == 302
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(TaskRun)) == 1
        assert db.session.scalar(db.select(db.func.count()).select_from(Selection)) == 12


def test_a_running_draw_is_not_started_twice(client, app, world):
    set_panel_size(app, world.convention.id)
    log_in(client, world.users["organiser"])
    ready_to_draw(client, world.convention.slug)
    with app.app_context():
        db.session.execute(db.update(Draw).values(state=DrawState.running))
        db.session.add(TaskRun(kind="run_draw", convention_id=world.convention.id))
        db.session.commit()
    client.post(f"/manage/{world.convention.slug}/draw/run", data={"algorithm": "leximin"})
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(TaskRun)) == 1
    page = client.get(f"/manage/{world.convention.slug}/draw/").get_data(as_text=True)
    assert "<progress" in page


def _inputs(app):
    """What the published fingerprints cover: the pool's volunteers, the quota bounds, pending uploads."""
    with app.app_context():
        volunteers = db.session.execute(db.select(Volunteer.external_id, Volunteer.features).order_by(Volunteer.id)).all()
        bounds = db.session.execute(db.select(QuotaRow.feature, QuotaRow.value, QuotaRow.min, QuotaRow.max)
                                    .order_by(QuotaRow.id)).all()
        uploads = db.session.scalar(db.select(db.func.count()).select_from(PoolUpload))
        return [tuple(row) for row in volunteers], [tuple(row) for row in bounds], uploads


def test_inputs_are_frozen_once_published(client, app, world):
    set_panel_size(app, world.convention.id)
    log_in(client, world.users["organiser"])
    ready_to_draw(client, world.convention.slug)
    slug = world.convention.slug
    before, actions = _inputs(app), _actions(app)
    other_quotas = QUOTAS_CSV.replace(b"genre,Femme,5,8", b"genre,Femme,2,9")
    refused = [upload_quotas(client, slug, data=other_quotas),
               client.post(f"/manage/{slug}/draw/quotas/shares", data={"tolerance": "1.5"}),
               upload(client, slug, data=POOL_CSV.replace(b"Femme", b"Homme", 1))]   # a valid file, changed
    assert [response.status_code for response in refused] == [302, 302, 302]
    assert {response.headers["Location"] for response in refused} == {
        f"/manage/{slug}/draw/quotas", f"/manage/{slug}/draw/pool"}   # back to the page, not to the column mapping
    assert _inputs(app) == before and _actions(app) == actions
    assert client.post(f"/manage/{slug}/draw/withdraw").status_code == 302
    draw = _draw(app)
    assert draw.state is DrawState.preparing and draw.seed is None and draw.pool_sha256 is None


def test_infeasible_quotas_suggest_relaxations_to_apply(client, app, world):
    set_panel_size(app, world.convention.id)
    log_in(client, world.users["organiser"])
    import_pool(client, world.convention.slug)
    make_quotas_infeasible(app)
    slug = world.convention.slug
    assert client.post(f"/manage/{slug}/draw/publish", data={}).status_code == 302
    client.post(f"/manage/{slug}/draw/seed/generate")
    client.post(f"/manage/{slug}/draw/run", data={"algorithm": "leximin"})
    draw = _draw(app)
    assert draw.state is DrawState.infeasible and draw.relaxations
    page = client.get(f"/manage/{slug}/draw/").get_data(as_text=True)
    assert f"/manage/{slug}/draw/relax/0" in page
    assert client.get(f"/manage/{slug}/draw/relax/0").status_code == 200      # asks first
    assert client.post(f"/manage/{slug}/draw/relax/0").status_code == 302
    draw = _draw(app)
    assert draw.state is DrawState.preparing and draw.seed is None
    assert "draw.relax" in _actions(app)
    assert client.post(f"/manage/{slug}/draw/publish", data={}).status_code == 302
    assert _draw(app).state is DrawState.published


def test_every_algorithm_of_the_library_is_offered():
    from panels.algorithms import ALGORITHMS

    from convention.draw.steps import ALGORITHM_LABELS

    assert set(ALGORITHM_LABELS) == set(ALGORITHMS)


def test_one_person_per_household(client, app, world):
    set_panel_size(app, world.convention.id)
    log_in(client, world.users["organiser"])
    slug = world.convention.slug
    import_pool(client, slug)
    upload_quotas(client, slug)
    client.post(f"/manage/{slug}/draw/publish", data={"households": "y"})
    client.post(f"/manage/{slug}/draw/seed/generate")
    client.post(f"/manage/{slug}/draw/run", data={"algorithm": "leximin"})
    draw = _draw(app)
    assert draw.households and draw.state is DrawState.done
    with app.app_context():
        record = db.session.scalar(db.select(Draw)).rounds[0].record
    assert record["households"] is True and record["pool_columns"]["address"] == ["household"]


def test_the_published_panel_size_is_the_drawn_one(client, app, world):
    set_panel_size(app, world.convention.id)
    log_in(client, world.users["organiser"])
    ready_to_draw(client, world.convention.slug)
    set_panel_size(app, world.convention.id, 20)       # edited in the settings after publication
    page = client.get(f"/manage/{world.convention.slug}/draw/quotas").get_data(as_text=True)
    assert "Pour un panel de 12 membres" in page and "taille du panel (20)" not in page
    client.post(f"/manage/{world.convention.slug}/draw/run", data={"algorithm": "leximin"})
    with app.app_context():
        assert db.session.scalar(db.select(Draw)).rounds[0].record["size"] == 12
        assert db.session.scalar(db.select(db.func.count()).select_from(Selection)) == 12


def test_quotas_from_a_shares_file(client, app, world):
    set_panel_size(app, world.convention.id)
    log_in(client, world.users["organiser"])
    import_pool(client, world.convention.slug)
    shares = "feature;value;share_percent\ngenre;Femme;52,5\ngenre;Homme;47,5\n".encode("cp1252")
    assert upload_quotas(client, world.convention.slug, shares, kind="shares").status_code == 302
    with app.app_context():
        femme = db.session.scalar(db.select(QuotaRow).filter_by(feature="genre", value="Femme"))
        assert (femme.min, femme.max, femme.target_percent) == (5, 8, 52.5)
    page = client.get(f"/manage/{world.convention.slug}/draw/quotas").get_data(as_text=True)
    assert "52,5\N{NO-BREAK SPACE}%" in page
    bad = b"feature,value,share_percent\ngenre,Femme,52.5\ngenre,Homme,20\n"
    response = upload_quotas(client, world.convention.slug, bad, kind="shares")
    assert response.status_code == 422 and "Les parts de genre totalisent 72,5 %, et non 100 %." in response.get_data(as_text=True)


def test_the_draw_pages_in_english(client, app, world):
    set_panel_size(app, world.convention.id)
    log_in(client, world.users["organiser"])
    drawn(client, world.convention.slug)
    page = client.get(f"/manage/{world.convention.slug}/draw/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Draw of the panel" in page and "Lowest selection probability" in page


def test_bad_seeds_and_frozen_inputs_say_why(client, app, world):
    set_panel_size(app, world.convention.id)
    log_in(client, world.users["organiser"])
    slug = world.convention.slug
    import_pool(client, slug)
    assert upload_quotas(client, slug).status_code == 302
    assert client.post(f"/manage/{slug}/draw/publish", data={}).status_code == 302
    for seed in ("-5", "99999999999999999999"):
        response = client.post(f"/manage/{slug}/draw/seed", data={"seed": seed, "source": "Loto"})
        page = response.get_data(as_text=True)
        assert response.status_code == 422 and "Saisissez un nombre entier, 0 ou plus, d’au plus 18 chiffres." in page
        assert "et 9223372036854775807" not in page and 'value="Loto"' in page, "the source typed is kept"
    frozen = "Les quotas ne peuvent plus changer une fois leur empreinte publiée"
    for url, data in ((f"/manage/{slug}/draw/quotas", {}), (f"/manage/{slug}/draw/quotas/shares", {"tolerance": "x"}),
                      (f"/manage/{slug}/draw/quotas/file", {"file-kind": "quotas"})):
        response = client.post(url, data=data, follow_redirects=True)
        assert frozen in response.get_data(as_text=True), url
    response = client.post(f"/manage/{slug}/draw/pool", data={}, follow_redirects=True)
    assert "Le vivier ne peut plus être remplacé" in response.get_data(as_text=True)


def test_the_draw_page_says_who_can_never_be_selected_before_publishing(client, app, world):
    """A quota can shut volunteers out: the organiser reads how many and which quota, before publishing
    (issue 18 B); with every volunteer selectable, nothing is said."""
    set_panel_size(app, world.convention.id)
    log_in(client, world.users["organiser"])
    slug = world.convention.slug
    assert import_pool(client, slug).status_code == 302
    assert upload_quotas(client, slug).status_code == 302
    page = client.get(f"/manage/{slug}/draw/").get_data(as_text=True)
    assert 'id="never-selected"' not in page
    closed = QUOTAS_CSV.replace(b"csp,Agriculteurs exploitants,0,2", b"csp,Agriculteurs exploitants,0,0")
    assert upload_quotas(client, slug, closed).status_code == 302
    page = client.get(f"/manage/{slug}/draw/").get_data(as_text=True)
    farmers = POOL_CSV.count(b"Agriculteurs exploitants")
    assert farmers == 2 and 'id="never-selected"' in page
    assert "2 volontaires du vivier ne peuvent jamais être tirés au sort avec ces quotas" in page
    assert "le maximum de csp Agriculteurs exploitants est 0" in page
    client.post("/language", data={"locale": "en"})
    page = client.get(f"/manage/{slug}/draw/").get_data(as_text=True)
    assert f"{farmers} volunteers can never be selected: the maximum of csp Agriculteurs exploitants is 0." in page


def test_a_record_that_fails_its_own_checks_is_not_stored(client, app, world, monkeypatch):
    """The app draws with panels.draw, which verifies the record first (issue 18 A): a lottery taking
    more people than a group has leaves the draw to start again, with the reason, and stores nothing."""
    import panels.algorithms
    from panels.model import Distribution

    real = panels.algorithms.ALGORITHMS["leximin"]

    def broken(pool, quotas, size, **options):
        good = real(pool, quotas, size, **options)
        template = dict(good.panels[0])
        small = min(template, key=lambda g: len(good.groups[g]))
        donor = max((g for g in template if g != small), key=lambda g: template[g])
        taken = len(good.groups[small]) + 1 - template[small]
        template[small], template[donor] = template[small] + taken, template[donor] - taken
        return Distribution("leximin", good.groups, [{g: c for g, c in template.items() if c}],
                            [1.0], {pid: 0.0 for ids in good.groups for pid in ids})

    monkeypatch.setitem(panels.algorithms.ALGORITHMS, "leximin", broken)
    set_panel_size(app, world.convention.id)
    log_in(client, world.users["organiser"])
    drawn(client, world.convention.slug)
    with app.app_context():
        draw = db.session.scalar(db.select(Draw))
        assert draw.state is DrawState.published and not draw.rounds
        assert db.session.scalar(db.select(db.func.count(Selection.id))) == 0
        assert "fails its own checks, so it was not written" in draw.error and "panel size" in draw.error
        assert db.session.scalar(db.select(AuditEntry).filter_by(action="draw.failed")) is not None


def test_looking_at_the_draw_writes_nothing(client, app, world):
    """A query never writes: the draw pages of a convention with no draw yet store no draw."""
    from convention.draw.models import Draw

    log_in(client, world.users["organiser"])
    for url in ("/manage/test/draw/", "/manage/test/draw/panel"):
        assert client.get(url).status_code == 200
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Draw)) == 0
