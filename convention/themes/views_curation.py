"""Organisers curate the machine's themes: rename and describe, lock, merge, split, move."""
from flask import abort, flash, render_template, url_for

from ..auth import access
from ..auth.models import Role
from ..extensions import db, htmx
from ..forms import ConfirmForm
from ..i18n import _
from ..web import confirmation_page, confirmed, invalid_form, redirect_to
from . import operations, queries
from .forms import SplitForm, ThemeChoiceForm, ThemeForm
from .views import back_to, bp, theme_context


def _invalid(convention, theme, fragment, **forms):
    return invalid_form("themes/theme.html", fragment, **theme_context(convention, theme, **forms))


@bp.post("/manage/<slug>/themes/<int:theme_id>/edit")
@access.convention_role(Role.organiser)
def edit(convention, theme_id):
    theme = queries.theme_or_404(convention, theme_id)
    form = ThemeForm()
    if not form.validate_on_submit():
        return _invalid(convention, theme, "themes/_theme_form.html", form=form)
    if operations.update(convention, theme, form.name.data, form.description.data):
        db.session.commit()
        flash(_("Theme saved."), "success")
    else:
        flash(_("Nothing to save: no field changed."), "info")
    return back_to(convention, theme)


@bp.post("/manage/<slug>/themes/<int:theme_id>/lock")
@access.convention_role(Role.organiser)
def lock(convention, theme_id):
    theme = queries.theme_or_404(convention, theme_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        operations.set_locked(convention, theme, not theme.locked)
    except operations.InWorkingGroup as error:
        flash(_("This theme stays locked: the working groups %(groups)s work on it. Take it out of "
                "them first.", groups=str(error)), "error")
        return back_to(convention, theme)
    db.session.commit()
    flash(_("Theme locked: computing the themes again keeps it as it is.") if theme.locked
          else _("Theme unlocked: computing the themes again may change it."), "success")
    return back_to(convention, theme)


@bp.post("/manage/<slug>/themes/<int:theme_id>/merge")
@access.convention_role(Role.organiser)
def choose_merge(convention, theme_id):
    theme = queries.theme_or_404(convention, theme_id)
    others = [t for t in queries.themes_of(convention) if t.id != theme.id]
    form = ThemeChoiceForm(others, label=_("Merge with"))
    if not form.validate_on_submit():
        return _invalid(convention, theme, "themes/_merge_form.html", merge_form=form)
    return redirect_to(url_for(".merge", slug=convention.slug, theme_id=theme.id, other_id=form.theme.data))


@bp.route("/manage/<slug>/themes/<int:theme_id>/merge/<int:other_id>", methods=["GET", "POST"])
@access.convention_role(Role.organiser)
def merge(convention, theme_id, other_id):
    theme = queries.theme_or_404(convention, theme_id)
    other = queries.theme_or_404(convention, other_id)
    if theme.id == other.id:
        abort(404)
    if not confirmed():
        return confirmation_page(
            url_for(".show", slug=convention.slug, theme_id=theme.id),
            _("Merge “%(other)s” into “%(theme)s”?", other=other.title, theme=theme.title),
            _("The %(count)s contributions of “%(other)s” join “%(theme)s”, and “%(other)s” disappears. "
              "Its working groups follow. The audit log keeps what was merged.",
              count=other.size, other=other.title, theme=theme.title),
            _("Merge the themes"), convention=convention)
    operations.merge(convention, theme, other)
    db.session.commit()
    flash(_("Themes merged."), "success")
    return back_to(convention, theme)


@bp.post("/manage/<slug>/themes/<int:theme_id>/split")
@access.convention_role(Role.organiser)
def split(convention, theme_id):
    theme = queries.theme_or_404(convention, theme_id)
    form = SplitForm()
    if not form.validate_on_submit():
        return _invalid(convention, theme, "themes/_split_form.html", split_form=form)
    try:
        parts = operations.split(convention, theme, form.parts.data)
    except operations.CannotSplit as error:
        db.session.rollback()
        form.parts.errors.append(str(error))
        return _invalid(convention, theme, "themes/_split_form.html", split_form=form)
    db.session.commit()
    flash(_("Theme split in %(count)s.", count=len(parts) + 1), "success")
    return redirect_to(url_for(".index", slug=convention.slug))


@bp.post("/manage/<slug>/themes/<int:theme_id>/contributions/<int:contribution_id>/move")
@access.convention_role(Role.organiser)
def move(convention, theme_id, contribution_id):
    theme = queries.theme_or_404(convention, theme_id)
    assignment = queries.assignment_or_404(theme, contribution_id)
    others = [t for t in queries.themes_of(convention) if t.id != theme.id]
    form = ThemeChoiceForm(others, label=_("Move to"), prefix=f"move-{contribution_id}")
    if not form.validate_on_submit():
        return invalid_form("themes/theme.html", "themes/_move_form.html", assignment=assignment,
                            **theme_context(convention, theme, move_forms={assignment.id: form}))
    target = queries.theme_or_404(convention, int(form.theme.data))
    operations.move(convention, assignment, target)
    db.session.commit()
    if htmx:  # the row says where the contribution went, in place of the whole page
        return render_template("themes/_moved_row.html", convention=convention, assignment=assignment,
                               target=target), 200, {"HX-Retarget": f"#contribution-{contribution_id}",
                                                     "HX-Reswap": "outerHTML"}
    flash(_("Contribution moved to “%(theme)s”: it stays there when the themes are computed again.",
            theme=target.title), "success")
    return back_to(convention, theme)
