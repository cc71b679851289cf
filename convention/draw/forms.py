from flask_wtf.file import FileField, FileRequired
from wtforms.fields.choices import SelectChoice
from wtforms import BooleanField, IntegerField, SelectField, StringField
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from ..forms import DecimalField, Form
from ..i18n import _l
from .steps import ALGORITHM_LABELS, MAX_SEED
from .models import SelectionStatus, default_label
from .pool_import import ROLES


class PoolFileForm(Form):
    file = FileField(_l("Pool file"), validators=[FileRequired(_l("Choose a file."))],
                     description=_l("CSV (comma or semicolon, UTF-8 or Windows-1252) or Excel (.xlsx): "
                                    "one row per volunteer, one column per feature."))


def mapping_form(header, roles, must_confirm, labels=None):
    """A form with one role choice per column of the file (fields role_0, role_1...) and the label
    a feature column gets (label_0, label_1...: default, `labels` or the column's name with a capital)."""
    class MappingForm(Form):
        pass

    for i, column in enumerate(header):
        setattr(MappingForm, f"role_{i}", SelectField(column or _l("(unnamed column)"), choices=[SelectChoice(*r) for r in ROLES],
                                                      default=roles.get(column, "ignored")))
        setattr(MappingForm, f"label_{i}", StringField(
            _l("Label of “%(column)s” if it is a feature", column=column or "—"),
            default=(labels or {}).get(column) or default_label(column or ""),
            validators=[Optional(), Length(max=100)]))
    if must_confirm:
        MappingForm.confirm_replace = BooleanField(
            _l("Replace the current pool and adapt its quotas"),
            validators=[InputRequired(_l("Tick this box to replace the current pool."))])
    form = MappingForm()
    form.columns = [(column, form[f"role_{i}"]) for i, column in enumerate(header)]
    form.labels = [(column, form[f"label_{i}"]) for i, column in enumerate(header)]
    return form


DEFAULT_TOLERANCE = 1.5


def bounds_form(rows):
    """Min and max of every quota row (fields min_<id>, max_<id>)."""
    class BoundsForm(Form):
        def validate(self, extra_validators=None):
            valid = super().validate(extra_validators)
            for row in rows:
                low, high = self[f"min_{row.id}"], self[f"max_{row.id}"]
                if low.data is not None and high.data is not None and low.data > high.data:
                    high.errors.append(_l("The maximum cannot be below the minimum."))
                    valid = False
            return valid

    for row in rows:
        for bound, label in (("min", _l("Minimum")), ("max", _l("Maximum"))):
            setattr(BoundsForm, f"{bound}_{row.id}", IntegerField(
                label, default=getattr(row, bound), validators=[InputRequired(), NumberRange(min=0, max=10000)]))
    return BoundsForm()


def shares_form(rows):
    """A population share in percent per quota row (fields share_<id>) and the tolerance."""
    class SharesForm(Form):
        tolerance = DecimalField(_l("Tolerance (seats either side of the target)"), default=DEFAULT_TOLERANCE,
                                 validators=[InputRequired(), NumberRange(min=0, max=100)])

    for row in rows:
        setattr(SharesForm, f"share_{row.id}", DecimalField(
            _l("Share of the population (%)"), default=row.target_percent,
            validators=[Optional(), NumberRange(min=0, max=100)]))
    return SharesForm()


class QuotaFileForm(Form):
    kind = SelectField(_l("The file holds"), choices=[
        SelectChoice("quotas", _l("Quotas: feature, value, min, max")),
        SelectChoice("shares", _l("Population shares: feature, value, share_percent"))], default="quotas")
    file = FileField(_l("Quotas or shares file"), validators=[FileRequired(_l("Choose a file."))])
    tolerance = DecimalField(_l("Tolerance for shares (seats either side of the target)"), default=DEFAULT_TOLERANCE,
                             validators=[Optional(), NumberRange(min=0, max=100)],
                             description=_l("Only for a file of population shares; 1.5 when left empty."))

    @property
    def tolerance_value(self):
        """The tolerance typed, or the default: the field only matters for a file of shares."""
        return DEFAULT_TOLERANCE if self.tolerance.data is None else float(self.tolerance.data)


class PublishForm(Form):
    households = BooleanField(_l("At most one person per household (address)"))


SEED_RANGE = NumberRange(min=0, max=MAX_SEED, message=_l("Type a whole number, 0 or more, of at most 18 digits."))


class SeedForm(Form):
    seed = IntegerField(_l("Seed"), validators=[InputRequired(), SEED_RANGE],
                        description=_l("A whole number everyone can check, announced after the "
                                       "publication: e.g. the numbers of a public lottery draw."))
    source = StringField(_l("Where the seed comes from"), validators=[InputRequired(), Length(max=500)],
                         description=_l("E.g. “EuroMillions draw of 1 December 2026: 4 12 23 34 45”."))


class DrawForm(Form):
    algorithm = SelectField(_l("Algorithm"), choices=[SelectChoice(*item) for item in ALGORITHM_LABELS.items()], default="leximin")


class StatusForm(Form):
    status = SelectField(_l("Status"), choices=[SelectChoice(s.name, s.label) for s in SelectionStatus])

    @property
    def value(self):
        return SelectionStatus[self.status.data]


class ReplacementForm(Form):
    seed = IntegerField(_l("Seed"), validators=[Optional(), SEED_RANGE],
                        description=_l("Leave empty to have one generated (it is shown and recorded)."))
    source = StringField(_l("Where the seed comes from"), validators=[Length(max=500)])

    def validate_source(self, field):
        if self.seed.data is not None and not (field.data or "").strip():
            raise ValidationError(_l("Say where the seed comes from."))
