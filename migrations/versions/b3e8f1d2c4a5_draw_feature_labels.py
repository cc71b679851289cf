"""draw: a label per feature of the pool

Revision ID: b3e8f1d2c4a5
Revises: 6f8283a687fa
Create Date: 2026-12-04 17:20:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b3e8f1d2c4a5'
down_revision = '6f8283a687fa'
branch_labels = None
depends_on = None


def upgrade():
    # Reviewed: {column: label}; a pool without labels shows its column names with a capital.
    with op.batch_alter_table('volunteer_pools', schema=None) as batch_op:
        batch_op.add_column(sa.Column('feature_labels', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('volunteer_pools', schema=None) as batch_op:
        batch_op.drop_column('feature_labels')
