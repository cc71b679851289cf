"""The contributions' operations and queries."""
from ..extensions import db
from .models import Contribution, ContributionStatus


def published_contributions(convention):
    """A query (select) of the convention's published contributions, ordered by id."""
    return (db.select(Contribution)
            .filter_by(convention_id=convention.id, status=ContributionStatus.published)
            .order_by(Contribution.id))
