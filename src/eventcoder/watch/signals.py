"""Stopping cleanly: the first SIGINT (Ctrl-C) or SIGTERM asks the watch to stop after the document in hand (it is
stored whole, in its one transaction, or not at all); a second one stops at once (`KeyboardInterrupt`: the open
transaction rolls back, so nothing is half-stored either way)."""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Callable


@contextmanager
def stop_on_signals(stop: threading.Event, say: Callable[[str], None]):
    """While inside, SIGINT and SIGTERM set `stop` (and `say` what happens); a second signal interrupts."""
    def handler(signum, frame):
        name = signal.Signals(signum).name
        if stop.is_set():
            raise KeyboardInterrupt(name)
        stop.set()
        say(f"{name}: stopping after the document in hand (send it again to stop at once)")
    old = {s: signal.signal(s, handler) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield stop
    finally:
        for s, h in old.items():
            signal.signal(s, h)
