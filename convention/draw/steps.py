"""The draw itself: publishing the inputs' fingerprints, the seed, running it, relaxing quotas."""
import secrets
from dataclasses import asdict

from panels import BadQuotas, InfeasibleQuotas
from panels.validate import check_inputs

from ..audit import labels
from ..audit import services as audit
from ..database import utcnow
from ..extensions import db
from ..i18n import _l
from . import queries
from .models import Draw, DrawRound, DrawState, Selection, SelectionStatus, Volunteer

labels.register(
    actions={"draw.pool_import": _l("Pool imported"), "draw.quotas_update": _l("Quotas changed"),
             "draw.publish": _l("Draw inputs published"), "draw.withdraw": _l("Publication withdrawn"),
             "draw.seed": _l("Seed set"), "draw.start": _l("Draw started"), "draw.run": _l("Panel drawn"),
             "draw.infeasible": _l("Quotas could not be met"), "draw.relax": _l("Quotas relaxed"),
             "draw.failed": _l("Draw failed"), "draw.interrupted": _l("Interrupted draw taken back"), "draw.status": _l("Invitation status changed"),
             "draw.replace_start": _l("Replacement draw started"),
             "draw.replace": _l("Replacements drawn"), "draw.replace_infeasible": _l("Replacements impossible")},
    fields={"filename": _l("File"), "size": _l("People"), "features": _l("Features"),
            "pool_sha256": _l("Pool fingerprint"), "quotas_sha256": _l("Quotas fingerprint"),
            "seed": _l("Seed"), "seed_source": _l("Seed source"), "algorithm": _l("Algorithm"),
            "households": _l("One person per household"), "selected": _l("Selected"),
            "min_probability": _l("Lowest selection probability"), "status": _l("Status"),
            "person": _l("Person"), "declined": _l("Seats to fill"), "how": _l("Method"),
            "relaxations": _l("Changes"), "error": _l("Error")},
    values={"status": {status.name: status.label for status in SelectionStatus},
            "how": {"table": _l("bounds typed in the table"), "shares": _l("from population shares typed in"),
                    "file": _l("from a file of quotas"), "shares file": _l("from a file of population shares")}},
    formats={"min_probability": "probability", "seed": "code", "relaxations": lambda value: _relaxations_text(value)},
    names={"VolunteerPool": lambda pool: pool.filename, "Selection": lambda selection: selection.volunteer.external_id},
    objects={"VolunteerPool": _l("Pool"), "Draw": _l("Draw"), "Selection": _l("Drawn person")},
    action_fields={"draw.pool_import": {"size": _l("Volunteers")}, "draw.publish": {"size": _l("Panel size")}})

MAX_SEED = 2**63 - 1
ALGORITHM_LABELS = {
    "leximin": _l("Leximin (fairest: maximises the lowest selection chances, recommended)"),
    "maximin": _l("Maximin"),
    "nash": _l("Nash (maximises the product of the chances)"),
    "legacy": _l("Legacy (greedy, as older tools did)"),
}


class WrongState(Exception):
    """The draw is not at the step this action belongs to."""


def publish(convention, draw, households=False):
    """Freeze the inputs: record and publish the pool's and quotas' SHA-256 fingerprints.

    Raises BadQuotas while the inputs have problems, WrongState when not in preparation.
    """
    pool = queries.pool_of(convention)
    if draw.state is not DrawState.preparing or pool is None:
        raise WrongState()
    rows = queries.quota_rows(convention)
    households = bool(households and pool.address_columns)
    check_inputs(queries.panels_pool(pool, households), queries.panels_quotas(rows), convention.panel_size,
                 households=households)
    draw.pool_sha256, draw.quotas_sha256 = queries.fingerprints(convention)
    draw.households, draw.size = households, convention.panel_size
    draw.published_at, draw.state = utcnow(), DrawState.published
    draw.relaxations = draw.error = None
    db.session.add(draw)        # the first step stores the draw (until then `draw_of` gives an unsaved one)
    audit.record("draw.publish", draw, convention=convention,
                 after={"pool_sha256": draw.pool_sha256, "quotas_sha256": draw.quotas_sha256,
                        "size": draw.size, "households": draw.households})


