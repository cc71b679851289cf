"""Sending a recorded message by SMTP from the task queue, with retries; the outcome is recorded."""
import logging
import smtplib
from email.message import EmailMessage

from flask import current_app, has_request_context
from sqlalchemy import orm

from ..database import utcnow
from ..extensions import db, huey
from ..tasks import queue
from .models import MailStatus, OutboxMessage

log = logging.getLogger(__name__)


def enqueue(app, message_id):
    """Queue the sending of a committed message (called after the commit, see services)."""
    with app.app_context():
        if app.config["TASKS_IN_PROCESS_WORKER"] and not has_request_context() and not huey.immediate:
            deliver.call_local(message_id)  # a `flask` command: no web process hosts the worker
            return
        queue.ensure_worker(huey, app)
        deliver(message_id, retries=app.config["MAIL_RETRIES"], retry_delay=app.config["MAIL_RETRY_SECONDS"])


@huey.task(context=True, name="convention.mail.tasks.deliver")
def deliver(message_id, task=None):
    """Send the message; on failure record the error and let Huey retry while retries are left."""
    with queue.app_context():
        retries_left = task.retries if task is not None else 0
        # Its own session: this may run inside the committing session's after_commit hook.
        with orm.Session(bind=db.session.get_bind(), join_transaction_mode="create_savepoint") as session:
            message = session.get(OutboxMessage, message_id)
            if message is None or message.status is not MailStatus.queued:
                return
            message.attempts += 1
            try:
                smtp_send(current_app.config, message)
            except (OSError, smtplib.SMTPException) as error:
                message.error = (f"{type(error).__name__}: {error}")[:500]
                message.status = MailStatus.queued if retries_left else MailStatus.failed
                session.commit()
                log.warning("Could not send mail %s to %s (%s retries left): %s", message_id, message.recipient,
                            retries_left, message.error)
                if retries_left:
                    raise
                return
            # A sent message keeps no body: the links it carried are then nowhere but in the mailbox.
            message.status, message.sent_at, message.error, message.body = MailStatus.sent, utcnow(), "", ""
            session.commit()


def smtp_send(config, message):
    email = EmailMessage()
    email["From"], email["To"], email["Subject"] = message.sender, message.recipient, message.subject
    email.set_content(message.body)
    smtp_class = smtplib.SMTP_SSL if config["MAIL_USE_SSL"] else smtplib.SMTP
    with smtp_class(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=config["MAIL_TIMEOUT_SECONDS"]) as smtp:
        if config["MAIL_USE_TLS"] and not config["MAIL_USE_SSL"]:
            smtp.starttls()
        if config["MAIL_USERNAME"]:
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        smtp.send_message(email)
