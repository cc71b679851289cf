"""Proposal page benchmark: server time of a proposal with 500 comments and 50 versions.

    python benchmarks/proposals.py [--repeat 200] [--database postgresql://...]

Builds a public convention on a temporary SQLite database (or the given one, which must be empty),
a submitted proposal saved 50 times by 5 members, 500 comments (one in five a reply) and 10
amendments, then requests the proposal's page, its second page of comments and its history through
the application's test client, and reports p50/p95 of the time each request spends in the app
(target of issue #14: p95 under 150 ms for the proposal's page). Results go to benchmarks/results/.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from convention import create_app  # noqa: E402
from convention.auth.models import Membership, Role, User  # noqa: E402
from convention.organising.models import Convention  # noqa: E402
from convention.extensions import db  # noqa: E402
from convention.groups.models import WorkingGroup  # noqa: E402
from convention.proposals import operations  # noqa: E402
from convention.proposals.models import ProposalStatus  # noqa: E402

WORDS = ("la métropole publie chaque algorithme utilisé pour une décision individuelle avec sa finalité "
         "ses données et le service responsable").split()


def build(versions=50, comments=500):
    convention = Convention(slug="bench", title="Banc d'essai", question="?", panel_size=40, is_public=True)
    members = [User(email=f"membre{i}@example.org", name=f"Membre {i}") for i in range(5)]
    db.session.add_all([convention, *members])
    db.session.add_all(Membership(user=m, convention=convention, role=Role.member) for m in members)
    db.session.flush()
    group = WorkingGroup(convention_id=convention.id, name="Groupe", members=members)
    db.session.add(group)
    text = "\n\n".join(" ".join(WORDS[(p + i) % len(WORDS)] for i in range(60)) for p in range(8))
    values = {"title": "Registre", "summary": "", "text": text, "themes": [], "contributions": [], "hearings": []}
    proposal = operations.create(convention, group, values, members[0])
    for number in range(1, versions):
        words = text.split(" ")
        words[(number * 7) % len(words)] = f"mot{number}"
        text = " ".join(words)
        operations.save(proposal, proposal.version, {**values, "text": text}, members[number % 5])
    proposal.status = ProposalStatus.submitted
    for number in range(10):
        operations.propose_amendment(proposal, members[number % 5], "", f"Texte {number}", "Pourquoi pas.")
    parents = []
    for number in range(comments):
        parent = parents[-1] if parents and number % 5 == 4 else None
        item = operations.comment(proposal, members[number % 5], f"Commentaire {number} " + " ".join(WORDS[:20]),
                                  parent=parent)
        if parent is None:
            db.session.flush()
            parents.append(item)
    db.session.commit()
    return convention.slug, proposal.id, proposal.version


def timed(client, url, repeat):
    client.get(url)         # warm the templates and caches
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    times.sort()
    return {"p50_ms": round(statistics.median(times), 1), "p95_ms": round(times[int(len(times) * 0.95) - 1], 1),
            "max_ms": round(times[-1], 1), "requests": repeat}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--database", default=None, help="an empty database URL (default: temporary SQLite)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database or f"sqlite:///{tmp}/bench.sqlite"
        app = create_app({"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url, "TASKS_IMMEDIATE": True,
                          "TASKS_IN_PROCESS_WORKER": False, "MAIL_SERVER": None})
        with app.app_context():
            db.create_all()
            slug, proposal_id, versions = build()
        client = app.test_client()
        base = f"/c/{slug}/proposals/{proposal_id}"
        results = {"proposal page": timed(client, base, args.repeat),
                   "comments page 2": timed(client, f"{base}?page=2", args.repeat),
                   f"history 1→{versions}": timed(client, f"{base}/versions?from=1&to={versions}", args.repeat // 4)}
    print(f"Proposal with 500 comments and 50 versions ({'SQLite' if not args.database else 'given database'}):")
    for name, result in results.items():
        print(f"  {name:<20} p50 {result['p50_ms']:7.1f} ms   p95 {result['p95_ms']:7.1f} ms   "
              f"({result['requests']} requests)")
    target = results["proposal page"]["p95_ms"] < 150
    print(f"  target p95 < 150 ms for the proposal page: {'met' if target else 'NOT met'}")
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    (out / f"proposals-{stamp}.json").write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
