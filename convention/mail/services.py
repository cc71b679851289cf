"""Sending mail: every message is recorded in the outbox table (its body sealed, see sealed.py).

With no MAIL_SERVER the outbox is where mail ends (development). With one, each message is handed
to the task queue once the change that wrote it is committed, and sent by SMTP from there with
retries (tasks.py); the outbox page shows each message's state and the last error.
"""
import logging

from flask import current_app, has_request_context, request, url_for
from sqlalchemy import event
from sqlalchemy.orm import Session

from ..database import paginate
from ..extensions import db
from .models import MailStatus, OutboxMessage

log = logging.getLogger(__name__)
_PENDING = "convention.outgoing_mail"


class UntrustedHost(Exception):
    """No BASE_URL and no TRUSTED_HOSTS: the request's Host header cannot be trusted for a link."""


def uses_outbox():
    return not current_app.config.get("MAIL_SERVER")


def send(recipient, subject, body):
    """Record a plain-text message with the current transaction, to be sent once it commits.

    With no MAIL_SERVER, the message stays in the outbox (and is logged); with one, it is queued
    for SMTP after the commit, so that a rolled-back change sends nothing.
    """
    sender = current_app.config["MAIL_DEFAULT_SENDER"]
    message = OutboxMessage(sender=sender, recipient=recipient, subject=subject, body=body,
                            status=MailStatus.kept if uses_outbox() else MailStatus.queued)
    db.session.add(message)
    if uses_outbox():
        log.info("Mail to %s: %s\n%s", recipient, subject, body)
        return
    db.session.flush()  # its id, for the task; read now since the commit expires it
    db.session.info.setdefault(_PENDING, []).append((current_app._get_current_object(), message.id))


def external_url(endpoint, **values):
    """An absolute URL for a mail, on BASE_URL when set.

    Without BASE_URL, a request's own address is used only when TRUSTED_HOSTS is set (Flask then
    refuses any other Host, and X-Forwarded-Host behind TRUSTED_PROXIES); otherwise raises
    UntrustedHost, so that a forged Host header never chooses where a mailed link points. Outside a
    request, http://127.0.0.1:5000.
    """
    base_url = current_app.config.get("BASE_URL")
    if has_request_context() and not base_url:
        if not current_app.config.get("TRUSTED_HOSTS"):
            log.error("No link mailed for the host %r: set BASE_URL (or TRUSTED_HOSTS) to the site's address",
                      request.host)
            raise UntrustedHost(request.host)
        return url_for(endpoint, _external=True, **values)
    with current_app.test_request_context(base_url=base_url or "http://127.0.0.1:5000"):
        return url_for(endpoint, _external=True, **values)


def outbox_page(page):
    query = db.select(OutboxMessage).order_by(OutboxMessage.id.desc())
    return paginate(query, page)


@event.listens_for(Session, "after_commit")
def _send_pending(session):
    pending = session.info.pop(_PENDING, [])
    if pending:
        from . import tasks

        for app, message_id in pending:
            tasks.enqueue(app, message_id)


@event.listens_for(Session, "after_soft_rollback")
def _drop_pending(session, previous_transaction):
    session.info.pop(_PENDING, None)
