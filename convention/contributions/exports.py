"""Contributions as CSV and JSON open data. Authors are named only in the organisers' export."""
import json

from panels.csv_writer import write_csv

COLUMNS = ("id", "created_at", "status", "author_kind", "category", "tags", "source", "text")
ORGANISER_COLUMNS = ("author", "rejection_reason")


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

    Written by `panels.csv_writer.write_csv`, like every CSV of the platform: a text a spreadsheet
    would take for a formula (=, +, -, @...) gets a leading apostrophe, so that public contributions
    never run in the organisers' spreadsheet.
    """
    columns = COLUMNS + (ORGANISER_COLUMNS if with_private else ())
    lines = ([", ".join(row["tags"]) if name == "tags" else row[name] for name in columns]
             for row in rows(contributions, with_private))
    return write_csv(columns, lines, bom=True)


def to_json(contributions, with_private=False):
    return json.dumps(list(rows(contributions, with_private)), ensure_ascii=False, indent=1) + "\n"
