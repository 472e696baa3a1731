"""`eventcoder watch`: poll feeds, code their new entries into the store, fuse them, log a line per cycle
(`loop.py`); stop cleanly on a signal (`signals.py`); the verb (`cli.py`)."""
