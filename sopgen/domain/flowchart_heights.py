"""Each flowchart row's height in one continuous table, from layouts on any break plan (pure).

The break plan is made from the rows' heights in a continuous table, where no row carries an
off-page connector. A layout on a plan measures the rows that do carry one taller: the
pelaksana cell's drawing (``Layout.min_heights``) grows to make room for the connector. Such a
row's continuous height is still known exactly when its drawing did not grow, or when the
measured height is more than the grown drawing needs (text set it, and text does not change
with the plan); otherwise it lies between the continuous drawing's need and the measured
height. Each layout narrows these bounds, and a plan is settled when both bounds give it
(``render/paginate.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

EPSILON_MM = 0.01
"""Heights read from a layout are floats converted from CSS pixels: closer than this is equal."""


@dataclass(frozen=True)
class Observation:
    """One layout of a flowchart: each row's measured height and its drawing's height there (mm)."""

    measured: tuple[float, ...]
    drawings: tuple[float, ...]


def drawing_padding(observations: Sequence[Observation]) -> float:
    """The room a row takes beyond its drawing (the pelaksana cell's padding and borders).

    The least ``measured - drawing`` over all rows seen: exact once any row's height was set by its
    drawing. Where text set every row's height it is larger than the real padding, which keeps
    :func:`table_heights` right: a row it calls text-set is taller than its drawing needs, and a
    row it leaves open is bounded from below by a height no larger than the one measured."""
    return min(h - d for o in observations for h, d in zip(o.measured, o.drawings, strict=True))


@dataclass(frozen=True)
class TableHeights:
    """Bounds of each row's continuous-table height (mm): ``low[r] <= height <= high[r]``."""

    low: tuple[float, ...]
    high: tuple[float, ...]


def table_heights(observations: Sequence[Observation], drawings: Sequence[float], padding: float) -> TableHeights:
    """What ``observations`` tell of each row's height in a continuous table, where its drawing is
    ``drawings[r]`` tall (no connector), given the cells' ``padding`` (:func:`drawing_padding`)."""
    low = [0.0] * len(drawings)
    high = [float("inf")] * len(drawings)
    for o in observations:
        for r, (measured, drawn) in enumerate(zip(o.measured, o.drawings, strict=True)):
            if drawn <= drawings[r] + EPSILON_MM or measured > drawn + padding + EPSILON_MM:
                bounds = (measured, measured)  # the drawing did not grow, or text set the height
            else:
                bounds = (min(measured, drawings[r] + padding), measured)
            low[r], high[r] = max(low[r], bounds[0]), min(high[r], bounds[1])
    return TableHeights(tuple(low), tuple(max(lo, h) for lo, h in zip(low, high, strict=True)))
