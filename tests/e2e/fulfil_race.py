"""fulfil_race.py - two workers, 200 orders, 150 keys (run by tests/fulfil_race.sh, which says what is covered)."""
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import ROOT, Client, approved_orders, check, finish, login, one, sql  # noqa: E402

SHELF = os.path.join(ROOT, "bin", "shelf")
ORDERS, KEYS = 200, 150
os.environ.update({
    # no e-mail is sent here; the worker wants a well-formed SMTP URL all the same
    "SHELF_SMTP_URL": "smtp://127.0.0.1:9",
    "SHELF_MAIL_FROM": "noreply@shelf.example",
    "SHELF_GATEWAYS": subprocess.run(["id", "-un"], capture_output=True, text=True).stdout.strip(),
    "LC_ALL": "C.UTF-8",
})


def shelf(*args, stdin=None):
    r = subprocess.run([SHELF] + list(args), capture_output=True, text=True, timeout=300, input=stdin)
    return r.returncode, r.stdout, r.stderr


def keyfile(text):
    f = tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False)
    f.write(text)
    f.close()
    return f.name


# a keys product of the demo distributor, listed by Demo Cloud Shop, and a customer without approval
sql("INSERT INTO products (distributor_id, sku, name, slug, manufacturer, type, billing_period, unit_cost, currency,"
    " connector) VALUES (1, 'RACE-KEYS', 'Race Keys', 'race-keys', 'Vendor', 'software', 'one_time', 1000, 'EUR', 'keys')")
pid = one("SELECT id FROM products WHERE sku = 'RACE-KEYS'")
sql("INSERT INTO listings (reseller_id, product_id, listed, markup_bp) VALUES (1, %s, 1, 1000)" % pid)
sql("INSERT INTO customers (reseller_id, name, email, approval_required, active)"
    " VALUES (1, 'Race Ltd', 'race@example.com', 0, 1)")
cid = one("SELECT id FROM customers WHERE name = 'Race Ltd'")

# ---- keys import: bad files change nothing -----------------------------------------
bad = keyfile("RACE-GOOD-1\nRACE-\x01BAD\n")
rc, out, err = shelf("keys", "import", "RACE-KEYS", bad, "--operator", "admin")
check("keys import: a control character is refused, exit 2, naming the line",
      rc == 2 and "Line 2" in err, (rc, out, err))
rc, out, err = shelf("keys", "import", "NO-SUCH-SKU", keyfile("RACE-GOOD-1\n"), "--operator", "admin")
check("keys import: an unknown product, exit 2", rc == 2 and "NO-SUCH-SKU" in err, (rc, err))
rc, out, err = shelf("keys", "import", "RACE-KEYS", "/nonexistent/keys.txt", "--operator", "admin")
check("keys import: a missing file, exit 2", rc == 2 and "cannot read" in err, (rc, err))
rc, out, err = shelf("keys", "import", "RACE-KEYS", bad, "--operator", "demo-admin")
check("keys import: a reseller admin may not", rc != 0 and one(
    "SELECT COUNT(*) FROM licence_keys WHERE product_id = %s" % pid) == "0", (rc, err))
check("nothing was imported by the refused runs", one("SELECT COUNT(*) FROM licence_keys WHERE product_id = %s" % pid) == "0")

text = "# the race's stock\n\n" + "".join("RACE-%05d\n" % i for i in range(1, KEYS + 1)) + "RACE-00001\n"
rc, out, err = shelf("keys", "import", "RACE-KEYS", keyfile(text), "--operator", "admin")
check("keys import: 150 keys, the duplicate reported and skipped, exit 0",
      rc == 0 and out.startswith("imported %d keys for RACE-KEYS (%d free)" % (KEYS, KEYS))
      and "duplicate key, skipped" in err, (rc, out, err))

# ---- 200 approved orders, each with its provision row -------------------------------
approved_orders(cid, pid, ORDERS, "SO-R")

# ---- two workers at once ------------------------------------------------------------
procs = [subprocess.Popen([SHELF, "worker", "--once"], stderr=subprocess.PIPE, text=True) for _ in range(2)]
logs = [p.communicate(timeout=600)[1] for p in procs]
check("both workers exit 0", all(p.returncode == 0 for p in procs), [lg[-500:] for lg in logs])
ours = {r[0] for r in sql("SELECT id FROM orders WHERE customer_id = %s" % cid)}
started = [x for lg in logs for x in re.findall(r"kind=provision attempt=\d+ outcome=started order_id=(\d+)", lg)
           if x in ours]
check("every order started once", len(started) == ORDERS and len(set(started)) == ORDERS, len(started))
done = [x for lg in logs for x in re.findall(r"id=(\d+) kind=keys attempt=\d+ outcome=done", lg)]
waiting = [x for lg in logs for x in re.findall(r"id=(\d+) kind=keys attempt=\d+ outcome=waiting", lg)]
check("the logs: 150 tasks done, 50 waiting, none twice",
      len(done) == KEYS and len(waiting) == ORDERS - KEYS and len(set(done + waiting)) == ORDERS,
      (len(done), len(waiting)))
