"""Documents of a session: organisers upload and remove them; readers download them with their name."""
from io import BytesIO

from flask import abort, flash, send_file, url_for
from flask_login import current_user

from ..auth import access
from ..auth.models import Role
from ..organising.services import get_by_slug_or_404
from ..extensions import db
from ..i18n import _
from ..web import confirmation_page, confirmed, invalid_form, redirect_to
from . import operations, queries
from .documents import BadDocument
from .forms import DocumentForm
from .views import bp, show_context


@bp.post("/manage/<slug>/sessions/<int:meeting_id>/documents")
@access.convention_role(Role.organiser)
def add_document(convention, meeting_id):
    meeting = queries.meeting_or_404(convention, meeting_id)
    form = DocumentForm(meeting, prefix="document")
    if form.validate_on_submit():
        upload = form.file.data
        item = next((i for i in meeting.items if i.id == form.item.data), None)
        try:
            operations.add_document(convention, meeting, form.title.data, upload.filename, upload.read(),
                                    item=item, actor=current_user)
        except BadDocument as error:
            db.session.rollback()
            form.file.errors = [str(error)]
        else:
            db.session.commit()
            flash(_("Document added."), "success")
            return redirect_to(url_for(".show", slug=convention.slug, meeting_id=meeting.id) + "#documents")
    return invalid_form("sessions/show.html", "sessions/_document_form.html",
                        **show_context(convention, meeting, document_form=form))


@bp.route("/manage/<slug>/sessions/<int:meeting_id>/documents/<int:document_id>/delete", methods=["GET", "POST"])
@access.convention_role(Role.organiser)
def delete_document(convention, meeting_id, document_id):
    meeting = queries.meeting_or_404(convention, meeting_id)
    document = queries.document_or_404(convention, document_id)
    if document.meeting_id != meeting.id:
        abort(404)
    back = url_for(".show", slug=convention.slug, meeting_id=meeting.id) + "#documents"
    if not confirmed():
        return confirmation_page(back, _("Remove the document “%(title)s”?", title=document.title),
                                 _("Readers will no longer be able to download it."), _("Remove the document"),
                                 convention=convention)
    operations.delete_document(convention, document)
    db.session.commit()
    flash(_("Document removed."), "success")
    return redirect_to(back)


@bp.get("/c/<slug>/documents/<int:document_id>")
def download(slug, document_id):
    """A document of a published session for anyone who sees the convention; otherwise its people only."""
    convention = get_by_slug_or_404(slug)
    document = queries.document_or_404(convention, document_id)
    if _published(document):
        access.require_visible(convention)
    elif not access.has_role(current_user, convention, *Role):
        abort(404)
    response = send_file(BytesIO(document.data), mimetype=document.content_type, as_attachment=True,
                         download_name=document.filename, max_age=0)
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def _published(document):
    """A hearing's document is public with its hearing; a session's with its session."""
    if document.hearing_id is not None:
        from ..hearings.models import Hearing

        return bool(db.session.scalar(db.select(Hearing.is_published).filter_by(id=document.hearing_id)))
    return document.meeting is not None and document.meeting.is_published
