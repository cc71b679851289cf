"""Slowing down password guessing without letting anyone lock an account out.

Failed password checks are counted per client address (any account) and per account *from* that
address. Past a few free failures each new one makes that key wait longer (30 s, 1 min, 2 min...
up to LOGIN_MAX_DELAY_MINUTES) before the next check; a success clears the account's keys. Someone
guessing from elsewhere therefore never blocks the owner, who logs in from their own address. The
account's failures from every address are counted too, only to tell the owner by mail once they pass
LOGIN_FREE_ATTEMPTS. Unknown accounts are counted exactly like real ones: the answers do not tell them
apart.
"""
import hashlib
import hmac
import math
from datetime import timedelta

from flask import current_app, render_template
from sqlalchemy.exc import IntegrityError

from ..database import utcnow
from ..extensions import db
from ..i18n import _
from ..mail import services as mail
from .models import LoginThrottle


class Throttled(Exception):
    """Too many failures for this address or account: wait `wait` before the next try."""

    def __init__(self, wait):
        super().__init__(wait)
        self.wait = wait

    @property
    def minutes(self):
        return max(1, math.ceil(self.wait.total_seconds() / 60))


def _keys(email, address):
    """The three keys of a try, keyed hashes: the table holds neither e-mail nor IP addresses."""
    secret = current_app.config["SECRET_KEY"]
    secret = secret.encode() if isinstance(secret, str) else secret

    def digest(text):
        return hmac.new(secret, f"login-throttle:{text}".encode(), hashlib.sha256).hexdigest()

    return {"address": "address:" + digest(address), "pair": "pair:" + digest(f"{email}|{address}"),
            "account": "account:" + digest(email)}


def _load(key, now):
    """The key's row, its count restarted when its last failure is old enough to be forgotten."""
    row = db.session.scalar(db.select(LoginThrottle).filter_by(key=key))
    forget = timedelta(minutes=current_app.config["LOGIN_FORGET_MINUTES"])
    if row is not None and row.last_failure_at < now - forget:
        row.failures, row.blocked_until, row.warned = 0, None, False
    return row


def check(email, address):
    """Raise Throttled while this address, or this account from this address, must wait."""
    now = utcnow()
    keys = _keys(email, address)
    waits = [row.blocked_until - now for key in (keys["address"], keys["pair"])
             if (row := _load(key, now)) is not None and row.blocked_until is not None and row.blocked_until > now]
    if waits:
        raise Throttled(max(waits))


def _delay(failures, free):
    """No wait for the first `free` failures, then 30 s doubling with each one, up to the maximum."""
    if failures < free:
        return None
    limit = current_app.config["LOGIN_MAX_DELAY_MINUTES"] * 60
    return timedelta(seconds=min(limit, 30 * 2 ** min(failures - free, 20)))


def record_failure(email, address, user=None):
    """Count a wrong password; `user` (None for an unknown account) is warned by mail once."""
    now = utcnow()
    keys = _keys(email, address)
    free = {"address": current_app.config["LOGIN_ADDRESS_FREE_ATTEMPTS"],
            "pair": current_app.config["LOGIN_FREE_ATTEMPTS"], "account": None}
    _forget_old(now)
    for name, key in keys.items():
        row = _load(key, now) or _create(key, now)
        row.failures += 1
        row.last_failure_at = now
        if free[name] is not None and (delay := _delay(row.failures, free[name])) is not None:
            row.blocked_until = now + delay
        if (name == "account" and not row.warned
                and row.failures >= current_app.config["LOGIN_FREE_ATTEMPTS"]):
            row.warned = True
            if user is not None:
                _warn_owner(user)


def _create(key, now):
    """A new row for `key`; if a concurrent request created it first, that one."""
    try:
        with db.session.begin_nested():
            row = LoginThrottle(key=key, failures=0, warned=False, last_failure_at=now)
            db.session.add(row)
        return row
    except IntegrityError:
        return _load(key, now)


def _forget_old(now):
    """Drop the rows nobody failed on for LOGIN_FORGET_MINUTES and no longer waiting: the table stays small."""
    forget = now - timedelta(minutes=current_app.config["LOGIN_FORGET_MINUTES"])
    db.session.execute(db.delete(LoginThrottle).where(
        LoginThrottle.last_failure_at < forget,
        db.or_(LoginThrottle.blocked_until.is_(None), LoginThrottle.blocked_until < now)))


def record_success(email, address):
    """Forget the account's failures (the address keeps its own count)."""
    keys = _keys(email, address)
    db.session.execute(db.delete(LoginThrottle).where(LoginThrottle.key.in_([keys["pair"], keys["account"]])))


def _warn_owner(user):
    try:
        link = mail.external_url("auth.forgot_password")
    except mail.UntrustedHost:
        return  # logged
    mail.send(user.email, _("Failed logins on your account"),
              render_template("mail/login_throttled.txt", user=user, link=link))
