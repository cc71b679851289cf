"""The organisers' page on personal data: find a person, export or erase their data; the pool's
retention; abandoned uploads. Destructive actions ask first (`confirmation_page`)."""
import json

from flask import Blueprint, flash, make_response, render_template, request, url_for
from flask_login import current_user

from ..auth import access
from ..auth.models import Role
from ..organising import nav
from ..extensions import db
from ..forms import ConfirmForm
from ..i18n import _, _l
from ..web import confirmation_page, confirmed, redirect_to
from . import operations, queries

bp = Blueprint("privacy", __name__)
nav.register_section("privacy.index", _l("Personal data"), order=85)


@bp.app_context_processor
def _retention():
    return {"pool_retention_due": queries.pool_retention_due}


def _back(convention, search=""):
    return redirect_to(url_for(".index", slug=convention.slug, q=search or None))


@bp.get("/manage/<slug>/privacy")
@access.convention_role(Role.organiser)
def index(convention):
    search = request.args.get("q", "")[:200]
    return render_template("privacy/index.html", convention=convention, search=search,
                           found=queries.find(convention, search), kinds=queries.KINDS, label=queries.label,
                           is_erased=queries.is_erased, form=ConfirmForm(),
                           contacts=queries.pool_contacts(convention),
                           pool_erasable=queries.pool_erasable(convention),
                           uploads=len(queries.abandoned_uploads(convention)))


def _subject(convention, kind, subject_id):
    return queries.subject_or_404(convention, kind, subject_id)


@bp.post("/manage/<slug>/privacy/<any(volunteer, account, participant):kind>/<int:subject_id>/export")
@access.convention_role(Role.organiser)
def export(convention, kind, subject_id):
    subject = _subject(convention, kind, subject_id)
    if not confirmed():
        return _back(convention)
    data = operations.export(convention, kind, subject, actor=current_user)
    db.session.commit()
    response = make_response(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    response.mimetype, response.charset = "application/json", "utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="{kind}-{subject_id}-{convention.slug}.json"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/manage/<slug>/privacy/<any(volunteer, account, participant):kind>/<int:subject_id>/erase",
          methods=["GET", "POST"])
@access.convention_role(Role.organiser)
def erase(convention, kind, subject_id):
    subject = _subject(convention, kind, subject_id)
    if not confirmed():
        return confirmation_page(
            url_for(".index", slug=convention.slug), _("Erase this person's personal data?"),
            _("%(person)s: their name, contact details and address are erased for good. Their id stays, so the "
              "draw record, its verification, their contributions and the audit log keep working. "
              "Export their data first if they asked for it.", person=queries.label(kind, subject)),
            _("Erase the personal data"), convention=convention)
    try:
        operations.erase(convention, kind, subject, actor=current_user)
    except operations.CannotErase:
        db.session.rollback()
        flash(_("This account is a site administrator's or has a role in another convention: ask a site "
                "administrator to erase it."), "error")
        return _back(convention)
    db.session.commit()
    flash(_("Personal data erased."), "success")
    return _back(convention)


@bp.route("/manage/<slug>/privacy/pool/erase", methods=["GET", "POST"])
@access.convention_role(Role.organiser)
def erase_pool(convention):
    if not queries.pool_erasable(convention):
        flash(_("The pool's personal data can be erased once the panel is drawn."), "error")
        return _back(convention)
    if not confirmed():
        return confirmation_page(
            url_for(".index", slug=convention.slug), _("Erase the personal data of the whole pool?"),
            _("The names, contact details and addresses of all %(count)s volunteers who still have them are "
              "erased for good; ids, features and households stay, so the draw can still be verified. Invite "
              "the remaining members first: the panel page will no longer show their e-mail addresses.",
              count=queries.pool_contacts(convention)),
            _("Erase the pool's personal data"), convention=convention)
    count = operations.erase_pool(convention, actor=current_user)
    db.session.commit()
    flash(_("Personal data of %(count)s volunteers erased.", count=count), "success")
    return _back(convention)


@bp.route("/manage/<slug>/privacy/uploads/drop", methods=["GET", "POST"])
@access.convention_role(Role.organiser)
def drop_uploads(convention):
    if not confirmed():
        return confirmation_page(
            url_for(".index", slug=convention.slug), _("Delete the abandoned uploads?"),
            _("Pool files uploaded more than a day ago and never imported are deleted."),
            _("Delete them"), convention=convention)
    count = operations.drop_abandoned_uploads(convention, actor=current_user)
    db.session.commit()
    flash(_("%(count)s abandoned uploads deleted.", count=count), "success")
    return _back(convention)
