"""`source_country(source)`: the country of a national monitor or agency named as the report's source ("SOHR",
"SANA"), one piece of evidence of the report's country vote (`country_vote.py`).
"""
from __future__ import annotations

from . import names as N

# national monitors and agencies: a report from them is about their country unless it says otherwise
_SOURCE_COUNTRY = {"sohr": "SY", "syrian observatory for human rights": "SY", "syriahr": "SY", "snhr": "SY",
                   "syrian network for human rights": "SY", "sana": "SY", "syrian arab news agency": "SY",
                   "enab baladi": "SY", "syria direct": "SY", "step news": "SY", "smart news": "SY",
                   "raqqa is being slaughtered silently": "SY", "deir ezzor 24": "SY", "orient news": "SY"}


def source_country(source: str | None) -> str | None:
    """Country of a national monitor or agency named as the report's source ("SOHR", "SANA")."""
    if not source:
        return None
    s = N.fold(source)
    if s in _SOURCE_COUNTRY:
        return _SOURCE_COUNTRY[s]
    for name, cc in _SOURCE_COUNTRY.items():
        if " " in name and name in s:
            return cc
    return None
