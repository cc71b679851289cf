"""``python -m panels``: draw a panel, verify a draw record, draw replacements, report.

    python -m panels draw --pool pool.csv --quotas quotas.csv --size 40 --seed 1234 \\
        --seed-source "EuroMillions draw of 2026-12-01" --out record.json
    python -m panels verify record.json --pool pool.csv --quotas quotas.csv
    python -m panels replace record.json --pool pool.csv --quotas quotas.csv --declined V0012
    python -m panels report record.json --format html --out report.html
    python -m panels quotas --shares population.csv --size 40 --pool pool.csv --out quotas.csv

Exit status: 0 success, 1 verification failed, 2 bad input (the problems are
printed one per line, with their row numbers).
"""
from __future__ import annotations

import argparse
import secrets
import sys
import time

from .errors import BadPoolFile, BadQuotas, PanelsError
from .io import (quotas_from_shares, read_pool_table, read_quotas, read_shares,
                 write_quotas_csv)
from .record import (current_panel, declined_so_far, load_record, make_replacement_record,
                     panel_size, save_record, verify_record)
from .report import render_report
from .verification import check_previous, draw_inputs

DEFAULT_ALGORITHM = "leximin"


def _columns(text: str | None) -> list[str] | None:
    return None if text is None else [c.strip() for c in text.split(",") if c.strip()]


def _add_pool_arguments(parser: argparse.ArgumentParser, required: bool = True) -> None:
    parser.add_argument("--pool", required=required, help="pool file (CSV or XLSX)")
    parser.add_argument("--quotas", required=required, help="quotas file (CSV or XLSX)")
    parser.add_argument("--id-column", help="column of the ids (default: id/identifiant, "
                        "else the first column)")
    parser.add_argument("--feature-columns", help="comma-separated feature columns "
                        "(default: every column that is not id, contact or address)")
    parser.add_argument("--address-columns", help="comma-separated address columns for "
                        "households (default: guessed; empty string for none)")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="panels", description="Fair, verifiable selection "
                                     "of citizens' panels by lot.")
    commands = parser.add_subparsers(dest="command", required=True)

    draw = commands.add_parser("draw", help="draw a panel and write its record")
    _add_pool_arguments(draw)
    draw.add_argument("--size", type=int, required=True, help="number of panel members")
    draw.add_argument("--algorithm", default=DEFAULT_ALGORITHM)
    draw.add_argument("--seed", type=int, help="public random seed (default: a random one)")
    draw.add_argument("--seed-source", help="where the seed comes from, e.g. a public lottery")
    draw.add_argument("--households", action="store_true",
                      help="at most one person per address")
    draw.add_argument("--out", help="write the draw record (JSON) here")

    verify = commands.add_parser("verify", help="check a draw record against its inputs")
    verify.add_argument("record")
    _add_pool_arguments(verify)
    verify.add_argument("--previous", help="for a replacement record: the record it replaces "
                        "from, to check the chain")

    replace = commands.add_parser("replace", help="draw replacements for people who declined")
    replace.add_argument("record")
    _add_pool_arguments(replace)
    replace.add_argument("--declined", required=True, help="comma-separated ids")
    replace.add_argument("--seed", type=int, help="random seed (default: a random one)")
    replace.add_argument("--seed-source", help="where the seed comes from")
    replace.add_argument("--out", help="write the replacement draw's record (JSON) here; "
                         "give it to `replace` again for a further round")

    quotas = commands.add_parser("quotas", help="derive quotas from population shares")
    quotas.add_argument("--shares", required=True, help="CSV/XLSX: feature,value,share_percent")
    quotas.add_argument("--size", type=int, required=True, help="number of panel members")
    quotas.add_argument("--tolerance", type=float, default=1.5,
                        help="seats either side of the target (default 1.5)")
    quotas.add_argument("--pool", help="cap each maximum at the number of volunteers who have "
                        "that value")
    quotas.add_argument("--out", help="write the quotas CSV here (default: standard output)")

    report = commands.add_parser("report", help="human-readable report of a draw record")
    report.add_argument("record")
    _add_pool_arguments(report, required=False)
    report.add_argument("--format", choices=["md", "html"], default="md")
    report.add_argument("--out", help="write the report here (default: standard output)")
    return parser


