"""The public consultation: anyone contributes with a name and an e-mail address to confirm, within
a rate limit; the contribution waits for the confirmation, then for moderation."""
from flask import current_app, flash, render_template, request, session, url_for

from ..extensions import db
from ..i18n import _
from ..web import redirect_to
from . import services
from .forms import PublicContributionForm
from .views import visible_convention, bp

SESSION_KEY = "consultation_authors"   # {convention id: confirmed public author id} of this browser


def _page(convention, form, status=200, limited=False):
    return render_template("contributions/consultation.html", convention=convention, form=form,
                           is_open=services.is_open(convention), limited=limited,
                           limit=current_app.config["CONSULTATION_RATE_LIMIT"],
                           window=current_app.config["CONSULTATION_RATE_WINDOW_MINUTES"]), status


@bp.route("/c/<slug>/consultation", methods=["GET", "POST"])
def consultation_form(slug):
    convention = visible_convention(slug)
    form = PublicContributionForm()
    if request.method == "GET":
        return _page(convention, PublicContributionForm(formdata=None))
    if not services.is_open(convention):
        flash(_("The public consultation is closed."), "error")
        return redirect_to(url_for(".consultation_form", slug=convention.slug))
    if not form.validate_on_submit():
        return _page(convention, form, 422)
    confirmed_id = session.get(SESSION_KEY, {}).get(str(convention.id))
    try:
        _contribution, mailed = services.submit_public(
            convention, form.name.data, form.email.data, form.values,
            services.client_hash(request.remote_addr), confirmed_author_id=confirmed_id)
    except services.RateLimited:
        return _page(convention, form, 429, limited=True)
    db.session.commit()
    if mailed:
        flash(_("Almost done: open the link we sent to %(email)s to confirm your contribution.",
                email=form.email.data), "success")
    else:
        flash(_("Thank you: your contribution will be published once moderated."), "success")
    return redirect_to(url_for(".consultation_form", slug=convention.slug))


@bp.get("/c/<slug>/consultation/confirm/<token>")
def confirm_email(slug, token):
    convention = visible_convention(slug)
    author = services.confirm_email(convention, token)
    if author is None:
        return render_template("contributions/invalid_link.html", convention=convention), 404
    db.session.commit()
    session[SESSION_KEY] = {**session.get(SESSION_KEY, {}), str(convention.id): author.id}
    flash(_("Thank you: your e-mail address is confirmed. Your contributions will be published once "
            "moderated."), "success")
    return redirect_to(url_for(".consultation_form", slug=convention.slug))
