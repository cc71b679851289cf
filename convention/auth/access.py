"""Who may do what: the one place where access is checked.

Views load their objects, then call `require(convention, Role.organiser)` before doing any work, or
let `@convention_role(Role.organiser)` do both. Site admins pass every check.
"""
from functools import wraps

from flask import abort
from flask_login import current_user

from ..organising.services import get_by_slug_or_404
from ..extensions import db, login_manager
from .models import Membership, Role


# Who takes part in the deliberation itself (working groups, the themes as they form).
PARTICIPANTS = (Role.member, Role.organiser)


def is_admin(user):
    return user.is_authenticated and user.is_admin


def roles_of(user, convention):
    """The set of roles `user` holds in `convention` (empty for the anonymous public)."""
    if not user.is_authenticated:
        return set()
    return set(db.session.scalars(
        db.select(Membership.role).where(Membership.user_id == user.id,
                                         Membership.convention_id == convention.id)))


def has_role(user, convention, *roles):
    return is_admin(user) or bool(roles_of(user, convention) & set(roles))


def require_login():
    if not current_user.is_authenticated:
        abort(login_manager.unauthorized())


def require(convention, *roles):
    """Continue only if the current user holds one of `roles` in `convention`.

    Anonymous visitors are sent to the login page; logged-in users without the role get 403.
    """
    require_login()
    if not has_role(current_user, convention, *roles):
        abort(403)


def require_admin():
    require_login()
    if not current_user.is_admin:
        abort(403)


def require_visible(convention):
    """404 for a non-public convention unless the current user belongs to it."""
    if not convention.is_public and not has_role(current_user, convention, *Role):
        abort(404)


def admin_required(view):
    """Decorator for site-administration views."""
    @wraps(view)
    def wrapper(*args, **kwargs):
        require_admin()
        return view(*args, **kwargs)
    return wrapper


def convention_role(*roles):
    """Decorator of views under /<slug>/: load the convention (404 if none), require one of `roles`
    (as `require` does), and call the view with `convention` in place of `slug`."""
    def decorator(view):
        @wraps(view)
        def wrapper(slug, **kwargs):
            convention = get_by_slug_or_404(slug)
            require(convention, *roles)
            return view(convention, **kwargs)
        return wrapper
    return decorator


def can_manage(convention):
    """For templates: show organiser links only to those who may follow them."""
    return has_role(current_user, convention, Role.organiser)