check("both workers took part", all("kind=keys" in lg for lg in logs), [lg.count("kind=keys") for lg in logs])

line = "FROM fulfilments f JOIN order_lines ol ON ol.id = f.order_line_id WHERE ol.product_id = %s" % pid
counts = dict(sql("SELECT f.status, COUNT(*) %s GROUP BY f.status" % line))
check("150 lines done, 50 waiting for stock", counts == {"done": str(KEYS), "waiting": str(ORDERS - KEYS)}, counts)
check("every key given once, one a line, none left",
      one("SELECT COUNT(*) FROM licence_keys WHERE product_id = %s AND order_line_id IS NULL" % pid) == "0"
      and one("SELECT COUNT(DISTINCT order_line_id) FROM licence_keys WHERE product_id = %s" % pid) == str(KEYS)
      and one("SELECT COUNT(*) FROM (SELECT order_line_id FROM licence_keys WHERE product_id = %s"
              " GROUP BY order_line_id HAVING COUNT(*) > 1) x" % pid) == "0")
check("each done line's reference is its own key",
      one("SELECT COUNT(*) FROM fulfilments f JOIN licence_keys k ON k.order_line_id = f.order_line_id"
          " AND k.licence_key = f.vendor_ref WHERE f.status = 'done' AND f.product_id = %s" % pid) == str(KEYS))
check("150 orders completed, 50 still provisioning",
      one("SELECT COUNT(*) FROM orders WHERE customer_id = %s AND status = 'completed'" % cid) == str(KEYS)
      and one("SELECT COUNT(*) FROM orders WHERE customer_id = %s AND status = 'provisioning'" % cid)
      == str(ORDERS - KEYS))
check("the completed orders' assets carry their key as serial",
      one("SELECT COUNT(*) FROM assets a JOIN licence_keys k ON k.order_line_id = a.order_line_id"
          " AND k.licence_key = a.serial WHERE a.customer_id = %s" % cid) == str(KEYS))

rc, out, err = shelf("keys", "stock", "--operator", "admin")
check("keys stock: RACE-KEYS 0 free, 150 assigned, 50 waiting",
      rc == 0 and re.search(r"^RACE-KEYS\s+0\s+150\s+50$", out, re.M) is not None, (rc, out, err))

# ---- more stock: the waiting lines are queued again and finished --------------------
text = "".join("RACE-MORE-%03d\n" % i for i in range(1, ORDERS - KEYS + 1))
rc, out, err = shelf("keys", "import", pid, keyfile(text), "--operator", "admin")
check("keys import by id: 50 keys, 50 waiting lines queued again",
      rc == 0 and "imported 50 keys for RACE-KEYS (50 free)" in out and "50 waiting order lines queued again" in out,
      (rc, out, err))
rc, out, err = shelf("worker", "--once")
check("a worker finishes the rest: every order completed",
      rc == 0 and one("SELECT COUNT(*) FROM orders WHERE customer_id = %s AND status = 'completed'" % cid)
      == str(ORDERS), err[-500:])

# ---- the customer sees the keys on the order page, escaped -----------------------------
buyer = one("SELECT customer_id FROM storefront_users WHERE email = 'buyer@demo.example'")
sql("INSERT INTO orders (reseller_id, customer_id, number, status, currency, placed_via, total_price, total_cost)"
    " VALUES (1, %s, 'SO-R99999', 'approved', 'EUR', 'admin', 2200, 2000)" % buyer)
oid = one("SELECT id FROM orders WHERE number = 'SO-R99999' AND reseller_id = 1")
sql("INSERT INTO order_lines (order_id, line_no, product_id, quantity, unit_cost, markup_bp, unit_price, line_price,"
    " line_cost, is_trial) VALUES (%s, 1, %s, 2, 1000, 1000, 1100, 2200, 2000, 0)" % (oid, pid))
sql("INSERT INTO outbox (kind, reseller_id, payload) VALUES ('provision', 1, JSON_OBJECT('order_id', %s))" % oid)
rc, out, err = shelf("keys", "import", "RACE-KEYS", "-", "--operator", "admin", stdin="KEY-<b>1</b>&x\nKEY-\"2\"\n")
check("keys import from stdin: 2 keys", rc == 0 and "imported 2 keys for RACE-KEYS (2 free)" in out, (rc, out, err))
rc, out, err = shelf("worker", "--once")
check("the buyer's order completes", rc == 0 and one("SELECT status FROM orders WHERE id = %s" % oid) == "completed",
      err[-500:])
b = Client()
login(b, "buyer@demo.example")
r = b.get("account/orders/%s" % oid)
check("order page: the line's keys, escaped, and its status",
      r.status == 200 and "<code>KEY-&lt;b&gt;1&lt;/b&gt;&amp;x</code>" in r.body
      and ("<code>KEY-&quot;2&quot;</code>" in r.body or "<code>KEY-&#34;2&#34;</code>" in r.body)
      and "<b>1</b>" not in r.body and 'class="fulfil-status">Done<' in r.body, r.body[-3000:])

finish("fulfil_race")
