"""The review desk's roles, each able to do what the ones before it can: a viewer reads, a coder also edits and
reviews events, an admin also manages users."""
from __future__ import annotations

import re

ROLES = ("viewer", "coder", "admin")


def rank(role: str) -> int:
    """The role's place in ROLES; an unknown role ranks below every role (it can do nothing)."""
    return ROLES.index(role) if role in ROLES else -1


def allows(role: str, needed: str) -> bool:
    """Whether a user with `role` may do what `needed` may."""
    if needed not in ROLES:
        raise ValueError(f"unknown role {needed!r}; the roles are {', '.join(ROLES)}")
    return rank(role) >= rank(needed)


USER_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")


def check_user_name(name: str) -> str:
    """`name` if it is a valid user name (letters, digits and . _ @ -, at most 64, starting with a letter or digit)."""
    if not USER_NAME.match(name or ""):
        raise ValueError(f"{name!r} is no valid user name: use letters, digits and . _ @ - (at most 64 characters, "
                         f"starting with a letter or digit)")
    return name
