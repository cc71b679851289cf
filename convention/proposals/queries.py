"""Reading proposals: lists, versions, amendments grouped by passage, comments by page."""
import sqlalchemy as sa
from flask import abort

from ..extensions import db
from ..groups.models import WorkingGroup
from .models import (Amendment, AmendmentStatus, AmendmentSupport, CommentStatus, Proposal, ProposalComment,
                     ProposalStatus, ProposalVersion, proposal_contributions)
from .text import overlaps

COMMENTS_PER_PAGE = 20


def proposals_of(convention, public_only=False):
    query = db.select(Proposal).filter_by(convention_id=convention.id).order_by(Proposal.group_id, Proposal.id)
    if public_only:
        query = query.where(Proposal.status != ProposalStatus.draft)
    return db.session.scalars(query).all()


def proposals_of_group(group):
    return db.session.scalars(db.select(Proposal).filter_by(group_id=group.id).order_by(Proposal.id)).all()


def proposal_or_404(convention, proposal_id):
    proposal = db.session.get(Proposal, proposal_id)
    if proposal is None or proposal.convention_id != convention.id:
        abort(404)
    return proposal


def groups_of(convention):
    return db.session.scalars(db.select(WorkingGroup).filter_by(convention_id=convention.id)
                              .order_by(WorkingGroup.name)).all()


def versions(proposal):
    """The versions, newest first, with their authors."""
    return db.session.scalars(db.select(ProposalVersion).filter_by(proposal_id=proposal.id)
                              .order_by(ProposalVersion.number.desc())
                              .options(sa.orm.selectinload(ProposalVersion.author))).all()


def version_or_404(proposal, number):
    version = db.session.scalar(db.select(ProposalVersion).filter_by(proposal_id=proposal.id, number=number))
    if version is None:
        abort(404)
    return version


def amendment_or_404(proposal, amendment_id):
    amendment = db.session.get(Amendment, amendment_id)
    if amendment is None or amendment.proposal_id != proposal.id:
        abort(404)
    return amendment


def open_amendment_counts(convention):
    """{proposal id: amendments waiting for a decision}, for every proposal of the convention that has some."""
    rows = db.session.execute(db.select(Amendment.proposal_id, sa.func.count(Amendment.id)).join(Proposal)
                              .where(Proposal.convention_id == convention.id, Amendment.status == AmendmentStatus.open)
                              .group_by(Amendment.proposal_id))
    return dict(rows.all())


def amendments(proposal):
    """(amendment, supports) pairs, oldest first."""
    count = (db.select(sa.func.count(AmendmentSupport.id)).where(AmendmentSupport.amendment_id == Amendment.id)
             .scalar_subquery())
    rows = db.session.execute(db.select(Amendment, count).filter_by(proposal_id=proposal.id)
                              .order_by(Amendment.id)).all()
    return [(amendment, supports) for amendment, supports in rows]


def grouped_by_passage(proposal, rows):
    """Amendments shown together when their passages overlap in the current text: a list of lists."""
    groups = []
    for row in rows:
        for group in groups:
            if any(overlaps(proposal.text, row[0].passage, other.passage) for other, _ in group):
                group.append(row)
                break
        else:
            groups.append([row])
    return groups


def open_overlapping(amendment):
    """The other open amendments of the same proposal whose passage overlaps this one's."""
    others = db.session.scalars(db.select(Amendment).filter_by(proposal_id=amendment.proposal_id,
                                                                status=AmendmentStatus.open)
                                .where(Amendment.id != amendment.id)).all()
    text = amendment.proposal.text
    return [other for other in others if overlaps(text, amendment.passage, other.passage)]


def supported_by(proposal, user):
    if not user.is_authenticated:
        return set()
    return set(db.session.scalars(db.select(AmendmentSupport.amendment_id).join(Amendment)
                                  .where(Amendment.proposal_id == proposal.id, AmendmentSupport.user_id == user.id)))


def comments_page(proposal, page, include_hidden=False):
    """A page of top-level comments (newest last) and the replies of those comments."""
    query = (db.select(ProposalComment).filter_by(proposal_id=proposal.id, parent_id=None)
             .order_by(ProposalComment.id).options(sa.orm.selectinload(ProposalComment.author)))
    if not include_hidden:
        query = query.where(ProposalComment.status == CommentStatus.published)
    listing = db.paginate(query, page=page, per_page=COMMENTS_PER_PAGE, error_out=False)
    ids = [comment.id for comment in listing.items]
    replies = {}
    if ids:
        reply_query = (db.select(ProposalComment).where(ProposalComment.parent_id.in_(ids))
                       .order_by(ProposalComment.id).options(sa.orm.selectinload(ProposalComment.author)))
        if not include_hidden:
            reply_query = reply_query.where(ProposalComment.status == CommentStatus.published)
        for reply in db.session.scalars(reply_query):
            replies.setdefault(reply.parent_id, []).append(reply)
    return listing, replies


def comment_or_404(proposal, comment_id):
    comment = db.session.get(ProposalComment, comment_id)
    if comment is None or comment.proposal_id != proposal.id:
        abort(404)
    return comment


def answering(contribution_ids, public_only=True):
    """{contribution id: [proposals that answer it]} for a page of contributions."""
    if not contribution_ids:
        return {}
    query = (db.select(proposal_contributions.c.contribution_id, Proposal).join(
        Proposal, Proposal.id == proposal_contributions.c.proposal_id)
        .where(proposal_contributions.c.contribution_id.in_(contribution_ids)).order_by(Proposal.id))
    if public_only:
        query = query.where(Proposal.status != ProposalStatus.draft)
    result = {}
    for contribution_id, proposal in db.session.execute(query):
        result.setdefault(contribution_id, []).append(proposal)
    return result
