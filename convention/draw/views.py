"""The draw section of a convention's management pages: the blueprint, its overview and its sections.

Routes live in views_inputs (pool, quotas), views_run (publication, seed, draw) and views_panel
(invitations, replacements, downloads); importing this module registers them all.
"""
from flask import Blueprint, render_template
from flask_babel import format_decimal

from ..audit import chain
from ..auth import access
from ..auth.models import Role
from ..organising import nav
from ..i18n import _l
from ..public import sections
from ..tasks import services as tasks
from . import problems, queries
from .forms import DrawForm, PublishForm, SeedForm
from .models import DrawState
from .tasks import run_draw, run_replacements
from . import demo as _demo  # noqa: E402,F401  (registers the demo step)

bp = Blueprint("draw", __name__)
nav.register_section("draw.index", _l("Draw"), order=20)


@bp.app_template_filter("percent")
def percent(value, digits=1):
    """A percentage (value already in percent) in the visitor's number format: "52,5 %" in French."""
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern) + "\N{NO-BREAK SPACE}%"


@bp.app_template_filter("feature_label")
def feature_label(feature, convention):
    """The label the organisers gave a feature of the convention's pool ("csp" → "Catégorie
    socio-professionnelle"); the column's name with a capital when there is none."""
    return queries.feature_labeller(convention)(feature)


def overview_context(convention, **forms):
    """Everything the overview page shows: the steps' state, the forms of the current step."""
    draw = queries.draw_of(convention)
    pool = queries.pool_of(convention)
    record = queries.latest_record(draw)
    input_problems = queries.problems(convention) if pool is not None else []
    context = {
        "convention": convention, "draw": draw, "pool": pool, "DrawState": DrawState,
        "quota_count": len(queries.quota_rows(convention)),
        "problems": input_problems, "problem_texts": problems.described(input_problems),
        "run": tasks.active_run(run_draw.kind, convention) or tasks.active_run(run_replacements.kind, convention),
        "interrupted": (tasks.interrupted_run(run_draw.kind, convention)
                        if draw.state is DrawState.running else None),
        "publish_form": forms.get("publish_form") or PublishForm(),
        "seed_form": forms.get("seed_form") or SeedForm(formdata=None),
        "draw_form": forms.get("draw_form") or DrawForm(formdata=None, algorithm=draw.algorithm),
        "record": record, "relaxation_text": problems.relaxation_text,
        "exclusions": problems.described_exclusions(never_selected(convention, draw, pool, input_problems)),
    }
    if draw.state is DrawState.done:
        context.update(result_context(convention, draw))
    return context


def never_selected(convention, draw, pool, input_problems):
    """The volunteers no panel can include under these quotas, while the organiser can still change
    them (before the draw): `panels.exclusions.Exclusion`s, [] when everyone can be selected."""
    if pool is None or input_problems or draw.state not in (DrawState.preparing, DrawState.published):
        return []
    rows = queries.quota_rows(convention)
    if not rows:
        return []
    key = (pool.id, pool.imported_at, pool.size, convention.panel_size, draw.households,
           tuple((row.feature, row.value, row.min, row.max) for row in rows))
    if key not in _NEVER_SELECTED:
        from panels import PanelsError
        from panels.exclusions import never_selected as library  # numpy: on this page only

        try:
            found = library(queries.panels_pool(pool), queries.panels_quotas(rows),
                            convention.panel_size, households=draw.households)
        except PanelsError:
            found = []
        while len(_NEVER_SELECTED) >= 64:   # an LP per change of the inputs, not per page view
            _NEVER_SELECTED.pop(next(iter(_NEVER_SELECTED)))
        _NEVER_SELECTED[key] = found
    return _NEVER_SELECTED[key]


_NEVER_SELECTED = {}


def result_context(convention, draw):
    from .charts import composition_chart

    rows = queries.composition(convention, draw)
    features = queries.grouped(rows)
    return {
        "features": [(feature, feature_rows, composition_chart(feature_rows, draw.size))
                     for feature, feature_rows in features],
        "probabilities": queries.probability_summary(draw.rounds[0].record),
        "rounds": draw.rounds,
        "status_counts": queries.status_counts(draw),
    }


@bp.get("/manage/<slug>/draw/")
@access.convention_role(Role.organiser)
def index(convention):
    return render_template("draw/index.html", **overview_context(convention))


def public_section(convention):
    draw = queries.existing_draw(convention)
    if draw is None or draw.state is DrawState.preparing:
        return {}
    context = {"draw": draw, "DrawState": DrawState, "audit_head": chain.head(convention.id)}
    if draw.state is DrawState.done:
        context.update(result_context(convention, draw))
    return context


sections.register("draw/_public_panel.html", order=10, context=public_section)

from . import views_inputs, views_panel, views_run  # noqa: E402,F401  (their routes join bp)
