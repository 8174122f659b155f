"""media.py - the media store through nginx (tests/e2e_media.sh).

What a visitor's browser gets: every image of the demo's home, catalog and
product pages, in both themes, loads with an image Content-Type, has its
width, height and alt text, and products without an image show the vendor's
monogram tile; media files come back immutable-cached, nosniff, sandboxed,
with the Content-Type of their stored type and never a script-capable one,
even for a file an attacker managed to drop into the media directory under
another name.  And what an operator does: `shelf media add` stores a file and
prints its URL, refuses an SVG, a polyglot, a truncated file and a bomb with
the reason (exit 2), and `shelf product edit --image` attaches only the
distributor's own media.
"""
import hashlib
import http.client
import os
import re
import struct
import subprocess
import sys
import tempfile
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import BASE, HOST, ROOT, STACK_DIR, Client, check, finish, one  # noqa: E402

SHELF = os.path.join(ROOT, "bin", "shelf")
IMAGE_TYPES = {"png": "image/png", "jpg": "image/jpeg", "webp": "image/webp"}
MEDIA_DIR = os.environ.get("SHELF_MEDIA_DIR", os.path.join(STACK_DIR, "media"))


def raw(path):
    """GET path: status, headers (lower-case names), body bytes."""
    conn = http.client.HTTPConnection(HOST, timeout=30)
    conn.request("GET", path)
    r = conn.getresponse()
    body = r.read()
    conn.close()
    return r.status, {k.lower(): v for k, v in r.getheaders()}, body


def shelf(*args):
    p = subprocess.run([SHELF] + list(args), capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def png(w, h, extra=b""):
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    raw_rows = b"".join(b"\0" + b"\x80\x40\x20" * w for _ in range(min(h, 4)))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(raw_rows)) + chunk(b"IEND", b"") + extra)


IMG = re.compile(r"<img\b[^>]*>")
ATTR = re.compile(r'([a-z-]+)="([^"]*)"')


def images_of(body):
    return [dict(ATTR.findall(tag)) for tag in IMG.findall(body)]


def pages(slug):
    c = Client()
    home = c.get("/s/%s/" % slug)
    catalog = c.get("/s/%s/catalog" % slug)
    m = re.search(r'href="(/s/%s/products/[a-z0-9-]+)"' % slug, catalog.body)
    product = c.get(m.group(1)) if m else None
    return [("home", home), ("catalog", catalog), ("product", product)]


def check_pages(slug, theme):
    seen = set()
    for name, r in pages(slug):
        where = "%s %s (%s)" % (slug, name, theme)
        if not check(where + ": 200", r is not None and r.status == 200, r and r.status):
            continue
        imgs = images_of(r.body)
        check(where + ": has images or monogram tiles", len(imgs) > 0 or '<svg class="monogram' in r.body)
        bad = [i.get("src") for i in imgs if not (i.get("width", "").isdigit() and i.get("height", "").isdigit()
                                                    and int(i["width"]) > 0 and int(i["height"]) > 0)]
        check(where + ": every <img> has a width and a height", not bad, bad[:3])
        check(where + ": every <img> has alt text", all("alt" in i for i in imgs))
        check(where + ": no grey placeholder", "placeholder-product" not in r.body and "/static/" not in r.body)
        if name in ("catalog", "home"):
            check(where + ": products without an image show the vendor's monogram tile",
                  re.search(r'<svg class="monogram monogram-tone-[0-3]"[^>]*role="img" aria-label="[^"]+"', r.body)
                  is not None)
        for i in imgs:
            src = i.get("src", "")
            if src in seen or not src.startswith("/"):
                continue
            seen.add(src)
            status, headers, body = raw(src)
            ok = status == 200 and headers.get("content-type", "").startswith("image/") and len(body) > 0
            check("%s: %s loads as an image" % (where, src[:60]), ok, (status, headers.get("content-type")))
            if src.startswith("/media/"):
                m = re.match(r"/media/([0-9a-f]{64})\.(png|jpg|webp)$", src)
                check(src[:40] + "...: named by the SHA-256 of its bytes",
                      m is not None and hashlib.sha256(body).hexdigest() == m.group(1))
                check(src[:40] + "...: its stored type's Content-Type",
                      m is not None and headers.get("content-type") == IMAGE_TYPES[m.group(2)], headers.get("content-type"))
                check(src[:40] + "...: immutable for a year",
                      headers.get("cache-control") == "public, max-age=31536000, immutable", headers.get("cache-control"))
                check(src[:40] + "...: nosniff and sandboxed",
                      headers.get("x-content-type-options") == "nosniff" and
                      "sandbox" in headers.get("content-security-policy", ""))
    return seen


