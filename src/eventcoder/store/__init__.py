"""Where coded documents and events are kept: `open_store(url)` picks the backend by the URL's scheme (`backends.py`);
SQLite is the default (`sqlite.py`); every backend has the `Store` methods (`base.py`) and applies the named
migrations (`migrations.py`)."""
from .base import Store
from .backends import known_schemes, open_store, register_backend

__all__ = ["Store", "known_schemes", "open_store", "register_backend"]
