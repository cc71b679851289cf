"""Working groups: queries and operations (operations write the audit log and do not commit)."""
from ..audit import services as audit
from ..auth.models import Membership, Role, User
from ..contributions.models import Contribution, ContributionStatus
from ..database import paginate
from ..extensions import db
from ..themes import operations as themes
from ..themes.models import Theme, ThemeAssignment
from ..themes.queries import WITH_CONTRIBUTION
from .models import WorkingGroup, working_group_members


def groups_of(convention):
    return db.session.scalars(db.select(WorkingGroup).filter_by(convention_id=convention.id)
                              .order_by(WorkingGroup.name)).all()


def groups_of_member(convention, user):
    return db.session.scalars(
        db.select(WorkingGroup).join(working_group_members)
        .where(WorkingGroup.convention_id == convention.id, working_group_members.c.user_id == user.id)
        .order_by(WorkingGroup.name)).all()


def group_or_404(convention, group_id):
    return db.first_or_404(db.select(WorkingGroup).filter_by(convention_id=convention.id, id=group_id))


def panel_members(convention):
    """The convention's panel members, who can join working groups."""
    return db.session.scalars(
        db.select(User).join(Membership).where(Membership.convention_id == convention.id,
                                               Membership.role == Role.member)
        .order_by(User.name, User.email)).all()


def themes_by_id(convention, ids):
    if not ids:
        return []
    return db.session.scalars(db.select(Theme).where(Theme.convention_id == convention.id,
                                                     Theme.id.in_(ids)).order_by(Theme.number)).all()


def members_by_id(convention, ids):
    return [user for user in panel_members(convention) if user.id in set(ids)]


def contributions_page(group, page):
    """One page of the published contributions of the group's themes (as their assignments)."""
    theme_ids = [theme.id for theme in group.themes]
    query = (db.select(ThemeAssignment).join(Contribution, ThemeAssignment.contribution_id == Contribution.id)
             .where(ThemeAssignment.theme_id.in_(theme_ids),
                    Contribution.status == ContributionStatus.published)
             .options(*WITH_CONTRIBUTION).order_by(Contribution.id))
    return paginate(query, page)


def create(convention, values, actor=None):
    """A group on the chosen themes, which are locked: people formed a group around them, so
    computing the themes again must keep them."""
    group = WorkingGroup(convention_id=convention.id, name=values["name"].strip(),
                         description=values["description"].strip())
    _set(convention, group, values, actor)
    db.session.add(group)
    db.session.flush()
    audit.record("groups.create", group, convention=convention, after=group.summary(), actor=actor)
    return group


def update(convention, group, values):
    before = group.summary()
    group.name, group.description = values["name"].strip(), values["description"].strip()
    _set(convention, group, values)
    return audit.record_changes("groups.update", group, before, group.summary(), convention=convention)


def _set(convention, group, values, actor=None):
    group.themes = themes_by_id(convention, values["themes"])
    group.members = members_by_id(convention, values["members"])
    for theme in group.themes:
        themes.set_locked(convention, theme, True, actor=actor)


def delete(convention, group):
    audit.record("groups.delete", group, convention=convention, before=group.summary())
    db.session.delete(group)
