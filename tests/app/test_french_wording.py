"""The French of the interface: one inclusive-writing form (the median point: "invité·e"), French
typography (a narrow no-break space before : ; ? ! and inside numbers: "1 500"), plain words
instead of jargon for organisers, one name per concept."""
import io
import re
from pathlib import Path

from babel.messages.pofile import read_po

from contributions_testing import add
from convention_testing import log_in
from draw_testing import upload

FRENCH = Path(__file__).resolve().parents[2] / "translations" / "fr" / "LC_MESSAGES" / "messages.po"
NARROW = "\u202f"


def _french():
    with open(FRENCH, "rb") as f:
        for message in read_po(f):
            if message.id:
                yield from (message.string if isinstance(message.string, tuple) else [message.string])


def test_one_inclusive_writing_form():
    other_forms = [s for s in _french() if re.search(r"\w\((e|es|s|ne|le|rice)\)|\w/e\b|\w\.e\b", s)]
    assert other_forms == [], "write the median point: « invité·e », « conventionné·es »"


def test_a_narrow_no_break_space_before_double_punctuation():
    plain_space = [s for s in _french() if re.search(r"(?<=\S)[ \u00a0][:;?!]", s)]
    assert plain_space == []


def test_numbers_have_a_narrow_no_break_space(client, world):
    log_in(client, world.users["organiser"])
    rows = "".join(f"V{i},Femme,{18 + i % 60}\n" for i in range(1500))
    response = upload(client, world.convention.slug, ("id,genre,age\n" + rows).encode(), "vivier.csv")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert f"1{NARROW}500 lignes" in page


def test_how_a_file_was_read_in_plain_words(client, world):
    log_in(client, world.users["organiser"])
    data = "id;genre;catégorie\nV1;Femme;Employé·e\nV2;Homme;Retraité\n".encode("cp1252")
    response = upload(client, world.convention.slug, data, "vivier.csv")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Lu comme un fichier texte Windows, tel qu’Excel l’enregistre, colonnes séparées par des points-virgules." in page
    assert "cp1252" not in page


def test_one_name_for_where_an_idea_came_up(client, app, world):
    add(app, world.convention.id, "Des ateliers numériques dans les écoles.", source="Atelier du 12 octobre")
    log_in(client, world.users["organiser"])
    page = client.get(f"/manage/{world.convention.slug}/contributions/all").get_data(as_text=True)
    assert "Atelier du 12 octobre" in page
    assert "Séance ou atelier" in page and "Origine" not in page      # the filter says what the form says
