"""The demo convention has two hearings with experts, declarations, a document and questions, one answered."""
import sqlalchemy as sa

from convention.extensions import db
from convention.hearings.models import Expert, Hearing, Question, QuestionStatus, QuestionVote


def test_demo_hears_two_experts(runner, app, client):
    result = runner.invoke(args=["convention", "demo"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        hearings = db.session.scalars(db.select(Hearing)).all()
        assert len(hearings) == 2 and all(h.is_published and h.item is not None for h in hearings)
        assert all(e.declared_at and e.interests for e in db.session.scalars(db.select(Expert)))
        assert db.session.scalar(db.select(Expert).filter(Expert.user_id.is_not(None))).name == "Dr Aïcha Benali"
        statuses = db.session.scalars(db.select(Question.status)).all()
        assert QuestionStatus.answered in statuses and len(statuses) == 3
        assert db.session.scalar(db.select(sa.func.count()).select_from(QuestionVote)) > 0
        slug, hearing_id = hearings[1].convention_id, hearings[1].id
        from convention.organising.models import Convention
        slug = db.session.get(Convention, slug).slug
    page = client.get(f"/c/{slug}/hearings/{hearing_id}").get_data(as_text=True)
    assert "La collectivité reste responsable" in page and "Marc Delorme" in page
