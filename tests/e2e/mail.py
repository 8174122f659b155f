"""mail.py - e-mail end to end (run by tests/mail.sh, which says what is covered)."""
import os
import re
import signal
import subprocess
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import (ROOT, URL, Client, check, finish, hidden, login, one, place_order, sql, token)  # noqa: E402
from smtpcatch import Catcher  # noqa: E402
from term import Term  # noqa: E402

SHELF = os.path.join(ROOT, "bin", "shelf")
STACK_DIR = os.environ["STACK_DIR"]
MAILDIR = os.path.join(STACK_DIR, "mail")
RETRY = 10  # outbox_retry_seconds here: delays 10, 20, 40... plus up to a quarter


catcher = Catcher(MAILDIR, os.path.join(STACK_DIR, "log", "smtp.log"))
SMTP_PORT = catcher.port
smtp_start, smtp_stop, messages = catcher.start, catcher.stop, catcher.messages
term = Term("mail")
tmux, pane, wait_for, keys = term.tmux, term.pane, term.wait_for, term.keys


os.environ.update({
    "SHELF_SMTP_URL": "smtp://127.0.0.1:%d" % SMTP_PORT,
    "SHELF_MAIL_FROM": "noreply@shelf.example",
    "SHELF_MAILDIR": MAILDIR,
    "SHELF_OUTBOX_RETRY_SECONDS": str(RETRY),
    "SHELF_OUTBOX_MAX_ATTEMPTS": "8",
    "SHELF_GATEWAYS": subprocess.run(["id", "-un"], capture_output=True, text=True).stdout.strip(),
    "LC_ALL": "C.UTF-8",
})


def worker(*args, env=None):
    """bin/shelf worker --once: (exit status, stderr)."""
    r = subprocess.run([SHELF, "worker", "--once"] + list(args), capture_output=True, text=True, timeout=120,
                       env=env)
    return r.returncode, r.stderr


def mail_to(addr, subject=None):
    """The last message to addr (and with that subject): (raw bytes, message) or (None, None)."""
    found = (None, None)
    for raw, m in messages():
        if m["To"] == addr and (subject is None or m["Subject"] == subject):
            found = (raw, m)
    return found


def parts(m):
    """The text and the HTML part of m, decoded."""
    text = m.get_body(("plain",))
    html_ = m.get_body(("html",))
    return (text.get_content() if text else ""), (html_.get_content() if html_ else "")


def mime_ok(desc, raw, m):
    """Headers and structure every message must have."""
    lines = raw.split(b"\n")
    check(desc + ": Date, Message-ID, From, To, Subject, MIME-Version",
          all(m[h] for h in ("Date", "Message-ID", "From", "To", "Subject", "MIME-Version")), dict(m.items()))
    check(desc + ": From is mail_from", m["From"] == "noreply@shelf.example", m["From"])
    check(desc + ": multipart/alternative, text then HTML, quoted-printable",
          m.get_content_type() == "multipart/alternative"
          and [p.get_content_type() for p in m.iter_parts()] == ["text/plain", "text/html"]
          and all(p["Content-Transfer-Encoding"] == "quoted-printable" for p in m.iter_parts()),
          m.get_content_type())
    check(desc + ": no line longer than 78", max(len(x.rstrip(b"\r")) for x in lines) <= 78,
          max(lines, key=len)[:100])


def arrived(desc, addr, subject, kind):
    """Check (desc) that a message to addr (with subject, unless None) arrived and, when it did, that
    it is proper MIME (mime_ok, as kind): mail_to's (raw, message)."""
    raw, m = mail_to(addr, subject)
    check(desc, m is not None, [(x[1]["To"], x[1]["Subject"]) for x in messages()])
    if m is not None:
        mime_ok(kind, raw, m)
    return raw, m


