"""Contributions: the blueprint, the list members and the public read, members' new contributions,
exports. Organisers' pages live in views_manage, the public consultation in views_consultation;
importing this module registers them all."""
from flask import Blueprint, abort, flash, make_response, render_template, request, url_for
from flask_login import current_user

from ..auth import access
from ..auth.models import Role
from ..organising import nav
from ..organising import services as conventions
from ..database import paginate
from ..extensions import db
from ..i18n import _, _l
from ..public import actions, sections
from ..web import invalid_form, redirect_to
from . import exports, search, services
from .forms import ContributionForm
from .models import AuthorKind, Contribution, ContributionStatus
from . import demo as _demo  # noqa: F401  (registers the demo step)

bp = Blueprint("contributions", __name__)
nav.register_section("contributions.manage", _l("Contributions"), order=40)
CONTRIBUTORS = (Role.member, Role.organiser)


def list_context(convention, everything=False):
    """The search, filters (with their choices) and page of a contributions list for the current user."""
    filters = search.parse_filters(request.args)
    base = services.visible(convention, current_user, everything)
    choices = {
        "status": (_l("Status"), [(s.name, s.label) for s in ContributionStatus]),
        "author_kind": (_l("From"), [(k.name, k.label) for k in AuthorKind]),
        "category": (_l("Category"), [(c, c) for c in search.choices(base, "category")]),
        "source": (_l("Session or workshop"), [(s, s) for s in search.choices(base, "source")]),
    }
    return {"convention": convention, "filters": filters, "choices": choices,
            "query_args": {k: v for k, v in filters.items() if v},
            "page": paginate(search.filtered(base, filters), request.args.get("page", 1, type=int))}


def _index_context(convention, form=None):
    can_contribute = access.has_role(current_user, convention, *CONTRIBUTORS)
    return {**list_context(convention), "can_contribute": can_contribute,
            "form": form or (ContributionForm(formdata=None) if can_contribute else None),
            "consultation_open": services.is_open(convention)}


def visible_convention(slug):
    convention = conventions.get_by_slug_or_404(slug)
    access.require_visible(convention)
    return convention


@bp.get("/c/<slug>/contributions")
def index(slug):
    convention = visible_convention(slug)
    return render_template("contributions/index.html", **_index_context(convention))


@bp.post("/c/<slug>/contributions")
@access.convention_role(*CONTRIBUTORS)
def add(convention):
    form = ContributionForm()
    if not form.validate_on_submit():
        return invalid_form("contributions/index.html", "contributions/_contribute_form.html",
                            **_index_context(convention, form))
    services.add_contribution(convention, current_user, form.values)
    db.session.commit()
    flash(_("Thank you: your contribution is published."), "success")
    return redirect_to(url_for(".index", slug=convention.slug))


@bp.get("/c/<slug>/contributions/export.<fmt>")
def export(slug, fmt):
    """The list as CSV or JSON, with its filters: everything for organisers, else published ones."""
    if fmt not in ("csv", "json"):
        abort(404)
    convention = visible_convention(slug)
    everything = access.has_role(current_user, convention, Role.organiser)
    query = services.visible(convention, None, everything)
    query = search.filtered(query, search.parse_filters(request.args)).order_by(None).order_by(Contribution.id)
    contributions = db.session.scalars(query).all()
    writer = exports.to_csv if fmt == "csv" else exports.to_json
    response = make_response(writer(contributions, with_private=everything))
    response.mimetype = "text/csv" if fmt == "csv" else "application/json"
    response.charset = "utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="contributions-{convention.slug}.{fmt}"'
    return response


def public_section(convention):
    counts = services.counts(convention)
    return {"published": counts["published"], "open": services.is_open(convention),
            "can_contribute": access.has_role(current_user, convention, *CONTRIBUTORS)}


sections.register("contributions/_public_section.html", order=30, context=public_section)
actions.register(_l("Add a contribution"), order=10,
                 url=lambda convention: url_for("contributions.index", slug=convention.slug) + "#contribute-title",
                 visible=lambda convention: access.has_role(current_user, convention, *CONTRIBUTORS))
actions.register(_l("Contribute to the consultation"), order=20,
                 url=lambda convention: url_for("contributions.consultation_form", slug=convention.slug),
                 visible=lambda convention: services.is_open(convention)
                 and not access.has_role(current_user, convention, *CONTRIBUTORS))

from . import views_consultation, views_manage  # noqa: E402,F401  (their routes join bp)
