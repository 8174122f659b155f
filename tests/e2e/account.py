"""account.py - the storefront's customer area end to end over HTTP
(tests/e2e_account.sh starts the stack; what is covered is said there)."""
import re
import urllib.parse

from harness import (BASE, CUR, PREV, PREV_LABEL, TODAY, Client, add_to_cart, cells, cents, check, checkout, finish,
                     hidden, login, one, place_order, sql, token)


ACCOUNT_GETS = ["account", "account/orders", "account/orders/1", "account/subscriptions", "account/subscriptions/1",
                "account/subscriptions/2/usage", "account/subscriptions/2/usage.svg", "account/usage",
                "account/assets", "account/m365", "account/m365/users/1", "account/profile"]

# ---- signed out ------------------------------------------------------
anon = Client()
for p in ACCOUNT_GETS:
    r = anon.get(p)
    want = BASE + "/login?next=" + urllib.parse.quote(BASE + "/" + p, safe="")
    check("signed out: GET %s redirects to the login" % p, r.status == 302 and r.location == want,
          "%s %s" % (r.status, r.location))
r = anon.post("account/orders/1/cancel", {"confirm": "1"})
check("signed out: POST cancel redirects to the login", r.status == 303 and "/login?next=" in r.location, r.status)
r = anon.post("checkout", {"order_token": "x"})
check("signed out: checkout redirects to the login, back to the cart",
      r.status == 303 and r.location == BASE + "/login?next=" + urllib.parse.quote(BASE + "/cart", safe=""), r.location)

# ---- sign-in -----------------------------------------------------------
b = Client()
page = b.get("login")
check("login page is personal: private, no-store", page.header("cache-control") == "private, no-store",
      page.header("cache-control"))
r1 = b.post("login", {"csrf_token": token(page.body), "email": "buyer@demo.example", "password": "wrong-password-9"})
r2 = b.post("login", {"csrf_token": token(page.body), "email": "nobody@nowhere.example", "password": "wrong-password-9"})
check("wrong password: 401 and the common message", r1.status == 401 and "E-mail or password is incorrect." in r1.body,
      r1.status)
check("unknown e-mail: the same answer (no enumeration)",
      r2.status == r1.status and "E-mail or password is incorrect." in r2.body, r2.status)
r = b.post("login", {"email": "buyer@demo.example", "password": "demo-password-1"})
check("login without CSRF token: 403", r.status == 403, r.status)
r = login(b, "buyer@demo.example", nxt=BASE + "/account/orders")
sc = [c for c in r.cookies() if c.startswith("shelf=")]
check("login: 303 to the safe next path", r.status == 303 and r.location == BASE + "/account/orders", r.location)
check("session cookie: HttpOnly, SameSite=Lax, Path of the storefront",
      len(sc) == 1 and "HttpOnly" in sc[0] and "SameSite=Lax" in sc[0] and "Path=/s/demo/" in sc[0], sc)
first_session = b.jar.get("shelf")
for evil in ["https://evil.example/x", "//evil.example/x", "/s/other/account", "/\\evil.example", "javascript:alert(1)"]:
    bb = Client()
    r = login(bb, "it@acme-logistics.example", nxt=evil)
    check("login: unsafe next %r goes to the account page" % evil, r.status == 303 and r.location == BASE + "/account",
          r.location)
# an attacker guessing the buyer's password from 127.0.0.3 does not lock the buyer out (issue 17, finding 1)
att = Client(source="127.0.0.3")
page = att.get("login")
codes = [att.post("login", {"csrf_token": token(page.body), "email": "it@acme-logistics.example",
                            "password": "guess-%d" % i}).status for i in range(7)]
check("an attacker's guesses: 401 five times, then 429", codes == [401] * 5 + [429] * 2, codes)
r = login(att, "it@acme-logistics.example")
check("the attacker's address is refused even with the right password", r.status == 429, r.status)
owner = Client(source="127.0.0.4")
r = login(owner, "it@acme-logistics.example", nxt=BASE + "/account")
check("meanwhile the owner signs in from its own address", r.status == 303 and r.location == BASE + "/account",
      r.status)
a = b.get("account")
check("account page: 200 for the signed-in user", a.status == 200 and "Welcome, Dana Buyer" in a.body, a.status)
check("account page: Cache-Control private, no-store", a.header("cache-control") == "private, no-store",
      a.header("cache-control"))
check("account page: noindex", 'content="noindex"' in a.body)
def open_orders_match(page):
    shown = re.search(r'<span class="stat-value">([^<]*)</span> <span class="stat-label">open orders', page.body)
    want = one("SELECT COUNT(*) FROM orders WHERE customer_id = (SELECT customer_id FROM storefront_users"
               " WHERE email = 'buyer@demo.example' AND reseller_id = 1)"
               " AND status IN ('pending_approval', 'approved', 'provisioning')")
    return shown is not None and shown.group(1) == want, "%s shown, %s in SQL" % (shown and shown.group(1), want)
ok_, why_ = open_orders_match(a)
check("account page: open orders equal the customer's orders not yet done", ok_, why_)
csrf = token(a.body)
check("account page forms carry the session's CSRF token",
      csrf != "" and one("SELECT COUNT(*) FROM sessions WHERE csrf_token = '%s'" % csrf) == "1", csrf)
