"""The themes as panel members see them: every theme, decided or still a suggestion, with examples."""
from flask import render_template

from ..auth import access
from . import queries
from .views import bp


@bp.get("/c/<slug>/themes")
@access.convention_role(*access.PARTICIPANTS)
def members_list(convention):
    themes = queries.themes_of(convention)
    return render_template("themes/members.html", convention=convention, themes=themes,
                           representatives=queries.representatives(themes))
