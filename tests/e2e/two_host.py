"""two_host.py - two storefront hosts on one database (tests/two_host.sh).

Host A is the stack's own (STACK_URL), host B another nginx + shelf-fcgi
on the same MariaDB (HOST_B_URL), as two machines behind a load balancer.
Every check makes a change through one host, or through bin/shelf, and
reads it at the very next request on the other -- on pages each host has
just cached too, so no worker keeps anything that outlives a change.
"""
import base64
import json
import os
import subprocess
import time
import urllib.parse

import harness
from harness import Client, check, finish, login, one, place_order, sql, token

A = harness.URL
B = os.environ["HOST_B_URL"]
SHELF = os.path.join(harness.ROOT, "bin", "shelf")
PRODUCT = "microsoft-365-business-standard"


def on(url, fn, *a, **kw):
    """fn(*a, **kw) against the host at url (harness.Client talks to harness.HOST)."""
    saved = harness.HOST
    harness.HOST = urllib.parse.urlsplit(url).netloc
    try:
        return fn(*a, **kw)
    finally:
        harness.HOST = saved


def get(url, path, c=None):
    return on(url, (c or Client()).get, path)


def shelf(*args):
    """bin/shelf as the distributor admin: its exit status."""
    return subprocess.run([SHELF, *args, "--operator", "admin"], capture_output=True, text=True).returncode


def warm(path):
    """path answered twice by each host: cached by every worker that took it."""
    for url in (A, B, A, B, A, B):
        get(url, path)


def api(url, method, path, tok=None, body=None, basic=None):
    """One Marketplace API call on host url: (status, JSON or None)."""
    import http.client
    u = urllib.parse.urlsplit(url)
    h = {}
    if tok:
        h["Authorization"] = "Bearer " + tok
    if basic:
        h["Authorization"] = "Basic " + base64.b64encode(("%s:%s" % basic).encode()).decode()
    data = None
    if isinstance(body, dict):
        data = json.dumps(body).encode()
        h["Content-Type"] = "application/json"
    elif body is not None:
        data = body.encode()
        h["Content-Type"] = "application/x-www-form-urlencoded"
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    c.request(method, "/api/v1" + path, body=data, headers=h)
    r = c.getresponse()
    raw = r.read()
    c.close()
    try:
        return r.status, json.loads(raw)
    except ValueError:
        return r.status, None


# ---- both hosts serve the same storefronts ---------------------------------------
ha, hb = get(A, "/s/demo/"), get(B, "/s/demo/")
check("home: 200 on both hosts", ha.status == 200 and hb.status == 200, (ha.status, hb.status))
name = one("SELECT company_name FROM storefronts WHERE slug = 'demo'")
check("  both show the storefront's name", name in ha.body and name in hb.body, name)

# ---- a change through the TUI's CLI shows on both, cached pages included --------
rid = one("SELECT reseller_id FROM storefronts WHERE slug = 'demo'")
warm("/s/demo/")
check("bin/shelf reseller suspend: exit 0", shelf("reseller", "suspend", rid) == 0)
check("  host A answers 503 at the next request", get(A, "/s/demo/").status == 503)
check("  host B answers 503 at the next request", get(B, "/s/demo/").status == 503)
check("bin/shelf reseller resume: exit 0", shelf("reseller", "resume", rid) == 0)
check("  host B answers 200 at the next request", get(B, "/s/demo/").status == 200)
check("  host A answers 200 at the next request", get(A, "/s/demo/").status == 200)

sku = one("SELECT sku FROM products WHERE slug = '%s'" % PRODUCT)
warm("/s/demo/products/" + PRODUCT)
short = "Two hosts, one truth %s" % os.getpid()
check("bin/shelf product edit --short: exit 0", shelf("product", "edit", sku, "--short", short) == 0)
# A product's text is a distributor-wide change (every shop listing it
# gets a new version): a public page may be served in its old version
# while the worker renders it again, for at most stale_max_ms (2 s, the
# default; README, Performance) from its first stale request.  So each
# host must show it within that bound, and from then on always.
BOUND = 2.0


def shows_within(url):
    t0 = time.monotonic()
    while True:
        r = get(url, "/s/demo/products/" + PRODUCT)
        if r.status == 200 and short in r.body:
            return time.monotonic() - t0
        if time.monotonic() - t0 > BOUND + 1.0:
            return None
        time.sleep(0.05)


