"""Reading quotas (min/max per feature value) and population shares, and deriving
quotas from shares.

Accepted quota headers (any case, accents ignored):
``feature,value,min,max`` (optionally ``min_flex,max_flex``, ignored), the Sortition
Foundation's ``category,name,min,max`` and French ``caractéristique,valeur,min,max``.
Shares files have ``feature,value,share_percent`` (percent of the population).
"""
from __future__ import annotations

from collections import Counter
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Mapping

from .errors import BadQuotas, Problem
from .model import Pool, Quota, Quotas, norm_value
from .tables import Limits, Source, Table, header_key, read_table

FEATURE_NAMES = ("feature", "category", "categorie", "caracteristique", "critere", "variable")
VALUE_NAMES = ("value", "name", "valeur", "modalite")
MIN_NAMES = ("min", "minimum")
MAX_NAMES = ("max", "maximum")
SHARE_NAMES = ("sharepercent", "share", "percent", "percentage", "pourcentage", "part",
               "proportion")
DEFAULT_TOLERANCE = Decimal("1.5")


def _find_columns(table: Table, wanted: dict[str, tuple[str, ...]]) -> tuple[dict[str, str], list[Problem]]:
    """Role -> actual column name, matched on ``header_key``; a problem per missing role."""
    by_key = {header_key(c): c for c in table.header}
    found, problems = {}, []
    for role, names in wanted.items():
        col = next((by_key[n] for n in names if n in by_key), None)
        if col is None:
            problems.append(Problem(
                "missing_column", f"No {role!r} column: the header must name it "
                f"({' or '.join(names[:3])}).", file=table.file, row=1, column=role))
        else:
            found[role] = col
    return found, problems


def _parse_int(text: str) -> int | None:
    try:
        number = Decimal(text.replace(",", "."))
    except InvalidOperation:
        return None
    return int(number) if number.is_finite() and number == number.to_integral_value() else None


