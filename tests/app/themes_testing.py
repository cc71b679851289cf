"""Helpers of the themes and working-group tests: published contributions on three clear topics
of a convention on AI (tests/app/fixtures/themes_contributions.csv), a clustering run, its themes."""
import csv

from convention_testing import ROOT
from convention.contributions.models import AuthorKind, Contribution, ContributionStatus
from convention.extensions import db
from convention.themes.models import Theme, ThemeAssignment

TOPICS = ("ecole", "sante", "surveillance")
PER_TOPIC = 8


def topic_texts():
    """{topic: [text, ...]}: the first PER_TOPIC contributions of each of TOPICS."""
    with open(ROOT / "tests" / "app" / "fixtures" / "themes_contributions.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return {topic: [r["text"] for r in rows if r["topic"] == topic][:PER_TOPIC] for topic in TOPICS}


def add_contributions(app, convention_id, texts=None, status=ContributionStatus.published):
    """Add contributions (default: every topic's texts); returns their ids."""
    if texts is None:
        texts = [text for group in topic_texts().values() for text in group]
    with app.app_context():
        contributions = _contributions(convention_id, texts, status)
        db.session.commit()
        return [c.id for c in contributions]


def run_clustering(client, slug, **settings):
    data = {"k_min": 2, "k_max": 6, **settings}
    return client.post(f"/manage/{slug}/themes/run", data={k: v for k, v in data.items() if v is not None})


def themes(app):
    """[(theme id, name, locked, sorted contribution ids)] by number."""
    with app.app_context():
        found = db.session.scalars(db.select(Theme).order_by(Theme.number)).all()
        return [(t.id, t.name, t.locked, sorted(a.contribution_id for a in t.assignments)) for t in found]


def theme_of(app, contribution_id):
    with app.app_context():
        assignment = db.session.scalar(db.select(ThemeAssignment).filter_by(contribution_id=contribution_id))
        return (assignment.theme_id, assignment.manual) if assignment else None


def matrix_objects(convention):
    """Two themes (one contribution in the first) and a working group, for the access matrix."""
    from convention.groups.models import WorkingGroup

    [contribution_id] = [c.id for c in _contributions(convention.id, ["Une idée."])]
    first, second = Theme(convention_id=convention.id, number=1), Theme(convention_id=convention.id, number=2)
    group = WorkingGroup(convention_id=convention.id, name="Groupe", themes=[first])
    db.session.add_all([first, second, group])
    db.session.flush()
    db.session.add(ThemeAssignment(contribution_id=contribution_id, theme_id=first.id, confidence=0.9))
    db.session.flush()
    return {"theme": first.id, "other_theme": second.id, "group": group.id, "assigned": contribution_id}


def _contributions(convention_id, texts, status=ContributionStatus.published):
    contributions = [Contribution(convention_id=convention_id, text=text, author_kind=AuthorKind.imported,
                                  status=status) for text in texts]
    db.session.add_all(contributions)
    db.session.flush()
    return contributions
