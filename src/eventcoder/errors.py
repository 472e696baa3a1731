"""The exceptions eventcoder raises. User-facing errors say what went wrong and what to do."""


class EventcoderError(Exception):
    """Base of every error eventcoder raises on purpose."""


class InputError(EventcoderError):
    """An input could not be read: names the file (and line) and why."""

    def __init__(self, origin: str, message: str):
        super().__init__(f"{origin}: {message}")
        self.origin = origin
        self.reason = message


class StoreError(EventcoderError):
    """The database could not be opened or written."""


class UnknownEvent(StoreError):
    """The fused event named is not in the database (the review desk answers 404)."""

    def __init__(self, fused_id: str):
        super().__init__(f"no fused event {fused_id} in this database; `eventcoder review queue` or `eventcoder "
                         f"export --format jsonl` lists them with their ids")
        self.fused_id = fused_id
