"""Forms of the hearings: an expert's profile, the declaration of interests, a hearing, a question,
an answer, a moderator's action."""
from flask_wtf.file import FileField
from wtforms import (BooleanField, DateField, FieldList, FormField, SelectField, SelectMultipleField,
                     StringField, TextAreaField)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional, URL, ValidationError

from ..forms import Form
from ..i18n import _, _l
from .models import AffiliationType, InterestKind, QuestionStatus

QUESTION_MAX_LENGTH = 1000


class ExpertForm(Form):
    name = StringField(_l("Name"), validators=[InputRequired(), Length(max=200)])
    affiliation = StringField(_l("Affiliation"), validators=[Length(max=200)],
                              description=_l("Employer or organisation, as the expert presents themselves."))
    affiliation_type = SelectField(_l("Type of affiliation"),
                                   choices=[SelectChoice(kind.name, kind.label) for kind in AffiliationType])
    bio = TextAreaField(_l("Short biography"), validators=[Length(max=3000)])
    photo = FileField(_l("Photo (optional, PNG or JPEG)"))

    @property
    def values(self):
        return {"name": self.name.data.strip(), "affiliation": (self.affiliation.data or "").strip(),
                "affiliation_type": AffiliationType[self.affiliation_type.data], "bio": (self.bio.data or "").strip()}


class OrganiserExpertForm(ExpertForm):
    user = SelectField(_l("Account that edits this profile"), coerce=int, default=0,
                       description=_l("An account with the expert role in this convention; it edits the "
                                      "profile, the declaration and its hearings' documents and answers."))

    def __init__(self, accounts, linked=None, **kwargs):
        """`linked`: {account id: name of the other profile it already edits}, refused (one profile per account)."""
        super().__init__(**kwargs)
        self.user.choices = [SelectChoice(0, _l("None"))] + [SelectChoice(a.id, a.display_name) for a in accounts]
        self.linked = linked or {}

    def validate_user(self, field):
        if field.data and field.data in self.linked:
            raise ValidationError(_("This account already edits the profile of %(name)s: an account edits one "
                                     "profile. Choose another account, or none.", name=self.linked[field.data]))

    @property
    def values(self):
        return {**super().values, "user_id": self.user.data or None}


class InterestForm(Form):
    class Meta:
        csrf = False            # a sub-form: the declaration form carries the token

    kind = SelectField(_l("Kind"), choices=[SelectChoice("", "—")] + [SelectChoice(k.name, k.label) for k in InterestKind],
                       default="")
    organisation = StringField(_l("Organisation"), validators=[Length(max=200)])
    details = StringField(_l("Details"), validators=[Length(max=500)])
    starts_on = DateField(_l("From"), validators=[Optional()])
    ends_on = DateField(_l("To"), validators=[Optional()])

    def validate_organisation(self, field):
        if self.kind.data and not (field.data or "").strip():
            raise ValidationError(_l("Name the organisation."))

    def validate_ends_on(self, field):
        if field.data and self.starts_on.data and field.data < self.starts_on.data:
            raise ValidationError(_l("The end cannot come before the start."))


class DeclarationForm(Form):
    interests = FieldList(FormField(InterestForm), min_entries=3)
    declaration = TextAreaField(_l("Other interests, in your own words"), validators=[Length(max=10000)],
                                description=_l("Anything a reader should know to weigh what you say. Write "
                                               "“None” if you have nothing to declare."))

    def validate_declaration(self, field):
        if not (field.data or "").strip() and not any(entry.kind.data for entry in self.interests):
            raise ValidationError(_l("Declare at least one interest, or write “None”."))

    def lines(self):
        return [{"kind": InterestKind[entry.kind.data], "organisation": entry.organisation.data.strip(),
                 "details": (entry.details.data or "").strip(), "starts_on": entry.starts_on.data,
                 "ends_on": entry.ends_on.data}
                for entry in self.interests if entry.kind.data]


class HearingForm(Form):
    topic = StringField(_l("Topic"), validators=[InputRequired(), Length(max=300)])
    item = SelectField(_l("Agenda item"), coerce=int, default=0)
    experts = SelectMultipleField(_l("Experts heard"), coerce=int)
    video_url = StringField(_l("Video link"), validators=[Optional(), URL(require_tld=False), Length(max=500)])
    summary = TextAreaField(_l("Summary (after the hearing)"), validators=[Length(max=20000)])
    is_published = BooleanField(_l("Published: the public sees the hearing, its experts' declarations and the "
                                   "questions answered"))

    def __init__(self, items, experts, **kwargs):
        super().__init__(**kwargs)
        self.item.choices = [SelectChoice(0, _l("Not in a session yet"))] + [
            SelectChoice(item.id, f"{meeting.title} · {item.title}") for item, meeting in items]
        self.experts.choices = [SelectChoice(e.id, f"{e.name} ({e.affiliation})" if e.affiliation else e.name)
                                for e in experts]

    def validate_experts(self, field):
        if not field.data:
            raise ValidationError(_l("Choose at least one expert."))

    def validate_video_url(self, field):
        if field.data and not field.data.lower().startswith(("https://", "http://")):
            raise ValidationError(_l("Give a web address starting with https://."))


class QuestionForm(Form):
    text = TextAreaField(_l("Your question"), validators=[InputRequired(), Length(max=QUESTION_MAX_LENGTH)])


class AnswerForm(Form):
    answer = TextAreaField(_l("Written answer"), validators=[InputRequired(), Length(max=10000)])


class ModerationForm(Form):
    status = SelectField(choices=[SelectChoice(s.name, s.label) for s in QuestionStatus if s is not QuestionStatus.merged])


class MergeForm(Form):
    into = SelectField(_l("Duplicate of"), coerce=int)

    def __init__(self, others, **kwargs):
        super().__init__(**kwargs)
        self.into.choices = [SelectChoice(q.id, q.text[:80]) for q in others]


class DocumentForm(Form):
    title = StringField(_l("Title"), validators=[Length(max=200)], description=_l("Leave empty to use the file's name."))
    file = FileField(_l("File"))
