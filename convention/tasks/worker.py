"""Entry point of a separate task consumer (production):

    CONVENTION_TASKS_IN_PROCESS_WORKER=false  (for the web processes)
    huey_consumer convention.tasks.worker.huey -w 2
"""
from .. import create_app
from ..extensions import huey  # noqa: F401  (the consumer's target)

app = create_app()
