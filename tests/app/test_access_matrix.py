"""Every route × every kind of visitor → the expected status. A new route without a row fails."""
from pathlib import Path

import pytest

from convention_testing import log_in
from convention.auth import services as auth
from convention.auth.models import Role
from convention.extensions import db
from convention.draw.models import PoolUpload
from convention.tasks.models import TaskRun
from draw_testing import POOL_CSV
from hearings_testing import matrix_objects as hearings_matrix_objects
from proposals_testing import matrix_objects as proposals_matrix_objects
from sessions_testing import matrix_objects as sessions_matrix_objects
from themes_testing import matrix_objects

ROLES = ["anonymous", "member", "expert", "decision_maker", "other_organiser", "organiser", "admin"]


def statuses(anonymous, member, expert, decision_maker, other_organiser, organiser, admin):
    return dict(zip(ROLES, [anonymous, member, expert, decision_maker, other_organiser, organiser, admin]))


EVERYONE = statuses(*[200] * 7)
LOGGED_IN = statuses(302, 200, 200, 200, 200, 200, 200)
ORGANISERS = statuses(302, 403, 403, 403, 403, 200, 200)
ORGANISERS_FORM = statuses(302, 403, 403, 403, 403, 422, 422)   # an empty post fails validation
ORGANISERS_REDIRECTED = statuses(302, 403, 403, 403, 403, 302, 302)  # refused at this step, or done
ORGANISERS_NOT_FOUND = statuses(302, 403, 403, 403, 403, 404, 404)   # past the access check, no such object
ADMINS = statuses(302, 403, 403, 403, 403, 403, 200)
ADMINS_FORM = statuses(302, 403, 403, 403, 403, 403, 422)
MEMBERS_OR_PUBLIC = statuses(404, 200, 200, 200, 404, 200, 200)  # a non-public convention's page
CONTRIBUTORS_FORM = statuses(302, 422, 403, 403, 403, 422, 422)  # members and organisers post
PARTICIPANTS = statuses(302, 200, 403, 403, 403, 200, 200)  # panel members and organisers
ORGANISERS_BAD_REQUEST = statuses(302, 403, 403, 403, 403, 400, 400)  # an empty post is malformed
REDIRECTED = statuses(*[302] * 7)
NOT_FOUND = statuses(*[404] * 7)

