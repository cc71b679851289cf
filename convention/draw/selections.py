"""After the draw: invitation statuses of the selected people, and replacement draws."""
from dataclasses import dataclass

from panels import ReplacementInfeasible
from panels.record import current_panel, declined_so_far, make_replacement_record

from ..audit import services as audit
from ..auth import services as auth
from ..auth.models import Role
from ..database import utcnow
from ..extensions import db
from ..i18n import _l
from . import queries
from .steps import WrongState, store_round, scaled
from .models import DrawState, SelectionStatus


@dataclass
class StatusChange:
    """What changing a status did beyond the status: a member invitation sent or withdrawn, or a
    member account that stays (its role is removed on the People page, not here)."""

    invited: object = None
    withdrawn: object = None
    still_member: str | None = None


def set_status(convention, draw, selection, status, actor=None):
    """Change where a selected person's invitation stands. Accepting invites them as a panel member
    when their personal data has an e-mail address; leaving "accepted" withdraws that invitation if it
    is still pending. Returns a StatusChange."""
    if selection.replaced and status is not selection.status:
        raise WrongState()
    before = selection.status
    if status is before:
        return StatusChange()
    selection.status = status
    audit.record("draw.status", selection, convention=convention, before={"status": before.name},
                 after={"status": status.name, "person": selection.volunteer.external_id})
    email = queries.contact_email(selection.volunteer.contact)
    if email is None:
        return StatusChange()
    pending = auth.pending_invitation(email, convention, Role.member)
    if before is SelectionStatus.accepted:
        if pending is not None:
            auth.revoke_invitation(pending)
            return StatusChange(withdrawn=pending)
        return StatusChange(still_member=email if auth.holds_role(email, convention, Role.member) else None)
    if status is not SelectionStatus.accepted or pending is not None or auth.holds_role(email, convention, Role.member):
        return StatusChange()
    invitation, _token = auth.invite(convention, email, Role.member,
                                     name=queries.contact_name(selection.volunteer.contact), invited_by=actor)
    return StatusChange(invited=invitation)


def lock(draw):
    """Lock the draw's row until the transaction ends (SELECT ... FOR UPDATE on PostgreSQL; a writing
    request holds SQLite's write lock already), and read it again: two replacement requests at the
    same moment take turns, and the second sees what the first did."""
    if draw.id is None:     # no draw stored yet: nothing to lock, and nothing to replace
        return
    # FOR NO KEY UPDATE: rows that merely refer to the draw (its rounds, selections) are not held up.
    db.session.refresh(draw, with_for_update={"key_share": True})


def start_replacements(convention, draw, seed, seed_source):
    """Check replacements can start (a drawn panel with free seats) and log the seed they will use."""
    seats = queries.seats_to_fill(draw)
    if draw.state is not DrawState.done or not seats:
        raise WrongState()
    audit.record("draw.replace_start", draw, convention=convention,
                 after={"seed": seed, "seed_source": seed_source, "declined": len(seats)})
    return seats


def draw_replacements(draw, seed, seed_source, progress, actor=None):
    """Fill the seats of those who declined (or could not be reached), keeping the quotas.

    Everyone who declined so far is excluded; the people still on the panel are kept. Records the
    replacement round. Returns the new selections' count, or raises ReplacementInfeasible (its
    suggested relaxations are for the original quotas).
    """
    from panels.replace import draw_replacements as library_replacements  # numpy: for the task only

    convention = draw.convention
    seats = queries.seats_to_fill(draw)
    if draw.state is not DrawState.done or not seats:
        return None   # filled meanwhile: no empty round in the record
    pool = queries.pool_of(convention)
    people = queries.panels_pool(pool)
    quotas = queries.panels_quotas(queries.quota_rows(convention))
    latest = queries.latest_record(draw)
    leaving = {s.volunteer.external_id for s in seats}
    kept = [pid for pid in current_panel(latest) if pid not in leaving]
    declined = sorted(set(declined_so_far(latest)) | leaving)
    progress(0.05, _l("Drawing replacements…"))
    try:
        replacement = library_replacements(
            people, quotas, draw.size, kept, declined, seed, households=draw.households,
            algorithm=draw.algorithm, progress=scaled(progress, ((0.0, _l("Computing the fairest lottery…")),), 0.1, 0.9))
    except ReplacementInfeasible as error:
        audit.record("draw.replace_infeasible", draw, convention=convention, actor=actor,
                     after={"declined": len(leaving), "error": str(error)})
        draw.error = str(error)
        draw.relaxations = [[_relaxation(r) for r in error.relaxations]] if error.relaxations else []
        return None
    record = make_replacement_record(latest, people, quotas, kept, declined, replacement, seed, seed_source)
    number = len(draw.rounds) + 1
    store_round(draw, pool, record, replacement.selected, number)
    for selection in seats:
        selection.replaced = True
    draw.error, draw.relaxations, draw.drawn_at = None, None, utcnow()
    audit.record("draw.replace", draw, convention=convention, actor=actor,
                 after={"seed": seed, "seed_source": seed_source, "declined": len(leaving),
                        "selected": ", ".join(replacement.selected)})
    return len(replacement.selected)


def _relaxation(relaxation):
    return {"feature": relaxation.feature, "value": relaxation.value, "bound": relaxation.bound,
            "current": relaxation.current, "suggested": relaxation.suggested}
