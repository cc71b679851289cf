"""An expert's own pages: their profile and declaration of interests, and the documents of the
hearings they are heard in. An expert edits their own profile and nothing else."""
from flask import abort, flash, render_template, url_for
from flask_login import current_user

from ..auth import access
from ..auth.models import Role
from ..organising.services import get_by_slug_or_404
from ..extensions import db
from ..i18n import _
from ..sessions.documents import BadDocument
from ..web import form_response, invalid_form, redirect_to
from . import operations, queries
from .forms import DeclarationForm, DocumentForm, ExpertForm
from .views import _save_photo, bp


def _own_profile(slug):
    """The convention and the expert profile linked to the logged-in account (404 without one)."""
    convention = get_by_slug_or_404(slug)
    access.require(convention, Role.expert)
    expert = queries.expert_of_user(convention, current_user)
    if expert is None:
        abort(404)
    return convention, expert


@bp.route("/c/<slug>/expert/profile", methods=["GET", "POST"])
def my_profile(slug):
    convention, expert = _own_profile(slug)
    form = ExpertForm(obj=expert)
    if not form.is_submitted():
        form.affiliation_type.data = expert.affiliation_type.name
    context = {"convention": convention, "expert": expert}
    response = form_response(form, "hearings/my_profile.html", "hearings/_my_profile_form.html", **context)
    if response is not None:
        return response
    operations.update_expert(convention, expert, form.values, actor=current_user)
    if not _save_photo(form, expert):
        db.session.rollback()
        return invalid_form("hearings/my_profile.html", "hearings/_my_profile_form.html", form=form, **context)
    db.session.commit()
    flash(_("Your profile is saved."), "success")
    return redirect_to(url_for(".my_profile", slug=convention.slug))


@bp.route("/c/<slug>/expert/declaration", methods=["GET", "POST"])
def my_declaration(slug):
    convention, expert = _own_profile(slug)
    form = DeclarationForm()
    if not form.is_submitted():
        form.declaration.data = expert.declaration
        for index, interest in enumerate(expert.interests):
            if index >= len(form.interests.entries):
                form.interests.append_entry()
            entry = form.interests.entries[index]
            entry.kind.data, entry.organisation.data = interest.kind.name, interest.organisation
            entry.details.data, entry.starts_on.data, entry.ends_on.data = (interest.details, interest.starts_on,
                                                                             interest.ends_on)
        form.interests.append_entry()
    context = {"convention": convention, "expert": expert}
    response = form_response(form, "hearings/my_declaration.html", "hearings/_declaration_form.html", **context)
    if response is not None:
        return response
    operations.declare(convention, expert, form.declaration.data.strip(), form.lines(), actor=current_user)
    db.session.commit()
    flash(_("Your declaration of interests is published with your hearings."), "success")
    return redirect_to(url_for(".my_declaration", slug=convention.slug))


@bp.post("/c/<slug>/hearings/<int:hearing_id>/documents")
def add_document(slug, hearing_id):
    """A document of the hearing, by one of its experts or an organiser."""
    convention = get_by_slug_or_404(slug)
    access.require_login()
    hearing = queries.hearing_or_404(convention, hearing_id)
    expert = queries.expert_of_user(convention, current_user)
    if not access.can_manage(convention) and (expert is None or expert not in hearing.experts):
        abort(403)
    form = DocumentForm()
    upload = form.file.data
    if form.validate_on_submit() and upload and getattr(upload, "filename", ""):
        try:
            operations.add_document(convention, hearing, form.title.data, upload.filename, upload.read(),
                                    actor=current_user)
        except BadDocument as error:
            db.session.rollback()
            form.file.errors = [str(error)]
        else:
            db.session.commit()
            flash(_("Document added to the hearing."), "success")
            return redirect_to(url_for(".show", slug=convention.slug, hearing_id=hearing.id) + "#documents")
    elif form.is_submitted():
        form.file.errors = [_("Choose a file.")]
    return render_template("hearings/document_form.html", convention=convention, hearing=hearing,
                           document_form=form), 422