# (method, endpoint, URL template, expected statuses); {slug}, {public}, {membership}, {invitation},
# {run} are filled from the world fixture.
MATRIX = [
    ("GET", "public.home", "/", EVERYONE),
    ("GET", "public.convention", "/c/{slug}", MEMBERS_OR_PUBLIC),
    ("GET", "public.convention", "/c/{public}", EVERYONE),
    ("POST", "public.language", "/language", REDIRECTED),
    ("GET", "auth.login", "/login", EVERYONE),
    ("POST", "auth.login", "/login", statuses(*[422] * 7)),
    ("POST", "auth.logout", "/logout", REDIRECTED),
    ("GET", "auth.accept_invitation", "/invitation/not-a-token", NOT_FOUND),
    ("POST", "auth.accept_invitation", "/invitation/not-a-token", NOT_FOUND),
    ("GET", "auth.account", "/account", LOGGED_IN),
    ("POST", "auth.account", "/account", statuses(302, 422, 422, 422, 422, 422, 422)),
    ("POST", "auth.log_out_everywhere", "/account/sessions", REDIRECTED),
    ("GET", "auth.forgot_password", "/password/forgot", EVERYONE),
    ("POST", "auth.forgot_password", "/password/forgot", statuses(*[422] * 7)),
    ("GET", "auth.reset_password", "/password/reset/not-a-token", NOT_FOUND),
    ("POST", "auth.reset_password", "/password/reset/not-a-token", NOT_FOUND),
    ("GET", "conventions.dashboard", "/dashboard", LOGGED_IN),
    ("GET", "conventions.create", "/conventions/new", ADMINS),
    ("POST", "conventions.create", "/conventions/new", ADMINS_FORM),
    ("GET", "conventions.manage", "/manage/{slug}/", ORGANISERS),
    ("GET", "conventions.edit", "/manage/{slug}/edit", ORGANISERS),
    ("POST", "conventions.edit", "/manage/{slug}/edit", ORGANISERS_FORM),
    ("GET", "conventions.people", "/manage/{slug}/people", ORGANISERS),
    ("POST", "conventions.invite", "/manage/{slug}/people/invite", ORGANISERS_FORM),
    ("GET", "conventions.remove_membership", "/manage/{slug}/people/{membership}/remove", ORGANISERS),
    ("GET", "conventions.revoke_invitation", "/manage/{slug}/invitations/{invitation}/revoke", ORGANISERS),
    ("GET", "audit.log", "/manage/{slug}/audit", ORGANISERS),
    ("GET", "draw.index", "/manage/{slug}/draw/", ORGANISERS),
    ("GET", "draw.pool", "/manage/{slug}/draw/pool", ORGANISERS),
    ("POST", "draw.upload_pool", "/manage/{slug}/draw/pool", ORGANISERS_FORM),
    ("GET", "draw.map_columns", "/manage/{slug}/draw/pool/uploads/{upload}", ORGANISERS),
    ("POST", "draw.map_columns", "/manage/{slug}/draw/pool/uploads/{upload}", ORGANISERS_REDIRECTED),
    ("GET", "draw.export_pool", "/manage/{slug}/draw/pool.csv", ORGANISERS_NOT_FOUND),
    ("GET", "privacy.index", "/manage/{slug}/privacy", ORGANISERS),
    ("GET", "privacy.index", "/manage/{slug}/privacy?q=example", ORGANISERS),
    ("POST", "privacy.export", "/manage/{slug}/privacy/volunteer/999999/export", ORGANISERS_NOT_FOUND),
    ("GET", "privacy.erase", "/manage/{slug}/privacy/participant/999999/erase", ORGANISERS_NOT_FOUND),
    ("POST", "privacy.erase", "/manage/{slug}/privacy/account/999999/erase", ORGANISERS_NOT_FOUND),
    ("GET", "privacy.erase_pool", "/manage/{slug}/privacy/pool/erase", ORGANISERS_REDIRECTED),
    ("POST", "privacy.erase_pool", "/manage/{slug}/privacy/pool/erase", ORGANISERS_REDIRECTED),
    ("GET", "privacy.drop_uploads", "/manage/{slug}/privacy/uploads/drop", ORGANISERS),
    ("POST", "privacy.drop_uploads", "/manage/{slug}/privacy/uploads/drop", ORGANISERS_REDIRECTED),
    ("GET", "draw.quotas", "/manage/{slug}/draw/quotas", ORGANISERS),
    ("POST", "draw.quotas", "/manage/{slug}/draw/quotas", ORGANISERS_REDIRECTED),
    ("POST", "draw.quota_shares", "/manage/{slug}/draw/quotas/shares", ORGANISERS_FORM),
    ("POST", "draw.quota_file", "/manage/{slug}/draw/quotas/file", ORGANISERS_FORM),
    ("POST", "draw.publish", "/manage/{slug}/draw/publish", ORGANISERS_REDIRECTED),
    ("GET", "draw.withdraw", "/manage/{slug}/draw/withdraw", ORGANISERS),
    ("POST", "draw.seed", "/manage/{slug}/draw/seed", ORGANISERS_FORM),
    ("POST", "draw.generate_seed", "/manage/{slug}/draw/seed/generate", ORGANISERS_REDIRECTED),
    ("POST", "draw.run", "/manage/{slug}/draw/run", ORGANISERS_REDIRECTED),
    ("GET", "draw.relax", "/manage/{slug}/draw/relax/0", ORGANISERS_REDIRECTED),
    ("GET", "draw.panel_page", "/manage/{slug}/draw/panel", ORGANISERS),
    ("POST", "draw.set_status", "/manage/{slug}/draw/panel/1/status", ORGANISERS_NOT_FOUND),
    ("POST", "draw.replace", "/manage/{slug}/draw/panel/replace", ORGANISERS_REDIRECTED),
    ("GET", "draw.export_quotas", "/c/{public}/draw/quotas.csv", NOT_FOUND),
    ("GET", "draw.record", "/c/{public}/draw/records/1.json", NOT_FOUND),
    ("GET", "draw.report", "/c/{public}/draw/records/1.html", NOT_FOUND),
    ("GET", "contributions.index", "/c/{slug}/contributions", MEMBERS_OR_PUBLIC),
    ("GET", "contributions.index", "/c/{public}/contributions", EVERYONE),
    ("POST", "contributions.add", "/c/{slug}/contributions", CONTRIBUTORS_FORM),
    ("GET", "contributions.export", "/c/{slug}/contributions/export.csv", MEMBERS_OR_PUBLIC),
    ("GET", "contributions.export", "/c/{public}/contributions/export.json", EVERYONE),
    ("GET", "contributions.consultation_form", "/c/{slug}/consultation", MEMBERS_OR_PUBLIC),
    ("POST", "contributions.consultation_form", "/c/{public}/consultation", REDIRECTED),  # closed
    ("GET", "contributions.confirm_email", "/c/{public}/consultation/confirm/not-a-token", NOT_FOUND),
    ("POST", "contributions.confirm_email", "/c/{public}/consultation/confirm/not-a-token", NOT_FOUND),
    ("GET", "contributions.manage", "/manage/{slug}/contributions/", ORGANISERS),
    ("GET", "contributions.all_contributions", "/manage/{slug}/contributions/all", ORGANISERS),
    ("POST", "contributions.moderate", "/manage/{slug}/contributions/0/moderate", ORGANISERS_NOT_FOUND),
    ("POST", "contributions.consultation", "/manage/{slug}/contributions/consultation", ORGANISERS_REDIRECTED),
    ("GET", "contributions.import_notes", "/manage/{slug}/contributions/import", ORGANISERS),
    ("POST", "contributions.import_notes", "/manage/{slug}/contributions/import", ORGANISERS_FORM),
    ("POST", "contributions.confirm_import", "/manage/{slug}/contributions/import/confirm", ORGANISERS_FORM),
    ("GET", "themes.index", "/manage/{slug}/themes/", ORGANISERS),
    ("POST", "themes.run", "/manage/{slug}/themes/run", ORGANISERS_FORM),
    ("GET", "themes.map_page", "/manage/{slug}/themes/map", ORGANISERS),
    ("GET", "themes.show", "/manage/{slug}/themes/{theme}", ORGANISERS),
    ("POST", "themes.edit", "/manage/{slug}/themes/{theme}/edit", ORGANISERS_REDIRECTED),  # nothing changed
    ("POST", "themes.lock", "/manage/{slug}/themes/{theme}/lock", ORGANISERS_REDIRECTED),
    ("POST", "themes.choose_merge", "/manage/{slug}/themes/{theme}/merge", ORGANISERS_FORM),
    ("GET", "themes.merge", "/manage/{slug}/themes/{theme}/merge/{other_theme}", ORGANISERS),
    ("POST", "themes.split", "/manage/{slug}/themes/{theme}/split", ORGANISERS_FORM),
    ("POST", "themes.move", "/manage/{slug}/themes/{theme}/contributions/{assigned}/move", ORGANISERS_FORM),
    ("GET", "groups.manage", "/manage/{slug}/groups/", ORGANISERS),
    ("GET", "groups.create", "/manage/{slug}/groups/new", ORGANISERS),
    ("POST", "groups.create", "/manage/{slug}/groups/new", ORGANISERS_FORM),
    ("GET", "groups.edit", "/manage/{slug}/groups/{group}/edit", ORGANISERS),
    ("POST", "groups.edit", "/manage/{slug}/groups/{group}/edit", ORGANISERS_FORM),
    ("GET", "groups.delete", "/manage/{slug}/groups/{group}/delete", ORGANISERS),
    ("GET", "groups.index", "/c/{slug}/groups", PARTICIPANTS),
    ("GET", "themes.members_list", "/c/{slug}/themes", PARTICIPANTS),
    ("GET", "groups.show", "/c/{slug}/groups/{group}", PARTICIPANTS),
    ("GET", "tasks.progress", "/tasks/{run}", ORGANISERS),
    ("GET", "hearings.index", "/manage/{slug}/hearings/", ORGANISERS),
    ("GET", "hearings.create_expert", "/manage/{slug}/hearings/experts/new", ORGANISERS),
    ("POST", "hearings.create_expert", "/manage/{slug}/hearings/experts/new", ORGANISERS_FORM),
    ("GET", "hearings.edit_expert", "/manage/{slug}/hearings/experts/{expert}/edit", ORGANISERS),
    ("POST", "hearings.edit_expert", "/manage/{slug}/hearings/experts/{expert}/edit", ORGANISERS_FORM),
    ("GET", "hearings.create", "/manage/{slug}/hearings/new", ORGANISERS),
    ("POST", "hearings.create", "/manage/{slug}/hearings/new", ORGANISERS_FORM),
    ("GET", "hearings.edit", "/manage/{slug}/hearings/{hearing}/edit", ORGANISERS),
    ("POST", "hearings.edit", "/manage/{slug}/hearings/{hearing}/edit", ORGANISERS_FORM),
    ("GET", "hearings.balance", "/manage/{slug}/hearings/balance", ORGANISERS),
    ("GET", "hearings.my_profile", "/c/{slug}/expert/profile", statuses(302, 403, 200, 403, 403, 403, 404)),
    ("POST", "hearings.my_profile", "/c/{slug}/expert/profile", statuses(302, 403, 422, 403, 403, 403, 404)),
    ("GET", "hearings.my_declaration", "/c/{slug}/expert/declaration", statuses(302, 403, 200, 403, 403, 403, 404)),
    ("POST", "hearings.my_declaration", "/c/{slug}/expert/declaration", statuses(302, 403, 422, 403, 403, 403, 404)),
    ("POST", "hearings.add_document", "/c/{slug}/hearings/{hearing}/documents", statuses(302, 403, 422, 403, 403, 422, 422)),
    ("GET", "hearings.public_index", "/c/{slug}/hearings", MEMBERS_OR_PUBLIC),
    ("GET", "hearings.public_index", "/c/{public}/hearings", EVERYONE),
    ("GET", "hearings.show", "/c/{slug}/hearings/{hearing}", MEMBERS_OR_PUBLIC),
    ("GET", "hearings.questions", "/c/{slug}/hearings/{hearing}/questions", MEMBERS_OR_PUBLIC),
    ("POST", "hearings.ask", "/c/{slug}/hearings/{hearing}/questions", statuses(404, 422, 403, 403, 404, 422, 422)),
    ("POST", "hearings.vote", "/c/{slug}/hearings/{hearing}/questions/{question}/vote", statuses(404, 302, 403, 403, 404, 302, 302)),
    ("POST", "hearings.moderate", "/manage/{slug}/hearings/{hearing}/questions/{question}/status", ORGANISERS_BAD_REQUEST),
    ("POST", "hearings.merge", "/manage/{slug}/hearings/{hearing}/questions/{question}/merge", ORGANISERS_BAD_REQUEST),
    ("GET", "hearings.answer", "/c/{slug}/hearings/{hearing}/questions/{question}/answer", statuses(404, 403, 200, 403, 404, 200, 200)),
    ("POST", "hearings.answer", "/c/{slug}/hearings/{hearing}/questions/{question}/answer", statuses(404, 403, 422, 403, 404, 422, 422)),
    ("GET", "hearings.photo", "/c/{slug}/experts/{expert}/photo", NOT_FOUND),
    ("GET", "sessions.index", "/manage/{slug}/sessions/", ORGANISERS),
    ("GET", "sessions.create", "/manage/{slug}/sessions/new", ORGANISERS),
    ("POST", "sessions.create", "/manage/{slug}/sessions/new", ORGANISERS_FORM),
    ("GET", "sessions.show", "/manage/{slug}/sessions/{meeting}", ORGANISERS),
    ("GET", "sessions.show", "/manage/{slug}/sessions/{public_meeting}", ORGANISERS_NOT_FOUND),
    ("GET", "sessions.edit", "/manage/{slug}/sessions/{meeting}/edit", ORGANISERS),
    ("POST", "sessions.edit", "/manage/{slug}/sessions/{meeting}/edit", ORGANISERS_FORM),
    ("GET", "sessions.delete", "/manage/{slug}/sessions/{meeting}/delete", ORGANISERS),
    ("POST", "sessions.add_item", "/manage/{slug}/sessions/{meeting}/items", ORGANISERS_FORM),
    ("GET", "sessions.edit_item", "/manage/{slug}/sessions/{meeting}/items/{item}/edit", ORGANISERS),
    ("POST", "sessions.edit_item", "/manage/{slug}/sessions/{meeting}/items/{item}/edit", ORGANISERS_FORM),
    ("GET", "sessions.delete_item", "/manage/{slug}/sessions/{meeting}/items/{item}/delete", ORGANISERS),
    ("POST", "sessions.move_item", "/manage/{slug}/sessions/{meeting}/items/{item}/move", ORGANISERS_BAD_REQUEST),
    ("POST", "sessions.reorder_items", "/manage/{slug}/sessions/{meeting}/items/order", ORGANISERS_BAD_REQUEST),
    ("POST", "sessions.add_document", "/manage/{slug}/sessions/{meeting}/documents", ORGANISERS_FORM),
    ("GET", "sessions.delete_document", "/manage/{slug}/sessions/{meeting}/documents/{document}/delete", ORGANISERS),
    ("GET", "sessions.download", "/c/{slug}/documents/{document}", MEMBERS_OR_PUBLIC),
    ("GET", "sessions.attendance", "/manage/{slug}/sessions/{meeting}/attendance", ORGANISERS),
    ("POST", "sessions.mark", "/manage/{slug}/sessions/{meeting}/attendance/{member}", ORGANISERS_BAD_REQUEST),
    ("GET", "sessions.remind", "/manage/{slug}/sessions/{meeting}/attendance/reminder", ORGANISERS_REDIRECTED),
    ("POST", "sessions.remind", "/manage/{slug}/sessions/{meeting}/attendance/reminder", ORGANISERS_REDIRECTED),
    ("GET", "sessions.attendance_summary", "/manage/{slug}/sessions/attendance", ORGANISERS),
    ("GET", "sessions.public_index", "/c/{slug}/sessions", MEMBERS_OR_PUBLIC),
    ("GET", "sessions.public_index", "/c/{public}/sessions", EVERYONE),
    ("GET", "sessions.public_show", "/c/{public}/sessions/{public_meeting}", EVERYONE),
    ("GET", "sessions.public_show", "/c/{slug}/sessions/{meeting}", NOT_FOUND),
    ("GET", "sessions.meeting_ics", "/c/{public}/sessions/{public_meeting}.ics", EVERYONE),
    ("GET", "sessions.agenda_ics", "/c/{slug}/agenda.ics", MEMBERS_OR_PUBLIC),
    ("GET", "proposals.index", "/c/{slug}/proposals", MEMBERS_OR_PUBLIC),
    ("GET", "proposals.manage", "/manage/{slug}/proposals/", ORGANISERS),
    ("GET", "proposals.index", "/c/{public}/proposals", EVERYONE),
    ("GET", "proposals.create", "/c/{slug}/proposals/new", PARTICIPANTS),
    ("POST", "proposals.create", "/c/{slug}/proposals/new", CONTRIBUTORS_FORM),
    ("GET", "proposals.show", "/c/{slug}/proposals/{proposal}", statuses(404, 200, 404, 404, 404, 200, 200)),
    ("GET", "proposals.show", "/c/{slug}/proposals/{submitted}", MEMBERS_OR_PUBLIC),
    ("GET", "proposals.edit", "/c/{slug}/proposals/{proposal}/edit", statuses(404, 200, 404, 404, 404, 200, 200)),
    ("GET", "proposals.edit", "/c/{slug}/proposals/{other_draft}/edit", statuses(404, 403, 404, 404, 404, 200, 200)),
    ("POST", "proposals.edit", "/c/{slug}/proposals/{proposal}/edit", statuses(404, 422, 404, 404, 404, 422, 422)),
    ("POST", "proposals.edit", "/c/{slug}/proposals/{other_draft}/edit", statuses(404, 403, 404, 404, 404, 422, 422)),
    ("POST", "proposals.set_status", "/c/{slug}/proposals/{proposal}/status", statuses(404, 400, 404, 404, 404, 400, 400)),
    ("POST", "proposals.merge", "/manage/{slug}/proposals/{proposal}/merge", ORGANISERS_BAD_REQUEST),
    ("GET", "proposals.history", "/c/{slug}/proposals/{submitted}/versions", MEMBERS_OR_PUBLIC),
    ("GET", "proposals.propose", "/c/{slug}/proposals/{submitted}/amendments/new", statuses(404, 200, 403, 403, 404, 200, 200)),
    ("POST", "proposals.propose", "/c/{slug}/proposals/{submitted}/amendments/new", statuses(404, 422, 403, 403, 404, 422, 422)),
    ("GET", "proposals.amendment", "/c/{slug}/proposals/{submitted}/amendments/{amendment}", MEMBERS_OR_PUBLIC),
    ("POST", "proposals.decide", "/c/{slug}/proposals/{submitted}/amendments/{amendment}/decision", statuses(404, 422, 403, 403, 404, 422, 422)),
    ("POST", "proposals.support", "/c/{slug}/proposals/{submitted}/amendments/{amendment}/support", statuses(404, 302, 403, 403, 404, 302, 302)),
    ("POST", "proposals.comment", "/c/{slug}/proposals/{submitted}/comments", statuses(404, 422, 403, 403, 404, 422, 422)),
    ("POST", "proposals.moderate", "/manage/{slug}/proposals/{submitted}/comments/{comment}/moderate", ORGANISERS_BAD_REQUEST),
    ("GET", "mail.outbox", "/admin/outbox", ADMINS),
    ("GET", "tasks.admin_runs", "/admin/tasks", ADMINS),
]
# Posts that change data are checked apart, in the files of CHECKED_IN (each must post to the route:
# test_the_destructive_posts_are_checked_where_cited): the matrix only proves who gets past the access check.
DESTRUCTIVE_POSTS = {"conventions.remove_membership", "conventions.revoke_invitation", "draw.withdraw",
                     "draw.relax", "themes.merge", "groups.delete", "sessions.delete", "sessions.delete_item",
                     "sessions.delete_document"}
