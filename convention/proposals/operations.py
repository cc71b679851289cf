"""Changing proposals: drafts saved as versions (with optimistic locking), status changes, merges,
amendments and their supports, comments and their moderation. Status changes, decided amendments,
merges and moderation are audit-logged in the caller's transaction; the caller commits."""
import sqlalchemy as sa

from ..audit import labels
from ..audit import services as audit
from ..database import utcnow
from ..extensions import db
from ..i18n import _l
from . import queries
from .models import (Amendment, AmendmentStatus, AmendmentSupport, CommentStatus, Proposal, ProposalComment,
                     ProposalStatus, ProposalVersion)
from .text import apply_amendment

labels.register(
    actions={"proposals.create": _l("Proposal drafted"), "proposals.status": _l("Proposal status changed"),
             "proposals.merge": _l("Proposals merged"), "proposals.amendment_accept": _l("Amendment accepted"),
             "proposals.amendment_reject": _l("Amendment rejected"),
             "proposals.amendment_plenary": _l("Amendment sent to the plenary vote"),
             "proposals.comment_moderate": _l("Comment moderated")},
    objects={"Proposal": _l("Proposal"), "Amendment": _l("Amendment"), "ProposalComment": _l("Comment")},
    fields={"summary": _l("Summary"), "group": _l("Working group"), "themes": _l("Themes"),
            "merged_into": _l("Merged into"), "reason": _l("Reason"), "proposal": _l("Proposal"),
            "version": _l("Version")},
    values={"status": {**{s.name: s.label for s in ProposalStatus}, **{s.name: s.label for s in AmendmentStatus},
                       **{s.name: s.label for s in CommentStatus}}},
    names={"Amendment": lambda a: f"#{a.id}", "ProposalComment": lambda c: f"#{c.id}"})

# Which status may follow which; merging has its own operation.
TRANSITIONS = {
    ProposalStatus.draft: {ProposalStatus.submitted, ProposalStatus.withdrawn},
    ProposalStatus.submitted: {ProposalStatus.adopted, ProposalStatus.rejected, ProposalStatus.withdrawn,
                               ProposalStatus.draft},
}


class StaleVersion(Exception):
    """The text was saved by someone else since the editor started from `base`."""

    def __init__(self, current):
        super().__init__(current)
        self.current = current


class NotAllowed(Exception):
    """The action does not fit the proposal's or amendment's state (answered 409)."""


def create(convention, group, values, author):
    """A draft with its first version. values: title, summary, text, themes, contributions, hearings."""
    proposal = Proposal(convention_id=convention.id, group=group, title=values["title"], version=0,
                        status=ProposalStatus.draft, text="",
                        summary=values["summary"], themes=values["themes"], contributions=values["contributions"],
                        hearings=values["hearings"])
    db.session.add(proposal)
    _new_version(proposal, values["title"], values["text"], author)
    audit.record("proposals.create", proposal, convention=convention, after=proposal.summary_fields(), actor=author)
    return proposal


def _new_version(proposal, title, text, author, amendment=None, note=""):
    proposal.version += 1
    proposal.title, proposal.text = title, text
    version = ProposalVersion(proposal=proposal, number=proposal.version, title=title, text=text,
                              author_id=author.id if author is not None else None,
                              amendment_id=amendment.id if amendment is not None else None, note=note)
    db.session.add(version)
    return version


def save(proposal, base, values, author):
    """Save an edit made from version `base`. Raises StaleVersion when a newer version exists: the
    row is locked first so that two saves at once cannot both pass the check."""
    current = db.session.scalar(db.select(Proposal.version).where(Proposal.id == proposal.id).with_for_update())
    if current != base:
        raise StaleVersion(current)
    if proposal.status is not ProposalStatus.draft:
        raise NotAllowed()
    proposal.summary = values["summary"]
    proposal.themes, proposal.contributions, proposal.hearings = values["themes"], values["contributions"], values["hearings"]
    if values["title"] != proposal.title or values["text"] != proposal.text:
        return _new_version(proposal, values["title"], values["text"], author)
    return None