smtp_start()
try:
    check("the demo data holds no e-mail rows (they are made by what the demo does)",
          one("SELECT COUNT(*) FROM outbox WHERE kind = 'email'") == "0")
    # a webhook row whose payload is not a webhook's (no endpoint_id, msg_id, event): failed at once
    # by the worker, never retried (webhooks themselves: tests/webhooks.sh)
    sql("INSERT INTO outbox (kind, reseller_id, payload) VALUES ('webhook', 1,"
        " '{\"url\": \"https://hook.example/x\", \"event\": \"order.created\"}')")
    bad_hook = one("SELECT MAX(id) FROM outbox WHERE kind = 'webhook'")
    provision = one("SELECT id FROM outbox WHERE kind = 'provision' AND status = 'pending'"
                    " AND JSON_VALUE(payload, '$.order_id') = 18")

    # ---- the upgrade e-mail, queued by the admin TUI ------------------------------
    danube = one("SELECT email FROM resellers WHERE name = 'Danube Digital Kft'")
    tmux("new-session", "-d", "-s", "m", "-x", "100", "-y", "30", SHELF + " --operator admin; sleep 30")
    ok = wait_for("admin (")
    keys("-l", "/Danube")
    ok = ok and wait_for("1 of 1")
    keys("Enter")
    keys("u")
    ok = ok and wait_for("Storefront slug")
    keys("F2")  # submit; no first admin here
    ok = ok and wait_for("[y] Yes")
    keys("y")
    ok = ok and wait_for("An e-mail is queued")
    check("TUI: upgrade done, saying an e-mail is queued (not that the reseller is notified)", ok, pane())
    check("the upgrade queued one e-mail row",
          one("SELECT COUNT(*) FROM outbox o JOIN resellers r ON r.id = o.reseller_id"
              " WHERE r.name = 'Danube Digital Kft' AND o.kind = 'email' AND o.status = 'pending'") == "1")
    rc, log = worker()
    check("worker --once: exit 0", rc == 0, log)
    check("worker log: row id, kind, attempt, outcome",
          re.search(r"id=\d+ kind=email attempt=1 outcome=sent", log) is not None, log)
    # the same run starts the demo's approved order (its provision row) and leaves its manual line waiting
    check("worker --once: the approved order's provision row is taken and logged",
          "id=%s kind=provision attempt=1 outcome=started order_id=18" % provision in log, log)
    check("the provision row is sent, the order provisioning, its manual line waiting for an operator",
          one("SELECT status FROM outbox WHERE id = %s" % provision) == "sent"
          and one("SELECT status FROM orders WHERE id = 18") == "provisioning"
          and sql("SELECT f.connector, f.status FROM fulfilments f JOIN order_lines ol ON ol.id = f.order_line_id"
                  " WHERE ol.order_id = 18") == [["manual", "waiting"]])
    _, m = arrived("the upgrade e-mail reached the reseller's address", danube, None, "upgrade e-mail")
    if m is not None:
        text, html_ = parts(m)
        check("upgrade e-mail: subject", m["Subject"] == "Your account is now on the Standard edition", m["Subject"])
        check("upgrade e-mail: says how admins reach the admin TUI", "over SSH" in text and "over SSH" in html_)
        u = re.search(r"(https?://\S+)", text)
        check("upgrade e-mail: a storefront URL", u is not None, text)
        if u:
            url = urllib.parse.urlsplit(u.group(1))
            # the storefront answers on its own host: ask the stack with that Host header
            r = Client().get(url.path or "/", headers={"Host": url.netloc})
            check("upgrade e-mail: its storefront URL answers 200", r.status == 200, (u.group(1), r.status))
            check("upgrade e-mail: the HTML part links the same URL", u.group(1) in html_)
    check("upgrade row: sent, one attempt, no error",
          sql("SELECT o.status, o.attempts, o.last_error IS NULL, o.sent_at IS NOT NULL FROM outbox o JOIN resellers r"
              " ON r.id = o.reseller_id WHERE r.name = 'Danube Digital Kft' AND o.kind = 'email'")
          == [["sent", "1", "1", "1"]])
    rc, log = worker()
    check("worker --once with nothing due: exit 0, nothing sent", rc == 0 and "outcome" not in log, log)

    # ---- the downgrade notice ---------------------------------------------------------
    keys("d")
    ok = wait_for("Downgrade Danube")
    keys("Enter")
    ok = ok and wait_for("[y] Yes")
    keys("y")
    ok = ok and wait_for("Storefront offline, data kept; an e-mail is queued")
    check("TUI: downgrade done, saying an e-mail is queued", ok, pane())
    tmux("kill-server")
    worker()
    _, m = arrived("the downgrade notice reached the reseller", danube, "Your account has moved to the Basic edition",
                   "downgrade notice")
    if m is not None:
        text, html_ = parts(m)
        check("downgrade notice: the storefront is no longer available, data kept",
              "no longer available" in text and "kept" in text and "http" not in text, text)

    # ---- a password reset e-mail: its link sets a new password once -----------------
    anon = Client()
    page = anon.get("reset-password")
    r = anon.post("reset-password", {"csrf_token": token(page.body), "email": "buyer@demo.example"})
    worker()
    _, m = arrived("the reset e-mail reached the user", "buyer@demo.example", "Reset your password", "reset e-mail")
    if m is not None:
        text, html_ = parts(m)
        link = re.search(r"(https?://\S+/s/demo/reset\?token=[0-9a-f]{64})", text)
        check("reset e-mail: a link", link is not None, text)
        link = link.group(1) if link else URL + "/s/demo/reset?token=" + "0" * 64
        check("reset e-mail: the HTML part has the same link", link in html_)
        f = anon.get(link)
        check("reset link: the set-password form", f.status == 200 and 'name="new_password"' in f.body, f.status)
        fields = {"csrf_token": token(f.body), "token": hidden(f.body, "token") or "",
                  "new_password": "mail-reset-password-7", "confirm_password": "mail-reset-password-7"}
        r = anon.post("reset", fields)
        check("reset link: the new password is set", r.status == 303, r.status)
        r = anon.post("reset", dict(fields, new_password="again-password-8", confirm_password="again-password-8"))
        check("reset link used twice: refused (410)", r.status == 410, r.status)
        b = Client()
        r = login(b, "buyer@demo.example", "mail-reset-password-7")
        check("sign in with the new password", r.status == 303, r.status)

    # ---- a contact-form message reaches the reseller ---------------------------------
    to = one("SELECT COALESCE(NULLIF(s.contact_email, ''), r.email) FROM storefronts s JOIN resellers r"
             " ON r.id = s.reseller_id WHERE s.slug = 'demo'")
    visitor = Client()
    page = visitor.get("contact")
    r = visitor.post("contact", {"csrf_token": token(page.body), "name": "Zoë O'Brien", "email": "zoe@example.org",
                                 "subject": "Lizenzen für Zürich",
                                 "message": "Hello,\nline with = sign " + "and a long tail " * 10 + "\nGrüße"})
    check("contact form: accepted", r.status == 303, r.status)
    worker()
    raw, m = arrived("the contact message reached the reseller (%s), non-ASCII subject decoded" % to, to,
                     "Storefront message: Lizenzen für Zürich", "contact e-mail")
    if m is not None:
        check("contact e-mail: the subject is an RFC 2047 encoded word", b"Subject: =?UTF-8?B?" in raw)
        text, html_ = parts(m)
        check("contact e-mail: Reply-To is the visitor", m["Reply-To"] == "zoe@example.org", m["Reply-To"])
        check("contact e-mail: the message, whole", "line with = sign " + "and a long tail " * 10 in text
              and "Grüße" in text and "Zoë O'Brien" in text, text)
        check("contact e-mail: the HTML part escapes", "Zoë O&#39;Brien" in html_ or "Zoë O&#x27;Brien" in html_,
              html_[:300])

    # ---- bin/shelf mail ---------------------------------------------------------------
    n = len(messages())
    r = subprocess.run([SHELF, "mail"], capture_output=True, text=True)
    check("shelf mail lists every message", r.returncode == 0 and len(r.stdout.splitlines()) == n
          and "Storefront message: Lizenzen für Zürich" in r.stdout, r.stdout + r.stderr)
    r = subprocess.run([SHELF, "mail", str(n)], capture_output=True, text=True)
    check("shelf mail N shows the headers and the decoded text",
          r.returncode == 0 and "Subject: Storefront message: Lizenzen für Zürich" in r.stdout
          and "Grüße" in r.stdout, r.stdout + r.stderr)
    r = subprocess.run([SHELF, "mail", str(n + 1)], capture_output=True, text=True)
    check("shelf mail past the end: exit 1", r.returncode == 1, r.returncode)

    # ---- order e-mails: the reseller asked to approve, the customer told ----------------
    buyer = "purchasing@globex.example"  # a user of Globex, whose orders need approval

    def place(qty):
        """An order of qty Microsoft 365 Business Basic by buyer on the demo storefront: (id, number)."""
        c = Client()
        login(c, buyer)
        oid = place_order(c, "microsoft-365-business-basic", qty)[1]
        return c, oid, one("SELECT number FROM orders WHERE id = %s" % oid)

    def decide(number, *actions):
        """The demo reseller's admin, in the TUI's Orders tab, finds order number and acts on it
        (a key, "Enter", text typed, or "?TEXT": wait for TEXT); "" when done, else the step that failed."""
        tmux("kill-server")
        for _ in range(100):  # the old server gone before a new one starts
            if tmux("has-session", "-t", "m").returncode != 0:
                break
            time.sleep(0.05)
        r = tmux("new-session", "-d", "-s", "m", "-x", "100", "-y", "30", SHELF + " --operator demo-admin; sleep 30")
        if r.returncode != 0:
            return "new-session: " + r.stderr
        steps = ["?Product mix", "Tab", "Tab", "Tab", "Tab", "?Orders awaiting approval", "/" + number, "Enter",
                 "?1 of 1"] + list(actions)
        for a in steps:
            if a.startswith("?"):
                if not wait_for(a[1:], 20):
                    return "waiting for " + a[1:]
            elif a in ("Enter", "Tab") or len(a) == 1:
                keys(a)
            else:
                keys("-l", a)
        return ""

    customer = one("SELECT name FROM customers WHERE email = 'einkauf@globex.example'")
    c, oid, number = place(2)
    check("order e-mails: the order waits for approval (%s)" % number,
          one("SELECT status FROM orders WHERE id = %s" % oid) == "pending_approval")
    rc, log = worker()
    _, m = arrived("pending approval: the reseller's contact address is e-mailed", to,
                   "Order %s awaits your approval" % number, "pending approval e-mail")
    if m is not None:
        text, html_ = parts(m)
        check("pending approval: number, customer, product, total and how to approve", number in text
              and customer in text and "Microsoft 365 Business Basic" in text and "Total:" in text
              and "Orders tab" in text and number in html_ and "Orders" in html_, text)
    failed = decide(number, "a", "?[y] Yes", "y", "?approved: queued for fulfilment")
    check("TUI: the order approved, saying an e-mail to the customer is queued", not failed, failed + "\n" + pane())
    worker()
    _, m = arrived("approved: the customer's user who placed it is e-mailed", buyer, "Order %s approved" % number,
                   "approved e-mail")
    if m is not None:
        text, html_ = parts(m)
        link = re.search(r"(https?://\S+/s/demo/account/orders/%s)\b" % oid, text)
        check("approved e-mail: the order page's address", link is not None and link.group(1) in html_, text)
        if link:
            r = c.get(link.group(1))
            check("approved e-mail: the link opens the order for its customer", r.status == 200 and number in r.body,
                  r.status)

    c, oid, number = place(1)
    worker()
    check("a second order: the reseller asked again", mail_to(to, "Order %s awaits your approval" % number)[1]
          is not None)
    reason = "Budget <frozen> & 'Q4' - please order in January"
    failed = decide(number, "r", "?Reason", reason, "Enter", "?rejected")
    check("TUI: the order rejected with a reason", not failed and one("SELECT status FROM orders WHERE id = %s" % oid)
          == "rejected", failed + "\n" + pane())
    tmux("kill-server")
    worker()
    _, m = arrived("rejected: the customer is e-mailed", buyer, "Order %s rejected" % number, "rejected e-mail")
    if m is not None:
        text, html_ = parts(m)
        check("rejected e-mail: the reason, as written in the text, escaped in the HTML",
              reason in text and "Budget &lt;frozen&gt; &amp; &#39;Q4&#39;" in html_, text + html_[:500])

    # ---- a trial ending in 7 days: one e-mail, once --------------------------------------
    trial = one("SELECT id FROM subscriptions WHERE status = 'trial' AND customer_id = 2 ORDER BY id LIMIT 1") or \
        one("SELECT id FROM subscriptions WHERE status = 'trial' ORDER BY id LIMIT 1")
    sql("UPDATE subscriptions SET trial_ends_on = UTC_DATE() + INTERVAL 7 DAY, renewal_date = UTC_DATE() + INTERVAL 7 DAY,"
        " trial_reminded_on = NULL WHERE id = %s" % trial)
    # the first worker above ran today's daily pass (core/billing_daily.h); forget that run, as if
    # this were the next day's, so that this worker runs the pass (with its reminders) again
    sql("DELETE FROM billing_runs")
    sub_to = one("SELECT COALESCE(u.email, c.email) FROM subscriptions s JOIN customers c ON c.id = s.customer_id"
                 " LEFT JOIN order_lines ol ON ol.id = s.order_line_id LEFT JOIN orders o ON o.id = ol.order_id"
                 " LEFT JOIN storefront_users u ON u.id = o.placed_by_user_id AND u.active = 1 WHERE s.id = %s" % trial)
    rc, log = worker()
    check("worker: the daily pass says what it queued", re.search(r"daily pass \d{4}-\d\d-\d\d: .* 1 trial reminder,", log)
          is not None, log)
    _, m = arrived("trial reminder: the customer is e-mailed", sub_to, "Your trial ends in 7 days", "trial reminder")
    if m is not None:
        text, html_ = parts(m)
        ends = one("SELECT DATE_FORMAT(trial_ends_on, '%%Y-%%m-%%d') FROM subscriptions WHERE id = %s" % trial)
        check("trial reminder: the end date, what happens then, where to convert",
              ends in text and "convert" in text and "/s/demo/account/subscriptions/%s" % trial in text, text)
    n = len(messages())
    rc, log = worker()
    check("trial reminder: once (the next pass queues nothing)", len(messages()) == n and "daily pass" not in log
          and one("SELECT trial_reminded_on IS NOT NULL FROM subscriptions WHERE id = %s" % trial) == "1", log)

    # ---- the SMTP server is down: retries, then nothing is lost -------------------------
    smtp_stop()
    page = anon.get("reset-password")
    anon.post("reset-password", {"csrf_token": token(page.body), "email": "buyer@demo.example"})
    rid = one("SELECT MAX(id) FROM outbox WHERE kind = 'email'")
    delays = []
    for attempt in (1, 2, 3):
        rc, log = worker()
        d = re.search(r"id=%s kind=email attempt=%d outcome=retry in (\d+)s" % (rid, attempt), log)
        check("SMTP down, attempt %d: rescheduled, said so" % attempt, rc == 0 and d is not None, log)
        delays.append(int(d.group(1)) if d else 0)
        row = sql("SELECT status, attempts, last_error <> '', TIMESTAMPDIFF(SECOND, NOW(), next_attempt_at)"
                  " FROM outbox WHERE id = %s" % rid)[0]
        check("SMTP down, attempt %d: pending, attempts %d, last_error kept, next attempt later"
              % (attempt, attempt), row[:3] == ["pending", str(attempt), "1"] and int(row[3]) > 0, row)
        rc, log = worker()
        check("SMTP down, attempt %d: not retried before next_attempt_at" % attempt, "outcome" not in log and
              one("SELECT attempts FROM outbox WHERE id = %s" % rid) == str(attempt), log)
        sql("UPDATE outbox SET next_attempt_at = NOW() WHERE id = %s" % rid)  # time passes
    check("backoff: the delays grow (%s), within base * 2^n plus a quarter" % delays,
          all(RETRY * 2 ** i <= d <= RETRY * 2 ** i * 5 // 4 for i, d in enumerate(delays)), delays)
    smtp_start()
    before = len(messages())
    rc, log = worker()
    check("SMTP back: the row is sent on attempt 4", "id=%s kind=email attempt=4 outcome=sent" % rid in log, log)
    check("SMTP back: sent, error cleared", sql("SELECT status, last_error IS NULL FROM outbox WHERE id = %s" % rid)
          == [["sent", "1"]])
    check("SMTP back: the message arrived", len(messages()) == before + 1)
    check("nothing lost: no e-mail row pending or failed",
          one("SELECT COUNT(*) FROM outbox WHERE kind = 'email' AND status <> 'sent'") == "0")

    # ---- the last attempt fails for good ----------------------------------------------
    smtp_stop()
    page = anon.get("reset-password")
    anon.post("reset-password", {"csrf_token": token(page.body), "email": "buyer@demo.example"})
    rid = one("SELECT MAX(id) FROM outbox WHERE kind = 'email'")
    env = dict(os.environ, SHELF_OUTBOX_MAX_ATTEMPTS="2")
    worker(env=env)
    sql("UPDATE outbox SET next_attempt_at = NOW() WHERE id = %s" % rid)
    rc, log = worker(env=env)
    check("after outbox_max_attempts: failed, said so", "id=%s kind=email attempt=2 outcome=failed" % rid in log, log)
    check("a failed row keeps its last error",
          sql("SELECT status, attempts, last_error <> '' FROM outbox WHERE id = %s" % rid) == [["failed", "2", "1"]])
    smtp_start()
    rc, log = worker()
    check("a failed row is not sent again", "outcome" not in log, log)

    # ---- two workers at once: every row once -------------------------------------------
    before = len(messages())
    sql("INSERT INTO outbox (kind, reseller_id, payload) SELECT 'email', 1, JSON_OBJECT('to', CONCAT('bulk', seq,"
        " '@example.com'), 'subject', CONCAT('Bulk ', seq), 'template', 'contact_message', 'data',"
        " JSON_OBJECT('company_name', 'Demo', 'name', 'Bulk', 'email', 'bulk@example.org', 'subject', 'Bulk',"
        " 'body', 'b', 'message_id', seq)) FROM seq_1_to_12")
    procs = [subprocess.Popen([SHELF, "worker", "--once"], stderr=subprocess.PIPE, text=True) for _ in range(2)]
    logs = [p.communicate(timeout=120)[1] for p in procs]
    ids = [x for lg in logs for x in re.findall(r"id=(\d+) kind=email attempt=\d+ outcome=sent", lg)]
    check("two workers: 12 rows sent, none twice", len(ids) == 12 and len(set(ids)) == 12, logs)
    check("two workers: 12 messages arrived", len(messages()) == before + 12, len(messages()) - before)
    peers = {m["X-Peer"] for _, m in messages()[before:]}
    check("a worker sends its batch over one SMTP connection (%d connections for 2 workers)" % len(peers),
          1 <= len(peers) <= 2, peers)
    check("two workers: every bulk row sent",
          one("SELECT COUNT(*) FROM outbox WHERE JSON_VALUE(payload, '$.to') LIKE 'bulk%' AND status = 'sent'") == "12")

    # ---- rows of other kinds are left alone; SIGTERM stops a running worker ---------------
    check("a webhook row that is not one: failed after one attempt, saying why",
          sql("SELECT status, attempts, last_error FROM outbox WHERE id = %s" % bad_hook)
          == [["failed", "1", "not a webhook payload (endpoint_id, msg_id, event)"]],
          sql("SELECT status, attempts, last_error FROM outbox WHERE id = %s" % bad_hook))
    p = subprocess.Popen([SHELF, "worker"], stderr=subprocess.PIPE, text=True)
    time.sleep(0.5)
    p.send_signal(signal.SIGTERM)
    try:
        err = p.communicate(timeout=10)[1]
        check("SIGTERM: the worker stops, exit 0", p.returncode == 0 and "worker: stopped" in err, err)
    except subprocess.TimeoutExpired:
        p.kill()
        check("SIGTERM: the worker stops", False, "still running after 10 s")
    r = subprocess.run([SHELF, "worker", "--bogus"], capture_output=True, text=True)
    check("worker: a bad argument is a usage error (2)", r.returncode == 2, r.returncode)
    r = subprocess.run([SHELF, "worker", "--once"], capture_output=True, text=True,
                       env=dict(os.environ, SHELF_SMTP_URL=""))
    check("worker: no smtp_url, says so, exit 1", r.returncode == 1 and "smtp_url" in r.stderr, r.stderr)
finally:
    smtp_stop()
    tmux("kill-server")

finish("mail")
