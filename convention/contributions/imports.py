"""Importing workshop notes: CSV/XLSX (a text column, optional category, tags, source) or plain text
(one idea per line). Read with the `panels` table reader the pool import uses (UTF-8 with or without
BOM, Windows-1252; `;`, `,` or tab separators); all or nothing, every problem named by its row.
"""
from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

from panels import BadPoolFile
# decode_text and sniff_kind: the table reader's own decoding and file-type check, for plain-text notes.
from panels.tables import decode_text, sniff_kind, header_key, read_table

from ..audit import services as audit
from ..draw import problems as file_problems
from ..extensions import db
from ..i18n import _
from .models import TEXT_MAX_LENGTH, AuthorKind, Contribution, ContributionStatus

# Accepted column names (compared without case, accents, spaces or punctuation) → field.
COLUMNS = {
    "text": "text", "texte": "text", "contribution": "text", "idee": "text", "idea": "text",
    "proposition": "text", "note": "text",
    "category": "category", "categorie": "category", "rubrique": "category",
    "tags": "tags", "tag": "tags", "motscles": "tags", "keywords": "tags", "etiquettes": "tags",
    "source": "source", "session": "source", "seance": "source", "atelier": "source", "workshop": "source",
}
TEXT_SUFFIXES = (".txt", ".md")
BULLETS = "-*•–—·"
PREVIEW_ROWS = 10


class BadNotes(Exception):
    """The file cannot be imported; `problems` is [(where, message)] for the page."""

    def __init__(self, problems):
        super().__init__(problems)
        self.problems = problems


def read_notes(data, filename, default_source=""):
    """The ideas of a notes file as [{"text", "category", "tags", "source"}], or raise BadNotes."""
    if (filename or "").lower().endswith(TEXT_SUFFIXES):
        rows = _text_rows(data)
    else:
        rows = _table_rows(data, filename)
    problems = []
    ideas = []
    for where, values in rows:
        text = " ".join(values.get("text", "").split())
        if not text:
            problems.append((where, _("The text is empty.")))
        elif len(text) > TEXT_MAX_LENGTH:
            problems.append((where, _("The text is too long (%(length)s characters, %(max)s at most).",
                                      length=len(text), max=TEXT_MAX_LENGTH)))
        ideas.append({"text": text, "category": values.get("category", "")[:200],
                      "tags": split_tags(values.get("tags", "")),
                      "source": (values.get("source") or default_source)[:200]})
    if not ideas and not problems:
        problems.append(("", _("The file holds no idea.")))
    if problems:
        raise BadNotes(problems[:200])
    return ideas


def split_tags(text):
    """"IA, écoles; santé" → ["IA", "écoles", "santé"] (without duplicates, in order)."""
    tags = [t.strip() for t in text.replace(";", ",").split(",")]
    return list(dict.fromkeys(t[:50] for t in tags if t))[:20]


def _row(number):
    return _("Row %(row)s", row=number)


def _text_rows(data):
    if sniff_kind(data) != "text":
        raise BadNotes([("", _("This is not a text file: save the notes as .txt, CSV or Excel (.xlsx)."))])
    text, _encoding = decode_text(data)
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip().lstrip(BULLETS).strip()
        if line:
            rows.append((_("Line %(line)s", line=number), {"text": line}))
    return rows


def _table_rows(data, filename):
    try:
        table = read_table(data, filename=filename)
    except BadPoolFile as error:
        raise BadNotes(file_problems.described(error.problems)) from None
    fields = {}
    unknown = []
    for column in table.header:
        field = COLUMNS.get(header_key(column))
        if field is None or field in fields.values():
            unknown.append(column)
        else:
            fields[column] = field
    problems = file_problems.described(table.overflow_problems())
    problems += [(_row(1), _("Unknown column “%(column)s”: the columns can be text, category, tags "
                           "and source.", column=column)) for column in unknown]
    if "text" not in fields.values():
        problems.append((_row(1), _("No text column: name the column of the ideas “text” or “texte”.")))
    if problems:
        raise BadNotes(problems)
    return [(_row(number), {fields[c]: value for c, value in record.items() if c in fields})
            for number, record in table.records()]


def _serializer():
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="contributions.import")


def seal(ideas, filename):
    """The checked ideas as a signed string, carried by the preview's form to the import."""
    return _serializer().dumps({"ideas": ideas, "filename": filename})


def unseal(sealed):
    """(ideas, filename) from `seal`, or raise BadNotes if the string was altered."""
    try:
        data = _serializer().loads(sealed or "")
    except BadSignature:
        raise BadNotes([("", _("The preview expired or was altered: read the file again."))]) from None
    return data["ideas"], data["filename"]


def import_notes(convention, ideas, filename, actor):
    """Add the ideas as published contributions imported from notes; one audit entry for them all."""
    contributions = [Contribution(convention_id=convention.id, author_kind=AuthorKind.imported,
                                  status=ContributionStatus.published, **idea) for idea in ideas]
    db.session.add_all(contributions)
    db.session.flush()
    audit.record("contribution.import", convention=convention, actor=actor,
                 after={"count": len(contributions), "filename": filename,
                        "ids": [c.id for c in contributions]})
    return contributions
