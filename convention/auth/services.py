"""Accounts, logins and invitations."""
from datetime import timedelta

from flask import current_app, render_template
from flask_babel import force_locale

from ..audit import labels
from ..audit import services as audit
from ..database import paginate, utcnow
from ..extensions import db
from ..i18n import _, _l
from ..mail import services as mail
from . import passwords, throttle, tokens
from .models import Invitation, Membership, Role, User

labels.register(
    actions={"invitation.create": _l("Invitation sent"), "invitation.accept": _l("Invitation accepted"),
             "invitation.revoke": _l("Invitation cancelled"), "membership.remove": _l("Role removed")},
    fields={"email": _l("E-mail address"), "role": _l("Role")},
    values={"role": {role.name: role.label for role in Role}},
    objects={"Invitation": _l("Invitation"), "Membership": _l("Role")},
    names={"Invitation": lambda invitation: invitation.email, "Membership": lambda membership: membership.user.email})


def normalise_email(email):
    return email.strip().lower()


def find_user(email):
    return db.session.scalar(db.select(User).filter_by(email=normalise_email(email)))


def has_password(email):
    """Whether an account with this e-mail exists and can log in (invited people may have none yet)."""
    user = find_user(email)
    return user is not None and bool(user.password_hash)


def authenticate(email, password, address):
    """The active user with this e-mail and password, or None (same answer for both mistakes).

    Unknown, inactive and password-less accounts cost the same password check and are counted by
    the throttle like real ones. Raises throttle.Throttled while this address, or this account from
    it, must wait. The caller commits, so that failures are counted.
    """
    email = normalise_email(email)
    throttle.check(email, address)
    user = find_user(email)
    if user is None or not user.is_active or not user.password_hash:
        passwords.verify_nothing(password)
        throttle.record_failure(email, address)
        return None
    if not confirm_password(user, password, address, checked=True):
        return None
    user.last_login_at = utcnow()
    return user


def confirm_password(user, password, address, checked=False):
    """Whether `password` is the user's, with the throttle of logins (raises throttle.Throttled).

    `checked`: the throttle was already consulted for this request.
    """
    if not checked:
        throttle.check(user.email, address)
    if user.check_password(password):
        throttle.record_success(user.email, address)
        return True
    throttle.record_failure(user.email, address, user)
    return False


def create_user(email, password=None, name="", is_admin=False):
    user = User(email=normalise_email(email), name=name.strip(), is_admin=is_admin)
    if password:
        user.set_password(password)
    db.session.add(user)
    return user


def invite(convention, email, role, name="", invited_by=None):
    """Create an invitation and mail its one-time link. Returns (invitation, token).

    The token is only in the mail: the database keeps its hash.
    """
    token, hashed = tokens.new_token()
    invitation = Invitation(
        token_hash=hashed, email=normalise_email(email), name=name.strip(),
        convention=convention, role=role, invited_by=invited_by,
        expires_at=utcnow() + timedelta(days=current_app.config["INVITATION_VALID_DAYS"]))
    db.session.add(invitation)
    audit.record("invitation.create", invitation, convention=convention,
                 after={"email": invitation.email, "role": role.name})
    link = mail.external_url("auth.accept_invitation", token=token)
    with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
        subject = _("Invitation: %(title)s", title=convention.title)
        body = render_template("mail/invitation.txt", invitation=invitation, link=link)
    mail.send(invitation.email, subject, body)
    return invitation, token


def find_invitation(token):
    """The pending invitation for this token, or None if unknown, used, revoked or expired."""
    invitation = db.session.scalar(db.select(Invitation).filter_by(token_hash=tokens.token_hash(token)))
    return invitation if invitation is not None and invitation.is_pending else None


def accept_invitation(invitation, password, address, name=""):
    """Give the invited person their role, creating the account or setting its password.

    An existing account with a password must give that password (throttled like a login: raises
    throttle.Throttled); returns the user, or None if the password is wrong.
    """
    user = find_user(invitation.email)
    if user is not None and user.password_hash:
        if not confirm_password(user, password, address):
            return None
    else:
        user = user or create_user(invitation.email, name=name or invitation.name)
        user.set_password(password)
        if name:
            user.name = name.strip()
    invitation.accepted_at = utcnow()
    if not _has_membership(user, invitation.convention, invitation.role):
        db.session.add(Membership(user=user, convention=invitation.convention, role=invitation.role))
    audit.record("invitation.accept", invitation, convention=invitation.convention, actor=user,
                 after={"email": user.email, "role": invitation.role.name})
    return user


def _has_membership(user, convention, role):
    return user.id is not None and db.session.scalar(
        db.select(Membership.id).where(Membership.user_id == user.id,
                                       Membership.convention_id == convention.id, Membership.role == role)
    ) is not None


def holds_role(email, convention, role):
    """Whether the account with this e-mail already has `role` in `convention`."""
    user = find_user(email)
    return user is not None and _has_membership(user, convention, role)


def revoke_invitation(invitation):
    invitation.revoked_at = utcnow()
    audit.record("invitation.revoke", invitation, convention=invitation.convention,
                 before={"email": invitation.email, "role": invitation.role.name})


def remove_membership(membership):
    audit.record("membership.remove", membership, convention=membership.convention,
                 before={"email": membership.user.email, "role": membership.role.name})
    db.session.delete(membership)


def memberships_page(convention, page):
    """One page of the convention's roles, by role then e-mail address."""
    return paginate(db.select(Membership).where(Membership.convention_id == convention.id)
                    .join(Membership.user).order_by(Membership.role, User.email), page)


def _pending_invitations(convention):
    return (db.select(Invitation).filter_by(convention_id=convention.id, accepted_at=None, revoked_at=None)
            .filter(Invitation.expires_at > utcnow()))


def pending_invitations_page(convention, page):
    return paginate(_pending_invitations(convention).order_by(Invitation.created_at.desc(), Invitation.id.desc()),
                    page)


def pending_invitation(email, convention, role):
    """The invitation to `role` in `convention` that waits for this e-mail address, or None."""
    return db.session.scalar(_pending_invitations(convention).filter_by(
        email=normalise_email(email), role=role).order_by(Invitation.id.desc()).limit(1))


def get_membership_or_404(convention, membership_id):
    return db.one_or_404(db.select(Membership).filter_by(id=membership_id, convention_id=convention.id))


def get_invitation_or_404(convention, invitation_id):
    return db.one_or_404(db.select(Invitation).filter_by(id=invitation_id, convention_id=convention.id))


def is_removable(membership):
    return not is_last_organiser(membership)


def is_last_organiser(membership):
    if membership.role is not Role.organiser:
        return False
    count = db.session.scalar(db.select(db.func.count(Membership.id)).where(
        Membership.convention_id == membership.convention_id, Membership.role == Role.organiser))
    return count <= 1
