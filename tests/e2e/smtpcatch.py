"""smtpcatch.py - a real SMTP server for the e-mail tests: Debian's aiosmtpd
on a free loopback port, storing every message it accepts into a maildir.

    c = Catcher(maildir, log)   # nothing runs yet; c.port is chosen
    c.start(); c.stop()         # start waits until it accepts connections
    c.messages()                # [(raw bytes, email.message.EmailMessage)], oldest first
    c.env()                     # the SHELF_* settings that point bin/shelf at it
"""
import email
import email.policy
import glob
import os
import socket
import subprocess
import time


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Catcher:
    def __init__(self, maildir, log):
        self.maildir, self.log, self.port, self.proc = maildir, log, free_port(), None

    def env(self):
        return {"SHELF_SMTP_URL": "smtp://127.0.0.1:%d" % self.port,
                "SHELF_MAIL_FROM": "noreply@shelf.example",
                "SHELF_MAILDIR": self.maildir}

    def start(self):
        for d in ("tmp", "new", "cur"):
            os.makedirs(os.path.join(self.maildir, d), exist_ok=True)
        self.proc = subprocess.Popen(["/usr/bin/python3", "-m", "aiosmtpd", "-n", "-l",
                                      "127.0.0.1:%d" % self.port, "-c", "aiosmtpd.handlers.Mailbox", self.maildir],
                                     stdout=subprocess.DEVNULL, stderr=open(self.log, "a"))
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.05)
        raise SystemExit("aiosmtpd did not start")

    def stop(self):
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(timeout=10)
            self.proc = None

    def messages(self):
        files = glob.glob(os.path.join(self.maildir, "new", "*")) + glob.glob(os.path.join(self.maildir, "cur", "*"))
        files.sort(key=lambda f: (os.stat(f).st_mtime, f))
        out = []
        for f in files:
            with open(f, "rb") as fh:
                raw = fh.read()
            out.append((raw, email.message_from_bytes(raw, policy=email.policy.default)))
        return out
