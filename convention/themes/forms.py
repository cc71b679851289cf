from wtforms import IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from ..forms import Form
from ..i18n import _l
from .defaults import K_MAX, K_MIN, MAX_THEMES


class ClusterForm(Form):
    k_min = IntegerField(_l("Fewest themes"), default=K_MIN,
                         validators=[InputRequired(), NumberRange(min=2, max=MAX_THEMES)])
    k_max = IntegerField(_l("Most themes"), default=K_MAX,
                         validators=[InputRequired(), NumberRange(min=2, max=MAX_THEMES)])
    k = IntegerField(_l("Exact number of themes (optional)"),
                     description=_l("Leave empty to let the machine choose between the fewest and the most."),
                     validators=[Optional(), NumberRange(min=2, max=MAX_THEMES)])

    def validate_k_max(self, field):
        if self.k_min.data is not None and field.data is not None and field.data < self.k_min.data:
            raise ValidationError(_l("The most cannot be below the fewest."))

    @property
    def settings(self):
        return {"k": self.k.data, "k_min": self.k_min.data, "k_max": self.k_max.data}


class ThemeForm(Form):
    name = StringField(_l("Name"), description=_l("Leave empty to show the keywords."),
                       validators=[Length(max=200)])
    description = TextAreaField(_l("Description"), validators=[Length(max=5000)])


def _theme_choices(themes):
    return [(str(theme.id), f"{theme.number}. {theme.title}") for theme in themes]


class ThemeChoiceForm(Form):
    """Choose another theme of the convention (to merge with, or to move a contribution to)."""

    theme = SelectField(_l("Theme"), validators=[InputRequired(_l("Choose a theme."))])

    def __init__(self, themes, label=None, **kwargs):
        super().__init__(**kwargs)
        self.theme.choices = [("", "—")] + _theme_choices(themes)
        if label is not None:
            self.theme.label.text = label

    def validate_theme(self, field):
        if not field.data:
            raise ValidationError(_l("Choose a theme."))


class SplitForm(Form):
    parts = IntegerField(_l("Number of parts"), default=2,
                         validators=[InputRequired(), NumberRange(min=2, max=10)])
