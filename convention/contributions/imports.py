"""Importing workshop notes: CSV/XLSX (a text column, optional category, tags, source) or plain text
(one idea per line). Read by `convention.uploads`, the reader of every uploaded table (UTF-8 with or
without BOM, Windows-1252; `;`, `,` or tab separators; the site's size limits); all or nothing, every
problem named by its row. The checked ideas wait in a `NotesImport` row until the organiser confirms.
"""
import secrets
from datetime import timedelta

from flask import current_app

from panels import BadPoolFile

from .. import uploads
from ..audit import services as audit
from ..database import utcnow
from ..extensions import db
from ..i18n import _
from .models import TEXT_MAX_LENGTH, AuthorKind, Contribution, ContributionStatus, NotesImport

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
    text = uploads.read_text(data)
    if text is None:
        raise BadNotes([("", _("This is not a text file: save the notes as .txt, CSV or Excel (.xlsx)."))])
    rows = []
    most = current_app.config["UPLOAD_MAX_ROWS"]
    for number, line in enumerate(text.splitlines(), start=1):
        if number > most:
            raise BadNotes([("", uploads.MESSAGES["too_many_rows"](None, {"max": most}))])
        line = line.strip().lstrip(BULLETS).strip()
        if line:
            rows.append((_("Line %(line)s", line=number), {"text": line}))
    return rows


def _table_rows(data, filename):
    try:
        table = uploads.read_table(data, filename)
    except BadPoolFile as error:
        raise BadNotes(uploads.described(error.problems)) from None
    fields = {}
    unknown = []
    for column in table.header:
        field = COLUMNS.get(uploads.header_key(column))
        if field is None or field in fields.values():
            unknown.append(column)
        else:
            fields[column] = field
    problems = uploads.described(table.overflow_problems())
    problems += [(_row(1), _("Unknown column “%(column)s”: the columns can be text, category, tags "
                           "and source.", column=column)) for column in unknown]
    if "text" not in fields.values():
        problems.append((_row(1), _("No text column: name the column of the ideas “text” or “texte”.")))
    if problems:
        raise BadNotes(problems)
    return [(_row(number), {fields[c]: value for c, value in record.items() if c in fields})
            for number, record in table.records()]


PENDING_HOURS = 24


def keep_for_confirmation(convention, ideas, filename):
    """Keep the checked ideas until the organiser confirms; the token for the preview's form.

    Previews of this convention older than `PENDING_HOURS` are dropped.
    """
    db.session.execute(db.delete(NotesImport).where(
        NotesImport.convention_id == convention.id,
        NotesImport.created_at < utcnow() - timedelta(hours=PENDING_HOURS)))
    pending = NotesImport(convention_id=convention.id, token=secrets.token_urlsafe(32),
                          filename=(filename or "")[:255], ideas=ideas)
    db.session.add(pending)
    db.session.flush()
    return pending.token


def take_pending(convention, token):
    """(ideas, filename) of this convention's preview `token`, which can then never be used again.

    Raises BadNotes when the token is unknown, belongs to another convention, is too old, or was
    already confirmed (by a repeated post or a second tab: only one of them deletes the row).
    """
    pending = db.session.scalar(db.select(NotesImport).filter_by(convention_id=convention.id, token=token or ""))
    if pending is None or pending.created_at < utcnow() - timedelta(hours=PENDING_HOURS):
        raise BadNotes([("", _("This preview was already imported or has expired: read the file again."))])
    ideas, filename = pending.ideas, pending.filename
    if db.session.execute(db.delete(NotesImport).where(NotesImport.id == pending.id)).rowcount != 1:
        raise BadNotes([("", _("This preview was already imported or has expired: read the file again."))])
    return ideas, filename


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
