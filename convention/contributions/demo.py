"""The demo convention's contributions: ideas about AI in the city from members, workshop notes
and the public consultation, some awaiting moderation, two rejected."""
from datetime import timedelta

from ..auth import services as auth
from ..auth.models import Role
from ..database import utcnow
from ..demo import DEMO_PEOPLE, demo_step
from ..extensions import db
from . import services
from .models import AuthorKind, Contribution, ContributionStatus, PublicAuthor

SESSION_1 = "Séance 1 — atelier « services publics »"
SESSION_2 = "Séance 2 — atelier « école et santé »"
SESSION_3 = "Séance 3 — atelier « travail et environnement »"
TAGS = {"Services publics": ["accueil", "transparence"], "École": ["éducation"], "Santé": ["données de santé"],
        "Emploi": ["formation"], "Surveillance": ["libertés"], "Environnement": ["sobriété"],
        "Démocratie": ["transparence"], "Solidarité": ["inclusion numérique"]}

# (category, source, text): members' and imported ideas, published.
IDEAS = [
    ("Services publics", SESSION_1, "Un agent de la mairie doit toujours pouvoir reprendre la main quand un "
     "algorithme prend une décision qui concerne un habitant : pas de décision 100 % automatique."),
    ("Services publics", SESSION_1, "Publier la liste de tous les algorithmes utilisés par la métropole, avec "
     "ce qu'ils font, leurs données et qui en est responsable, dans un langage compréhensible."),
    ("Services publics", SESSION_1, "Garder un accueil physique et un numéro de téléphone avec une vraie "
     "personne pour chaque démarche qui passe par un chatbot."),
    ("Services publics", SESSION_1, "Tester chaque nouvel outil d'IA avec des usagers âgés, handicapés ou peu "
     "à l'aise avec le numérique avant de le mettre en service."),
    ("Services publics", SESSION_1, "Utiliser l'IA pour traduire les courriers administratifs en langage "
     "simple et dans les langues parlées dans les quartiers."),
    ("Services publics", SESSION_1, "Les réponses automatiques aux demandes des habitants devraient indiquer "
     "clairement qu'elles ont été écrites par une machine."),
    ("Services publics", SESSION_1, "Créer un droit de recours simple, en ligne et au guichet, contre toute "
     "décision prise avec l'aide d'un algorithme."),
    ("Services publics", SESSION_1, "Former les agents municipaux aux limites de l'IA pour qu'ils sachent "
     "quand ne pas lui faire confiance."),
    ("Services publics", SESSION_1, "Les données collectées par la ville doivent rester hébergées en France, "
     "chez des prestataires soumis au droit européen."),
    ("École", SESSION_2, "Apprendre aux collégiens comment fonctionne une IA générative, ses erreurs et ses "
     "biais, plutôt que de l'interdire."),
    ("École", SESSION_2, "Pas de logiciel de surveillance des élèves pendant les devoirs à la maison : la "
     "confiance d'abord."),
    ("École", SESSION_2, "Proposer des ateliers pour les parents sur les usages de ChatGPT et des outils "
     "semblables par leurs enfants."),
    ("École", SESSION_2, "Équiper les médiathèques d'ordinateurs et d'animateurs pour que tout le monde puisse "
     "essayer ces outils accompagné."),
    ("École", SESSION_2, "Les enseignants doivent garder la liberté de choisir s'ils utilisent l'IA en "
     "classe ; la métropole ne doit pas l'imposer."),
    ("École", SESSION_2, "Évaluer, avec des chercheurs indépendants, les logiciels d'aide aux devoirs avant "
     "de les financer pour les écoles."),
    ("École", SESSION_2, "Inviter des lycéens dans les instances qui décident des outils numériques de leurs "
     "établissements."),
    ("Santé", SESSION_2, "L'IA peut aider à repérer plus tôt certains cancers, mais le diagnostic doit rester "
     "celui d'un médecin qui l'explique au patient."),
    ("Santé", SESSION_2, "Aucune donnée de santé des habitants ne doit être revendue ou confiée à une "
     "entreprise pour entraîner ses modèles."),
    ("Santé", SESSION_2, "Utiliser l'IA pour réduire les délais de rendez-vous dans les centres de santé "
     "municipaux, en priorité dans les quartiers sous-dotés."),
    ("Santé", SESSION_2, "Informer chaque patient quand un outil d'IA a été utilisé dans son parcours de soin."),
    ("Santé", SESSION_2, "Les téléconsultations assistées par IA ne doivent pas remplacer les médecins de "
     "quartier qui manquent déjà."),
    ("Emploi", SESSION_3, "Accompagner les salariés dont le métier change à cause de l'IA avec des formations "
     "financées et sur le temps de travail."),
    ("Emploi", SESSION_3, "Interdire le tri automatique des candidatures aux emplois de la métropole sans "
     "relecture humaine."),
    ("Emploi", SESSION_3, "Associer les syndicats et les agents avant d'introduire un outil d'IA dans un "
     "service municipal."),
    ("Emploi", SESSION_3, "Soutenir les petites entreprises locales qui développent des outils d'IA éthiques "
     "plutôt que les grands groupes étrangers."),
    ("Emploi", SESSION_3, "Mesurer chaque année combien d'emplois l'IA a créés, transformés ou supprimés "
     "dans la métropole et publier les chiffres."),
    ("Emploi", SESSION_3, "Créer un lieu où les demandeurs d'emploi apprennent gratuitement à utiliser ces "
     "outils pour leur recherche."),
    ("Surveillance", SESSION_1, "Pas de reconnaissance faciale dans l'espace public, ni en temps réel ni "
     "après coup sur les enregistrements."),
    ("Surveillance", SESSION_1, "Avant toute vidéosurveillance « intelligente », organiser un débat public et "
     "un vote du conseil, avec une évaluation indépendante au bout d'un an."),
    ("Surveillance", SESSION_1, "Les caméras qui analysent les comportements risquent de viser toujours les "
     "mêmes quartiers et les mêmes personnes."),
    ("Surveillance", SESSION_1, "Publier la carte des caméras de la ville et ce que chacune enregistre ou "
     "analyse."),
    ("Surveillance", SESSION_1, "Créer un comité d'éthique avec des habitants tirés au sort pour contrôler "
     "les usages de l'IA par la police municipale."),
    ("Environnement", SESSION_3, "Calculer et publier la consommation d'énergie et d'eau des outils d'IA "
     "utilisés par la métropole."),
    ("Environnement", SESSION_3, "Utiliser l'IA pour optimiser l'éclairage public et le chauffage des "
     "bâtiments municipaux, là où les économies sont prouvées."),
    ("Environnement", SESSION_3, "Ne pas accueillir de nouveau centre de données sans garantie sur l'eau "
     "utilisée et la récupération de la chaleur."),
    ("Environnement", SESSION_3, "Préférer des modèles plus petits et sobres, hébergés localement, aux "
     "services géants quand ils suffisent."),
    ("Environnement", SESSION_3, "Les capteurs de qualité de l'air et l'IA peuvent aider à adapter la "
     "circulation les jours de pollution."),
    ("Environnement", SESSION_3, "Mieux prévoir les crues et les vagues de chaleur avec l'IA, en partageant "
     "les données avec les communes voisines."),
    ("Transports", SESSION_3, "Adapter les horaires des bus à la fréquentation réelle grâce aux données, "
     "sans suivre les voyageurs individuellement."),
    ("Transports", SESSION_3, "Pas de tarification qui change selon le profil de chaque voyageur calculé "
     "par un algorithme."),
    ("Démocratie", SESSION_1, "Un rapport annuel public sur l'usage de l'IA par la métropole, présenté en "
     "conseil et débattu avec les habitants."),
    ("Démocratie", SESSION_1, "Garder une convention citoyenne permanente pour suivre les décisions sur le "
     "numérique après celle-ci."),
    ("Démocratie", SESSION_1, "Les marchés publics d'IA devraient exiger un code source ouvert ou au moins "
     "auditable par la ville."),
    ("Culture", SESSION_2, "Protéger les artistes locaux : pas d'images générées par IA dans la "
     "communication de la ville sans le dire."),
    ("Culture", SESSION_2, "Numériser les archives municipales avec l'IA pour les rendre cherchables par "
     "tout le monde."),
    ("Logement", SESSION_3, "Aucun algorithme ne doit classer les demandes de logement social sans que les "
     "critères soient publics et vérifiables."),
    ("Logement", SESSION_3, "Utiliser l'IA pour repérer les passoires thermiques et proposer des aides aux "
     "propriétaires concernés."),
    ("Solidarité", SESSION_2, "Le repérage automatique des fraudes aux aides sociales cible souvent les plus "
     "pauvres : il faut l'interdire ou le contrôler strictement."),
    ("Solidarité", SESSION_2, "Aider les personnes isolées à faire leurs démarches avec des médiateurs "
     "numériques, l'IA en appui et non à leur place."),
    ("Services publics", SESSION_1, "Un chatbot de la mairie ouvert la nuit serait utile, à condition qu'il "
     "ne garde pas les conversations."),
]
# (name, e-mail, category, text, status): the public consultation's contributions.
PUBLIC = [
    ("Nadia B.", "nadia.b@example.org", "Santé", "Je voudrais que les hôpitaux de la métropole expliquent "
     "quand ils utilisent l'IA pour lire les radios.", ContributionStatus.published),
    ("Marc D.", "marc.d@example.org", "Transports", "Des feux de circulation qui s'adaptent au trafic "
     "réduiraient les bouchons à l'entrée de la ville.", ContributionStatus.published),
    ("Sophie L.", "sophie.l@example.org", "École", "Mon fils utilise l'IA pour ses devoirs ; les écoles "
     "devraient nous aider à fixer des règles à la maison.", ContributionStatus.published),
    ("Karim A.", "karim.a@example.org", "Surveillance", "Je suis contre les drones de surveillance pendant "
     "les manifestations.", ContributionStatus.pending),
    ("Élodie R.", "elodie.r@example.org", "Emploi", "Les caissières remplacées par des caisses automatiques "
     "devraient avoir une priorité pour les formations.", ContributionStatus.pending),
    ("Jean P.", "jean.p@example.org", "Environnement", "Combien d'électricité consomme le chatbot de la "
     "mairie ? Il faudrait l'afficher sur le site.", ContributionStatus.pending),
    ("Lucie M.", "lucie.m@example.org", "Services publics", "Ma mère de 82 ans n'arrive pas à joindre la "
     "mairie autrement que par un formulaire en ligne. Gardez des humains !", ContributionStatus.pending),
    ("Thomas G.", "thomas.g@example.org", "Démocratie", "Les comptes rendus de la convention pourraient être "
     "résumés automatiquement pour ceux qui n'ont pas le temps de tout lire.", ContributionStatus.pending),
    ("Anonyme", "spam@example.org", "", "Achetez des abonnements pas chers sur notre site !!!",
     ContributionStatus.rejected),
    ("Paul V.", "paul.v@example.org", "Surveillance", "Les élus sont tous des incapables, cette convention "
     "ne sert à rien.", ContributionStatus.rejected),
]
REJECTION_REASONS = {
    "spam@example.org": "Publicité sans rapport avec la convention.",
    "paul.v@example.org": "Propos injurieux, sans proposition : contraire à la charte de la consultation.",
}
IMPORTED_EVERY = 3   # one idea in three comes from the workshops' typed notes rather than a member


