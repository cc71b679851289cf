"""Organisers plan the sessions: the list, a session and its timed agenda, edit, delete, reorder.

Documents, attendance and the public pages (with the calendars) live in views_documents,
views_attendance and views_public; importing this module registers them too.
"""
from flask import Blueprint, abort, flash, render_template, request, url_for
from flask_babel import format_decimal, format_time, ngettext

from ..auth import access
from ..auth.models import Role
from ..organising import nav
from ..extensions import db, htmx
from ..i18n import _, _l
from ..web import confirmation_page, confirmed, form_response, invalid_form, redirect_to
from . import documents, operations, queries
from .forms import AgendaItemForm, DocumentForm, MeetingForm

bp = Blueprint("sessions", __name__)
from . import demo as _demo  # noqa: E402,F401  (registers the demo step)
nav.register_section("sessions.index", _l("Sessions"), order=30)


@bp.get("/manage/<slug>/sessions/")
@access.convention_role(Role.organiser)
def index(convention):
    return render_template("sessions/index.html", convention=convention, meetings=queries.meetings_of(convention))


def _save_meeting(convention, form, meeting=None):
    """Create or update from a valid form; on a clash of place, the form's error instead (None)."""
    try:
        if meeting is None:
            meeting = operations.create_meeting(convention, form.values)
        else:
            operations.update_meeting(convention, meeting, form.values)
    except operations.Overlap as clash:
        db.session.rollback()
        form.place.errors.append(_("“%(title)s” takes this place at the same time. Choose other hours or "
                                   "another place.", title=clash.meeting.title))
        return None
    db.session.commit()
    return meeting


@bp.route("/manage/<slug>/sessions/new", methods=["GET", "POST"])
@access.convention_role(Role.organiser)
def create(convention):
    form = MeetingForm()
    response = form_response(form, "sessions/form.html", "sessions/_form.html", convention=convention, meeting=None)
    if response is not None:
        return response
    meeting = _save_meeting(convention, form)
    if meeting is None:
        return invalid_form("sessions/form.html", "sessions/_form.html", form=form, convention=convention,
                            meeting=None)
    flash(_("Session “%(title)s” planned. Now build its agenda.", title=meeting.title), "success")
    return redirect_to(url_for(".show", slug=convention.slug, meeting_id=meeting.id))


@bp.route("/manage/<slug>/sessions/<int:meeting_id>/edit", methods=["GET", "POST"])
@access.convention_role(Role.organiser)
def edit(convention, meeting_id):
    meeting = queries.meeting_or_404(convention, meeting_id)
    form = MeetingForm()
    if not form.is_submitted():
        form.load(meeting)
    response = form_response(form, "sessions/form.html", "sessions/_form.html", convention=convention,
                             meeting=meeting)
    if response is not None:
        return response
    if _save_meeting(convention, form, meeting) is None:
        return invalid_form("sessions/form.html", "sessions/_form.html", form=form, convention=convention,
                            meeting=meeting)
    flash(_("Session saved."), "success")
    return redirect_to(url_for(".show", slug=convention.slug, meeting_id=meeting.id))


@bp.route("/manage/<slug>/sessions/<int:meeting_id>/delete", methods=["GET", "POST"])
@access.convention_role(Role.organiser)
def delete(convention, meeting_id):
    meeting = queries.meeting_or_404(convention, meeting_id)
    if not confirmed():
        return confirmation_page(
            url_for(".show", slug=convention.slug, meeting_id=meeting.id),
            _("Delete the session “%(title)s”?", title=meeting.title),
            _("Its agenda, documents and attendance marks are deleted with it."),
            _("Delete the session"), convention=convention)
    operations.delete_meeting(convention, meeting)
    db.session.commit()
    flash(_("Session deleted."), "success")
    return redirect_to(url_for(".index", slug=convention.slug))


def show_context(convention, meeting, **forms):
    return {"convention": convention, "meeting": meeting,
            "item_form": forms.get("item_form") or AgendaItemForm(formdata=None),
            "document_form": forms.get("document_form") or DocumentForm(meeting, formdata=None, prefix="document"),
            "allowed_document_types": documents.allowed_extensions()}


@bp.get("/manage/<slug>/sessions/<int:meeting_id>")
@access.convention_role(Role.organiser)
def show(convention, meeting_id):
    meeting = queries.meeting_or_404(convention, meeting_id)
    return render_template("sessions/show.html", **show_context(convention, meeting))


def _back(convention, meeting, anchor="agenda"):
    return redirect_to(url_for(".show", slug=convention.slug, meeting_id=meeting.id) + f"#{anchor}")


