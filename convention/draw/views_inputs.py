"""Pool and quotas: upload, column mapping, bounds, shares, files."""
from flask import flash, render_template, request, url_for

from panels import BadPoolFile, BadQuotas, Problem

from ..auth import access
from ..auth.models import Role
from ..extensions import db, htmx
from ..i18n import _
from ..web import invalid_form, redirect_to
from . import pool_import, problems, queries, quotas
from .forms import PoolFileForm, QuotaFileForm, bounds_form, mapping_form, shares_form
from .views import bp


def _pool_page(convention, form, status=200, errors=None):
    pool = queries.pool_of(convention)
    search = request.args.get("q", "")[:200]
    page = queries.volunteers_page(pool, request.args.get("page", 1, type=int), search) if pool else None
    return render_template("draw/pool.html", convention=convention, pool=pool, page=page, form=form, search=search,
                           errors=errors, can_replace=pool_import.can_replace_pool(convention),
                           show_personal=True), status


@bp.get("/manage/<slug>/draw/pool")
@access.convention_role(Role.organiser)
def pool(convention):
    return _pool_page(convention, PoolFileForm())


@bp.post("/manage/<slug>/draw/pool")
@access.convention_role(Role.organiser)
def upload_pool(convention):
    if not pool_import.can_replace_pool(convention):
        return _pool_locked(convention)
    form = PoolFileForm()
    if not form.validate_on_submit():
        return _pool_page(convention, form, 422)
    file = form.file.data
    try:
        upload = pool_import.store_upload(convention, file.filename, file.read())
    except BadPoolFile as error:
        return _pool_page(convention, form, 422, problems.described(error.problems))
    except pool_import.PoolLocked:
        return _pool_locked(convention)
    db.session.commit()
    return redirect_to(url_for(".map_columns", slug=convention.slug, upload_id=upload.id))


def _pool_locked(convention):
    flash(_("The pool cannot be replaced once its fingerprint is published or the panel drawn."), "error")
    return redirect_to(url_for(".pool", slug=convention.slug))


@bp.route("/manage/<slug>/draw/pool/uploads/<int:upload_id>", methods=["GET", "POST"])
@access.convention_role(Role.organiser)
def map_columns(convention, upload_id):
    upload = queries.upload_or_404(convention, upload_id)
    preview = pool_import.preview(upload)
    existing = queries.pool_of(convention)
    form = mapping_form(preview["header"], preview["roles"], must_confirm=existing is not None,
                        labels=existing.feature_labels if existing is not None else None)
    context = {"convention": convention, "upload": upload, "preview": preview, "form": form,
               "existing": existing, "errors": None}
    if not form.validate_on_submit():
        if form.is_submitted():
            return invalid_form("draw/mapping.html", "draw/_mapping_form.html", **context)
        return render_template("draw/mapping.html", **context)
    roles = {column: field.data for column, field in form.columns}
    labels = {column: field.data or "" for column, field in form.labels}
    try:
        imported = pool_import.import_pool(convention, upload, roles, labels)
    except BadPoolFile as error:
        db.session.rollback()
        context["errors"] = problems.described(error.problems)
        return invalid_form("draw/mapping.html", "draw/_mapping_form.html", **context)
    except pool_import.PoolLocked:
        return _pool_locked(convention)
    db.session.commit()
    flash(_("%(count)s volunteers imported.", count=imported.size), "success")
    return redirect_to(url_for(".quotas", slug=convention.slug))


def _render_quotas(convention, status=200, fragment=None, **forms):
    """The quotas page (or, for htmx, the `fragment` of the form that did not validate)."""
    rows = queries.quota_rows(convention)
    groups = {}
    for item in queries.quota_table(convention):
        groups.setdefault(item["row"].feature, []).append(item)
    context = {
        "convention": convention, "pool": queries.pool_of(convention), "editable": quotas.can_edit(convention),
        "size": queries.panel_size(convention),
        "groups": list(groups.items()),
        "form": forms.get("form") or bounds_form(rows),
        "shares": forms.get("shares") or shares_form(rows),
        "file_form": forms.get("file_form") or QuotaFileForm(formdata=None, prefix="file"),
        "problems": problems.described(queries.problems(convention)),
        "errors": forms.get("errors"),
    }
    if fragment and htmx and status == 422:
        return render_template(fragment, **context), 422
    return render_template("draw/quotas.html", **context), status


def _locked(convention):
    flash(_("The quotas cannot change once their fingerprint is published: withdraw the publication "
            "first."), "error")
    return redirect_to(url_for(".quotas", slug=convention.slug))


@bp.route("/manage/<slug>/draw/quotas", methods=["GET", "POST"], endpoint="quotas")
@access.convention_role(Role.organiser)
def quotas_page(convention):
    rows = queries.quota_rows(convention)
    form = bounds_form(rows)
    if not form.is_submitted():
        return _render_quotas(convention, form=form)
    if not quotas.can_edit(convention):
        return _locked(convention)
    if not form.validate_on_submit():
        return _render_quotas(convention, 422, "draw/_bounds_form.html", form=form)
    bounds = {row.id: (form[f"min_{row.id}"].data, form[f"max_{row.id}"].data) for row in rows}
    try:
        changed = quotas.update_bounds(convention, bounds)
    except quotas.QuotasLocked:
        return _locked(convention)
    db.session.commit()
    flash(_("Quotas saved.") if changed else _("Nothing to save: no quota changed."), "success" if changed else "info")
    return redirect_to(url_for(".quotas", slug=convention.slug))


@bp.post("/manage/<slug>/draw/quotas/shares")
@access.convention_role(Role.organiser)
def quota_shares(convention):
    if not quotas.can_edit(convention):
        return _locked(convention)
    rows = queries.quota_rows(convention)
    form = shares_form(rows)
    if not form.validate_on_submit():
        return _render_quotas(convention, 422, "draw/_shares_form.html", shares=form)
    percents = {row.id: form[f"share_{row.id}"].data for row in rows}
    try:
        shares = quotas.shares_from_form(rows, {k: float(v) for k, v in percents.items() if v is not None})
        if not shares:
            raise BadQuotas([Problem("no_shares", "")])
        quotas.apply_shares(convention, shares, float(form.tolerance.data))
    except BadQuotas as error:
        form.errors_list = problems.described(error.problems)
        return _render_quotas(convention, 422, "draw/_shares_form.html", shares=form)
    except quotas.QuotasLocked:
        return _locked(convention)
    db.session.commit()
    flash(_("Quotas derived from the population shares."), "success")
    return redirect_to(url_for(".quotas", slug=convention.slug))


@bp.post("/manage/<slug>/draw/quotas/file")
@access.convention_role(Role.organiser)
def quota_file(convention):
    if not quotas.can_edit(convention):
        return _locked(convention)
    form = QuotaFileForm(prefix="file")
    if not form.validate_on_submit():
        return _render_quotas(convention, 422, file_form=form)
    file = form.file.data
    try:
        if form.kind.data == "shares":
            quotas.import_shares_file(convention, file.read(), file.filename, form.tolerance_value)
        else:
            quotas.import_quota_file(convention, file.read(), file.filename)
    except BadQuotas as error:
        db.session.rollback()
        return _render_quotas(convention, 422, file_form=form, errors=problems.described(error.problems))
    except quotas.QuotasLocked:
        return _locked(convention)
    db.session.commit()
    flash(_("Quotas read from %(file)s.", file=file.filename), "success")
    return redirect_to(url_for(".quotas", slug=convention.slug))
