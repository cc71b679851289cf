"""Organisers' pages: the moderation queue with its counts, the consultation switch, all the
contributions with moderation in place (htmx), and the import of workshop notes."""
from urllib.parse import urlsplit

from flask import flash, render_template, request, url_for
from flask_login import current_user

from ..auth import access
from ..auth.models import Role
from ..database import paginate
from ..extensions import db, htmx
from ..i18n import _, ngettext
from ..web import form_response, invalid_form, redirect_to, safe_next
from . import imports, services
from .forms import ConsultationForm, ModerationForm, NotesFileForm, NotesImportForm
from .views import bp, list_context


@bp.get("/manage/<slug>/contributions/")
@access.convention_role(Role.organiser)
def manage(convention):
    page = paginate(services.queue(convention), request.args.get("page", 1, type=int))
    return render_template("contributions/manage.html", convention=convention, page=page,
                           counts=services.counts(convention), consultation_open=services.is_open(convention),
                           consultation_form=ConsultationForm(formdata=None),
                           moderation_form=ModerationForm(formdata=None))


@bp.get("/manage/<slug>/contributions/all")
@access.convention_role(Role.organiser)
def all_contributions(convention):
    return render_template("contributions/all.html", moderation_form=ModerationForm(formdata=None),
                           counts=services.counts(convention), **list_context(convention, everything=True))


@bp.post("/manage/<slug>/contributions/<int:contribution_id>/moderate")
@access.convention_role(Role.organiser)
def moderate(convention, contribution_id):
    contribution = services.contribution_or_404(convention, contribution_id)
    form = ModerationForm()
    back = safe_next(".manage", slug=convention.slug)
    if not form.validate_on_submit():
        if htmx:
            return render_template("contributions/_moderation_row.html", convention=convention,
                                   contribution=contribution, moderation_form=form), 422
        flash(" ".join(str(e) for errors in form.errors.values() for e in errors), "error")
        return redirect_to(back)
    if form.action.data == "approve":
        services.approve(convention, contribution, current_user)
        flash(_("Contribution published."), "success")
    else:
        services.reject(convention, contribution, current_user, form.reason.data)
        flash(_("Contribution rejected."), "success")
    db.session.commit()
    if htmx:
        from_queue = urlsplit(back).path == url_for(".manage", slug=convention.slug)   # its caption counts
        return render_template("contributions/_moderated.html", convention=convention, contribution=contribution,
                               moderation_form=ModerationForm(formdata=None), counts=services.counts(convention),
                               from_queue=from_queue)
    return redirect_to(back)


@bp.post("/manage/<slug>/contributions/consultation")
@access.convention_role(Role.organiser)
def consultation(convention):
    form = ConsultationForm()
    if form.validate_on_submit() and services.set_open(convention, form.opening, current_user):
        db.session.commit()
        flash(_("The public consultation is open.") if form.opening else _("The public consultation is closed."),
              "success")
    return redirect_to(url_for(".manage", slug=convention.slug))


@bp.route("/manage/<slug>/contributions/import", methods=["GET", "POST"])
@access.convention_role(Role.organiser)
def import_notes(convention):
    form = NotesFileForm()
    response = form_response(form, "contributions/import.html", "contributions/import.html",
                             convention=convention)
    if response is not None:
        return response
    file = form.file.data
    try:
        ideas = imports.read_notes(file.read(), file.filename, form.source.data or "")
    except imports.BadNotes as error:
        return render_template("contributions/import.html", convention=convention, form=form,
                               errors=error.problems), 422
    token = imports.keep_for_confirmation(convention, ideas, file.filename)
    db.session.commit()
    return render_template("contributions/import_preview.html", convention=convention, ideas=ideas,
                           preview=ideas[:imports.PREVIEW_ROWS], filename=file.filename,
                           form=NotesImportForm(formdata=None, token=token))


@bp.post("/manage/<slug>/contributions/import/confirm")
@access.convention_role(Role.organiser)
def confirm_import(convention):
    form = NotesImportForm()
    try:
        ideas, filename = imports.take_pending(convention, form.token.data if form.validate_on_submit() else "")
    except imports.BadNotes as error:
        return invalid_form("contributions/import.html", "contributions/import.html", convention=convention,
                            form=NotesFileForm(formdata=None), errors=error.problems)
    imported = imports.import_notes(convention, ideas, filename, current_user)
    db.session.commit()
    flash(ngettext("%(num)s contribution imported.", "%(num)s contributions imported.", len(imported)),
          "success")
    return redirect_to(url_for(".all_contributions", slug=convention.slug, author_kind="imported"))
