#!/usr/bin/env python3
"""Draws docs/scaling.svg: time against batch size, log-log, from the medians in docs/benchmarks.md.

No plotting library: the machines reach no Python package index, and a few lines of SVG suffice.
Usage: python3 bench/plot_scaling.py [output, default docs/scaling.svg]
"""
import math
import sys

# Median seconds per batch (docs/benchmarks.md, sections 1 and 3); re-enter them after a new run.
CUSTOMERS = [1_000, 10_000, 100_000, 1_000_000]
SERIES = [
    ("Compiled forest", "in-process, 2 threads", "#1b7837", [0.00168, 0.0175, 0.176, 2.09]),
    ("Whole scorer", "in-process, 2 threads", "#2166ac", [0.00202, 0.0205, 0.243, 3.46]),
    ("POST /api/batch_score", "JSON in and out, loopback", "#b2182b", [0.067, 0.139, 0.525, 5.61]),
]
TARGET = (100_000, 1.5, "target: 100 000 in 1.5 s")

WIDTH, HEIGHT = 720, 440
LEFT, RIGHT, TOP, BOTTOM = 80, 250, 30, 60
X_RANGE = (math.log10(500), math.log10(2_000_000))
Y_RANGE = (math.log10(0.001), math.log10(10))


def x_of(customers):
    return LEFT + (math.log10(customers) - X_RANGE[0]) / (X_RANGE[1] - X_RANGE[0]) * (WIDTH - LEFT - RIGHT)


def y_of(seconds):
    return HEIGHT - BOTTOM - (math.log10(seconds) - Y_RANGE[0]) / (Y_RANGE[1] - Y_RANGE[0]) * (HEIGHT - TOP - BOTTOM)


def main():
    output = sys.argv[1] if len(sys.argv) > 1 else "docs/scaling.svg"
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
             f'font-family="sans-serif" font-size="12">',
             f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>']
    for customers, label in [(1_000, "1 000"), (10_000, "10 000"), (100_000, "100 000"), (1_000_000, "1 000 000")]:
        x = x_of(customers)
        parts.append(f'<line x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{HEIGHT - BOTTOM}" stroke="#ddd"/>')
        parts.append(f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle">{label}</text>')
    for seconds, label in [(0.001, "1 ms"), (0.01, "10 ms"), (0.1, "100 ms"), (1, "1 s"), (10, "10 s")]:
        y = y_of(seconds)
        parts.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#ddd"/>')
        parts.append(f'<text x="{LEFT - 8}" y="{y + 4:.1f}" text-anchor="end">{label}</text>')
    parts.append(f'<text x="{(LEFT + WIDTH - RIGHT) / 2:.0f}" y="{HEIGHT - 15}" text-anchor="middle">'
                 'customers per batch</text>')
    parts.append(f'<text x="18" y="{(TOP + HEIGHT - BOTTOM) / 2:.0f}" text-anchor="middle" '
                 f'transform="rotate(-90 18 {(TOP + HEIGHT - BOTTOM) / 2:.0f})">time per batch (median)</text>')
    for index, (title, subtitle, colour, seconds) in enumerate(SERIES):
        points = " ".join(f"{x_of(c):.1f},{y_of(s):.1f}" for c, s in zip(CUSTOMERS, seconds))
        parts.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for c, s in zip(CUSTOMERS, seconds):
            parts.append(f'<circle cx="{x_of(c):.1f}" cy="{y_of(s):.1f}" r="3.5" fill="{colour}"/>')
        legend_y = TOP + 20 + index * 40
        parts.append(f'<line x1="{WIDTH - RIGHT + 15}" y1="{legend_y}" x2="{WIDTH - RIGHT + 35}" y2="{legend_y}" '
                     f'stroke="{colour}" stroke-width="2"/>')
        parts.append(f'<text x="{WIDTH - RIGHT + 40}" y="{legend_y + 4}">{title}</text>')
        parts.append(f'<text x="{WIDTH - RIGHT + 40}" y="{legend_y + 19}" fill="#555">{subtitle}</text>')
    target_x, target_y = x_of(TARGET[0]), y_of(TARGET[1])
    parts.append(f'<path d="M{target_x - 6:.1f},{target_y:.1f} h12 M{target_x:.1f},{target_y - 6:.1f} v12" '
                 'stroke="black" stroke-width="2"/>')
    parts.append(f'<text x="{target_x - 10:.1f}" y="{target_y + 4:.1f}" text-anchor="end">{TARGET[2]}</text>')
    parts.append("</svg>")
    with open(output, "w", encoding="utf-8") as file:
        file.write("\n".join(parts) + "\n")


if __name__ == "__main__":
    main()
