"""What the pages show of each theme, recomputed after a run and after each curation: size,
keywords (specific to the theme among the convention's themes), label, representatives, order."""
from flask import current_app

from sqlalchemy.orm import selectinload

from ..extensions import db
from .models import Theme, ThemeAssignment

KEYWORDS = 6
LABEL_WORDS = 3
REPRESENTATIVES = 3


def cached_vectors(contributions):
    """{contribution id: vector} of the contributions whose current text is in the cache."""
    from .embedding import cached
    from .engine import text_hash
    from .engine.encoders import model_name

    model = model_name(current_app.config["EMBEDDING_MODEL"])
    known = cached(model, [text_hash(c.text) for c in contributions])
    return {c.id: known[text_hash(c.text)] for c in contributions if text_hash(c.text) in known}


def refresh(convention, vectors=None):
    """Recompute every theme's summary; `vectors` ({contribution id: vector}) defaults to the cache."""
    import numpy as np

    from .engine import keywords, representatives

    themes = db.session.scalars(db.select(Theme).filter_by(convention_id=convention.id)).all()
    assignments = db.session.scalars(
        db.select(ThemeAssignment).join(Theme).where(Theme.convention_id == convention.id)
        .options(selectinload(ThemeAssignment.contribution)).order_by(ThemeAssignment.contribution_id)).all()
    contributions = [a.contribution for a in assignments]
    labels = [a.theme_id for a in assignments]
    if vectors is None:
        vectors = cached_vectors(contributions)
    words = keywords([c.text for c in contributions], labels, top=KEYWORDS) if assignments else {}
    with_vector = [(c.id, a.theme_id) for c, a in zip(contributions, assignments) if c.id in vectors]
    chosen = {}
    if with_vector:
        matrix = np.vstack([vectors[cid] for cid, _theme in with_vector])
        chosen = {theme: [with_vector[i][0] for i in indices] for theme, indices in
                  representatives(matrix, [t for _cid, t in with_vector], n=REPRESENTATIVES).items()}
    sizes = {}
    for theme_id in labels:
        sizes[theme_id] = sizes.get(theme_id, 0) + 1
    for theme in themes:
        theme.size = sizes.get(theme.id, 0)
        theme.keywords = words.get(theme.id, [])
        theme.label = ", ".join(theme.keywords[:LABEL_WORDS])
        theme.representative_ids = chosen.get(theme.id, [])
    reorder(themes)


def reorder(themes):
    """Locked themes first (people decided them), then the largest."""
    for position, theme in enumerate(sorted(themes, key=lambda t: (not t.locked, -t.size, t.number))):
        theme.position = position
    db.session.flush()
