"""Personal data: the verification file holds no personal data; organisers export and erase a person's data."""
import csv
import io
import json

from panels import cli
from panels.households import normalise_address

from convention_testing import log_in
from draw_testing import POOL_CSV, QUOTAS_CSV, import_pool, set_panel_size, upload_quotas
from convention.draw.models import Draw
from convention.extensions import db

# V02 lives with V01, V04 with V03: two households of two.
SHARED_POOL = (POOL_CSV.decode("utf-8")
               .replace("2 rue de la Loge,34000", "1 rue de la Loge,34000")
               .replace("4 rue de la Loge,34000", "3 Rue de la Loge,34000").encode("utf-8"))


def _draw(client, app, world, households):
    set_panel_size(app, world.convention.id)
    log_in(client, world.users["organiser"])
    slug = world.convention.slug
    assert import_pool(client, slug, SHARED_POOL).status_code == 302
    assert upload_quotas(client, slug).status_code == 302
    client.post(f"/manage/{slug}/draw/publish", data={"households": "y"} if households else {})
    client.post(f"/manage/{slug}/draw/seed", data={"seed": "4242", "source": "Loto"})
    assert client.post(f"/manage/{slug}/draw/run", data={"algorithm": "leximin"}).status_code == 302
    with app.app_context():
        draw = db.session.scalar(db.select(Draw))
        assert draw.state.name == "done" and draw.households is households
        return draw.rounds[0].record


def _verify(client, world, record, tmp_path):
    pool_csv = client.get(f"/manage/{world.convention.slug}/draw/pool.csv").get_data(as_text=True)
    (tmp_path / "pool.csv").write_text(pool_csv, encoding="utf-8")
    (tmp_path / "quotas.csv").write_bytes(QUOTAS_CSV)
    (tmp_path / "record.json").write_text(json.dumps(record), encoding="utf-8")
    code = cli.main(["verify", str(tmp_path / "record.json"), "--pool", str(tmp_path / "pool.csv"),
                     "--quotas", str(tmp_path / "quotas.csv")])
    return pool_csv, code


def _no_personal_data(text):
    for word in ("rue", "Loge", "34000", "exemple.fr", "Camille", "Martin", "adresse"):
        assert word not in text, word


def test_verification_file_of_a_households_draw_has_opaque_household_numbers(client, app, world, tmp_path):
    record = _draw(client, app, world, households=True)
    text, code = _verify(client, world, record, tmp_path)
    assert code == 0, "python -m panels verify passes on the verification file"
    _no_personal_data(text)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == ["id", "genre", "age", "csp", "household"]
    household = {row["id"]: row["household"] for row in rows}
    assert household["V01"] == household["V02"] == "1" and household["V03"] == household["V04"] == "2"
    source = list(csv.DictReader(io.StringIO(SHARED_POOL.decode("utf-8"))))
    homes = {r["identifiant"]: normalise_address(r["adresse"], r["code postal"]) for r in source}
    assert all((household[a] == household[b]) == (homes[a] == homes[b]) for a in homes for b in homes)


def test_verification_file_of_a_draw_without_households_has_no_household_column(client, app, world, tmp_path):
    record = _draw(client, app, world, households=False)
    text, code = _verify(client, world, record, tmp_path)
    assert code == 0
    _no_personal_data(text)
    assert text.splitlines()[0] == "id,genre,age,csp"
