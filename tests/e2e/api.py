"""api.py - the Marketplace API through nginx (run by tests/api.sh on a private stack).

What it asserts is listed in tests/api.sh.  The OpenAPI document is the
contract: every path and method in it is requested for real and each
answer is validated against the schema the document gives for its
status and media type; a status the document does not list fails.
"""
import base64
import concurrent.futures
import hashlib
import http.client
import json
import os
import subprocess
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import ROOT, URL, check, finish, one, sql  # noqa: E402

try:
    import jsonschema
except ImportError:
    jsonschema = None

U = urllib.parse.urlsplit(URL)
PREFIX = "/api/v1"
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

    @property
    def ctype(self):
        return (self.headers.get("content-type") or "").split(";")[0]


def call(method, path, token=None, body=None, ctype=None, headers=None, basic=None):
    """One request on a connection of its own; body: dict (JSON), str or bytes."""
    h = dict(headers or {})
    if token:
        h["Authorization"] = "Bearer " + token
    if basic:
        h["Authorization"] = "Basic " + base64.b64encode(("%s:%s" % basic).encode()).decode()
    data = None
    if body is not None:
        if isinstance(body, dict) or isinstance(body, list):
            data = json.dumps(body).encode()
            h.setdefault("Content-Type", "application/json")
        else:
            data = body.encode() if isinstance(body, str) else body
    if ctype:
        h["Content-Type"] = ctype
    c = http.client.HTTPConnection(U.hostname, U.port, timeout=30)
    c.request(method, path, body=data, headers=h)
    r = c.getresponse()
    out = R(r.status, r.getheaders(), r.read())
    c.close()
    return out


def api(method, path, **kw):
    return call(method, PREFIX + path, **kw)


def token_for(cid, secret):
    r = api("POST", "/oauth/token", body="grant_type=client_credentials",
            ctype="application/x-www-form-urlencoded", basic=(cid, secret))
    return r.json.get("access_token") if r.status == 200 and r.json else None


def problem_ok(r, status, type_end=None):
    j = r.json or {}
    ok = (r.status == status and r.ctype == "application/problem+json" and j.get("status") == status
          and isinstance(j.get("type"), str) and isinstance(j.get("title"), str))
    if type_end:
        ok = ok and j.get("type", "").endswith("/" + type_end)
    # no internals: no SQL, no file names, no library words
    low = r.raw.decode("utf-8", "replace").lower()
    ok = ok and not any(w in low for w in ("select ", "mariadb", "mysql", ".c:", "errno", "jansson", "sqlstate"))
    return ok


def make_client(reseller, name, scopes, secret):
    """A credential the way core stores one (sha256:hex of the secret), for the cases the demo lacks."""
    cid = "shelf_" + hashlib.sha256(name.encode()).hexdigest()[:16]
    h = "sha256:" + hashlib.sha256(secret.encode()).hexdigest()
    sql("INSERT INTO api_clients (reseller_id, client_id, secret_hash, name, scopes) VALUES (%d, '%s', '%s', '%s', '%s')"
        % (reseller, cid, h, name, scopes))
    return cid


# ---- the document --------------------------------------------------------------

r = call("GET", PREFIX + "/openapi.json")
check("GET /openapi.json answers 200 JSON without a token", r.status == 200 and r.ctype == "application/json", r.status)
DOC = r.json or {}
check("the document is OpenAPI 3.1", str(DOC.get("openapi", "")).startswith("3.1"), DOC.get("openapi"))
with open(os.path.join(ROOT, "fcgi", "api_openapi.json"), "rb") as f:
    check("the served document is fcgi/api_openapi.json", f.read() == r.raw)

lint = os.path.join(ROOT, "tools", "openapi", "node_modules", ".bin", "redocly")
if os.access(lint, os.X_OK):
    p = subprocess.run([lint, "lint", "--format=stylish", os.path.join(ROOT, "fcgi", "api_openapi.json")],
                       capture_output=True, text=True, timeout=300)
    out = p.stdout + p.stderr
    check("@redocly/cli lint: valid, no warnings", p.returncode == 0 and "valid" in out and "warning" not in out,
          out[-400:])
else:
    check("@redocly/cli is installed (make deps: tools/openapi)", False, lint)

if jsonschema is None:
    check("python3-jsonschema is installed (make deps)", False)
    finish("api")


def schema_of(op, status, ctype):
    resp = op["responses"].get(str(status))
    if resp is None:
        return None, "status %s is not documented" % status
    while "$ref" in resp:
        resp = DOC["components"]["responses"][resp["$ref"].split("/")[-1]]
    content = resp.get("content")
    if content is None:
        return {}, None
    if ctype not in content:
        return None, "media type %s is not documented for %s" % (ctype, status)
    return content[ctype]["schema"], None


def conforms(desc, op, r):
    """r is documented for op: its status, media type and body."""
    s, err = schema_of(op, r.status, r.ctype)
    if s is None:
        return check(desc, False, "%s: %s" % (err, r.raw[:200]))
    if s == {} or r.status == 304:
        return check(desc, True)
    full = {"$schema": "https://json-schema.org/draft/2020-12/schema", "components": DOC["components"]}
    full.update(s)
    try:
        jsonschema.Draft202012Validator(full).validate(r.json)
    except jsonschema.ValidationError as e:
        return check(desc, False, "%s at %s: %s" % (e.message[:200], list(e.absolute_path), r.raw[:200]))
    return check(desc, True)


# ---- tokens --------------------------------------------------------------------

check("the seed's credential was never used", one("SELECT last_used_at IS NULL FROM api_clients WHERE client_id = 'demo-backoffice'") == "1")
r = api("POST", "/oauth/token", body="grant_type=client_credentials", ctype="application/x-www-form-urlencoded", basic=DEMO)
tok = (r.json or {}).get("access_token")
check("client credentials give a bearer token for an hour",
      r.status == 200 and (r.json or {}).get("token_type") == "Bearer" and (r.json or {}).get("expires_in") == 3600 and tok,
      r.raw[:200])
