"""Sessions and hearings under concurrent requests, on real threads against an app with its own
database (SQLite file or PostgreSQL), as in test_concurrency: two tablets marking the same member at
the door, one member up-voting the same question from several requests. No request fails, and the
unique constraints hold (one mark per member and session, at most one vote per member and question)."""
import pytest

from convention import create_app
from convention.auth.models import Role
from convention.extensions import db
from convention.hearings.models import Question, QuestionVote
from convention.sessions.models import Attendance
from convention_testing import app_config, make_convention, make_user
from hearings_testing import make_hearing
from sessions_testing import make_meeting
from test_concurrency import _at_once, _count


@pytest.fixture
def _rollback():
    """These tests commit for real, in their own database: no transaction to roll back."""
    yield


@pytest.fixture
def own_app(empty_database):
    app = create_app(app_config(empty_database()))
    with app.app_context():
        db.create_all()
        convention = make_convention(is_public=True)
        organiser = make_user("organisatrice@example.org", convention, Role.organiser)
        member = make_user("membre@example.org", convention, Role.member)
        db.session.flush()
        meeting = make_meeting(convention.id, days=-1)
        _expert, hearing = make_hearing(convention.id, published=True)
        question = Question(hearing=hearing, text="Qui décide ?")
        db.session.add(question)
        db.session.commit()
        app.people = {"organiser": organiser.get_id(), "member": member.get_id(), "member_id": member.id,
                      "meeting": meeting.id, "hearing": hearing.id, "question": question.id}
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.mark.parametrize("statuses", [["present"] * 4, ["present", "excused", "absent", "present"]])
def test_two_tablets_marking_one_member_at_once_keep_one_mark(own_app, statuses):
    people = own_app.people
    url = f"/manage/test/sessions/{people['meeting']}/attendance/{people['member_id']}"
    codes = _at_once(own_app, [(url, {"status": status}, None) for status in statuses], "organiser")
    assert codes == [302] * len(statuses)
    assert _count(own_app, Attendance, meeting_id=people["meeting"], user_id=people["member_id"]) == 1
    with own_app.app_context():
        mark = db.session.scalar(db.select(Attendance))
        assert mark.status.name in statuses


@pytest.mark.filterwarnings("error::sqlalchemy.exc.SAWarning")   # "expected to delete 1 row; 0 matched"
@pytest.mark.parametrize("requests", [2, 5, 8])
def test_one_member_voting_from_several_requests_at_once_votes_at_most_once(own_app, requests):
    people = own_app.people
    url = f"/c/test/hearings/{people['hearing']}/questions/{people['question']}/vote"
    codes = _at_once(own_app, [(url, {}, None)] * requests, "member")
    assert codes == [302] * requests
    assert _count(own_app, QuestionVote, question_id=people["question"]) <= 1
    # Once the clicks are over, the toggle still works: one click more flips the vote.
    before = _count(own_app, QuestionVote, question_id=people["question"])
    assert _at_once(own_app, [(url, {}, None)], "member") == [302]
    assert _count(own_app, QuestionVote, question_id=people["question"]) == 1 - before
