"""Locale selection and the translation functions every module imports.

Quantities passed to a message under the names in QUANTITIES (ngettext's `num`, `count`, `size`...)
are written in the visitor's number format: "1 500 volontaires" in French (a narrow no-break space),
"1,500 volunteers" in English. Other numbers (a seed, a year, an id) are left as they are.
"""
import flask_babel
from flask import current_app, has_request_context, request, session
from flask_babel import format_number, lazy_gettext
from jinja2 import pass_context

_l = lazy_gettext
QUANTITIES = frozenset({"num", "count", "size", "total", "people", "seats"})


def _quantities(variables):
    return {name: format_number(value) if name in QUANTITIES and type(value) is int else value
            for name, value in variables.items()}


def gettext(string, **variables):
    return flask_babel.gettext(string, **_quantities(variables))


def ngettext(singular, plural, num, **variables):
    return flask_babel.get_translations().ungettext(singular, plural, num) % _quantities({"num": num, **variables})


_ = gettext


def install_in_templates(app):
    """The templates' _(), gettext() and ngettext() format their quantities as the code's do."""
    env = app.jinja_env
    template_gettext, template_ngettext = env.globals["gettext"], env.globals["ngettext"]

    @pass_context
    def gettext_(context, string, **variables):
        return template_gettext(context, string, **_quantities(variables))

    @pass_context
    def ngettext_(context, singular, plural, num, **variables):
        return template_ngettext(context, singular, plural, num, **_quantities({"num": num, **variables}))

    env.globals.update(gettext=gettext_, _=gettext_, ngettext=ngettext_)


def select_locale():
    """The language chosen with the switcher, else the browser's best match, else French."""
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():       # a background task or a command: the site's default language
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    chosen = session.get("locale")
    if chosen in languages:
        return chosen
    return request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]
