"""GeoJSON: one Point feature per located event, the event's fields as properties (opens in QGIS, geojson.io).

Coordinates are [longitude, latitude] (RFC 7946). Events without coordinates cannot be drawn: they are left out and
counted, and the caller says how many. The evidence is a property too (a list of {field, start, end, text}).
"""
from __future__ import annotations

import json
import math
from typing import Iterable, TextIO

from .registry import WriteOptions, Written, writer


def _coord(v) -> float | None:
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


def feature(ev: dict) -> dict | None:
    """The event as a GeoJSON Feature, or None when it has no usable coordinates."""
    lat, lon = _coord(ev.get("latitude")), _coord(ev.get("longitude"))
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return {"type": "Feature", "id": ev.get("id"),
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": dict(ev)}


def write_geojson(events: Iterable[dict], out: TextIO) -> tuple[int, int]:
    """Write a FeatureCollection to `out`, streaming; returns (features written, events left out for no coordinates)."""
    written = left_out = 0
    out.write('{"type": "FeatureCollection", "features": [\n')
    for ev in events:
        f = feature(ev)
        if f is None:
            left_out += 1
            continue
        out.write((",\n" if written else "") + json.dumps(f, ensure_ascii=False))
        written += 1
    out.write("\n]}\n")
    return written, left_out


@writer("geojson", suffix=".geojson", description="points for QGIS")
def _write_geojson(events: Iterable[dict], out: TextIO, options: WriteOptions) -> Written:
    written, left_out = write_geojson(events, out)
    return Written(written, left_out, "without coordinates left out (GeoJSON needs a point)")
