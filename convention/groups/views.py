"""Working groups: organisers form them around themes and assign members; members see theirs."""
from flask import Blueprint, flash, render_template, request, url_for
from flask_login import current_user

from ..audit import labels
from ..auth import access
from ..auth.models import Role
from ..organising import nav
from ..extensions import db
from ..i18n import _, _l
from ..public import sections
from ..themes import queries as themes
from ..web import confirmation_page, confirmed, form_response, redirect_to
from . import balance, services
from .forms import GroupForm
from . import demo as _demo  # noqa: E402,F401  (registers the demo step)

bp = Blueprint("groups", __name__)
nav.register_section("groups.manage", _l("Working groups"), order=55)
labels.register(actions={"groups.create": _l("Working group created"),
                         "groups.update": _l("Working group changed"),
                         "groups.delete": _l("Working group deleted")},
                fields={"members": _l("Members")},
                objects={"WorkingGroup": _l("Working group")})
PARTICIPANTS = access.PARTICIPANTS


def _form(convention, group=None):
    form = GroupForm(themes.themes_of(convention), services.panel_members(convention), obj=group)
    if group is not None and not form.is_submitted():
        form.themes.data = [theme.id for theme in group.themes]
        form.members.data = [user.id for user in group.members]
    elif group is None and not form.is_submitted():
        form.themes.data = [theme for theme in [request.args.get("theme", type=int)] if theme]
    return form


@bp.get("/manage/<slug>/groups/")
@access.convention_role(Role.organiser)
def manage(convention):
    return render_template("groups/manage.html", convention=convention,
                           groups=services.groups_of(convention), has_themes=bool(themes.themes_of(convention)))


@bp.route("/manage/<slug>/groups/new", methods=["GET", "POST"])
@access.convention_role(Role.organiser)
def create(convention):
    form = _form(convention)
    response = form_response(form, "groups/form.html", "groups/_form.html", convention=convention, group=None)
    if response is not None:
        return response
    group = services.create(convention, form.data)
    db.session.commit()
    flash(_("Working group “%(name)s” created; its themes are locked.", name=group.name), "success")
    return redirect_to(url_for(".show", slug=convention.slug, group_id=group.id))


@bp.route("/manage/<slug>/groups/<int:group_id>/edit", methods=["GET", "POST"])
@access.convention_role(Role.organiser)
def edit(convention, group_id):
    group = services.group_or_404(convention, group_id)
    form = _form(convention, group)
    response = form_response(form, "groups/form.html", "groups/_form.html", convention=convention, group=group)
    if response is not None:
        return response
    if services.update(convention, group, form.data):
        db.session.commit()
        flash(_("Changes saved."), "success")
    else:
        flash(_("Nothing to save: no field changed."), "info")
    return redirect_to(url_for(".show", slug=convention.slug, group_id=group.id))


@bp.route("/manage/<slug>/groups/<int:group_id>/delete", methods=["GET", "POST"])
@access.convention_role(Role.organiser)
def delete(convention, group_id):
    group = services.group_or_404(convention, group_id)
    if not confirmed():
        return confirmation_page(
            url_for(".show", slug=convention.slug, group_id=group.id),
            _("Delete the working group “%(name)s”?", name=group.name),
            _("Its members and themes stay in the convention; only the group disappears."),
            _("Delete the group"), convention=convention)
    services.delete(convention, group)
    db.session.commit()
    flash(_("Working group deleted."), "success")
    return redirect_to(url_for(".manage", slug=convention.slug))


@bp.get("/c/<slug>/groups")
@access.convention_role(*PARTICIPANTS)
def index(convention):
    mine = services.groups_of_member(convention, current_user)
    others = [g for g in services.groups_of(convention) if g not in mine]
    return render_template("groups/index.html", convention=convention, mine=mine, others=others)


@bp.get("/c/<slug>/groups/<int:group_id>")
@access.convention_role(*PARTICIPANTS)
def show(convention, group_id):
    group = services.group_or_404(convention, group_id)
    page = services.contributions_page(group, request.args.get("page", 1, type=int))
    composition = balance.balance(convention, group) if access.can_manage(convention) else None
    return render_template("groups/group.html", convention=convention, group=group, page=page,
                           balance=composition)


def public_section(convention):
    """On the convention's page, a member's groups (nothing for other visitors)."""
    if not current_user.is_authenticated or not access.has_role(current_user, convention, *PARTICIPANTS):
        return {}
    if not services.groups_of(convention):
        return {}
    return {"groups": services.groups_of_member(convention, current_user)}


sections.register("groups/_public_section.html", order=35, context=public_section)
