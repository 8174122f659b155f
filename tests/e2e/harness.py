"""harness.py - what the Python end-to-end checks (tests/e2e/*.py) share.

The shell suite (tests/*.sh) starts a private stack with stack_run of
tests/lib/storefront_stack.sh, which exports STACK_URL, STACK_DB, STACK_DIR
and SHELF_DB_SOCKET, then runs one of these scripts.  Here, once:

  check(desc, cond, detail)  counts and prints "ok - desc" / "not ok - desc: detail"
  finish(name)               prints "NAME: N passed, M failed" and exits 1 on a failure
  sql(q), one(q)             independent SQL on the stack's database (rows; first cell)
  bump(reseller)             a settings change the way core makes it (storefronts.version + 1)
  approved_orders(...)       approved orders of the demo reseller, with their provision rows
  set_look(theme, skin)      the demo storefront's theme and skin, changed that way
  Client                     HTTP with a cookie jar and no redirects followed; Reply
  token, hidden, cents, text_of, cells   reading the storefront's HTML
  login(c, email)            a storefront user signed in on Client c
  add_to_cart, checkout, place_order     an order placed through the storefront
  Page, jsonld, jsonld_of    an HTML parser (scripts, titles, metas, links, hrefs)
  Chrome                     headless Chromium over the DevTools protocol on a pipe
  chromium(), browser(name)  the Chromium binary, or None; a Chrome with a throwaway
                             profile and the screenshot folder, or one failed check

Standard library only.
"""
import atexit
import base64
import datetime
import html
import html.parser
import http.client
import json
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time
import types
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
URL = os.environ.get("STACK_URL", "")
DB = os.environ.get("STACK_DB", "")
STACK_DIR = os.environ.get("STACK_DIR", "")
SOCK = os.environ.get("SHELF_DB_SOCKET", "")
HOST = urllib.parse.urlsplit(URL).netloc
BASE = "/s/demo"

# the demo data are relative to the day they were loaded (today); its usage
# covers the previous month whatever the date (sql/seed/demo.sql)
TODAY = datetime.datetime.now(datetime.timezone.utc).date()
CUR = TODAY.strftime("%Y-%m")
_prev = TODAY.replace(day=1) - datetime.timedelta(days=1)
PREV, PREV_LABEL = _prev.strftime("%Y-%m"), "%s %d" % (_prev.strftime("%B"), _prev.year)

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


def finish(name):
    print("%s: %d passed, %d failed" % (name, passed, failed))
    sys.exit(1 if failed else 0)


# ---- the stack's database ------------------------------------------------------

def sql(q):
    """Rows of tab-separated columns (mariadb -N -B)."""
    out = subprocess.run(["mariadb", "--no-defaults", "--socket=" + SOCK, "-uroot", "-N", "-B", DB, "-e", q],
                         capture_output=True, text=True, check=True).stdout
    return [line.split("\t") for line in out.splitlines()]


def one(q):
    """The first column of the first row, None when there is no row."""
    rows = sql(q)
    return rows[0][0] if rows else None


def bump(reseller=1):
    """What core does on a settings change: the storefront's version moves, so caches let go."""
    sql("UPDATE storefronts SET version = version + 1 WHERE reseller_id = %d" % reseller)


def approved_orders(customer_id, product_id, n, prefix):
    """n approved orders of the demo reseller's customer_id (one with no others), numbered prefix
    + 00001... (more digits past 99999), each of one line of 1 product_id (price 1100, cost 1000 EUR) and with its provision
    row in the outbox: the worker starts them as a placed order."""
    sql("INSERT INTO orders (reseller_id, customer_id, number, status, currency, placed_via, total_price, total_cost)"
        " SELECT 1, %s, CONCAT('%s', LPAD(seq, %d, '0')), 'approved', 'EUR', 'admin', 1100, 1000 FROM seq_1_to_%d"
        % (customer_id, prefix, max(5, len(str(n))), n))
    sql("INSERT INTO order_lines (order_id, line_no, product_id, quantity, unit_cost, markup_bp, unit_price,"
        " line_price, line_cost, is_trial) SELECT id, 1, %s, 1, 1000, 1000, 1100, 1100, 1000, 0 FROM orders"
        " WHERE customer_id = %s" % (product_id, customer_id))
    sql("INSERT INTO outbox (kind, reseller_id, payload) SELECT 'provision', 1, JSON_OBJECT('order_id', id)"
        " FROM orders WHERE customer_id = %s" % customer_id)


def set_look(theme, skin="default", reseller=1):
    sql("UPDATE storefronts SET theme = '%s', skin = '%s', version = version + 1 WHERE reseller_id = %d"
        % (theme, skin, reseller))