prod = b.get("products/microsoft-365-business-standard")
check("a product page for a signed-in user is personal (not public-cached)",
      prod.status == 200 and "public" not in (prod.header("cache-control") or "") and "buyer@demo.example" in prod.body,
      prod.header("cache-control"))
for p in ACCOUNT_GETS:
    r = b.get(p)
    check("GET %s: 200, private, no-store" % p, r.status in (200, 303) and
          r.header("cache-control") in ("private, no-store", "no-store"), "%s %s" % (r.status, r.header("cache-control")))

# ---- cart and checkout ---------------------------------------------------
prod = b.get("products/microsoft-365-business-standard")
pid = hidden(prod.body, "product_id")
r = b.post("cart/add", {"csrf_token": token(prod.body), "product_id": pid, "quantity": "3"})
check("cart/add: 303 to the cart", r.status == 303 and r.location.startswith(BASE + "/cart"), r.status)
prod2 = b.get("products/power-bi-pro")
r = b.post("cart/add", {"csrf_token": token(prod2.body), "product_id": hidden(prod2.body, "product_id"), "quantity": "2"})
r = b.post("cart/add", {"csrf_token": token(prod2.body), "product_id": "999999", "quantity": "2"})
check("cart/add of an unknown product: 404", r.status == 404, r.status)
r = b.post("cart/add", {"csrf_token": token(prod2.body), "product_id": pid, "quantity": "20000"})
check("cart/add of 20000: refused (422)", r.status == 422, r.status)
cart = b.get("cart")
check("cart: 200, private, no-store", cart.status == 200 and cart.header("cache-control") == "private, no-store",
      cart.header("cache-control"))
lines = cells(cart.body, "cart-table", "num")
line_totals = [cents(x) for x in lines if x]
m_sub = re.search(r"<dt>Subtotal</dt><dd>([^<]*)</dd>", cart.body)
m_tot = re.search(r'<dd class="grand">([^<]*)</dd>', cart.body)
check("cart: two lines", len(line_totals) == 2, lines)
check("cart: subtotal and total equal the sum of the lines",
      m_sub and m_tot and cents(m_sub.group(1)) == sum(line_totals) == cents(m_tot.group(1)), (lines, m_sub and m_sub.group(1)))
r = b.post("cart/update", {"csrf_token": token(cart.body), "line_id": hidden(prod2.body, "product_id"), "quantity": "4"})
cart = b.get("cart")
check("cart/update: quantity 4", r.status == 303 and 'value="4"' in cart.body, r.status)
r = b.post("cart/remove", {"csrf_token": token(cart.body), "line_id": hidden(prod2.body, "product_id")})
cart = b.get("cart")
check("cart/remove: one line left", r.status == 303 and len([x for x in cells(cart.body, "cart-table", "num") if x]) == 1)
check("the cart cookie holds product ids and quantities", b.jar.get("shelf_cart") == "%s:3" % pid, b.jar.get("shelf_cart"))
order_token = hidden(cart.body, "order_token")
check("the cart has a one-time order token", order_token and re.fullmatch(r"[0-9a-f]{64}", order_token), order_token)
again = b.get("cart")
check("each cart rendering has a fresh order token", hidden(again.body, "order_token") != order_token)
r = b.post("checkout", {"csrf_token": token(cart.body), "order_token": order_token})
check("checkout without accepting the terms: 422, no order", r.status == 422 and
      one("SELECT COUNT(*) FROM orders WHERE order_token = '%s'" % order_token) == "0", r.status)
fields = {"csrf_token": token(cart.body), "order_token": order_token, "accept_terms": "1"}
saved = dict(b.jar)
r1 = b.post("checkout", fields)
r2 = b.post("checkout", fields, cookies=saved)
check("checkout: 303 to the new order", r1.status == 303 and re.fullmatch(BASE + r"/account/orders/\d+\?flash=placed", r1.location),
      "%s %s" % (r1.status, r1.location))
check("double submit: the same order again", r2.status == 303 and r2.location == r1.location, "%s %s" % (r2.location, r1.location))
check("double submit: exactly one order placed",
      one("SELECT COUNT(*) FROM orders WHERE order_token = '%s'" % order_token) == "1")
# the finding of issue 17: one cart cookie replayed with tokens the client made up placed 50 orders
n_orders = one("SELECT COUNT(*) FROM orders")
codes = set(b.post("checkout", dict(fields, order_token="%064x" % (0xabc0 + i)), cookies=saved).status
            for i in range(50))
check("50 checkouts with made-up tokens: each refused (409), no order", codes == {409} and
      one("SELECT COUNT(*) FROM orders") == n_orders, codes)
c3 = b.get("cart", cookies=saved)
t3 = hidden(c3.body, "order_token")
other_cart = dict(saved, shelf_cart="%s:7" % pid)
r = b.post("checkout", dict(fields, csrf_token=token(c3.body), order_token=t3), cookies=other_cart)
check("a token issued for other cart contents places nothing (409)",
      r.status == 409 and one("SELECT COUNT(*) FROM orders") == n_orders, r.status)
