"""Importing a pool file: upload, preview with guessed column roles, all-or-nothing import."""
from flask import current_app

from panels import BadPoolFile, Problem
from panels.io import ROLE_ADDRESS, ROLE_FEATURE, ROLE_ID, ROLE_IGNORED, ROLE_PERSONAL
from panels.model import norm_value

from .. import uploads
from ..audit import services as audit
from ..database import utcnow
from ..extensions import db
from ..i18n import _l
from . import queries
from .models import (DrawState, PoolUpload, QuotaRow, Volunteer, VolunteerContact, VolunteerPool, contact_search_text,
                     default_label)

ROLES = [
    (ROLE_ID, _l("Identifier")),
    (ROLE_FEATURE, _l("Feature (used for quotas)")),
    (ROLE_ADDRESS, _l("Address (households; personal data)")),
    (ROLE_PERSONAL, _l("Name or contact (personal data)")),
    (ROLE_IGNORED, _l("Ignore")),
]
PREVIEW_ROWS = 8


class PoolLocked(Exception):
    """The pool cannot change any more: a draw was made or its fingerprint is published."""


def can_replace_pool(convention):
    draw = queries.existing_draw(convention)
    return draw is None or draw.state is DrawState.preparing


def store_upload(convention, filename, data):
    """Keep an uploaded file and the table read from it (read once) for the mapping step.

    Raises BadPoolFile (wrong type, empty, duplicate columns, larger than the upload limits) and
    PoolLocked.
    """
    if not can_replace_pool(convention):
        raise PoolLocked()
    table = uploads.read_table(data, filename)
    db.session.execute(db.delete(PoolUpload).filter_by(convention_id=convention.id))
    upload = PoolUpload(convention_id=convention.id, filename=(filename or "")[:255], data=data,
                        table=table.to_data())
    db.session.add(upload)
    db.session.flush()
    return upload


def _table(upload):
    """The upload's table as read when it was stored (an upload kept from before: read it now)."""
    if upload.table is None:
        return uploads.read_pool_table(upload.data, upload.filename)
    return uploads.pool_table(upload.table)


def preview(upload):
    """The upload read for its preview: header, guessed roles, first rows, row count, encoding."""
    table = _table(upload)
    return {"header": table.header, "roles": table.roles, "rows": table.rows[:PREVIEW_ROWS],
            "count": len(table.rows), "encoding": table.table.encoding,
            "delimiter": table.table.delimiter}


def import_pool(convention, upload, roles, labels=None):
    """Replace the convention's pool with the upload read with `roles` ({column: role}); `labels`
    ({column: label}) names the features for people (default: the column's name with a capital).

    All or nothing: raises BadPoolFile listing every problem (nothing written) or PoolLocked.
    Quota rows are rebuilt for the new features' values, keeping the bounds of values that stay.
    """
    if not can_replace_pool(convention):
        raise PoolLocked()
    table = _table(upload)
    columns = [c for c in table.header if c]
    ids = [c for c in columns if roles.get(c) == ROLE_ID]
    if len(ids) != 1:
        raise BadPoolFile([Problem("one_id_column", "Choose exactly one id column.")])
    features = [c for c in columns if roles.get(c) == ROLE_FEATURE]
    _check_feature_limits(table, features)
    addresses = [c for c in columns if roles.get(c) == ROLE_ADDRESS]
    personal = [c for c in columns if roles.get(c) in (ROLE_PERSONAL, ROLE_ADDRESS)]
    people_pool, contacts = table.build(id_column=ids[0], feature_columns=features,
                                        address_columns=addresses, with_personal=True)
    old = queries.pool_of(convention)
    before = _summary(old) if old is not None else None
    if old is not None:
        db.session.delete(old)
        db.session.flush()
    pool = VolunteerPool(convention_id=convention.id, filename=upload.filename, id_column=ids[0],
                         feature_columns=features, address_columns=addresses,
                         feature_labels={c: (labels or {}).get(c, "").strip() or default_label(c) for c in features},
                         personal_columns=personal, size=len(people_pool), imported_at=utcnow())
    db.session.add(pool)
    db.session.flush()
    _add_volunteers(pool, people_pool, contacts, personal)
    _rebuild_quota_rows(convention, people_pool)
    db.session.delete(upload)
    audit.record("draw.pool_import", pool, convention=convention, before=before, after=_summary(pool))
    return pool


def _check_feature_limits(table, features):
    """Raise BadPoolFile when the features would make more quota rows than anyone can set by hand
    (and the quotas page and the draw slow): `POOL_MAX_FEATURES`, `POOL_MAX_FEATURE_VALUES` each."""
    config = current_app.config
    if len(features) > config["POOL_MAX_FEATURES"]:
        raise BadPoolFile([Problem("too_many_features", f"{len(features)} feature columns, more than "
                                   f"{config['POOL_MAX_FEATURES']}.", row=1,
                                   data={"max": config["POOL_MAX_FEATURES"]})])
    most = config["POOL_MAX_FEATURE_VALUES"]
    problems = []
    for feature in features:
        index = table.header.index(feature)
        written = {row[index] for row in table.rows}   # as written: at least as many as normalised
        if len(written) > most and len({norm_value(v) for v in written}) > most:
            problems.append(Problem("too_many_values", f"The feature {feature!r} has more than {most} "
                                    "values.", row=1, column=feature, data={"max": most}))
    if problems:
        raise BadPoolFile(problems)


def _add_volunteers(pool, people_pool, contacts, personal):
    volunteer_rows = [{"pool_id": pool.id, "position": i, "external_id": person.id,
                       "features": dict(person.features), "household": person.household}
                      for i, person in enumerate(people_pool)]
    db.session.execute(db.insert(Volunteer), volunteer_rows)
    ids = dict(db.session.execute(db.select(Volunteer.external_id, Volunteer.id).filter_by(pool_id=pool.id)).all())
    contact_rows = [{"volunteer_id": ids[pid], "data": data, "search_text": contact_search_text(data)}
                    for pid, cells in contacts.items() if personal
                    for data in [{c: cells.get(c, "") for c in personal}]]
    if contact_rows:
        db.session.execute(db.insert(VolunteerContact), contact_rows)


def _rebuild_quota_rows(convention, people_pool):
    """One row per feature value of the pool; bounds of values already there are kept."""
    old = {(row.feature, norm_value(row.value)): row for row in queries.quota_rows(convention)}
    counts = people_pool.counts()
    spelling = {}   # the first spelling of each value in the pool, each spelling normalised once
    for feature in people_pool.features:
        for value in dict.fromkeys(person.features[feature] for person in people_pool):
            spelling.setdefault((feature, norm_value(value)), value)
    keep = set()
    position = 0
    for feature in people_pool.features:
        for value in sorted(counts[feature], key=lambda v: spelling[(feature, v)]):
            row = old.get((feature, value))
            if row is None:
                row = QuotaRow(convention_id=convention.id, feature=feature, value=spelling[(feature, value)],
                               min=0, max=min(counts[feature][value], convention.panel_size))
                db.session.add(row)
            row.position = position
            position += 1
            keep.add((feature, value))
    for key, row in old.items():
        if key not in keep:
            db.session.delete(row)


def _summary(pool):
    return {"filename": pool.filename, "size": pool.size,
            "features": ", ".join(pool.label_of(feature) for feature in pool.feature_columns)}