# ---- HTTP ----------------------------------------------------------------------

class Reply:
    def __init__(self, r, body):
        self.status = r.status
        self.headers = [(k.lower(), v) for k, v in r.getheaders()]
        self.raw = body
        self.body = body.decode("utf-8", "replace")

    def header(self, name):
        for k, v in self.headers:
            if k == name.lower():
                return v
        return None

    def cookies(self):
        return [v for k, v in self.headers if k == "set-cookie"]

    @property
    def location(self):
        loc = self.header("location") or ""
        return urllib.parse.urlsplit(loc).path + ("?" + urllib.parse.urlsplit(loc).query if "?" in loc else "")


class Client:
    """A cookie jar and no redirects followed: every reply is checked as it comes.
    A path without a leading / is relative to the demo storefront (BASE); a URL on
    the stack (URL/...) is taken as its path."""

    def __init__(self, source=None):
        """source: the loopback address to connect from (127.0.0.2, ...), a client of its own to the server."""
        self.jar = {}
        self.source = (source, 0) if source else None

    def request(self, method, path, fields=None, cookies=None, headers=None, body=None):
        """fields: a form, urlencoded; body: bytes or text sent as they are (a form's
        type unless headers name another); headers: more request headers (Host too)."""
        conn = http.client.HTTPConnection(HOST, timeout=30, source_address=self.source)
        if URL and path.startswith(URL + "/"):
            path = path[len(URL):]
        headers = dict(headers or {})
        jar = self.jar if cookies is None else cookies
        if jar:
            headers["Cookie"] = "; ".join("%s=%s" % kv for kv in jar.items())
        if fields is not None:
            body = urllib.parse.urlencode(fields, doseq=True)
        if body is not None:
            headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
        try:
            conn.request(method, path if path.startswith("/") else BASE + "/" + path, body=body, headers=headers)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered before it read the whole body (413): its answer is still there
        r = conn.getresponse()
        reply = Reply(r, r.read())
        conn.close()
        for c in reply.cookies():
            name, _, rest = c.partition("=")
            value = rest.split(";")[0]
            if "max-age=0" in c.lower() or value == "":
                self.jar.pop(name, None)
            else:
                self.jar[name] = value
        return reply

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, fields, **kw):
        return self.request("POST", path, fields, **kw)


# ---- the storefront's HTML -------------------------------------------------------

def token(body):
    m = re.search(r'name="csrf_token" value="([^"]*)"', body)
    return m.group(1) if m else ""


def hidden(body, name):
    m = re.search(r'name="%s" value="([^"]*)"' % re.escape(name), body)
    return html.unescape(m.group(1)) if m else None


def login(c, email, password="demo-password-1", nxt=None):
    """Sign c in on the demo storefront as email (back to nxt when given): the reply of the POST."""
    page = c.get("login")
    fields = {"csrf_token": token(page.body), "email": email, "password": password}
    if nxt is not None:
        fields["next"] = nxt
    return c.post("login", fields)


def add_to_cart(c, slug, qty):
    """qty of product slug into c's cart, from the product's page: the reply of the POST."""
    prod = c.get("products/" + slug)
    return c.post("cart/add", {"csrf_token": token(prod.body), "product_id": hidden(prod.body, "product_id"),
                               "quantity": str(qty)})


def checkout(c, **fields):
    """Check c's cart out, the terms accepted, fields added (reference, notes): (reply, the new
    order's id as a string, "0" when none was placed)."""
    cart = c.get("cart")
    r = c.post("checkout", dict({"csrf_token": token(cart.body), "order_token": hidden(cart.body, "order_token"),
                                 "accept_terms": "1"}, **fields))
    m = re.search(r"/orders/(\d+)", r.location or "")
    return r, m.group(1) if m else "0"


def place_order(c, slug, qty, **fields):
    """add_to_cart, then checkout: (reply, order id)."""
    add_to_cart(c, slug, qty)
    return checkout(c, **fields)


def cents(text):
    """"€1,234.50" -> 123450"""
    digits = re.sub(r"[^0-9-]", "", text)
    return int(digits) if digits not in ("", "-") else 0


def text_of(body):
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)))


def cells(body, start, cls, end="</table>"):
    """The text of the <td ... class="cls"> cells between the first start marker and the next end."""
    i = body.find(start)
    if i < 0:
        return []
    j = body.find(end, i)
    part = body[i:j if j >= 0 else len(body)]
    return [text_of(c).strip() for c in re.findall(r'<td[^>]*class="%s"[^>]*>(.*?)</td>' % cls, part, re.S)]


