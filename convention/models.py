"""Every domain's models, imported together so that the metadata (and migrations) see them all."""
from .audit.models import AuditEntry  # noqa: F401
from .auth.models import Invitation, LoginThrottle, Membership, PasswordReset, Role, User  # noqa: F401
from .contributions.models import Consultation, Contribution, NotesImport, PublicAuthor  # noqa: F401
from .organising.models import Convention  # noqa: F401
from .draw.models import (Draw, DrawRound, PoolUpload, QuotaRow, Selection, Volunteer,  # noqa: F401
                          VolunteerContact, VolunteerPool)
from .groups.models import WorkingGroup  # noqa: F401
from .hearings.models import Expert, Hearing, Interest, Question, QuestionVote  # noqa: F401
from .mail.models import OutboxMessage  # noqa: F401
from .proposals.models import (Amendment, AmendmentSupport, Proposal, ProposalComment,  # noqa: F401
                               ProposalVersion)
from .sessions.models import AgendaItem, Attendance, Document, Meeting  # noqa: F401
from .tasks.models import TaskRun, TaskState  # noqa: F401
from .themes.models import Embedding, Theme, ThemeAssignment  # noqa: F401
