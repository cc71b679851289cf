"""The base of every form, and forms shared by several domains."""
from flask_babel import get_locale
from flask_wtf import FlaskForm


class Form(FlaskForm):
    """A CSRF-protected form whose built-in validation messages come in the visitor's language
    (WTForms' own catalogues; WTF_I18N_ENABLED is off so they are not looked up in ours)."""

    class Meta:
        @property
        def locales(self):
            return [str(get_locale())]


class ConfirmForm(Form):
    """A form with no fields: a button whose post is protected by the CSRF token."""
