"""Geometry of the composition charts, drawn as SVG by the templates.

The content security policy forbids inline styles and scripts, so the chart is server-rendered SVG
whose shapes carry their coordinates and classes as attributes. Each chart has two layouts: wide
(the value's label left of its bar) and narrow (the label above the bar), so that on a phone the
text is drawn at about its nominal size instead of shrunk with a wide drawing; CSS shows one.
"""
WIDE = {"label_width": 230, "bar_width": 330, "row_height": 34, "label_above": False}
NARROW = {"label_width": 0, "bar_width": 250, "row_height": 52, "label_above": True}
TOP = 8


def composition_chart(rows, panel_size):
    """For one feature's composition rows, both layouts: {"wide": ..., "narrow": ...}, each with the
    SVG size and, per value, the bar, the quota band (min to max as a share of the panel) and the
    population target's tick."""
    return {"wide": _layout(rows, panel_size, **WIDE), "narrow": _layout(rows, panel_size, **NARROW)}


def _layout(rows, panel_size, label_width, bar_width, row_height, label_above):
    top = max([10.0] + [r["percent"] for r in rows] + [r["target"] or 0 for r in rows]
              + [100 * r["max"] / panel_size for r in rows if panel_size])
    scale = bar_width / (top * 1.1)
    shift = 18 if label_above else 0          # the bar sits under its label
    bars = []
    for i, row in enumerate(rows):
        y = TOP + i * row_height
        low, high = (100 * row["min"] / panel_size, 100 * row["max"] / panel_size) if panel_size else (0, 0)
        bars.append({
            "row": row, "y": y + shift, "text_y": y + 17 if not label_above else y + 13,
            "value_y": y + 17 + shift,
            "bar_x": label_width, "bar_width": max(1.0, row["percent"] * scale), "bar_y": y + 7 + shift,
            "band_x": label_width + low * scale, "band_width": max(2.0, (high - low) * scale), "band_y": y + 3 + shift,
            "target_x": label_width + row["target"] * scale if row["target"] is not None else None,
            "value_x": label_width + max(1.0, row["percent"] * scale) + 6,
        })
    return {"width": label_width + bar_width + 90, "height": TOP * 2 + row_height * len(rows), "bars": bars,
            "label_x": 0 if label_above else label_width - 8, "anchor": "start" if label_above else "end",
            "truncate": 40 if label_above else 32}
