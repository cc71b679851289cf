from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, EmailField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, InputRequired, Length, ValidationError

from ..auth.forms import strip
from ..forms import Form
from ..i18n import _l
from .imports import split_tags
from .models import TEXT_MAX_LENGTH


def squeeze(value):
    """Inner runs of spaces and line breaks become one space."""
    return " ".join(value.split()) if isinstance(value, str) else value


class IdeaFields(Form):
    text = TextAreaField(_l("Your contribution"), filters=[squeeze],
                         validators=[DataRequired(_l("Write your idea.")), Length(max=TEXT_MAX_LENGTH)],
                         description=_l("A few sentences: one idea, proposal or question per contribution."),
                         render_kw={"rows": 4})
    category = StringField(_l("Category (optional)"), filters=[strip], validators=[Length(max=200)],
                           description=_l("E.g. schools, health, public services."))

    @property
    def values(self):
        return {"text": self.text.data, "category": self.category.data or ""}


class ContributionForm(IdeaFields):
    """A member's contribution."""

    tags = StringField(_l("Tags (optional)"), filters=[strip], validators=[Length(max=500)],
                       description=_l("Separated by commas."))
    source = StringField(_l("Session or workshop (optional)"), filters=[strip], validators=[Length(max=200)],
                         description=_l("Where the idea came up, e.g. “Session 2, workshop on schools”."))

    @property
    def values(self):
        return {**super().values, "tags": split_tags(self.tags.data or ""), "source": self.source.data or ""}


class PublicContributionForm(IdeaFields):
    """A contribution to the public consultation: a name and an e-mail address to confirm."""

    name = StringField(_l("Your name"), filters=[strip], validators=[DataRequired(), Length(max=200)],
                       render_kw={"autocomplete": "name"})
    email = EmailField(_l("E-mail address"), filters=[strip],
                       validators=[InputRequired(), Email(), Length(max=254)],
                       description=_l("We send you a link to confirm your contribution. "
                                      "Your address is not published."),
                       render_kw={"autocomplete": "email"})
    consent = BooleanField(_l("I agree that my contribution is published, without my e-mail address, "
                              "once moderated."),
                           validators=[InputRequired(_l("Tick this box to send your contribution."))])


class ModerationForm(Form):
    """Posted by the Publish or Reject button of a contribution's row (name="action")."""

    action = SelectField(choices=[SelectChoice("approve", _l("Publish")), SelectChoice("reject", _l("Reject"))])
    reason = StringField(_l("Reason for rejection"), filters=[strip], validators=[Length(max=500)])

    def validate_reason(self, field):
        if self.action.data == "reject" and not field.data:
            raise ValidationError(_l("Give the reason for the rejection."))


class ConsultationForm(Form):
    is_open = HiddenField()

    @property
    def opening(self):
        return self.is_open.data == "1"


class NotesFileForm(Form):
    file = FileField(_l("Workshop notes"), validators=[FileRequired(_l("Choose a file."))],
                     description=_l("CSV or Excel (.xlsx) with a column “text” (and optionally “category”, "
                                    "“tags”, “source”), or plain text (.txt): one idea per line."))
    source = StringField(_l("Session or workshop"), filters=[strip], validators=[Length(max=200)],
                         description=_l("For the ideas whose row does not say it, e.g. “Workshop of 12 October”."))


class NotesImportForm(Form):
    token = HiddenField(validators=[InputRequired()])
