"""The review desk's accounts as a SQL store keeps them (migration 0004_users): users with a role and a password
hash, browser sessions, API tokens and login attempts. Secrets are never stored: sessions and tokens by their
SHA-256 (`token_hash`), passwords by the hash `eventcoder.web.passwords` makes. Roles are checked by the web app
(`eventcoder.web.roles`); the store keeps what it is given."""
from __future__ import annotations

import hashlib

from ..errors import StoreError
from .sql_rows import utc_now

USER_COLUMNS = "name, role, password_hash, created_at"


def token_hash(secret: str) -> str:
    """How a session or API token is looked up: its SHA-256, never the secret itself."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


class Accounts:
    """Mixed into SQLStore (needs its `db`, `dialect`, `writing`)."""

    # --- users -----------------------------------------------------------------------------------------------
    def add_user(self, name: str, role: str, password_hash: str) -> None:
        with self.writing() as db:
            if db.execute("SELECT 1 FROM users WHERE name=?", (name,)).fetchone():
                raise StoreError(f"user {name!r} exists already; `eventcoder users passwd {name}` sets a new password")
            db.execute(f"INSERT INTO users ({USER_COLUMNS}) VALUES (?,?,?,?)", (name, role, password_hash, utc_now()))

    def user(self, name: str) -> dict | None:
        row = self.db.execute(f"SELECT {USER_COLUMNS} FROM users WHERE name=?", (name,)).fetchone()
        return dict(row) if row else None

    def users(self) -> list[dict]:
        return [{"name": r[0], "role": r[1], "created_at": r[2]}
                for r in self.db.execute("SELECT name, role, created_at FROM users ORDER BY name")]

    def set_password(self, name: str, password_hash: str) -> None:
        """A new password; the user's sessions end (tokens stay: `users token` makes them, `users remove` ends
        them)."""
        with self.writing() as db:
            self._known(db, name)
            db.execute("UPDATE users SET password_hash=? WHERE name=?", (password_hash, name))
            db.execute("DELETE FROM sessions WHERE user_name=?", (name,))

    def remove_user(self, name: str) -> None:
        """The user, their sessions and their API tokens, gone."""
        with self.writing() as db:
            self._known(db, name)
            db.execute("DELETE FROM sessions WHERE user_name=?", (name,))
            db.execute("DELETE FROM api_tokens WHERE user_name=?", (name,))
            db.execute("DELETE FROM users WHERE name=?", (name,))

    @staticmethod
    def _known(db, name: str) -> None:
        if not db.execute("SELECT 1 FROM users WHERE name=?", (name,)).fetchone():
            raise StoreError(f"no user {name!r} in this database; `eventcoder users add {name} --role viewer` "
                             f"makes one")

    # --- sessions and tokens -----------------------------------------------------------------------------------
    def add_session(self, secret: str, name: str, csrf: str, expires_at: str) -> None:
        with self.writing() as db:
            db.execute("DELETE FROM sessions WHERE expires_at < ?", (utc_now(),))
            db.execute("INSERT INTO sessions (token_hash, user_name, csrf, created_at, expires_at) VALUES (?,?,?,?,?)",
                       (token_hash(secret), name, csrf, utc_now(), expires_at))

    def session_user(self, secret: str) -> tuple[dict, str] | None:
        """(the user, the session's CSRF token) of a live session, else None."""
        row = self.db.execute("SELECT u.name, u.role, s.csrf FROM sessions s JOIN users u ON u.name = s.user_name "
                              "WHERE s.token_hash=? AND s.expires_at >= ?", (token_hash(secret), utc_now())).fetchone()
        return ({"name": row[0], "role": row[1]}, row[2]) if row else None

    def end_session(self, secret: str) -> None:
        self.db.execute("DELETE FROM sessions WHERE token_hash=?", (token_hash(secret),))

    def add_token(self, secret: str, name: str) -> None:
        with self.writing() as db:
            self._known(db, name)
            db.execute("INSERT INTO api_tokens (token_hash, user_name, created_at) VALUES (?,?,?)",
                       (token_hash(secret), name, utc_now()))

    def token_user(self, secret: str) -> dict | None:
        row = self.db.execute("SELECT u.name, u.role FROM api_tokens t JOIN users u ON u.name = t.user_name "
                              "WHERE t.token_hash=?", (token_hash(secret),)).fetchone()
        return {"name": row[0], "role": row[1]} if row else None

    # --- login attempts ----------------------------------------------------------------------------------------
    def note_login(self, name: str, address: str, ok: bool) -> None:
        self.db.execute("INSERT INTO login_attempts (user_name, address, at, ok) VALUES (?,?,?,?)",
                        (name, address, utc_now(), int(ok)))

    def failed_logins(self, name: str, address: str, since: str) -> tuple[int, int]:
        """Failed logins since `since` (an ISO time): (for this user name, from this address)."""
        by_name = self.db.execute("SELECT count(*) FROM login_attempts WHERE user_name=? AND at >= ? AND ok=0",
                                  (name, since)).fetchone()[0]
        by_address = self.db.execute("SELECT count(*) FROM login_attempts WHERE address=? AND at >= ? AND ok=0",
                                     (address, since)).fetchone()[0]
        return int(by_name), int(by_address)
