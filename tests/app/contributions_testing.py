"""Helpers of the contributions tests: contributions written straight to the database."""
from convention.contributions.models import AuthorKind, Consultation, Contribution, ContributionStatus
from convention.extensions import db


def add(app, convention_id, text, status=ContributionStatus.published, kind=AuthorKind.imported, **fields):
    """A contribution of the convention; returns its id."""
    with app.app_context():
        contribution = Contribution(convention_id=convention_id, text=text, status=status, author_kind=kind,
                                    **fields)
        db.session.add(contribution)
        db.session.commit()
        return contribution.id


def get(app, contribution_id):
    with app.app_context():
        contribution = db.session.get(Contribution, contribution_id)
        db.session.expunge(contribution)
        return contribution


def open_consultation(app, convention_id):
    with app.app_context():
        db.session.add(Consultation(convention_id=convention_id, is_open=True))
        db.session.commit()


def count(app, **filters):
    with app.app_context():
        return db.session.scalar(db.select(db.func.count(Contribution.id)).filter_by(**filters))
