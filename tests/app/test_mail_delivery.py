"""Mail with a server goes through the task queue (issue #11, item 15): sent from a worker with
retries, never inside the request, and the outbox page shows what was sent and what failed."""
import socket
import socketserver
import threading

import pytest

from convention_testing import log_in
from convention.extensions import db
from convention.mail import services as mail
from convention.mail.models import MailStatus, OutboxMessage


class _SMTPHandler(socketserver.StreamRequestHandler):
    """Just enough of SMTP (RFC 5321) for smtplib to deliver one message."""

    def reply(self, line):
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        self.reply("220 test ESMTP")
        while line := self.rfile.readline().decode():
            command = line.strip().upper()
            if command.startswith(("EHLO", "HELO")):
                self.reply("250 test")
            elif command.startswith(("MAIL", "RCPT", "RSET", "NOOP")):
                self.reply("250 OK")
            elif command == "DATA":
                self.reply("354 go on")
                data = []
                while (line := self.rfile.readline().decode()) not in (".\r\n", ""):
                    data.append(line)
                self.server.received.append("".join(data))
                self.reply("250 queued")
            elif command == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("502 no")


@pytest.fixture
def smtp_server():
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _SMTPHandler)
    server.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _use_server(app, monkeypatch, port):
    for key, value in {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": port, "MAIL_USE_TLS": False,
                       "MAIL_TIMEOUT_SECONDS": 5}.items():
        monkeypatch.setitem(app.config, key, value)


def _closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]   # closed once the socket is: connections are refused


def _messages(app):
    with app.app_context():
        return db.session.execute(db.select(OutboxMessage.recipient, OutboxMessage.status, OutboxMessage.attempts,
                                            OutboxMessage.error, OutboxMessage.body)).all()


def test_a_reset_mail_is_delivered_by_the_queue_to_the_smtp_server(client, app, monkeypatch, smtp_server):
    _use_server(app, monkeypatch, smtp_server.server_address[1])
    from convention_testing import make_user
    with app.app_context():
        make_user("camille@example.org", password="un mot de passe long")
        db.session.commit()
    queued = []
    monkeypatch.setattr("convention.mail.tasks.queue.ensure_worker", lambda huey, app: queued.append(app))
    assert client.post("/password/forgot", data={"email": "camille@example.org"}).status_code == 302
    assert queued, "handed to the task queue"
    [received] = smtp_server.received
    assert "To: camille@example.org" in received and "/password/reset/" in received
    [(recipient, status, attempts, error, body)] = _messages(app)
    assert (recipient, status, attempts, error, body) == ("camille@example.org", MailStatus.sent, 1, "", "")


def test_a_failed_send_is_recorded_and_shown_on_the_outbox_page(client, app, world, monkeypatch):
    _use_server(app, monkeypatch, _closed_port())
    monkeypatch.setitem(app.config, "MAIL_RETRIES", 0)
    with app.app_context():
        mail.send("quelquun@example.org", "Bonjour", "Le corps")
        db.session.commit()
    [(_recipient, status, attempts, error, body)] = _messages(app)
    assert status is MailStatus.failed and attempts == 1 and "ConnectionRefusedError" in error
    assert body == "Le corps"   # kept (sealed) for the admin to see what failed
    log_in(client, world.users["admin"])
    page = client.get("/admin/outbox").get_data(as_text=True)
    assert "Échec" in page and "ConnectionRefusedError" in page


def test_a_failed_send_with_retries_left_stays_queued(app, monkeypatch):
    _use_server(app, monkeypatch, _closed_port())
    monkeypatch.setitem(app.config, "MAIL_RETRIES", 3)
    with app.app_context():
        mail.send("quelquun@example.org", "Bonjour", "Le corps")
        db.session.commit()    # the failure stays in the queue: the request does not see it
    [(_recipient, status, attempts, error, _body)] = _messages(app)
    assert status is MailStatus.queued and attempts == 1 and "ConnectionRefusedError" in error


def test_a_rolled_back_change_sends_nothing(app, monkeypatch, smtp_server):
    _use_server(app, monkeypatch, smtp_server.server_address[1])
    with app.app_context():
        mail.send("quelquun@example.org", "Annulé", "…")
        db.session.rollback()
    assert smtp_server.received == [] and _messages(app) == []
