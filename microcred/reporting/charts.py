"""Geometry for the dashboard's inline SVG charts, drawn on the server (no script, no inline
style: the strict CSP forbids both; site.css colours them through classes).

Nothing here relies on colour alone: every bar carries its figure as text, the two lines differ
in dash and marker shape and are named in a legend, and a data table follows every chart.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from microcred.reporting.selectors import Group, Progress

# Drawn 320 units wide: on a phone one unit is about one pixel, so 12-unit text stays legible.
WIDTH = 320
TRACK = 180  # width of a full (100%) progress bar; its figure is written to the right
ROW = 44
LABEL_CHARS = 44


@dataclass(frozen=True)
class Bar:
    label: str
    figure: str
    label_y: int
    bar_y: int
    fill: int
    figure_y: int


@dataclass(frozen=True)
class ProgressChart:
    id: str
    title: str
    description: str
    bars: list[Bar]
    width: int = WIDTH
    track: int = TRACK

    @property
    def height(self) -> int:
        return ROW * len(self.bars) + 6

    @property
    def figure_x(self) -> int:
        return self.track + 8


def progress_chart(chart_id: str, title: str, progress: Sequence[Progress]) -> ProgressChart:
    """One labelled bar per figure; the outlined track is the target, the filled part is how
    much of it is reached (full when the target is passed; the text says by how much)."""
    bars = []
    for number, item in enumerate(progress):
        top = number * ROW
        reached = min(item.value, item.target) / item.target if item.target else 0
        bars.append(Bar(
            label=_shorten(item.label),
            figure=_("%(value)s of %(target)s (%(percent)s%%)") % {
                "value": item.value, "target": item.target, "percent": item.percent},
            label_y=top + 14, bar_y=top + 21, fill=round(TRACK * reached), figure_y=top + 33,
        ))
    description = "; ".join(
        _("%(label)s: %(value)s of the target of %(target)s (%(percent)s%%)") % {
            "label": item.label, "value": item.value, "target": item.target,
            "percent": item.percent}
        for item in progress
    )
    return ProgressChart(id=chart_id, title=title, description=description, bars=bars)


@dataclass(frozen=True)
class Point:
    x: int
    y: int


@dataclass(frozen=True)
class Series:
    label: str
    kind: str  # CSS modifier: "enrolled" (solid line, circles) or "certified" (dashed, squares)
    points: list[Point]

    @property
    def path(self) -> str:
        return " ".join(f"{'M' if i == 0 else 'L'}{p.x} {p.y}" for i, p in enumerate(self.points))


@dataclass(frozen=True)
class Tick:
    position: int
    text: str
    anchor: str = "middle"  # SVG text-anchor: the last month label ends at the right edge


@dataclass(frozen=True)
class LineChart:
    id: str
    title: str
    description: str
    series: list[Series]
    targets: list[Tick]  # horizontal target lines: y and label
    x_labels: list[Tick]
    y_labels: list[Tick]
    width: int = WIDTH
    height: int = 250
    left: int = 44
    right: int = 312
    top: int = 50
    bottom: int = 212


def cumulative_chart(chart_id: str, months: Sequence[Group], targets: dict[str, int]) -> LineChart:
    """Learners enrolled and learners certified so far, month by month, with their targets."""
    enrolled = [month.enrolled_so_far for month in months]
    certified = [month.certified_so_far for month in months]
    shown = {key: targets[key] for key in ("enrolled", "learners_certified") if key in targets}
    top = _nice(max([1, *shown.values(), *enrolled, *certified]))
    left, right, upper, bottom = (LineChart.left, LineChart.right, LineChart.top,
                                  LineChart.bottom)

    def x(index: int) -> int:
        if len(months) < 2:
            return (left + right) // 2
        return round(left + (right - left) * index / (len(months) - 1))

    def y(value: int) -> int:
        return round(bottom - (bottom - upper) * value / top)

    series = [
        Series(str(_("Learners enrolled")), "enrolled",
               [Point(x(i), y(v)) for i, v in enumerate(enrolled)]),
        Series(str(_("Learners certified")), "certified",
               [Point(x(i), y(v)) for i, v in enumerate(certified)]),
    ]
    target_lines = [
        Tick(y(value), _("Target: %(value)s enrolled") % {"value": value} if key == "enrolled"
             else _("Target: %(value)s certified") % {"value": value})
        for key, value in shown.items()
    ]
    description = _(
        "From %(first)s to %(last)s. Learners enrolled (solid line, round markers): "
        "%(enrolled)s by the end. Learners certified (dashed line, square markers): "
        "%(certified)s by the end."
    ) % {"first": months[0].label if months else "", "last": months[-1].label if months else "",
         "enrolled": enrolled[-1] if months else 0, "certified": certified[-1] if months else 0}
    if target_lines:
        description += " " + "; ".join(tick.text for tick in target_lines) + "."
    return LineChart(
        id=chart_id, title=_("Learners enrolled and certified so far, month by month"),
        description=description, series=series, targets=target_lines,
        x_labels=[Tick(x(i), months[i].label, "end" if i and i == len(months) - 1 else "middle")
                  for i in _spread(len(months))],
        y_labels=[Tick(y(top * step // 4), _short(top * step // 4)) for step in range(5)],
    )


def _nice(value: int) -> int:
    """The axis top: the smallest round number (1, 2, 2.5, 4 or 5 times a power of ten) that
    is at least `value` and splits into whole quarters for the four gridlines."""
    magnitude = 1
    while True:
        for step in (1, 2, 2.5, 4, 5):
            top = step * magnitude
            if top >= value and top % 4 == 0:
                return int(top)
        magnitude *= 10


def _short(value: int) -> str:
    """An axis label that fits the margin: 250000 is written 250k (the table has every digit)."""
    return f"{value // 1000}k" if value >= 10_000 else str(value)


def _spread(count: int, labels: int = 4) -> list[int]:
    """Indexes of at most `labels` evenly spread months, always the first and the last."""
    if count <= labels:
        return list(range(count))
    return sorted({round(i * (count - 1) / (labels - 1)) for i in range(labels)})


def _shorten(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1].rstrip() + "…"
