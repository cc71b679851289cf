"""A human-readable selection report of a draw record, in Markdown or self-contained HTML.

The report says how the panel was drawn (algorithm, seed and where it comes from,
fingerprints of the inputs), how its composition compares with the quotas, and
how fair the lottery was (minimum, median, maximum selection probability and a
histogram). English text; the web application renders ``summary()`` in the visitor's language.
"""
from __future__ import annotations

import html
import statistics
from collections import Counter
from dataclasses import dataclass

from .model import Pool, Quota, Quotas, norm_value

HISTOGRAM_BINS = 10
BAR_WIDTH = 40  # characters of the longest Markdown bar


@dataclass
class _Row:
    feature: str
    value: str
    min: int
    max: int
    selected: int
    in_pool: int | None

    @property
    def ok(self) -> bool:
        return self.min <= self.selected <= self.max


def _quota_rows(record: dict, pool: Pool | None, quotas: Quotas | None) -> list[_Row]:
    quotas = quotas or Quotas([Quota(**q) for q in record["quotas"]])
    if pool is not None:
        chosen = [pool.get(i) for i in record["selected"] if i in pool]
        selected = quotas.panel_counts(chosen)
        available = quotas.panel_counts(pool.people) if set(quotas.features) <= set(
            pool.features) else {}
    else:
        selected = {(f, v): n for f, counts in record.get("composition", {}).items()
                    for v, n in counts.items()}
        available = {}
    rows = []
    for q in quotas:
        key = (q.feature, norm_value(q.value))
        rows.append(_Row(q.feature, q.value, q.min, q.max, selected.get(key, 0),
                         available.get(key) if pool is not None else None))
    return rows


def _histogram(values: list[float]) -> list[tuple[float, float, int]]:
    """(low, high, count) for equal-width bins from 0 to the largest probability."""
    top = max(values, default=0.0) or 1.0
    width = top / HISTOGRAM_BINS
    counts = Counter(min(int(v / width), HISTOGRAM_BINS - 1) for v in values)
    return [(i * width, (i + 1) * width, counts.get(i, 0)) for i in range(HISTOGRAM_BINS)]


# The facts of a draw, in order, with their English names. The web application names them in the
# visitor's language from the same keys (``summary()["facts"]``).
FACT_NAMES = {
    "algorithm": "Algorithm",
    "size": "Panel size",
    "pool_size": "Pool size",
    "households": "One person per household",
    "seed": "Seed",
    "seed_source": "Seed source",
    "created_at": "Drawn at (UTC)",
    "pool_sha256": "Pool SHA-256",
    "quotas_sha256": "Quotas SHA-256",
    "panels": "Panels in the lottery",
    "library_version": "Library version",
    "replacement": "Replacement draw",
    "kept": "Kept members",
    "declined": "Declined so far",
}


def _facts(record: dict, pool_size: int) -> list[tuple[str, object]]:
    facts = [("algorithm", record["algorithm"]), ("size", record["size"]),
             ("pool_size", record.get("pool_size", pool_size)), ("households", bool(record["households"])),
             ("seed", record["seed"]), ("seed_source", record.get("seed_source") or None),
             ("created_at", record["created_at"]), ("pool_sha256", record["pool_sha256"]),
             ("quotas_sha256", record["quotas_sha256"]), ("panels", len(record["portfolio"])),
             ("library_version", record.get("library_version", ""))]
    origin = record.get("replacement_of")
    if origin:
        facts += [("replacement", (record["size"], origin["size"])), ("kept", list(origin["kept"])),
                  ("declined", list(origin["declined"]))]
    return facts


def _english(key: str, value: object) -> str:
    if key == "households":
        return "yes" if value else "no"
    if key == "seed_source":
        return value or "not stated"
    if key == "replacement":
        return (f"{value[0]} of {value[1]} seats drawn again from the remaining pool, with the quotas "
                "reduced by the kept members")
    if key in ("kept", "declined"):
        return ", ".join(value) or "none"
    return str(value)


def summary(record: dict, pool: Pool | None = None, quotas: Quotas | None = None) -> dict:
    """What the report shows, as data: ``facts`` ((key, value) pairs, keys of ``FACT_NAMES``; values
    are numbers, booleans, lists or None, not text), ``rows`` (the composition against each quota,
    with ``feature``, ``value``, ``min``, ``max``, ``selected``, ``in_pool`` (None without the pool)
    and ``ok``), ``probabilities`` (``minimum``, ``median``, ``maximum`` as fractions, and
    ``never_selected``), ``histogram`` ((low, high, count) bins) and ``selected`` (sorted ids)."""
    if pool is not None:
        probabilities = [record["marginals"].get(p.id, 0.0) for p in pool]
    else:
        probabilities = list(record["marginals"].values())
    return {
        "facts": _facts(record, len(probabilities)),
        "rows": _quota_rows(record, pool, quotas),
        "probabilities": {
            "minimum": min(probabilities, default=0.0),
            "median": statistics.median(probabilities) if probabilities else 0.0,
            "maximum": max(probabilities, default=0.0),
            "never_selected": sum(1 for p in probabilities if p <= 1e-9),
        },
        "histogram": _histogram(probabilities),
        "selected": sorted(record["selected"]),
    }


def _percent(p: float) -> str:
    return f"{100 * p:.2f} %"


