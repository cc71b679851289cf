"""audit entries: a hash chain per convention (previous_hash, hash), existing entries backfilled

Revision ID: e5a1c3b7d920
Revises: c9851c7916d2
Create Date: 2026-12-04 17:30:00.000000

"""
from alembic import op
import sqlalchemy as sa

from convention.audit.chain import GENESIS, chain_fields, entry_hash
from convention.database import UTCDateTime


# revision identifiers, used by Alembic.
revision = 'e5a1c3b7d920'
down_revision = 'c9851c7916d2'
branch_labels = None
depends_on = None

entries = sa.table(
    'audit_entries', sa.column('id', sa.Integer), sa.column('created_at', UTCDateTime),
    sa.column('convention_id', sa.Integer), sa.column('actor_email', sa.String),
    sa.column('action', sa.String), sa.column('object_type', sa.String), sa.column('object_id', sa.String),
    sa.column('before', sa.JSON), sa.column('after', sa.JSON),
    sa.column('previous_hash', sa.String), sa.column('hash', sa.String))


def upgrade():
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('previous_hash', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('hash', sa.String(length=64), nullable=True))
    # Reviewed: the existing log becomes the start of each chain, in id order (the order it was written).
    connection = op.get_bind()
    heads = {}
    rows = connection.execute(sa.select(entries).order_by(entries.c.id)).all()
    for row in rows:
        previous = heads.get(row.convention_id, GENESIS)
        heads[row.convention_id] = entry_hash(chain_fields(row), previous)
        connection.execute(entries.update().where(entries.c.id == row.id)
                           .values(previous_hash=previous, hash=heads[row.convention_id]))
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.alter_column('previous_hash', existing_type=sa.String(length=64), nullable=False)
        batch_op.alter_column('hash', existing_type=sa.String(length=64), nullable=False)


def downgrade():
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.drop_column('hash')
        batch_op.drop_column('previous_hash')
