"""webhooks.py - webhooks end to end (run by tests/webhooks.sh, which says what is covered).

The receiver is this script's own HTTP server on a loopback port; each
delivery's signature is checked by verify() below, written from the
Standard Webhooks specification alone (not from Shelf's code).
"""
import base64
import hashlib
import hmac
import http.client
import http.server
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import ROOT, URL, check, finish, one, sql  # noqa: E402
from smtpcatch import Catcher  # noqa: E402

SHELF = os.path.join(ROOT, "bin", "shelf")
STACK_DIR = os.environ["STACK_DIR"]
GATE = subprocess.run(["id", "-un"], capture_output=True, text=True).stdout.strip()

catcher = Catcher(os.path.join(STACK_DIR, "mail"), os.path.join(STACK_DIR, "log", "smtp.log"))
os.environ.update(catcher.env())
os.environ.update({"SHELF_GATEWAYS": GATE, "LC_ALL": "C.UTF-8"})


# ---- the API (as tests/e2e/api.py speaks it) ------------------------------------------

U = urllib.parse.urlsplit(URL)
DEMO = ("demo-backoffice", "demo-api-secret-1")


class R:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = {k.lower(): v for k, v in headers}
        self.raw = body
        try:
            self.json = json.loads(body) if body else None
        except ValueError:
            self.json = None


def api(method, path, token=None, body=None, headers=None, basic=None, ctype=None):
    h = dict(headers or {})
    if token:
        h["Authorization"] = "Bearer " + token
    if basic:
        h["Authorization"] = "Basic " + base64.b64encode(("%s:%s" % basic).encode()).decode()
    data = None
    if isinstance(body, (dict, list)):
        data = json.dumps(body).encode()
        h["Content-Type"] = "application/json"
    elif body is not None:
        data = body.encode()
    if ctype:
        h["Content-Type"] = ctype
    c = http.client.HTTPConnection(U.hostname, U.port, timeout=30)
    c.request(method, "/api/v1" + path, body=data, headers=h)
    r = c.getresponse()
    out = R(r.status, r.getheaders(), r.read())
    c.close()
    return out


def token_for(cid, secret):
    r = api("POST", "/oauth/token", body="grant_type=client_credentials",
            ctype="application/x-www-form-urlencoded", basic=(cid, secret))
    return r.json.get("access_token") if r.status == 200 and r.json else None


def problem_ok(r, status):
    j = r.json or {}
    return (r.status == status and (r.headers.get("content-type") or "").startswith("application/problem+json")
            and j.get("status") == status)


def make_client(reseller, name, scopes, secret):
    """A credential the way core stores one (sha256:hex of the secret)."""
    cid = "shelf_" + hashlib.sha256(name.encode()).hexdigest()[:16]
    h = "sha256:" + hashlib.sha256(secret.encode()).hexdigest()
    sql("INSERT INTO api_clients (reseller_id, client_id, secret_hash, name, scopes) VALUES (%d, '%s', '%s', '%s', '%s')"
        % (reseller, cid, h, name, scopes))
    return cid


# ---- the receiver ----------------------------------------------------------------

class Receiver(http.server.ThreadingHTTPServer):
    daemon_threads = True


got = []		# (path, headers dict lower-case, body bytes, answered status)
got_lock = threading.Lock()
seen_ids = {}		# path -> set of webhook-ids answered so far (for /flaky)


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *a):
        pass

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("content-length") or 0))
        hdr = {k.lower(): v for k, v in self.headers.items()}
        path = self.path
        status = 200
        if path == "/flaky":	# 500 the first time a message comes, 200 after
            with got_lock:
                first = hdr.get("webhook-id") not in seen_ids.setdefault(path, set())
                seen_ids[path].add(hdr.get("webhook-id"))
            status = 500 if first else 200
        elif path == "/down":
            status = 503
        elif path == "/slow":
            time.sleep(0.7)
        elif path == "/redirect":
            status = 302
        with got_lock:
            got.append((path, hdr, body, status))
        try:
            self.send_response(status)
            if status == 302:
                self.send_header("Location", "http://127.0.0.1:%d/ok" % PORT)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"{}")
        except OSError:
            pass	# the worker was killed while waiting for this answer


