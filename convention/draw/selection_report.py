"""The downloadable selection report of a draw round, in the visitor's language (French by default).

`panels.report.summary` gives the facts as data; this module names and formats them, and the
template `draw/report.html` lays them out as a self-contained page (its style inline, no link)."""
from datetime import datetime

from flask import render_template
from flask_babel import format_datetime, format_decimal

from panels.report import REPORT_CSS, summary

from ..i18n import _, _l, ngettext
from .steps import ALGORITHM_LABELS

FACT_NAMES = {
    "algorithm": _l("Algorithm"),
    "size": _l("Panel size"),
    "pool_size": _l("Pool size"),
    "households": _l("One person per household"),
    "seed": _l("Seed"),
    "seed_source": _l("Where the seed comes from"),
    "created_at": _l("Drawn on"),
    "pool_sha256": _l("Fingerprint (SHA-256) of the pool"),
    "quotas_sha256": _l("Fingerprint (SHA-256) of the quotas"),
    "panels": _l("Panels in the lottery"),
    "library_version": _l("Version of the draw library"),
    "replacement": _l("Replacement draw"),
    "kept": _l("Members kept"),
    "declined": _l("Declined so far"),
}


def _value(key, value):
    if key == "algorithm":
        return str(ALGORITHM_LABELS.get(value, value))
    if key == "households":
        return _("yes") if value else _("no")
    if key == "seed_source":
        return value or _("not stated")
    if key == "created_at":
        try:
            return format_datetime(datetime.fromisoformat(value), "long")
        except (TypeError, ValueError):
            return str(value)
    if key == "replacement":
        return ngettext("%(num)s of %(seats)s seats drawn again from the remaining pool, with the quotas "
                        "reduced by the members kept",
                        "%(num)s of %(seats)s seats drawn again from the remaining pool, with the quotas "
                        "reduced by the members kept", value[0], seats=format_decimal(value[1]))
    if key in ("kept", "declined"):
        return ", ".join(value) or _("none")
    if key in ("size", "pool_size", "panels"):        # the seed is a code to copy: left as typed
        return format_decimal(value)
    return str(value)


def percent(fraction):
    """A selection probability as a percentage in the visitor's number format ("12,50 %")."""
    return format_decimal(100 * fraction, format="#,##0.00") + "\N{NO-BREAK SPACE}%"


def render(convention, number, record, pool, quotas):
    """The report of round `number`'s `record` as a whole HTML page (pool and quotas: those the round
    drew from)."""
    data = summary(record, pool, quotas)
    facts = [(FACT_NAMES[key], _value(key, value)) for key, value in data["facts"]]
    most = max((n for _, _, n in data["histogram"]), default=0) or 1
    bars = [(low, high, n, round(20 * n / most, 2)) for low, high, n in data["histogram"]]
    return render_template("draw/report.html", convention=convention, number=number, facts=facts, rows=data["rows"], bars=bars,
                           probabilities=data["probabilities"], selected=data["selected"],
                           with_pool=any(r.in_pool is not None for r in data["rows"]),
                           percent=percent, style=REPORT_CSS)
