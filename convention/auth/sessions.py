"""Sessions that can be ended from the server although they live in a signed client-side cookie.

Each account has a session counter, kept in every session it opens (`User.get_id()` is "id:counter").
Logging out, changing or resetting the password raise the counter, so every cookie of the account,
copied or not, stops working at its next request.
"""
from flask_login import login_user, logout_user

from ..extensions import db
from .models import User


def load_user(session_id):
    """The user of a session, or None when the account is inactive or its sessions were ended."""
    user_id, _, version = str(session_id).partition(":")
    if not user_id.isdigit() or not version.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.is_active or (user.session_version or 0) != int(version):
        return None
    return user


def end_all_sessions(user):
    """Make every session of `user` invalid (the caller commits)."""
    user.session_version = (user.session_version or 0) + 1


def log_out_everywhere(user):
    end_all_sessions(user)
    logout_user()


def keep_session(user):
    """Carry the current session over to the account's new counter, once the change that raised it
    (a password change or reset) is committed: this session goes on, every other one has ended."""
    login_user(user)
