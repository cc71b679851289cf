"""Sending mail: to the outbox table (development) or through SMTP once the change is committed."""
import logging
import smtplib
from email.message import EmailMessage

from flask import current_app, has_request_context, url_for
from sqlalchemy import event
from sqlalchemy.orm import Session

from ..database import paginate
from ..extensions import db
from .models import OutboxMessage

log = logging.getLogger(__name__)
_PENDING = "convention.outgoing_mail"


def uses_outbox():
    return not current_app.config.get("MAIL_SERVER")


def send(recipient, subject, body):
    """Queue a plain-text message with the current transaction.

    With no MAIL_SERVER, the message is stored in the outbox (and logged); with one, it is sent
    by SMTP after the commit, so that a rolled-back change sends nothing.
    """
    sender = current_app.config["MAIL_DEFAULT_SENDER"]
    if uses_outbox():
        db.session.add(OutboxMessage(sender=sender, recipient=recipient, subject=subject, body=body))
        log.info("Mail to %s: %s\n%s", recipient, subject, body)
        return
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, recipient, subject
    message.set_content(body)
    db.session.connection()  # begin the transaction now, so that its rollback drops the message
    db.session.info.setdefault(_PENDING, []).append((current_app._get_current_object(), message))


def external_url(endpoint, **values):
    """An absolute URL for a mail: on BASE_URL when set (or outside a request), else the request's host."""
    base_url = current_app.config.get("BASE_URL")
    if has_request_context() and not base_url:
        return url_for(endpoint, _external=True, **values)
    with current_app.test_request_context(base_url=base_url or "http://127.0.0.1:5000"):
        return url_for(endpoint, _external=True, **values)


def outbox_page(page):
    query = db.select(OutboxMessage).order_by(OutboxMessage.id.desc())
    return paginate(query, page)


@event.listens_for(Session, "after_commit")
def _send_pending(session):
    for app, message in session.info.pop(_PENDING, []):
        _smtp_send(app.config, message)


@event.listens_for(Session, "after_soft_rollback")
def _drop_pending(session, previous_transaction):
    session.info.pop(_PENDING, None)


def _smtp_send(config, message):
    smtp_class = smtplib.SMTP_SSL if config["MAIL_USE_SSL"] else smtplib.SMTP
    try:
        with smtp_class(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=30) as smtp:
            if config["MAIL_USE_TLS"] and not config["MAIL_USE_SSL"]:
                smtp.starttls()
            if config["MAIL_USERNAME"]:
                smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException):
        log.exception("Could not send mail to %s", message["To"])
