"""Charts drawn on the server as SVG: no charting library, no script, readable without CSS.

Each chart carries a <title> and a <desc> naming what it shows, and the admin page puts the
same figures in a table beside it, so a screen reader or a copy-paste gets the numbers.
"""

from dataclasses import dataclass
from math import ceil, log10

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

# Colours of the series, distinguishable for the common colour blindnesses (Okabe-Ito).
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]
WIDTH, HEIGHT = 720, 260
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 56, 16, 16, 40
Y_TICKS = 4


@dataclass
class Series:
    """One line of a line chart: a label and a value for each of the chart's x labels."""

    label: str
    values: list


def nice_ceiling(value):
    """The smallest of 1, 2, 2.5, 5 × 10^n at or above `value` (at least 1)."""
    if value <= 1:
        return 1
    power = 10 ** int(log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power:
            return ceil(step * power)
    return ceil(10 * power)


def svg_open(title, description, width, height):
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="100%" role="img" '
        'class="newsdesk-chart" style="max-width:{}px;font:12px sans-serif">'
        "<title>{}</title><desc>{}</desc>",
        width,
        height,
        width,
        title,
        description,
    )


def line_chart(title, x_labels, series, width=WIDTH, height=HEIGHT, label_every=5):
    """SVG of one polyline per Series over the x labels (days, say), with a y scale."""
    top = nice_ceiling(max((max(line.values, default=0) for line in series), default=0))
    plot_width = width - MARGIN_LEFT - MARGIN_RIGHT
    plot_height = height - MARGIN_TOP - MARGIN_BOTTOM
    step = plot_width / max(len(x_labels) - 1, 1)

    def x(index):
        return MARGIN_LEFT + index * step

    def y(value):
        return MARGIN_TOP + plot_height - plot_height * value / top

    parts = [
        svg_open(
            title,
            "; ".join(f"{line.label}: {sum(line.values):,} in all" for line in series),
            width,
            height,
        )
    ]
    for tick in range(Y_TICKS + 1):
        value = top * tick / Y_TICKS
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#ccc"/>'
                '<text x="{}" y="{}" text-anchor="end" fill="currentColor">{}</text>',
                MARGIN_LEFT,
                width - MARGIN_RIGHT,
                round(y(value), 1),
                round(y(value), 1),
                MARGIN_LEFT - 6,
                round(y(value) + 4, 1),
                f"{value:,.0f}",
            )
        )
    for index, label in enumerate(x_labels):
        if index % label_every == 0 or index == len(x_labels) - 1:
            parts.append(
                format_html(
                    '<text x="{}" y="{}" text-anchor="middle" fill="currentColor">{}</text>',
                    round(x(index), 1),
                    height - MARGIN_BOTTOM + 16,
                    label,
                )
            )
    for number, line in enumerate(series):
        colour = PALETTE[number % len(PALETTE)]
        points = " ".join(
            f"{round(x(index), 1)},{round(y(value), 1)}" for index, value in enumerate(line.values)
        )
        parts.append(
            format_html(
                '<polyline fill="none" stroke="{}" stroke-width="2" points="{}"><title>{}</title>'
                "</polyline>",
                colour,
                points,
                line.label,
            )
        )
        legend_x = MARGIN_LEFT + number * 150
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="12" height="12" fill="{}"/>'
                '<text x="{}" y="{}" fill="currentColor">{}</text>',
                legend_x,
                height - 14,
                colour,
                legend_x + 16,
                height - 3,
                line.label,
            )
        )
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(parts))


def bar_chart(title, items, width=WIDTH, bar_height=20, label_width=220):
    """SVG of horizontal bars, one per (label, value), longest first as given."""
    top = nice_ceiling(max((value for _label, value in items), default=0))
    height = MARGIN_TOP + len(items) * (bar_height + 6) + 8
    plot_width = width - label_width - 70
    parts = [
        svg_open(
            title,
            "; ".join(f"{label}: {value:,}" for label, value in items),
            width,
            height,
        )
    ]
    for number, (label, value) in enumerate(items):
        y = MARGIN_TOP + number * (bar_height + 6)
        length = round(plot_width * value / top, 1)
        short = label if len(label) <= 34 else label[:33] + "…"
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" fill="currentColor">{}</text>'
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}</title></rect>'
                '<text x="{}" y="{}" fill="currentColor">{}</text>',
                label_width - 8,
                y + bar_height - 6,
                short,
                label_width,
                y,
                length,
                bar_height,
                PALETTE[0],
                escape(f"{label}: {value:,}"),
                label_width + length + 6,
                y + bar_height - 6,
                f"{value:,}",
            )
        )
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(parts))
