"""An expert's photo: a PNG or JPEG recognised by its first bytes, at most PHOTO_MAX_BYTES."""
from ..i18n import _

PHOTO_MAX_BYTES = 2 * 1000 * 1000
SIGNATURES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}


class BadPhoto(ValueError):
    pass


def check(data):
    """(data, content type) of an acceptable photo. Raises BadPhoto."""
    if len(data) > PHOTO_MAX_BYTES:
        raise BadPhoto(_("The photo is too large; the limit is %(limit)s MB.", limit=PHOTO_MAX_BYTES // 1000000))
    for signature, content_type in SIGNATURES.items():
        if data.startswith(signature):
            return data, content_type
    raise BadPhoto(_("The photo must be a PNG or JPEG image."))
