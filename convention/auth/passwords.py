"""Password hashing with argon2id (argon2-cffi's RFC 9106 low-memory profile by default)."""
from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()


def configure(profile_name):
    """Use one of `argon2.profiles` (e.g. "CHEAPEST" for tests); None keeps the default."""
    global _hasher
    if profile_name:
        _hasher = PasswordHasher.from_parameters(getattr(profiles, profile_name))


def hash(password):
    return _hasher.hash(password)


def verify(stored_hash, password):
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash):
    return _hasher.check_needs_rehash(stored_hash)