CHECKED_IN = {"conventions": ("test_invitations.py",), "draw": ("test_draw_run.py",),
              "themes": ("test_themes_curation.py",), "groups": ("test_groups.py",),
              "sessions": ("test_sessions.py", "test_sessions_documents.py")}

CASES = [pytest.param(method, url, role, expected[role], id=f"{method} {url} as {role}")
         for method, _endpoint, url, expected in MATRIX for role in ROLES]


@pytest.fixture
def urls(app, world):
    with app.app_context():
        convention, public = db.session.merge(world.convention), db.session.merge(world.other)
        public.is_public = True
        membership = db.session.merge(world.users["member"]).memberships[0]
        invitation, _token = auth.invite(convention, "invitee@example.org", Role.expert)
        run = TaskRun(kind="test", convention_id=convention.id)
        upload = PoolUpload(convention_id=convention.id, filename="vivier.csv", data=POOL_CSV)
        db.session.add_all([run, upload])
        themes = matrix_objects(convention)
        sessions = sessions_matrix_objects(convention, public)
        hearings = hearings_matrix_objects(convention, db.session.merge(world.users["expert"]))
        proposals = proposals_matrix_objects(convention, world.users["member"])
        db.session.commit()
        return {"slug": convention.slug, "public": public.slug, "membership": membership.id,
                "invitation": invitation.id, "run": run.id, "upload": upload.id,
                "member": world.users["member"].id, **themes, **sessions, **hearings, **proposals}