srv = Receiver(("127.0.0.1", 0), Handler)
PORT = srv.server_address[1]
threading.Thread(target=srv.serve_forever, daemon=True).start()
HOOK = "http://127.0.0.1:%d" % PORT


def arrivals(path):
    with got_lock:
        return [g for g in got if g[0] == path]


def verify(secret, hdr, body, tolerance=300):
    """Standard Webhooks: v1 = base64(HMAC-SHA256(base64decode(secret minus whsec_), id.ts.body));
    the header may carry several space-separated signatures; the timestamp must be recent."""
    mid, ts, sigs = hdr.get("webhook-id"), hdr.get("webhook-timestamp"), hdr.get("webhook-signature", "")
    if not mid or not ts or not ts.isdigit() or abs(time.time() - int(ts)) > tolerance:
        return False
    key = base64.b64decode(secret[len("whsec_"):]) if secret.startswith("whsec_") else None
    if key is None:
        return False
    want = base64.b64encode(hmac.new(key, b"%s.%s.%s" % (mid.encode(), ts.encode(), body),
                                     hashlib.sha256).digest()).decode()
    for s in sigs.split(" "):
        ver, _, sig = s.partition(",")
        if ver == "v1" and hmac.compare_digest(sig, want):
            return True
    return False


# the specification's example first, so verify()'s arithmetic is known right before it judges anything
_ex = base64.b64encode(hmac.new(base64.b64decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
                                b'msg_p5jXN8AQM9LWM0D4loKWxJek.1614265330.{"test": 2432232314}',
                                hashlib.sha256).digest()).decode()
check("verify(): the Standard Webhooks example vector", _ex == "g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", _ex)


def worker(env=None):
    """bin/shelf worker --once: (exit status, stderr)."""
    e = dict(os.environ)
    e.update(env or {})
    r = subprocess.run([SHELF, "worker", "--once"], capture_output=True, text=True, timeout=180, env=e)
    return r.returncode, r.stderr


def shelf(*args, env=None):
    e = dict(os.environ)
    e.update(env or {})
    r = subprocess.run([SHELF] + list(args), capture_output=True, text=True, timeout=120, env=e)
    return r.returncode, r.stdout, r.stderr


def pending_hooks():
    return int(one("SELECT COUNT(*) FROM outbox WHERE kind = 'webhook' AND status = 'pending'"))