check("the token answer is no-store", "no-store" in (r.headers.get("cache-control") or ""))
check("the token is stored hashed, not as it is",
      one("SELECT COUNT(*) FROM api_tokens WHERE token_hash = SHA2('%s', 256)" % tok) == "1"
      and one("SELECT COUNT(*) FROM api_tokens WHERE token_hash = '%s'" % tok) == "0")
check("using the credential sets its last-used date",
      one("SELECT last_used_at IS NOT NULL FROM api_clients WHERE client_id = 'demo-backoffice'") == "1")
env = dict(os.environ, SHELF_API_SECRET=DEMO[1])
p = subprocess.run([os.path.join(ROOT, "bin", "shelf"), "api", "token", DEMO[0]], capture_output=True, text=True, env=env)
cli_tok = p.stdout.strip()
check("shelf api token CLIENT prints a token that works",
      p.returncode == 0 and api("GET", "/customers?limit=1", token=cli_tok).status == 200, p.stderr)
p = subprocess.run([os.path.join(ROOT, "bin", "shelf"), "api", "token", DEMO[0]], capture_output=True, text=True,
                   env=dict(os.environ, SHELF_API_SECRET="wrong"))
check("shelf api token with a wrong secret: exit 1, nothing on stdout", p.returncode == 1 and p.stdout == "", p.stdout)

r = api("POST", "/oauth/token", body="grant_type=client_credentials", ctype="application/x-www-form-urlencoded",
        basic=(DEMO[0], "wrong"))
check("a wrong secret: 401 invalid_client problem", problem_ok(r, 401) and (r.json or {}).get("error") == "invalid_client"
      and "basic" in (r.headers.get("www-authenticate") or "").lower(), r.raw[:200])
r = api("POST", "/oauth/token", body="grant_type=password", ctype="application/x-www-form-urlencoded", basic=DEMO)
check("another grant type: 400 unsupported_grant_type", problem_ok(r, 400) and (r.json or {}).get("error") == "unsupported_grant_type")
r = api("POST", "/oauth/token", body="", ctype="application/x-www-form-urlencoded", basic=DEMO)
check("no grant_type: 400 invalid_request", problem_ok(r, 400) and (r.json or {}).get("error") == "invalid_request")
r = api("POST", "/oauth/token", body="grant_type=client_credentials", ctype="application/json", basic=DEMO)
check("the token endpoint takes a form only: 415", problem_ok(r, 415))
r = api("POST", "/oauth/token", body="grant_type=client_credentials", ctype="application/x-www-form-urlencoded",
        basic=("demo-old-erp", DEMO[1]))
check("a revoked credential gets no token", problem_ok(r, 401))

# ---- the walk: every path and method of the document -----------------------------

cust = int(one("SELECT MIN(id) FROM customers WHERE reseller_id = 1"))
user = int(one("SELECT MIN(id) FROM storefront_users WHERE reseller_id = 1 AND customer_id = %d" % cust))
order = int(one("SELECT MIN(id) FROM orders WHERE reseller_id = 1"))
sub = int(one("SELECT MIN(s.id) FROM subscriptions s JOIN products p ON p.id = s.product_id"
              " WHERE s.reseller_id = 1 AND s.status = 'active' AND p.type = 'license' AND s.cancel_at_term_end = 0"
              " AND s.quantity < 9000 AND p.max_quantity IS NULL"))
usage_sub = one("SELECT subscription_id FROM usage_monthly WHERE reseller_id = 1 LIMIT 1")
invoice = int(one("SELECT MIN(id) FROM invoices WHERE reseller_id = 1"))
product = int(one("SELECT MIN(l.product_id) FROM listings l JOIN products p ON p.id = l.product_id"
                  " WHERE l.reseller_id = 1 AND l.listed = 1 AND p.active = 1 AND p.trial_days IS NULL"
                  " AND p.min_quantity = 1 AND p.billing_period <> 'one_time'"))
ids = {"/customers/{id}": [cust], "/customers/{id}/users": [cust], "/customers/{id}/users/{user_id}": [cust, user],
       "/orders/{id}": [order], "/subscriptions/{id}": [sub], "/subscriptions/{id}/cancel": [sub],
       "/subscriptions/{id}/usage": [int(usage_sub) if usage_sub else sub], "/invoices/{id}": [invoice],
       "/products/{id}": [product], "/products/{id}/markup": [product]}
# a webhook endpoint of the demo reseller for the walk (webhooks themselves: tests/webhooks.sh)
sql("INSERT INTO webhook_endpoints (reseller_id, url, secret, events) VALUES"
    " (1, 'https://hooks.example.com/walk', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'customer.created')")
ids["/webhooks/{id}"] = ids["/webhooks/{id}/deliveries"] = [int(one("SELECT MAX(id) FROM webhook_endpoints"))]
sql("INSERT INTO customer_contacts (reseller_id, customer_id, name, email, role) VALUES (1, %d, 'Walk Contact', 'walk-contact@acme.example', 'billing')" % cust)
contact = int(one("SELECT id FROM customer_contacts WHERE email = 'walk-contact@acme.example' AND customer_id = %d" % cust))
ids.update({"/customers/{id}/contacts": [cust], "/customers/{id}/contacts/{contact_id}": [cust, contact],
            "/customers/{id}/contacts/{contact_id}/disable": [cust, contact]})
n = [0]


def body_for(path, method):
    n[0] += 1
    if path == "/customers" and method == "post":
        return {"name": "Walk Co %d" % n[0], "email": "walk%d@walk.example" % n[0], "country": "NL", "approval_required": False}
    if path == "/customers/{id}":
        return {"phone": "+31 20 555 %04d" % n[0]}
    if path == "/customers/{id}/users":
        return {"email": "walker%d@acme.example" % n[0], "name": "Walker %d" % n[0], "role": "member"}
    if path == "/customers/{id}/users/{user_id}":
        return {"active": True}
    if path == "/customers/{id}/contacts":
        return {"name": "Walk Contact %d" % n[0], "email": "walk-contact%d@acme.example" % n[0], "role": "technical"}
    if path == "/orders":
        return {"customer_id": cust, "lines": [{"product_id": product, "quantity": 1}], "reference": "walk"}
    if path == "/subscriptions/{id}":
        return {"quantity": int(one("SELECT quantity FROM subscriptions WHERE id = %d" % sub)) + 1}
    if path == "/products/{id}/markup":
        return {"markup_bp": 1700}
    if path == "/markups":
        return {"product_ids": [product], "markup_bp": 1600}
    if path == "/webhooks":
        return {"url": "https://hooks.example.com/walk/%d" % n[0], "events": ["order.created"]}
    if path == "/webhooks/{id}":
        return {"description": "walk %d" % n[0]}
    return None


