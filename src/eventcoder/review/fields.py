"""A reviewer's correction checked against the vocabularies (`review/vocab.py`) and completed the way the coder
completes its own fields: a sub-event type brings its event type and disorder type, inter codes their interaction,
a place its admin areas, coordinates and precisions from the gazetteer, a country its ISO code, a date its range.

`check_corrections(record, changes)` -> the fields to write ({field: value}, derived ones included), or a
ReviewError that says what is allowed."""
from __future__ import annotations

import datetime as dt
import math

from ..errors import EventcoderError
from ..extract.taxonomy import interaction_code, taxonomy
from .vocab import vocabularies


class ReviewError(EventcoderError):
    """A review action that cannot be done as asked; the message says what is allowed."""


def check_corrections(record: dict, changes: dict, gazetteer=None) -> dict:
    """The fields `changes` sets on the event shown as `record`, checked and completed (see the module)."""
    voc = vocabularies()
    unknown = [f for f in changes if f not in voc.kinds]
    if unknown:
        raise ReviewError(f"{', '.join(map(repr, unknown))} cannot be corrected; the fields a reviewer corrects are "
                          f"{', '.join(voc.kinds)}")
    out = {f: _typed(f, v, voc.kinds[f]) for f, v in changes.items()}
    for f, v in out.items():
        _in_vocabulary(f, v, voc)
    _types(record, out)
    _dates(out)
    if "inter1" in out or "inter2" in out:
        out["interaction"] = interaction_code(out.get("inter1", record.get("inter1")),
                                              out.get("inter2", record.get("inter2")))
    if "country" in out or "location" in out:
        _place(record, out, gazetteer)
    return out


def _typed(name: str, value, kind: str):
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, (list, dict, bool)):
        raise ReviewError(f"{name} takes one {'value' if kind == 'text' else 'number'}, not {value!r}")
    if kind == "text":
        return str(value).strip()
    try:
        number = float(value) if kind == "float" else int(str(value).strip())
    except (TypeError, ValueError):
        raise ReviewError(f"{name} must be {'a number' if kind == 'float' else 'a whole number'}, not {value!r}") \
            from None
    if kind == "float" and not math.isfinite(number):
        raise ReviewError(f"{name} must be a finite number, not {value!r}")
    if name.startswith("fatalities") and number < 0:
        raise ReviewError(f"{name} cannot be negative ({value!r})")
    if name == "latitude" and not -90 <= number <= 90 or name == "longitude" and not -180 <= number <= 180:
        raise ReviewError(f"{name} {value!r} is off the globe")
    return number


def _in_vocabulary(name: str, value, voc) -> None:
    if value is None:
        return
    allowed = voc.choices(name)
    if allowed is not None and str(value) not in {v for v, _ in allowed}:
        shown = "; ".join(f"{t}: {', '.join(subs)}" for t, subs in voc.event_types.items()) \
            if name == "sub_event_type" else "; ".join(label for _, label in allowed)
        raise ReviewError(f"{value!r} is not a {name}; use one of: {shown}")


def _types(record: dict, out: dict) -> None:
    """A sub-event type decides its event type and disorder type; an event type alone must hold the sub-event type."""
    tax = taxonomy()
    sub = out.get("sub_event_type")
    if "sub_event_type" in out and sub is None:
        raise ReviewError("sub_event_type cannot be empty; reject the event instead if it is no event")
    if sub:
        event_type = tax.event_type_of(sub)
        if out.get("event_type") not in (None, event_type):
            raise ReviewError(f"{sub!r} is a sub-event type of {event_type!r}, not of {out['event_type']!r}")
        out["event_type"] = event_type
        out.setdefault("disorder_type", tax.disorder_type_of(sub))
    elif out.get("event_type"):
        current = record.get("sub_event_type")
        subs = tax.subs_of(out["event_type"])
        if current not in subs:
            raise ReviewError(f"the sub-event type {current!r} is not one of {out['event_type']!r}; correct "
                              f"sub_event_type instead, to one of: {', '.join(subs)}")


def _dates(out: dict) -> None:
    for name in ("event_date", "date_start", "date_end"):
        if out.get(name) is not None:
            try:
                out[name] = dt.date.fromisoformat(out[name]).isoformat()
            except ValueError:
                raise ReviewError(f"{name} must be a date written YYYY-MM-DD, not {out[name]!r}") from None
    if out.get("event_date"):
        out.setdefault("date_start", out["event_date"])
        out.setdefault("date_end", out["event_date"])
    start, end = out.get("date_start"), out.get("date_end")
    if start and end and start > end:
        raise ReviewError(f"date_start {start} is after date_end {end}")


def _place(record: dict, out: dict, gazetteer) -> None:
    """Country and place: a country's name and ISO code from `geo/countries`; a place's admin areas, coordinates
    and precisions from the gazetteer, unless the reviewer gives the coordinates."""
    from ..geo.countries import lookup_country
    country = lookup_country(out.get("country") or record.get("country") or "")
    if "country" in out:
        if country is None:
            raise ReviewError(f"no country called {out['country']!r}; write its English name or ISO code")
        out["country"], out["iso"] = country.name, country.iso
        if "location" not in out:
            raise ReviewError("a corrected country needs its place too: correct location with it")
    name = out.get("location")
    if name is None or ("latitude" in out and "longitude" in out):
        return
    if country is None:
        raise ReviewError("the event has no country to find the place in; correct country with location")
    place = find_place(name, country.alpha2, gazetteer)
    from ..geo.locate import place_precision
    geo_precision, where_prec = place_precision(place.kind, place.feature_code)
    found = {"location": place.name, "admin1": place.admin1, "admin2": place.admin2, "admin3": None,
             "latitude": place.lat, "longitude": place.lon, "geo_precision": geo_precision, "where_prec": where_prec}
    for f, v in found.items():
        if f == "location" or f not in out:
            out[f] = v


def find_place(text: str, cc: str, gazetteer=None):
    """The gazetteer's place called `text` ("Name" or "Name, Admin1") in country `cc`: a town or site before a
    region of the same name, then the most populous; a ReviewError that names the readings it has otherwise."""
    from ..geo.gazetteer import default_gazetteer
    g = gazetteer or default_gazetteer()
    name, _, admin1 = (p.strip() for p in text.partition(","))
    found = g.lookup(name) or g.lookup(name, loose=True)
    here = [p for p in found if p.cc == cc and p.kind != "country" and p.lat is not None]
    if admin1:
        here = [p for p in here if (p.admin1 or "").lower() == admin1.lower()]
    if not here:
        elsewhere = sorted({f"{p.name} ({p.cc}{', ' + p.admin1 if p.admin1 else ''})" for p in found})[:8]
        hint = f"; the gazetteer has {', '.join(elsewhere)}" if elsewhere else ""
        raise ReviewError(f"no place called {text!r} in {cc} in the gazetteer{hint}; `eventcoder gazetteer lookup "
                          f"NAME` lists its readings, or give latitude and longitude with the location")
    return min(here, key=lambda p: (p.kind not in ("place", "facility"), -(p.population or 0), p.pid))
