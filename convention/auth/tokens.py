"""One-time tokens for links sent by mail: the link carries the token, the database its SHA-256."""
import hashlib
import secrets


def new_token():
    """(token, its hash): mail the first, store the second."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()
