"""Contributions as CSV and JSON open data. Authors are named only in the organisers' export."""
import csv
import io
import json

COLUMNS = ("id", "created_at", "status", "author_kind", "category", "tags", "source", "text")
ORGANISER_COLUMNS = ("author", "rejection_reason")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def rows(contributions, with_private=False):
    for contribution in contributions:
        row = {"id": contribution.id, "created_at": contribution.created_at.isoformat(),
               "status": contribution.status.name, "author_kind": contribution.author_kind.name,
               "category": contribution.category, "tags": list(contribution.tags or []),
               "source": contribution.source, "text": contribution.text}
        if with_private:
            row["author"] = contribution.author_name
            row["rejection_reason"] = contribution.rejection_reason
        yield row


def to_csv(contributions, with_private=False):
    """CSV with a header, tags joined by ", " (UTF-8 with a BOM so that Excel reads the accents).

    A text a spreadsheet would take for a formula (=, +, -, @...) gets a leading apostrophe: public
    contributions must not run in the organisers' spreadsheet.
    """
    out = io.StringIO()
    columns = COLUMNS + (ORGANISER_COLUMNS if with_private else ())
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    for row in rows(contributions, with_private):
        row["tags"] = ", ".join(row["tags"])
        writer.writerow({name: _inert(value) for name, value in row.items()})
    return "\ufeff" + out.getvalue()


def _inert(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def to_json(contributions, with_private=False):
    return json.dumps(list(rows(contributions, with_private)), ensure_ascii=False, indent=1) + "\n"
