"""Questions to the experts: asked and up-voted by members, sorted by votes, moderated, merged, answered."""
import pytest
import sqlalchemy as sa

from convention_testing import log_in, make_user
from hearings_testing import make_hearing
from convention.auth.models import Role
from convention.organising.models import Convention
from convention.extensions import db
from convention.hearings.models import Question, QuestionStatus, QuestionVote

HTMX = {"HX-Request": "true"}


@pytest.fixture
def hearing(app, world):
    with app.app_context():
        _expert, hearing = make_hearing(world.convention.id, user_id=world.users["expert"].id)
        _other_expert, other = make_hearing(world.convention.id, topic="Autre audition", expert_name="Autre")
        db.session.commit()
        return hearing.id, other.id


def _ask(client, slug, hearing_id, text):
    return client.post(f"/c/{slug}/hearings/{hearing_id}/questions", data={"text": text})


def _questions(app):
    with app.app_context():
        return {q.text: q for q in db.session.scalars(db.select(Question))}


def _votes(app, question_id):
    with app.app_context():
        return db.session.scalar(db.select(sa.func.count()).select_from(QuestionVote).filter_by(question_id=question_id))


def test_members_ask_and_up_vote_once_each(client, app, world, hearing):
    hearing_id, _other = hearing
    slug = world.convention.slug
    log_in(client, world.users["member"])
    assert _ask(client, slug, hearing_id, "Qui est responsable d'une erreur ?").status_code == 302
    assert _ask(client, slug, hearing_id, "Les données sont-elles revendues ?").status_code == 302
    response = client.post(f"/c/{slug}/hearings/{hearing_id}/questions", data={"text": ""}, headers=HTMX)
    assert response.status_code == 422
    questions = _questions(app)
    second = questions["Les données sont-elles revendues ?"].id
    url = f"/c/{slug}/hearings/{hearing_id}/questions/{second}/vote"
    # A vote, its toggle back, and the vote again: one vote in the end.
    for _ in range(3):
        client.post(url)
    assert _votes(app, second) == 1
    # The queue puts the up-voted question first; the htmx answer is the queue alone.
    queue = client.post(url.replace(str(second), str(questions["Qui est responsable d'une erreur ?"].id)),
                        headers=HTMX).get_data(as_text=True)
    assert queue.lstrip().startswith('<div id="queue"') and 'hx-trigger="every 10s"' in queue
    queue = client.get(f"/c/{slug}/hearings/{hearing_id}/questions").get_data(as_text=True)
    assert queue.index("Qui est responsable") < queue.index("revendues")  # 1 vote each: the older first
    # The experts and decision makers read, but do not ask or vote.
    log_in(client, world.users["expert"])
    assert _ask(client, slug, hearing_id, "Moi aussi ?").status_code == 403
    assert client.post(url).status_code == 403


def test_the_database_refuses_a_second_vote_of_one_member(app, world, hearing):
    hearing_id, _other = hearing
    with app.app_context():
        question = Question(hearing_id=hearing_id, text="Q ?")
        db.session.add(question)
        db.session.flush()
        db.session.add(QuestionVote(question_id=question.id, user_id=world.users["member"].id))
        db.session.flush()
        db.session.add(QuestionVote(question_id=question.id, user_id=world.users["member"].id))
        with pytest.raises(sa.exc.IntegrityError):
            db.session.flush()
        db.session.rollback()


def test_moderators_mark_and_merge_duplicates_votes_carrying_over_once(client, app, world, hearing):
    hearing_id, _other = hearing
    slug = world.convention.slug
    with app.app_context():
        second_member = make_user("membre2@example.org", db.session.get(Convention, world.convention.id), Role.member)
        db.session.commit()
        second_member_id = second_member.id
    log_in(client, world.users["member"])
    _ask(client, slug, hearing_id, "Qui décide avec l'IA ?")
    log_in(client, second_member)
    _ask(client, slug, hearing_id, "Qui prend les décisions quand il y a une IA ?")
    questions = _questions(app)
    kept, duplicate = questions["Qui décide avec l'IA ?"].id, questions["Qui prend les décisions quand il y a une IA ?"].id
    client.post(f"/c/{slug}/hearings/{hearing_id}/questions/{kept}/vote")        # the second member supports both
    client.post(f"/c/{slug}/hearings/{hearing_id}/questions/{duplicate}/vote")
    log_in(client, world.users["organiser"])
    base = f"/manage/{slug}/hearings/{hearing_id}/questions"
    assert client.post(f"{base}/{kept}/merge", data={"into": kept}).status_code == 400   # not into itself
    assert client.post(f"{base}/{duplicate}/merge", data={"into": kept}).status_code == 302
    with app.app_context():
        voters = set(db.session.scalars(db.select(QuestionVote.user_id).filter_by(question_id=kept)))
        assert voters == {second_member_id}
        assert db.session.get(Question, duplicate).status is QuestionStatus.merged
    # Merged: no more votes, no second merge.
    log_in(client, world.users["member"])
    assert client.post(f"/c/{slug}/hearings/{hearing_id}/questions/{duplicate}/vote").status_code == 409
    log_in(client, world.users["organiser"])
    response = client.post(f"{base}/{kept}/status", data={"status": "asked"}, headers=HTMX)
    assert response.status_code == 200 and "Posée" in response.get_data(as_text=True)
    assert client.post(f"{base}/{kept}/status", data={"status": "merged"}).status_code == 400


def test_an_expert_answers_their_hearing_only_and_the_public_reads_the_answers(client, app, world, hearing):
    hearing_id, other_id = hearing
    slug = world.convention.slug
    log_in(client, world.users["member"])
    _ask(client, slug, hearing_id, "Comment contester une décision ?")
    _ask(client, slug, hearing_id, "Question restée en attente")
    _ask(client, slug, other_id, "Question de l'autre audition")
    questions = _questions(app)
    mine, elsewhere = questions["Comment contester une décision ?"].id, questions["Question de l'autre audition"].id
    log_in(client, world.users["expert"])
    url = f"/c/{slug}/hearings/{hearing_id}/questions/{mine}/answer"
    assert client.post(url, data={"answer": ""}).status_code == 422
    assert client.post(url, data={"answer": "Par un recours gracieux, puis devant le juge."}).status_code == 302
    assert client.post(f"/c/{slug}/hearings/{other_id}/questions/{elsewhere}/answer",
                       data={"answer": "Je réponds ailleurs"}).status_code == 403
    log_in(client, world.users["member"])
    assert client.post(url, data={"answer": "Pas moi"}).status_code == 403
    with app.app_context():
        question = db.session.get(Question, mine)
        assert question.status is QuestionStatus.answered and question.answered_by.name == "Marc Delorme"
        db.session.get(Convention, world.convention.id).is_public = True
        question.hearing.is_published = True
        db.session.commit()
    log_in(client, None)
    page = client.get(f"/c/{slug}/hearings/{hearing_id}").get_data(as_text=True)
    assert "Par un recours gracieux" in page and "Question restée en attente" not in page
    assert 'id="question-form"' not in page
    assert client.get(f"/c/{slug}/hearings/{other_id}").status_code == 404     # not published