@demo_step
def add_demo_contributions(convention, organiser):
    member = auth.find_user(next(email for email, _name, role in DEMO_PEOPLE if role is Role.member))
    start = utcnow() - timedelta(days=len(IDEAS) + len(PUBLIC))
    for i, (category, source, text) in enumerate(IDEAS):
        imported = i % IMPORTED_EVERY == 0
        db.session.add(Contribution(
            convention_id=convention.id, text=text, category=category, source=source,
            tags=TAGS.get(category, []), status=ContributionStatus.published,
            author_kind=AuthorKind.imported if imported else AuthorKind.member,
            author_user_id=None if imported else member.id, created_at=start + timedelta(days=i)))
    services.set_open(convention, True, organiser)
    for i, (name, email, category, text, status) in enumerate(PUBLIC):
        author = PublicAuthor(convention_id=convention.id, name=name, email=email, confirmed_at=start)
        sent = start + timedelta(days=len(IDEAS) + i)
        contribution = Contribution(
            convention_id=convention.id, text=text, category=category,
            status=status, author_kind=AuthorKind.public, public_author=author, submitted_name=name,
            created_at=sent, confirmed_at=sent)
        db.session.add(contribution)
        if status is ContributionStatus.rejected:
            services.reject(convention, contribution, organiser, REJECTION_REASONS[email])
        elif status is ContributionStatus.published:
            services.approve(convention, contribution, organiser)
    db.session.flush()