stranger = Client()
login(stranger, "it@acme-logistics.example")
sc = stranger.get("cart")
stranger.jar["shelf_cart"] = saved["shelf_cart"]
r = stranger.post("checkout", {"csrf_token": token(sc.body), "order_token": t3, "accept_terms": "1"})
check("a token issued to another session places nothing (409)",
      r.status == 409 and one("SELECT COUNT(*) FROM orders") == n_orders, r.status)
r = b.post("checkout", dict(fields, csrf_token=token(c3.body), order_token=t3), cookies=saved)
check("the token, for its own session and cart: one order", r.status == 303 and
      one("SELECT COUNT(*) FROM orders") == str(int(n_orders) + 1), r.status)
r = b.post("checkout", dict(fields, csrf_token=token(c3.body), order_token=t3), cookies=saved)
check("the same token again: the same order, none more", r.status == 303 and
      one("SELECT COUNT(*) FROM orders") == str(int(n_orders) + 1), r.status)
order_id = re.search(r"/orders/(\d+)", r1.location).group(1)
check("the customer without approval: the order is approved",
      one("SELECT status FROM orders WHERE id = %s" % order_id) == "approved")
check("checkout empties the cart", "shelf_cart" not in b.jar, b.jar)
op = b.get(r1.location)
check("the order page: thanks, status, lines", op.status == 200 and "your order has been placed" in op.body and
      "Microsoft 365 Business Standard" in op.body and "status-approved" in op.body, op.status)
hist = b.get("account/orders")
check("the order is in the history", ("/account/orders/%s\"" % order_id) in hist.body)
ok_, why_ = open_orders_match(b.get("account"))
check("after it, the account page's open orders count it (%s)" % why_,
      ok_ and one("SELECT COUNT(*) FROM orders WHERE id = %s AND status = 'approved'" % order_id) == "1", why_)

# ---- every order page: total = sum of lines -------------------------------
ids = [r[0] for r in sql("SELECT id FROM orders WHERE customer_id = 1")]
bad = []
for oid in ids:
    p = b.get("account/orders/%s" % oid)
    tot = re.search(r"<tfoot>.*?<strong>([^<]*)</strong>", p.body, re.S)
    lines = cells(p.body, 'id="order-lines"', "num", "<tfoot>")
    if p.status != 200 or not tot or sum(cents(x) for x in lines) != cents(tot.group(1)):
        bad.append((oid, lines, tot and tot.group(1)))
check("every order page: the total equals the sum of its lines (%d orders)" % len(ids), not bad, bad)

# ---- approval-required customer ----------------------------------------
g = Client()
r = login(g, "purchasing@globex.example")
check("approval customer's user signs in", r.status == 303, r.status)
gid = place_order(g, "microsoft-365-business-basic", 2)[1]
check("approval required: the order waits as pending_approval",
      one("SELECT status FROM orders WHERE id = %s" % gid) == "pending_approval")
op = g.get("account/orders/%s" % gid)
check("approval required: the page says it is waiting for approval",
      "waiting for approval" in op.body and "status-pending_approval" in op.body)
r = g.post("account/orders/%s/cancel" % gid, {"csrf_token": token(op.body)})
check("cancel without the confirmation box: 422, still pending", r.status == 422 and
      one("SELECT status FROM orders WHERE id = %s" % gid) == "pending_approval", r.status)
r = g.post("account/orders/%s/cancel" % gid, {"csrf_token": token(op.body), "confirm": "1"})
check("cancel while pending: cancelled", r.status == 303 and one("SELECT status FROM orders WHERE id = %s" % gid) == "cancelled")
r = g.post("account/orders/%s/cancel" % gid, {"csrf_token": token(op.body), "confirm": "1"})
check("cancel again: 409 with core's sentence", r.status == 409 and "flash-error" in r.body, r.status)
r = b.post("account/orders/%s/cancel" % order_id, {"csrf_token": csrf, "confirm": "1"})
check("cancel an approved order: 409, stays approved", r.status == 409 and
      one("SELECT status FROM orders WHERE id = %s" % order_id) == "approved", r.status)

# ---- another customer's ids: 404 everywhere ---------------------------------
o_other = one("SELECT id FROM orders WHERE customer_id = 3 AND reseller_id = 1 LIMIT 1")
o_pending = gid and one("SELECT id FROM orders WHERE customer_id = 2 AND status = 'pending_approval' LIMIT 1")
s_other = one("SELECT id FROM subscriptions WHERE customer_id = 3 AND status = 'active' LIMIT 1")
s_usage_other = one("SELECT s.id FROM subscriptions s JOIN products p ON p.id = s.product_id "
                    "WHERE p.type = 'usage' AND s.customer_id <> 1 LIMIT 1")
