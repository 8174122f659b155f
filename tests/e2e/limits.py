"""limits.py - nginx's per-client limits and headers (run by tests/limits.sh, which says what is covered)."""
import os
import re
import resource
import socket
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import BASE, HOST, ROOT, STACK_DIR, URL, Client, check, finish  # noqa: E402

HEADERS = {"content-security-policy": "default-src 'self'", "x-frame-options": "DENY",
           "referrer-policy": "strict-origin-when-cross-origin", "x-content-type-options": "nosniff"}
NGINX_CONF = os.path.join(STACK_DIR, "nginx", "nginx.conf")
ERROR_LOG = os.path.join(STACK_DIR, "log", "nginx-error.log")
ACCESS_LOG = os.path.join(STACK_DIR, "log", "nginx-access.log")
resource.setrlimit(resource.RLIMIT_NOFILE, (8192, max(8192, resource.getrlimit(resource.RLIMIT_NOFILE)[1])))

home = Client(source="127.0.0.9").get("/s/demo/")
asset = re.search(r'href="(/assets/[^"]+\.css)"', home.body)
check("home names a theme asset", asset is not None)
media = re.search(r'(/media/[0-9a-f]{64}\.(?:png|jpg|webp))', home.body)
check("home shows a stored image", media is not None)
URLS = {"a page": BASE + "/", "a theme asset": asset.group(1) if asset else "/assets/x",
        "a /static/ image": "/static/demo/nothing-here.png", "a 404 page": BASE + "/no-such-page",
        "nginx's 413": "/s/demo/?" + "x" * 9000, "the error pages' stylesheet": "/_shelf/errors.css",
        "a stored image": media.group(1) if media else "/media/x", "an API document": "/api/v1/openapi.json"}
# a stored image has a stricter policy of its own
OWN_CSP = {"a stored image": "default-src 'none'; sandbox"}


def headers_everywhere(hsts):
    c = Client(source="127.0.0.9")
    for what, path in URLS.items():
        r = c.get(path)
        want = dict(HEADERS, **({"content-security-policy": OWN_CSP[what]} if what in OWN_CSP else {}))
        missing = [h for h, v in want.items() if v not in (r.header(h) or "")]
        check("%s (%d): every security header" % (what, r.status), not missing, missing)
        got = r.header("strict-transport-security") or ""
        if hsts:
            check("%s: HSTS once https = 1" % what, "max-age=63072000" in got, got)
        else:
            check("%s: no HSTS while https = 0" % what, got == "", got)


def reload_nginx(https):
    env = dict(os.environ, SHELF_HTTPS="1" if https else "0", SHELF_ROOT=ROOT)
    user = "user root;" if os.getuid() == 0 else ""
    subprocess.run(["sh", "-c", '. "$SHELF_ROOT/tools/lib.sh" && nginx_conf "$1" "$2" "$3" 1', "sh", STACK_DIR,
                    HOST.split(":")[1], user], env=env, check=True)
    subprocess.run(["nginx", "-p", os.path.join(STACK_DIR, "nginx"), "-c", NGINX_CONF, "-s", "reload"], check=True)
    time.sleep(1)  # the old workers hand over


headers_everywhere(False)
reload_nginx(True)
headers_everywhere(True)
reload_nginx(False)

# ---- a flood of requests from one client ----------------------------------------------
access_before = os.path.getsize(ACCESS_LOG)
codes = []


def flood():
    c = Client(source="127.0.0.2")
    for _ in range(80):
        codes.append(c.get(BASE + "/").status)


flooders = [threading.Thread(target=flood) for _ in range(6)]
for t in flooders:
    t.start()
visitor = [Client(source="127.0.0.3").get(BASE + "/").status for _ in range(40)]
for t in flooders:
    t.join()
check("the flooding client gets 429s", codes.count(429) > 100, (codes.count(200), codes.count(429)))
check("the flooding client got only 200 and 429", set(codes) <= {200, 429}, set(codes))
check("meanwhile another client's requests all succeed", visitor == [200] * 40, visitor)
# the first 429 of one more client going over the limit (however slow the server is today)
over = Client(source="127.0.0.7")
for _ in range(600):
    r = over.get(BASE + "/")
    if r.status != 200:
        break
check("the 429 is the themed page with Retry-After",
      r.status == 429 and "Too many requests" in r.body and r.header("retry-after") == "5", (r.status, r.body[:80]))
time.sleep(6)  # access_log flush=5s
with open(ACCESS_LOG, errors="replace") as f:
    f.seek(access_before)
    logged = f.read()
check("429s are not logged", " 429 " not in logged, logged.count(" 429 "))

# ---- 2,000 idle connections from one client --------------------------------------------
error_before = os.path.getsize(ERROR_LOG)
port = int(HOST.split(":")[1])
PARTIAL = b"GET /s/demo/ HTTP/1.1\r\nHost: " + HOST.encode() + b"\r\n"  # and never the end of the header
stop = threading.Event()
opened = [0]


def hold():
    """Keep 2,000 connections from 127.0.0.4 open, each with half a header: one nginx closes is opened again."""
    def dial():
        s = socket.socket()
        s.bind(("127.0.0.4", 0))
        s.settimeout(2)
        try:
            s.connect(("127.0.0.1", port))
            s.send(PARTIAL)
        except OSError:
            pass
        s.setblocking(False)
        opened[0] += 1
        return s

    held = [dial() for _ in range(2000)]
    while not stop.is_set():
        for i, s in enumerate(held):
            try:
                closed = s.recv(4096) == b""
            except BlockingIOError:
                closed = False
            except OSError:
                closed = True
            if closed:
                s.close()
                held[i] = dial()
        time.sleep(0.2)
    for s in held:
        s.close()


attacker = threading.Thread(target=hold)
attacker.start()
time.sleep(3)
ok = 0
N = 200
c = Client(source="127.0.0.5")
fails = {}
for _ in range(N):
    try:
        st = c.get(BASE + "/").status
    except OSError as e:
        st = type(e).__name__
    ok += st == 200
    fails[st] = fails.get(st, 0) + 1
    time.sleep(0.04)  # a busy visitor, well under the per-client rate
stop.set()
attacker.join()
check("with 2,000 connections held by one client (%d opened in all), home answers another >= 99%% (%d of %d)"
      % (opened[0], ok, N), ok >= 0.99 * N, fails)
grew = os.path.getsize(ERROR_LOG) - error_before
check("the error log grew by less than 64 KB (%d bytes)" % grew, grew < 65536)

# ---- shelf-fcgi away ------------------------------------------------------------------
sock = os.path.join(STACK_DIR, "run", "shelf-fcgi.sock")
os.rename(sock, sock + ".away")
try:
    reload_nginx(False)  # new workers: no kept connection to shelf-fcgi
    r = Client(source="127.0.0.6").get(BASE + "/")
finally:
    os.rename(sock + ".away", sock)
check("shelf-fcgi away: nginx's themed 503", r.status == 503 and "Temporarily unavailable" in r.body, r.status)
check("and it is back at once", Client(source="127.0.0.6").get(BASE + "/").status == 200)

finish("limits")
