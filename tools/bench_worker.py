"""bench_worker.py - the figures of `make bench-worker` (see tools/bench_worker.sh)."""
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "e2e"))
from harness import approved_orders, one, sql  # noqa: E402
from smtpcatch import Catcher  # noqa: E402

SHELF = os.path.join(ROOT, "bin", "shelf")
STACK_DIR = os.environ["STACK_DIR"]
MAILS = int(os.environ.get("BENCH_MAILS", "2000"))
ORDERS = int(os.environ.get("BENCH_ORDERS", "1000"))


def run_workers(n, done_sql, want):
    """Start n `shelf worker` processes, wait until done_sql counts want, stop them: seconds taken."""
    log = open(os.path.join(STACK_DIR, "log", "bench-worker.log"), "a")
    start = time.time()
    procs = [subprocess.Popen([SHELF, "worker"], stdout=log, stderr=log) for _ in range(n)]
    while int(one(done_sql)) < want:
        if time.time() - start > 600:
            raise SystemExit("bench-worker: not done after 10 minutes")
        time.sleep(0.02)
    took = time.time() - start
    for p in procs:
        p.terminate()
    for p in procs:
        p.wait(timeout=30)
    return took


def bench_mail(catcher, workers):
    sql("DELETE FROM outbox")
    sql("INSERT INTO outbox (kind, reseller_id, payload) SELECT 'email', 1,"
        " JSON_OBJECT('to', CONCAT('bench', seq, '@example.test'), 'subject', CONCAT('Bench ', seq),"
        " 'template', 'contact_message', 'data', JSON_OBJECT('name', 'Bench', 'email', 'bench@example.test',"
        " 'subject', CONCAT('Bench ', seq), 'body', 'A message of a few words.'))"
        " FROM seq_1_to_%d" % MAILS)
    took = run_workers(workers, "SELECT COUNT(*) FROM outbox WHERE status = 'sent'", MAILS)
    print("e-mails    %d worker%s  %6d in %6.2f s  %8.1f /s" % (workers, " " if workers == 1 else "s", MAILS, took,
                                                                 MAILS / took))


def bench_keys(workers, run):
    """ORDERS approved one-line orders of a keys product, each with its provision row, fulfilled."""
    sku = "BENCH-KEYS-%d" % run
    sql("INSERT INTO products (distributor_id, sku, name, slug, manufacturer, type, billing_period, unit_cost,"
        " currency, connector) VALUES (1, '%s', 'Bench keys %d', 'bench-keys-%d', 'Vendor', 'software', 'one_time',"
        " 1000, 'EUR', 'keys')" % (sku, run, run))
    pid = one("SELECT id FROM products WHERE sku = '%s'" % sku)
    sql("INSERT INTO licence_keys (product_id, licence_key) SELECT %s, CONCAT('%s-', seq) FROM seq_1_to_%d"
        % (pid, sku, ORDERS))
    sql("INSERT INTO customers (reseller_id, name, email, approval_required, active)"
        " VALUES (1, 'Bench %d', 'bench%d@example.test', 0, 1)" % (run, run))
    cid = one("SELECT id FROM customers WHERE name = 'Bench %d'" % run)
    approved_orders(cid, pid, ORDERS, "SO-B%d-" % run)
    took = run_workers(workers, "SELECT COUNT(*) FROM orders WHERE customer_id = %s AND status = 'completed'" % cid,
                       ORDERS)
    print("keys       %d worker%s  %6d in %6.2f s  %8.1f orders/s (start, key, complete, e-mail queued)"
          % (workers, " " if workers == 1 else "s", ORDERS, took, ORDERS / took))


catcher = Catcher(os.path.join(STACK_DIR, "mail"), os.path.join(STACK_DIR, "log", "smtp.log"))
os.environ.update(catcher.env())
os.environ.update({"LC_ALL": "C.UTF-8"})
catcher.start()
try:
    for w in (1, 2):
        bench_mail(catcher, w)
    sql("DELETE FROM outbox")
    sql("DELETE FROM fulfilments")
    for w in (1, 2):
        bench_keys(w, w)
finally:
    catcher.stop()
