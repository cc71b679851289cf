"""The consultation's periodic work: contributions whose confirmation link expired unconfirmed go.

Safe since confirmation belongs to each contribution: a confirmed contribution is never unconfirmed
again, so only what nobody confirmed in time is deleted. `flask convention purge-unconfirmed` does
the same from cron where no task consumer runs.
"""
from huey import crontab

from ..extensions import db, huey
from ..tasks import queue
from . import consultation


@huey.periodic_task(crontab(minute="17"))   # hourly: links last days, a purge an hour late is fine
def purge_unconfirmed_contributions():
    with queue.app_context():
        count = consultation.purge_unconfirmed()
        db.session.commit()
    return count
