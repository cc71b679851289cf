"""The public consultation: anyone contributes with a name and an e-mail address, within a rate limit;
each contribution waits for its mailed link to be confirmed, then for moderation."""
from flask import current_app, flash, make_response, render_template, request, session, url_for

from ..extensions import db
from ..i18n import _
from ..web import redirect_to
from . import consultation, services, tasks  # noqa: F401  (tasks: the consumer must know them)
from ..forms import ConfirmForm
from .forms import PublicContributionForm
from .views import visible_convention, bp

SESSION_KEY = "consultation_authors"   # {convention id: public author id} whose link this browser confirmed


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
        _contribution, mailed = consultation.submit_public(
            convention, form.name.data, form.email.data, form.values,
            consultation.client_hash(request.remote_addr), confirmed_author_id=confirmed_id)
    except consultation.RateLimited:
        return _page(convention, form, 429, limited=True)
    db.session.commit()
    if mailed:
        flash(_("Almost done: open the link we sent to %(email)s to confirm your contribution.",
                email=form.email.data), "success")
    else:
        flash(_("Thank you: your contribution will be published once moderated."), "success")
    return redirect_to(url_for(".consultation_form", slug=convention.slug))


@bp.route("/c/<slug>/consultation/confirm/<token>", methods=["GET", "POST"])
def confirm_email(slug, token):
    """The mailed link opens a page whose button confirms: opening the link (as mail scanners and
    link previews do) confirms nothing."""
    convention = visible_convention(slug)
    waiting = consultation.awaiting_confirmation(convention, token)
    if not waiting:
        return render_template("contributions/invalid_link.html", convention=convention), 404
    form = ConfirmForm()
    if request.method == "GET" or not form.validate_on_submit():
        response = make_response(render_template("contributions/confirm.html", convention=convention,
                                                 contributions=waiting, form=form))
        response.headers["Referrer-Policy"] = "no-referrer"   # the token stays out of other sites' logs
        return response
    author = consultation.confirm(convention, token)
    db.session.commit()
    session[SESSION_KEY] = {**session.get(SESSION_KEY, {}), str(convention.id): author.id}
    flash(_("Thank you: your contribution is confirmed. It will be published once moderated."), "success")
    return redirect_to(url_for(".consultation_form", slug=convention.slug))