def fill(path):
    out, k = path, 0
    for seg in ("{id}", "{user_id}", "{contact_id}"):
        if seg in out:
            out = out.replace(seg, str(ids[path][k]))
            k += 1
    return out


walked = 0
for path, item in DOC.get("paths", {}).items():
    for method, op in item.items():
        if method == "parameters":
            continue
        walked += 1
        if path in ("/oauth/token", "/openapi.json"):
            r = (api("POST", path, body="grant_type=client_credentials", ctype="application/x-www-form-urlencoded", basic=DEMO)
                 if method == "post" else call("GET", PREFIX + path))
            conforms("%s %s answers as documented (%d)" % (method.upper(), path, r.status), op, r)
            continue
        if path == "/subscriptions/{id}/cancel":
            continue	# walked last: it ends the subscription the others use
        if path == "/webhooks/{id}" and method == "delete":
            continue	# walked last: the delivery log's path reads the endpoint
        hdr = {"Idempotency-Key": "walk-%d" % n[0]} if path == "/orders" and method == "post" else None
        b = body_for(path, method) if method in ("post", "put", "patch") else None
        r = api(method.upper(), fill(path), token=tok, body=b, headers=hdr)
        conforms("%s %s answers as documented (%d)" % (method.upper(), path, r.status), op, r)
        check("%s %s succeeds" % (method.upper(), path), r.status in (200, 201), r.raw[:200])
        for h in ("ratelimit-limit", "ratelimit-remaining", "ratelimit-reset"):
            check("%s %s has %s" % (method.upper(), path, h), h in r.headers)
        if method == "get" and "{id}" in path and not path.endswith("/users") and not path.endswith("/contacts") and r.status == 200:
            et = r.headers.get("etag")
            r2 = api("GET", fill(path), token=tok, headers={"If-None-Match": et or "x"})
            check("GET %s has an ETag and answers 304 to it" % path, et and r2.status == 304, (et, r2.status))
        # the query parameters the document lists for the operation are accepted
        for prm in op.get("parameters", []):
            if "$ref" in prm:
                prm = DOC["components"]["parameters"][prm["$ref"].split("/")[-1]]
            if prm.get("in") != "query" or prm["name"] in ("cursor",):
                continue
            v = {"limit": "2", "customer": str(cust), "created_since": "2020-01-01", "updated_since": "2020-01-01T00:00:00Z",
                 "month": "2020-01"}.get(prm["name"])
            if prm["name"] == "status":
                v = prm["schema"]["enum"][0]
            r = api("GET", fill(path) + "?" + prm["name"] + "=" + v, token=tok)
            conforms("GET %s?%s=%s answers as documented" % (path, prm["name"], v), op, r)
        # a method the path does not take: 405 with Allow
        if method == "get" and not any(m in item for m in ("delete",)):
            r = api("DELETE", fill(path), token=tok)
            check("DELETE %s: 405 with Allow" % path, problem_ok(r, 405) and "GET" in (r.headers.get("allow") or ""), r.status)
r = api("POST", fill("/subscriptions/{id}/cancel"), token=tok)
conforms("POST /subscriptions/{id}/cancel answers as documented (%d)" % r.status, DOC["paths"]["/subscriptions/{id}/cancel"]["post"], r)
check("cancel at term end is recorded", r.status == 200 and (r.json or {}).get("cancel_at_term_end") is True, r.raw[:200])
r = api("DELETE", fill("/webhooks/{id}"), token=tok)
conforms("DELETE /webhooks/{id} answers as documented (%d)" % r.status, DOC["paths"]["/webhooks/{id}"]["delete"], r)
check("DELETE /webhooks/{id} removes the endpoint", r.status == 200
      and one("SELECT COUNT(*) FROM webhook_endpoints WHERE id = %d" % ids["/webhooks/{id}"][0]) == "0", r.raw[:200])
check("the walk covered every operation of the document", walked >= 25, walked)
check("the order placed through the API is placed_via api, obeying approval (approved)",
      one("SELECT CONCAT(placed_via, ' ', status) FROM orders WHERE customer_reference = 'walk'") in ("api approved", "api pending_approval"))

# ---- errors, each one --------------------------------------------------------------

r = api("GET", "/customers")
check("no token: 401 problem with WWW-Authenticate Bearer", problem_ok(r, 401) and "bearer" in (r.headers.get("www-authenticate") or "").lower())
r = api("GET", "/customers", token="0" * 64)
check("an unknown token: 401 invalid-token", problem_ok(r, 401, "invalid-token"))
r = api("GET", "/nothing-here", token=tok)
check("an unknown path: 404 problem", problem_ok(r, 404))
r = api("GET", "/customers?limit=500", token=tok)
check("limit above 200: 400 naming limit", problem_ok(r, 400) and "limit" in (r.json or {}).get("detail", ""))
r = api("GET", "/customers?bogus=1", token=tok)
check("an unknown query parameter: 400", problem_ok(r, 400))
r = api("GET", "/invoices?customer=1", token=tok)
check("a filter a list does not have: 400", problem_ok(r, 400))
r = api("POST", "/customers", token=tok, body='{"name": "A", "name": "B", "email": "a@b.example"}', ctype="application/json")
check("duplicate JSON keys: 400 malformed-body", problem_ok(r, 400, "malformed-body"))
r = api("POST", "/customers", token=tok, body="{not json", ctype="application/json")
check("malformed JSON: 400", problem_ok(r, 400, "malformed-body"))
r = api("POST", "/customers", token=tok, body="[]", ctype="application/json")
check("a JSON array body: 400", problem_ok(r, 400))
r = api("POST", "/customers", token=tok, body="name=x", ctype="application/x-www-form-urlencoded")
check("a form where JSON is due: 415", problem_ok(r, 415))
r = api("POST", "/customers", token=tok, body=b"{" + b" " * 70000 + b"}", ctype="application/json")
check("a body over 64 KiB: 413 problem", problem_ok(r, 413), r.status)
r = api("POST", "/customers", token=tok, body={"name": "", "email": "not-an-address", "colour": "red", "phone": 5,
                                              "approval_required": "yes"})
