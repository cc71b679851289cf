"""The demo's sessions: one held two weeks ago (agenda, a document, a summary, attendance taken),
the next one a week from now, and one a month later, all published."""
from datetime import datetime, time, timedelta, timezone

import click

from ..auth import services as auth
from ..auth.models import Invitation, Membership, Role
from ..database import utcnow
from ..demo import demo_step
from ..extensions import db
from ..draw import demo as _draw_demo  # noqa: F401  (its step, which seats the panel members, first)
from . import operations, queries
from .forms import to_utc
from .models import AgendaKind, AttendanceStatus

PLACE = "Hôtel de Métropole, 50 place Zeus, Montpellier"
ACCESS = ("Tram lignes 1 et 4, arrêt Rives du Lez. Entrée accessible de plain-pied côté parvis ; "
          "boucle magnétique en salle du conseil ; garde d'enfants sur inscription.")
AGENDA = {
    "past": [(AgendaKind.plenary, "Accueil et règles du débat", 45), (AgendaKind.hearing, "Qu'est-ce que l'IA ?", 90),
             (AgendaKind.break_, "Déjeuner", 60), (AgendaKind.groups, "Premières questions en groupes", 90),
             (AgendaKind.plenary, "Mise en commun", 45)],
    "next": [(AgendaKind.plenary, "Retour sur la séance précédente", 30),
             (AgendaKind.hearing, "Audition : l'IA dans les services publics", 120),
             (AgendaKind.break_, "Déjeuner", 60), (AgendaKind.groups, "Ateliers par thème", 120),
             (AgendaKind.vote, "Vote sur les thèmes à approfondir", 30)],
    "later": [(AgendaKind.hearing, "Audition : données personnelles et santé", 120),
              (AgendaKind.groups, "Rédaction des premières propositions", 150)],
}
DEMO_DOCUMENT = ("Dossier d'accueil de la convention.\n\nCalendrier, règles du débat, glossaire de l'IA.\n")


def _saturday(offset_days):
    day = datetime.now(timezone.utc).date() + timedelta(days=offset_days)
    return day + timedelta(days=(5 - day.weekday()) % 7)


@demo_step
def plan_demo_sessions(convention, organiser):
    made = []
    for key, title, offset in [("past", "Séance 1 : comprendre l'intelligence artificielle", -14),
                               ("next", "Séance 2 : l'IA dans les services publics", 1),
                               ("later", "Séance 3 : données personnelles et santé", 30)]:
        day = _saturday(offset) if key != "past" else _saturday(offset - 6)
        meeting = operations.create_meeting(convention, {
            "title": title, "starts_at": to_utc(day, time(9)), "ends_at": to_utc(day, time(17)), "place": PLACE,
            "access_info": ACCESS, "online_url": "", "is_published": True,
            "preparation": "Lire le dossier d'accueil et les contributions publiées." if key == "next" else "",
            "summary": ("Quarante membres présents sur quarante-deux. Après l'audition, les groupes ont "
                        "formulé leurs premières questions, reprises dans l'ordre du jour de la séance 2.")
                       if key == "past" else ""})
        for kind, item_title, minutes in AGENDA[key]:
            operations.add_item(convention, meeting, {"kind": kind, "title": item_title, "minutes": minutes,
                                                      "description": ""})
        made.append(meeting)
    past, upcoming = made[0], made[1]
    operations.add_document(convention, past, "Dossier d'accueil", "dossier-accueil.txt",
                            DEMO_DOCUMENT.encode(), actor=organiser)
    operations.add_document(convention, upcoming, "Note de cadrage : l'IA dans les services publics",
                            "note-de-cadrage.md", b"# Note de cadrage\n\nLes usages de l'IA par la metropole.\n",
                            item=upcoming.items[1], actor=organiser)
    _seat_invited_members(convention)
    members = queries.panel_members(convention)
    for index, member in enumerate(members):
        status = (AttendanceStatus.absent if index % 17 == 3 else
                  AttendanceStatus.excused if index % 11 == 5 else AttendanceStatus.present)
        operations.mark_attendance(convention, past, member, status, actor=organiser)
    click.echo(f"Demo sessions: {len(made)} planned, attendance of {len(members)} members taken at the first.")


def _seat_invited_members(convention):
    """The demo's invited panel members accept their invitations (accounts without a password), so
    that the first session has its attendance; on a real convention each person accepts by mail."""
    invitations = db.session.scalars(db.select(Invitation).filter_by(
        convention_id=convention.id, role=Role.member, accepted_at=None, revoked_at=None)).all()
    for invitation in invitations:
        person = auth.find_user(invitation.email) or auth.create_user(invitation.email, name=invitation.name)
        db.session.add(Membership(user=person, convention=convention, role=Role.member))
        invitation.accepted_at = utcnow()
    db.session.flush()
