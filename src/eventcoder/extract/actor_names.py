"""ACLED-style actor names: the `Actor` found for an event and how registry entries are named for a country/date.

Contract: `render` fills a registry template ("Military Forces of {country} ({years})") for a country and date and
returns None when a placeholder cannot be filled; `generic` gives the generic actor of a kind ("military",
"civilians", ...) for a country, with ACLED's country-less forms when no country is known; `entry_actor` names one
registry entry for an event in `home`, giving a state's forces outside their own country inter 8.  Nothing here
reads the parse or the text.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..model import Event
from .registry import ARMED_KINDS, STATE_KINDS, ActorEntry, Registry, government_years

COUNTRYLESS = {"military": "Unidentified Military Forces", "police": "Unidentified Police Forces",
               "government": None}
_ARTICLE_COUNTRIES = {"Democratic Republic of Congo", "Republic of Congo", "Philippines", "United States",
                      "United Kingdom", "Central African Republic", "Dominican Republic", "Netherlands",
                      "United Arab Emirates", "Czech Republic", "Bahamas", "Comoros", "Maldives", "Solomon Islands",
                      "Marshall Islands", "Gambia"}


@dataclass
class Actor:
    """An actor found for an event: its ACLED-style name and inter code, where it is named, and its role."""
    name: str
    inter: int
    kind: str
    start: int | None = None       # clean-text span naming it (None: inferred)
    end: int | None = None
    role: str = "other"            # agent | patient | side | victim | speaker | modifier | other
    assoc: list[str] = field(default_factory=list)
    alpha2: str | None = None
    tok_i: int | None = None       # the parse token that heads the mention

    @property
    def armed(self) -> bool:
        return self.kind in ARMED_KINDS


def countries():
    """The `geo.countries` module (imported on first use)."""
    from ..geo import countries
    return countries


def admins_of(ev: Event) -> dict:
    """The event's admin names, for templates such as "Police Forces of {country} - {admin1} Province"."""
    return {"admin1": ev.admin1, "admin2": ev.admin2, "admin3": ev.admin3}


def render(template: str, country, when: dt.date | None, admins: dict | None = None,
           group: str | None = None) -> str | None:
    """An entry's name filled in for a country/date; None when a placeholder cannot be filled."""
    name = template
    if "{country}" in name:
        if country is None:
            return None
        cname = country.name
        name = name.replace("of {country}", "of the {country}" if cname in _ARTICLE_COUNTRIES else "of {country}")
        name = name.replace("{country}", cname)
    if "{years}" in name:
        years = government_years(country.alpha2 if country else None, when)
        name = name.replace(" ({years})", f" ({years})" if years else "").replace("{years}", years or "")
    for level in ("admin1", "admin2", "admin3"):
        if "{%s}" % level in name:
            value = (admins or {}).get(level)
            if not value:
                return None
            name = name.replace("{%s}" % level, value)
    if "{group}" in name:
        if not group:
            return None
        name = name.replace("{group}", group)
    return name


def generic(registry: Registry, kind: str, country, when, **kw) -> Actor | None:
    """The generic actor of a kind ("military", "civilians", ...) for a country, e.g. Civilians (Syria)."""
    for e in registry.country_default(kind, country.alpha2 if country else None) + registry.templates(kind):
        if e.valid_on(when):
            name = render(e.name, country, when, **kw)
            if name:
                return Actor(name, e.inter, kind, alpha2=country.alpha2 if country else None)
    if country is None:   # no country known: ACLED's country-less forms, so the inter code still comes through
        name = COUNTRYLESS.get(kind)
        if name is None:
            e = next(iter(registry.templates(kind)), None)
            name = re.sub(r"\s*\(\{country\}\)", "", e.name) if e is not None and "{" in e.name else None
            name = name if name and "{" not in name else None
        if name:
            inter = next((e.inter for e in registry.templates(kind)), 0)
            return Actor(name, inter, kind)
    return None


def country_actor(registry: Registry, kind: str, country, home, when) -> Actor | None:
    """`generic` actor of `kind` for `country`; a state's forces abroad (`country` is not the event's country `home`)
    take inter 8, while civilians, protesters, rioters and armed groups keep their inter code wherever they are
    ("Civilians (China)" killed in Pakistan are inter 7, as ACLED codes them)."""
    a = generic(registry, kind, country, when)
    if a is not None and home is not None and country.alpha2 != home.alpha2 and kind in STATE_KINDS:
        a.inter = 8
    return a


def entry_actor(e: ActorEntry, country, home, when, admins, registry: Registry | None = None) -> Actor | None:
    """The actor a registry entry stands for in an event in `home` (country of the event), or for `country`."""
    target = country
    if not e.is_template and e.country:
        target = countries().country_by_alpha2(e.country) or country
    elif registry is not None and target is not None and home is not None and target.alpha2 == home.alpha2:
        for d in registry.country_default(e.kind, target.alpha2):
            if d.valid_on(when):
                e = d
                break
    name = render(e.name, target, when, admins)
    if not name:
        return None
    inter = e.inter
    if e.kind in STATE_KINDS and target is not None and home is not None and target.alpha2 != home.alpha2:
        inter = 8
    return Actor(name, inter, e.kind, alpha2=target.alpha2 if target else None)



def named_actor(registry: Registry, name: str, home, when) -> Actor | None:
    """The registry entry called `name` as an actor of an event in `home`, or None if the registry lacks it."""
    e = registry.named(name)
    return entry_actor(e, home, home, when, None) if e else None
