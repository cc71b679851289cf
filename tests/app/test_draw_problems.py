"""Every problem the `panels` library reports reads as a sentence with its numbers, in French and
in English: built by the library itself from bad inputs, then turned into text as the pages do."""
import pytest
from flask_babel import force_locale

from panels import BadPoolFile, BadQuotas, Person, Pool, Quota, Quotas, read_pool, read_quotas
from panels.quota_files import quotas_from_shares, read_shares
from panels.validate import input_problems

from convention_testing import log_in
from draw_testing import QUOTAS_CSV, import_pool, ready_to_draw, set_panel_size, upload_quotas
from convention.draw import problems
from convention.draw.models import Draw, DrawState, QuotaRow
from convention.extensions import db


def _pool():
    people = [Person(f"p{i}", {"genre": "Femme" if i < 3 else "Homme", "age": "jeune"}, f"home{i // 2}")
              for i in range(10)]
    return Pool(people, ["genre", "age"])


def _library_problems():
    """{code: problem} for the problems of the inputs' checks, the quota files and the pool files."""
    found = input_problems(_pool(), Quotas([
        Quota("genre", "Femme", 5, 4), Quota("genre", "Autre", 2, 3), Quota("Genre ", "Femme", 0, 1),
        Quota("age", "jeune", 1, 2)]), 8, households=True)
    found += input_problems(_pool(), Quotas([Quota("genre", "Femme", 3, 9), Quota("age", "jeune", 40, 40)]), 30)
    found += input_problems(_pool(), Quotas([Quota("genre", "Femme", 0, 9)]), 0)
    for read, data in [
        (read_quotas, b"feature,value,min,max\ngenre,Femme,5,3\ngenre,Femme,1,2\ngenre,Homme,x,2\n"),
        (read_shares, b"feature,value,share_percent\ngenre,Femme,50\ngenre,Femme,20\n"),
        (read_pool, b"id,genre\np1,Femme\np1,Homme\np2,Femme,en trop\n"),
    ]:
        with pytest.raises((BadQuotas, BadPoolFile)) as error:
            read(data, filename="file.csv")
        found += error.value.problems
    with pytest.raises(BadQuotas) as error:
        quotas_from_shares({"genre": {"Femme": 60.5, "Homme": 29}}, 10)
    return {p.code: p for p in reversed(found + error.value.problems)}   # the first of each code


# The numbers each message must keep, in both languages.
EXPECTED = {
    "size_exceeds_households": ["8", "5"], "size_exceeds_pool": ["30", "10"], "size_not_positive": ["0"],
    "min_above_max": ["5", "4"], "unknown_value": ["2"], "min_exceeds_pool": ["5", "3"],
    "mins_exceed_size": ["40", "30"], "maxes_below_size": ["7", "8"], "missing_feature": ["genre"],
    "value_without_quota": ["7"], "too_many_cells": ["3", "2"], "duplicate_id": ["p1", "2"],
    "duplicate_quota": ["2"], "bad_bound": ["x"],
}


def test_every_library_problem_is_translated_with_its_numbers(app):
    found = _library_problems()
    assert set(EXPECTED) <= set(found), "the library no longer reports one of these problems"
    assert found["shares_sum"].code == "shares_sum"
    with app.test_request_context():
        for code, problem in found.items():
            with force_locale("fr"):
                french = problems.message(problem)
            with force_locale("en"):
                english = problems.message(problem)
            assert french != english, f"{code} is not translated: {french}"
            assert french != problem.message and code in problems.MESSAGES, f"{code} falls back to English"
            for number in EXPECTED.get(code, []):
                assert number in french and number in english, (code, number, french, english)
        with force_locale("fr"):
            assert "89,5" in problems.message(found["shares_sum"])
            assert problems.message(found["min_exceeds_pool"]).endswith(
                "le quota demande au moins 5 personnes, mais le vivier n’en compte que 3 avec cette valeur.")


