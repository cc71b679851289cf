"""Feature labels: the organiser names each feature when mapping the pool; the label shows wherever
the feature shows (quotas, composition, public page, group balance), the column's name never does."""
from convention_testing import log_in
from draw_testing import drawn, import_pool, set_panel_size, upload
from convention.organising.models import Convention
from convention.draw.models import VolunteerPool
from convention.extensions import db

# pool_draw.csv: identifiant,prénom,nom,email,adresse,code postal,genre,age,csp
LABELS = {"label_6": "Genre", "label_7": "Âge", "label_8": "Catégorie socio-professionnelle"}


def _public(app, convention_id):
    with app.app_context():
        db.session.get(Convention, convention_id).is_public = True
        db.session.commit()


def test_the_mapping_form_offers_a_label_per_column(client, world):
    log_in(client, world.users["organiser"])
    location = upload(client, world.convention.slug).headers["Location"]
    page = client.get(location).get_data(as_text=True)
    assert 'name="label_8" type="text" value="Csp"' in page       # default: the column with a capital


def test_labels_show_instead_of_the_column_names(client, app, world):
    set_panel_size(app, world.convention.id)
    _public(app, world.convention.id)
    log_in(client, world.users["organiser"])
    assert import_pool(client, world.convention.slug, **LABELS).status_code == 302
    with app.app_context():
        pool = db.session.scalars(db.select(VolunteerPool)).one()
        assert pool.feature_labels == {"genre": "Genre", "age": "Âge", "csp": "Catégorie socio-professionnelle"}
    quotas = client.get(f"/manage/{world.convention.slug}/draw/quotas").get_data(as_text=True)
    assert "<caption>Catégorie socio-professionnelle</caption>" in quotas
    assert "<caption>csp</caption>" not in quotas
    assert "<legend>Âge</legend>" in quotas


def test_labels_on_the_composition_and_the_public_page(client, app, world):
    set_panel_size(app, world.convention.id)
    _public(app, world.convention.id)
    log_in(client, world.users["organiser"])
    slug = world.convention.slug
    # the helper imports without labels: the default labels are the column names with a capital
    drawn(client, slug)
    public = client.get(f"/c/{slug}").get_data(as_text=True)
    assert ">Csp</h4>" in public and ">csp</h4>" not in public
    assert "Composition du panel par Age" in public or "Panel composition by Age" in public
