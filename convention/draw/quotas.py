"""Editing quotas: bounds typed in the table, derived from population shares, or read from a file."""
from flask import current_app

from panels import BadQuotas, Problem
from panels.io import quotas_from_shares
from panels.model import norm_value

from .. import uploads
from ..audit import services as audit
from ..extensions import db
from . import queries
from .models import DrawState, QuotaRow

DEFAULT_TOLERANCE = 1.5


class QuotasLocked(Exception):
    """The quotas' fingerprint is published or the panel is drawn: they cannot change."""


def can_edit(convention):
    draw = queries.existing_draw(convention)
    return draw is None or draw.state is DrawState.preparing


def _check_editable(convention):
    if not can_edit(convention):
        raise QuotasLocked()


def _snapshot(rows):
    return {f"{row.feature} {row.value}": f"{row.min}–{row.max}" for row in rows}


def _log(convention, before, rows, how):
    return audit.record_changes("draw.quotas_update", None, before, _snapshot(rows),
                                convention=convention, extra={"how": how})


def update_bounds(convention, bounds):
    """Set {row id: (min, max)}; returns whether something changed. Raises QuotasLocked."""
    _check_editable(convention)
    rows = queries.quota_rows(convention)
    before = _snapshot(rows)
    for row in rows:
        if row.id in bounds:
            row.min, row.max = bounds[row.id]
    return _log(convention, before, rows, "table")


def apply_shares(convention, shares, tolerance=DEFAULT_TOLERANCE, how="shares"):
    """Derive bounds from population shares ({feature: {value: percent}}) and the panel size.

    Values of the shares that are not quota rows yet are added. Raises BadQuotas (shares not adding
    up to 100 %) and QuotasLocked.
    """
    _check_editable(convention)
    pool = queries.pool_of(convention)
    derived = quotas_from_shares(shares, convention.panel_size, tolerance=tolerance,
                                 pool=queries.panels_pool(pool) if pool is not None else None)
    targets = {(q.feature, q.value): float(shares[q.feature][q.value]) for q in derived}
    return _apply(convention, derived, how, targets)


def import_quota_file(convention, data, filename):
    """Replace the bounds with those of a quotas file (feature,value,min,max).

    Rows of the file that are not quota rows yet are added; rows the file does not list keep their
    bounds. Raises BadQuotas with every problem of the file, QuotasLocked.
    """
    _check_editable(convention)
    return _apply(convention, uploads.read_quotas(data, filename), "file")


def import_shares_file(convention, data, filename, tolerance=DEFAULT_TOLERANCE):
    _check_editable(convention)
    return apply_shares(convention, uploads.read_shares(data, filename), tolerance, how="shares file")


def shares_from_form(rows, percents):
    """{feature: {value: percent}} from the typed percents ({row id: percent or None}).

    Raises BadQuotas when a feature has some percents but not all (a blank would count as 0 %).
    """
    shares, problems = {}, []
    by_feature = {}
    for row in rows:
        by_feature.setdefault(row.feature, []).append(row)
    for feature, feature_rows in by_feature.items():
        typed = [percents.get(row.id) for row in feature_rows]
        if all(p is None for p in typed):
            continue
        if any(p is None for p in typed):
            problems.append(Problem("missing_share", "", column=feature))
            continue
        shares[feature] = {row.value: percents[row.id] for row in feature_rows}
    if problems:
        raise BadQuotas(problems)
    return shares


def _apply(convention, new_quotas, how, targets=None):
    """Set the bounds (and population targets) of `new_quotas`, adding rows for new values."""
    rows = queries.quota_rows(convention)
    before = _snapshot(rows)
    by_key = {(row.feature, norm_value(row.value)): row for row in rows}
    _check_size(by_key, new_quotas)
    for quota in new_quotas:
        row = _row_for(convention, by_key, quota.feature, quota.value)
        row.min, row.max = quota.min, quota.max
        if targets:
            row.target_percent = targets[(quota.feature, quota.value)]
    db.session.flush()
    return _log(convention, before, queries.quota_rows(convention), how)


def _check_size(by_key, new_quotas):
    """Raise BadQuotas when the new rows would pass `POOL_MAX_FEATURES` or `POOL_MAX_FEATURE_VALUES`."""
    values = {}
    for feature, value in [*by_key, *((q.feature, norm_value(q.value)) for q in new_quotas)]:
        values.setdefault(feature, set()).add(value)
    config = current_app.config
    if len(values) > config["POOL_MAX_FEATURES"]:
        raise BadQuotas([Problem("too_many_features", f"More than {config['POOL_MAX_FEATURES']} features.",
                                 data={"max": config["POOL_MAX_FEATURES"]})])
    crowded = [f for f, vs in values.items() if len(vs) > config["POOL_MAX_FEATURE_VALUES"]]
    if crowded:
        raise BadQuotas([Problem("too_many_values", f"The feature {f!r} has too many values.", column=f,
                                 data={"max": config["POOL_MAX_FEATURE_VALUES"]}) for f in crowded])


def _row_for(convention, by_key, feature, value):
    row = by_key.get((feature, norm_value(value)))
    if row is None:
        row = QuotaRow(convention_id=convention.id, feature=feature, value=value, min=0, max=0,
                       position=len(by_key))
        db.session.add(row)
        by_key[(feature, norm_value(value))] = row
    return row
