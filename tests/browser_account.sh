#!/bin/sh
# browser_account.sh - the customer area in a real browser: Debian's
# headless Chromium, driven over the DevTools protocol on a pipe
# (--remote-debugging-pipe; a small Python client, stdlib only), logs in
# as the demo buyer on a private stack (tests/lib/storefront_stack.sh),
# adds a product to the cart, places the order, and finds it in the order
# history; then visits every account page in two themes (classic,
# modern).  Fails on any console or CSP message, on a page that does not
# answer 200, and saves screenshots under var/screenshots/
# (account-THEME-PAGE.png).
#
# Run by `make test` (tools/test.sh); by hand: sh tests/browser_account.sh
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/tests/lib/storefront_stack.sh"

CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROMIUM" ]; then
	echo "not ok - chromium is not installed (make deps)"
	echo "browser_account: 0 passed, 1 failed"
	exit 1
fi
SHOTS="$ROOT/var/screenshots"
mkdir -p "$SHOTS"
W=$(mktemp -d /tmp/shelf-browser-account.XXXXXX)
trap 'stack_stop; rm -rf "$W"' EXIT
trap 'exit 1' INT TERM

stack_start browser_account || { echo "not ok - the stack did not start"; echo "browser_account: 0 passed, 1 failed"; exit 1; }

cat >"$W/drive.py" <<'PY'
import base64, datetime, json, os, select, subprocess, sys, time

CHROMIUM, URL, SHOTS, PROFILE, SOCK, DB = sys.argv[1:7]
S = URL + "/s/demo"
# the demo's usage covers the previous month whatever the date (sql/seed/demo.sql)
PREV = (datetime.datetime.now(datetime.timezone.utc).date().replace(day=1) - datetime.timedelta(days=1)).strftime("%Y-%m")
passed = failed = 0


