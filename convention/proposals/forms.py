"""Forms of the proposals: a draft (with the version it started from), a status change, a merge, an
amendment and the group's decision on it, a comment and its moderation."""
from wtforms import HiddenField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, ValidationError

from ..auth.forms import strip
from ..forms import Form
from ..i18n import _l
from .models import AmendmentStatus, CommentStatus, ProposalStatus

TEXT_MAX_LENGTH = 50000


class ProposalForm(Form):
    title = StringField(_l("Title"), filters=[strip], validators=[InputRequired(), Length(max=300)])
    summary = TextAreaField(_l("Summary"), filters=[strip], validators=[Length(max=1000)],
                            description=_l("Two or three sentences that say what the proposal changes."))
    text = TextAreaField(_l("Text of the proposal"), validators=[InputRequired(), Length(max=TEXT_MAX_LENGTH)],
                         description=_l("Markdown: **bold**, *italic*, lists with “-”, headings with “##”, "
                                        "links [text](https://…). HTML is shown as text."))
    themes = SelectMultipleField(_l("Themes"), coerce=int)
    contributions = SelectMultipleField(_l("Contributions it answers"), coerce=int)
    hearings = SelectMultipleField(_l("Hearings it draws on"), coerce=int)
    base_version = HiddenField()

    def __init__(self, themes, contributions, hearings, **kwargs):
        super().__init__(**kwargs)
        self.themes.choices = [SelectChoice(t.id, f"{t.number}. {t.title}") for t in themes]
        self.contributions.choices = [SelectChoice(c.id, f"#{c.id} {c.text[:80]}") for c in contributions]
        self.hearings.choices = [SelectChoice(h.id, h.topic) for h in hearings]

    def validate_themes(self, field):
        if self.themes.choices and not field.data:
            raise ValidationError(_l("Choose at least one theme."))

    def values(self, themes, contributions, hearings):
        """The fields, with the chosen objects in place of their ids."""
        pick = lambda objects, ids: [o for o in objects if o.id in set(ids or ())]  # noqa: E731
        return {"title": self.title.data, "summary": self.summary.data or "", "text": self.text.data.replace("\r\n", "\n"),
                "themes": pick(themes, self.themes.data), "contributions": pick(contributions, self.contributions.data),
                "hearings": pick(hearings, self.hearings.data)}


class StatusForm(Form):
    status = SelectField(choices=[SelectChoice(s.name, s.label) for s in ProposalStatus if s.name != "merged"])


class MergeForm(Form):
    into = SelectField(_l("Merge into"), coerce=int)

    def __init__(self, others, **kwargs):
        super().__init__(**kwargs)
        self.into.choices = [SelectChoice(p.id, p.title) for p in others]


class AmendmentForm(Form):
    passage = TextAreaField(_l("Passage to replace"), validators=[Length(max=TEXT_MAX_LENGTH)],
                            description=_l("Copy the passage exactly as it is in the text; leave empty to "
                                           "replace the whole text."))
    replacement = TextAreaField(_l("Replacement"), validators=[InputRequired(), Length(max=TEXT_MAX_LENGTH)])
    justification = TextAreaField(_l("Justification"), filters=[strip],
                                  validators=[InputRequired(), Length(max=3000)],
                                  description=_l("Why the convention should make this change."))

    def __init__(self, text="", **kwargs):
        super().__init__(**kwargs)
        self._text = text

    def validate_passage(self, field):
        field.data = (field.data or "").replace("\r\n", "\n")
        if field.data.strip() and field.data not in self._text:
            raise ValidationError(_l("This passage is not in the current text of the proposal: copy it "
                                     "exactly, or leave the field empty to replace the whole text."))
        if not field.data.strip():
            field.data = ""

    def validate_replacement(self, field):
        field.data = (field.data or "").replace("\r\n", "\n")


class DecisionForm(Form):
    decision = SelectField(choices=[SelectChoice(s.name, s.label) for s in
                                    (AmendmentStatus.accepted, AmendmentStatus.rejected, AmendmentStatus.plenary)])
    reason = StringField(_l("Reason for rejection"), filters=[strip], validators=[Length(max=1000)])

    def validate_reason(self, field):
        if self.decision.data == "rejected" and not field.data:
            raise ValidationError(_l("Give the reason for the rejection."))


class CommentForm(Form):
    text = TextAreaField(_l("Your comment"), filters=[strip], validators=[InputRequired(), Length(max=3000)])
    parent = HiddenField()

    @property
    def parent_id(self):
        return int(self.parent.data) if (self.parent.data or "").isdigit() else None


class CommentModerationForm(Form):
    status = SelectField(choices=[SelectChoice(s.name, s.label) for s in CommentStatus])
    reason = StringField(_l("Reason for hiding"), filters=[strip], validators=[Length(max=500)])

    def validate_reason(self, field):
        if self.status.data == "hidden" and not field.data:
            raise ValidationError(_l("Give the reason for hiding the comment."))