errs = {e.get("field") for e in (r.json or {}).get("errors", [])}
check("validation: 422 naming each bad field (name, email, colour, phone, approval_required)",
      problem_ok(r, 422, "validation") and {"name", "email", "colour", "phone", "approval_required"} <= errs, r.raw[:300])
before = one("SELECT COUNT(*) FROM customers")
r = api("POST", "/customers", token=tok, body={"name": "X" * 201, "email": "x@x.example"})
check("a name over 200 characters: 422, nothing made", problem_ok(r, 422) and one("SELECT COUNT(*) FROM customers") == before)
r = api("PATCH", "/subscriptions/%d" % sub, token=tok, body={"quantity": 0})
check("quantity 0: 422 naming quantity", problem_ok(r, 422) and "quantity" in r.raw.decode())
r = api("PUT", "/products/%d/markup" % product, token=tok, body={"markup_bp": -1})
check("a negative markup: 422", problem_ok(r, 422))
r = api("POST", "/subscriptions/%d/cancel" % sub, token=tok)
check("cancelling twice: 409 conflict with core's reason", problem_ok(r, 409) and (r.json or {}).get("detail"), r.raw[:200])

# scope: a credential with customers:read only
ro = make_client(1, "Read-only walker", "customers:read", "read-only-secret-1")
rot = token_for(ro, "read-only-secret-1")
check("a read-only credential gets a token naming its scope", rot is not None)
r = api("GET", "/customers?limit=1", token=rot)
check("read-only: GET /customers works", r.status == 200)
r = api("POST", "/customers", token=rot, body={"name": "No", "email": "no@no.example"})
check("read-only: POST /customers is 403 insufficient-scope", problem_ok(r, 403, "insufficient-scope"))
r = api("GET", "/orders", token=rot)
check("read-only: GET /orders is 403", problem_ok(r, 403))
# scopes narrowed in the TUI: the next request already has the new ones (lists check the token in their own statement)
for _ in range(3):
    api("GET", "/customers?limit=1", token=rot)
sql("UPDATE api_clients SET scopes = 'orders:read' WHERE client_id = '%s'" % ro)
r = api("GET", "/customers?limit=1", token=rot)
check("scope taken away: the next list request is 403", problem_ok(r, 403, "insufficient-scope"), r.status)
r = api("GET", "/orders?limit=1", token=rot)
check("scope given: the next request has it", r.status == 200, r.status)

# 429: a credential with a bucket of 4 requests, refilled at 1 a second, asked 12 times at once
rl = make_client(1, "Rate walker", "customers:read", "rate-secret-1")
sql("UPDATE api_clients SET rate_burst = 4, rate_per_sec = 1 WHERE client_id = '%s'" % rl)
rlt = token_for(rl, "rate-secret-1")
got = [api("GET", "/customers?limit=1", token=rlt) for _ in range(12)]
limited = [r for r in got if r.status == 429]
check("a client past its bucket gets 429 (problem, Retry-After >= 1)",
      limited and all(problem_ok(r, 429, "rate-limited") and int(r.headers.get("retry-after", "0")) >= 1 for r in limited),
      [r.status for r in got])
check("... and only once the bucket is spent: 3 or 4 requests went through (4 for the host, less the token's)",
      3 <= len([r for r in got if r.status == 200]) <= 4, [r.status for r in got])
check("... RateLimit-Limit says 4 on every answer", all(r.headers.get("ratelimit-limit") == "4" for r in got))

# ---- cross-reseller ids: 404 on every path ----------------------------------------------

oc = int(one("SELECT MIN(id) FROM customers WHERE reseller_id <> 1"))
ou = int(one("SELECT MIN(id) FROM storefront_users WHERE reseller_id <> 1"))
ouc = int(one("SELECT customer_id FROM storefront_users WHERE id = %d" % ou))
oo = int(one("SELECT MIN(id) FROM orders WHERE reseller_id <> 1"))
os_ = int(one("SELECT MIN(id) FROM subscriptions WHERE reseller_id <> 1"))
oi = int(one("SELECT MIN(id) FROM invoices WHERE reseller_id <> 1"))
other_user_same_reseller = int(one("SELECT MIN(id) FROM storefront_users WHERE reseller_id = 1 AND customer_id <> %d" % cust))
snap = one("SELECT CONCAT(COUNT(*), '/', COALESCE(SUM(CRC32(CONCAT(id, name, email, COALESCE(phone, '')))), 0)) FROM customers WHERE reseller_id <> 1")
cases = [("GET", "/customers/%d" % oc, None), ("PATCH", "/customers/%d" % oc, {"name": "Mine now"}),
         ("GET", "/customers/%d/users" % oc, None), ("POST", "/customers/%d/users" % oc, {"email": "x@x.example", "name": "X"}),
         ("GET", "/customers/%d/users/%d" % (ouc, ou), None), ("PATCH", "/customers/%d/users/%d" % (ouc, ou), {"active": False}),
         ("GET", "/customers/%d/users/%d" % (cust, ou), None), ("PATCH", "/customers/%d/users/%d" % (cust, ou), {"active": False}),
         ("GET", "/customers/%d/users/%d" % (cust, other_user_same_reseller), None),
         ("GET", "/orders/%d" % oo, None), ("GET", "/subscriptions/%d" % os_, None),
         ("PATCH", "/subscriptions/%d" % os_, {"quantity": 50}), ("POST", "/subscriptions/%d/cancel" % os_, None),
         ("GET", "/subscriptions/%d/usage" % os_, None), ("GET", "/invoices/%d" % oi, None),
         ("GET", "/products/999999", None), ("PUT", "/products/999999/markup", {"markup_bp": 100})]