def _markdown(s: dict) -> str:
    lines = ["# Panel selection report", "", "## How the panel was drawn", ""]
    lines += [f"- **{FACT_NAMES[key]}:** {_english(key, value)}" for key, value in s["facts"]]
    with_pool = any(r.in_pool is not None for r in s["rows"])
    lines += ["", "## Composition against the quotas", "",
              "| Feature | Value | Min | Max | Selected |" + (" In pool |" if with_pool else "")
              + " Met |",
              "|---|---|--:|--:|--:|" + ("--:|" if with_pool else "") + ":-:|"]
    for r in s["rows"]:
        pool_cell = f" {r.in_pool} |" if with_pool else ""
        value = r.value.replace("|", "\\|")
        lines.append(f"| {r.feature} | {value} | {r.min} | {r.max} | {r.selected} |"
                     f"{pool_cell} {'yes' if r.ok else '**no**'} |")
    p = s["probabilities"]
    lines += ["", "## Selection probabilities", "",
              f"- Minimum: {_percent(p['minimum'])}", f"- Median: {_percent(p['median'])}",
              f"- Maximum: {_percent(p['maximum'])}",
              f"- Volunteers who could not be selected: {p['never_selected']}", "",
              "Number of volunteers by selection probability:", "", "```"]
    most = max((n for _, _, n in s["histogram"]), default=0) or 1
    for low, high, n in s["histogram"]:
        bar = "█" * round(BAR_WIDTH * n / most)
        lines.append(f"{_percent(low):>8} – {_percent(high):>8} | {bar} {n}")
    lines += ["```", "", "## Selected panel", "", ", ".join(s["selected"]), ""]
    return "\n".join(lines)


REPORT_CSS = """body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;
color:#1a1a1a}table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #bbb;
padding:.25rem .5rem;text-align:left}td.n{text-align:right}.no{color:#a00;font-weight:bold}
dt{font-weight:bold}dd{margin:0 0 .5rem 1rem;overflow-wrap:anywhere}
.bar{display:inline-block;height:.9rem;background:#2a5db0;vertical-align:middle}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}"""


def _html(s: dict) -> str:
    e = html.escape
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           "<title>Panel selection report</title>", f"<style>{REPORT_CSS}</style></head><body><main>",
           "<h1>Panel selection report</h1>", "<h2>How the panel was drawn</h2>", "<dl>"]
    out += [f"<dt>{e(FACT_NAMES[key])}</dt><dd>{e(_english(key, value))}</dd>" for key, value in s["facts"]]
    with_pool = any(r.in_pool is not None for r in s["rows"])
    out += ["</dl>", "<h2>Composition against the quotas</h2>", "<table>",
            "<caption>Number of panel members per feature value, with the quota bounds"
            "</caption>", "<thead><tr>" + "".join(
                f'<th scope="col">{h}</th>' for h in ["Feature", "Value", "Min", "Max", "Selected"]
                + (["In pool"] if with_pool else []) + ["Met"]) + "</tr></thead><tbody>"]
    for r in s["rows"]:
        met = "yes" if r.ok else '<span class="no">no</span>'
        pool_cell = f'<td class="n">{r.in_pool}</td>' if with_pool else ""
        out.append(f"<tr><td>{e(r.feature)}</td><td>{e(r.value)}</td><td class=\"n\">{r.min}"
                   f"</td><td class=\"n\">{r.max}</td><td class=\"n\">{r.selected}</td>"
                   f"{pool_cell}<td>{met}</td></tr>")
    p = s["probabilities"]
    out += ["</tbody></table>", "<h2>Selection probabilities</h2>", "<ul>",
            f"<li>Minimum: {_percent(p['minimum'])}</li>",
            f"<li>Median: {_percent(p['median'])}</li>",
            f"<li>Maximum: {_percent(p['maximum'])}</li>",
            f"<li>Volunteers who could not be selected: {p['never_selected']}</li></ul>",
            "<table><caption>Number of volunteers by selection probability</caption>",
            '<thead><tr><th scope="col">Probability</th><th scope="col">Volunteers</th>'
            '<th scope="col"><span class="visually-hidden">Bar</span></th></tr></thead><tbody>']
    most = max((n for _, _, n in s["histogram"]), default=0) or 1
    for low, high, n in s["histogram"]:
        width = round(20 * n / most, 2)
        out.append(f"<tr><td>{_percent(low)} – {_percent(high)}</td><td class=\"n\">{n}</td>"
                   f'<td><span class="bar" style="width:{width}rem" aria-hidden="true">'
                   "</span></td></tr>")
    out += ["</tbody></table>", "<h2>Selected panel</h2>",
            "<p>" + e(", ".join(s["selected"])) + "</p>", "</main></body></html>", ""]
    return "\n".join(out)


def render_report(record: dict, pool: Pool | None = None, quotas: Quotas | None = None,
                  fmt: str = "md") -> str:
    """The selection report of ``record`` as Markdown (``fmt="md"``) or HTML (``"html"``).

    With the pool, the composition is recounted from it and the pool's counts are
    shown; without, the record's own composition and quotas are used. For a
    replacement record, give the pool and quotas of its own draw
    (``panels.verification.draw_inputs``). Raises ``ValueError`` for another format.
    """
    renderers = {"md": _markdown, "html": _html}
    if fmt not in renderers:
        raise ValueError(f"Unknown report format {fmt!r}: use 'md' or 'html'.")
    return renderers[fmt](summary(record, pool, quotas))
