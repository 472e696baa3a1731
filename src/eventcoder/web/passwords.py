"""Passwords and secrets: argon2id hashes (argon2-cffi, the `web` extra), and random tokens for sessions, API
tokens and CSRF."""
from __future__ import annotations

import secrets

from ..errors import EventcoderError

MIN_LENGTH = 8
API_TOKEN_PREFIX = "ect_"


def _hasher():
    try:
        from argon2 import PasswordHasher
    except ImportError:
        raise EventcoderError("the review desk needs argon2-cffi: pip install 'eventcoder[web]'") from None
    return PasswordHasher()


def hash_password(password: str) -> str:
    if len(password) < MIN_LENGTH:
        raise EventcoderError(f"a password needs at least {MIN_LENGTH} characters")
    return _hasher().hash(password)


def check_password(stored_hash: str, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError
    try:
        return _hasher().verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


# a hash to verify against when the user does not exist, so that a wrong name takes as long as a wrong password
_DUMMY: list[str] = []


def check_unknown_user(password: str) -> bool:
    if not _DUMMY:
        _DUMMY.append(_hasher().hash(secrets.token_urlsafe(16)))
    check_password(_DUMMY[0], password)
    return False


def new_secret() -> str:
    """A session secret or CSRF token: 256 random bits, URL-safe."""
    return secrets.token_urlsafe(32)


def new_api_token() -> str:
    return API_TOKEN_PREFIX + secrets.token_urlsafe(32)
