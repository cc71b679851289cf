"""Theme numbers: stable, given in order, never reused within a convention."""
from ..extensions import db
from .models import Theme, ThemeCounter


def next_numbers(convention, count):
    """The next `count` theme numbers of the convention (the counter moves on: none is given twice)."""
    counter = db.session.get(ThemeCounter, convention.id)
    if counter is None:
        counter = ThemeCounter(convention_id=convention.id, last_number=0)
        db.session.add(counter)
    highest = db.session.scalar(db.select(db.func.max(Theme.number)).filter_by(convention_id=convention.id))
    first = max(counter.last_number, highest or 0) + 1
    counter.last_number = first + count - 1
    return list(range(first, first + count))
