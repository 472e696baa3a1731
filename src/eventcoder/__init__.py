"""eventcoder: news reports about armed conflict in, ACLED-compatible events with evidence out."""
from .version import __version__

from .model import Document, Event, Evidence, DocWarning, PlaceMention  # noqa: E402
from .api import code_text  # noqa: E402

__all__ = ["__version__", "Document", "Event", "Evidence", "DocWarning", "PlaceMention", "code_text"]
