from wtforms import EmailField, PasswordField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Email, EqualTo, InputRequired, Length, Optional

from ..forms import Form
from ..i18n import _l
from .models import Role

MIN_PASSWORD_LENGTH = 10


def strip(value):
    return value.strip() if isinstance(value, str) else value


class LoginForm(Form):
    email = EmailField(_l("E-mail address"), validators=[InputRequired(), Email()], filters=[strip],
                       render_kw={"autocomplete": "username"})
    password = PasswordField(_l("Password"), validators=[InputRequired()],
                             render_kw={"autocomplete": "current-password"})


class ChoosePasswordForm(Form):
    password = PasswordField(
        _l("Choose a password"),
        validators=[InputRequired(), Length(min=MIN_PASSWORD_LENGTH, max=200)],
        description=_l("At least %(n)s characters.", n=MIN_PASSWORD_LENGTH),
        render_kw={"autocomplete": "new-password"})
    confirm = PasswordField(
        _l("Repeat the password"),
        validators=[InputRequired(), EqualTo("password", message=_l("The two passwords differ."))],
        render_kw={"autocomplete": "new-password"})


class NewPasswordForm(ChoosePasswordForm):
    """Accepting an invitation without an account yet: a name and a password."""

    name = StringField(_l("Your name"), validators=[Optional(), Length(max=200)],
                       render_kw={"autocomplete": "name"})


class ChangePasswordForm(ChoosePasswordForm):
    current_password = PasswordField(_l("Current password"), validators=[InputRequired()],
                                     render_kw={"autocomplete": "current-password"})


class ForgotPasswordForm(Form):
    email = EmailField(_l("E-mail address"), validators=[InputRequired(), Email()], filters=[strip],
                       render_kw={"autocomplete": "username"})


class ExistingPasswordForm(Form):
    """Accepting an invitation with an existing account: prove it is yours."""

    password = PasswordField(_l("Your password"), validators=[InputRequired()],
                             render_kw={"autocomplete": "current-password"})


class InviteForm(Form):
    email = EmailField(_l("E-mail address"), validators=[InputRequired(), Email(), Length(max=254)],
                       filters=[strip])
    name = StringField(_l("Name"), validators=[Optional(), Length(max=200)])
    role = SelectField(_l("Role"), choices=[SelectChoice(role.name, role.label) for role in Role],
                       default=Role.member.name, validators=[InputRequired()])

    @property
    def role_value(self):
        return Role[self.role.data]
