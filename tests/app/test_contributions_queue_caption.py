"""Moderating in place (htmx) updates the queue's caption as well as its counts: after two
moderations the caption said "6 waiting" while the counter said 4."""
import re

from contributions_testing import add
from convention_testing import log_in
from convention.contributions.models import ContributionStatus

HTMX = {"HX-Request": "true"}


def _caption(text):
    match = re.search(r'<caption id="moderation-caption"( hx-swap-oob="true")?>([^<]*)</caption>', text)
    return match and (bool(match.group(1)), match.group(2))


def test_the_queue_caption_follows_the_moderations(client, app, world):
    ids = [add(app, world.convention.id, f"Idée {n}", ContributionStatus.pending) for n in range(3)]
    log_in(client, world.users["organiser"])
    queue = "/manage/test/contributions/"
    assert _caption(client.get(queue).get_data(as_text=True)) == (False, "3 contributions en attente, les plus anciennes d’abord")
    for done, contribution_id in enumerate(ids[:2], start=1):
        response = client.post(f"/manage/test/contributions/{contribution_id}/moderate?next={queue}",
                               data={"action": "approve"}, headers=HTMX)
        text = response.get_data(as_text=True)
        waiting = 3 - done
        expected = ("2 contributions en attente, les plus anciennes d’abord" if waiting == 2
                    else "1 contribution en attente, la plus ancienne d’abord")
        assert _caption(text) == (True, expected), text
        assert f"<dt>À modérer</dt><dd>{waiting}</dd>" in text
    response = client.post(f"/manage/test/contributions/{ids[2]}/moderate?next={queue}all",
                           data={"action": "approve"}, headers=HTMX)
    assert _caption(response.get_data(as_text=True)) is None, "the page of all contributions has its own caption"
