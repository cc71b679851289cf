"""Geometry of the themes' map, drawn as SVG by the template (the CSP forbids inline styles:
shapes carry their coordinates and classes as attributes)."""
WIDTH = 640
HEIGHT = 440
MARGIN = 16
COLOURS = 10      # .theme-colour-0 … 9 in app.css


def colour_of(theme):
    return f"theme-colour-{theme.position % COLOURS}"


def theme_map(themes, assignments):
    """The SVG size, one dot per assignment (its contribution, theme, colour, doubt) and the legend."""
    colours = {theme.id: colour_of(theme) for theme in themes}
    dots = [{"cx": MARGIN + a.x * (WIDTH - 2 * MARGIN), "cy": MARGIN + (1 - a.y) * (HEIGHT - 2 * MARGIN),
             "assignment": a, "colour": colours.get(a.theme_id, "theme-colour-0")}
            for a in assignments]
    return {"width": WIDTH, "height": HEIGHT, "dots": dots,
            "legend": [(theme, colours[theme.id]) for theme in themes]}