s_trial_other = one("SELECT id FROM subscriptions WHERE customer_id <> 1 AND status = 'trial' LIMIT 1") or s_other
m_other = one("SELECT id FROM m365_users WHERE customer_id = 3 LIMIT 1")
own_m365 = one("SELECT id FROM m365_users WHERE customer_id = 1 AND enabled = 1 ORDER BY id LIMIT 1")
before = sql("SELECT (SELECT COUNT(*) FROM m365_assignments), (SELECT GROUP_CONCAT(status ORDER BY id) FROM orders),"
             " (SELECT GROUP_CONCAT(quantity, pending_quantity, cancel_at_term_end, status ORDER BY id) FROM subscriptions),"
             " (SELECT GROUP_CONCAT(upn, display_name, enabled ORDER BY id) FROM m365_users)")
gets = ["account/orders/%s" % o_other, "account/orders/%s" % o_pending, "account/subscriptions/%s" % s_other,
        "account/subscriptions/%s/usage" % s_usage_other, "account/subscriptions/%s/usage.svg" % s_usage_other,
        "account/subscriptions/%s/usage?month=%s" % (s_usage_other, PREV), "account/m365/users/%s" % m_other,
        "account/orders/999999", "account/subscriptions/999999", "account/m365/users/999999"]
for p in gets:
    r = b.get(p)
    check("another customer's id: GET %s is 404" % p, r.status == 404, r.status)
posts = [("account/orders/%s/cancel" % o_pending, {"confirm": "1"}),
         ("account/subscriptions/%s/quantity" % s_other, {"quantity": "30"}),
         ("account/subscriptions/%s/cancel" % s_other, {"confirm": "1"}),
         ("account/subscriptions/%s/convert" % s_trial_other, {}),
         ("account/m365/users/%s" % m_other, {"display_name": "Hacked", "username": "hacked",
                                              "domain": "acme-logistics.example"}),
         ("account/m365/enable", {"user_id": m_other, "enabled": "0"}),
         ("account/m365/assign", {"user_id": m_other, "sku": "1"}),
         ("account/m365/assign", {"user_id": own_m365, "sku": one("SELECT id FROM subscriptions WHERE customer_id = 3 LIMIT 1")}),
         ("account/m365/unassign", {"user_id": m_other, "sku": one(
             "SELECT subscription_id FROM m365_assignments a JOIN m365_users u ON u.id = a.m365_user_id WHERE u.customer_id = 3 LIMIT 1")}),
         ("account/users/6/active", {"active": "0"})]
for p, f in posts:
    f = dict(f, csrf_token=csrf)
    r = b.post(p, f)
    check("another customer's id: POST %s is 404" % p, r.status == 404, r.status)
subs = b.get("account/subscriptions").body
shown = cells(subs, 'id="assets"', "num")
own_assets = sql("SELECT unit_price * quantity FROM assets WHERE customer_id = 1 ORDER BY id")
check("assets: exactly the customer's own one-time purchases", sorted(cents(x) for x in shown) ==
      sorted(int(r[0]) for r in own_assets), (shown, own_assets))
after = sql("SELECT (SELECT COUNT(*) FROM m365_assignments), (SELECT GROUP_CONCAT(status ORDER BY id) FROM orders),"
            " (SELECT GROUP_CONCAT(quantity, pending_quantity, cancel_at_term_end, status ORDER BY id) FROM subscriptions),"
            " (SELECT GROUP_CONCAT(upn, display_name, enabled ORDER BY id) FROM m365_users)")
check("another customer's ids: nothing changed", before == after)
check("storefront user 6 (other customer) still active", one("SELECT active FROM storefront_users WHERE id = 6") == "1")

# ---- CSRF --------------------------------------------------------------
sub_lic = "1"
cases = [("account/subscriptions/%s/quantity" % sub_lic, {"quantity": "11"}),
         ("account/subscriptions/%s/cancel" % sub_lic, {"confirm": "1"}),
         ("account/subscriptions/3/convert", {}),
         ("account/m365/assign", {"user_id": own_m365, "sku": "3"}),
         ("account/m365/enable", {"user_id": own_m365, "enabled": "0"}),
         ("account/profile", {"name": "CSRF victim", "email": "buyer@demo.example"}),
         ("account/password", {"current_password": "demo-password-1", "new_password": "csrf-password-22",
                               "confirm_password": "csrf-password-22"}),
         ("account/users", {"name": "Evil", "email": "evil@evil.example", "role": "owner"}),
         ("account/users/2/active", {"active": "0"}),
         ("trials", {"product_id": "22"}),
         ("checkout", {"order_token": "a" * 64, "accept_terms": "1"}),
         ("logout", {})]
state = lambda: sql("SELECT (SELECT COUNT(*) FROM m365_assignments), (SELECT COUNT(*) FROM orders),"
                    " (SELECT GROUP_CONCAT(quantity, pending_quantity, cancel_at_term_end, status ORDER BY id) FROM subscriptions),"
                    " (SELECT GROUP_CONCAT(name, password_hash, active ORDER BY id) FROM storefront_users),"
                    " (SELECT GROUP_CONCAT(enabled ORDER BY id) FROM m365_users), (SELECT COUNT(*) FROM sessions)")
before = state()
for p, f in cases:
    r = b.post(p, f)
    check("POST %s without a CSRF token: 403" % p, r.status == 403 and "Not allowed" in r.body, r.status)
    r = b.post(p, dict(f, csrf_token="0" * 64))
    check("POST %s with a wrong CSRF token: 403" % p, r.status == 403, r.status)
