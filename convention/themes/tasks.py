"""Clustering runs in the task queue: the first run loads the model and embeds every contribution."""
from ..auth.models import User
from ..organising.models import Convention
from ..extensions import db
from ..i18n import _l
from ..tasks.services import background_task


@background_task(label=_l("Themes of the contributions"))
def cluster_contributions(progress, convention_id, user_id, settings, result_url):
    """settings: {"k": fixed number or None, "k_min": ..., "k_max": ...} from the run form."""
    from . import clustering    # numpy and the engine load in the worker, not in the web process

    convention = db.session.get(Convention, convention_id)
    actor = db.session.get(User, user_id) if user_id else None
    summary = clustering.recluster(convention, progress, actor=actor, **settings)
    db.session.commit()
    return {"url": result_url, **summary, "settings": settings}