catcher.start()
try:
    tok = token_for(*DEMO)
    check("a token of the demo credential", tok is not None)

    # ---- registering -------------------------------------------------------------
    ALL = ["order.created", "order.status_changed", "subscription.changed", "invoice.issued", "customer.created"]
    r = api("POST", "/webhooks", token=tok, body={"url": HOOK + "/ok", "events": ALL, "description": "ERP sync"})
    check("POST /webhooks: 201 with Location", r.status == 201 and "/api/v1/webhooks/" in (r.headers.get("location") or ""),
          (r.status, r.raw[:300]))
    ep = r.json or {}
    secret = ep.get("secret", "")
    check("the secret is whsec_ and the base64 of 24+ bytes, shown at creation",
          re.fullmatch(r"whsec_[A-Za-z0-9+/]{32,}={0,2}", secret) is not None
          and len(base64.b64decode(secret[6:])) >= 24, secret)
    check("the endpoint as registered: all five events, enabled, no failures",
          sorted(ep.get("events", [])) == sorted(ALL) and ep.get("enabled") is True and ep.get("consecutive_failures") == 0,
          ep)
    eid = ep.get("id")
    r = api("GET", "/webhooks/%s" % eid, token=tok)
    check("GET /webhooks/{id}: 200, the secret not shown again", r.status == 200 and "secret" not in (r.json or {}),
          r.raw[:200])
    r = api("GET", "/webhooks", token=tok)
    check("GET /webhooks lists it", r.status == 200 and [w["id"] for w in (r.json or {}).get("data", [])] == [eid],
          r.raw[:200])
    check("stored for the token's reseller", one("SELECT reseller_id FROM webhook_endpoints WHERE id = %s" % eid) == "1")

    # refusals: each a 422 naming the field
    for desc, body, field in [
        ("plain http to a public host", {"url": "http://hooks.example.com/x", "events": ALL}, "url"),
        ("a private address", {"url": "https://10.1.2.3/x", "events": ALL}, "url"),
        ("link-local (cloud metadata)", {"url": "https://169.254.169.254/latest", "events": ALL}, "url"),
        ("a user and password", {"url": "https://user:pw@hooks.example.com/x", "events": ALL}, "url"),
        ("a fragment", {"url": "https://hooks.example.com/x#y", "events": ALL}, "url"),
        ("an over-long URL", {"url": "https://hooks.example.com/" + "a" * 2001, "events": ALL}, "url"),
        ("an unknown event", {"url": "https://hooks.example.com/x", "events": ["order.deleted"]}, "events"),
        ("no events", {"url": "https://hooks.example.com/x", "events": []}, "events"),
        ("no url", {"events": ALL}, "url"),
    ]:
        r = api("POST", "/webhooks", token=tok, body=body)
        check("refused: %s (422 naming %s)" % (desc, field),
              problem_ok(r, 422) and field in [e.get("field") for e in (r.json or {}).get("errors", [])], r.raw[:300])
    check("nothing was stored by the refusals", one("SELECT COUNT(*) FROM webhook_endpoints") == "1")

    # another reseller's credential: the endpoint does not exist for it
    other = make_client(2, "Brightpath hooks", "webhooks:read,webhooks:write", "other-secret-1")
    otok = token_for(other, "other-secret-1")
    for m, p, b in [("GET", "/webhooks/%s" % eid, None), ("PATCH", "/webhooks/%s" % eid, {"enabled": False}),
                    ("DELETE", "/webhooks/%s" % eid, None), ("GET", "/webhooks/%s/deliveries" % eid, None)]:
        r = api(m, p, token=otok, body=b)
        check("another reseller: %s %s answers 404" % (m, p.replace(str(eid), "{id}")), problem_ok(r, 404), r.status)
    r = api("GET", "/webhooks", token=otok)
    check("another reseller's list is empty", r.status == 200 and (r.json or {}).get("data") == [], r.raw[:200])
    check("the endpoint is untouched", one("SELECT enabled FROM webhook_endpoints WHERE id = %s" % eid) == "1")
    # a credential without the webhook scopes
    ro = make_client(1, "Orders only", "orders:read", "ro-secret-1")
    r = api("GET", "/webhooks", token=token_for(ro, "ro-secret-1"))
    check("without webhooks:read: 403", problem_ok(r, 403), r.status)

    # ---- the five events, through real paths -----------------------------------------
    r = api("POST", "/customers", token=tok, body={"name": "Hook Test BV", "email": "ops@hooktest.example",
                                                   "country": "NL", "approval_required": False})
    check("customer created through the API", r.status == 201, r.raw[:200])
    cust = (r.json or {}).get("id")
    product = int(one("SELECT MIN(l.product_id) FROM listings l JOIN products p ON p.id = l.product_id"
                      " WHERE l.reseller_id = 1 AND l.listed = 1 AND p.active = 1 AND p.trial_days IS NULL"
                      " AND p.min_quantity = 1 AND p.billing_period <> 'one_time'"))
    r = api("POST", "/orders", token=tok, headers={"Idempotency-Key": "hook-order-1"},
            body={"customer_id": cust, "lines": [{"product_id": product, "quantity": 2}], "reference": "hooks"})
    check("order placed through the API", r.status == 201, r.raw[:300])
    order = r.json or {}
    sub = int(one("SELECT MIN(s.id) FROM subscriptions s JOIN products p ON p.id = s.product_id"
                  " WHERE s.reseller_id = 1 AND s.status = 'active' AND p.type = 'license' AND s.cancel_at_term_end = 0"
                  " AND s.quantity < 9000 AND p.max_quantity IS NULL"))
    qty = int(one("SELECT quantity FROM subscriptions WHERE id = %d" % sub))
    r = api("PATCH", "/subscriptions/%d" % sub, token=tok, body={"quantity": qty + 1})
    check("subscription quantity raised through the API", r.status == 200, r.raw[:300])
    # invoicing for a pinned date: reseller 1's October invoice made afresh on 25 November 2026
    sql("DELETE p FROM payments p JOIN invoices i ON i.id = p.invoice_id WHERE i.period_start = '2026-10-01'"
        " AND i.reseller_id = 1")
    sql("DELETE FROM invoices WHERE period_start = '2026-10-01' AND reseller_id = 1")
    rc, out, err = shelf("billing", "invoice", "--month", "2026-10", "--operator", "admin",
                         env={"SHELF_CLOCK": "2026-11-25 12:00:00"})
    check("the October invoice run (clock pinned): exit 0", rc == 0, err)
    inv = one("SELECT number FROM invoices WHERE reseller_id = 1 AND period_start = '2026-10-01'")
    check("reseller 1's October invoice was issued", inv is not None)
    # queued at the pinned instant: due now whatever today's date is
    sql("UPDATE outbox SET next_attempt_at = NOW() WHERE kind = 'webhook' AND status = 'pending'")
    check("events were queued in the outbox, one row each", pending_hooks() >= 4, pending_hooks())

    rc, log = worker()
    check("worker --once: exit 0", rc == 0, log[-1500:])
    check("worker log: webhook rows sent, with msg ids", re.search(r"kind=webhook attempt=1 outcome=sent endpoint=%s msg=msg_" % eid, log)
          is not None, log[-600:])
    # the provision row moved the order on: its status change is queued in that round; one more round sends it
    for _ in range(3):
        if pending_hooks() == 0:
            break
        worker()
    check("no webhook row is left pending", pending_hooks() == 0,
          sql("SELECT id, status, last_error FROM outbox WHERE kind = 'webhook'"))
    mine = arrivals("/ok")
    types = [json.loads(b)["type"] for _, _, b, _ in mine]
    for t in ALL:
        check("the receiver got %s" % t, t in types, types)
    check("every delivery's signature verifies (independent implementation)",
          len(mine) > 0 and all(verify(secret, h, b) for _, h, b, _ in mine), [h for _, h, _, _ in mine][:1])
    check("a wrong secret does not verify", not verify("whsec_" + base64.b64encode(b"x" * 24).decode(), mine[0][1], mine[0][2])
          if mine else False)
    check("headers: content-type JSON, user-agent Shelf-Webhooks/<version>, webhook-id msg_...",
          all(h.get("content-type") == "application/json" and h.get("user-agent", "").startswith("Shelf-Webhooks/")
              and re.fullmatch(r"msg_[0-9a-f]{32}", h.get("webhook-id", "")) for _, h, _, _ in mine), mine[0][1] if mine else "")
    check("webhook-ids are unique per event", len({h["webhook-id"] for _, h, _, _ in mine}) == len(mine))
    ev = {}
    for _, h, b, _ in mine:
        j = json.loads(b)
        ev.setdefault(j["type"], []).append(j)
    c0 = ev.get("customer.created", [{}])[0].get("data", {})
    check("customer.created: the customer's id, name and e-mail",
          c0.get("id") == cust and c0.get("name") == "Hook Test BV" and c0.get("email") == "ops@hooktest.example", c0)
    o0 = ev.get("order.created", [{}])[0].get("data", {})
    check("order.created: the order's id, number, customer, total",
          o0.get("id") == order.get("id") and o0.get("number") == order.get("number") and o0.get("customer_id") == cust
          and isinstance(o0.get("total_price"), int), (o0, order))
    sc = [e["data"] for e in ev.get("order.status_changed", []) if e["data"].get("id") == order.get("id")]
    check("order.status_changed: the order, from approved on",
          len(sc) >= 1 and sc[0].get("previous_status") == "approved" and sc[0].get("number") == order.get("number"), sc)
    # (the worker's daily pass may renew subscriptions too, each its own subscription.changed)
    s0 = [e["data"] for e in ev.get("subscription.changed", [])
          if e["data"].get("id") == sub and e["data"].get("change") == "change_quantity"]
    check("subscription.changed: the quantity before and after",
          len(s0) == 1 and s0[0]["previous"]["quantity"] == qty and s0[0]["current"]["quantity"] == qty + 1
          and s0[0].get("change") == "change_quantity", s0)
    i0 = ev.get("invoice.issued", [{}])[0]
    check("invoice.issued: number, period, total, timestamped at the pinned clock",
          i0.get("data", {}).get("number") == inv and i0["data"].get("period_start") == "2026-10-01"
          and isinstance(i0["data"].get("total"), int) and i0.get("timestamp", "").startswith("2026-11-25T"), i0)
    check("each body is {type, timestamp, data} and nothing else",
          all(sorted(json.loads(b).keys()) == ["data", "timestamp", "type"] for _, _, b, _ in mine))
    n_ok = int(one("SELECT COUNT(*) FROM webhook_deliveries WHERE endpoint_id = %s AND http_status = 200" % eid))
    check("the delivery log has one 200 row per delivery", n_ok == len(mine), (n_ok, len(mine)))

    # ---- retried after a 500, with the same webhook-id ----------------------------------
    r = api("POST", "/webhooks", token=tok, body={"url": HOOK + "/flaky", "events": ["customer.created"]})
    flaky = (r.json or {}).get("id")
    fsecret = (r.json or {}).get("secret", "")
    r = api("POST", "/customers", token=tok, body={"name": "Flaky Test BV", "email": "ops@flaky.example", "country": "NL"})
    rc, log = worker()
    check("a 500: the worker says retry", re.search(r"kind=webhook attempt=1 outcome=retry endpoint=%s .*HTTP 500" % flaky, log)
          is not None, log[-500:])
    check("the endpoint counts one failure",
          one("SELECT failures FROM webhook_endpoints WHERE id = %s" % flaky) == "1")
    time.sleep(2.6)		# outbox_retry_seconds 2 here, plus up to a quarter
    rc, log = worker()
    check("the retry is sent", re.search(r"kind=webhook attempt=2 outcome=sent endpoint=%s" % flaky, log) is not None, log[-500:])
    fl = arrivals("/flaky")
    check("two attempts arrived, with the same webhook-id and body, each signed",
          len(fl) == 2 and fl[0][1]["webhook-id"] == fl[1][1]["webhook-id"] and fl[0][2] == fl[1][2]
          and all(verify(fsecret, h, b) for _, h, b, _ in fl), [(x[1].get("webhook-id"), x[3]) for x in fl])
    check("success resets the failure count", one("SELECT failures FROM webhook_endpoints WHERE id = %s" % flaky) == "0")
    r = api("GET", "/webhooks/%s/deliveries" % flaky, token=tok)
    d = (r.json or {}).get("data", [])
    check("GET deliveries: both attempts, newest first, 200 after 500, one msg id",
          r.status == 200 and [x["http_status"] for x in d] == [200, 500] and [x["attempt"] for x in d] == [2, 1]
          and len({x["msg_id"] for x in d}) == 1 and d[1]["error"] == "HTTP 500", d)
    r = api("GET", "/webhooks/%s/deliveries?limit=1" % flaky, token=tok)
    r2 = api("GET", "/webhooks/%s/deliveries?limit=1&cursor=%s" % (flaky, (r.json or {}).get("next_cursor")), token=tok)
    check("deliveries: a cursor pages the log", r.status == 200 and r2.status == 200
          and [x["attempt"] for x in (r.json or {}).get("data", []) + (r2.json or {}).get("data", [])] == [2, 1])
    r = api("GET", "/webhooks/%s/deliveries?limit=500" % flaky, token=tok)
    check("deliveries: limit above 200 is 400", problem_ok(r, 400))
    # the CLI's log, as the reseller's admin
    rc, out, err = shelf("webhook", "log", str(flaky), "--operator", "demo-admin")
    check("shelf webhook log: exit 0, both attempts", rc == 0 and out.count("customer.created") == 2 and "HTTP 500" in out,
          out + err)
    rc, out, err = shelf("webhook", "log", str(flaky), "--operator", "brightpath-admin")
    check("shelf webhook log of another reseller's endpoint: exit 1, not found", rc == 1 and "not found" in err, err)

    # ---- a redirect is not followed -----------------------------------------------------
    r = api("POST", "/webhooks", token=tok, body={"url": HOOK + "/redirect", "events": ["customer.created"]})
    redir = (r.json or {}).get("id")
    for w in (eid, flaky):
        api("PATCH", "/webhooks/%s" % w, token=tok, body={"enabled": False})
    before_ok = len(arrivals("/ok"))
    api("POST", "/customers", token=tok, body={"name": "Redirect BV", "email": "ops@redirect.example", "country": "NL"})
    rc, log = worker()
    check("a 302 is a failed attempt, not followed", re.search(r"endpoint=%s .*HTTP 302" % redir, log) is not None
          and len(arrivals("/ok")) == before_ok, log[-400:])
    api("DELETE", "/webhooks/%s" % redir, token=tok)

    # ---- the worker killed in the middle of deliveries loses nothing ---------------------
    r = api("POST", "/webhooks", token=tok, body={"url": HOOK + "/slow", "events": ["customer.created"]})
    slow = (r.json or {}).get("id")
    ssecret = (r.json or {}).get("secret", "")
    made = []
    for i in range(6):
        r = api("POST", "/customers", token=tok, body={"name": "Kill %d BV" % i, "email": "k%d@kill.example" % i,
                                                       "country": "NL"})
        made.append((r.json or {}).get("id"))
    queued = {x[0] for x in sql("SELECT JSON_VALUE(payload, '$.msg_id') FROM outbox WHERE kind = 'webhook'"
                                 " AND status = 'pending' AND JSON_VALUE(payload, '$.endpoint_id') = %s" % slow)}
    check("six events queued for the slow endpoint", len(queued) == 6, queued)
    p = subprocess.Popen([SHELF, "worker"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    t0 = time.time()
    while len(arrivals("/slow")) < 2 and time.time() - t0 < 30:
        time.sleep(0.05)
    time.sleep(0.3)		# inside the third delivery: the receiver takes 0.7 s to answer
    p.send_signal(signal.SIGKILL)
    p.wait()
    before = len(arrivals("/slow"))
    check("killed in the middle: some delivered, some not", 0 < before < 6 + 1, before)
    time.sleep(2.5)		# outbox_lease_seconds 2 here: the row in hand comes back
    for _ in range(10):
        if pending_hooks() == 0:
            break
        worker()
        time.sleep(0.5)
    sl = arrivals("/slow")
    ids = [h["webhook-id"] for _, h, _, _ in sl]
    check("after the kill every event arrived at least once", set(ids) == queued, (set(ids) ^ queued))
    check("duplicates share their webhook-id and body",
          all(b == next(b2 for _, h2, b2, _ in sl if h2["webhook-id"] == h["webhook-id"]) for _, h, b, _ in sl))
    check("all of them signed", all(verify(ssecret, h, b) for _, h, b, _ in sl))
    check("no row is left pending or failed",
          one("SELECT COUNT(*) FROM outbox WHERE kind = 'webhook' AND status <> 'sent'"
              " AND JSON_VALUE(payload, '$.endpoint_id') = %s" % slow) == "0")
    api("PATCH", "/webhooks/%s" % slow, token=tok, body={"enabled": False})

    # ---- an endpoint that keeps failing is disabled, the admins e-mailed ------------------
    r = api("POST", "/webhooks", token=tok, body={"url": HOOK + "/down", "events": ["customer.created"]})
    down = (r.json or {}).get("id")
    for i in range(4):
        api("POST", "/customers", token=tok, body={"name": "Down %d BV" % i, "email": "d%d@down.example" % i, "country": "NL"})
    rc, log = worker(env={"SHELF_WEBHOOK_DISABLE_AFTER": "3"})
    check("three failures in a row disable it",
          re.search(r"outcome=failed, endpoint disabled endpoint=%s " % down, log) is not None, log[-800:])
    row = sql("SELECT enabled, failures, disabled_reason, disabled_at IS NOT NULL FROM webhook_endpoints WHERE id = %s" % down)[0]
    check("disabled, with its reason and time", row[0] == "0" and row[1] == "3" and "3 consecutive failed" in row[2]
          and row[3] == "1", row)
    check("its fourth event is skipped, not sent",
          len(arrivals("/down")) == 3 and one("SELECT COUNT(*) FROM outbox WHERE kind = 'webhook' AND status = 'failed'"
                                            " AND last_error LIKE '%%disabled%%' AND JSON_VALUE(payload, '$.endpoint_id') = %s"
                                            % down) == "1", len(arrivals("/down")))
    admin = one("SELECT email FROM operators WHERE login = 'demo-admin'")
    mails = [m for _, m in catcher.messages() if "disabled" in (m["Subject"] or "")]
    check("the reseller's admin got the e-mail", any(m["To"] == admin for m in mails),
          [(m["To"], m["Subject"]) for _, m in catcher.messages()])
    if mails:
        text = mails[0].get_body(("plain",)).get_content()
        check("the e-mail names the endpoint and says how to enable it",
              (HOOK + "/down") in text and "shelf webhook enable %s" % down in text, text[:400])
    r = api("GET", "/webhooks/%s" % down, token=tok)
    check("the API shows it disabled with the reason",
          (r.json or {}).get("enabled") is False and "consecutive" in ((r.json or {}).get("disabled_reason") or ""), r.raw[:300])
    q_down = "SELECT COUNT(*) FROM outbox WHERE kind = 'webhook' AND JSON_VALUE(payload, '$.endpoint_id') = %s" % down
    n_down = one(q_down)
    api("POST", "/customers", token=tok, body={"name": "After BV", "email": "a@after.example", "country": "NL"})
    check("a disabled endpoint gets no new events queued", one(q_down) == n_down)
    r = api("PATCH", "/webhooks/%s" % down, token=tok, body={"enabled": True})
    check("enabled again: failures back to 0", r.status == 200 and (r.json or {}).get("enabled") is True
          and (r.json or {}).get("consecutive_failures") == 0, r.raw[:200])

    # ---- rotate, the CLI, delete ----------------------------------------------------------
    r = api("PATCH", "/webhooks/%s" % eid, token=tok, body={"rotate_secret": True})
    check("rotate_secret: a new secret, shown once", r.status == 200 and (r.json or {}).get("secret", "").startswith("whsec_")
          and r.json["secret"] != secret, r.raw[:200])
    rc, out, err = shelf("webhook", "add", HOOK + "/cli", "--events", "order.created,customer.created",
                         "--operator", "demo-admin")
    m = re.search(r"Webhook endpoint (\d+) added.*\n(whsec_\S+)", out, re.S)
    check("shelf webhook add: exit 0, the id and secret", rc == 0 and m is not None, out + err)
    rc, out, err = shelf("webhook", "add", "http://example.com/x", "--events", "all", "--operator", "demo-admin")
    check("shelf webhook add of plain http: exit 1 with why", rc != 0 and "https://" in err, (rc, err))
    rc, out, err = shelf("webhook", "add", HOOK + "/x", "--events", "order.deleted", "--operator", "demo-admin")
    check("shelf webhook add of an unknown event: exit 2", rc == 2 and "order.deleted" in err, (rc, err))
    rc, out, err = shelf("webhook", "list", "--operator", "demo-admin")
    check("shelf webhook list: every endpoint of the reseller", rc == 0 and out.count("127.0.0.1") ==
          int(one("SELECT COUNT(*) FROM webhook_endpoints WHERE reseller_id = 1")), out)
    if m:
        cid = m.group(1)
        rc, out, err = shelf("webhook", "disable", cid, "--operator", "demo-admin")
        check("shelf webhook disable: exit 0", rc == 0 and one("SELECT enabled FROM webhook_endpoints WHERE id = %s" % cid) == "0",
              err)
        rc, out, err = shelf("webhook", "disable", cid, "--operator", "demo-admin")
        check("disabling it twice: exit 1, said", rc == 1 and "already disabled" in err, err)
        rc, out, err = shelf("webhook", "rotate", cid, "--operator", "demo-admin")
        check("shelf webhook rotate: a new secret", rc == 0 and "whsec_" in out and m.group(2) not in out, out)
        rc, out, err = shelf("webhook", "delete", cid, "--operator", "demo-admin")
        check("shelf webhook delete: exit 0, gone", rc == 0 and one("SELECT COUNT(*) FROM webhook_endpoints WHERE id = %s" % cid) == "0",
              err)
    r = api("DELETE", "/webhooks/%s" % flaky, token=tok)
    check("DELETE /webhooks/{id}: 200, then 404, its log gone", r.status == 200
          and api("GET", "/webhooks/%s" % flaky, token=tok).status == 404
          and one("SELECT COUNT(*) FROM webhook_deliveries WHERE endpoint_id = %s" % flaky) == "0", r.raw[:200])
finally:
    catcher.stop()
    srv.shutdown()

finish("webhooks")
