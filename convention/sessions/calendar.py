"""ICS calendars (RFC 5545, made with `icalendar`): one session, or a convention's whole programme.

Times are written in the convention's time zone with its VTIMEZONE, so that a calendar shows
10:00 in Paris whatever the reader's own zone and across the change to summer time."""
from zoneinfo import ZoneInfo

from flask_babel import get_timezone
from icalendar import Calendar, Event

from ..database import utcnow
from ..i18n import _


def calendar(title, meetings, url_of=None):
    """The ICS text of `meetings`; `url_of(meeting)` gives each one's public address (or None)."""
    cal = Calendar()
    cal.add("prodid", "-//Convention citoyenne//Plateforme//FR")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", title)
    zone = ZoneInfo(str(get_timezone()))
    cal.add("x-wr-timezone", str(zone))
    stamp = utcnow()
    for meeting in meetings:
        cal.add_component(_event(meeting, zone, stamp, url_of(meeting) if url_of else None))
    cal.add_missing_timezones()
    return cal.to_ical()


def _event(meeting, zone, stamp, url):
    event = Event()
    event.add("uid", f"session-{meeting.id}-{meeting.convention_id}@convention-citoyenne")
    event.add("dtstamp", stamp)
    event.add("last-modified", meeting.updated_at)
    event.add("dtstart", meeting.starts_at.astimezone(zone))
    event.add("dtend", meeting.ends_at.astimezone(zone))
    event.add("summary", meeting.title)
    location = ", ".join(part for part in (meeting.place, meeting.online_url) if part)
    if location:
        event.add("location", location)
    if url:
        event.add("url", url)
    event.add("description", _description(meeting, zone))
    return event


def _description(meeting, zone):
    lines = [f"{start.astimezone(zone):%H:%M}–{end.astimezone(zone):%H:%M} {item.title} ({item.kind.label})"
             for item, start, end in meeting.timed_items()]
    if meeting.preparation:
        lines += ["", _("To read beforehand:"), meeting.preparation]
    if meeting.access_info:
        lines += ["", meeting.access_info]
    return "\n".join(str(line) for line in lines)
