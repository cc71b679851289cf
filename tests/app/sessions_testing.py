"""Helpers of the sessions tests: sessions made directly in the database, a small PDF."""
from datetime import datetime, timedelta, timezone

from convention.extensions import db
from convention.sessions.models import AgendaItem, Document, Meeting

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def make_meeting(convention_id, title="Séance 1", days=7, place="Hôtel de ville, salle 2", published=False,
                 hours=(9, 17)):
    """A session `days` from now (negative: in the past), from hours[0] to hours[1] UTC."""
    day = (datetime.now(timezone.utc) + timedelta(days=days)).replace(minute=0, second=0, microsecond=0)
    meeting = Meeting(convention_id=convention_id, title=title, place=place, is_published=published,
                      starts_at=day.replace(hour=hours[0]), ends_at=day.replace(hour=hours[1]))
    db.session.add(meeting)
    db.session.flush()
    return meeting


def matrix_objects(convention, public):
    """A private session with an item and a document, and a published session of the public convention."""
    meeting = make_meeting(convention.id)
    item = AgendaItem(meeting=meeting, title="Accueil", minutes=30)
    document = Document(convention_id=convention.id, meeting=meeting, title="Dossier", filename="dossier.pdf",
                        content_type="application/pdf", size=len(PDF), sha256="0" * 64, data=PDF)
    db.session.add_all([item, document])
    db.session.flush()
    public_meeting = make_meeting(public.id, title="Séance publique", published=True)
    return {"meeting": meeting.id, "item": item.id, "document": document.id, "public_meeting": public_meeting.id}
