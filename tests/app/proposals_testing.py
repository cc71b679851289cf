"""Helpers of the proposals tests: a working group with members, proposals made through the
operations (so each has its versions), an amendment and a comment."""
from convention.auth.models import User
from convention.extensions import db
from convention.groups.models import WorkingGroup
from convention.proposals import operations
from convention.proposals.models import ProposalStatus

TEXT = "## Objectif\n\nLa ville publie chaque algorithme utilisé pour une décision.\n\n- un registre public\n"


def make_group(convention_id, members, name="Groupe transparence"):
    group = WorkingGroup(convention_id=convention_id, name=name, members=list(members))
    db.session.add(group)
    db.session.flush()
    return group


def make_proposal(convention, group, author, title="Registre des algorithmes", text=TEXT, submitted=False):
    values = {"title": title, "summary": "Un registre public.", "text": text, "themes": [], "contributions": [],
              "hearings": []}
    proposal = operations.create(convention, group, values, author)
    if submitted:
        proposal.status = ProposalStatus.submitted
    db.session.flush()
    return proposal


def matrix_objects(convention, member):
    """A draft and a submitted proposal of the member's group (with an amendment and a comment), and
    a draft of a group the member is not in."""
    member = db.session.get(User, member.id)
    group = make_group(convention.id, [member])
    other_group = make_group(convention.id, [], name="Autre groupe")
    draft = make_proposal(convention, group, member)
    submitted = make_proposal(convention, group, member, title="Proposition soumise", submitted=True)
    other_draft = make_proposal(convention, other_group, member, title="Brouillon d'un autre groupe")
    amendment = operations.propose_amendment(submitted, member, "un registre public", "un registre ouvert", "Plus clair.")
    comment = operations.comment(submitted, member, "D'accord.")
    db.session.flush()
    return {"proposal": draft.id, "submitted": submitted.id, "other_draft": other_draft.id,
            "amendment": amendment.id, "comment": comment.id}
