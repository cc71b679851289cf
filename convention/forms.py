"""The base of every form, and forms shared by several domains."""
import decimal

import wtforms
from flask_babel import get_locale
from flask_wtf import FlaskForm
from wtforms.widgets import TextInput

from .i18n import _


class Form(FlaskForm):
    """A CSRF-protected form whose built-in validation messages come in the visitor's language
    (WTForms' own catalogues; WTF_I18N_ENABLED is off so they are not looked up in ours)."""

    class Meta:
        @property
        def locales(self):
            return [str(get_locale())]


class ConfirmForm(Form):
    """A form with no fields: a button whose post is protected by the CSRF token."""


class DecimalField(wtforms.DecimalField):
    """A decimal number typed with a point or a comma, whatever the visitor's language.

    The value is written with a point (the form of HTML numbers, which no browser misreads) in a text
    input with a decimal keyboard: a number input would drop "1,5" or, in an English browser, read
    it as 15. Shown as text elsewhere, numbers keep the visitor's format (the `percent` filter)."""

    widget = TextInput()

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("render_kw", {"inputmode": "decimal", "autocomplete": "off"})
        super().__init__(label, validators, places=None, **kwargs)

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        if self.data is None:
            return ""
        return format(decimal.Decimal(str(self.data)).normalize(), "f")

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        text = "".join(valuelist[0].split()).replace(",", ".")     # split() also drops no-break spaces
        if not text:
            self.data = None
            return
        try:
            self.data = decimal.Decimal(text)
            if not self.data.is_finite():
                raise decimal.InvalidOperation
        except decimal.InvalidOperation as error:
            self.data = None
            raise ValueError(_("Type a number, such as 1.5 or 1,5.")) from error
