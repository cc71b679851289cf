"""Choosing a new password through a link sent by mail, and changing it from one's account."""
from datetime import timedelta

from flask import render_template

from ..database import utcnow
from ..extensions import db
from ..i18n import _
from ..mail import services as mail
from . import services, sessions, tokens
from .models import PasswordReset
from .services import find_user

VALID_FOR = timedelta(hours=1)
# A new link is not sent while the previous one is this recent: the form cannot flood a mailbox.
RESEND_AFTER = timedelta(minutes=5)


def request_reset(email):
    """Mail a reset link if an active account has this address; silent otherwise (no account probing)."""
    user = find_user(email)
    if user is None or not user.is_active:
        return None
    now = utcnow()
    recent = db.session.scalar(db.select(PasswordReset.id).filter(
        PasswordReset.user_id == user.id, PasswordReset.created_at > now - RESEND_AFTER))
    if recent is not None:
        return None
    token, hashed = tokens.new_token()
    try:
        link = mail.external_url("auth.reset_password", token=token)
    except mail.UntrustedHost:
        return None  # logged; the person gets the same answer as for an unknown address
    void_links(user)
    reset = PasswordReset(token_hash=hashed, user=user, expires_at=now + VALID_FOR)
    db.session.add(reset)
    mail.send(user.email, _("Choose a new password"),
              render_template("mail/password_reset.txt", user=user, link=link,
                              minutes=int(VALID_FOR.total_seconds() // 60)))
    return token


def find_reset(token):
    """The usable reset for this token, or None (unknown, used or expired)."""
    reset = db.session.scalar(db.select(PasswordReset).filter_by(token_hash=tokens.token_hash(token)))
    return reset if reset is not None and reset.is_usable else None


def void_links(user):
    """Spend every reset link of `user` not used yet: only the newest link, or none, works."""
    db.session.execute(db.update(PasswordReset).where(PasswordReset.user_id == user.id,
                                                      PasswordReset.used_at.is_(None))
                       .values(used_at=utcnow()))


def reset_password(reset, password):
    """Set the new password, spend every link and end every session of the account. Returns the user.

    The caller logs the person in again (sessions.keep_session) once committed.
    """
    user = reset.user
    user.set_password(password)
    void_links(user)
    sessions.end_all_sessions(user)
    return user


def change_password(user, current_password, new_password, address):
    """Change the password if `current_password` is right (throttled like a login: raises
    throttle.Throttled); voids the reset links and ends the account's sessions. Returns whether it was."""
    if not services.confirm_password(user, current_password, address):
        return False
    user.set_password(new_password)
    void_links(user)
    sessions.end_all_sessions(user)
    return True
