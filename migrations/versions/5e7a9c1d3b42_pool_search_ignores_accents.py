"""Pool search ignores accents: volunteer_contacts.search_text holds the personal values folded

Backfilled from each contact's data, folded the way the application folds text (panels.text.fold).

Revision ID: 5e7a9c1d3b42
Revises: 0b90e19126b2
Create Date: 2026-12-04 18:10:00

"""
import json

from alembic import op
import sqlalchemy as sa

from panels.text import fold


# revision identifiers, used by Alembic.
revision = '5e7a9c1d3b42'
down_revision = '0b90e19126b2'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('volunteer_contacts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('search_text', sa.Text(), nullable=False, server_default=''))
    connection = op.get_bind()
    contacts = sa.table('volunteer_contacts', sa.column('id', sa.Integer), sa.column('data', sa.JSON),
                        sa.column('search_text', sa.Text))
    for contact_id, data in connection.execute(sa.select(contacts.c.id, contacts.c.data)).all():
        if isinstance(data, str):
            data = json.loads(data)
        text = fold(" ".join(str(value) for value in (data or {}).values() if value not in (None, "")))
        connection.execute(contacts.update().where(contacts.c.id == contact_id).values(search_text=text))


def downgrade():
    with op.batch_alter_table('volunteer_contacts', schema=None) as batch_op:
        batch_op.drop_column('search_text')
