"""The demo's proposals: drafted by a working group (the one formed around the largest theme, or,
when the demo computes no themes, a group of its own without themes), saved in several versions by
several members, submitted, amended (one amendment accepted, one rejected, one open and supported),
and commented with a reply."""
import click

from ..contributions.models import Contribution, ContributionStatus
from ..demo import demo_step
from ..extensions import db
from ..groups import demo as _groups_demo  # noqa: F401  (its step, which forms the group, first)
from ..groups import services as groups
from ..hearings import demo as _hearings_demo  # noqa: F401  (its step, which plans the hearings, first)
from ..hearings.models import Hearing
from . import operations
from .models import AmendmentStatus, ProposalStatus

REGISTER = ["""## Constat

Les habitants ne savent pas quand un algorithme intervient dans une décision qui les concerne.

## Proposition

La métropole publie un registre des algorithmes qu'elle utilise.""",
            """## Constat

Les habitants ne savent pas quand un algorithme intervient dans une décision qui les concerne.

## Proposition

La métropole publie en ligne un registre de tous les algorithmes qu'elle utilise pour une décision
individuelle : finalité, données utilisées, service responsable.""",
            """## Constat

Les habitants ne savent pas quand un algorithme intervient dans une décision qui les concerne.

## Proposition

La métropole publie en ligne un registre de tous les algorithmes qu'elle utilise pour une décision
individuelle : finalité, données utilisées, service responsable, date de la dernière évaluation.

- Le registre est mis à jour chaque trimestre.
- Chaque courrier de décision indique si un algorithme y a contribué."""]
AGENT = ["""La métropole garantit qu'une personne peut toujours parler à un agent.""",
         """La métropole garantit que chaque démarche en ligne reste possible au guichet ou par
téléphone, avec un agent, sans surcoût ni délai supplémentaire."""]


@demo_step
def draft_demo_proposals(convention, organiser):
    members = groups.panel_members(convention)
    if len(members) < 3:
        return
    found = groups.groups_of(convention)
    group = found[0] if found else groups.create(convention, {
        "name": "Groupe « Transparence des algorithmes »", "description": "", "themes": [],
        "members": [user.id for user in members[:12]]}, actor=organiser)
    writers = group.members[:3] or members[:3]
    contributions = db.session.scalars(db.select(Contribution).filter_by(
        convention_id=convention.id, status=ContributionStatus.published).order_by(Contribution.id).limit(2)).all()
    hearings = db.session.scalars(db.select(Hearing).filter_by(convention_id=convention.id)).all()
    values = {"title": "Un registre public des algorithmes", "summary": "Savoir quand un algorithme décide.",
              "themes": list(group.themes[:1]), "contributions": contributions, "hearings": hearings[:1]}
    register = operations.create(convention, group, {**values, "text": REGISTER[0]}, writers[0])
    for number, text in enumerate(REGISTER[1:], start=1):
        operations.save(register, register.version, {**values, "text": text}, writers[number % len(writers)])
    operations.set_status(convention, register, ProposalStatus.submitted, organiser)
    agent = operations.create(convention, group, {**values, "title": "Toujours un agent humain", "text": AGENT[0],
                                                  "summary": "Ne jamais laisser un usager seul face à la machine.",
                                                  "hearings": hearings[1:2], "contributions": []}, writers[1 % len(writers)])
    operations.save(agent, agent.version, {**values, "title": "Toujours un agent humain", "text": AGENT[1],
                                           "summary": agent.summary, "hearings": hearings[1:2], "contributions": []},
                    writers[0])
    outsider = members[-1]
    accepted = operations.propose_amendment(register, outsider, "chaque trimestre", "chaque mois",
                                            "Un trimestre, c'est trop long quand un algorithme change.")
    rejected = operations.propose_amendment(register, members[-2], "tous les algorithmes",
                                            "les algorithmes les plus importants",
                                            "Tout recenser coûterait trop cher.")
    open_one = operations.propose_amendment(register, members[-3], "date de la dernière évaluation",
                                            "date et résultat de la dernière évaluation",
                                            "Le résultat compte autant que la date.")
    db.session.flush()
    for member in members[:5]:
        operations.toggle_support(open_one, member)
    operations.decide(convention, accepted, AmendmentStatus.accepted, organiser)
    operations.decide(convention, rejected, AmendmentStatus.rejected, organiser,
                      reason="Le groupe tient à un registre complet : c'est ce que demandent les contributions.")
    first = operations.comment(register, members[3 % len(members)], "Et pour les algorithmes des prestataires ?")
    db.session.flush()
    operations.comment(register, writers[0], "Ils entrent aussi dans le registre : la métropole en reste responsable.",
                       parent=first)
    operations.comment(agent, members[4 % len(members)], "Important pour les personnes âgées.")
    click.echo(f"Demo proposals: 2 in {group.name}, {register.version} versions of the first, 3 amendments.")
