"""Accounts: session counter, login throttles; outbox: delivery state

The hard lock (users.failed_logins, locked_until) gives way to login_throttles. Outbox bodies are now
sealed with the secret key: the bodies written before, in clear, are blanked (they held live links).

Revision ID: cbab33ec0216
Revises: e5a1c3b7d920
Create Date: 2026-12-04 17:03:01.184199

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'cbab33ec0216'
down_revision = 'e5a1c3b7d920'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('login_throttles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=400), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('last_failure_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('blocked_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('warned', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_login_throttles')),
    sa.UniqueConstraint('key', name=op.f('uq_login_throttles_key'))
    )
    with op.batch_alter_table('login_throttles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_login_throttles_last_failure_at'), ['last_failure_at'], unique=False)

    with op.batch_alter_table('outbox_messages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('status', sa.Enum('kept', 'queued', 'sent', 'failed', name='mailstatus', native_enum=False, length=32), server_default='kept', nullable=False))
        batch_op.add_column(sa.Column('attempts', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('error', sa.String(length=500), server_default='', nullable=False))
        batch_op.add_column(sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True))

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_version', sa.Integer(), server_default='0', nullable=False))
        batch_op.drop_column('locked_until')
        batch_op.drop_column('failed_logins')

    op.execute("UPDATE outbox_messages SET body = ''")



def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('failed_logins', sa.INTEGER(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('locked_until', sa.DateTime(timezone=True), nullable=True))
        batch_op.drop_column('session_version')

    with op.batch_alter_table('outbox_messages', schema=None) as batch_op:
        batch_op.drop_column('sent_at')
        batch_op.drop_column('error')
        batch_op.drop_column('attempts')
        batch_op.drop_column('status')

    with op.batch_alter_table('login_throttles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_login_throttles_last_failure_at'))

    op.drop_table('login_throttles')
