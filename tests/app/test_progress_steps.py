"""Progress that does not look stuck: the first themes run loads the language model (up to a minute)
as a step of its own instead of sitting at "2 %"; a running task shows how long it has worked; the
draw's bar never goes back and says what the algorithm is doing; the demo draw prints a line while
the algorithm is silent."""
import re
import threading
from datetime import timedelta

import click

from convention_testing import log_in
from themes_testing import add_contributions, topic_texts
from convention.organising.models import Convention
from convention.database import utcnow
from convention.draw import demo, steps
from convention.extensions import db
from convention.tasks.models import TaskRun, TaskState
from convention.themes import clustering


class Recorder:
    """A task's progress as the clustering sees it, keeping every report."""

    def __init__(self):
        self.reports = []

    def report(self, fraction, message=""):
        self.reports.append((fraction, str(message)))

    def __call__(self, fraction, message=""):
        self.reports.append((fraction, str(message)))


def _run(app, convention_id):
    with app.app_context():
        progress = Recorder()
        clustering.recluster(db.session.get(Convention, convention_id), progress, k=3)
        db.session.commit()
        return progress.reports


def test_loading_the_model_is_a_step_of_the_progress(app, world):
    texts = [f"{text} (séance {n})" for n, text in enumerate(t for group in topic_texts().values() for t in group)]
    add_contributions(app, world.convention.id, texts)
    reports = _run(app, world.convention.id)
    messages = [message for _fraction, message in reports]
    loading = messages.index("Chargement du modèle de langue (jusqu’à une minute au premier calcul)…")
    loaded = messages.index("Modèle de langue chargé\N{NARROW NO-BREAK SPACE}: calcul du sens des contributions…")
    assert loading < loaded < messages.index("Regroupement des contributions en thèmes…")
    fractions = [fraction for fraction, _message in reports if fraction is not None]
    assert fractions == sorted(fractions), "the bar never goes back"
    assert 0 < reports[loading][0] < reports[loaded][0]
    again = [message for _fraction, message in _run(app, world.convention.id)]
    assert not any("modèle" in message for message in again), "every text is in the cache: no model to load"


def test_a_running_task_says_how_long_it_has_worked(client, app, world):
    """Between two reports the bar may not move: the time worked does, at each poll."""
    with app.app_context():
        run = TaskRun(kind="cluster_contributions", convention_id=world.convention.id, state=TaskState.running,
                      progress=0.56, message="Computing the fairest lottery…",
                      started_at=utcnow() - timedelta(minutes=2, seconds=5))
        db.session.add(run)
        db.session.commit()
        run_id = run.id
    log_in(client, world.users["organiser"])
    fragment = client.get(f"/tasks/{run_id}", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "Calcul de la loterie la plus équitable…" in fragment
    assert re.search(r"<p class=\"muted task-elapsed\" aria-hidden=\"true\">Au travail depuis 2 min \d\d s\.</p>", fragment), fragment


def test_the_demo_draw_says_it_is_still_at_work(runner, app, monkeypatch):
    """While the algorithm reports nothing, the demo prints its step again with the time worked
    (here the algorithm is held until that line has appeared, however busy the machine)."""
    monkeypatch.setattr(demo, "TICK_SECONDS", 0.05)
    printed, repeated = [], threading.Event()
    echo = click.echo

    def recording_echo(message=None, *args, **kwargs):
        printed.append(str(message))
        if sum("Calcul de la loterie la plus équitable" in line for line in printed) >= 2:
            repeated.set()
        echo(message, *args, **kwargs)

    real_execute = steps.execute

    def held_execute(draw, progress, actor=None):
        progress(0.3, "Calcul de la loterie la plus équitable…")
        assert repeated.wait(60), "no progress line while the algorithm is silent"
        return real_execute(draw, progress, actor=actor)

    monkeypatch.setattr(click, "echo", recording_echo)
    monkeypatch.setattr(steps, "execute", held_execute)
    result = runner.invoke(args=["convention", "demo"])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if "Calcul de la loterie la plus équitable… 30 %" in line]
    assert len(lines) >= 2 and all(re.search(r"\(\d+ s\)$", line) for line in lines), result.output


def test_the_draw_bar_never_goes_back_and_names_the_algorithm_at_work(app):
    """The algorithm's sub-steps each count from 0 and some report no fraction at all: the bar keeps
    its highest point and such a step reads as the lottery's computation, not as the input checks."""
    reports = []
    with app.app_context():
        callback = steps.scaled(lambda fraction, message: reports.append((str(message), fraction)))
        for fraction in (0.0, None, 0.3, 0.1, None, 0.86):
            callback(fraction, "library message")
    checking, lottery, sampling = ("Vérification du vivier et des quotas…", "Calcul de la loterie la plus équitable…",
                                   "Tirage du panel avec la graine…")
    assert reports == [(checking, 0.0), (lottery, None), (lottery, 0.3), (lottery, 0.3), (lottery, None),
                       (sampling, 0.86)]