def set_status(convention, proposal, status, actor):
    if status not in TRANSITIONS.get(proposal.status, set()):
        raise NotAllowed()
    before = proposal.summary_fields()
    proposal.status = status
    audit.record_changes("proposals.status", proposal, before, proposal.summary_fields(), convention=convention,
                         actor=actor)


def merge(convention, duplicate, kept, actor):
    """Merge `duplicate` into `kept`: the duplicate keeps its history and points to the kept one,
    whose contributions, hearings and themes gain the duplicate's."""
    if duplicate.id == kept.id or kept.status is ProposalStatus.merged or duplicate.status is ProposalStatus.merged:
        raise NotAllowed()
    before = duplicate.summary_fields()
    duplicate.status, duplicate.merged_into = ProposalStatus.merged, kept
    for name in ("themes", "contributions", "hearings"):
        mine = getattr(kept, name)
        mine.extend(item for item in getattr(duplicate, name) if item not in mine)
    audit.record("proposals.merge", duplicate, convention=convention, before=before,
                 after=duplicate.summary_fields(), actor=actor)


def merged_from(proposal):
    return db.session.scalars(db.select(Proposal).filter_by(merged_into_id=proposal.id).order_by(Proposal.id)).all()


def propose_amendment(proposal, author, passage, replacement, justification):
    """An amendment to a submitted proposal. Raises NotAllowed for another status, ValueError when
    the passage is not in the current text."""
    if proposal.status is not ProposalStatus.submitted:
        raise NotAllowed()
    apply_amendment(proposal.text, passage, replacement)
    amendment = Amendment(proposal=proposal, author_id=author.id, base_version=proposal.version, passage=passage,
                          replacement=replacement, justification=justification)
    db.session.add(amendment)
    return amendment


def decide(convention, amendment, status, actor, reason=""):
    """Accept (a new version crediting the author; overlapping open amendments become conflicting),
    reject with a reason, or send to the plenary vote. Raises NotAllowed unless the amendment is open
    and its proposal submitted, ValueError when its passage is no longer in the text."""
    proposal = amendment.proposal
    if amendment.status is not AmendmentStatus.open or proposal.status is not ProposalStatus.submitted:
        raise NotAllowed()
    before = amendment.summary_fields()
    if status is AmendmentStatus.accepted:
        text = apply_amendment(proposal.text, amendment.passage, amendment.replacement)
        conflicting = queries.open_overlapping(amendment)
        _new_version(proposal, proposal.title, text, amendment.author, amendment=amendment)
        for other in conflicting:
            other.status = AmendmentStatus.conflicting
    amendment.status, amendment.reason = status, reason
    amendment.decided_by_id, amendment.decided_at = actor.id, utcnow()
    action = {AmendmentStatus.accepted: "proposals.amendment_accept", AmendmentStatus.rejected:
              "proposals.amendment_reject", AmendmentStatus.plenary: "proposals.amendment_plenary"}[status]
    after = amendment.summary_fields()
    if status is AmendmentStatus.accepted:
        after["version"] = proposal.version
    audit.record(action, amendment, convention=convention, before=before, after=after, actor=actor)


def toggle_support(amendment, user):
    """Support an amendment, or take the support back; one per member by the unique constraint."""
    existing = db.session.scalar(db.select(AmendmentSupport).filter_by(amendment_id=amendment.id, user_id=user.id))
    if existing is not None:
        db.session.delete(existing)
        db.session.flush()
        return False
    try:
        with db.session.begin_nested():
            db.session.add(AmendmentSupport(amendment_id=amendment.id, user_id=user.id))
    except sa.exc.IntegrityError:
        pass        # a second click at the same moment: the support is there
    return True


def comment(proposal, author, text, parent=None):
    """A comment, or a reply to a top-level comment (a reply to a reply answers its parent)."""
    if parent is not None and parent.parent_id is not None:
        parent = parent.parent
    item = ProposalComment(proposal_id=proposal.id, author_id=author.id, text=text.strip(),
                           parent_id=parent.id if parent is not None else None)
    db.session.add(item)
    return item


def moderate(convention, item, status, reason, actor):
    before = item.summary_fields()
    item.status, item.moderation_reason = status, reason if status is CommentStatus.hidden else ""
    audit.record_changes("proposals.comment_moderate", item, before, item.summary_fields(), convention=convention,
                         actor=actor)
