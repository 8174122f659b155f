"""crash.py - the worker survives SIGKILL (run by tests/crash.sh, which says what is covered)."""
import os
import random
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import ROOT, check, finish, one, sql  # noqa: E402
from smtpcatch import Catcher  # noqa: E402

SHELF = os.path.join(ROOT, "bin", "shelf")
STACK_DIR = os.environ["STACK_DIR"]
N = 500
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


# only this test's rows: the demo's own queue is cleared first
sql("DELETE FROM outbox")
sql("INSERT INTO outbox (kind, reseller_id, payload) SELECT 'email', 1,"
    " JSON_OBJECT('to', CONCAT('crash', seq, '@example.test'), 'subject', CONCAT('Crash test ', seq),"
    " 'template', 'contact_message', 'data', JSON_OBJECT('name', CONCAT('Sender ', seq),"
    " 'email', 'sender@example.test', 'subject', CONCAT('Crash test ', seq), 'body', 'Hello.'))"
    " FROM seq_1_to_%d" % N)
check("%d e-mails queued" % N, one("SELECT COUNT(*) FROM outbox WHERE status = 'pending'") == str(N))

catcher.start()
workers = [spawn(0), spawn(1)]
kills = 0
start = time.time()
while time.time() - start < DEADLINE:
    if one("SELECT COUNT(*) FROM outbox WHERE status <> 'sent'") == "0":
        break
    time.sleep(rng.uniform(0.005, 0.15))
    i = rng.randrange(2)
    workers[i].send_signal(signal.SIGKILL)
    workers[i].wait()
    kills += 1
    workers[i] = spawn(i)
elapsed = time.time() - start
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
check("every row ends sent, none failed or pending", states == {"sent": N}, states)
subjects = [m["Subject"] for _, m in catcher.messages()]
want = set("Crash test %d" % k for k in range(1, N + 1))
check("every message arrived", want <= set(subjects), sorted(want - set(subjects))[:10])
check("no message that was not queued", set(subjects) <= want, sorted(set(subjects) - want)[:10])
twice = len(subjects) - len(set(subjects))
print("# %d of %d messages arrived twice (a kill between send and mark)" % (twice, N))
check("a message arrived twice at most once per kill", twice <= kills, (twice, kills))
check("no message arrived three times", max(subjects.count(s) for s in set(subjects)) <= 2)
finish("crash")
