"""Checking uploaded documents: a short list of types, each recognised by its first bytes, and a size
limit. A file whose content does not match its name is refused: the download is served with the type
its content proved, never the one the browser claimed."""
import hashlib
import os
import re
import zipfile
from io import BytesIO

from flask import current_app

from ..i18n import _

# extension -> (content type, check of the first bytes)
_ZIP = b"PK\x03\x04"
TYPES = {
    "pdf": ("application/pdf", lambda data: data.startswith(b"%PDF-")),
    "png": ("image/png", lambda data: data.startswith(b"\x89PNG\r\n\x1a\n")),
    "jpg": ("image/jpeg", lambda data: data.startswith(b"\xff\xd8\xff")),
    "jpeg": ("image/jpeg", lambda data: data.startswith(b"\xff\xd8\xff")),
    "odt": ("application/vnd.oasis.opendocument.text", lambda data: _zip_with(data, "mimetype")),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", lambda data: _zip_with(data, "mimetype")),
    "odp": ("application/vnd.oasis.opendocument.presentation", lambda data: _zip_with(data, "mimetype")),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
             lambda data: _zip_with(data, "[Content_Types].xml")),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
             lambda data: _zip_with(data, "[Content_Types].xml")),
    "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation",
             lambda data: _zip_with(data, "[Content_Types].xml")),
    "txt": ("text/plain; charset=utf-8", lambda data: _utf8_text(data)),
    "md": ("text/markdown; charset=utf-8", lambda data: _utf8_text(data)),
    "csv": ("text/csv; charset=utf-8", lambda data: _utf8_text(data)),
}


class BadDocument(ValueError):
    """The file cannot be kept; the message says why, in the visitor's language."""


def allowed_extensions():
    return sorted(set(TYPES))


def max_bytes():
    return current_app.config["DOCUMENT_MAX_BYTES"]


def check(filename, data):
    """(content type, clean file name) of an acceptable upload. Raises BadDocument."""
    name = clean_filename(filename)
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in TYPES:
        raise BadDocument(_("Files of this type are not accepted. Accepted: %(types)s.",
                            types=", ".join(allowed_extensions())))
    if not data:
        raise BadDocument(_("The file is empty."))
    if len(data) > max_bytes():
        raise BadDocument(_("The file is too large (%(size)s MB); the limit is %(limit)s MB.",
                            size=round(len(data) / 1e6, 1), limit=round(max_bytes() / 1e6, 1)))
    content_type, looks_right = TYPES[extension]
    if not looks_right(data):
        raise BadDocument(_("The content of the file is not a .%(extension)s file.", extension=extension))
    return content_type, name


def clean_filename(filename):
    """The name shown and given back on download: no folders, no control characters, at most 200 characters."""
    name = os.path.basename((filename or "").replace("\\", "/"))
    name = re.sub(r"[\x00-\x1f\x7f]", "", name).strip().lstrip(".")
    if len(name) > 200:
        stem, dot, extension = name.rpartition(".")
        name = (stem[: 200 - len(extension) - 1] + dot + extension) if dot else name[:200]
    return name or "document"


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def new_document(convention, title, filename, data, actor=None, **attached):
    """A Document of an acceptable upload, not yet added to the session; `attached` says what it
    belongs to (meeting=, item=, hearing_id=, meeting_id=). Raises BadDocument."""
    from .models import Document

    content_type, clean_name = check(filename, data)
    return Document(convention_id=convention.id, title=(title or "").strip() or clean_name, filename=clean_name,
                    content_type=content_type, size=len(data), sha256=sha256(data), data=data,
                    uploaded_by_id=actor.id if actor is not None else None, **attached)


def _zip_with(data, member):
    if not data.startswith(_ZIP):
        return False
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            return member in archive.namelist()
    except zipfile.BadZipFile:
        return False


def _utf8_text(data):
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return "\x00" not in text
