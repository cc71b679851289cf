"""Locale selection and the translation functions every module imports."""
from flask import current_app, has_request_context, request, session
from flask_babel import gettext, lazy_gettext, ngettext  # noqa: F401  (re-exported)

_ = gettext
_l = lazy_gettext


def select_locale():
    """The language chosen with the switcher, else the browser's best match, else French."""
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():       # a background task or a command: the site's default language
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    chosen = session.get("locale")
    if chosen in languages:
        return chosen
    return request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]