# another reseller's webhook endpoint, on each of its paths
sql("INSERT INTO webhook_endpoints (reseller_id, url, secret, events) VALUES"
    " (2, 'https://hooks.example.com/other', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'customer.created')")
ow = int(one("SELECT MAX(id) FROM webhook_endpoints WHERE reseller_id = 2"))
cases += [("GET", "/webhooks/%d" % ow, None), ("PATCH", "/webhooks/%d" % ow, {"enabled": False}),
          ("DELETE", "/webhooks/%d" % ow, None), ("GET", "/webhooks/%d/deliveries" % ow, None)]
for m, p, b in cases:
    r = api(m, p, token=tok, body=b)
    check("another reseller's id: %s %s is 404" % (m, p), problem_ok(r, 404), (r.status, r.raw[:120]))
check("another reseller's webhook endpoint unchanged",
      one("SELECT CONCAT(enabled, ' ', url) FROM webhook_endpoints WHERE id = %d" % ow) == "1 https://hooks.example.com/other")
r = api("POST", "/orders", token=tok, headers={"Idempotency-Key": "cross-1"},
        body={"customer_id": oc, "lines": [{"product_id": product, "quantity": 1}]})
check("an order for another reseller's customer: 422 naming customer_id",
      problem_ok(r, 422) and "customer_id" in r.raw.decode(), r.raw[:200])
check("another reseller's data unchanged",
      one("SELECT CONCAT(COUNT(*), '/', COALESCE(SUM(CRC32(CONCAT(id, name, email, COALESCE(phone, '')))), 0)) FROM customers WHERE reseller_id <> 1") == snap
      and one("SELECT active FROM storefront_users WHERE id = %d" % ou) == "1")
r = api("GET", "/orders?customer=%d" % oc, token=tok)
check("filtering by another reseller's customer lists nothing", r.status == 200 and (r.json or {}).get("data") == [])

# ---- lists: cursor, stable order, filters ----------------------------------------------

seen, cur, pages = [], None, 0
while pages < 50:
    r = api("GET", "/customers?limit=7" + ("&cursor=" + cur if cur else ""), token=tok)
    if r.status != 200:
        break
    seen += [c["id"] for c in r.json["data"]]
    cur = r.json["next_cursor"]
    pages += 1
    if cur is None:
        break
    check("page %d has a Link rel=next" % pages, 'rel="next"' in (r.headers.get("link") or ""))
all_ids = [int(x[0]) for x in sql("SELECT id FROM customers WHERE reseller_id = 1 ORDER BY id")]
check("the cursor walks every customer once, in id order", seen == all_ids, (len(seen), len(all_ids)))
r = api("GET", "/orders?status=completed&limit=200", token=tok)
check("status filter", r.status == 200 and r.json["data"] and all(o["status"] == "completed" for o in r.json["data"]))
r = api("GET", "/subscriptions?customer=%d&limit=200" % cust, token=tok)
check("customer filter", r.status == 200 and all(s["customer_id"] == cust for s in r.json["data"]))
r = api("GET", "/customers?updated_since=2999-01-01", token=tok)
check("updated_since in the future lists nothing", r.status == 200 and r.json["data"] == [])
r = api("GET", "/customers?created_since=2026-13-01", token=tok)
check("a bad date: 400", problem_ok(r, 400))

# ---- idempotency ------------------------------------------------------------------------

ob = {"customer_id": cust, "lines": [{"product_id": product, "quantity": 2}], "reference": "idem-a"}
r = api("POST", "/orders", token=tok, body=ob)
check("POST /orders without Idempotency-Key: 400", problem_ok(r, 400, "idempotency-key-missing"))
r1 = api("POST", "/orders", token=tok, body=ob, headers={"Idempotency-Key": "idem-a"})
r2 = api("POST", "/orders", token=tok, body=ob, headers={"Idempotency-Key": "idem-a"})
check("same key, same body: the first answer again",
      r1.status == 201 and r2.status == 201 and r1.json["id"] == r2.json["id"] and r2.headers.get("idempotent-replayed") == "true",
      (r1.status, r2.status))
check("... and one order", one("SELECT COUNT(*) FROM orders WHERE customer_reference = 'idem-a'") == "1")
r3 = api("POST", "/orders", token=tok, body=dict(ob, reference="idem-b"), headers={"Idempotency-Key": "idem-a"})
check("same key, another body: 422", problem_ok(r3, 422, "idempotency-key-reused"))
sql("INSERT INTO api_idempotency (reseller_id, idem_key, request_hash) VALUES (1, 'idem-flying', SHA2('%s', 256))"
    % json.dumps(ob).replace("'", "''"))
r4 = api("POST", "/orders", token=tok, body=ob, headers={"Idempotency-Key": "idem-flying"})
check("a key whose first request is in flight: 409", problem_ok(r4, 409, "idempotency-in-flight"))
appr = int(one("SELECT MIN(id) FROM customers WHERE reseller_id = 1 AND approval_required = 1 AND active = 1"))
r5 = api("POST", "/orders", token=tok, body={"customer_id": appr, "lines": [{"product_id": product, "quantity": 1}]},
         headers={"Idempotency-Key": "idem-approval"})
check("an order for a customer whose orders need approval waits: pending_approval",
      r5.status == 201 and r5.json["status"] == "pending_approval", r5.raw[:200])

before = int(one("SELECT COUNT(*) FROM orders WHERE reseller_id = 1"))


def conc(i):
    k = i % 20
    body = {"customer_id": cust, "lines": [{"product_id": product, "quantity": 1}], "reference": "conc-%d" % k}
    return k, api("POST", "/orders", token=tok, body=body, headers={"Idempotency-Key": "conc-key-%d" % k})


with concurrent.futures.ThreadPoolExecutor(max_workers=50) as ex:
    res = list(ex.map(conc, range(200)))
after = int(one("SELECT COUNT(*) FROM orders WHERE reseller_id = 1"))
statuses = sorted({r.status for _, r in res})
check("200 concurrent POST /orders with 20 keys make exactly 20 orders", after - before == 20, (after - before, statuses))
check("... answering 201 or 409 only", set(statuses) <= {201, 409}, statuses)
byk = {}
for k, r in res:
    if r.status == 201:
        byk.setdefault(k, set()).add(r.json["id"])
