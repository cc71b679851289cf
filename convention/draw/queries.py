"""Reading a convention's draw: its pool, quotas, draw, panel, as the `panels` library sees them."""
import re
import statistics

import sqlalchemy as sa
from flask import current_app, g

from panels import Person, Pool, Quota, Quotas
from panels.hashing import pool_sha256, quotas_sha256
from panels.io import write_pool_csv
from panels.model import norm_value
from panels.record import current_panel
from panels.tables import header_key
from panels.text import fold
from panels.validate import input_problems

from ..database import paginate
from ..extensions import db
from .households import household_numbers
from .models import (Draw, DrawRound, DrawState, PoolUpload, QuotaRow, Selection, SelectionStatus,
                     Volunteer, VolunteerContact, VolunteerPool, default_label)

NAME_KEYS = ("prenom", "firstname", "givenname", "nom", "name", "lastname", "surname", "nomdefamille",
             "nomcomplet", "fullname")
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def pool_of(convention):
    return db.session.scalar(db.select(VolunteerPool).filter_by(convention_id=convention.id))


def draw_of(convention):
    """The convention's draw; before its first step, a draw in preparation that is not stored (a
    query never writes: `steps.publish`, the first step, stores it)."""
    draw = db.session.scalar(db.select(Draw).filter_by(convention_id=convention.id))
    if draw is None:
        draw = Draw(convention_id=convention.id, convention=convention, state=DrawState.preparing,
                    algorithm="leximin", households=False)
    return draw


def existing_draw(convention):
    return db.session.scalar(db.select(Draw).filter_by(convention_id=convention.id))


def upload_or_404(convention, upload_id):
    return db.one_or_404(db.select(PoolUpload).filter_by(id=upload_id, convention_id=convention.id))


def quota_rows(convention):
    return db.session.scalars(db.select(QuotaRow).filter_by(convention_id=convention.id)
                              .order_by(QuotaRow.position, QuotaRow.id)).all()


def volunteers(pool):
    return db.session.scalars(db.select(Volunteer).filter_by(pool_id=pool.id)
                              .order_by(Volunteer.position)).all()


def volunteers_page(pool, page, search=""):
    """One page of the pool in file order; with `search`, the volunteers whose id or personal data
    (name, e-mail...) contains it, whatever the case and the accents ("helene" finds "Hélène")."""
    query = db.select(Volunteer).filter_by(pool_id=pool.id).order_by(Volunteer.position)
    if search.strip():
        query = query.outerjoin(Volunteer.contact).filter(sa.or_(
            Volunteer.external_id.ilike(_contains(search.strip()), escape="!"),
            VolunteerContact.search_text.like(_contains(fold(search.strip())), escape="!")))
    return paginate(query, page)


def _contains(text):
    """A LIKE pattern matching `text` anywhere, its wildcards and escapes taken literally."""
    return "%" + text.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%"


def panels_pool(pool, households=None):
    """The pool as the library sees it: ids, features and, for a draw of one person per household,
    opaque household numbers (`households.household_numbers`, never the addresses), in file order.

    `households` defaults to the draw's setting.
    """
    # columns, not Volunteer objects: a pool of 100,000 builds in a fraction of the time
    rows = db.session.execute(db.select(Volunteer.external_id, Volunteer.features, Volunteer.household)
                              .filter_by(pool_id=pool.id).order_by(Volunteer.position)).all()
    if households is None:
        draw = db.session.scalar(db.select(Draw).filter_by(convention_id=pool.convention_id))
        households = draw is not None and draw.households
    numbers = household_numbers((v.external_id, v.household) for v in rows) if households else {}
    return Pool([Person(v.external_id, v.features, numbers.get(v.external_id)) for v in rows],
                list(pool.feature_columns))


def panels_quotas(rows):
    return Quotas([Quota(row.feature, row.value, row.min, row.max) for row in rows])


HOUSEHOLD_COLUMN = "household"


def pool_columns(pool, households):
    """How the verification file (`verification_csv`) is read back by `python -m panels`."""
    return {"id": "id", "features": list(pool.feature_columns),
            "address": [HOUSEHOLD_COLUMN] if households else []}


def verification_csv(pool):
    """The pool file anyone may check the draw with: ids, features and, for a draw of one person per
    household, the opaque household numbers; no name, contact or address."""
    people = panels_pool(pool)
    numbers = {p.id: {HOUSEHOLD_COLUMN: p.household or ""} for p in people if p.household}
    return write_pool_csv(people, personal=numbers or None)


def fingerprints(convention):
    """(pool SHA-256, quotas SHA-256) of the current inputs, as the draw record will state them."""
    pool = pool_of(convention)
    return pool_sha256(panels_pool(pool)), quotas_sha256(panels_quotas(quota_rows(convention)))


def panel_size(convention):
    """The size of the panel to draw: frozen with the fingerprints once published, else the setting."""
    draw = existing_draw(convention)
    return draw.size if draw is not None and draw.size is not None else convention.panel_size