r = b.post("account/profile", {"name": "X", "csrf_token": b.jar.get("shelf_csrf", "f" * 64)})
check("an account POST with the public double-submit token instead of the session's: 403", r.status == 403, r.status)
check("CSRF refusals changed nothing", state() == before)

# ---- subscriptions -----------------------------------------------------------
sp = b.get("account/subscriptions/1")
q0 = int(one("SELECT quantity FROM subscriptions WHERE id = 1"))
r = b.post("account/subscriptions/1/quantity", {"csrf_token": csrf, "quantity": str(q0 + 2)})
check("quantity increase: applies now", r.status == 303 and one("SELECT quantity FROM subscriptions WHERE id = 1") == str(q0 + 2),
      r.status)
r = b.post("account/subscriptions/1/quantity", {"csrf_token": csrf, "quantity": str(q0 + 1)})
sp = b.get(r.location)
check("quantity decrease: scheduled, not applied", one("SELECT quantity, pending_quantity FROM subscriptions WHERE id = 1")
      == str(q0 + 2), one("SELECT CONCAT(quantity, '/', pending_quantity) FROM subscriptions WHERE id = 1"))
check("quantity decrease: the page says it is scheduled for the renewal date",
      "scheduled for the renewal date" in sp.body and ("A decrease to %d" % (q0 + 1)) in sp.body)
r = b.post("account/subscriptions/1/quantity", {"csrf_token": csrf, "quantity": "1"})
check("quantity below the licences assigned: refused with a reason", r.status in (409, 422) and "flash-error" in r.body, r.status)
r = b.post("account/subscriptions/1/quantity", {"csrf_token": csrf, "quantity": "abc"})
check("quantity not a number: 422", r.status == 422, r.status)
r = b.post("account/subscriptions/24/cancel", {"csrf_token": csrf, "confirm": "1"})
sp = b.get("account/subscriptions/24")
check("cancel at term end", r.status == 303 and one("SELECT cancel_at_term_end FROM subscriptions WHERE id = 24") == "1"
      and "at the end of its term" in sp.body, r.status)
r = b.post("account/subscriptions/3/convert", {"csrf_token": csrf})
check("trial upgrade: active", r.status == 303 and one("SELECT status FROM subscriptions WHERE id = 3") == "active", r.status)
r = b.post("account/subscriptions/3/convert", {"csrf_token": csrf})
check("trial upgrade again: 409", r.status == 409, r.status)
r = b.post("trials", {"csrf_token": csrf, "product_id": "22"})
check("trial request from a product page: an order with a trial line", r.status == 303 and "/account/orders/" in r.location and
      one("SELECT COUNT(*) FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.customer_id = 1 AND l.product_id = 22 AND l.is_trial = 1") == "1",
      r.status)
r = b.post("trials", {"csrf_token": csrf, "product_id": "22"})
check("a second trial of the same product: refused (409)", r.status == 409 and "trial" in r.body.lower(), r.status)
subs = b.get("account/subscriptions")
check("assets: the one-time purchases are listed", 'id="assets"' in subs.body and "Microsoft 365 tenant setup" in subs.body)
r = b.get("account/assets")
check("/account/assets goes to the assets", r.status == 303 and r.location.endswith("/account/subscriptions"), r.location)

# ---- Azure usage -------------------------------------------------------------
# The demo's usage runs from the first of the previous month to yesterday
# (sql/seed/demo.sql), whatever the date: on the 1st this month has none yet.
for month, label in (("", "so far this month"), ("?month=" + PREV, "in " + PREV_LABEL)):
    u = b.get("account/subscriptions/2/usage" + month)
    if not month and TODAY.day == 1:
        check("usage on the 1st: this month is empty and says so",
              u.status == 200 and "No usage has been recorded for this period yet." in u.body, u.status)
        continue
    svc = [cents(x) for x in cells(u.body, 'id="by-service"', "num")]
    det = [cents(x) for x in cells(u.body, 'id="by-meter"', "num")]
    # the detail rows have two num cells (quantity, cost): the cost is every second one
    costs = det[1::2]
    tot = re.search(r'<span class="stat-value">([^<]*)</span> <span class="stat-label">' + re.escape(label), u.body)
    check("usage%s: 200 with the chart" % month, u.status == 200 and "usage.svg" in u.body, u.status)
    check("usage%s: services and meters sum to the total" % month,
          tot is not None and svc and sum(svc) == cents(tot.group(1)) == sum(costs), (tot and tot.group(1), sum(svc), sum(costs)))
    want = one("SELECT COALESCE(SUM(price), 0) FROM usage_records WHERE subscription_id = 2 AND usage_date >= '%s-01' "
               "AND usage_date < '%s-01' + INTERVAL 1 MONTH" % ((month[7:] or CUR,) * 2))
    check("usage%s: the total is the month's charges in SQL" % month, tot is not None and cents(tot.group(1)) == int(want),
          (tot and tot.group(1), want))
