"""The demo's hearings: two experts with their declarations of interests, heard at the first and the
next session, a document, and the members' questions, up-voted, one answered in writing."""
from datetime import date

import click

from ..auth import services as auth
from ..auth.models import Role
from ..demo import demo_step
from ..sessions import demo as _sessions_demo  # noqa: F401  (its step, which plans the sessions, first)
from ..sessions import queries as sessions
from ..sessions.models import AgendaKind
from . import operations
from .models import AffiliationType, InterestKind

EXPERTS = [
    {"name": "Dr Aïcha Benali", "affiliation": "Université de Montpellier, laboratoire d'informatique",
     "affiliation_type": AffiliationType.academic,
     "bio": "Chercheuse en apprentissage automatique, elle étudie l'équité des algorithmes de décision publique.",
     "declaration": "Aucun autre lien d'intérêt.",
     "interests": [(InterestKind.employer, "Université de Montpellier", "Maîtresse de conférences", date(2015, 9, 1), None),
                   (InterestKind.funding, "Agence nationale de la recherche", "Projet IA et services publics",
                    date(2022, 1, 1), date(2025, 12, 31))]},
    {"name": "Marc Delorme", "affiliation": "Commission nationale de l'informatique et des libertés",
     "affiliation_type": AffiliationType.public_body,
     "bio": "Juriste, il accompagne les collectivités dans la mise en conformité de leurs traitements de données.",
     "declaration": "",
     "interests": [(InterestKind.employer, "CNIL", "Juriste, service des collectivités", date(2018, 3, 1), None),
                   (InterestKind.company_link, "Association des délégués à la protection des données",
                    "Membre du conseil d'administration", date(2021, 1, 1), None)]},
]
QUESTIONS = ["Comment savoir si un algorithme de la métropole décide à ma place ?",
             "Qui est responsable quand un système d'IA se trompe dans une décision administrative ?",
             "Les données des usagers servent-elles à entraîner des modèles d'entreprises privées ?"]


@demo_step
def plan_demo_hearings(convention, organiser):
    meetings = sessions.meetings_of(convention)
    if len(meetings) < 2:
        return
    experts = []
    for values in EXPERTS:
        values = dict(values)
        lines, text = values.pop("interests"), values.pop("declaration")
        expert = operations.create_expert(convention, values)
        operations.declare(convention, expert, text or "Rien d'autre à déclarer.",
                           [operations.interest_values(k, o, d, s, e) for k, o, d, s, e in lines], actor=organiser)
        experts.append(expert)
    account = auth.find_user("experte@example.org")
    if account is not None and auth.holds_role(account.email, convention, Role.expert):
        experts[0].user_id = account.id       # the demo expert account edits Dr Benali's profile
    hearings = []
    for meeting, expert, topic in [(meetings[0], experts[0], "Qu'est-ce que l'intelligence artificielle ?"),
                                   (meetings[1], experts[1], "L'IA dans les services publics : droits des usagers")]:
        item = next((i for i in meeting.items if i.kind is AgendaKind.hearing), None)
        hearings.append(operations.save_hearing(convention, {
            "topic": topic, "item": item, "experts": [expert], "video_url": "", "is_published": True,
            "summary": ("L'experte a présenté les familles de méthodes d'IA et leurs limites ; les membres ont "
                        "surtout interrogé la transparence des décisions.") if meeting is meetings[0] else ""}))
    operations.add_document(convention, hearings[0], "Support de présentation", "ia-en-bref.md",
                            "# L'IA en bref\n\nApprentissage, données, biais.\n".encode(), actor=organiser)
    members = sessions.panel_members(convention)
    questions = [operations.ask(hearings[1], members[i % len(members)], text) for i, text in enumerate(QUESTIONS)]
    from ..extensions import db
    db.session.flush()
    for index, member in enumerate(members[:12]):
        operations.toggle_vote(questions[0 if index % 3 else 1], member)
    operations.answer(convention, questions[1], experts[1],
                      "La collectivité reste responsable de ses décisions, même assistées par un algorithme ; "
                      "l'usager peut demander l'intervention d'un agent.", actor=organiser)
    click.echo(f"Demo hearings: {len(hearings)} with {len(experts)} experts and {len(questions)} questions.")
