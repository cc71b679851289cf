"""Sessions and hearings under concurrent requests, on real threads against an app with its own
database (SQLite file or PostgreSQL), as in test_concurrency: two tablets marking the same member at
the door, one member up-voting the same question from several requests. No request fails, and the
unique constraints hold (one mark per member and session, at most one vote per member and question)."""
import pytest

from convention.auth.models import User
from convention.extensions import db
from convention.hearings.models import Question, QuestionVote
from convention.organising.models import Convention
from convention.sessions.models import Attendance, Meeting
from hearings_testing import make_hearing
from sessions_testing import make_meeting
from test_concurrency import _at_once, _count, _rollback, own_app  # noqa: F401  (fixtures and helpers)


@pytest.fixture
def sessions_app(own_app):
    """test_concurrency's app, plus a session held yesterday and a published hearing with a question."""
    with own_app.app_context():
        convention = db.session.get(Convention, own_app.people["convention"])
        member = db.session.get(User, int(own_app.people["member"].split(":")[0]))
        meeting = make_meeting(convention.id, days=-1)
        _expert, hearing = make_hearing(convention.id, published=True)
        question = Question(hearing=hearing, text="Qui décide ?")
        db.session.add(question)
        db.session.commit()
        own_app.people.update({"member_id": member.id, "meeting": meeting.id, "hearing": hearing.id,
                               "question": question.id})
    return own_app


@pytest.mark.parametrize("statuses", [["present"] * 4, ["present", "excused", "absent", "present"]])
def test_two_tablets_marking_one_member_at_once_keep_one_mark(sessions_app, statuses):
    people = sessions_app.people
    url = f"/manage/test/sessions/{people['meeting']}/attendance/{people['member_id']}"
    codes = _at_once(sessions_app, [(url, {"status": status}, None) for status in statuses], "organiser")
    assert codes == [302] * len(statuses)
    assert _count(sessions_app, Attendance, meeting_id=people["meeting"], user_id=people["member_id"]) == 1
    with sessions_app.app_context():
        mark = db.session.scalar(db.select(Attendance))
        assert mark.status.name in statuses


@pytest.mark.filterwarnings("error::sqlalchemy.exc.SAWarning")   # "expected to delete 1 row; 0 matched"
@pytest.mark.parametrize("requests", [2, 5, 8])
def test_one_member_voting_from_several_requests_at_once_votes_at_most_once(sessions_app, requests):
    people = sessions_app.people
    url = f"/c/test/hearings/{people['hearing']}/questions/{people['question']}/vote"
    codes = _at_once(sessions_app, [(url, {}, None)] * requests, "member")
    assert codes == [302] * requests
    assert _count(sessions_app, QuestionVote, question_id=people["question"]) <= 1
    # Once the clicks are over, the toggle still works: one click more flips the vote.
    before = _count(sessions_app, QuestionVote, question_id=people["question"])
    assert _at_once(sessions_app, [(url, {}, None)], "member") == [302]
    assert _count(sessions_app, QuestionVote, question_id=people["question"]) == 1 - before


def test_two_organisers_booking_one_place_at_once_make_one_session(sessions_app):
    form = {"title": "Séance", "day": "2027-05-15", "start": "09:00", "end": "12:00",
            "place": "Salle du conseil", "access_info": "", "online_url": "", "preparation": "", "summary": ""}
    codes = _at_once(sessions_app, [("/manage/test/sessions/new", form, None)] * 3, "organiser")
    assert sorted(codes) == [302, 422, 422]
    with sessions_app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Meeting).filter_by(place="Salle du conseil")) == 1