u = b.get("account/subscriptions/2/usage")
check("usage: a month-end forecast this month", "forecast for the month" in u.body)
check("usage: earlier months to pick", 'value="%s"' % PREV in u.body)
svg = b.get("account/subscriptions/2/usage.svg?month=" + PREV)
check("usage chart: SVG, private", svg.status == 200 and svg.header("content-type").startswith("image/svg+xml") and
      "<svg" in svg.body and "<script" not in svg.body and svg.header("cache-control") == "private, no-store", svg.status)
check("usage of a licence subscription: 404", b.get("account/subscriptions/1/usage").status == 404)
check("usage of a bad month: 404", b.get("account/subscriptions/2/usage?month=2026-13").status == 404)

# ---- Microsoft 365 -------------------------------------------------------------
mp = b.get("account/m365")
check("m365 page: users and licences", mp.status == 200 and "dana.buyer@acme-logistics.example" in mp.body)
full = one("SELECT id FROM subscriptions WHERE id = 24")
assigned24 = one("SELECT COUNT(*) FROM m365_assignments WHERE subscription_id = 24")
quantity24 = one("SELECT quantity FROM subscriptions WHERE id = 24")
free_user = one("SELECT id FROM m365_users WHERE customer_id = 1 AND id NOT IN "
                "(SELECT m365_user_id FROM m365_assignments WHERE subscription_id = 24) ORDER BY id LIMIT 1")
check("fixture: subscription 24 has every licence assigned", assigned24 == quantity24, (assigned24, quantity24))
before = sql("SELECT m365_user_id, subscription_id FROM m365_assignments ORDER BY 1, 2")
r = b.post("account/m365/assign", {"csrf_token": csrf, "user_id": free_user, "sku": full})
check("licence over-assignment: refused (409) with core's clear message",
      r.status == 409 and re.search(r"All %s licences of [^<]* are assigned\." % quantity24, r.body), r.status)
check("licence over-assignment: nothing changed", sql("SELECT m365_user_id, subscription_id FROM m365_assignments ORDER BY 1, 2") == before)
r = b.post("account/m365", {"csrf_token": csrf, "first_name": "Eva", "last_name": "Jansen", "username": "eva.jansen",
                            "domain": "acme-logistics.example", "sku": ["1"]})
new_id = one("SELECT id FROM m365_users WHERE upn = 'eva.jansen@acme-logistics.example'")
check("m365: create a user with a licence", r.status == 303 and new_id is not None and
      one("SELECT COUNT(*) FROM m365_assignments WHERE m365_user_id = %s AND subscription_id = 1" % (new_id or 0)) == "1",
      r.status)
r = b.post("account/m365", {"csrf_token": csrf, "first_name": "Eva", "last_name": "Jansen", "username": "eva.jansen",
                            "domain": "acme-logistics.example"})
check("m365: the same user name again: 409", r.status == 409, r.status)
r = b.post("account/m365", {"csrf_token": csrf, "first_name": "X", "last_name": "Y", "username": "x",
                            "domain": "evil.example"})
check("m365: a domain not of the tenant: 422", r.status == 422, r.status)
e = b.get("account/m365/users/%s" % new_id)
check("m365: the edit form", e.status == 200 and 'value="eva.jansen"' in e.body, e.status)
r = b.post("account/m365/users/%s" % new_id, {"csrf_token": csrf, "display_name": "Eva de Jansen", "username": "eva.dejansen",
                                             "domain": "acme-logistics.example"})
check("m365: edit a user", r.status == 303 and one("SELECT CONCAT(upn, '|', display_name) FROM m365_users WHERE id = %s" % new_id)
      == "eva.dejansen@acme-logistics.example|Eva de Jansen", r.status)
r = b.post("account/m365/enable", {"csrf_token": csrf, "user_id": new_id, "enabled": "0"})
check("m365: disable a user", r.status == 303 and one("SELECT enabled FROM m365_users WHERE id = %s" % new_id) == "0", r.status)
r = b.post("account/m365/unassign", {"csrf_token": csrf, "user_id": new_id, "sku": "1"})
check("m365: unassign a licence", r.status == 303 and
      one("SELECT COUNT(*) FROM m365_assignments WHERE m365_user_id = %s" % new_id) == "0", r.status)

# ---- profile, colleagues ------------------------------------------------------
r = b.post("account/profile", {"csrf_token": csrf, "name": "Dana B. Buyer", "email": "buyer@demo.example"})
check("profile: rename", r.status == 303 and one("SELECT name FROM storefront_users WHERE id = 1") == "Dana B. Buyer", r.status)
r = b.post("account/profile", {"csrf_token": csrf, "name": "", "email": "buyer@demo.example"})
check("profile: an empty name is refused (422)", r.status == 422, r.status)
for bad, what in [("Dana\u202ereyuB", "a right-to-left override"), ("Da\u200bna", "a zero-width space"),
                  ("\u2067Dana", "a bidi isolate")]:
    r = b.post("account/profile", {"csrf_token": csrf, "name": bad, "email": "buyer@demo.example"})
    check("profile: a name with %s is refused (422), nothing changes" % what,
          r.status == 422 and one("SELECT name FROM storefront_users WHERE id = 1") == "Dana B. Buyer", r.status)