@bp.post("/manage/<slug>/sessions/<int:meeting_id>/items")
@access.convention_role(Role.organiser)
def add_item(convention, meeting_id):
    meeting = queries.meeting_or_404(convention, meeting_id)
    form = AgendaItemForm()
    if form.validate_on_submit():
        try:
            operations.add_item(convention, meeting, form.values)
        except operations.OutsideHours as error:
            db.session.rollback()
            form.title.errors = [_("The agenda already fills the session: this item would start at %(start)s, "
                                   "after the session ends. Shorten other items or change the session's hours.",
                                   start=format_time(error.starts_at, "short"))]
        else:
            db.session.commit()
            flash(_("Agenda item added."), "success")
            return _back(convention, meeting)
    return invalid_form("sessions/show.html", "sessions/_item_form.html",
                        **show_context(convention, meeting, item_form=form))


@bp.route("/manage/<slug>/sessions/<int:meeting_id>/items/<int:item_id>/edit", methods=["GET", "POST"])
@access.convention_role(Role.organiser)
def edit_item(convention, meeting_id, item_id):
    meeting = queries.meeting_or_404(convention, meeting_id)
    item = queries.item_or_404(meeting, item_id)
    form = AgendaItemForm(obj=item, data={"kind": item.kind.name} if request.method == "GET" else None)
    response = form_response(form, "sessions/item_form.html", "sessions/_item_edit_form.html",
                             convention=convention, meeting=meeting, item=item)
    if response is not None:
        return response
    try:
        operations.update_item(convention, item, form.values)
    except operations.OutsideHours as error:
        db.session.rollback()
        form.minutes.errors = [_("With this duration, “%(title)s” would start at %(start)s, after the session "
                                 "ends. Shorten this item or another one, or change the session's hours.",
                                 title=error.item.title, start=format_time(error.starts_at, "short"))]
        return invalid_form("sessions/item_form.html", "sessions/_item_edit_form.html", form=form,
                            convention=convention, meeting=meeting, item=item)
    db.session.commit()
    flash(_("Agenda item saved."), "success")
    return _back(convention, meeting)


@bp.route("/manage/<slug>/sessions/<int:meeting_id>/items/<int:item_id>/delete", methods=["GET", "POST"])
@access.convention_role(Role.organiser)
def delete_item(convention, meeting_id, item_id):
    meeting = queries.meeting_or_404(convention, meeting_id)
    item = queries.item_or_404(meeting, item_id)
    if not confirmed():
        return confirmation_page(url_for(".show", slug=convention.slug, meeting_id=meeting.id),
                                 _("Remove “%(title)s” from the agenda?", title=item.title),
                                 _("The items after it start earlier."), _("Remove the item"),
                                 convention=convention)
    operations.delete_item(convention, item)
    db.session.commit()
    flash(_("Agenda item removed."), "success")
    return _back(convention, meeting)


@bp.post("/manage/<slug>/sessions/<int:meeting_id>/items/<int:item_id>/move")
@access.convention_role(Role.organiser)
def move_item(convention, meeting_id, item_id):
    meeting = queries.meeting_or_404(convention, meeting_id)
    item = queries.item_or_404(meeting, item_id)
    offset = {"up": -1, "down": 1}.get(request.form.get("direction"))
    if offset is None:
        abort(400)
    if operations.move_item(convention, item, offset):
        db.session.commit()
    return _back(convention, meeting, anchor=f"item-{item.id}")


@bp.post("/manage/<slug>/sessions/<int:meeting_id>/items/order")
@access.convention_role(Role.organiser)
def reorder_items(convention, meeting_id):
    """The whole order at once, as a row was dragged (agenda-order.js); the arrows work without it."""
    meeting = queries.meeting_or_404(convention, meeting_id)
    try:
        item_ids = [int(value) for value in request.form.getlist("item")]
    except ValueError:
        abort(400)
    if not item_ids:
        abort(400)
    try:
        if operations.reorder_items(convention, meeting, item_ids):
            db.session.commit()
    except operations.StaleOrder:   # the page reloads with the agenda as it is now
        db.session.rollback()
        flash(_("The agenda changed in the meantime (an item was added or removed): here it is as it is "
                "now. Move the item again."), "error")
        return _back(convention, meeting)
    if htmx:   # the agenda with its times recomputed
        return render_template("sessions/_agenda_manage.html", convention=convention, meeting=meeting), 200, \
            {"Vary": "HX-Request"}
    return _back(convention, meeting)


@bp.app_template_filter("filesize")
def filesize(size):
    """A file's size for people, in their language: "45 octets", "1,2 Mo"."""
    if size < 1000:
        return ngettext("%(num)s byte", "%(num)s bytes", size)
    if size < 1000 * 1000:
        return _("%(size)s kB", size=format_decimal(size / 1000, "#,##0"))
    return _("%(size)s MB", size=format_decimal(size / 1000 / 1000, "#,##0.#"))


from . import views_attendance, views_documents, views_public  # noqa: E402,F401  (their routes join)
