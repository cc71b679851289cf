"""Organisers' curation of the themes; each operation writes the audit log and does not commit."""
from ..audit import services as audit
from ..extensions import db
from ..groups.models import working_group_themes
from ..i18n import _
from .models import Theme
from .numbering import next_numbers
from .summaries import cached_vectors, refresh, reorder


class InWorkingGroup(Exception):
    """A theme a working group works on stays locked (computing the themes again would drop it)."""


class CannotSplit(Exception):
    """The theme has too few contributions (with a known vector) for the parts asked."""


def update(convention, theme, name, description):
    """Rename and describe a theme; False when nothing changed."""
    before = theme.summary()
    theme.name, theme.description = (name or "").strip(), (description or "").strip()
    return audit.record_changes("themes.update", theme, before, theme.summary(), convention=convention)


def set_locked(convention, theme, locked, actor=None):
    """Raises InWorkingGroup when unlocking a theme of a working group."""
    if theme.locked == locked:
        return False
    if not locked and working_groups_of(theme):
        raise InWorkingGroup(", ".join(working_groups_of(theme)))
    theme.locked = locked
    audit.record("themes.lock" if locked else "themes.unlock", theme, convention=convention,
                 before={"locked": not locked}, after={"locked": locked}, actor=actor)
    reorder(db.session.scalars(db.select(Theme).filter_by(convention_id=convention.id)).all())
    return True


def merge(convention, theme, other):
    """Move `other`'s contributions (and working groups) into `theme`, then delete `other`."""
    before = {"theme": theme.title, "size": theme.size, "merged": f"{other.number}. {other.title}",
              "merged_size": other.size}
    for assignment in list(other.assignments):
        assignment.theme = theme
    _relink_groups(other, theme)
    theme.name = theme.name or other.name
    theme.description = "\n\n".join(d for d in (theme.description, other.description) if d)
    theme.locked = theme.locked or other.locked
    db.session.flush()
    db.session.delete(other)
    db.session.flush()
    refresh(convention)
    audit.record("themes.merge", theme, convention=convention, before=before,
                 after={"theme": theme.title, "size": theme.size})


def working_groups_of(theme):
    """Names of the working groups that work on `theme`."""
    from ..groups.models import WorkingGroup

    return db.session.scalars(db.select(WorkingGroup.name).join(
        working_group_themes, working_group_themes.c.group_id == WorkingGroup.id)
        .where(working_group_themes.c.theme_id == theme.id).order_by(WorkingGroup.name)).all()


def _relink_groups(old, new):
    groups = db.session.scalars(db.select(working_group_themes.c.group_id)
                                .where(working_group_themes.c.theme_id == old.id)).all()
    already = set(db.session.scalars(db.select(working_group_themes.c.group_id)
                                     .where(working_group_themes.c.theme_id == new.id)))
    db.session.execute(working_group_themes.delete().where(working_group_themes.c.theme_id == old.id))
    for group_id in set(groups) - already:
        db.session.execute(working_group_themes.insert().values(group_id=group_id, theme_id=new.id))


def split(convention, theme, parts):
    """Re-cluster `theme` into `parts` themes with the engine; the largest part stays in `theme`.

    Returns the new themes. Raises CannotSplit.
    """
    import numpy as np

    from .engine import cluster

    assignments = sorted(theme.assignments, key=lambda a: a.contribution_id)
    vectors = cached_vectors([a.contribution for a in assignments])
    usable = [a for a in assignments if a.contribution_id in vectors]
    too_few = CannotSplit(_("This theme has too few contributions to be split in %(parts)s.", parts=parts))
    if len(usable) < max(parts, 2):
        raise too_few
    try:
        result = cluster(np.vstack([vectors[a.contribution_id] for a in usable]), k=parts)
    except ValueError as error:      # the engine cannot make that many groups of these texts
        raise too_few from error
    if len(set(int(label) for label in result.labels)) < 2:
        raise too_few
    labels = [int(label) for label in result.labels]
    sizes = {label: labels.count(label) for label in set(labels)}
    stays = max(sizes, key=lambda label: (sizes[label], -label))
    new = sorted((label for label in sizes if label != stays), key=lambda l: (-sizes[l], l))
    new_themes = {}
    for label, number in zip(new, next_numbers(convention, len(new))):
        new_themes[label] = Theme(convention_id=convention.id, number=number, locked=theme.locked)
        db.session.add(new_themes[label])
    db.session.flush()
    for assignment, label, confidence in zip(usable, labels, result.confidence):
        assignment.theme = new_themes.get(label, theme)
        assignment.manual, assignment.confidence = False, float(confidence)
    db.session.flush()
    refresh(convention)
    audit.record("themes.split", theme, convention=convention, before={"size": len(assignments)},
                 after={"themes": [theme.title, *(t.title for t in new_themes.values())],
                        "sizes": [t.size for t in (theme, *new_themes.values())]})
    return list(new_themes.values())


def move(convention, assignment, target):
    """Put a contribution in another theme by hand: it stays there when the themes are recomputed."""
    source = assignment.theme
    if source.id == target.id:
        return False
    assignment.theme, assignment.manual, assignment.confidence = target, True, None
    db.session.flush()
    refresh(convention)
    audit.record("themes.move", assignment, convention=convention,
                 before={"theme": source.title}, after={"theme": target.title})
    return True

