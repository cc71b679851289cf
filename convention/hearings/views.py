"""Organisers prepare the hearings: the experts (profiles linked to expert accounts), the hearings in
the sessions' agendas, and the balance of the programme.

Questions (views_questions) and the experts' own pages (views_expert) join when this module is imported.
"""
from flask import Blueprint, flash, render_template, url_for

from ..auth import access
from ..auth.models import Role
from ..organising import nav
from ..extensions import db
from ..i18n import _, _l
from ..web import form_response, invalid_form, redirect_to
from . import operations, photos, queries
from .forms import HearingForm, OrganiserExpertForm

bp = Blueprint("hearings", __name__)
nav.register_section("hearings.index", _l("Hearings"), order=35)
from . import demo as _demo  # noqa: E402,F401  (registers the demo step)


@bp.get("/manage/<slug>/hearings/")
@access.convention_role(Role.organiser)
def index(convention):
    return render_template("hearings/index.html", convention=convention, hearings=queries.hearings_of(convention),
                           experts=queries.experts_of(convention))


def _expert_form(convention, expert=None):
    linked = {other.user_id: other.name for other in queries.experts_of(convention)
              if other.user_id is not None and other is not expert}
    form = OrganiserExpertForm(queries.expert_accounts(convention), linked, obj=expert)
    if expert is not None and not form.is_submitted():
        form.affiliation_type.data, form.user.data = expert.affiliation_type.name, expert.user_id or 0
    return form


def _save_photo(form, expert):
    """Keep the uploaded photo; False (with the field's error) when it is not an acceptable image."""
    upload = form.photo.data
    if not upload or not getattr(upload, "filename", ""):
        return True
    try:
        operations.set_photo(expert, *photos.check(upload.read()))
    except photos.BadPhoto as error:
        form.photo.errors = [str(error)]
        return False
    return True


@bp.route("/manage/<slug>/hearings/experts/new", methods=["GET", "POST"])
@access.convention_role(Role.organiser)
def create_expert(convention):
    form = _expert_form(convention)
    context = {"convention": convention, "expert": None}
    response = form_response(form, "hearings/expert_form.html", "hearings/_expert_form.html", **context)
    if response is not None:
        return response
    expert = operations.create_expert(convention, form.values)
    if not _save_photo(form, expert):
        db.session.rollback()
        return invalid_form("hearings/expert_form.html", "hearings/_expert_form.html", form=form, **context)
    db.session.commit()
    flash(_("Expert “%(name)s” added.", name=expert.name), "success")
    return redirect_to(url_for(".index", slug=convention.slug))


@bp.route("/manage/<slug>/hearings/experts/<int:expert_id>/edit", methods=["GET", "POST"])
@access.convention_role(Role.organiser)
def edit_expert(convention, expert_id):
    expert = queries.expert_or_404(convention, expert_id)
    form = _expert_form(convention, expert)
    context = {"convention": convention, "expert": expert}
    response = form_response(form, "hearings/expert_form.html", "hearings/_expert_form.html", **context)
    if response is not None:
        return response
    operations.update_expert(convention, expert, form.values)
    if not _save_photo(form, expert):
        db.session.rollback()
        return invalid_form("hearings/expert_form.html", "hearings/_expert_form.html", form=form, **context)
    db.session.commit()
    flash(_("Expert profile saved."), "success")
    return redirect_to(url_for(".index", slug=convention.slug))


def _hearing_form(convention, hearing=None):
    form = HearingForm(queries.hearing_items(convention), queries.experts_of(convention), obj=hearing)
    if hearing is not None and not form.is_submitted():
        form.item.data, form.experts.data = hearing.item_id or 0, [e.id for e in hearing.experts]
    return form


def _hearing_values(convention, form):
    experts = {e.id: e for e in queries.experts_of(convention)}
    items = {item.id: item for item, _meeting in queries.hearing_items(convention)}
    return {"topic": form.topic.data.strip(), "item": items.get(form.item.data),
            "experts": [experts[i] for i in form.experts.data if i in experts],
            "video_url": (form.video_url.data or "").strip(), "summary": (form.summary.data or "").strip(),
            "is_published": form.is_published.data}


@bp.route("/manage/<slug>/hearings/new", methods=["GET", "POST"])
@access.convention_role(Role.organiser)
def create(convention):
    form = _hearing_form(convention)
    response = form_response(form, "hearings/form.html", "hearings/_form.html", convention=convention, hearing=None)
    if response is not None:
        return response
    hearing = operations.save_hearing(convention, _hearing_values(convention, form))
    db.session.commit()
    flash(_("Hearing “%(topic)s” planned.", topic=hearing.topic), "success")
    return redirect_to(url_for(".show", slug=convention.slug, hearing_id=hearing.id))


@bp.route("/manage/<slug>/hearings/<int:hearing_id>/edit", methods=["GET", "POST"])
@access.convention_role(Role.organiser)
def edit(convention, hearing_id):
    hearing = queries.hearing_or_404(convention, hearing_id)
    form = _hearing_form(convention, hearing)
    response = form_response(form, "hearings/form.html", "hearings/_form.html", convention=convention,
                             hearing=hearing)
    if response is not None:
        return response
    operations.save_hearing(convention, _hearing_values(convention, form), hearing)
    db.session.commit()
    flash(_("Hearing saved."), "success")
    return redirect_to(url_for(".show", slug=convention.slug, hearing_id=hearing.id))


@bp.get("/manage/<slug>/hearings/balance")
@access.convention_role(Role.organiser)
def balance(convention):
    return render_template("hearings/balance.html", convention=convention, **queries.balance(convention))


from . import views_expert, views_questions  # noqa: E402,F401  (their routes join)
