"""Helpers of the hearings tests: an expert (linked to an account), a hearing, questions."""
from convention.extensions import db
from convention.hearings.models import Expert, Hearing, Question


def make_hearing(convention_id, user_id=None, topic="Audition de la CNIL", published=False, expert_name="Marc Delorme"):
    expert = Expert(convention_id=convention_id, user_id=user_id, name=expert_name, affiliation="CNIL")
    hearing = Hearing(convention_id=convention_id, topic=topic, experts=[expert], is_published=published)
    db.session.add_all([expert, hearing])
    db.session.flush()
    return expert, hearing


def matrix_objects(convention, expert_user):
    expert, hearing = make_hearing(convention.id, user_id=expert_user.id)
    question = Question(hearing=hearing, text="Qui décide ?")
    db.session.add(question)
    db.session.flush()
    return {"expert": expert.id, "hearing": hearing.id, "question": question.id}
