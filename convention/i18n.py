"""Locale selection and the translation functions every module imports."""
from flask import current_app, request, session
from flask_babel import gettext, lazy_gettext, ngettext  # noqa: F401  (re-exported)

_ = gettext
_l = lazy_gettext


def select_locale():
    """The language chosen with the switcher, else the browser's best match, else French."""
    languages = current_app.config["LANGUAGES"]
    chosen = session.get("locale")
    if chosen in languages:
        return chosen
    return request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]