def _parse_percent(text: str) -> Decimal | None:
    try:
        number = Decimal(text.replace("%", "").replace(",", ".").strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _rows(table: Table, columns: dict[str, str]):
    """(row number, {role: cell}, problems for empty cells) for every data row."""
    for number, record in table.records():
        cells = {role: record[col] for role, col in columns.items()}
        empty = [Problem("empty_cell", f"The {col!r} cell is empty.", file=table.file,
                         row=number, column=col) for role, col in columns.items() if not cells[role]]
        yield number, cells, empty


def _table(source: Source | Table, filename: str | None, limits: Limits | None) -> Table:
    """The table of a quotas or shares file (or the ``Table`` given); guarded cells as they were."""
    if isinstance(source, Table):
        return source
    return read_table(source, filename=filename, error=BadQuotas, limits=limits, guarded=True)


def read_quotas(source: Source | Table, filename: str | None = None, *,
                limits: Limits | None = None) -> Quotas:
    """Read a quotas file (CSV or XLSX). Raises ``BadQuotas`` listing every problem.

    Problems reported with their row number: missing columns, empty cells, bounds
    that are not whole numbers or are negative, min above max, a feature value
    listed twice.
    """
    table = _table(source, filename, limits)
    columns, problems = _find_columns(table, {"feature": FEATURE_NAMES, "value": VALUE_NAMES,
                                              "min": MIN_NAMES, "max": MAX_NAMES})
    if problems:
        raise BadQuotas(problems)
    items, first_row = [], {}
    overflow = {p.row: p for p in table.overflow_problems()}
    for number, cells, empty in _rows(table, columns):
        if number in overflow:
            problems.append(overflow[number])
            continue
        problems += empty
        bounds = {}
        for bound in ("min", "max"):
            if not cells[bound]:
                continue
            n = _parse_int(cells[bound])
            if n is None or n < 0:
                problems.append(Problem("bad_bound", f"The {bound} must be a whole number, 0 "
                                        "or more.", file=table.file, row=number,
                                        column=columns[bound], value=cells[bound]))
            else:
                bounds[bound] = n
        if len(bounds) == 2 and bounds["min"] > bounds["max"]:
            problems.append(Problem("min_above_max", f"The min ({bounds['min']}) is larger "
                                    f"than the max ({bounds['max']}).", file=table.file,
                                    row=number, column=columns["min"], value=cells["min"],
                                    data={"min": bounds["min"], "max": bounds["max"]}))
        key = (cells["feature"], norm_value(cells["value"]))
        if cells["feature"] and cells["value"]:
            if key in first_row:
                problems.append(Problem("duplicate_quota", f"{cells['feature']} "
                                        f"{cells['value']!r} is already on row {first_row[key]}.",
                                        file=table.file, row=number, column=columns["value"],
                                        value=cells["value"], data={"first": first_row[key]}))
            else:
                first_row[key] = number
        if not problems:
            items.append(Quota(cells["feature"], cells["value"], bounds["min"], bounds["max"]))
    if not problems and not items:
        problems.append(Problem("no_rows", "The quotas file has a header but no quotas.",
                                file=table.file))
    if problems:
        raise BadQuotas(problems)
    return Quotas(items)


def read_shares(source: Source | Table, filename: str | None = None, *,
                limits: Limits | None = None) -> dict[str, dict[str, float]]:
    """Read target population shares: feature -> value -> percent. Raises ``BadQuotas``."""
    table = _table(source, filename, limits)
    columns, problems = _find_columns(table, {"feature": FEATURE_NAMES, "value": VALUE_NAMES,
                                              "share": SHARE_NAMES})
    if problems:
        raise BadQuotas(problems)
    shares: dict[str, dict[str, float]] = {}
    for number, cells, empty in _rows(table, columns):
        problems += empty
        if empty:
            continue
        share = _parse_percent(cells["share"])
        values = shares.setdefault(cells["feature"], {})
        if share is None or share < 0:
            problems.append(Problem("bad_share", "The share must be a percentage, 0 or more.",
                                    file=table.file, row=number, column=columns["share"],
                                    value=cells["share"]))
        elif any(norm_value(v) == norm_value(cells["value"]) for v in values):
            problems.append(Problem("duplicate_quota", f"{cells['feature']} "
                                    f"{cells['value']!r} is listed twice.", file=table.file,
                                    row=number, column=columns["value"], value=cells["value"]))
        else:
            values[cells["value"]] = float(share)
    if problems:
        raise BadQuotas(problems)
    return shares


def _round_half_up(x: Decimal) -> int:
    return int(x.to_integral_value(rounding=ROUND_HALF_UP))


def quotas_from_shares(shares: Mapping[str, Mapping[str, float]], size: int,
                       tolerance: float | Decimal = DEFAULT_TOLERANCE,
                       pool: Pool | None = None) -> Quotas:
    """Quotas around the target ``size * share / 100`` of every feature value.

    ``min`` and ``max`` are ``target - tolerance`` and ``target + tolerance`` rounded
    half up, kept within 0..size (and within the number of people in ``pool`` who
    have that value, when a pool is given: a quota nobody can fill is useless).
    Raises ``BadQuotas`` if a feature's shares do not add up to 100 % (within 1 point).
    """
    tol = Decimal(str(tolerance))
    counts = pool.counts() if pool is not None else None
    problems, items = [], []
    for feature, values in shares.items():
        total = sum(Decimal(str(s)) for s in values.values())
        if abs(total - 100) > 1:
            problems.append(Problem("shares_sum", f"The shares of {feature} add up to "
                                    f"{total} %, not 100 %.", column=feature,
                                    data={"total": float(total)}))
        for value, share in values.items():
            target = Decimal(size) * Decimal(str(share)) / 100
            low = min(size, max(0, _round_half_up(target - tol)))
            high = min(size, max(0, _round_half_up(target + tol)))
            if counts is not None:
                available = counts.get(feature, Counter()).get(norm_value(value), 0)
                low, high = min(low, available), min(high, available)
            items.append(Quota(feature, value, low, high))
    if problems:
        raise BadQuotas(problems)
    return Quotas(items)
