"""The organiser's pages: dashboard, creating and editing a convention, its people."""
from flask import Blueprint, flash, render_template, request, url_for
from flask_login import current_user, login_required

from ..auth import access
from ..auth import services as auth
from ..auth.forms import InviteForm
from ..auth.models import Role
from ..extensions import db, htmx
from ..i18n import _
from ..web import confirmation_page, confirmed, form_response, redirect_to
from . import home, nav, services
from .forms import ConventionForm

bp = Blueprint("conventions", __name__)


@bp.app_context_processor
def _navigation():
    return {"management_sections": nav.sections, "current_section": nav.current}


@bp.get("/dashboard")
@login_required
def dashboard():
    page, roles = services.conventions_page(current_user, request.args.get("page", 1, type=int))
    return render_template("conventions/dashboard.html", page=page, roles=roles, Role=Role,
                           home_sections=home.for_user(current_user))


@bp.route("/conventions/new", methods=["GET", "POST"])
@access.admin_required
def create():
    form = ConventionForm()
    response = form_response(form, "conventions/form.html", "conventions/_form.html", convention=None)
    if response is not None:
        return response
    convention = services.create_convention(form.values, current_user)
    db.session.commit()
    flash(_("Convention “%(title)s” created.", title=convention.title), "success")
    return redirect_to(url_for(".manage", slug=convention.slug))


@bp.get("/manage/<slug>/")
@access.convention_role(Role.organiser)
def manage(convention):
    return render_template("conventions/manage.html", convention=convention,
                           counts=services.member_counts(convention))


@bp.route("/manage/<slug>/edit", methods=["GET", "POST"])
@access.convention_role(Role.organiser)
def edit(convention):
    form = ConventionForm(obj=convention)
    response = form_response(form, "conventions/form.html", "conventions/_form.html", convention=convention)
    if response is not None:
        return response
    if services.update_convention(convention, form.values):
        db.session.commit()
        flash(_("Changes saved."), "success")
    else:
        flash(_("Nothing to save: no field changed."), "info")
    return redirect_to(url_for(".manage", slug=convention.slug))


@bp.get("/manage/<slug>/people")
@access.convention_role(Role.organiser)
def people(convention):
    return _people_page(convention, InviteForm())


def _people_page(convention, form, status=200):
    return render_template("conventions/people.html", convention=convention, form=form,
                           memberships=auth.memberships_page(convention, request.args.get("page", 1, type=int)),
                           removable=auth.is_removable,
                           invitations=auth.pending_invitations_page(
                               convention, request.args.get("invitations_page", 1, type=int))), status


@bp.post("/manage/<slug>/people/invite")
@access.convention_role(Role.organiser)
def invite(convention):
    form = InviteForm()
    valid = form.validate_on_submit()
    if valid and auth.holds_role(form.email.data, convention, form.role_value):
        form.email.errors.append(_("%(email)s already has this role.", email=form.email.data))
        valid = False
    if not valid:
        if htmx:
            return render_template("conventions/_invite_form.html", convention=convention, form=form), 422
        return _people_page(convention, form, 422)
    auth.invite(convention, form.email.data, form.role_value, name=form.name.data or "",
                invited_by=current_user)
    db.session.commit()
    flash(_("Invitation sent to %(email)s.", email=form.email.data), "success")
    return redirect_to(url_for(".people", slug=convention.slug))


@bp.route("/manage/<slug>/people/<int:membership_id>/remove", methods=["GET", "POST"])
@access.convention_role(Role.organiser)
def remove_membership(convention, membership_id):
    membership = auth.get_membership_or_404(convention, membership_id)
    back = url_for(".people", slug=convention.slug)
    if auth.is_last_organiser(membership):
        flash(_("A convention keeps at least one organiser: invite another one first."), "error")
        return redirect_to(back)
    if not confirmed():
        name = membership.user.display_name
        return confirmation_page(
            back, _("Remove %(name)s?", name=name),
            _("%(name)s will lose the role “%(role)s” in this convention.", name=name, role=membership.role.label),
            _("Remove"), convention=convention)
    auth.remove_membership(membership)
    db.session.commit()
    flash(_("Role removed."), "success")
    return redirect_to(back)


@bp.route("/manage/<slug>/invitations/<int:invitation_id>/revoke", methods=["GET", "POST"])
@access.convention_role(Role.organiser)
def revoke_invitation(convention, invitation_id):
    invitation = auth.get_invitation_or_404(convention, invitation_id)
    back = url_for(".people", slug=convention.slug)
    if not confirmed():
        return confirmation_page(back, _("Cancel the invitation of %(email)s?", email=invitation.email),
                                 _("The link sent by e-mail will stop working."), _("Cancel the invitation"),
                                 convention=convention)
    auth.revoke_invitation(invitation)
    db.session.commit()
    flash(_("Invitation cancelled."), "success")
    return redirect_to(back)
