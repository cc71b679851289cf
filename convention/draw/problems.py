"""The `panels` library's problems (BadPoolFile, BadQuotas...) as sentences in the visitor's language.

Each `Problem` has a code, where it is (row, column, value) and the numbers its sentence needs as
data (`problem.data`: a minimum, how many people the pool has...); the English message is never
read. It is the fallback only for a code this table does not know yet, or a problem that lacks a
number its sentence needs (the tests build every code with the library).
"""
import logging
from dataclasses import asdict

from flask_babel import format_decimal

from .. import uploads
from ..i18n import _, ngettext

log = logging.getLogger(__name__)


def _min_above_max(p, n):
    if p.row is not None:   # a quotas file: the row says which quota
        return _("The minimum (%(min)s) is larger than the maximum (%(max)s).", **n)
    return _("%(column)s %(value)s: the minimum (%(min)s) is larger than the maximum (%(max)s).",
             column=p.column, value=p.value, **n)


def _value_without_quota(p, n):
    if n:
        return ngettext("%(column)s %(value)s: %(num)s person in the pool has this value but it has no "
                        "quota row, so they could never be selected. Add a row (minimum 0 if needed).",
                        "%(column)s %(value)s: %(num)s people in the pool have this value but it has no "
                        "quota row, so they could never be selected. Add a row (minimum 0 if needed).",
                        int(n["count"]), column=p.column, value=p.value)
    return _("%(column)s %(value)s: people in the pool have this value but it has no quota row, so they "
             "could never be selected.", column=p.column, value=p.value)


def _duplicate_quota(p, n):
    if n:
        return _("The value “%(value)s” is already on row %(first)s.", value=p.value, **n)
    return _("The value “%(value)s” is listed twice.", value=p.value)


def _missing_feature(p, n):
    if n:
        return _("The quotas use the feature “%(column)s”, which is not a column of the pool. Did you "
                 "mean “%(near)s”?", column=p.column, **n)
    return _("The quotas use the feature “%(column)s”, which is not a column of the pool.", column=p.column)


MESSAGES = {
    **uploads.MESSAGES,   # the problems of reading a file (pool, quotas, notes)
    "missing_column": lambda p, n: _("The column “%(column)s” is missing.", column=p.column),
    "one_id_column": lambda p, n: _("Choose exactly one identifier column."),
    "no_id_column": lambda p, n: ngettext(
        "No identifier column was found (a column named id or identifiant), and the column “%(column)s” "
        "taken instead has a repeated value (%(num)s row). Columns seen: %(columns)s.",
        "No identifier column was found (a column named id or identifiant), and the column “%(column)s” "
        "taken instead has repeated values (%(num)s rows). Columns seen: %(columns)s.",
        n["repeated"], column=p.column, columns=", ".join(f"“{c}”" for c in n["columns"])),
    "id_as_feature": lambda p, n: _("The id column cannot also be a feature."),
    "no_features": lambda p, n: _("Choose at least one feature column (gender, age…) for the quotas."),
    "no_rows": lambda p, n: _("The file has a header but no rows."),
    "empty_id": lambda p, n: _("The id is empty."),
    "duplicate_id": lambda p, n: _("The id “%(value)s” is already used on row %(first)s.", value=p.value, **n),
    "empty_cell": lambda p, n: _("The cell of the column “%(column)s” is empty.", column=p.column),
    "bad_bound": lambda p, n: _("“%(value)s” is not a whole number, 0 or more.", value=p.value),
    "bad_share": lambda p, n: _("“%(value)s” is not a percentage, 0 or more.", value=p.value),
    "min_above_max": _min_above_max,
    "duplicate_quota": _duplicate_quota,
    "shares_sum": lambda p, n: _("The shares of %(column)s add up to %(total)s %%, not 100 %%.",
                                 column=p.column, total=format_decimal(float(n["total"]))),
    "missing_share": lambda p, n: _("%(column)s: give a percentage for every value, or none.",
                                    column=p.column),
    "no_shares": lambda p, n: _("Type the population shares of at least one feature."),
    "size_not_positive": lambda p, n: _("The panel size must be at least 1, not %(size)s.", **n),
    "size_exceeds_pool": lambda p, n: ngettext(
        "The panel size (%(size)s) is larger than the pool (%(num)s person).",
        "The panel size (%(size)s) is larger than the pool (%(num)s people).", int(n["pool"]), size=n["size"]),
    "size_exceeds_households": lambda p, n: _(
        "The panel size (%(size)s) is larger than the number of households in the pool (%(homes)s), and "
        "only one person per household may be selected.", **n),
    "missing_feature": _missing_feature,
    "unknown_value": lambda p, n: _("%(column)s %(value)s: the quota asks for at least %(min)s, but nobody "
                                    "in the pool has this value.", column=p.column, value=p.value, **n),
    "min_exceeds_pool": lambda p, n: ngettext(
        "%(column)s %(value)s: the quota asks for at least %(min)s, but only %(num)s person in the pool "
        "has this value.",
        "%(column)s %(value)s: the quota asks for at least %(min)s, but only %(num)s people in the pool "
        "have this value.", int(n["available"]), column=p.column, value=p.value, min=n["min"]),
    "value_without_quota": _value_without_quota,
    "mins_exceed_size": lambda p, n: _("%(column)s: the minimums add up to %(total)s, more than the panel "
                                       "size (%(size)s).", column=p.column, **n),
    "maxes_below_size": lambda p, n: _("%(column)s: the maximums add up to %(total)s, less than the panel "
                                       "size (%(size)s).", column=p.column, **n),
}


