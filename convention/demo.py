"""Demonstration data, so that a fresh `make run` shows a living site."""
import os
from datetime import date, timedelta

from .auth import services as auth
from .auth.models import Membership, Role
from .organising import services as conventions
from .organising.models import Convention
from .extensions import db

DEMO_EMAIL = "organisateur@example.org"
DEMO_PASSWORD = "tirage-au-sort"
DEMO_TITLE = "Convention citoyenne sur l'intelligence artificielle"
# One account per other role, with the demo password, to see the site as each of them.
DEMO_PEOPLE = [
    ("experte@example.org", "Dr Aïcha Benali", Role.expert),
    ("elu@example.org", "Paul Lefèvre, adjoint au numérique", Role.decision_maker),
    ("membre@example.org", "Julie Moreau", Role.member),
]

# Functions (convention, organiser) run after the demo convention is created, in order: the
# draw domain adds the pool and the panel here (see `demo_step`).
DEMO_STEPS = []


def demo_step(func):
    """Register a step of the demo data, e.g. `@demo_step def draw_demo_panel(convention, organiser)`."""
    DEMO_STEPS.append(func)
    return func


def credentials():
    return (os.environ.get("CONVENTION_DEMO_EMAIL", DEMO_EMAIL),
            os.environ.get("CONVENTION_DEMO_PASSWORD", DEMO_PASSWORD))


def load_demo(today=None):
    """Create the demo organiser (a site admin) and convention unless they exist.

    Returns (convention, created) where `created` says whether anything was added.
    """
    email, password = credentials()
    organiser = auth.find_user(email)
    if organiser is None:
        organiser = auth.create_user(email, password, name="Camille Martin", is_admin=True)
    convention = db.session.scalar(db.select(Convention).filter_by(title=DEMO_TITLE))
    if convention is not None:
        return convention, False
    start = _first_saturday_after((today or date.today()) + timedelta(days=30))
    convention = conventions.create_convention({
        "title": DEMO_TITLE,
        "question": ("Quelle place voulons-nous donner à l'intelligence artificielle dans la vie de "
                     "notre métropole, et à quelles conditions ?"),
        "description": (
            "Quarante habitantes et habitants tirés au sort se réunissent pendant six week-ends pour "
            "entendre des expertes et des experts, débattre et rédiger un avis adressé au conseil de "
            "la métropole. Le conseil répondra à chaque préconisation et rendra compte de leur mise "
            "en œuvre."),
        "starts_on": start,
        "ends_on": start + timedelta(weeks=20),
        "panel_size": 40,
        "is_public": True,
    }, organiser)
    for email, name, role in DEMO_PEOPLE:
        person = auth.find_user(email) or auth.create_user(email, password, name=name)
        db.session.add(Membership(user=person, convention=convention, role=role))
    for step in DEMO_STEPS:
        step(convention, organiser)
    return convention, True


def _first_saturday_after(day):
    return day + timedelta(days=(5 - day.weekday()) % 7)