def check(desc, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
        print("ok - " + desc)
    else:
        failed += 1
        print("not ok - " + desc + (": " + str(detail)[:300] if detail else ""))
    return cond


def sql(q):
    return subprocess.run(["mariadb", "--no-defaults", "--socket=" + SOCK, "-uroot", "-N", "-B", DB, "-e", q],
                          capture_output=True, text=True, check=True).stdout.strip()


class Chrome:
    """Chromium with --remote-debugging-pipe: it reads commands on fd 3 and writes replies on fd 4, NUL-separated."""

    def __init__(self):
        to_r, self.to_w = os.pipe()
        self.from_r, from_w = os.pipe()

        def fds():
            # the child's fds 3 and 4; every other descriptor of ours is non-inheritable (os.pipe)
            r, w = os.dup(to_r), os.dup(from_w)
            os.dup2(r, 3)
            os.dup2(w, 4)

        self.proc = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--disable-default-apps", "--mute-audio", "--hide-scrollbars", "--remote-debugging-pipe",
             "--user-data-dir=" + PROFILE, "about:blank"],
            close_fds=False, preexec_fn=fds, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_r)
        os.close(from_w)
        self.buf = b""
        self.next_id = 0
        self.events = []
        self.session = None

    def close(self):
        try:
            self.send("Browser.close", session=False, wait=False)
        except OSError:
            pass
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()

    def _read(self, timeout):
        end = time.time() + timeout
        while b"\0" not in self.buf:
            left = end - time.time()
            if left <= 0 or not select.select([self.from_r], [], [], left)[0]:
                raise TimeoutError("no message from chromium")
            chunk = os.read(self.from_r, 1 << 20)
            if not chunk:
                raise EOFError("chromium went away")
            self.buf += chunk
        msg, _, self.buf = self.buf.partition(b"\0")
        return json.loads(msg)

    def send(self, method, params=None, session=True, wait=True, timeout=30):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            msg["sessionId"] = self.session
        os.write(self.to_w, json.dumps(msg).encode() + b"\0")
        if not wait:
            return None
        while True:
            m = self._read(timeout)
            if m.get("id") == self.next_id:
                if "error" in m:
                    raise RuntimeError("%s: %s" % (method, m["error"]))
                return m.get("result", {})
            self.events.append(m)

    def wait_event(self, name, timeout=30):
        end = time.time() + timeout
        while True:
            for i, e in enumerate(self.events):
                if e.get("method") == name:
                    del self.events[i]
                    return e
            self.events.append(self._read(max(0.1, end - time.time())))

    def drain(self, seconds=0.3):
        end = time.time() + seconds
        while time.time() < end:
            try:
                self.events.append(self._read(end - time.time()))
            except TimeoutError:
                break

    def messages(self):
        """Console and log entries (script errors, CSP violations) seen so far; forgets them."""
        out = []
        keep = []
        for e in self.events:
            m = e.get("method")
            if m == "Runtime.consoleAPICalled":
                out.append(" ".join(str(a.get("value", a.get("description", ""))) for a in e["params"]["args"]))
            elif m == "Log.entryAdded":
                entry = e["params"]["entry"]
                # verbose hints ([DOM] ...) are not problems; the demo's Google tag cannot load offline
                if entry.get("level") not in ("error", "warning"):
                    continue
                if entry.get("source") == "network" and not entry.get("url", "").startswith(URL):
                    continue
                out.append("%s %s" % (entry.get("text", ""), entry.get("url", "")))
            elif m == "Runtime.exceptionThrown":
                out.append(e["params"]["exceptionDetails"].get("text", ""))
            else:
                keep.append(e)
        self.events = keep
        return out

    def eval(self, expr):
        r = self.send("Runtime.evaluate", {"expression": expr, "returnByValue": True, "awaitPromise": True})
        return r.get("result", {}).get("value")

    def load(self, action):
        """Run action (a navigation or a script that submits a form) and wait for the new page."""
        self.events = [e for e in self.events if e.get("method") != "Page.loadEventFired"]
        action()
        self.wait_event("Page.loadEventFired")
        return self.eval("location.pathname + location.search")

    def goto(self, url):
        status = {}

        def nav():
            self.send("Page.navigate", {"url": url})
        path = self.load(nav)
        for e in self.events:
            if e.get("method") == "Network.responseReceived" and e["params"]["type"] == "Document":
                status[e["params"]["response"]["url"]] = e["params"]["response"]["status"]
        self.events = [e for e in self.events if e.get("method") != "Network.responseReceived"]
        return path, status.get(url)

    def shot(self, path):
        m = self.send("Page.getLayoutMetrics")
        size = m.get("cssContentSize") or m.get("contentSize")
        r = self.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True,
                      "clip": {"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], 6000), "scale": 1}})
        with open(path, "wb") as f:
            f.write(base64.b64decode(r["data"]))
        return os.path.getsize(path)


c = Chrome()
try:
    t = c.send("Target.createTarget", {"url": "about:blank"}, session=False)
    a = c.send("Target.attachToTarget", {"targetId": t["targetId"], "flatten": True}, session=False)
    c.session = a["sessionId"]
    for d in ("Page.enable", "Runtime.enable", "Log.enable", "Network.enable"):
        c.send(d)
    c.send("Emulation.setDeviceMetricsOverride", {"width": 1280, "height": 1000, "deviceScaleFactor": 1, "mobile": False})

    path, st = c.goto(S + "/account/orders")
    check("signed out, the order history leads to the login page", path.startswith("/s/demo/login?next="), path)
    c.eval("document.getElementById('login-email').value = 'buyer@demo.example';"
           "document.getElementById('login-password').value = 'demo-password-1'; true")
    path = c.load(lambda: c.eval("document.getElementById('login-email').form.querySelector('button[type=submit]').click(); true"))
    check("logged in as the demo buyer, back at the order history", path == "/s/demo/account/orders", path)
    before = int(c.eval("document.querySelectorAll('table tbody tr').length") or 0)

    path, st = c.goto(S + "/products/microsoft-365-business-standard")
    c.eval("document.getElementById('buy-qty').value = '4'; true")
    path = c.load(lambda: c.eval("document.querySelector('form.buy-form button[type=submit]').click(); true"))
    check("add to cart leads to the cart", path.startswith("/s/demo/cart"), path)
    check("the cart shows the product", c.eval("document.querySelector('main').innerText.includes('Microsoft 365 Business Standard')"))
    c.shot(os.path.join(SHOTS, "account-classic-cart.png"))
    c.eval("document.getElementById('co-ref').value = 'PO-4711'; document.getElementById('co-terms').checked = true; true")
    path = c.load(lambda: c.eval("document.querySelector('form.checkout-form button[type=submit]').click(); true"))
    check("placing the order leads to the order page", path.startswith("/s/demo/account/orders/"), path)
    number = c.eval("(document.querySelector('h1') || {}).innerText || ''").replace("Order ", "").strip()
    check("the order page names the new order", number.startswith("SO-"), number)
    check("the order is in the database, placed by the buyer",
          sql("SELECT COUNT(*) FROM orders WHERE number = '%s' AND reseller_id = 1 AND placed_by_user_id = 1" % number) == "1")
    c.shot(os.path.join(SHOTS, "account-classic-order.png"))
    path, st = c.goto(S + "/account/orders")
    rows = int(c.eval("document.querySelectorAll('table tbody tr').length") or 0)
    check("the order history shows the new order", c.eval("document.querySelector('main').innerText.includes('%s')" % number)
          and rows == before + 1, (rows, before))
    msgs = c.messages()
    check("no console or CSP messages while ordering", not msgs, msgs)

    order_id = sql("SELECT id FROM orders WHERE number = '%s' AND reseller_id = 1" % number)
    pages = [("account", "/account"), ("orders", "/account/orders"), ("order", "/account/orders/" + order_id),
             ("subscriptions", "/account/subscriptions"), ("subscription", "/account/subscriptions/1"),
             ("usage", "/account/subscriptions/2/usage?month=" + PREV), ("m365", "/account/m365"),
             ("m365-edit", "/account/m365/users/2"), ("profile", "/account/profile"), ("cart", "/cart")]
    for theme, skin in (("classic", "parchment"), ("modern", "ocean")):
        sql("UPDATE storefronts SET theme = '%s', skin = '%s', version = version + 1 WHERE reseller_id = 1" % (theme, skin))
        for name, p in pages:
            path, st = c.goto(S + p)
            c.drain()
            ok = st == 200 and c.eval("document.documentElement.dataset.skin") == skin
            check("%s/%s %s: 200 in the skin" % (theme, skin, name), ok, (st, path))
            if name == "usage":
                check("%s usage: the SVG chart loads" % theme,
                      c.eval("(() => { const i = document.querySelector('.usage-chart img');"
                             " return !!i && i.complete && i.naturalWidth > 0; })()"))
            png = os.path.join(SHOTS, "account-%s-%s.png" % (theme, name))
            check("%s %s: screenshot" % (theme, name), c.shot(png) > 1000)
            msgs = c.messages()
            check("%s %s: no console or CSP messages" % (theme, name), not msgs, msgs)
    sql("UPDATE storefronts SET theme = 'classic', skin = 'parchment', version = version + 1 WHERE reseller_id = 1")
    c.goto(S + "/account")
    path = c.load(lambda: c.eval("document.querySelector('form[action$=\"/logout\"] button').click(); true"))
    path, st = c.goto(S + "/account")
    check("after logging out the account page leads to the login", path.startswith("/s/demo/login"), path)
except Exception as e:  # a broken browser session is a failure, not a crash
    check("the browser session ran to the end", False, repr(e))
finally:
    c.close()
print("# screenshots in " + SHOTS)
print("browser_account: %d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
PY

python3 "$W/drive.py" "$CHROMIUM" "$STACK_URL" "$SHOTS" "$W/profile" "$SHELF_DB_SOCKET" "$STACK_DB"
