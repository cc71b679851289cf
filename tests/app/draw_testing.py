"""Helpers of the draw tests: a small pool (90 volunteers, 3 features) for a panel of 12."""
import io
from pathlib import Path

from convention.organising.models import Convention
from convention.extensions import db

FIXTURES = Path(__file__).parent / "fixtures"
POOL_CSV = (FIXTURES / "pool_draw.csv").read_bytes()
QUOTAS_CSV = (FIXTURES / "quotas_draw.csv").read_bytes()
ROLES = {"identifiant": "id", "prénom": "personal", "nom": "personal", "email": "personal",
         "adresse": "address", "code postal": "address", "genre": "feature", "age": "feature",
         "csp": "feature"}


def set_panel_size(app, convention_id, size=12):
    with app.app_context():
        db.session.get(Convention, convention_id).panel_size = size
        db.session.commit()


def upload(client, slug, data=POOL_CSV, filename="vivier.csv"):
    return client.post(f"/manage/{slug}/draw/pool", data={"file": (io.BytesIO(data), filename)},
                       content_type="multipart/form-data")


def mapping_data(header, roles=ROLES, **extra):
    data = {f"role_{i}": roles.get(column, "ignored") for i, column in enumerate(header)}
    data.update(extra)
    return data


def import_pool(client, slug, data=POOL_CSV, roles=ROLES, **extra):
    response = upload(client, slug, data)
    assert response.status_code == 302, response.get_data(as_text=True)
    location = response.headers["Location"]
    header = data.decode("utf-8-sig").splitlines()[0].split(",")
    return client.post(location, data=mapping_data(header, roles, **extra))


def upload_quotas(client, slug, data=QUOTAS_CSV, kind="quotas"):
    return client.post(f"/manage/{slug}/draw/quotas/file",
                       data={"file-file": (io.BytesIO(data), "quotas.csv"), "file-kind": kind,
                             "file-tolerance": "1.5"}, content_type="multipart/form-data")


def ready_to_draw(client, slug):
    """Pool imported, quotas read, fingerprints published, seed entered."""
    assert import_pool(client, slug).status_code == 302
    assert upload_quotas(client, slug).status_code == 302
    assert client.post(f"/manage/{slug}/draw/publish", data={}).status_code == 302
    assert client.post(f"/manage/{slug}/draw/seed", data={"seed": "4242", "source": "Loto du 1er décembre"}
                       ).status_code == 302


def drawn(client, slug):
    ready_to_draw(client, slug)
    response = client.post(f"/manage/{slug}/draw/run", data={"algorithm": "leximin"})
    assert response.status_code == 302
    return response


def make_quotas_infeasible(app):
    """Quotas no panel meets: only women and at least one worker, while the pool's only worker is a man."""
    from convention.draw.models import QuotaRow

    with app.app_context():
        for row in db.session.scalars(db.select(QuotaRow)):
            row.min, row.max = 0, 12
            if (row.feature, row.value) == ("genre", "Femme"):
                row.min = 12
            if (row.feature, row.value) == ("genre", "Homme"):
                row.max = 0
            if (row.feature, row.value) == ("csp", "Ouvriers"):
                row.min = 1
        db.session.commit()