pp = b.get("account/profile")
check("profile: the owner sees the colleagues", "it@acme-logistics.example" in pp.body and "Invite a colleague" in pp.body)
r = b.post("account/users", {"csrf_token": csrf, "name": "Nora New", "email": "nora@acme-logistics.example", "role": "member"})
check("owner invites a colleague: user and e-mail", r.status == 303 and
      one("SELECT COUNT(*) FROM storefront_users WHERE email = 'nora@acme-logistics.example' AND customer_id = 1") == "1" and
      one("SELECT COUNT(*) FROM outbox WHERE payload LIKE '%nora@acme-logistics.example%'") != "0", r.status)
# inviting another company's user answers as for a new address (issue 17, finding 5)
before = one("SELECT COUNT(*) FROM storefront_users")
r2 = b.post("account/users", {"csrf_token": csrf, "name": "Pat Globex", "email": "purchasing@globex.example",
                              "role": "member"})
check("inviting another company's user: the same answer as a new invitation",
      r2.status == r.status and r2.location == r.location and "already" not in r2.body, (r2.status, r2.location))
check("inviting another company's user: nothing created or moved",
      one("SELECT COUNT(*) FROM storefront_users") == before and
      one("SELECT customer_id FROM storefront_users WHERE email = 'purchasing@globex.example'") != "1")
check("inviting another company's user: its owner is told by e-mail, without a link to set a password",
      one("SELECT COUNT(*) FROM outbox WHERE JSON_VALUE(payload, '$.template') = 'storefront_invite_taken'"
          " AND JSON_VALUE(payload, '$.to') = 'purchasing@globex.example'") == "1" and
      one("SELECT COUNT(*) FROM outbox WHERE JSON_VALUE(payload, '$.template') = 'storefront_invite'"
          " AND JSON_VALUE(payload, '$.to') = 'purchasing@globex.example'") == "0")
r = b.post("account/users/2/active", {"csrf_token": csrf, "active": "0"})
check("owner disables a colleague", r.status == 303 and one("SELECT active FROM storefront_users WHERE id = 2") == "0", r.status)
m = Client()
r = login(m, "it@acme-logistics.example")
check("the disabled colleague cannot sign in", r.status == 401, r.status)
b.post("account/users/2/active", {"csrf_token": csrf, "active": "1"})
r = login(m, "it@acme-logistics.example")
mp = m.get("account/profile")
check("a member sees no colleagues", r.status == 303 and "Invite a colleague" not in mp.body)
r = m.post("account/users", {"csrf_token": token(mp.body), "name": "X", "email": "x@acme-logistics.example"})
check("a member cannot invite (403)", r.status == 403, r.status)

# ---- password change, logout ---------------------------------------------
other = Client()
login(other, "buyer@demo.example")
check("a second session of the buyer", other.get("account").status == 200)
r = b.post("account/password", {"csrf_token": csrf, "current_password": "wrong-one-123", "new_password": "new-password-22",
                                "confirm_password": "new-password-22"})
check("password change with a wrong current password: refused", r.status in (409, 422), r.status)
r = b.post("account/password", {"csrf_token": csrf, "current_password": "demo-password-1", "new_password": "new-password-22",
                                "confirm_password": "new-password-22"})
check("password change", r.status == 303, r.status)
check("password change: this session lives on", b.get("account").status == 200)
check("password change: the other session is dead", other.get("account").status == 302)
session = b.jar.get("shelf")
r = b.post("logout", {"csrf_token": csrf})
check("logout: 303 and the cookie cleared", r.status == 303 and "shelf" not in b.jar and
      any(c.startswith("shelf=;") and "Max-Age=0" in c for c in r.cookies()), r.cookies())
r = b.get("account", cookies={"shelf": session})
check("after logout the old session cookie is dead", r.status == 302 and "/login" in r.location, r.status)
r = b.post("account/profile", {"csrf_token": csrf, "name": "Zombie"}, cookies={"shelf": session})
check("after logout a POST with the old session changes nothing", r.status == 303 and
      one("SELECT name FROM storefront_users WHERE id = 1") == "Dana B. Buyer", r.status)

# ---- password reset ------------------------------------------------------------
rp = anon.get("reset-password")
r = anon.post("reset-password", {"csrf_token": token(rp.body), "email": "buyer@demo.example"})
r2 = anon.post("reset-password", {"csrf_token": token(rp.body), "email": "nobody@nowhere.example"})
check("reset request: the same answer for a known and an unknown e-mail",
      r.status == r2.status == 200 and "If an account uses this address" in r.body and "If an account uses this address" in r2.body)
payload = one("SELECT payload FROM outbox WHERE payload LIKE '%storefront_password_reset%' AND payload LIKE '%buyer@demo.example%' "
              "ORDER BY id DESC LIMIT 1") or ""
m = re.search(r"(/s/demo/reset\?token=[0-9a-f]{64})", payload)
check("reset request: a link in the outbox", m is not None, payload[:200])
link = m.group(1) if m else "/s/demo/reset?token=" + "0" * 64
f = anon.get(link)
check("reset link: the set-password form", f.status == 200 and 'name="new_password"' in f.body, f.status)
fields = {"csrf_token": token(f.body), "token": hidden(f.body, "token") or "", "new_password": "reset-password-33",
          "confirm_password": "reset-password-33"}
