"""Re-clustering a convention's published contributions into themes, keeping what people decided.

Locked themes keep all their contributions, contributions moved by hand keep their theme: both
are passed to the engine as fixed items. Other themes are replaced by the engine's new groups.
"""
from flask import current_app

from ..audit import services as audit
from ..contributions.services import published_contributions
from ..extensions import db
from ..i18n import _, _l
from .embedding import embed
from .models import Theme, ThemeAssignment
from .numbering import next_numbers
from .summaries import refresh


# The language model loads on the first run of a worker (up to a minute on a busy machine): a step
# of its own, so that the bar does not seem stuck. {loaded: (fraction, message)}.
MODEL_STEPS = {False: (0.03, _l("Loading the language model (up to a minute on the first run)…")),
               True: (0.1, _l("Language model loaded: embedding the contributions…"))}


class NotEnoughContributions(Exception):
    """Fewer than two published contributions: nothing to group."""


def recluster(convention, progress, *, k=None, k_min=None, k_max=None, actor=None):
    """Embed (through the cache) and cluster the convention's published contributions.

    `progress` is a tasks Progress. Returns the run's summary (counts, cache hits and misses).
    Raises NotEnoughContributions.
    """
    from . import engine

    contributions = db.session.scalars(published_contributions(convention)).all()
    if len(contributions) < 2:
        raise NotEnoughContributions(_("At least two published contributions are needed to form themes."))
    texts = [c.text for c in contributions]
    # Messages as _l without variables: the progress fragment shows them in each visitor's language.
    progress.report(0.02, _l("Embedding the contributions…"))
    embedded = embed(texts, current_app.config["EMBEDDING_MODEL"],
                     progress=lambda fraction, _message: progress(
                         0.1 + 0.5 * fraction, _l("Embedding the contributions…")),
                     loading=lambda done: progress.report(*MODEL_STEPS[done]))
    progress.report(0.6, _l("Grouping the contributions into themes…"))
    themes, fixed = _fixed_groups(convention, contributions)
    bounds = {name: value for name, value in (("k_min", k_min), ("k_max", k_max)) if value is not None}
    result = engine.cluster(embedded.vectors, k=k, fixed=fixed, **bounds,
                            progress=lambda fraction, _message: progress(
                                0.6 + 0.3 * fraction, _l("Grouping the contributions into themes…")))
    progress.report(0.9, _l("Writing the themes…"))
    points = engine.project_2d(embedded.vectors)
    by_label = _themes_by_label(convention, themes, result.labels, [c.id for c in contributions])
    _write_assignments(convention, contributions, result, points, by_label, fixed)
    refresh(convention, vectors={c.id: v for c, v in zip(contributions, embedded.vectors)})
    summary = {"contributions": len(contributions), "themes": len(set(by_label.values())),
               "embedded": embedded.misses, "cached": embedded.hits,
               "kept": len(themes), "fixed": len(fixed)}
    audit.record("themes.cluster", convention=convention, actor=actor, after=summary)
    return summary


def _fixed_groups(convention, contributions):
    """({group id: kept theme}, {contribution index: group id}) of locked themes and manual moves."""
    assignments = {a.contribution_id: a for a in db.session.scalars(
        db.select(ThemeAssignment).join(Theme).where(Theme.convention_id == convention.id))}
    kept = db.session.scalars(db.select(Theme).where(Theme.convention_id == convention.id)
                              .order_by(Theme.position, Theme.id)).all()
    kept = [t for t in kept if t.locked or any(a.manual for a in t.assignments)]
    group_of = {theme.id: group for group, theme in enumerate(kept)}
    fixed = {}
    for index, contribution in enumerate(contributions):
        assignment = assignments.get(contribution.id)
        if assignment is not None and assignment.theme_id in group_of and (
                assignment.manual or assignment.theme.locked):
            fixed[index] = group_of[assignment.theme_id]
    return dict(enumerate(kept)), fixed


def _themes_by_label(convention, kept, labels, contribution_ids):
    """{engine label: Theme}: kept themes for their group ids; for the other labels, the former
    theme with mostly the same contributions (so a name given without locking survives a run
    that changes little), else a new theme. Former themes chosen by no label are deleted."""
    kept_ids = {theme.id for theme in kept.values()}
    former = [t for t in db.session.scalars(db.select(Theme).filter_by(convention_id=convention.id))
              if t.id not in kept_ids]
    members = {}
    for contribution_id, label in zip(contribution_ids, labels):
        if int(label) not in kept:
            members.setdefault(int(label), set()).add(contribution_id)
    by_label = dict(kept)
    by_label.update(_same_themes(former, members))
    for theme in former:
        if theme not in by_label.values():
            db.session.delete(theme)
    db.session.flush()
    new = sorted((label for label in members if label not in by_label), key=lambda l: (-len(members[l]), l))
    for label, number in zip(new, next_numbers(convention, len(new))):      # the largest first
        by_label[label] = Theme(convention_id=convention.id, number=number)
        db.session.add(by_label[label])
    db.session.flush()
    return by_label


def _same_themes(former, members, threshold=0.5):
    """{label: former theme} pairing each new group with the former theme sharing more than
    `threshold` of their union (Jaccard), best pairs first."""
    pairs = []
    for theme in former:
        old = {a.contribution_id for a in theme.assignments}
        for label, new in members.items():
            union = len(old | new)
            if union and len(old & new) / union > threshold:
                pairs.append((len(old & new) / union, theme.number, label, theme))
    chosen, used = {}, set()
    for _score, _number, label, theme in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if label not in chosen and theme.id not in used:
            chosen[label] = theme
            used.add(theme.id)
    return chosen


def _write_assignments(convention, contributions, result, points, by_label, fixed):
    existing = {a.contribution_id: a for a in db.session.scalars(
        db.select(ThemeAssignment).join(Theme).where(Theme.convention_id == convention.id))}
    for index, contribution in enumerate(contributions):
        assignment = existing.get(contribution.id) or ThemeAssignment(contribution_id=contribution.id)
        theme = by_label[int(result.labels[index])]
        manual = assignment.manual and index in fixed
        assignment.theme_id, assignment.manual = theme.id, manual
        assignment.confidence = None if manual else float(result.confidence[index])
        assignment.x, assignment.y = float(points[index][0]), float(points[index][1])
        db.session.add(assignment)
    published = {c.id for c in contributions}
    for contribution_id, assignment in existing.items():
        if contribution_id not in published:     # rejected or withdrawn since the last run
            db.session.delete(assignment)
    db.session.flush()
