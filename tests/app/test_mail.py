"""Mail goes to the outbox without a server, and through SMTP only once the change is committed
(delivery by the task queue, its retries and failures: test_mail_delivery.py)."""
from convention_testing import log_in
from convention.extensions import db
from convention.mail import services as mail
from convention.mail.models import MailStatus, OutboxMessage


class FakeSMTP:
    sent = []

    def __init__(self, host, port, timeout):
        self.host = host

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def starttls(self):
        pass

    def login(self, user, password):
        pass

    def send_message(self, message):
        FakeSMTP.sent.append(message)


def test_outbox_page_lists_messages(client, app, world):
    with app.app_context():
        mail.send("quelquun@example.org", "Bonjour", "Le corps du message")
        db.session.commit()
    log_in(client, world.users["admin"])
    page = client.get("/admin/outbox").get_data(as_text=True)
    assert "Bonjour" in page and "Le corps du message" in page


def test_smtp_sends_after_commit_only(app, monkeypatch):
    FakeSMTP.sent = []
    monkeypatch.setattr("smtplib.SMTP", FakeSMTP)
    monkeypatch.setitem(app.config, "MAIL_SERVER", "smtp.example.org")
    with app.app_context():
        mail.send("a@example.org", "Annulé", "…")
        db.session.rollback()
        mail.send("b@example.org", "Envoyé", "…")
        assert FakeSMTP.sent == []
        db.session.commit()
        assert [m["To"] for m in FakeSMTP.sent] == ["b@example.org"]
        assert db.session.execute(db.select(OutboxMessage.recipient, OutboxMessage.status)).all() == [
            ("b@example.org", MailStatus.sent)]