def withdraw(convention, draw):
    """Back to preparation (the inputs may change again): the fingerprints and the seed are dropped."""
    if draw.state not in (DrawState.published, DrawState.infeasible):
        raise WrongState()
    before = {"pool_sha256": draw.pool_sha256, "quotas_sha256": draw.quotas_sha256, "seed": draw.seed}
    _reset(draw)
    audit.record("draw.withdraw", draw, convention=convention, before=before)


def _reset(draw):
    draw.state = DrawState.preparing
    draw.pool_sha256 = draw.quotas_sha256 = draw.published_at = draw.size = None
    draw.seed = draw.seed_source = draw.seed_set_at = None


def new_seed():
    return secrets.randbelow(2**31)


def set_seed(convention, draw, seed, source):
    """The public random seed, once the fingerprints are published (and before the draw)."""
    if draw.state is not DrawState.published:
        raise WrongState()
    draw.seed, draw.seed_source, draw.seed_set_at = seed, source.strip() or None, utcnow()
    audit.record("draw.seed", draw, convention=convention,
                 after={"seed": seed, "seed_source": draw.seed_source})


def claim(convention, draw, algorithm, households=None):
    """Mark the draw running, atomically, so that a double click cannot start two draws.

    Returns False when another request got there first (or the draw is not ready).
    """
    if algorithm not in ALGORITHM_LABELS or draw.seed is None:
        raise WrongState()
    claimed = db.session.execute(
        db.update(Draw).where(Draw.id == draw.id, Draw.state == DrawState.published,
                              Draw.seed.is_not(None))
        .values(state=DrawState.running, algorithm=algorithm)).rowcount == 1
    if claimed:
        db.session.refresh(draw)
        audit.record("draw.start", draw, convention=convention,
                     after={"algorithm": algorithm, "seed": draw.seed, "households": draw.households})
    return claimed


def take_back_interrupted(convention, draw):
    """A draw whose run was interrupted (its worker died) is ready to start again, same inputs and seed.

    Call it once `tasks.mark_interrupted` returned True for that run. Raises WrongState otherwise.
    """
    if draw.state is not DrawState.running:
        raise WrongState()
    draw.state = DrawState.published
    audit.record("draw.interrupted", draw, convention=convention, after={"algorithm": draw.algorithm})


def execute(draw, progress, actor=None):
    """Run the claimed draw with `panels.draw`: the algorithm's lottery, the panel the seed selects,
    its record, verified before it is stored.

    Infeasible quotas leave the draw `infeasible` with the library's suggested relaxations; a
    record that fails its own checks is not stored (the draw can be started again).
    `progress(fraction, message)` is told how far it is.
    """
    # Imported here: numpy and the solver are for the task, not for the web process's start.
    from panels.pipeline import DrawRejected, draw as run_draw

    convention = draw.convention
    pool = queries.pool_of(convention)
    people = queries.panels_pool(pool)
    quotas = queries.panels_quotas(queries.quota_rows(convention))
    try:
        result = run_draw(people, quotas, draw.size, seed=draw.seed, algorithm=draw.algorithm,
                          households=draw.households, seed_source=draw.seed_source,
                          pool_columns=queries.pool_columns(pool, draw.households), progress=scaled(progress))
    except InfeasibleQuotas as error:
        options = getattr(error, "alternatives", None) or ([error.relaxations] if error.relaxations else [])
        draw.state, draw.error = DrawState.infeasible, str(error)
        draw.relaxations = [[asdict(r) for r in option] for option in options]
        audit.record("draw.infeasible", draw, convention=convention, actor=actor,
                     after={"relaxations": len(options)})
        return False
    except (BadQuotas, DrawRejected) as error:
        draw.state, draw.error = DrawState.published, str(error)
        audit.record("draw.failed", draw, convention=convention, actor=actor, after={"error": str(error)})
        return False
    selected, record = result.selected, result.record
    store_round(draw, pool, record, selected, 1)
    draw.state, draw.drawn_at, draw.error, draw.relaxations = DrawState.done, utcnow(), None, None
    audit.record("draw.run", draw, convention=convention, actor=actor,
                 after={"algorithm": draw.algorithm, "seed": draw.seed, "selected": len(selected),
                        "min_probability": round(result.distribution.min_probability, 6)})
    return True


