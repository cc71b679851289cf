"""What every request shares: login loading, security headers, error pages, template helpers."""
import logging
from urllib.parse import urlsplit

from flask import current_app, flash, make_response, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import SecurityError
from werkzeug.middleware.proxy_fix import ProxyFix

from .auth import access
from .auth import sessions
from .extensions import htmx, login_manager
from .forms import ConfirmForm
from .i18n import _l
from .mail import services as mail

log = logging.getLogger(__name__)

CONTENT_SECURITY_POLICY = ("default-src 'self'; img-src 'self' data:; style-src 'self'; "
                           "script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'")

ERROR_TITLES = {
    400: _l("Bad request"),
    403: _l("Access denied"),
    404: _l("Page not found"),
    405: _l("Method not allowed"),
    413: _l("File too large"),
    500: _l("Server error"),
}


def init_app(app):
    if app.config.get("TRUSTED_PROXIES"):
        # Behind a reverse proxy: trust its X-Forwarded-* headers for the client address and scheme.
        hops = int(app.config["TRUSTED_PROXIES"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    login_manager.user_loader(sessions.load_user)
    login_manager.unauthorized_handler(_unauthorized)
    app.after_request(_headers)
    app.context_processor(_template_helpers)
    for code in ERROR_TITLES:
        app.register_error_handler(code, _error_page)
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(SecurityError, _untrusted_host)
    app.register_error_handler(mail.UntrustedHost, _no_mail_link)


def _unauthorized():
    """Anonymous visitors go to the login page, then back to the page they asked for (GET only)."""
    flash(login_manager.login_message, login_manager.login_message_category)
    next_url = request.full_path.rstrip("?") if request.method == "GET" else None
    return redirect_to(url_for("auth.login", next=next_url))


def _headers(response):
    if response.mimetype == "text/html":
        # Pages and htmx fragments share URLs, so caches must keep them apart.
        response.vary.add("HX-Request")
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    if current_app.config["SESSION_COOKIE_SECURE"]:
        response.headers.setdefault("Strict-Transport-Security", "max-age=63072000")
    if _shows_personal_data():
        response.headers["Cache-Control"] = "no-store"
    return response


def _shows_personal_data():
    """Whether the response may hold personal data, so that no cache (browser or proxy) keeps it.

    Every page a logged-in person sees (management pages, the pool, people, the outbox, their
    account) and every page of accounts (reset and invitation links show an e-mail address).
    Static files are left cacheable, and are tested first so that they never load the user.
    """
    if request.endpoint in (None, "static"):
        return False
    return request.blueprint == "auth" or current_user.is_authenticated


def _template_helpers():
    return {"can_manage": access.can_manage, "current_locale": str(get_locale())}


def _error_page(error):
    code = getattr(error, "code", 500) or 500
    return render_template("errors/error.html", code=code, title=ERROR_TITLES.get(code, ERROR_TITLES[500]),
                           description=None), code


def _csrf_error(error):
    return render_template("errors/error.html", code=400, title=ERROR_TITLES[400],
                           description=_l("The form had expired or was sent from elsewhere. "
                                          "Please go back, reload the page and try again.")), 400


def _untrusted_host(error):
    """A Host (or X-Forwarded-Host) not in TRUSTED_HOSTS: Flask refuses it. No page template, since
    no URL can be built for an untrusted host."""
    log.warning("Refused a request for the host %r: not in TRUSTED_HOSTS", request.environ.get("HTTP_HOST"))
    return make_response("Bad request: unknown host.", 400, {"Content-Type": "text/plain; charset=utf-8"})


def _no_mail_link(error):
    """No BASE_URL and no TRUSTED_HOSTS: the action would mail a link, and none can be trusted."""
    return render_template("errors/error.html", code=400, title=ERROR_TITLES[400],
                           description=_l("The site's address is not configured (BASE_URL): no link can be "
                                          "mailed. Tell the site's administrator.")), 400


def invalid_form(page_template, fragment_template, **context):
    """Answer a form that did not validate: its fragment for htmx, the whole page otherwise (422)."""
    return render_template(fragment_template if htmx else page_template, **context), 422


def redirect_to(url):
    """A redirect, or for htmx requests a full navigation (HX-Redirect) instead of a swapped page.

    Back to the page the htmx form is on, at an anchor ("/page#agenda" from "/page"), the browser
    would only scroll: the page is reloaded instead (HX-Refresh), so that it shows the change."""
    if htmx:
        current = urlsplit(request.headers.get("HX-Current-URL", ""))
        target = urlsplit(url)
        if target.fragment and current.path == target.path and current.query == target.query:
            return make_response("", 204, {"HX-Refresh": "true"})
        return make_response("", 204, {"HX-Redirect": url})
    return redirect(url)


def safe_next(default_endpoint, **values):
    """The `next` URL of the request if it stays on this site, else the default page."""
    target = request.values.get("next") or ""
    return target if is_local_path(target) else url_for(default_endpoint, **values)


def is_local_path(target):
    r"""Whether `target` is a path on this site that no browser reads as another host.

    Browsers turn backslashes into slashes ("/\evil.example" is "//evil.example") and drop tabs and
    newlines ("/\t/evil.example"), so a path with either, or any control or space character, is refused,
    as is anything with a scheme, a host, or that starts with "//".
    """
    if not target.startswith("/") or target.startswith("//"):
        return False
    if any(ch == "\\" or ord(ch) < 0x21 or 0x7f <= ord(ch) <= 0x9f for ch in target):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc


def form_response(form, page_template, fragment_template, /, **context):
    """None when `form` was posted and is valid; otherwise the page to show (200, or 422 with errors)."""
    context["form"] = form
    if form.validate_on_submit():
        return None
    if form.is_submitted():
        return invalid_form(page_template, fragment_template, **context)
    return render_template(page_template, **context)


def confirmed():
    """True when the confirmation form of a destructive action was posted (with its CSRF token)."""
    return ConfirmForm().validate_on_submit()


def confirmation_page(cancel_url, title, message, button, **context):
    """The page that asks before a destructive action; its button posts the confirmation."""
    return render_template("confirm.html", form=ConfirmForm(), cancel_url=cancel_url, title=title,
                           message=message, button=button, **context)