def numbers(problem):
    """The numbers of the problem, by name ({} when it has none): the library's data, not its message."""
    return dict(problem.data or {})


def message(problem):
    """The problem's sentence with its numbers, translated when its code is known."""
    render = MESSAGES.get(problem.code)
    if render is None:
        return problem.message
    try:
        return str(render(problem, numbers(problem)))
    except LookupError:   # a number the sentence needs is not in the problem's data
        log.warning("The problem %r lacks the numbers of its sentence: %s", problem.code, problem.data)
        return problem.message


def location(problem):
    """"Row 12" (the header is row 1), or "" when the problem is about the whole file."""
    return _("Row %(row)s", row=problem.row) if problem.row is not None else ""


def described(problems, limit=200):
    """[(location, message)] for a page, at most `limit` of them."""
    return [(location(p), message(p)) for p in problems[:limit]]


def exclusion_text(exclusion):
    """Why some volunteers can never be selected (a `panels.exclusions.Exclusion`), as a sentence."""
    count = exclusion.count
    if exclusion.blocking:
        quotas = _(", and ").join(_("the maximum of %(feature)s %(value)s is 0", feature=f, value=v)
                                  for f, v in exclusion.blocking)
        return ngettext("%(num)s volunteer can never be selected: %(quotas)s.",
                        "%(num)s volunteers can never be selected: %(quotas)s.", count, quotas=quotas)
    if exclusion.relaxations:
        changes = _(", and ").join(relaxation_text(asdict(r)) for r in exclusion.relaxations)
        return ngettext("%(num)s volunteer can never be selected under these quotas; they could be if you "
                        "%(changes)s.",
                        "%(num)s volunteers can never be selected under these quotas; one of them could be "
                        "if you %(changes)s.", count, changes=changes)
    return ngettext("%(num)s volunteer can never be selected under these quotas.",
                    "%(num)s volunteers can never be selected under these quotas.", count)


def described_exclusions(exclusions):
    """(total, [sentence]) of `panels.exclusions.never_selected`, or None when everyone can be selected."""
    if not exclusions:
        return None
    return sum(e.count for e in exclusions), [exclusion_text(e) for e in exclusions]


def relaxation_text(relaxation):
    """A suggested change to one quota bound, as a sentence (relaxation: the JSON stored on a draw)."""
    values = {"feature": relaxation["feature"], "value": relaxation["value"],
              "current": relaxation["current"], "suggested": relaxation["suggested"]}
    if relaxation["bound"] == "min":
        return _("lower the minimum of %(feature)s %(value)s from %(current)s to %(suggested)s", **values)
    return _("raise the maximum of %(feature)s %(value)s from %(current)s to %(suggested)s", **values)
