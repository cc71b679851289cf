"""themes: a per-convention counter of theme numbers

Revision ID: c4f9a2e7d1b6
Revises: b3e8f1d2c4a5
Create Date: 2026-12-04 17:25:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c4f9a2e7d1b6'
down_revision = 'b3e8f1d2c4a5'
branch_labels = None
depends_on = None


def upgrade():
    # Reviewed: numbers already given stay taken (the counter starts at the highest existing one).
    op.create_table('theme_counters',
    sa.Column('convention_id', sa.Integer(), nullable=False),
    sa.Column('last_number', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['convention_id'], ['conventions.id'], name=op.f('fk_theme_counters_convention_id_conventions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('convention_id', name=op.f('pk_theme_counters'))
    )
    op.execute("INSERT INTO theme_counters (convention_id, last_number) "
               "SELECT convention_id, MAX(number) FROM themes GROUP BY convention_id")


def downgrade():
    op.drop_table('theme_counters')
