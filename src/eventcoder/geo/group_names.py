"""Armed-group names that contain place words: their "al-Sham" is not Damascus, their "Rahman" no village.

`group_name_spans(text)` gives the spans of such names ("Ahrar al-Sham", "Hay'at Tahrir al-Sham", "Faylaq
al-Rahman", "Islamic State of Iraq and the Levant" less its "Iraq"); the toponym finder looks nowhere inside them.
The regexes are the grammar of these names (a head word, optional article, a capitalised word...), so the head
words stay written here as regex alternatives (with their optional apostrophes); the articles come from
`lang/en/group_name_articles*.txt`.
"""
from __future__ import annotations

import re

from ..lang import any_of

# Armed groups whose names contain place words: "Ahrar al-Sham", "Jabhat Fateh al-Sham", "Hay'at Tahrir al-Sham",
# "Faylaq al-Rahman", "Jaysh al-Islam", "Liwa al-Quds", "Islamic State of Iraq and al-Sham / the Levant".
_GROUP_HEAD = (r"Ahrar|Jabhat|Jabhet|Jebhat|Jabha|Fateh|Fatah|Tahrir|Hay['’]?at|Hayyaat|Hayat|Haiat|Jaysh|Jaish|Jeish|"
               r"Jish|Faylaq|Failaq|Feilaq|Liwa['’]?a?|Lewaa|Suqour|Suqur|Harakat|Ansar|Jund|Junud|"
               r"Kata['’]?ib|Kataeb|Hurras|Tajammu['’]?|Jama['’]?at|Thuwar|Saraya|Usud|Fursan|Ajnad|Muhajirin|"
               r"Nour|Nur|Asa['’]?ib|Shuhada|Ahfad|Alwiya|Ahl")
# the articles inside the names: lang/en/group_name_articles*.txt
_GROUP_NAME = re.compile(r"\b(?:" + _GROUP_HEAD + r")(?:\s+(?:[A-Z][\w'’]*))?[\s_-]+"
                         rf"(?:(?:{any_of('group_name_articles', 'group_name_articles_more')})[\s_-]+)?(?:[A-Z][\w'’]*)"
                         rf"(?:[\s_-]+(?:{any_of('group_name_articles')})[\s_-]+[A-Z][\w'’]*)*")
_GROUP_SUFFIX = re.compile(r"\b(?:al[-\s])?(?:Rahman|Sham|Nusra|Zenki|Zinki|Aqsa)\s+(?:Corps|Legion|Front|Movement|"
                           r"Brigades?|Battalions?|Army)\b|\bIraq and (?:the |al[-\s]|ash[-\s])(?:Levant|Sham)\b")


def group_name_spans(text: str) -> list[tuple[int, int]]:
    """Spans of armed-group names that contain place words (their "al-Sham" is not Damascus)."""
    out = []
    for m in _GROUP_NAME.finditer(text):
        words = re.split(r"[\s_-]+", m.group())
        if len(words) >= 2 and words[0][:1].isupper():
            out.append((m.start(), m.end()))
    for m in _GROUP_SUFFIX.finditer(text):
        if m.group().startswith("Iraq"):
            out.append((m.start() + 5, m.end()))   # "Iraq" itself stays a place
        else:
            out.append((m.start(), m.end()))
    return out
