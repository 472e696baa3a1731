"""`DeathMention`: one death figure stated in a text, as read by `death_figures` and `unnumbered_deaths`."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DeathMention:
    """One stated death figure: the span covering the figure and its cue (clean offsets) and what it counts.

    `low`/`best`/`high` are the deaths (`high` None: no upper bound, "more than 20"); `civilians` is the figure
    when the dead are named as civilians.  The flags say how the figure relates to others in the report."""
    start: int
    end: int
    low: int
    best: int
    high: int | None
    civilians: int | None = None
    part: bool = False          # a part of a figure given just before ("including 3 children")
    cumulative: bool = False    # a background toll, not this event's
    mixed: bool = False         # "killed and wounded": deaths are at most this figure
    additional: bool = False    # introduced as more deaths ("another 3", "also killed")
    vague: bool = False
    override: bool = False      # a coder's own statement ("fatalities coded as 3")
