"""crash.py - the worker survives SIGKILL (run by tests/crash.sh, which says what is covered)."""
import os
import random
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import ROOT, approved_orders, check, finish, one, sql  # noqa: E402
from smtpcatch import Catcher  # noqa: E402

SHELF = os.path.join(ROOT, "bin", "shelf")
STACK_DIR = os.environ["STACK_DIR"]
N = 500           # e-mails
ORDERS = 200      # orders fulfilled through the keys connector meanwhile
LEASE = 3          # outbox_lease_seconds: a killed worker's row is retried after this
DEADLINE = 240     # seconds for the whole run

catcher = Catcher(os.path.join(STACK_DIR, "mail"), os.path.join(STACK_DIR, "log", "smtp.log"))
os.environ.update(catcher.env())
os.environ.update({"SHELF_OUTBOX_LEASE_SECONDS": str(LEASE), "SHELF_OUTBOX_RETRY_SECONDS": "1",
                   "SHELF_OUTBOX_MAX_ATTEMPTS": "100", "LC_ALL": "C.UTF-8"})
rng = random.Random(int(os.environ.get("CRASH_SEED", time.time())))


def spawn(i):
    log = open(os.path.join(STACK_DIR, "log", "worker%d.log" % i), "a")
    return subprocess.Popen([SHELF, "worker"], stdout=log, stderr=log)


# only this test's rows: the demo's own queues are cleared first
sql("DELETE FROM outbox")
sql("DELETE FROM fulfilments")
sql("INSERT INTO outbox (kind, reseller_id, payload) SELECT 'email', 1,"
    " JSON_OBJECT('to', CONCAT('crash', seq, '@example.test'), 'subject', CONCAT('Crash test ', seq),"
    " 'template', 'contact_message', 'data', JSON_OBJECT('name', CONCAT('Sender ', seq),"
    " 'email', 'sender@example.test', 'subject', CONCAT('Crash test ', seq), 'body', 'Hello.'))"
    " FROM seq_1_to_%d" % N)
check("%d e-mails queued" % N, one("SELECT COUNT(*) FROM outbox WHERE status = 'pending'") == str(N))

# and ORDERS approved orders of a keys licence, each with its provision row: the worker starts each
# order, gives its line a key and completes it, creating the subscription and queueing the e-mail
sql("INSERT INTO products (distributor_id, sku, name, slug, manufacturer, type, billing_period, unit_cost, currency,"
    " connector) VALUES (1, 'CRASH-KEYS', 'Crash Keys', 'crash-keys', 'Vendor', 'license', 'monthly', 1000, 'EUR',"
    " 'keys')")
pid = one("SELECT id FROM products WHERE sku = 'CRASH-KEYS'")
sql("INSERT INTO licence_keys (product_id, licence_key) SELECT %s, CONCAT('CRASH-', LPAD(seq, 5, '0'))"
    " FROM seq_1_to_%d" % (pid, ORDERS + 20))
sql("INSERT INTO customers (reseller_id, name, email, approval_required, active)"
    " VALUES (1, 'Crash Ltd', 'crash-buyer@example.test', 0, 1)")
cid = one("SELECT id FROM customers WHERE name = 'Crash Ltd'")
approved_orders(cid, pid, ORDERS, "SO-C")
OURS = "(SELECT id FROM orders WHERE customer_id = %s)" % cid

catcher.start()
workers = [spawn(0), spawn(1)]
kills = 0
start = time.time()
while time.time() - start < DEADLINE:
    if one("SELECT (SELECT COUNT(*) FROM outbox WHERE status <> 'sent')"
           " + (SELECT COUNT(*) FROM fulfilments WHERE status IN ('queued', 'waiting'))") == "0":
        break
    time.sleep(rng.uniform(0.005, 0.15))
    i = rng.randrange(2)
    workers[i].send_signal(signal.SIGKILL)
    workers[i].wait()
    kills += 1
    workers[i] = spawn(i)
elapsed = time.time() - start
time.sleep(0.5)  # a worker started a moment ago installs its SIGTERM handler first
for w in workers:
    w.send_signal(signal.SIGTERM)
for w in workers:
    w.wait(timeout=30)
check("the workers stopped on SIGTERM", all(w.returncode == 0 for w in workers), [w.returncode for w in workers])
time.sleep(0.5)  # the catcher writes the last message
catcher.stop()

print("# %d SIGKILLs in %.1f s" % (kills, elapsed))
check("the workers were killed at least 20 times while delivering", kills >= 20, kills)
states = dict((r[0], int(r[1])) for r in sql("SELECT status, COUNT(*) FROM outbox GROUP BY status"))
check("every row ends sent, none failed or pending", list(states) == ["sent"], states)

# every state change of the orders happened exactly once
check("every order completed", one("SELECT COUNT(*) FROM orders WHERE id IN %s AND status = 'completed'" % OURS)
      == str(ORDERS))
check("one task per line, done", one("SELECT COUNT(*) FROM fulfilments WHERE status = 'done' AND order_line_id IN"
                                     " (SELECT id FROM order_lines WHERE order_id IN %s)" % OURS) == str(ORDERS)
      and one("SELECT COUNT(*) FROM fulfilments") == str(ORDERS))
check("one key per line, no key twice",
      one("SELECT COUNT(*) FROM licence_keys WHERE order_line_id IS NOT NULL") == str(ORDERS)
      and one("SELECT COUNT(DISTINCT order_line_id) FROM licence_keys") == str(ORDERS))
check("one subscription per line, its reference the line's key",
      one("SELECT COUNT(*) FROM subscriptions s JOIN licence_keys k ON k.order_line_id = s.order_line_id"
          " AND k.licence_key = s.external_ref WHERE s.customer_id = %s" % cid) == str(ORDERS)
      and one("SELECT COUNT(*) FROM subscriptions WHERE customer_id = %s" % cid) == str(ORDERS))
check("each order started and completed once (audit)",
      one("SELECT COUNT(*) FROM audit_log WHERE action = 'order.start_provisioning' AND entity_id IN %s" % OURS)
      == str(ORDERS)
      and one("SELECT COUNT(*) FROM audit_log WHERE action = 'order.complete' AND entity_id IN %s" % OURS)
      == str(ORDERS))
check("each order's completed e-mail queued once",
      one("SELECT COUNT(*) FROM outbox WHERE kind = 'email' AND JSON_VALUE(payload, '$.template') = 'order_completed'")
      == str(ORDERS))
subjects = [m["Subject"] for _, m in catcher.messages() if m["Subject"].startswith("Crash test ")]
want = set("Crash test %d" % k for k in range(1, N + 1))
check("every message arrived", want <= set(subjects), sorted(want - set(subjects))[:10])
check("no message that was not queued", set(subjects) <= want, sorted(set(subjects) - want)[:10])
twice = len(subjects) - len(set(subjects))
print("# %d extra copies of %d test messages (a kill between send and mark)" % (twice, N))
check("at most one extra copy per kill", twice <= kills, (twice, kills))
# a message arrives again only when a kill ended the lease that sent it, so never more often than its
# row was leased; two kills on one row (possible at ~70 kills) send it three times, and that is right
leased = dict((r[0], int(r[1])) for r in sql("SELECT JSON_VALUE(payload, '$.subject'), attempts FROM outbox"))
over = sorted(s for s in set(subjects) if subjects.count(s) > leased.get(s, 0))
check("no message arrived more often than its row was leased", not over, over[:10])
finish("crash")
