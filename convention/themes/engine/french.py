"""French words that say nothing about a theme (stop words, the verbs of every proposal), and
the texts without them that the encoders read and the keywords count."""
import re
from functools import lru_cache

from .text import normalise

STOP_WORDS = frozenset("""
a à ai aie aient aies ait alors as au aucun aucune aussi autre autres aux avaient avais avait
avant avec avez aviez avions avoir avons ayant ayez ayons bah beaucoup bien bon c ça car ce ceci
cela celle celles celui cependant certain certaine certaines certains ces cet cette ceux chaque
chez ci comme comment d dans de des deux devant devrait devraient dit doit doivent donc dont du
elle elles en encore entre es est et étaient étais était étant été êtes étiez étions être eu eue
eues eûmes eurent eus eut eux fois font fut furent ici il ils j je jamais jusqu jusque l la là le
les leur leurs lui m ma mais me même mêmes mes moi moins mon n ne ni non nos notre nôtre nous on
ont ou où par parce pas pendant peu peut peuvent plus plutôt pour pourquoi pourrait pourraient
qu quand que quel quelle quelles quels qui quoi s sa sans se sera serait seraient ses si sien
soi soit sommes son sont sous souvent suis sur t ta te tes toi ton tous tout toute toutes très tu
un une unes uns vers via voici voilà vont vos votre vous y svp stp merci etc ok oui trop vraiment
déjà afin ainsi après assez car certes chacun depuis dès enfin ensuite toujours tant tel telle
tels telles selon surtout puis quelque quelques rien personne partout chose choses gens cas fait
faits moment place
""".split())

# Lemmas of the verbs that open most proposals: they rank first in every theme otherwise.
PROPOSAL_VERBS = frozenset("""
interdire limiter réduire développer créer mettre faire falloir devoir pouvoir vouloir aller
augmenter améliorer installer proposer permettre prévoir favoriser renforcer instaurer
encourager aider arrêter supprimer ajouter rendre donner garantir assurer multiplier agrandir
étendre sécuriser obliger imposer lutter généraliser faciliter soutenir demander penser trouver
avoir être dire savoir voir venir prendre
""".split())

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)


def words(text: str) -> list[str]:
    """Lower-case words of ``text``; elisions (l', qu') are split off by the pattern."""
    return _WORD.findall(normalise(text).lower().replace("’", "'"))


def content_lemmas(text: str) -> list[tuple[str, str]]:
    """(lemma, word) pairs of the words that can name a theme."""
    pairs = []
    for word in words(text):
        if len(word) < 3 or word in STOP_WORDS:
            continue
        lemma = _lemma(word)
        if lemma in STOP_WORDS or lemma in PROPOSAL_VERBS:
            continue
        pairs.append((lemma, word))
    return pairs


@lru_cache(maxsize=65536)
def _lemma(word: str) -> str:
    import simplemma

    return simplemma.lemmatize(word, lang="fr").lower()


def without_proposal_verbs(text: str) -> str:
    """The words of ``text`` less the proposal verbs, which otherwise pull every text about
    "limiting" together whatever is limited (measured: a better clustering with every encoder)."""
    return " ".join(word for word in words(text) if _lemma(word) not in PROPOSAL_VERBS)


def content_words(text: str) -> str:
    """Only the words that can name a theme (no stop words, no proposal verbs)."""
    return " ".join(word for _, word in content_lemmas(text))
