"""Mail bodies sealed at rest: the outbox table holds them encrypted with a key derived from SECRET_KEY.

Bodies carry one-time links (password resets, invitations, confirmations); whoever reads the database
(a backup, a dump, a read-only SQL access) must not get working links from it. The key is not in the
database: SECRET_KEY lives in instance/secret_key or the environment. Changing SECRET_KEY makes the
older bodies unreadable (the outbox then says so); the links in them were short-lived anyway.
"""
import base64
import hashlib

import sqlalchemy as sa
from cryptography.fernet import Fernet, InvalidToken
from flask import current_app

UNREADABLE = "[sealed with another SECRET_KEY: unreadable]"


def _fernet():
    secret = current_app.config["SECRET_KEY"]
    secret = secret.encode() if isinstance(secret, str) else secret
    return Fernet(base64.urlsafe_b64encode(hashlib.sha256(b"convention.mail.sealed:" + secret).digest()))


class SealedText(sa.types.TypeDecorator):
    """Text encrypted (Fernet: AES-128-CBC and HMAC-SHA256) when written, decrypted when read."""

    impl = sa.Text
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        return _fernet().encrypt(value.encode()).decode("ascii")

    def process_result_value(self, value, dialect):
        if not value:
            return value  # bodies blanked when the sealing came in
        try:
            return _fernet().decrypt(value.encode("ascii")).decode()
        except (InvalidToken, UnicodeEncodeError, ValueError):
            return UNREADABLE
