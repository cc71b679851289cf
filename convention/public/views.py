"""What everyone sees: the list of public conventions, a convention's page, the language switcher."""
from flask import Blueprint, current_app, render_template, request, session

from ..auth import access
from ..organising import services as conventions
from ..web import confirmed, redirect_to, safe_next
from . import actions, sections

bp = Blueprint("public", __name__)


@bp.get("/")
def home():
    return render_template("public/home.html",
                           page=conventions.public_conventions_page(request.args.get("page", 1, type=int)))


@bp.get("/c/<slug>")
def convention(slug):
    convention = conventions.get_by_slug_or_404(slug)
    access.require_visible(convention)
    return render_template("public/convention.html", convention=convention,
                           sections=sections.for_convention(convention), actions=actions.for_convention(convention))


@bp.post("/language")
def language():
    locale = request.form.get("locale")
    if confirmed() and locale in current_app.config["LANGUAGES"]:
        session["locale"] = locale
    return redirect_to(safe_next("public.home"))
