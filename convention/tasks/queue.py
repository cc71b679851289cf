"""Storage of the Huey queue: in memory and immediate in tests, Redis when configured, else SQLite."""
import os
import threading

from flask import has_app_context
from huey.consumer import Consumer
from huey.storage import RedisStorage, SqliteStorage

_state = {"app": None, "consumer": None}
_lock = threading.Lock()


def configure(huey, app):
    _state["app"] = app
    huey.immediate = bool(app.config["TASKS_IMMEDIATE"])
    if huey.immediate:
        return
    if app.config.get("REDIS_URL"):
        huey.storage = RedisStorage(huey.name, url=app.config["REDIS_URL"])
    else:
        filename = app.config.get("TASKS_DATABASE") or os.path.join(app.instance_path, "tasks.sqlite")
        huey.storage = SqliteStorage(huey.name, filename=filename)


def app_context():
    """An application context for a task: the caller's one in immediate mode, else the worker's app."""
    if has_app_context():
        return _NullContext()
    return _state["app"].app_context()


class _NullContext:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


class _ThreadConsumer(Consumer):
    """A consumer started from a web request thread, where signal handlers cannot be installed."""

    def _set_signal_handlers(self):
        pass


def ensure_worker(huey, app):
    """Start an in-process worker thread once, unless tasks are immediate or a consumer runs apart."""
    if huey.immediate or not app.config["TASKS_IN_PROCESS_WORKER"]:
        return
    with _lock:
        if _state["consumer"] is None:
            # periodic: the consultation's hourly purge (contributions/tasks.py) runs here too.
            consumer = _ThreadConsumer(huey, workers=2, worker_type="thread", periodic=True)
            consumer.start()
            _state["consumer"] = consumer