check("... every key's 201 answers name one order", all(len(v) == 1 for v in byk.values()), byk)
check("... one order per reference", one("SELECT COUNT(DISTINCT customer_reference) FROM orders WHERE customer_reference LIKE 'conc-%'") == "20"
      and one("SELECT COUNT(*) FROM orders WHERE customer_reference LIKE 'conc-%'") == "20")

# ---- revocation and suspension: refused on the next request ------------------------------

rv = make_client(1, "Revoke walker", "customers:read", "revoke-secret-1")
rvt = token_for(rv, "revoke-secret-1")
check("a fresh credential's token works", api("GET", "/customers?limit=1", token=rvt).status == 200)
sql("UPDATE api_clients SET revoked_at = NOW() WHERE client_id = '%s'" % rv)	# what apiclient_revoke writes
r = api("GET", "/customers?limit=1", token=rvt)
check("revoked: its token is refused on the next request (401)", problem_ok(r, 401, "invalid-token"))
check("revoked: no new token", token_for(rv, "revoke-secret-1") is None)

sql("UPDATE resellers SET status = 'suspended' WHERE id = 1")
r = api("GET", "/customers?limit=1", token=tok)
check("suspended reseller: its token is refused (401)", problem_ok(r, 401))
check("suspended reseller: no new token", token_for(*DEMO) is None)
sql("UPDATE resellers SET status = 'active' WHERE id = 1")
check("active again: the token works again", api("GET", "/customers?limit=1", token=tok).status == 200)
sql("UPDATE resellers SET edition = 'basic' WHERE id = 1")
check("a Basic reseller: refused", problem_ok(api("GET", "/customers?limit=1", token=tok), 401))
sql("UPDATE resellers SET edition = 'standard' WHERE id = 1")

# ---- never cached ---------------------------------------------------------------------
r = api("GET", "/customers?limit=1", token=tok)
cc = r.headers.get("cache-control") or ""
check("API answers are never public", "public" not in cc and ("no-store" in cc or "private" in cc), cc)
r = api("GET", "/customers/%d" % cust, token=tok)
check("a single resource is private", "private" in (r.headers.get("cache-control") or ""))

# ---- customer PATCH: all or nothing, If-Match ---------------------------------------------

pc = int(one("SELECT MIN(id) FROM customers WHERE reseller_id = 1 AND active = 1 AND approval_required = 0"))
ROW = ("SELECT CONCAT_WS('|', name, email, COALESCE(phone, ''), COALESCE(country, ''), approval_required, active)"
       " FROM customers WHERE id = %d" % pc)
AUD = "SELECT COUNT(*) FROM audit_log WHERE entity = 'customer' AND entity_id = %d" % pc
row0, aud0 = one(ROW), one(AUD)
r = api("PATCH", "/customers/%d" % pc, token=tok, body={"phone": "+31 20 555 0001", "email": "not-an-address"})
check("PATCH with one valid and one invalid member: 422 naming the bad one",
      problem_ok(r, 422) and [e.get("field") for e in (r.json or {}).get("errors", [])] == ["email"], r.raw[:300])
check("... and the customer is unchanged, nothing audited", one(ROW) == row0 and one(AUD) == aud0, (one(ROW), row0))
r = api("PATCH", "/customers/%d" % pc, token=tok, body={"name": " Leading space", "approval_required": True, "active": False})
check("PATCH whose merged whole is refused by core (a name with a leading space): 422",
      problem_ok(r, 422) and "name" in (r.json or {}).get("detail", "").lower(), r.raw[:300])
check("... and neither approval nor active changed", one(ROW) == row0 and one(AUD) == aud0, (one(ROW), row0))
r = api("GET", "/customers/%d" % pc, token=tok)
et = r.headers.get("etag")
r = api("PATCH", "/customers/%d" % pc, token=tok, body={"phone": "+31 20 555 0002"}, headers={"If-Match": '"0000000000000000"'})
check("PATCH with an If-Match of another version: 412, unchanged",
      problem_ok(r, 412, "precondition-failed") and one(ROW) == row0, r.raw[:200])
r = api("PATCH", "/customers/%d" % pc, token=tok, body={"phone": "+31 20 555 0002"}, headers={"If-Match": "W/" + (et or "")})
check("PATCH with a weak If-Match: 412 (strong comparison)", problem_ok(r, 412) and one(ROW) == row0, r.raw[:200])
r = api("PATCH", "/customers/%d" % pc, token=tok, body={"phone": "+31 20 555 0002", "approval_required": True, "active": False},
        headers={"If-Match": et or ""})
check("PATCH with the current ETag: 200, every member changed at once",
      r.status == 200 and (r.json or {}).get("phone") == "+31 20 555 0002" and (r.json or {}).get("approval_required") is True
      and (r.json or {}).get("active") is False and r.headers.get("etag") not in (None, et), r.raw[:300])
check("... audited once per kind of change (details, approval, active)",
      int(one(AUD)) - int(aud0) == 3 and one("SELECT COUNT(DISTINCT action) FROM audit_log WHERE entity = 'customer'"
                                             " AND entity_id = %d AND action IN ('customer.update', 'customer.approval',"
                                             " 'customer.active')" % pc) == "3", (one(AUD), aud0))
r = api("PATCH", "/customers/%d" % pc, token=tok, body={"phone": "+31 20 555 0003"}, headers={"If-Match": et or ""})
check("PATCH with the ETag it had before that change: 412", problem_ok(r, 412) and "555 0002" in one(ROW), r.raw[:200])
api("PATCH", "/customers/%d" % pc, token=tok, body={"approval_required": False, "active": True})

# ---- lists answered from the poll round's memo stay current ------------------------------
with concurrent.futures.ThreadPoolExecutor(max_workers=16) as ex:
    pages = list(ex.map(lambda _: api("GET", "/customers?limit=200", token=tok), range(64)))
check("64 concurrent equal list requests: all 200 with the same page",
      all(p.status == 200 for p in pages) and len({p.raw for p in pages}) == 1, sorted({p.status for p in pages}))
