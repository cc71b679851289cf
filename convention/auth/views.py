"""Logging in and out, accepting an invitation, one's account and forgotten passwords."""
from flask import Blueprint, flash, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user

from ..extensions import db
from ..i18n import _
from ..web import confirmed, form_response, invalid_form, redirect_to, safe_next
from . import password_reset, services, sessions, throttle
from .forms import ChangePasswordForm, ChoosePasswordForm, ExistingPasswordForm, ForgotPasswordForm, LoginForm
from .forms import NewPasswordForm

bp = Blueprint("auth", __name__)


def _form_page(form, action, form_id, title, submit_label, **extra):
    """The context of `form_page.html` / `_form.html`: a title, optional intro paragraphs and links."""
    return {"form": form, "action": action, "form_id": form_id, "title": title, "submit_label": submit_label,
            **extra}


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    page = _form_page(form, url_for("auth.login", next=request.args.get("next")), "login-form",
                      _("Log in"), _("Log in"),
                      links=[(url_for("auth.forgot_password"), _("Forgot your password?"))],
                      intro=[_("Panel members, experts and decision makers receive their access by an "
                               "invitation e-mail.")])
    if not form.is_submitted():
        return render_template("form_page.html", **page)
    user = None
    if form.validate():
        try:
            user = services.authenticate(form.email.data, form.password.data, request.remote_addr)
        except throttle.Throttled as error:
            _throttled(form.password, error)
        else:
            if user is None:
                form.password.errors.append(_("Wrong e-mail address or password."))
        db.session.commit()  # counts the failures
    if user is None:
        return invalid_form("form_page.html", "_form.html", **page)
    login_user(user)
    flash(_("Welcome, %(name)s.", name=user.display_name), "success")
    return redirect_to(safe_next("conventions.dashboard"))


@bp.post("/logout")
def logout():
    """Log out: the session counter rises, so no copy of this session's cookie works any more."""
    if confirmed():
        if current_user.is_authenticated:
            sessions.log_out_everywhere(current_user)
            db.session.commit()
        logout_user()
        flash(_("You are logged out."), "info")
    return redirect_to(url_for("public.home"))


@bp.post("/account/sessions")
@login_required
def log_out_everywhere():
    """End every session of the account, on every device, this one included."""
    if confirmed():
        sessions.log_out_everywhere(current_user)
        db.session.commit()
        flash(_("You are logged out on every device."), "info")
        return redirect_to(url_for("auth.login"))
    return redirect_to(url_for("auth.account"))


def _throttled(field, error):
    field.errors.append(_("Too many failed attempts: wait %(minutes)s minutes and try again.",
                          minutes=error.minutes))


@bp.route("/invitation/<token>", methods=["GET", "POST"])
def accept_invitation(token):
    invitation = services.find_invitation(token)
    if invitation is None:
        return _invalid_link()
    has_account = services.has_password(invitation.email)
    form = ExistingPasswordForm() if has_account else NewPasswordForm(name=invitation.name)
    page = _form_page(
        form, url_for("auth.accept_invitation", token=token), "accept-form", invitation.convention.title,
        _("Accept the invitation"), order=None if has_account else ["name", "password", "confirm"],
        intro=[_("You are invited as %(role)s, with the address %(email)s.", role=invitation.role.label,
                 email=invitation.email),
               _("You already have an account: confirm with your password.") if has_account
               else _("Choose a password to create your account.")])
    if not form.is_submitted():
        return render_template("form_page.html", **page)
    user = None
    if form.validate():
        name = "" if has_account else form.name.data or ""
        try:
            user = services.accept_invitation(invitation, form.password.data, request.remote_addr, name=name)
        except throttle.Throttled as error:
            _throttled(form.password, error)
        else:
            if user is None:
                form.password.errors.append(_("Wrong password."))
    if user is None:
        db.session.commit()  # counts the failures
        return invalid_form("form_page.html", "_form.html", **page)
    db.session.commit()
    if current_user.is_authenticated and current_user.id != user.id:
        logout_user()
    login_user(user)
    flash(_("Welcome to %(title)s.", title=invitation.convention.title), "success")
    return redirect_to(url_for("conventions.dashboard"))


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account():
    form = ChangePasswordForm()
    page = _form_page(form, url_for("auth.account"), "password-form", _("My account"), _("Change the password"),
                      order=["current_password", "password", "confirm"],
                      intro=[_("You are logged in as %(email)s.", email=current_user.email)],
                      after="auth/_sessions.html")
    response = form_response(form, "form_page.html", "_form.html", **page)
    if response is not None:
        return response
    try:
        changed = password_reset.change_password(current_user, form.current_password.data, form.password.data,
                                                 request.remote_addr)
    except throttle.Throttled as error:
        changed = _throttled(form.current_password, error)
    else:
        if not changed:
            form.current_password.errors.append(_("Wrong password."))
    if not changed:
        db.session.commit()  # counts the failures
        return invalid_form("form_page.html", "_form.html", **page)
    db.session.commit()
    sessions.keep_session(current_user._get_current_object())
    flash(_("Your password is changed. Your other sessions are closed."), "success")
    return redirect_to(url_for("conventions.dashboard"))


@bp.route("/password/forgot", methods=["GET", "POST"])
def forgot_password():
    form = ForgotPasswordForm()
    page = _form_page(form, url_for("auth.forgot_password"), "forgot-form", _("Forgot your password?"),
                      _("Send me a link"),
                      intro=[_("Give the address of your account: we will mail you a link to choose a new "
                               "password.")])
    response = form_response(form, "form_page.html", "_form.html", **page)
    if response is not None:
        return response
    password_reset.request_reset(form.email.data)
    db.session.commit()
    # The same answer whether the account exists or not.
    flash(_("If an account has this address, a link to choose a new password is on its way."), "info")
    return redirect_to(url_for("auth.login"))


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
def reset_password(token):
    reset = password_reset.find_reset(token)
    if reset is None:
        return _invalid_link()
    form = ChoosePasswordForm()
    page = _form_page(form, url_for("auth.reset_password", token=token), "reset-form",
                      _("Choose a new password"), _("Save the password"),
                      intro=[_("For the account %(email)s.", email=reset.user.email)])
    response = form_response(form, "form_page.html", "_form.html", **page)
    if response is not None:
        return response
    user = password_reset.reset_password(reset, form.password.data)
    throttle.record_success(user.email, request.remote_addr)
    db.session.commit()
    if current_user.is_authenticated:
        logout_user()
    sessions.keep_session(user)
    flash(_("Your password is changed."), "success")
    return redirect_to(url_for("conventions.dashboard"))


def _invalid_link():
    return render_template("auth/invalid_link.html"), 404
