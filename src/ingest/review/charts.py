"""Charts as geometry for inline SVG: a page needs no script and no library to draw them."""

from __future__ import annotations

from dataclasses import dataclass

# Colours of removal kinds, from a palette readable on white with dark text; a kind
# keeps its colour across pages and runs (chosen by a stable hash of its name).
PALETTE = ("#f4a6a6", "#f6c28b", "#f3e08a", "#b9e3a0", "#9fd8cf", "#a7c7f2",
           "#c9b6f0", "#efb0d8", "#d6c3a5", "#c2c9d1", "#e8a0a0", "#a0e0b8")
BAR_HEIGHT = 18
LABEL_WIDTH = 190
PLOT_WIDTH = 420


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    x: float
    y: float
    width: float
    height: float
    colour: str


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    width: int
    height: int
    title: str
    vertical: bool = False


def kind_colour(kind: str) -> str:
    """The colour of a kind of removal, the same on every page (a string hash, not Python's salted ``hash``)."""
    return PALETTE[sum(ord(char) * (index + 1) for index, char in enumerate(kind)) % len(PALETTE)]


def horizontal_bars(items: list[tuple[str, int]], title: str, coloured: bool = True) -> Chart:
    """One bar per (label, value), longest bar the plot's width; labels sit left of the bars."""
    top = max((value for _, value in items), default=0) or 1
    bars = [
        Bar(label, value, LABEL_WIDTH, index * (BAR_HEIGHT + 4), PLOT_WIDTH * value / top, BAR_HEIGHT,
            kind_colour(label) if coloured else "#8aa9d6")
        for index, (label, value) in enumerate(items)
    ]
    return Chart(bars, LABEL_WIDTH + PLOT_WIDTH + 90, max(1, len(bars)) * (BAR_HEIGHT + 4), title)


def histogram(counts: list[int], title: str, plot_height: int = 120) -> Chart:
    """Vertical bars over equal bins from 0 to 100 %, labelled by their lower bound."""
    top = max(counts, default=0) or 1
    width = PLOT_WIDTH // max(1, len(counts))
    bars = [
        Bar(f"{100 * index // len(counts)}%", count, 30 + index * width, 15 + plot_height - plot_height * count / top,
            width - 4, plot_height * count / top, "#8aa9d6")
        for index, count in enumerate(counts)
    ]
    return Chart(bars, 30 + PLOT_WIDTH + 20, plot_height + 40, title, vertical=True)
