"""Forms shared by several domains."""
from flask_wtf import FlaskForm


class ConfirmForm(FlaskForm):
    """A form with no fields: a button whose post is protected by the CSRF token."""
