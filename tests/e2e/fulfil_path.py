"""fulfil_path.py - the whole path by hand (run by tests/fulfil_path.sh, which says what is covered)."""
import html
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import ROOT, Client, check, finish, login, one, place_order, sql  # noqa: E402
from smtpcatch import Catcher  # noqa: E402
from term import Term  # noqa: E402

SHELF = os.path.join(ROOT, "bin", "shelf")
STACK_DIR = os.environ["STACK_DIR"]
catcher = Catcher(os.path.join(STACK_DIR, "mail"), os.path.join(STACK_DIR, "log", "smtp.log"))
os.environ.update(catcher.env())
os.environ.update({"SHELF_GATEWAYS": subprocess.run(["id", "-un"], capture_output=True, text=True).stdout.strip(),
                   "LC_ALL": "C.UTF-8"})


def shelf(*args):
    r = subprocess.run([SHELF] + list(args), capture_output=True, text=True, timeout=120)
    return r.returncode, r.stdout, r.stderr


def buy(b, slug, qty):
    """Order qty of product slug through the storefront, as the signed-in buyer: (order id, number)."""
    oid = place_order(b, slug, qty)[1]
    return oid, one("SELECT number FROM orders WHERE id = %s" % oid)


def mail_body(subject):
    """The text part of the last message with subject, "" when none arrived."""
    found = ""
    for _, m in catcher.messages():
        if m["Subject"] == subject:
            part = m.get_body(("plain",))
            found = part.get_content() if part else ""
    return found


catcher.start()
term = Term("fulfil")
try:
    b = Client()
    login(b, "buyer@demo.example")

    # ---- a keys product completes on its own -------------------------------------------
    free = int(one("SELECT COUNT(*) FROM licence_keys k JOIN products p ON p.id = k.product_id"
                   " WHERE p.slug = 'microsoft-365-business-standard' AND k.order_line_id IS NULL"))
    oid, number = buy(b, "microsoft-365-business-standard", 2)
    check("keys: the order is placed and approved (%s)" % number,
          one("SELECT status FROM orders WHERE id = %s" % oid) == "approved")
    rc, _, log = shelf("worker", "--once")
    check("keys: one worker run, exit 0", rc == 0, log[-500:])
    check("keys: the order completed", one("SELECT status FROM orders WHERE id = %s" % oid) == "completed", log[-800:])
    keys = [r[0] for r in sql("SELECT k.licence_key FROM licence_keys k JOIN order_lines ol ON ol.id = k.order_line_id"
                                " WHERE ol.order_id = %s ORDER BY k.id" % oid)]
    check("keys: two keys given to the line, from the stock", len(keys) == 2 and int(one(
        "SELECT COUNT(*) FROM licence_keys k JOIN products p ON p.id = k.product_id"
        " WHERE p.slug = 'microsoft-365-business-standard' AND k.order_line_id IS NULL")) == free - 2, keys)
    page = b.get("account/orders/%s" % oid)
    check("keys: the customer's order page says completed and shows both keys",
          page.status == 200 and "Completed" in page.body and all(html.escape(k) in page.body for k in keys))
    body = mail_body("Order %s completed" % number)
    check("keys: the completed e-mail reached the buyer with the keys", body and all(k in body for k in keys),
          body[:300])
    sid = one("SELECT s.id FROM subscriptions s JOIN order_lines ol ON ol.id = s.order_line_id"
              " WHERE ol.order_id = %s" % oid)
    subs = b.get("account/subscriptions")
    check("keys: the subscription shows in the customer area", sid is not None and
          "/account/subscriptions/%s" % sid in subs.body, sid)

    # ---- a manual product waits for an operator ----------------------------------------
    oid2, number2 = buy(b, "managed-helpdesk", 3)
    rc, _, log = shelf("worker", "--once")
    check("manual: the worker starts the order; it waits for an operator (%s)" % number2,
          one("SELECT status FROM orders WHERE id = %s" % oid2) == "provisioning" and
          one("SELECT status FROM fulfilments f JOIN order_lines ol ON ol.id = f.order_line_id"
              " WHERE ol.order_id = %s" % oid2) == "waiting", log[-800:])
    page = b.get("account/orders/%s" % oid2)
    check("manual: the customer reads that it is being set up, not that it is done",
          page.status == 200 and "Completed" not in page.body)
    rc, out, err = shelf("fulfil", "list", "--operator", "admin")
    task = one("SELECT f.id FROM fulfilments f JOIN order_lines ol ON ol.id = f.order_line_id"
               " WHERE ol.order_id = %s" % oid2)
    check("manual: the task is in the distributor's fulfilment queue", rc == 0 and
          any(line.split()[:1] == [task] for line in out.splitlines()), out[:600])
    rc, out, err = shelf("fulfil", "done", task, "HD-2026-0042", "--operator", "admin")
    check("manual: the operator marks it done with the vendor's reference", rc == 0, (out, err))
    check("manual: the order completed, the subscription carries the reference",
          one("SELECT status FROM orders WHERE id = %s" % oid2) == "completed" and
          one("SELECT s.external_ref FROM subscriptions s JOIN order_lines ol ON ol.id = s.order_line_id"
              " WHERE ol.order_id = %s" % oid2) == "HD-2026-0042")
    shelf("worker", "--once")
    check("manual: the completed e-mail reached the buyer", mail_body("Order %s completed" % number2) != "")
    subs = b.get("account/subscriptions")
    check("manual: the subscription shows in the customer area", "Managed helpdesk" in subs.body)

    # ---- and in the reseller admin's TUI -----------------------------------------------
    customer = one("SELECT name FROM customers WHERE id = 1")
    err = term.start(SHELF + " --operator demo-admin", 120, 50)
    steps = ["?Product mix", "Tab", "Tab", "Tab", "?Customers", "/" + customer, "Enter", "Enter", "?Subscriptions ("]
    for a in steps:
        if err:
            break
        if a.startswith("?"):
            err = "" if term.wait_for(a[1:], 20) else "waiting for " + a[1:]
        elif a in ("Enter", "Tab"):
            term.keys(a)
        else:
            term.type(a)
    pane = term.pane()
    check("TUI: the reseller admin opens the customer", err == "", (err, pane[-800:]))
    check("TUI: the customer's subscriptions list the helpdesk, 3 users",
          re.search(r"Managed helpdesk.*\b3\b", pane) is not None, pane[-1500:])
finally:
    term.stop()
    catcher.stop()
finish("fulfil_path")
