"""How eventcoder fetches: the limits and permissions every verb that reads URLs shares (`--timeout`,
`--max-bytes`, `--rate`, `--allow-private`, `--user-agent`, `--feed`)."""
from __future__ import annotations

from dataclasses import dataclass

from ..ingest.files import MAX_FILE_BYTES
from ..version import __version__

USER_AGENT = f"eventcoder/{__version__} (conflict event coder; honours robots.txt)"
ROBOTS_AGENT = "eventcoder"          # the name robots.txt rules are matched against
MAX_REDIRECTS = 10
READ_TIMEOUT = 10.0                  # seconds one read from the server may take (the total limit is `timeout`)


@dataclass(frozen=True)
class FetchOptions:
    """Limits for one response: `timeout` seconds in all (redirects included) and `max_bytes` decoded bytes;
    `rate` requests a second per host; private addresses only with `allow_private` (or in `allowed_networks`, CIDR
    strings: a narrower permission for one intranet host); URLs read as feeds with `feed`."""
    timeout: float = 30.0
    max_bytes: int = MAX_FILE_BYTES
    rate: float = 1.0
    allow_private: bool = False
    allowed_networks: tuple[str, ...] = ()
    user_agent: str = USER_AGENT
    max_redirects: int = MAX_REDIRECTS
    feed: bool = False

    @property
    def read_timeout(self) -> float:
        return min(READ_TIMEOUT, self.timeout)
