"""Creating, editing and finding conventions."""
import re

from panels.text import fold

from ..audit import labels
from ..audit import services as audit
from ..auth.models import Membership, Role
from ..database import paginate
from ..extensions import db
from ..i18n import _l
from .models import Convention

labels.register(
    actions={"convention.create": _l("Convention created"), "convention.update": _l("Convention edited")},
    fields={"title": _l("Title"), "question": _l("Question"), "description": _l("Description"),
            "starts_on": _l("First session"), "ends_on": _l("Last session"), "panel_size": _l("Panel size"),
            "is_public": _l("Public")},
    objects={"Convention": _l("Convention")}, formats={"starts_on": "date", "ends_on": "date"})


def get_by_slug_or_404(slug):
    return db.one_or_404(db.select(Convention).filter_by(slug=slug))


def public_conventions_page(page):
    return paginate(db.select(Convention).filter_by(is_public=True)
                    .order_by(Convention.starts_on.desc(), Convention.id.desc()), page)


def conventions_page(user, page):
    """One page of a user's conventions, newest first (every convention for site admins), and
    {convention id: the user's roles in it} for that page."""
    query = db.select(Convention).order_by(Convention.id.desc())
    if not user.is_admin:
        query = query.where(Convention.id.in_(db.select(Membership.convention_id).filter_by(user_id=user.id)))
    result = paginate(query, page)
    roles = {convention.id: set() for convention in result.items}
    for convention_id, role in db.session.execute(
            db.select(Membership.convention_id, Membership.role)
            .filter(Membership.user_id == user.id, Membership.convention_id.in_(list(roles)))):
        roles[convention_id].add(role)
    return result, roles


def is_empty():
    return db.session.scalar(db.select(db.func.count(Convention.id))) == 0


def create_convention(data, creator):
    """Create a convention from form data; its creator becomes its first organiser."""
    convention = Convention(slug=unique_slug(data["title"]))
    _assign(convention, data)
    db.session.add(convention)
    db.session.add(Membership(user=creator, convention=convention, role=Role.organiser))
    db.session.flush()
    audit.record("convention.create", convention, convention=convention, after=convention.summary())
    return convention


def update_convention(convention, data):
    """Apply form data; log only the fields that changed. Returns True if something changed."""
    before = convention.summary()
    _assign(convention, data)
    return audit.record_changes("convention.update", convention, before, convention.summary(),
                                convention=convention)


def _assign(convention, data):
    for name in Convention.EDITABLE:
        if name in data:
            setattr(convention, name, data[name])


def slugify(text):
    ascii_text = fold(text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:60] or "convention"


def unique_slug(title):
    base = slugify(title)
    slug, n = base, 1
    while db.session.scalar(db.select(Convention.id).filter_by(slug=slug)) is not None:
        n += 1
        slug = f"{base}-{n}"
    return slug



def member_counts(convention):
    """How many people hold each role, for the overview page."""
    rows = db.session.execute(db.select(Membership.role, db.func.count(Membership.id))
                              .where(Membership.convention_id == convention.id).group_by(Membership.role))
    counts = dict.fromkeys(Role, 0)
    counts.update(dict(rows.all()))
    return counts


def get_by_id_or_404(convention_id):
    return db.get_or_404(Convention, convention_id)
