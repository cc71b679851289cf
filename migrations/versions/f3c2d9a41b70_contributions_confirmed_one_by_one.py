"""contributions: each public contribution is confirmed by its own link

Revision ID: f3c2d9a41b70
Revises: c4f9a2e7d1b6
Create Date: 2026-12-04 17:50:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f3c2d9a41b70'
down_revision = 'c4f9a2e7d1b6'
branch_labels = None
depends_on = None


def upgrade():
    # Reviewed by hand (issue 10, item 13): confirmation moves from the participant to each
    # contribution, so that a stranger typing someone's address can no longer un-confirm them.
    with op.batch_alter_table('contributions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('submitted_name', sa.String(length=200), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('token_hash', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('token_expires_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('confirmed_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f('ix_contributions_token_hash'), ['token_hash'], unique=False)
    # Data: a confirmed participant's contributions were all in the moderation queue: they stay
    # confirmed (at the participant's time); an unconfirmed participant's pending link now confirms
    # each of their unconfirmed contributions, until it expires as before.
    author = "SELECT {column} FROM public_authors WHERE public_authors.id = contributions.public_author_id"
    op.execute(f"UPDATE contributions SET submitted_name = ({author.format(column='name')}), "
               f"confirmed_at = ({author.format(column='confirmed_at')}) "
               "WHERE public_author_id IS NOT NULL")
    op.execute(f"UPDATE contributions SET token_hash = ({author.format(column='token_hash')}), "
               f"token_expires_at = ({author.format(column='token_expires_at')}) "
               "WHERE public_author_id IS NOT NULL AND confirmed_at IS NULL")
    with op.batch_alter_table('contributions', schema=None) as batch_op:
        batch_op.alter_column('submitted_name', server_default=None)
    with op.batch_alter_table('public_authors', schema=None) as batch_op:
        batch_op.drop_constraint('uq_public_authors_token_hash', type_='unique')
        batch_op.drop_column('token_expires_at')
        batch_op.drop_column('token_hash')


def downgrade():
    with op.batch_alter_table('public_authors', schema=None) as batch_op:
        batch_op.add_column(sa.Column('token_hash', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('token_expires_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_unique_constraint('uq_public_authors_token_hash', ['token_hash'])
    # A participant is confirmed again only if all their contributions were (the old meaning);
    # pending links are not carried back (each contribution had its own).
    op.execute("UPDATE public_authors SET confirmed_at = NULL WHERE EXISTS (SELECT 1 FROM contributions "
               "WHERE contributions.public_author_id = public_authors.id AND contributions.confirmed_at IS NULL)")
    with op.batch_alter_table('contributions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contributions_token_hash'))
        batch_op.drop_column('confirmed_at')
        batch_op.drop_column('token_expires_at')
        batch_op.drop_column('token_hash')
        batch_op.drop_column('submitted_name')
