"""Login throttling: after too many failed logins for one user name, or from one address, within the window, every
login for that name or from that address is refused (429, with Retry-After) until the window has passed, even with
the right password. Attempts are kept in the store (`login_attempts`), so restarting the server does not reset them.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class LoginThrottle:
    max_per_user: int = 5
    max_per_address: int = 20
    window_s: int = 900

    def since(self) -> str:
        start = dt.datetime.now(dt.timezone.utc) - dt.timedelta(seconds=self.window_s)
        return start.isoformat(timespec="seconds")

    def refused(self, store, name: str, address: str) -> bool:
        by_name, by_address = store.failed_logins(name, address, self.since())
        return by_name >= self.max_per_user or by_address >= self.max_per_address