class _InputProblems(PanelsError):
    """Problems of both input files, reported together."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


def _read_inputs(args, record: dict | None = None):
    """Pool and quotas; columns default to those the record says the draw used.

    Both files are read before failing, so the organiser sees all problems at once.
    """
    used = (record or {}).get("pool_columns", {})
    addresses = _columns(args.address_columns)
    if addresses is None:
        addresses = used.get("address")
    problems, pool, quotas, table = [], None, None, None
    try:
        table = read_pool_table(args.pool)
        pool = table.build(id_column=args.id_column or used.get("id"),
                           feature_columns=_columns(args.feature_columns) or used.get("features"),
                           address_columns=addresses)
    except (BadPoolFile, BadQuotas) as error:
        problems += error.problems
    try:
        quotas = read_quotas(args.quotas)
    except (BadPoolFile, BadQuotas) as error:
        problems += error.problems
    if problems:
        raise _InputProblems(problems)
    columns = {"id": args.id_column or used.get("id") or table.id_column,
               "features": pool.features,
               "address": addresses if addresses is not None else table.address_columns}
    return pool, quotas, columns


def _progress(fraction: float | None, message: str) -> None:
    done = f" ({100 * fraction:.0f} %)" if fraction is not None else ""
    print(f"{message}{done}", file=sys.stderr, flush=True)


def _summary(record: dict, seconds: float, excluded: set[str] = frozenset()) -> str:
    probabilities = sorted(record["marginals"].values())
    selectable = sorted(p for pid, p in record["marginals"].items() if pid not in excluded)
    n = len(probabilities)
    quantiles = {name: probabilities[min(n - 1, int(q * n))] for name, q in
                 (("10 %", 0.1), ("25 %", 0.25), ("median", 0.5), ("75 %", 0.75), ("90 %", 0.9))}
    lines = [f"Selected panel ({len(record['selected'])}): {', '.join(record['selected'])}",
             f"Seed: {record['seed']} ({record['seed_source'] or 'source not stated'})",
             f"Lowest selection probability: {100 * probabilities[0]:.2f} %" + (
                 f" ({100 * selectable[0]:.2f} % among the {len(selectable)} volunteers who can "
                 "be selected)" if excluded and selectable else ""),
             "Selection probabilities: " + ", ".join(
                 f"{name} {100 * p:.2f} %" for name, p in quantiles.items())
             + f", highest {100 * probabilities[-1]:.2f} %",
             f"Panels in the lottery: {len(record['portfolio'])}",
             f"Time: {seconds:.2f} s"]
    return "\n".join(lines)


def _draw(args) -> int:
    from .pipeline import draw

    start = time.perf_counter()
    pool, quotas, columns = _read_inputs(args)
    if args.households and not columns["address"]:
        raise PanelsError("--households needs address columns: none was recognised in the "
                          "pool, give them with --address-columns.")
    seed = args.seed if args.seed is not None else secrets.randbelow(2**31)
    seed_source = args.seed_source or (None if args.seed is not None else
                                       "random seed generated by the computer that ran the draw")
    result = draw(pool, quotas, args.size, seed=seed, algorithm=args.algorithm,
                  households=args.households, seed_source=seed_source, pool_columns=columns,
                  progress=_progress)
    if args.out:
        save_record(result.record, args.out)
    excluded = {pid for exclusion in result.excluded for pid in exclusion.ids}
    print(_summary(result.record, time.perf_counter() - start, excluded))
    for exclusion in result.excluded:
        print(exclusion)
    if args.out:
        print(f"Draw record written to {args.out}")
    return 0


def _verify(args) -> int:
    record = load_record(args.record)
    pool, quotas, _ = _read_inputs(args, record)
    checks = verify_record(record, pool, quotas)
    if args.previous:
        checks.append(check_previous(record, load_record(args.previous)))
    for check in checks:
        print(check)
    ok = all(c.ok for c in checks)
    print("The draw record is verified." if ok else "The draw record does NOT verify.")
    return 0 if ok else 1


def _replace(args) -> int:
    record = load_record(args.record)
    pool, quotas, _ = _read_inputs(args, record)
    panel = current_panel(record)
    declined = _columns(args.declined) or []
    unknown = [i for i in declined if i not in panel]
    if unknown:
        raise PanelsError(f"These ids are not in the selected panel: {', '.join(unknown)}.")
    kept = [i for i in panel if i not in declined]
    all_declined = declined_so_far(record) + declined
    seed = args.seed if args.seed is not None else secrets.randbelow(2**31)
    from .algorithms import ALGORITHMS
    from .replace import draw_replacements

    algorithm = record["algorithm"] if record["algorithm"] in ALGORITHMS else DEFAULT_ALGORITHM
    replacement = draw_replacements(pool, quotas, panel_size(record), kept, all_declined, seed,
                                    households=record["households"], algorithm=algorithm,
                                    progress=_progress)
    new = list(replacement.selected)
    print(f"Replacements (seed {seed}, {algorithm}): {', '.join(new)}")
    print(f"New panel ({len(kept) + len(new)}): {', '.join(sorted(kept + new))}")
    if args.out:
        save_record(make_replacement_record(record, pool, quotas, kept, all_declined,
                                            replacement, seed, args.seed_source), args.out)
        print(f"Replacement record written to {args.out}")
    return 0


def _quotas(args) -> int:
    pool = read_pool_table(args.pool).build() if args.pool else None
    quotas = quotas_from_shares(read_shares(args.shares), args.size, args.tolerance, pool=pool)
    text = write_quotas_csv(quotas, args.out)
    if not args.out:
        sys.stdout.write(text)
    return 0


def _report(args) -> int:
    record = load_record(args.record)
    pool = quotas = None
    if args.pool:
        if not args.quotas:
            raise PanelsError("Give --quotas with --pool.")
        pool, quotas, _ = _read_inputs(args, record)
        pool, quotas = draw_inputs(record, pool, quotas)
    text = render_report(record, pool, quotas, fmt=args.format)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)
    return 0


def error_lines(error: PanelsError) -> list[str]:
    """One line per problem of an error, as printed by the command line."""
    lines = [str(p) for p in getattr(error, "problems", [])]
    lines += list(getattr(error, "failures", []))
    if not lines:
        lines = [str(error)]
    return lines


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 not verified, 2 bad input)."""
    args = _parser().parse_args(argv)
    command = {"draw": _draw, "verify": _verify, "replace": _replace, "report": _report,
               "quotas": _quotas}
    try:
        return command[args.command](args)
    except PanelsError as error:
        for line in error_lines(error):
            print(line, file=sys.stderr)
        return 2
    except OSError as error:
        print(f"{error.filename or ''}: {error.strerror or error}", file=sys.stderr)
        return 2
