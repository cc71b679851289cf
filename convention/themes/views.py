"""The themes section of the management pages: the list, the clustering run, the map, a theme.

Curation routes (rename, lock, merge, split, move) live in views_curation; importing this module
registers them too.
"""
from flask import Blueprint, flash, render_template, request, url_for
from flask_login import current_user

from ..audit import labels
from ..auth import access
from ..auth.models import Role
from ..organising import nav
from ..i18n import _, _l
from ..public import sections
from ..tasks import services as tasks
from ..tasks.models import TaskState
from ..web import invalid_form, redirect_to
from . import queries
from .charts import theme_map
from .forms import ClusterForm, SplitForm, ThemeChoiceForm, ThemeForm
from .models import DOUBTFUL_BELOW
from .tasks import cluster_contributions
from . import demo as _demo  # noqa: E402,F401  (registers the demo step)

bp = Blueprint("themes", __name__)
nav.register_section("themes.index", _l("Themes"), order=50)
labels.register(
    actions={"themes.cluster": _l("Themes computed"), "themes.update": _l("Theme renamed or described"),
             "themes.lock": _l("Theme locked"), "themes.unlock": _l("Theme unlocked"),
             "themes.merge": _l("Themes merged"), "themes.split": _l("Theme split"),
             "themes.move": _l("Contribution moved to another theme")},
    fields={"contributions": _l("Contributions"), "themes": _l("Themes"),
            "embedded": _l("Newly embedded"), "cached": _l("From the cache"),
            "kept": _l("Themes kept"), "fixed": _l("Contributions kept in place"),
            "locked": _l("Locked"), "label": _l("Keywords"), "size": _l("Size"),
            "theme": _l("Theme"), "contribution": _l("Contribution"), "merged": _l("Merged theme"),
            "merged_size": _l("Size of the merged theme"), "name": _l("Name"), "description": _l("Description"),
            "sizes": _l("Sizes")},
    objects={"Theme": _l("Theme"), "ThemeAssignment": _l("Contribution")},
    names={"ThemeAssignment": lambda assignment: labels.excerpt(assignment.contribution.text)})


def index_context(convention, form=None):
    themes = queries.themes_of(convention)
    last = queries.last_run(convention, cluster_contributions.kind)
    finished = queries.last_run(convention, cluster_contributions.kind, TaskState.done, TaskState.failed)
    settings = (last.result or {}).get("settings") if last else None     # the organiser's last choice
    return {"convention": convention, "themes": themes, "form": form or ClusterForm(formdata=None, data=settings),
            "run": tasks.active_run(cluster_contributions.kind, convention),
            "last_run": last, "failed": finished if finished and finished.state is TaskState.failed else None,
            "representatives": queries.representatives(themes),
            "doubtful": queries.doubtful_counts(convention), "DOUBTFUL_BELOW": DOUBTFUL_BELOW,
            "published": queries.published_count(convention),
            "unassigned": queries.unassigned_count(convention)}


@bp.get("/manage/<slug>/themes/")
@access.convention_role(Role.organiser)
def index(convention):
    return render_template("themes/index.html", **index_context(convention))


@bp.post("/manage/<slug>/themes/run")
@access.convention_role(Role.organiser)
def run(convention):
    form = ClusterForm()
    if not form.validate_on_submit():
        return invalid_form("themes/index.html", "themes/_run_form.html", **index_context(convention, form))
    back = url_for(".index", slug=convention.slug)
    if tasks.active_run(cluster_contributions.kind, convention) is not None:
        flash(_("The themes are already being computed."), "info")
        return redirect_to(back)
    if queries.published_count(convention) < 2:
        flash(_("At least two published contributions are needed to form themes."), "error")
        return redirect_to(back)
    tasks.start(cluster_contributions, convention.id, current_user.id, form.settings, back,
                convention=convention, user=current_user)
    return redirect_to(back)


@bp.get("/manage/<slug>/themes/map")
@access.convention_role(Role.organiser)
def map_page(convention):
    themes = queries.themes_of(convention)
    page = queries.map_page(convention, request.args.get("page", 1, type=int))
    return render_template("themes/map.html", convention=convention, themes=themes, page=page,
                           chart=theme_map(themes, queries.map_points(convention)))


def theme_context(convention, theme, **forms):
    themes = [t for t in queries.themes_of(convention) if t.id != theme.id]
    page = queries.assignments_page(theme, request.args.get("page", 1, type=int))
    return {"convention": convention, "theme": theme, "page": page, "others": themes,
            "representatives": queries.representatives([theme])[theme.id],
            "form": forms.get("form") or ThemeForm(formdata=None, obj=theme),
            "merge_form": forms.get("merge_form") or ThemeChoiceForm(themes, formdata=None,
                                                                     label=_("Merge with")),
            "split_form": forms.get("split_form") or SplitForm(formdata=None),
            "move_form": lambda assignment: forms.get("move_forms", {}).get(assignment.id) or ThemeChoiceForm(
                themes, formdata=None, label=_("Move to"), prefix=f"move-{assignment.contribution_id}")}


@bp.get("/manage/<slug>/themes/<int:theme_id>")
@access.convention_role(Role.organiser)
def show(convention, theme_id):
    theme = queries.theme_or_404(convention, theme_id)
    return render_template("themes/theme.html", **theme_context(convention, theme))


def public_section(convention):
    """The locked themes: what the organisers decided, shown on the convention's page."""
    themes = queries.themes_of(convention)
    return {"themes": [theme for theme in themes if theme.locked],
            "all_themes_link": bool(themes) and access.has_role(current_user, convention, *access.PARTICIPANTS)}


sections.register("themes/_public_section.html", order=32, context=public_section)


def back_to(convention, theme):
    return redirect_to(url_for(".show", slug=convention.slug, theme_id=theme.id))


from . import cli as _cli, views_curation, views_members  # noqa: E402,F401  (its command and routes join)
