"""Uploads read once: pool_uploads.table; notes_imports (a workshop-notes preview confirmed once)

pool_uploads.table keeps the table read from the file at upload, so the mapping page and the import do
not read the file again. notes_imports holds the checked ideas of a notes preview until the organiser
confirms it; confirming deletes the row (the preview imports once, into its own convention).

Revision ID: a7d41c9e2b53
Revises: cbab33ec0216
Create Date: 2026-12-04 17:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a7d41c9e2b53'
down_revision = 'cbab33ec0216'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('pool_uploads', schema=None) as batch_op:
        batch_op.add_column(sa.Column('table', sa.JSON(), nullable=True))
    op.create_table('notes_imports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('convention_id', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=64), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('ideas', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['convention_id'], ['conventions.id'], name=op.f('fk_notes_imports_convention_id_conventions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notes_imports')),
    sa.UniqueConstraint('token', name=op.f('uq_notes_imports_token'))
    )
    with op.batch_alter_table('notes_imports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notes_imports_convention_id'), ['convention_id'], unique=False)


def downgrade():
    with op.batch_alter_table('notes_imports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notes_imports_convention_id'))
    op.drop_table('notes_imports')
    with op.batch_alter_table('pool_uploads', schema=None) as batch_op:
        batch_op.drop_column('table')