api("PATCH", "/customers/%d" % pc, token=tok, body={"phone": "+31 20 555 0004"})
r = api("GET", "/customers?limit=200", token=tok)
check("a list after a change shows it", r.status == 200 and any(c["id"] == pc and c["phone"] == "+31 20 555 0004"
                                                                for c in r.json["data"]), r.raw[:200])
rv2 = make_client(1, "Revoke walker 2", "customers:read", "revoke-secret-2")
rvt2 = token_for(rv2, "revoke-secret-2")
with concurrent.futures.ThreadPoolExecutor(max_workers=16) as ex:
    ok_pages = list(ex.map(lambda _: api("GET", "/customers?limit=5", token=rvt2), range(32)))
sql("UPDATE api_clients SET revoked_at = NOW() WHERE client_id = '%s'" % rv2)
with concurrent.futures.ThreadPoolExecutor(max_workers=16) as ex:
    after_pages = list(ex.map(lambda _: api("GET", "/customers?limit=5", token=rvt2), range(32)))
check("a credential revoked between two bursts of the same list: the second burst is refused whole",
      all(p.status == 200 for p in ok_pages) and all(p.status == 401 for p in after_pages),
      (sorted({p.status for p in ok_pages}), sorted({p.status for p in after_pages})))

# ---- customers/{id}/contacts: invite, list, disable, errors -------------------------------

cc = int(one("SELECT MIN(id) FROM customers WHERE reseller_id = 1 AND id <> %d" % cust))
OUT = "SELECT COUNT(*) FROM outbox WHERE kind = 'email' AND JSON_VALUE(payload, '$.template') = 'customer_contact_invite' AND JSON_VALUE(payload, '$.to') = '%s'"
r = api("POST", "/customers/%d/contacts" % cc, token=tok, body={"name": "Bea Billing", "email": "bea@contact.example", "phone": "+31 20 555 7000", "role": "billing"})
bea = (r.json or {}).get("id")
check("invite a contact: 201 with Location, active, billing",
      r.status == 201 and (r.json or {}).get("status") == "active" and (r.json or {}).get("role") == "billing"
      and (r.headers.get("location") or "").endswith("/customers/%d/contacts/%s" % (cc, bea)), r.raw[:300])
check("... its invitation is queued in the outbox (pending, not claimed as sent)",
      one(OUT % "bea@contact.example") == "1" and one(OUT.replace("COUNT(*)", "MIN(status)") % "bea@contact.example") in ("pending", "sent"))
check("... audited", one("SELECT COUNT(*) FROM audit_log WHERE action = 'contact.invite' AND entity_id = %s" % bea) == "1")
r = api("POST", "/customers/%d/contacts" % cc, token=tok, body={"name": "Bea Again", "email": "BEA@contact.example", "role": "primary"})
check("the same address again (any case): 409, nothing queued", problem_ok(r, 409) and one(OUT % "bea@contact.example") == "1", r.raw[:200])
r = api("POST", "/customers/%d/contacts" % cc, token=tok, body={"name": "", "email": "nope", "role": "boss", "extra": 1})
flds = sorted(e.get("field") for e in (r.json or {}).get("errors", []))
check("a bad invitation: 422 naming each bad field", problem_ok(r, 422) and flds == ["email", "extra", "name"], flds)
r = api("POST", "/customers/%d/contacts" % cc, token=tok, body={"name": "Ted", "email": "ted@contact.example", "role": "boss"})
check("an unknown role: 422 naming role", problem_ok(r, 422) and [e.get("field") for e in r.json.get("errors", [])] == ["role"], r.raw[:200])
r = api("POST", "/customers/%d/contacts" % cc, token=tok, body={"name": " Ted", "email": "ted@contact.example", "role": "technical"})
check("a name with a leading space: 422 naming name, nothing made",
      problem_ok(r, 422) and [e.get("field") for e in r.json.get("errors", [])] == ["name"]
      and one("SELECT COUNT(*) FROM customer_contacts WHERE email = 'ted@contact.example'") == "0", r.raw[:200])
r = api("GET", "/customers/%d/contacts?status=active" % cc, token=tok)
check("the list shows the contact", r.status == 200 and [c["id"] for c in r.json["data"]] == [bea], r.raw[:200])
r = api("POST", "/customers/%d/contacts/%s/disable" % (cc, bea), token=tok)
check("disable: 200, disabled with a date", r.status == 200 and (r.json or {}).get("status") == "disabled"
      and (r.json or {}).get("disabled_at"), r.raw[:200])
r = api("GET", "/customers/%d/contacts?status=active" % cc, token=tok)
check("... no longer among the active ones", r.status == 200 and r.json["data"] == [])
r = api("POST", "/customers/%d/contacts/%s/disable" % (cc, bea), token=tok)
check("disabling again: 200, unchanged, audited once",
      r.status == 200 and one("SELECT COUNT(*) FROM audit_log WHERE action = 'contact.disable' AND entity_id = %s" % bea) == "1")
r = api("POST", "/customers/%d/contacts" % cc, token=tok, body={"name": "Bea Tech", "email": "bea@contact.example", "role": "technical"})
check("inviting a disabled contact's address: 201, the same contact active again with the new role",
      r.status == 201 and (r.json or {}).get("id") == bea and r.json.get("status") == "active" and r.json.get("role") == "technical"
      and r.json.get("disabled_at") is None and one(OUT % "bea@contact.example") == "2", r.raw[:200])