r = anon.post("reset", dict(fields, confirm_password="other-password-44"))
check("reset: mismatched passwords refused, link still good", r.status == 422 and anon.get(link).status == 200, r.status)
r = anon.post("reset", fields)
check("reset: the new password is set", r.status == 303 and "reset_done" in r.location, r.status)
r = anon.post("reset", dict(fields, new_password="again-password-55", confirm_password="again-password-55"))
check("reset link used twice: refused (410)", r.status == 410 and "expired or was already used" in r.body, r.status)
check("reset link GET after use: 410", anon.get(link).status == 410)
nb = Client()
check("sign in with the old password fails", login(nb, "buyer@demo.example", "new-password-22").status == 401)
check("sign in with the reset password works", login(nb, "buyer@demo.example", "reset-password-33").status == 303)
check("the signed-in user on the login page goes to the account", nb.get("login").status == 302)

# ---- checkout: the customer's reference and notes are kept -----------------
add_to_cart(nb, "microsoft-365-business-standard", 1)
n_orders = one("SELECT COUNT(*) FROM orders")
r = checkout(nb, reference="x" * 65, notes="too long a reference")[0]
check("checkout with a reference over 64 characters: 422, no order, the words kept in the form",
      r.status == 422 and one("SELECT COUNT(*) FROM orders") == n_orders and "too long a reference" in r.body, r.status)
ref, notes = "  PO-4711 <b>&  ", "Deliver to building 7\r\nAttn: Ünal & \"co\""
r, noted = checkout(nb, reference=ref, notes=notes)
row = sql("SELECT customer_reference, HEX(customer_note) FROM orders WHERE id = %s" % noted)
check("checkout stores the reference (trimmed) and the notes", r.status == 303 and row and row[0][0] == "PO-4711 <b>&" and
      bytes.fromhex(row[0][1]).decode() == notes.strip(), (r.status, row))
op = nb.get("account/orders/%s" % noted)
check("the order page shows the reference and the notes, escaped",
      "<dd>PO-4711 &lt;b&gt;&amp;</dd>" in op.body and "Attn: Ünal &amp; &quot;co&quot;" in op.body and "<b>&" not in op.body,
      re.findall(r"<dt>[^<]*</dt><dd>[^<]*</dd>", op.body))
r, blank = place_order(nb, "microsoft-365-business-standard", 1, reference=" ", notes="")
check("an empty reference and notes store NULL", r.status == 303 and blank != noted and
      one("SELECT CONCAT(customer_reference IS NULL, customer_note IS NULL) FROM orders WHERE id = %s" % blank) == "11",
      (r.status, blank))

# ---- a subscription cancelled at term end: it ends, no quantity change ------------
ending = one("SELECT id FROM subscriptions WHERE customer_id = 1 AND status = 'active' AND cancel_at_term_end = 1"
             " ORDER BY id LIMIT 1")
check("fixture: the customer has an active subscription cancelled at term end", ending is not None)
ending = ending or "0"
sp = nb.get("account/subscriptions/%s" % ending)
facts = re.search(r'<dl class="facts[^"]*">(.*?)</dl>', sp.body, re.S)
facts = facts.group(1) if facts else ""
check("an ending subscription's page says when it ends, not that it renews",
      sp.status == 200 and "<dt>Ends</dt>" in facts and "<dt>Renews</dt>" not in facts, facts)
check("an ending subscription's page offers no quantity change",
      "Change quantity" not in sp.body and 'name="quantity"' not in sp.body and "/quantity\"" not in sp.body)
qty_before = one("SELECT CONCAT(quantity, '/', COALESCE(pending_quantity, '-')) FROM subscriptions WHERE id = %s" % ending)
r = nb.post("account/subscriptions/%s/quantity" % ending, {"csrf_token": token(sp.body), "quantity": "40"})
check("core refuses a quantity change on an ending subscription (409) with a clear message",
      r.status == 409 and re.search(r"is cancelled and ends on [^<]*; its quantity cannot change", r.body) is not None,
      (r.status, re.findall(r'flash-error[^>]*>\s*(?:<p>)?([^<]*)', r.body)))
check("... and nothing changed", one("SELECT CONCAT(quantity, '/', COALESCE(pending_quantity, '-')) FROM subscriptions"
                                     " WHERE id = %s" % ending) == qty_before)
lst = nb.get("account/subscriptions")
row = re.search(r'<tr><td data-label="Product"><a href="[^"]*/account/subscriptions/%s">.*?</tr>' % ending, lst.body, re.S)
check("the subscriptions list says it ends", row is not None and "Ends " in row.group(0), row and row.group(0))
renewing = one("SELECT id FROM subscriptions WHERE customer_id = 1 AND status = 'active' AND cancel_at_term_end = 0"
               " ORDER BY id LIMIT 1")
sp = nb.get("account/subscriptions/%s" % renewing)
check("a renewing subscription still says Renews and offers Change quantity",
      "<dt>Renews</dt>" in sp.body and "Change quantity" in sp.body)

finish("e2e_account")
