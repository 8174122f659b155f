"""bench_worker.py - the figures of `make bench-worker` (see tools/bench_worker.sh)."""
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "e2e"))
from harness import one, sql  # noqa: E402
from smtpcatch import Catcher  # noqa: E402

SHELF = os.path.join(ROOT, "bin", "shelf")
STACK_DIR = os.environ["STACK_DIR"]
MAILS = int(os.environ.get("BENCH_MAILS", "2000"))


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


catcher = Catcher(os.path.join(STACK_DIR, "mail"), os.path.join(STACK_DIR, "log", "smtp.log"))
os.environ.update(catcher.env())
os.environ.update({"LC_ALL": "C.UTF-8"})
catcher.start()
try:
    for w in (1, 2):
        bench_mail(catcher, w)
finally:
    catcher.stop()