class Page(html.parser.HTMLParser):
    """What the checks read of a page: scripts (attributes, text), titles, metas
    (by name or property), links (by rel), hrefs, same-origin resources, and how
    many elements carry inline handlers or styles."""

    def __init__(self, text=None):
        super().__init__()
        self.scripts, self.titles, self.metas, self.links, self.in_script = [], [], {}, {}, None
        self.in_title = False
        self.hrefs, self.inline_handlers, self.resources = [], 0, []
        if text is not None:
            self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if any(k.startswith("on") for k in a) or "style" in a:
            self.inline_handlers += 1
        if tag == "script":
            self.in_script = a
            self.scripts.append([a, ""])
        elif tag == "title":
            self.in_title = True
            self.titles.append("")
        elif tag == "meta":
            self.metas[a.get("name") or a.get("property")] = a.get("content")
        elif tag == "link":
            self.links[a.get("rel")] = a.get("href")
        if tag == "a" and "href" in a:
            self.hrefs.append(a["href"])
        url = a.get("src") if tag in ("img", "script") else \
            a.get("href") if tag == "link" and a.get("rel") in ("stylesheet", "icon") else None
        if url and url.startswith("/") and not url.startswith("//"):
            self.resources.append(url)

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = None
        if tag == "title":
            self.in_title = False

    def handle_data(self, data):
        if self.in_script is not None:
            self.scripts[-1][1] += data
        if self.in_title:
            self.titles[-1] += data


def jsonld(p):
    return [json.loads(body) for a, body in p.scripts if a.get("type") == "application/ld+json"]


def jsonld_of(p, kind):
    """The first JSON-LD object of @type kind that parses, else None."""
    try:
        return next((o for o in jsonld(p) if o.get("@type") == kind), None)
    except ValueError:
        return None


# ---- headless Chromium -------------------------------------------------------------

def chromium():
    return shutil.which("chromium") or shutil.which("chromium-browser")


def browser(name):
    """A started Chrome with a profile removed at exit, and var/screenshots (made); without
    a Chromium binary the suite NAME ends here with one failed check."""
    binary = chromium()
    if not binary:
        check("chromium is not installed (make deps)", False)
        finish(name)
    shots = os.path.join(ROOT, "var", "screenshots")
    os.makedirs(shots, exist_ok=True)
    profile = tempfile.mkdtemp(prefix="shelf-%s." % name)
    atexit.register(shutil.rmtree, profile, True)
    return Chrome(binary, profile), shots


class Chrome:
    """Chromium with --remote-debugging-pipe: it reads commands on fd 3 and writes replies on fd 4, NUL-separated.
    origin: console messages of network loads from elsewhere are not counted (the demo's Google tag
    cannot load offline)."""

    def __init__(self, binary, profile, origin=URL):
        self.origin = origin
        to_r, self.to_w = os.pipe()
        self.from_r, from_w = os.pipe()

        def fds():
            # the child's fds 3 and 4; every other descriptor of ours is non-inheritable (os.pipe)
            r, w = os.dup(to_r), os.dup(from_w)
            os.dup2(r, 3)
            os.dup2(w, 4)

        self.proc = subprocess.Popen(
            [binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--disable-default-apps", "--mute-audio", "--hide-scrollbars", "--remote-debugging-pipe",
             "--user-data-dir=" + profile, "about:blank"],
            close_fds=False, preexec_fn=fds, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_r)
        os.close(from_w)
        self.buf = b""
        self.next_id = 0
        self.events = []
        self.session = None

    def open_page(self, width=1280, height=1000):
        """A new tab, attached, with the page, runtime, log and network events on."""
        t = self.send("Target.createTarget", {"url": "about:blank"}, session=False)
        a = self.send("Target.attachToTarget", {"targetId": t["targetId"], "flatten": True}, session=False)
        self.session = a["sessionId"]
        for d in ("Page.enable", "Runtime.enable", "Log.enable", "Network.enable"):
            self.send(d)
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})

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
                # verbose hints ([DOM] ...) are not problems
                if entry.get("level") not in ("error", "warning"):
                    continue
                if entry.get("source") == "network" and not entry.get("url", "").startswith(self.origin):
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

    def visit(self, url):
        """goto, then the page's late console messages gathered (see messages())."""
        path, status = self.goto(url)
        self.drain()
        return path, status

    def render(self, url, png):
        """A page as the browser checks look at it: visit url, screenshot it to png.  What came of it:
        .path, .status, .skin (<html data-skin>), .shot (the PNG's size) and .messages (messages())."""
        path, status = self.visit(url)
        skin = self.eval("document.documentElement.dataset.skin")
        shot = self.shot(png)
        return types.SimpleNamespace(path=path, status=status, skin=skin, shot=shot, messages=self.messages())

    def goto(self, url):
        """Navigate; the new path and the document's HTTP status."""
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
