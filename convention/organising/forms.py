from wtforms import BooleanField, DateField, IntegerField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from ..forms import Form
from ..i18n import _l


class ConventionForm(Form):
    title = StringField(_l("Title"), validators=[InputRequired(), Length(max=200)])
    question = TextAreaField(_l("Question put to the convention"),
                             validators=[InputRequired(), Length(max=2000)],
                             description=_l("The question the panel will answer in its final opinion."))
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=20000)],
                                description=_l("Context, organisers, calendar: shown on the public page."))
    starts_on = DateField(_l("First session"), validators=[Optional()])
    ends_on = DateField(_l("Last session"), validators=[Optional()])
    panel_size = IntegerField(_l("Panel size"), default=40,
                              validators=[InputRequired(), NumberRange(min=5, max=1000)],
                              description=_l("How many members will be drawn by lot."))
    is_public = BooleanField(_l("Public: anyone can see this convention's page"))

    def validate_ends_on(self, field):
        if field.data and self.starts_on.data and field.data < self.starts_on.data:
            raise ValidationError(_l("The last session cannot come before the first one."))

    @property
    def values(self):
        data = {name: getattr(self, name).data for name in
                ("title", "question", "description", "starts_on", "ends_on", "panel_size", "is_public")}
        data["title"], data["question"] = data["title"].strip(), data["question"].strip()
        data["description"] = (data["description"] or "").strip()
        return data
