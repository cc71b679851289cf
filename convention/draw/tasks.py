"""The draw and replacement draws run in the task queue: a large pool takes a while."""
from ..auth.models import User
from ..extensions import db
from ..i18n import _l
from ..tasks.services import background_task
from . import selections, steps
from .models import Draw


@background_task(label=_l("Panel draw"))
def run_draw(progress, draw_id, user_id, result_url):
    draw, actor = db.session.get(Draw, draw_id), db.session.get(User, user_id) if user_id else None
    try:
        steps.execute(draw, progress, actor=actor)
    except Exception as error:
        db.session.rollback()
        draw = db.session.get(Draw, draw_id)
        steps.fail(draw, error, actor=db.session.get(User, user_id) if user_id else None)
        db.session.commit()
        raise
    db.session.commit()
    return {"url": result_url}


@background_task(label=_l("Replacement draw"))
def run_replacements(progress, draw_id, user_id, seed, seed_source, result_url):
    draw, actor = db.session.get(Draw, draw_id), db.session.get(User, user_id) if user_id else None
    selections.draw_replacements(draw, seed, seed_source, progress, actor=actor)
    db.session.commit()
    return {"url": result_url}