def fail(draw, error, actor=None):
    """An unexpected failure: the draw can be started again (unless another run finished it)."""
    if draw.state is not DrawState.running:
        return
    draw.state, draw.error = DrawState.published, str(error) or type(error).__name__
    audit.record("draw.failed", draw, convention=draw.convention, actor=actor, after={"error": draw.error})


def store_round(draw, pool, record, selected, number):
    """Keep a round of the draw (its record) and the people it selected, by their pool ids."""
    db.session.add(DrawRound(draw=draw, number=number, record=record))
    ids = dict(db.session.execute(db.select(Volunteer.external_id, Volunteer.id)
                                  .filter(Volunteer.pool_id == pool.id,
                                          Volunteer.external_id.in_(list(selected)))).all())
    for person_id in selected:
        db.session.add(Selection(draw_id=draw.id, volunteer_id=ids[person_id], round_number=number))


# What each phase of `panels.draw` is doing, in the visitor's language (its own messages are
# English, for the command line): (from this fraction on, message).
PHASES = ((0.0, _l("Checking the pool and the quotas…")), (0.02, _l("Computing the fairest lottery…")),
          (0.85, _l("Drawing the panel with the seed…")), (0.9, _l("Verifying the draw record…")))


def scaled(progress, phases=PHASES, start=0.0, end=1.0):
    """A `panels` progress callback `(fraction, message)` reporting into [start, end] of the run
    with our translated message for the phase, to the task's `progress(fraction, message)`."""
    last = [0.0]
    at_work = phases[min(1, len(phases) - 1)][0]    # the algorithm's phase, after the checks

    def callback(fraction, _message=None):
        if fraction is not None:            # the algorithm's sub-steps each count from 0: never go back
            last[0] = max(last[0], fraction)
        else:                               # a step without a fraction: the algorithm is at work
            last[0] = max(last[0], at_work)
        message = [text for begin, text in phases if last[0] >= begin][-1]
        progress(None if fraction is None else start + (end - start) * last[0], message)
    return callback


def apply_relaxation(convention, draw, option):
    """Apply the `option`-th suggested set of relaxations to the quotas, and go back to preparation
    (the fingerprints changed: publish them again, then enter a new seed). Raises WrongState."""
    if draw.state is not DrawState.infeasible or not draw.relaxations or not 0 <= option < len(draw.relaxations):
        raise WrongState()
    changes = draw.relaxations[option]
    rows = {(row.feature, row.value): row for row in queries.quota_rows(convention)}
    for change in changes:
        row = rows[(change["feature"], change["value"])]
        setattr(row, change["bound"], change["suggested"])
    before = {"pool_sha256": draw.pool_sha256, "quotas_sha256": draw.quotas_sha256, "seed": draw.seed}
    _reset(draw)
    draw.relaxations = draw.error = None
    audit.record("draw.relax", draw, convention=convention, before=before, after={"relaxations": changes})


def _relaxations_text(value):
    """The quota changes of a "draw.relax" entry as sentences for the log (None for a count)."""
    from .problems import relaxation_text

    if not isinstance(value, list):
        return None
    return "; ".join(relaxation_text(change) for change in value)
