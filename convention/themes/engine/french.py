"""French words that say nothing about a theme: stop words and the verbs of every proposal."""

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