for label, url in (("host A", A), ("host B", B)):
    took = shows_within(url)
    check("  the cached product page shows it on %s within the stale bound (%.0f s)" % (label, BOUND),
          took is not None, took)
    r = get(url, "/s/demo/products/" + PRODUCT)
    check("  ... and keeps showing it on %s" % label, r.status == 200 and short in r.body, r.status)

# ---- a storefront action through one host shows on the other ----------------------
c = Client()
r = on(A, login, c, "buyer@demo.example")
check("signed in on host A", r.status == 303 and "shelf" in c.jar, r.status)
prof = get(B, "/s/demo/account/profile", c)
check("  the session holds on host B", prof.status == 200, prof.status)
new = "Dana Two-Host %s" % os.getpid()
r = on(B, c.post, "/s/demo/account/profile", {"csrf_token": token(prof.body), "name": new,
                                                "email": "buyer@demo.example"})
check("profile renamed through host B", r.status == 303, r.status)
pa = get(A, "/s/demo/account/profile", c)
check("  host A shows the new name at the next request", pa.status == 200 and new in pa.body, pa.status)

orders_a = get(A, "/s/demo/account/orders", c)
r, oid = on(B, place_order, c, PRODUCT, 1)
check("an order placed through host B", oid != "0", r.status)
oa = get(A, "/s/demo/account/orders", c)
check("  host A lists it at the next request", oa.status == 200 and ("/orders/%s" % oid) in oa.body
      and ("/orders/%s" % oid) not in orders_a.body, oa.status)

r = on(A, c.post, "/s/demo/logout", {"csrf_token": token(pa.body)})
check("signed out through host A", r.status in (302, 303), r.status)
pb = get(B, "/s/demo/account/profile", c)
check("  host B no longer knows the session", pb.status in (302, 303), pb.status)

# ---- the API: a change through one host, read on the other ----------------------
st, j = api(A, "POST", "/oauth/token", body="grant_type=client_credentials",
            basic=("demo-backoffice", "demo-api-secret-1"))
tok = (j or {}).get("access_token")
check("an API token from host A", st == 200 and tok, st)
cust = one("SELECT id FROM customers WHERE reseller_id = 1 ORDER BY id LIMIT 1")
st, j = api(B, "GET", "/customers/%s" % cust, tok)
check("  good on host B", st == 200, st)
cname = "Two-Host Customer %s" % os.getpid()
st, j = api(A, "PATCH", "/customers/%s" % cust, tok, {"name": cname})
check("PATCH /customers/{id} through host A: 200", st == 200, st)
st, j = api(B, "GET", "/customers/%s" % cust, tok)
check("  host B answers the new name at the next request", st == 200 and (j or {}).get("name") == cname, (st, j))

# each worker remembers tokens it checked (fcgi/api.c): the list routes use that, twice on each host
for url in (A, B, A, B):
    st, _ = api(url, "GET", "/customers", tok)
check("GET /customers on both hosts: 200", st == 200, st)

# the credential narrowed, then revoked (the way the TUI's API clients screen does): on both at once
scopes = one("SELECT scopes FROM api_clients WHERE client_id = 'demo-backoffice'")
sql("UPDATE api_clients SET scopes = 'orders:read' WHERE client_id = 'demo-backoffice'")
sa, _ = api(A, "GET", "/customers", tok)
sb, _ = api(B, "GET", "/customers", tok)
check("a credential without customers:read: GET /customers 403 on both hosts at the next request",
      sa == 403 and sb == 403, (sa, sb))
sql("UPDATE api_clients SET scopes = '%s' WHERE client_id = 'demo-backoffice'" % scopes)
sql("UPDATE api_clients SET revoked_at = NOW() WHERE client_id = 'demo-backoffice'")
sa, _ = api(A, "GET", "/customers/%s" % cust, tok)
sb, _ = api(B, "GET", "/customers/%s" % cust, tok)
check("a revoked credential's token: 401 on both hosts at the next request", sa == 401 and sb == 401, (sa, sb))
sa, _ = api(A, "GET", "/customers", tok)
sb, _ = api(B, "GET", "/customers", tok)
check("  and on the list routes the workers remembered it for", sa == 401 and sb == 401, (sa, sb))
sql("UPDATE api_clients SET revoked_at = NULL WHERE client_id = 'demo-backoffice'")

finish("two_host")
