"""Logging in and out, and accepting an invitation."""
from flask import Blueprint, flash, render_template, url_for
from flask_login import current_user, login_user, logout_user

from ..extensions import db
from ..i18n import _
from ..web import confirmed, invalid_form, redirect_to, safe_next
from . import services
from .forms import ExistingPasswordForm, LoginForm, NewPasswordForm

bp = Blueprint("auth", __name__)


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if not form.is_submitted():
        return render_template("auth/login.html", form=form)
    user = services.authenticate(form.email.data or "", form.password.data or "") if form.validate() else None
    if user is None:
        if form.validate():
            form.password.errors.append(_("Wrong e-mail address or password."))
        return invalid_form("auth/login.html", "auth/_login_form.html", form=form)
    db.session.commit()
    login_user(user)
    flash(_("Welcome, %(name)s.", name=user.display_name), "success")
    return redirect_to(safe_next("conventions.dashboard"))


@bp.post("/logout")
def logout():
    if confirmed():
        logout_user()
        flash(_("You are logged out."), "info")
    return redirect_to(url_for("public.home"))


@bp.route("/invitation/<token>", methods=["GET", "POST"])
def accept_invitation(token):
    invitation = services.find_invitation(token)
    if invitation is None:
        return render_template("auth/invitation_invalid.html"), 404
    has_account = bool(getattr(services.find_user(invitation.email), "password_hash", None))
    form = ExistingPasswordForm() if has_account else NewPasswordForm(name=invitation.name)
    context = {"form": form, "invitation": invitation, "has_account": has_account, "token": token}
    if not form.is_submitted():
        return render_template("auth/accept_invitation.html", **context)
    user = None
    if form.validate():
        user = services.accept_invitation(invitation, form.password.data,
                                          name=getattr(form, "name", None) and form.name.data or "")
        if user is None:
            form.password.errors.append(_("Wrong password."))
    if user is None:
        return invalid_form("auth/accept_invitation.html", "auth/_accept_form.html", **context)
    db.session.commit()
    if current_user.is_authenticated and current_user.id != user.id:
        logout_user()
    login_user(user)
    flash(_("Welcome to %(title)s.", title=invitation.convention.title), "success")
    return redirect_to(url_for("conventions.dashboard"))