def test_quota_problems_show_their_numbers_on_the_page(client, app, world):
    set_panel_size(app, world.convention.id)
    log_in(client, world.users["organiser"])
    import_pool(client, world.convention.slug)
    quotas = QUOTAS_CSV.replace(b"genre,Femme,5,8", b"genre,Femme,50,60").replace(b"1,4\n", b"1,2\n")
    assert upload_quotas(client, world.convention.slug, quotas).status_code == 302
    url = f"/manage/{world.convention.slug}/draw/quotas"
    page = client.get(url).get_data(as_text=True)
    assert "age\u202f: les maximums totalisent 11, moins que la taille du panel (12)." in page
    assert "genre Femme\u202f: le quota demande au moins 50 personnes, mais le vivier n’en compte que 48" in page
    client.post("/language", data={"locale": "en"})
    page = client.get(url).get_data(as_text=True)
    assert "age: the maximums add up to 11, less than the panel size (12)." in page
    assert "genre Femme: the quota asks for at least 50, but only 48 people in the pool have this value." in page


def test_a_draw_refused_at_run_time_lists_the_problems_translated(client, app, world):
    """The inputs are checked again when the draw runs; what it found reads like the quotas page."""
    set_panel_size(app, world.convention.id)
    log_in(client, world.users["organiser"])
    ready_to_draw(client, world.convention.slug)
    with app.app_context():   # a change behind the publication's back (the pages refuse it)
        db.session.scalar(db.select(QuotaRow).filter_by(feature="genre", value="Femme")).min = 60
        db.session.commit()
    assert client.post(f"/manage/{world.convention.slug}/draw/run", data={"algorithm": "leximin"}).status_code == 302
    with app.app_context():
        assert db.session.scalar(db.select(Draw)).state is DrawState.published
    page = client.get(f"/manage/{world.convention.slug}/draw/").get_data(as_text=True)
    assert "La dernière tentative a échoué\u202f: le vivier et les quotas ont ces problèmes." in page
    assert "genre Femme\u202f: le quota demande au moins 60 personnes, mais le vivier n’en compte que 48" in page
    client.post("/language", data={"locale": "en"})
    page = client.get(f"/manage/{world.convention.slug}/draw/").get_data(as_text=True)
    assert "genre Femme: the quota asks for at least 60, but only 48 people in the pool have this value." in page


def test_the_numbers_come_from_the_problems_data_never_from_its_message(app):
    """A problem says its numbers as data: the page's sentence does not depend on the library's
    English wording (it was read back with regular expressions)."""
    from panels import Problem

    reworded = [Problem("min_exceeds_pool", "Not enough people.", column="genre", value="Femme",
                        data={"min": 5, "available": 3}),
                Problem("mins_exceed_size", "Too many.", column="age", data={"total": 41, "size": 40}),
                Problem("size_exceeds_pool", "Too big.", data={"size": 40, "pool": 1})]
    with app.test_request_context(), force_locale("fr"):
        texts = [problems.message(p) for p in reworded]
    assert texts[0].endswith("le quota demande au moins 5 personnes, mais le vivier n’en compte que 3 "
                             "avec cette valeur.")
    assert "41" in texts[1] and "40" in texts[1] and "Too many" not in texts[1]
    assert "40" in texts[2] and "Too big" not in texts[2]


def test_a_pool_without_id_column_is_one_problem_naming_the_columns_seen(app):
    with pytest.raises(BadPoolFile) as error:
        read_pool(b"prenom,genre\nClaire,Femme\nClaire,Femme\nPaul,Homme\nClaire,Femme\n", filename="p.csv")
    assert [p.code for p in error.value.problems] == ["no_id_column"]
    with app.test_request_context(), force_locale("en"):
        text = problems.message(error.value.problems[0])
    assert "No identifier column was found" in text and "“prenom”, “genre”" in text and "2 rows" in text
