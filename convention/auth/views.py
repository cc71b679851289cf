"""Logging in and out, and accepting an invitation."""
from flask import Blueprint, current_app, flash, render_template, url_for
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
    user = None
    if form.validate():
        try:
            user = services.authenticate(form.email.data, form.password.data)
        except services.AccountLocked:
            form.password.errors.append(_("Too many failed attempts: wait %(minutes)s minutes and try again.",
                                          minutes=current_app.config["LOGIN_LOCK_MINUTES"]))
        else:
            if user is None:
                form.password.errors.append(_("Wrong e-mail address or password."))
        db.session.commit()  # counts the failures
    if user is None:
        return invalid_form("auth/login.html", "auth/_login_form.html", form=form)
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
    has_account = services.has_password(invitation.email)
    form = ExistingPasswordForm() if has_account else NewPasswordForm(name=invitation.name)
    context = {"form": form, "invitation": invitation, "has_account": has_account, "token": token}
    if not form.is_submitted():
        return render_template("auth/accept_invitation.html", **context)
    user = None
    if form.validate():
        name = "" if has_account else form.name.data or ""
        user = services.accept_invitation(invitation, form.password.data, name=name)
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
