"""The `panels` library's problems (BadPoolFile, BadQuotas...) as sentences in the visitor's language.

Each `Problem` has a code and its data (row, column, value); the library's English message is the
fallback for a code this table does not know yet.
"""
from ..i18n import _

MESSAGES = {
    "empty_file": lambda p: _("The file is empty or has no header row."),
    "unreadable_file": lambda p: _("The file cannot be read."),
    "wrong_file_type": lambda p: _("This is not a spreadsheet: save it as CSV or Excel (.xlsx) and "
                                   "import it again."),
    "duplicate_column": lambda p: _("The column “%(column)s” appears twice in the header.",
                                    column=p.column),
    "missing_column": lambda p: _("The column “%(column)s” is missing.", column=p.column),
    "one_id_column": lambda p: _("Choose exactly one identifier column."),
    "id_as_feature": lambda p: _("The id column cannot also be a feature."),
    "no_features": lambda p: _("Choose at least one feature column (gender, age…) for the quotas."),
    "no_rows": lambda p: _("The file has a header but no rows."),
    "empty_id": lambda p: _("The id is empty."),
    "duplicate_id": lambda p: _("The id “%(value)s” is used twice.", value=p.value),
    "empty_cell": lambda p: _("The cell of the column “%(column)s” is empty.", column=p.column),
    "too_many_cells": lambda p: _("This row has more cells than the header has columns: a value "
                                  "may contain the separator without quotes around it."),
    "bad_bound": lambda p: _("“%(value)s” is not a whole number, 0 or more.", value=p.value),
    "bad_share": lambda p: _("“%(value)s” is not a percentage, 0 or more.", value=p.value),
    "min_above_max": lambda p: _("%(column)s %(value)s: the minimum is larger than the maximum.",
                                 column=p.column, value=p.value),
    "duplicate_quota": lambda p: _("The value “%(value)s” is listed twice.", value=p.value),
    "shares_sum": lambda p: _("The shares of %(column)s do not add up to 100 %%.", column=p.column),
    "missing_share": lambda p: _("%(column)s: give a percentage for every value, or none.",
                                 column=p.column),
    "no_shares": lambda p: _("Type the population shares of at least one feature."),
    "size_not_positive": lambda p: _("The panel size must be at least 1."),
    "size_exceeds_pool": lambda p: _("The panel size (%(value)s) is larger than the pool.",
                                     value=p.value),
    "missing_feature": lambda p: _("The quotas use the feature “%(column)s”, which is not a column "
                                   "of the pool.", column=p.column),
    "unknown_value": lambda p: _("%(column)s %(value)s: the quota asks for people nobody in the pool "
                                 "is.", column=p.column, value=p.value),
    "min_exceeds_pool": lambda p: _("%(column)s %(value)s: the minimum is larger than the number of "
                                    "people in the pool with this value.", column=p.column, value=p.value),
    "value_without_quota": lambda p: _("%(column)s %(value)s: people in the pool have this value but "
                                       "it has no quota row, so they could never be selected.",
                                       column=p.column, value=p.value),
    "mins_exceed_size": lambda p: _("%(column)s: the minimums add up to %(value)s, more than the panel "
                                    "size.", column=p.column, value=p.value),
    "maxes_below_size": lambda p: _("%(column)s: the maximums add up to less than the panel size.",
                                    column=p.column),
}


def message(problem):
    """The problem's sentence, translated when its code is known."""
    render = MESSAGES.get(problem.code)
    return str(render(problem)) if render else problem.message


def location(problem):
    """"Row 12" (the header is row 1), or "" when the problem is about the whole file."""
    return _("Row %(row)s", row=problem.row) if problem.row is not None else ""


def described(problems, limit=200):
    """[(location, message)] for a page, at most `limit` of them."""
    return [(location(p), message(p)) for p in problems[:limit]]


def relaxation_text(relaxation):
    """A suggested change to one quota bound, as a sentence (relaxation: the JSON stored on a draw)."""
    values = {"feature": relaxation["feature"], "value": relaxation["value"],
              "current": relaxation["current"], "suggested": relaxation["suggested"]}
    if relaxation["bound"] == "min":
        return _("lower the minimum of %(feature)s %(value)s from %(current)s to %(suggested)s", **values)
    return _("raise the maximum of %(feature)s %(value)s from %(current)s to %(suggested)s", **values)
