"""Forms of the sessions: a session (its day and hours in the convention's time zone), an agenda item,
a document, an attendance mark."""
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from flask_babel import get_timezone
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, DateField, IntegerField, SelectField, StringField, TextAreaField, TimeField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, NumberRange, Optional, URL, ValidationError

from ..forms import Form
from ..i18n import _l
from .models import AgendaKind, AttendanceStatus


def to_utc(day, time):
    """A day and a time of the convention's time zone (Europe/Paris) as an aware UTC datetime."""
    local = datetime.combine(day, time).replace(tzinfo=ZoneInfo(str(get_timezone())))
    return local.astimezone(timezone.utc)


def to_local(moment):
    return moment.astimezone(ZoneInfo(str(get_timezone())))


def _check_exists(day, time):
    """A clock time skipped when summer time starts (02:30 on the last Sunday of March in Paris) is
    refused, rather than silently saved an hour off."""
    if day is not None and time is not None and to_local(to_utc(day, time)).replace(tzinfo=None) != \
            datetime.combine(day, time):
        raise ValidationError(_l("This time does not exist on that day: the clocks go forward an hour "
                                 "(summer time). Choose another time."))


class MeetingForm(Form):
    title = StringField(_l("Title"), validators=[InputRequired(), Length(max=200)],
                        description=_l("For example “Session 2: hearing the experts”."))
    day = DateField(_l("Day"), validators=[InputRequired()])
    start = TimeField(_l("Start time"), validators=[InputRequired()])
    end = TimeField(_l("End time"), validators=[InputRequired()])
    place = StringField(_l("Place (address)"), validators=[Length(max=300)],
                        description=_l("Leave empty for a session held online only."))
    access_info = TextAreaField(_l("Access and accessibility"), validators=[Length(max=5000)],
                                description=_l("Transport, entrance, step-free access, hearing loop, childcare…"))
    online_url = StringField(_l("Online link"), validators=[Optional(), URL(require_tld=False), Length(max=500)],
                             description=_l("The video-conference address, if the session can be followed online."))
    preparation = TextAreaField(_l("To read beforehand"), validators=[Length(max=5000)])
    summary = TextAreaField(_l("Summary (after the session)"), validators=[Length(max=20000)])
    is_published = BooleanField(_l("Published: the public sees the session, its agenda and documents"))

    def validate_start(self, field):
        _check_exists(self.day.data, field.data)

    def validate_end(self, field):
        _check_exists(self.day.data, field.data)
        if self.start.data is not None and field.data is not None and field.data <= self.start.data:
            raise ValidationError(_l("The session must end after it starts."))

    def validate_online_url(self, field):
        if field.data and not field.data.lower().startswith(("https://", "http://")):
            raise ValidationError(_l("Give a web address starting with https://."))

    def validate_place(self, field):
        if not (field.data or "").strip() and not (self.online_url.data or "").strip():
            raise ValidationError(_l("Give a place, an online link, or both."))

    def load(self, meeting):
        """Fill the form from a session (its hours shown in the convention's time zone)."""
        start, end = to_local(meeting.starts_at), to_local(meeting.ends_at)
        self.day.data, self.start.data, self.end.data = start.date(), start.time(), end.time()
        for name in ("title", "place", "access_info", "online_url", "preparation", "summary", "is_published"):
            getattr(self, name).data = getattr(meeting, name)

    @property
    def values(self):
        return {"title": self.title.data.strip(), "starts_at": to_utc(self.day.data, self.start.data),
                "ends_at": to_utc(self.day.data, self.end.data), "place": (self.place.data or "").strip(),
                "access_info": (self.access_info.data or "").strip(), "online_url": (self.online_url.data or "").strip(),
                "preparation": (self.preparation.data or "").strip(), "summary": (self.summary.data or "").strip(),
                "is_published": self.is_published.data}


class AgendaItemForm(Form):
    kind = SelectField(_l("Kind"), choices=[SelectChoice(kind.name, kind.label) for kind in AgendaKind],
                       default=AgendaKind.plenary.name)
    title = StringField(_l("Title"), validators=[InputRequired(), Length(max=200)])
    minutes = IntegerField(_l("Duration (minutes)"), default=30,
                           validators=[InputRequired(), NumberRange(min=5, max=720)])
    description = TextAreaField(_l("Description"), validators=[Length(max=5000)])

    @property
    def values(self):
        return {"kind": AgendaKind[self.kind.data], "title": self.title.data.strip(),
                "minutes": self.minutes.data, "description": (self.description.data or "").strip()}


class DocumentForm(Form):
    title = StringField(_l("Title"), validators=[Length(max=200)],
                        description=_l("Leave empty to use the file's name."))
    item = SelectField(_l("Agenda item"), coerce=int, default=0)
    file = FileField(_l("File"), validators=[FileRequired(_l("Choose a file."))])

    def __init__(self, meeting, **kwargs):
        super().__init__(**kwargs)
        self.item.choices = [SelectChoice(0, _l("The whole session"))] + [SelectChoice(item.id, item.title)
                                                                          for item in meeting.items]


class AttendanceForm(Form):
    status = SelectField(choices=[SelectChoice(status.name, status.label) for status in AttendanceStatus])