@pytest.mark.parametrize(("method", "url", "role", "expected"), CASES)
def test_access(client, world, urls, method, url, role, expected):
    log_in(client, world.users[role])
    response = client.open(url.format(**urls), method=method)
    assert response.status_code == expected
    if expected == 302 and role == "anonymous" and method == "GET":
        assert "/login" in response.headers["Location"]


@pytest.mark.parametrize("endpoint", sorted(DESTRUCTIVE_POSTS))
def test_destructive_posts_check_access_first(client, world, urls, endpoint):
    url = next(u for m, e, u, _ in MATRIX if e == endpoint).format(**urls)
    for role in ROLES:
        log_in(client, world.users[role])
        expected = ORGANISERS[role]
        if expected == 200:
            continue  # the effect of a permitted post is tested with the feature
        assert client.post(url).status_code == expected, role


def test_every_route_is_in_the_matrix(app):
    covered = {(method, endpoint) for method, endpoint, _url, _expected in MATRIX}
    covered |= {("POST", endpoint) for endpoint in DESTRUCTIVE_POSTS}
    missing = [(method, rule.endpoint) for rule in app.url_map.iter_rules() if rule.endpoint != "static"
               for method in sorted(rule.methods - {"HEAD", "OPTIONS"})
               if (method, rule.endpoint) not in covered]
    assert not missing, f"routes without access expectations: {missing}"


@pytest.mark.parametrize("endpoint", sorted(DESTRUCTIVE_POSTS))
def test_the_destructive_posts_are_checked_where_cited(endpoint):
    url = next(u for m, e, u, _ in MATRIX if e == endpoint)
    action = [part for part in url.split("/") if part and "{" not in part and not part.isdigit()][-1]
    files = [Path(__file__).parent / name for name in CHECKED_IN[endpoint.split(".")[0]]]
    assert any(f"/{action}" in path.read_text() for path in files if path.is_file()), (endpoint, files)
