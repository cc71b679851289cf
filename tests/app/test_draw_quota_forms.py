"""Decimal numbers in the quota forms: written with a point in the inputs (browsers drop "1,5" from a
number input, or read it as 15 in English), read with a point or a comma in any language."""
import io
import re

from convention_testing import log_in
from draw_testing import FIXTURES, import_pool, set_panel_size
from convention.draw.demo import demo_pool_csv
from convention.draw.models import QuotaRow
from convention.extensions import db

SHARES = b"feature,value,share_percent\ngenre,Femme,52.5\ngenre,Homme,47.5\n"


def _input(page, name):
    match = re.search(rf'<input[^>]*name="{re.escape(name)}"[^>]*>', page)
    assert match, name
    return match.group(0)


def _femme(app):
    with app.app_context():
        row = db.session.scalar(db.select(QuotaRow).filter_by(feature="genre", value="Femme"))
        return row.id, (row.min, row.max)


def _post_file(client, slug, data, kind, tolerance, language="fr"):
    return client.post(f"/manage/{slug}/draw/quotas/file",
                       data={"file-file": (io.BytesIO(data), "parts.csv"), "file-kind": kind, "file-tolerance": tolerance},
                       content_type="multipart/form-data", headers={"Accept-Language": language})


def test_decimal_inputs_carry_a_point_in_french(client, app, world):
    set_panel_size(app, world.convention.id)
    log_in(client, world.users["organiser"])
    slug = world.convention.slug
    import_pool(client, slug)
    assert _post_file(client, slug, SHARES, "shares", "1,5").status_code == 302
    page = client.get(f"/manage/{slug}/draw/quotas").get_data(as_text=True)
    femme, _ = _femme(app)
    for name, value in (("tolerance", "1.5"), ("file-tolerance", "1.5"), (f"share_{femme}", "52.5")):
        tag = _input(page, name)
        assert f'value="{value}"' in tag and 'inputmode="decimal"' in tag, tag
        assert 'type="number"' not in tag, "a number input drops a comma and misreads it in English"
    assert "52,5\N{NO-BREAK SPACE}%" in page, "shown as text, numbers keep the French form"


def test_a_comma_is_a_decimal_separator_in_english_too(client, app, world):
    set_panel_size(app, world.convention.id)
    log_in(client, world.users["organiser"])
    slug = world.convention.slug
    import_pool(client, slug)
    response = _post_file(client, slug, SHARES, "shares", "1,5", language="en")
    assert response.status_code == 302
    assert _femme(app)[1] == (5, 8), "52.5 % of 12 is 6.3 seats, ± 1.5: not ± 15"
    femme, _ = _femme(app)
    with app.app_context():
        homme = db.session.scalar(db.select(QuotaRow).filter_by(feature="genre", value="Homme")).id
    data = {f"share_{femme}": "52,5", f"share_{homme}": "47.5", "tolerance": "0,5"}
    response = client.post(f"/manage/{slug}/draw/quotas/shares", data=data, headers={"Accept-Language": "en"})
    assert response.status_code == 302
    assert _femme(app)[1] == (6, 7)
    data["tolerance"] = "un et demi"
    response = client.post(f"/manage/{slug}/draw/quotas/shares", data=data)
    assert response.status_code == 422 and "Saisissez un nombre, comme 1,5 ou 1.5." in response.get_data(as_text=True)


def test_a_quota_file_needs_no_tolerance(client, app, world):
    """The tolerance applies to shares only: a browser that sends it empty does not stop a quota file."""
    set_panel_size(app, world.convention.id)
    log_in(client, world.users["organiser"])
    slug = world.convention.slug
    import_pool(client, slug)
    quotas = b"feature,value,min,max\ngenre,Femme,5,7\ngenre,Homme,5,7\n"
    response = _post_file(client, slug, quotas, "quotas", "")
    assert response.status_code == 302, response.get_data(as_text=True)
    assert _femme(app)[1] == (5, 7)
    assert _post_file(client, slug, SHARES, "shares", "").status_code == 302
    assert _femme(app)[1] == (5, 8), "an empty tolerance is the default, 1.5"



def test_the_metropole_quotas_file_is_imported(client, app, world):
    """The file of the browser walk (the shared development data's quotas for 40, on the demo's
    generated pool of the same features): its bounds land in the table, not a 422 under the tolerance."""
    set_panel_size(app, world.convention.id, 40)
    log_in(client, world.users["organiser"])
    with app.app_context():
        pool = demo_pool_csv(1500)
    roles = {"id": "id", "prenom": "personal", "nom": "personal", "email": "personal", "adresse": "address",
             "genre": "feature", "age": "feature", "csp": "feature", "diplome": "feature", "territoire": "feature"}
    assert import_pool(client, world.convention.slug, pool, roles).status_code == 302
    response = _post_file(client, world.convention.slug, (FIXTURES / "quotas_metropole_40.csv").read_bytes(),
                          "quotas", "")
    assert response.status_code == 302, response.get_data(as_text=True)
    assert _femme(app)[1] == (20, 23)
    page = client.get(f"/manage/{world.convention.slug}/draw/quotas").get_data(as_text=True)
    assert "Les quotas sont cohérents" in page
