"""Texts: the cache key, the light import, the words that encoders and keywords read."""
import subprocess
import sys

from convention.themes.engine import text_hash
from convention.themes.engine.french import content_words, without_proposal_verbs


def test_text_hash_ignores_spacing_and_unicode_form():
    composed = "Des arbres près de l'\u00e9cole"
    decomposed = "Des  arbres\n près de l'e\u0301cole "
    assert text_hash(composed) == text_hash(decomposed)
    assert len(text_hash(composed)) == 64
    assert text_hash(composed) != text_hash("Des arbres près de la gare")


def test_text_hash_is_the_sha256_of_the_normalised_text():
    # a fixed value: a cache of vectors keyed by it must survive restarts and upgrades
    assert text_hash("  Plus de bancs\tpublics ") == \
        "2bc31dd5106d7e0e1340080165052622c75876274fc69ed24a800bc953e1fdeb"


def test_importing_the_engine_loads_no_heavy_library():
    heavy = ["torch", "sentence_transformers", "sklearn", "umap", "transformers", "simplemma"]
    code = ("import sys, convention.themes.engine\n"
            f"print([name for name in {heavy!r} if name in sys.modules])")
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True).stdout
    assert output.strip() == "[]"


def test_proposal_verbs_are_left_out_of_what_the_encoders_read():
    text = "Il faudrait interdire les voitures devant l'école et limiter la vitesse"
    assert without_proposal_verbs(text) == "il les voitures devant l école et la vitesse"
    assert content_words(text) == "voitures école vitesse"