def problems(convention):
    """What stops the draw (panels.validate problems), empty when the inputs are consistent."""
    pool = pool_of(convention)
    rows = quota_rows(convention)
    if pool is None or not rows:
        return []
    draw = existing_draw(convention)
    return input_problems(panels_pool(pool), panels_quotas(rows), panel_size(convention),
                          households=draw is not None and draw.households)


def quota_table(convention):
    """Per quota row: the row, how many volunteers of the pool have its value, and their share."""
    pool = pool_of(convention)
    rows = quota_rows(convention)
    counts = panels_pool(pool).counts() if pool is not None else {}
    total = pool.size if pool is not None else 0
    table = []
    for row in rows:
        n = counts.get(row.feature, {}).get(norm_value(row.value), 0)
        table.append({"row": row, "in_pool": n, "pool_percent": 100 * n / total if total else 0})
    return table


def feature_labeller(convention):
    """feature → its label in the convention's pool (read once per request)."""
    cache = g.setdefault("feature_labellers", {})
    if convention.id not in cache:
        pool = pool_of(convention)
        cache[convention.id] = pool.label_of if pool is not None else default_label
    return cache[convention.id]


def grouped(rows, key="feature"):
    """[(feature, [rows...])] keeping the rows' order."""
    groups = {}
    for row in rows:
        groups.setdefault(row[key] if isinstance(row, dict) else getattr(row, key), []).append(row)
    return list(groups.items())


def latest_record(draw):
    return draw.rounds[-1].record if draw.rounds else None


def round_or_404(draw, number):
    return db.one_or_404(db.select(DrawRound).filter_by(draw_id=draw.id, number=number))


def _selections_query(draw):
    return (db.select(Selection).filter_by(draw_id=draw.id).join(Selection.volunteer)
            .order_by(Selection.round_number, Volunteer.position))


def selections(draw):
    return db.session.scalars(_selections_query(draw)).all()


def latest_replacements(draw):
    """[(selection, page of the panel's list it is on)] of the people the latest replacement round
    drew (none before a replacement round). The latest round comes last in the list."""
    everyone = selections(draw)
    last = max((s.round_number for s in everyone), default=0)
    if last < 2:
        return []
    per_page = current_app.config["PER_PAGE"]
    return [(s, i // per_page + 1) for i, s in enumerate(everyone) if s.round_number == last]


def selections_page(draw, page, status=None):
    """One page of the drawn people, all of them or those whose invitation has `status`."""
    query = _selections_query(draw)
    if status is not None:
        query = query.filter(Selection.status == status)
    return paginate(query, page)


def selections_by_status(draw):
    """{status: how many drawn people have it}, replaced people included."""
    counts = dict.fromkeys(SelectionStatus, 0)
    counts.update(db.session.execute(db.select(Selection.status, db.func.count()).filter_by(draw_id=draw.id)
                                     .group_by(Selection.status)).all())
    return counts


def page_of_selection(draw, selection):
    """The number of the page of the panel list that shows `selection`."""
    ids = [s.id for s in selections(draw)]
    return ids.index(selection.id) // current_app.config["PER_PAGE"] + 1


def selection_or_404(draw, selection_id):
    return db.one_or_404(db.select(Selection).filter_by(id=selection_id, draw_id=draw.id))


def seats_to_fill(draw):
    """Selections whose seat is free again (declined or unreachable) and not yet replaced."""
    return [s for s in selections(draw) if s.status.leaves_a_seat and not s.replaced]


def status_counts(draw):
    counts = dict.fromkeys(SelectionStatus, 0)
    for selection in selections(draw):
        if not selection.replaced:
            counts[selection.status] += 1
    return counts


def panel_volunteers(draw):
    """The volunteers of the current panel (after every replacement round)."""
    record = latest_record(draw)
    if record is None:
        return []
    ids = set(current_panel(record))
    return [s.volunteer for s in selections(draw) if s.volunteer.external_id in ids]


def composition(convention, draw):
    """Per quota row: the current panel's count and share beside the bounds and the target."""
    people = panel_volunteers(draw)
    size = len(people) or 1
    counts = {}
    for volunteer in people:
        for feature, value in volunteer.features.items():
            key = (feature, norm_value(value))
            counts[key] = counts.get(key, 0) + 1
    rows = []
    for row in quota_rows(convention):
        n = counts.get((row.feature, norm_value(row.value)), 0)
        rows.append({"feature": row.feature, "value": row.value, "count": n, "percent": 100 * n / size,
                     "min": row.min, "max": row.max, "target": row.target_percent,
                     "ok": row.min <= n <= row.max})
    return rows


def probability_summary(record):
    """Lowest, median and highest selection probability of a record's lottery."""
    values = sorted(record["marginals"].values())
    if not values:
        return None
    return {"min": values[0], "median": statistics.median(values), "max": values[-1],
            "people": len(values), "panels": len(record["portfolio"])}


def contact_name(contact):
    """The person's name from their personal data (first and last name columns), or ""."""
    if contact is None:
        return ""
    by_key = {header_key(column): value for column, value in contact.data.items() if value}
    return " ".join(by_key[key] for key in NAME_KEYS if key in by_key)


def contact_email(contact):
    if contact is None:
        return None
    return next((value.strip() for value in contact.data.values()
                 if value and EMAIL_PATTERN.match(value.strip())), None)