def main():
    media = check_pages("demo", "classic") | check_pages("harbor", "modern")
    check("the demo's pages use media-store images", any(s.startswith("/media/") for s in media))

    # a file dropped into the media directory under another name is never served
    os.makedirs(MEDIA_DIR, exist_ok=True)
    evil = "<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>"
    sha = hashlib.sha256(evil.encode()).hexdigest()
    for ext in ("svg", "html", "js", "xml"):
        with open(os.path.join(MEDIA_DIR, "%s.%s" % (sha, ext)), "w") as f:
            f.write(evil)
        status, headers, _ = raw("/media/%s.%s" % (sha, ext))
        check("a .%s file in the media directory is not served" % ext, status == 404, status)
    # ... and one disguised with an image extension still comes back as an image, nosniff, sandboxed
    with open(os.path.join(MEDIA_DIR, "%s.png" % sha), "w") as f:
        f.write(evil)
    status, headers, _ = raw("/media/%s.png" % sha)
    check("script bytes under a .png name come back as image/png, nosniff, sandboxed",
          status == 200 and headers.get("content-type") == "image/png" and
          headers.get("x-content-type-options") == "nosniff" and
          "sandbox" in headers.get("content-security-policy", ""), headers)
    status, _, _ = raw("/media/../shelf.conf")
    check("no path out of /media/", status in (400, 404), status)
    status, _, _ = raw("/media/")
    check("no listing of /media/", status == 404, status)

    # shelf media add, as the distributor admin
    tmp = tempfile.mkdtemp()
    files = {
        "good.png": png(40, 30),
        "poly.png": png(40, 30, b"<html><script>alert(1)</script></html>"),
        "bomb.png": png(10000, 10000),
        "cut.png": png(40, 30)[:-20],
        "logo.svg": b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
        "big.png": png(40, 30) + b"\0" * (6 * 1024 * 1024),
    }
    for name, data in files.items():
        with open(os.path.join(tmp, name), "wb") as f:
            f.write(data)
    rc, out, err = shelf("media", "add", os.path.join(tmp, "good.png"), "--operator", "admin")
    m = re.match(r"media (\d+) (/media/[0-9a-f]{64}\.png) 40x30 png$", out.strip())
    check("shelf media add: exit 0 and 'media ID URL 40x30 png'", rc == 0 and m is not None, (rc, out, err))
    if m:
        status, headers, body = raw(m.group(2))
        check("the added file is served as image/png", status == 200 and headers.get("content-type") == "image/png"
              and body == files["good.png"], (status, headers.get("content-type")))
    for name, reason in (("poly.png", "after its end"), ("bomb.png", "too many pixels"),
                         ("cut.png", "truncated"), ("logo.svg", "SVG images are refused"),
                         ("big.png", "too large")):
        rc, out, err = shelf("media", "add", os.path.join(tmp, name), "--operator", "admin")
        check("shelf media add %s: refused (exit 2) with the reason" % name,
              rc == 2 and reason in err and out == "", (rc, err.strip()))

    # tenants: the reseller's media cannot go on a distributor's product, its own can
    rc, out, err = shelf("media", "add", os.path.join(tmp, "good.png"), "--operator", "demo-admin")
    rid = re.match(r"media (\d+) ", out)
    check("the reseller admin adds its own copy", rc == 0 and rid is not None, (rc, out, err))
    sku = one("SELECT sku FROM products WHERE active = 1 ORDER BY id LIMIT 1")
    if rid:
        rc, out, err = shelf("product", "edit", sku, "--image", rid.group(1), "--operator", "admin")
        check("a product cannot take a reseller's media (exit 2)", rc == 2 and "only your own images" in err,
              (rc, err.strip()))
    if m:
        rc, out, err = shelf("product", "edit", sku, "--image", m.group(1), "--featured", "1", "--operator", "admin")
        check("shelf product edit --image --featured: exit 0", rc == 0 and out.startswith("updated " + sku),
              (rc, out, err))
        check("the product has the image and is featured",
              one("SELECT CONCAT(image_media_id, ':', featured) FROM products WHERE sku = '%s'" % sku) ==
              "%s:1" % m.group(1))
    finish("e2e_media")


main()
