"""How near is the same place: places (and located events) within SPLIT_KM of each other are one event's place.

Contract: `km(a, b)` is the great-circle distance between two things with `latitude`/`longitude` (both set).
DetectEvents does not split off a place within SPLIT_KM of one already used; `merge_same_sides` merges a clause's
event into another event of the same sides within SPLIT_KM.
"""
from __future__ import annotations

from ..geo.distance import distance_km

SPLIT_KM = 10.0            # places nearer than this to an event already emitted are the same event's place


def km(a, b) -> float:
    """Great-circle distance between two things with a latitude and longitude (places, located events)."""
    return distance_km(a.latitude, a.longitude, b.latitude, b.longitude)
