"""Reading themes: the list, a theme's contributions, the map's points, the last run."""
from sqlalchemy.orm import selectinload

from ..contributions.models import Contribution
from ..contributions.services import published_contributions
from ..database import paginate
from ..extensions import db
from ..tasks.models import TaskRun, TaskState
from .models import DOUBTFUL_BELOW, Theme, ThemeAssignment

# A page of assignments shows each one's contribution and theme: load them in two queries, not n.
WITH_CONTRIBUTION = (selectinload(ThemeAssignment.contribution), selectinload(ThemeAssignment.theme))


def themes_of(convention):
    return db.session.scalars(db.select(Theme).filter_by(convention_id=convention.id)
                              .order_by(Theme.number)).all()


def theme_or_404(convention, theme_id):
    return db.first_or_404(db.select(Theme).filter_by(convention_id=convention.id, id=theme_id))


def assignment_or_404(theme, contribution_id):
    return db.first_or_404(db.select(ThemeAssignment).filter_by(theme_id=theme.id,
                                                                contribution_id=contribution_id))


def contributions_by_id(ids):
    if not ids:
        return {}
    return {c.id: c for c in db.session.scalars(db.select(Contribution).where(Contribution.id.in_(ids)))}


def representatives(themes):
    """{theme id: [Contribution, ...]} in the order the engine ranked them."""
    found = contributions_by_id({cid for theme in themes for cid in theme.representative_ids})
    return {theme.id: [found[cid] for cid in theme.representative_ids if cid in found] for theme in themes}


def doubtful_counts(convention):
    """{theme id: number of its assignments the machine was unsure of}."""
    rows = db.session.execute(
        db.select(ThemeAssignment.theme_id, db.func.count()).join(Theme)
        .where(Theme.convention_id == convention.id, ThemeAssignment.manual.is_(False),
               ThemeAssignment.confidence < DOUBTFUL_BELOW)
        .group_by(ThemeAssignment.theme_id))
    return dict(rows.all())


def assignments_page(theme, page):
    """One page of a theme's assignments, the most doubtful first (they need a person's look)."""
    query = (db.select(ThemeAssignment).filter_by(theme_id=theme.id).options(*WITH_CONTRIBUTION)
             .order_by(ThemeAssignment.manual.desc(), ThemeAssignment.confidence.asc(),
                       ThemeAssignment.contribution_id))
    return paginate(query, page)


def map_points(convention):
    """Every assignment with its map coordinates, with its theme loaded."""
    return db.session.scalars(
        db.select(ThemeAssignment).join(Theme).where(Theme.convention_id == convention.id,
                                                     ThemeAssignment.x.is_not(None))
        .options(*WITH_CONTRIBUTION).order_by(Theme.number, ThemeAssignment.contribution_id)).all()


def map_page(convention, page):
    query = (db.select(ThemeAssignment).join(Theme).where(Theme.convention_id == convention.id)
             .options(*WITH_CONTRIBUTION).order_by(Theme.number, ThemeAssignment.contribution_id))
    return paginate(query, page)


def unassigned_count(convention):
    """Published contributions not in a theme yet (new since the last run)."""
    published = published_contributions(convention).subquery()
    assigned = db.select(ThemeAssignment.contribution_id)
    return db.session.scalar(db.select(db.func.count()).select_from(published)
                             .where(published.c.id.not_in(assigned)))


def published_count(convention):
    return db.session.scalar(db.select(db.func.count()).select_from(
        published_contributions(convention).subquery()))


def last_run(convention, kind, *states):
    """The convention's last run of `kind` in one of `states` (default: done; its result holds
    the cache hits and misses)."""
    return db.session.scalar(db.select(TaskRun).filter_by(kind=kind, convention_id=convention.id)
                             .where(TaskRun.state.in_(states or [TaskState.done]))
                             .order_by(TaskRun.id.desc()).limit(1))
