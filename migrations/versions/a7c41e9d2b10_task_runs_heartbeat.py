"""task runs: heartbeat, so that a run whose worker died shows as interrupted

Revision ID: a7c41e9d2b10
Revises: 3cd9ef2f6880
Create Date: 2026-11-24 08:25:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a7c41e9d2b10'
down_revision = '3cd9ef2f6880'
branch_labels = None
depends_on = None


def upgrade():
    # Reviewed: existing runs get their last known sign of life; queued or running ones from before
    # the upgrade then count as interrupted once TASK_STALE_SECONDS have passed, as they should.
    with op.batch_alter_table('task_runs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('heartbeat_at', sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE task_runs SET heartbeat_at = COALESCE(finished_at, started_at, created_at)")
    with op.batch_alter_table('task_runs', schema=None) as batch_op:
        batch_op.alter_column('heartbeat_at', existing_type=sa.DateTime(timezone=True), nullable=False)


def downgrade():
    with op.batch_alter_table('task_runs', schema=None) as batch_op:
        batch_op.drop_column('heartbeat_at')
