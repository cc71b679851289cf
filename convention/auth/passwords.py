"""Password hashing with argon2id (argon2-cffi's RFC 9106 low-memory profile by default)."""
import secrets

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()
_dummy = {}


def configure(profile_name):
    """Use one of `argon2.profiles` (e.g. "CHEAPEST" for tests); None keeps the default."""
    global _hasher
    if profile_name:
        _hasher = PasswordHasher.from_parameters(getattr(profiles, profile_name))
        _dummy.clear()


def hash(password):
    return _hasher.hash(password)


def verify(stored_hash, password):
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash):
    return _hasher.check_needs_rehash(stored_hash)


def verify_nothing(password):
    """Do the work of `verify` against a hash no password matches; always False.

    Checking a password for an unknown account this way takes as long as for a real one, so the
    time of the answer does not tell whether the account exists.
    """
    if "hash" not in _dummy:
        _dummy["hash"] = _hasher.hash(secrets.token_urlsafe(24))
    verify(_dummy["hash"], password)
    return False
