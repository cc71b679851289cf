"""French by default, English on request, and every string of the code in both catalogues."""
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

from convention_testing import log_in

ROOT = Path(__file__).resolve().parents[2]


def _catalogue(path):
    with open(path, "rb") as f:
        return read_po(f)


def test_french_is_the_default(client):
    page = client.get("/").get_data(as_text=True)
    assert '<html lang="fr">' in page and "Conventions citoyennes" in page


def test_browser_language_is_followed(client):
    page = client.get("/", headers={"Accept-Language": "en-GB,en;q=0.8"}).get_data(as_text=True)
    assert '<html lang="en">' in page


def test_switcher_keeps_the_choice_in_the_session(client, world):
    log_in(client, world.users["organiser"])
    response = client.post("/language", data={"locale": "en", "next": "/dashboard"})
    assert response.headers["Location"] == "/dashboard"
    page = client.get("/dashboard", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert '<html lang="en">' in page and "My conventions" in page
    client.post("/language", data={"locale": "xx"})
    assert '<html lang="en">' in client.get("/").get_data(as_text=True)


def test_switcher_refuses_foreign_redirects(client):
    response = client.post("/language", data={"locale": "en", "next": "//evil.example/"})
    assert response.headers["Location"] == "/"


def test_form_validation_messages_are_translated(client, world):
    log_in(client, world.users["admin"])
    page = client.post("/conventions/new", data={}).get_data(as_text=True)
    assert "Ce champ est requis." in page


def test_catalogues_are_complete_and_match_the_code(tmp_path):
    pot = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg",
                    "-k", "_l", "-k", "lazy_gettext", "-o", str(pot), "."], cwd=ROOT, check=True, capture_output=True)
    in_code = {m.id if isinstance(m.id, str) else tuple(m.id) for m in _catalogue(pot) if m.id}
    for language in ("fr", "en"):
        catalogue = _catalogue(ROOT / "translations" / language / "LC_MESSAGES" / "messages.po")
        translated = {m.id if isinstance(m.id, str) else tuple(m.id) for m in catalogue
                      if m.id and all(m.string if isinstance(m.string, tuple) else [m.string])
                      and "fuzzy" not in m.flags}
        assert not in_code - translated, f"untranslated in {language}: run `make translations-update`"


def test_switcher_marks_the_current_language(client):
    page = client.get("/", headers={"Accept-Language": "fr-FR"}).get_data(as_text=True)
    assert 'value="fr" lang="fr"\n          aria-pressed="true"' in page


def test_no_formatted_strings_inside_translation_calls():
    """`_(f"...")` or `_("..." % x)` would look up a message that is not in the catalogue."""
    import re

    pattern = re.compile(r"""\b_l?\(\s*(f["']|["'][^"']*["']\s*(%|\.format))""")
    offenders = [f"{path.relative_to(ROOT)}:{number}" for path in (ROOT / "convention").rglob("*.py")
                 for number, line in enumerate(path.read_text().splitlines(), 1) if pattern.search(line)]
    assert offenders == []