r = api("GET", "/customers/%d/contacts/%s" % (cust, bea), token=tok)
check("a contact under another customer's path: 404", problem_ok(r, 404))
ocon_c = int(one("SELECT MIN(id) FROM customers WHERE reseller_id <> 1"))
ocr = one("SELECT reseller_id FROM customers WHERE id = %d" % ocon_c)
sql("INSERT INTO customer_contacts (reseller_id, customer_id, name, email, role) VALUES (%s, %d, 'Other', 'other@other.example', 'primary')" % (ocr, ocon_c))
ocon = int(one("SELECT id FROM customer_contacts WHERE email = 'other@other.example'"))
for m, pth, b in [("GET", "/customers/%d/contacts" % ocon_c, None), ("GET", "/customers/%d/contacts/%d" % (ocon_c, ocon), None),
                  ("POST", "/customers/%d/contacts" % ocon_c, {"name": "X", "email": "x@x.example", "role": "primary"}),
                  ("POST", "/customers/%d/contacts/%d/disable" % (ocon_c, ocon), None),
                  ("GET", "/customers/%d/contacts/%d" % (cc, ocon), None), ("POST", "/customers/%d/contacts/%d/disable" % (cc, ocon), None)]:
    r = api(m, pth, token=tok, body=b)
    check("another reseller's contact: %s %s is 404" % (m, pth), problem_ok(r, 404), (r.status, r.raw[:120]))
check("... and it is unchanged", one("SELECT CONCAT(status, COUNT(*)) FROM customer_contacts WHERE customer_id = %d GROUP BY status" % ocon_c) == "active1")
ro = make_client(1, "Read only contacts", "customers:read", "ro-secret-1")
rot = token_for(ro, "ro-secret-1")
r = api("POST", "/customers/%d/contacts" % cc, token=rot, body={"name": "Y", "email": "y@contact.example", "role": "primary"})
check("inviting without customers:write: 403", problem_ok(r, 403, "insufficient-scope"))

# ---- the same contacts from the command line: shelf contact ------------------------------
import getpass  # noqa: E402
cenv = dict(os.environ, SHELF_GATEWAYS=getpass.getuser(), LC_ALL="C.UTF-8")


def shelf(*args):
    return subprocess.run([os.path.join(ROOT, "bin", "shelf")] + list(args), capture_output=True, text=True, env=cenv)


p = shelf("contact", "invite", str(cc), "--name", "Cli Contact", "--email", "cli@contact.example", "--role", "primary",
          "--operator", "demo-admin")
check("shelf contact invite: exit 0, says the e-mail is queued", p.returncode == 0 and "queued" in p.stdout
      and "sent" not in p.stdout and one(OUT % "cli@contact.example") == "1", p.stdout + p.stderr)
cli_id_ = one("SELECT id FROM customer_contacts WHERE email = 'cli@contact.example'")
r = api("GET", "/customers/%d/contacts/%s" % (cc, cli_id_), token=tok)
check("... the API shows it", r.status == 200 and r.json.get("role") == "primary", r.raw[:200])
p = shelf("contact", "invite", str(cc), "--name", "Cli", "--email", "cli@contact.example", "--role", "primary", "--operator", "demo-admin")
check("shelf contact invite of an active address: exit 1, the reason on stderr", p.returncode == 1 and "already" in p.stderr, p.stderr)
p = shelf("contact", "invite", str(cc), "--name", "Cli", "--email", "x@contact.example", "--role", "boss", "--operator", "demo-admin")
check("shelf contact invite with an unknown role: exit 2", p.returncode == 2, p.stderr)
p = shelf("contact", "disable", str(cc), cli_id_, "--operator", "brightpath-admin")
check("shelf contact disable by another reseller's admin: exit 1, unchanged",
      p.returncode == 1 and one("SELECT status FROM customer_contacts WHERE id = %s" % cli_id_) == "active", p.stderr)
p = shelf("contact", "list", str(cc), "--status", "active", "--operator", "demo-admin")
check("shelf contact list --status active: the active contacts, one line each",
      p.returncode == 0 and len(p.stdout.splitlines()) == int(one("SELECT COUNT(*) FROM customer_contacts WHERE customer_id = %d AND status = 'active'" % cc))
      and "cli@contact.example" in p.stdout, p.stdout + p.stderr)
p = shelf("contact", "disable", str(cc), cli_id_, "--operator", "demo-admin")
check("shelf contact disable: exit 0, disabled", p.returncode == 0 and one("SELECT status FROM customer_contacts WHERE id = %s" % cli_id_) == "disabled", p.stderr)

# ---- the rate limit holds for the host, not per worker (two shelf-fcgi workers here) -------
import time  # noqa: E402
rl_id = make_client(1, "Rate walker, host", "customers:read", "rate-secret-2")
sql("UPDATE api_clients SET rate_burst = 9, rate_per_sec = 1 WHERE client_id = '%s'" % rl_id)
rlt = token_for(rl_id, "rate-secret-2")	# takes one of the 9
t_start = time.monotonic()
with concurrent.futures.ThreadPoolExecutor(max_workers=16) as ex:
    burst = list(ex.map(lambda i: api("GET", "/customers/%d" % cust, token=rlt), range(48)))
elapsed = time.monotonic() - t_start
ok_n = sum(1 for r in burst if r.status == 200)
check("48 concurrent requests over both workers with a bucket of 9 (1/s, the token took one): 8 pass, plus what refilled meanwhile",
      8 <= ok_n <= 8 + int(elapsed) + 1 and all(r.status in (200, 429) for r in burst), (ok_n, round(elapsed, 2)))
check("... the others are 429 with Retry-After", all(problem_ok(r, 429, "rate-limited") and r.headers.get("retry-after")
                                                     for r in burst if r.status != 200))

# ---- list rows (made into JSON by shelf-fcgi) are the single reads' objects (made by MariaDB) ----
sql("UPDATE customers SET contact_name = CONCAT('Q', CHAR(34), 'uote ', CHAR(92), ' back', CHAR(9), 'tab', CHAR(1), ' \u00e9\u2028') WHERE id = %d" % cc)
for res in ("customers", "orders"):
    lst = api("GET", "/%s?limit=200" % res, token=tok).json["data"]
    diff = []
    for o in lst:
        one_ = api("GET", "/%s/%d" % (res, o["id"]), token=tok).json
        one_.pop("lines", None)
        if one_ != o:
            diff.append(o["id"])
    check("every row of the %s list is its single read's object" % res, lst and not diff, diff[:5])
got_name = [c for c in api("GET", "/customers?limit=200", token=tok).json["data"] if c["id"] == cc][0]["contact_name"]
check("... quotes, backslashes and control characters escaped", got_name == 'Q"uote \\ back\ttab\x01 \u00e9\u2028', repr(got_name))

finish("api")
