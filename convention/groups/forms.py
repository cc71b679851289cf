from wtforms import SelectMultipleField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, ValidationError

from ..forms import Form
from ..i18n import _l


class GroupForm(Form):
    name = StringField(_l("Name"), validators=[InputRequired(), Length(max=200)])
    description = TextAreaField(_l("Description"), validators=[Length(max=5000)])
    themes = SelectMultipleField(_l("Themes"), coerce=int,
                                 description=_l("The group works on the contributions of these themes."))
    members = SelectMultipleField(_l("Members"), coerce=int)

    def __init__(self, themes, people, **kwargs):
        super().__init__(**kwargs)
        self.themes.choices = [(t.id, f"{t.number}. {t.title} ({t.size})") for t in themes]
        self.members.choices = [(p.id, p.display_name) for p in people]

    def validate_themes(self, field):
        if not field.data:
            raise ValidationError(_l("Choose at least one theme."))
