"""Geometry of the composition charts, drawn as SVG by the templates.

The content security policy forbids inline styles and scripts, so the chart is server-rendered SVG
whose shapes carry their coordinates and classes as attributes.
"""
LABEL_WIDTH = 230
BAR_WIDTH = 330
ROW_HEIGHT = 34
TOP = 8


def composition_chart(rows, panel_size):
    """For one feature's composition rows: the SVG size and, per value, the bar, the quota band
    (min to max as a share of the panel) and the population target's tick."""
    top = max([10.0] + [r["percent"] for r in rows] + [r["target"] or 0 for r in rows]
              + [100 * r["max"] / panel_size for r in rows if panel_size])
    scale = BAR_WIDTH / (top * 1.1)
    bars = []
    for i, row in enumerate(rows):
        y = TOP + i * ROW_HEIGHT
        low, high = (100 * row["min"] / panel_size, 100 * row["max"] / panel_size) if panel_size else (0, 0)
        bars.append({
            "row": row, "y": y, "text_y": y + 17,
            "bar_x": LABEL_WIDTH, "bar_width": max(1.0, row["percent"] * scale), "bar_y": y + 7,
            "band_x": LABEL_WIDTH + low * scale, "band_width": max(2.0, (high - low) * scale), "band_y": y + 3,
            "target_x": LABEL_WIDTH + row["target"] * scale if row["target"] is not None else None,
            "value_x": LABEL_WIDTH + max(1.0, row["percent"] * scale) + 6,
        })
    return {"width": LABEL_WIDTH + BAR_WIDTH + 90, "height": TOP * 2 + ROW_HEIGHT * len(rows), "bars": bars,
            "label_x": LABEL_WIDTH - 8}
