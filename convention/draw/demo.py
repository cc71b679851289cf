"""The demo convention's draw: a generated pool of volunteers, quotas from census shares, a real
leximin draw, and invitations partly answered."""
import threading
import time

import click
from flask import current_app

from panels.csv_writer import write_csv

from ..demo import demo_step
from ..extensions import db
from . import pool_import, queries, quotas, selections, steps
from .models import SelectionStatus

DEMO_SEED = 2026
TICK_SECONDS = 5        # a progress line at least this often while the draw works
DEMO_DRAW_SEED = 20261201
FIRST_NAMES = ["Camille", "Léa", "Hugo", "Inès", "Louis", "Chloé", "Nathan", "Manon", "Jules", "Sarah",
               "Karim", "Fatima", "Lucas", "Emma", "Yanis", "Jade", "Mathis", "Aïcha", "Théo", "Lina"]
LAST_NAMES = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Petit", "Durand", "Leroy", "Moreau",
              "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "Benali", "Roux", "Fournier", "Girard"]
# (status, how many) of the first drawn people, in order; the others are still to contact.
# The labels an organiser gives the demo pool's feature columns when mapping them.
DEMO_LABELS = {"genre": "Genre", "age": "Âge", "csp": "Catégorie socio-professionnelle", "diplome": "Diplôme",
               "territoire": "Territoire", "logement": "Logement", "situation_familiale": "Situation familiale",
               "vehicule": "Véhicule"}
DEMO_STATUSES = [(SelectionStatus.accepted, 18), (SelectionStatus.invited, 10),
                 (SelectionStatus.declined, 2), (SelectionStatus.unreachable, 1)]


def demo_pool_csv(n_people, n_features=5, seed=DEMO_SEED):
    """A French volunteer pool as an organiser would export it: contacts, address, features."""
    from panels.generate import generate_pool   # numpy: not at the web process's start-up

    pool = generate_pool(n_people, n_features, seed, shared_address_share=0.06)
    rows = []
    for i, person in enumerate(pool):
        first, last = FIRST_NAMES[i % len(FIRST_NAMES)], LAST_NAMES[(i // len(FIRST_NAMES)) % len(LAST_NAMES)]
        email = f"{first}.{last}.{i + 1}@example.org".lower().replace("ï", "i").replace("é", "e")
        rows.append([person.id, first, last, email, person.household, *(person.features[f] for f in pool.features)])
    return write_csv(["id", "prenom", "nom", "email", "adresse", *pool.features], rows).encode("utf-8")


class EchoProgress:
    """The draw's progress on the terminal: a line per step and per 10 %, each with the time worked;
    and while the algorithm reports nothing, the same line again every `tick` seconds, so that a long
    step does not look like a hang. Use it as a context manager (it runs a watching thread)."""

    def __init__(self, tick=None):
        self.tick = tick or TICK_SECONDS
        self.started = self.last_line = time.monotonic()
        self.percent, self.message = -10, None
        self._lock = threading.Lock()
        self._finished = threading.Event()
        self._watcher = threading.Thread(target=self._watch, daemon=True)

    def __call__(self, fraction, message=""):
        with self._lock:
            percent = int(100 * fraction) if fraction is not None else self.percent
            if message != self.message or percent >= self.percent + 10:
                self._echo(message, percent)

    def _echo(self, message, percent):
        click.echo(f"  {message} {max(percent, 0)} % ({round(time.monotonic() - self.started)} s)")
        self.percent, self.message, self.last_line = percent, message, time.monotonic()

    def _watch(self):
        while not self._finished.wait(self.tick):
            with self._lock:
                if self.message is not None and time.monotonic() - self.last_line >= self.tick:
                    self._echo(self.message, self.percent)

    def __enter__(self):
        self._watcher.start()
        return self

    def __exit__(self, *_exc):
        self._finished.set()
        self._watcher.join()


@demo_step
def draw_demo_panel(convention, organiser):
    from panels.generate import FEATURES, POPULATION_SHARES, is_feasible

    size, features = current_app.config["DEMO_POOL_SIZE"], current_app.config["DEMO_FEATURES"]
    click.echo(f"Demo draw: {size} volunteers, {features} features, panel of {convention.panel_size} "
               "(leximin: seconds, up to a minute on a busy machine)…")
    upload = pool_import.store_upload(convention, "vivier_metropole.csv", demo_pool_csv(size, features))
    pool_import.import_pool(convention, upload, pool_import.preview(upload)["roles"], DEMO_LABELS)
    shares = {feature: POPULATION_SHARES[feature] for feature in FEATURES[:features]}
    tolerance = quotas.DEFAULT_TOLERANCE
    quotas.apply_shares(convention, shares, tolerance)
    people = queries.panels_pool(queries.pool_of(convention))
    while not is_feasible(people, queries.panels_quotas(queries.quota_rows(convention)), convention.panel_size):
        tolerance += 0.5      # a small demo pool may not allow the census quotas
        quotas.apply_shares(convention, shares, tolerance)
    draw = queries.draw_of(convention)
    steps.publish(convention, draw)      # households off: the 1,500-pool draw stays near a minute
    steps.set_seed(convention, draw, DEMO_DRAW_SEED, "Démonstration : tirage fictif du 1er décembre 2026")
    steps.claim(convention, draw, "leximin")
    with EchoProgress() as progress:
        drawn = steps.execute(draw, progress, actor=organiser)
    if not drawn:
        raise click.ClickException(f"The demo draw failed: {draw.error}")
    drawn_people = queries.selections(draw)
    start = 0
    for status, count in DEMO_STATUSES:
        for selection in drawn_people[start:start + count]:
            selections.set_status(convention, draw, selection, status, actor=organiser)
        start += count
    db.session.flush()
    click.echo(f"Demo panel drawn: {len(drawn_people)} members, seed {DEMO_DRAW_SEED}.")
