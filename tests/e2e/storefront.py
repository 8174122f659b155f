"""storefront.py - the public storefront end to end over HTTP
(tests/e2e_storefront.sh starts the stack; what is covered is said there)."""
import glob
import json
import os
import re
import socket
import urllib.parse
import xml.etree.ElementTree as ET

from harness import (HOST, ROOT, STACK_DIR, URL, Client, Page, bump, check, finish, jsonld_of, one, set_look, sql,
                     token)

S = URL + "/s/demo"
PRODUCT = "microsoft-365-business-standard"
BOUNDARY = "shelf-e2e-boundary"  # of the multipart form that must be refused (415)


def get(path, **kw):
    """A visitor without cookies: every request a browser of its own."""
    return Client().get(path, **kw)


def expect(status, desc, path, method="GET", **kw):
    """The check that method path answers status (a visitor of its own, cookies only
    when given); the reply, for the checks after it."""
    r = Client().request(method, path, **kw)
    check(desc, r.status == status, "%s, not %s" % (r.status, status))
    return r


def meta(r, name):
    p = Page(r.body)
    return p.metas.get(name) or p.links.get(name) or ""


def title(r):
    return Page(r.body).titles[0].strip()


def shown_price(body):
    """The buy box's price as a decimal ("Pay as you go" stays)."""
    m = re.search(r'price-large"><span class="price">([^<]*)<', body)
    t = m.group(1) if m else ""
    d = re.sub(r"[^0-9.]", "", t.replace(",", ""))
    return d if d else t


def scripts_ok(body):
    """Only JSON-LD and external scripts, no inline handlers or styles."""
    p = Page(body)
    bad = [a for a, text in p.scripts if a.get("type") != "application/ld+json" and ("src" not in a or text.strip())]
    return not bad and not p.inline_handlers


def sitemap_locs(body):
    """The <loc>s of a sitemaps.org urlset; None for anything else."""
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    try:
        root = ET.fromstring(body)
    except ET.ParseError:
        return None
    if root.tag != "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset":
        return None
    return [u.find("s:loc", ns).text for u in root.findall("s:url", ns)]


def price_sql(cost, markup):
    """cost + markup, rounded half-up once, as a decimal string (SQL)."""
    add = "(%s + (%s * %s + 5000) DIV 10000)" % (cost, cost, markup)
    return "CONCAT(FLOOR(%s / 100), '.', LPAD(MOD(%s, 100), 2, '0'))" % (add, add)


# --- every page of the demo storefront ------------------------------------
r = expect(200, "home answers 200", S + "/")
check("home shows the company name and the hero",
      "Demo Cloud Shop" in r.body and "Cloud software for growing businesses" in r.body)
check("home shows a featured product", "/s/demo/products/microsoft-365-business-premium" in r.body)
check("home has Organization JSON-LD that parses", jsonld_of(Page(r.body), "Organization") is not None)
check("home has only JSON-LD and external scripts, no inline style or handlers", scripts_ok(r.body))
check("home canonical URL", meta(r, "canonical") == S + "/", meta(r, "canonical"))
titles = [title(r)]
r = expect(200, "catalog answers 200", S + "/catalog")
check("catalog lists listed products", 'class="product-card"' in r.body)
check("catalog has a result count", re.search(r"[0-9]+ products", r.body))
titles.append(title(r))
r = expect(200, "catalog page 2 answers 200", S + "/catalog?page=2")
check("catalog page 2 has its own canonical URL", meta(r, "canonical") == S + "/catalog?page=2", meta(r, "canonical"))
titles.append(title(r))
expect(404, "catalog page past the end is 404", S + "/catalog?page=999")
r = expect(200, "search answers 200", S + "/catalog?q=teams")
check("search finds Teams", "Microsoft Teams Essentials" in r.body)
check("search pages are noindex", meta(r, "robots") == "noindex, follow", meta(r, "robots"))
# injection strings are searched for as text: nothing found, nothing changed
products_before = one("SELECT COUNT(*) FROM products")
for inj in ["' OR '1'='1", "%' OR 1=1 -- ", "\"; DROP TABLE products; --", "x' UNION SELECT password_hash FROM storefront_users --"]:
    r = expect(200, "search for an injection string %r answers 200" % inj, S + "/catalog?q=" + urllib.parse.quote(inj))
    check("... and finds nothing", "No products found" in r.body, inj)
check("the products table is intact after the injection searches",
      one("SELECT COUNT(*) FROM products") == products_before)
r = expect(200, "category page answers 200", S + "/category/productivity")
titles.append(title(r))
expect(404, "unknown category is 404", S + "/category/no-such-category")
r = expect(200, "product page answers 200", S + "/products/" + PRODUCT)
product = jsonld_of(Page(r.body), "Product")
check("product page has Product JSON-LD with an Offer", product is not None)
check("product page og:type is product", meta(r, "og:type") == "product", meta(r, "og:type"))
check("product page shows the trial call to action", "Try it free for 30 days" in r.body)
titles.append(title(r))
r = expect(200, "contact page answers 200", S + "/contact")
check("contact page shows the contact details", "hello@democloudshop.example" in r.body)
check("contact page has a form with a CSRF token", re.search(r'name="csrf_token" value="[0-9a-f]{64}"', r.body))
titles.append(title(r))
check("titles are unique per page", len(set(titles)) == 6, titles)
r = expect(200, "robots.txt answers 200", S + "/robots.txt")
check("robots.txt names the sitemap", "Sitemap: %s/sitemap.xml" % S in r.body)
for desc, path, then, location in (
        ("/s/demo redirects to /s/demo/", URL + "/s/demo", "... with the slash", S + "/"),
        ("/products redirects to the catalog", S + "/products?q=x", "... keeping the query", S + "/catalog?q=x")):
    r = expect(301, desc, path)
    check(then, r.header("location") == location, r.header("location"))

# --- prices: cost + markup, rounded half-up once ---------------------------
listed = sql("SELECT p.slug, p.type, p.currency, %s FROM listings l JOIN products p ON p.id = l.product_id"
             " WHERE l.reseller_id = 1 AND l.listed = 1 AND p.active = 1 ORDER BY p.slug"
             % price_sql("p.unit_cost", "l.markup_bp"))
bad_prices = []
for slug, kind, cur, price in listed:
    r = get("/s/demo/products/" + slug)
    if r.status != 200:
        bad_prices.append("%s: not 200" % slug)
        continue
    o = jsonld_of(Page(r.body), "Product")
    offer = "%s %s" % (o["offers"]["price"], o["offers"]["priceCurrency"]) if o else ""
    shown = shown_price(r.body)
    if offer != "%s %s" % (price, cur):
        bad_prices.append("%s: JSON-LD offer %s, expected %s %s" % (slug, offer, price, cur))
    if shown != price and not (kind == "usage" and price == "0.00" and shown == "Pay as you go"):
        bad_prices.append("%s: shown %s, expected %s" % (slug, shown, price))
check("every listed product (%d) shows cost + markup rounded, in page and JSON-LD" % len(listed),
      not bad_prices and listed, bad_prices)

# --- sitemap ------------------------------------------------------------
r = expect(200, "sitemap.xml answers 200", S + "/sitemap.xml")
check("sitemap is application/xml", (r.header("content-type") or "").startswith("application/xml"),
      r.header("content-type"))
locs = sitemap_locs(r.body)
check("sitemap parses as a sitemaps.org urlset", locs is not None)
locs = locs or []
prefix = S + "/products/"
in_sitemap = sorted(loc[len(prefix):] if loc.startswith(prefix) else loc for loc in locs if "/products/" in loc)
check("sitemap lists every listed product and no other", in_sitemap == sorted(row[0] for row in listed), in_sitemap)
check("sitemap lists home, catalog, categories and contact",
      S + "/" in locs and S + "/catalog" in locs and any(S + "/category/" in loc for loc in locs)
      and S + "/contact" in locs)
unlisted = one("SELECT p.slug FROM products p WHERE p.distributor_id = 1 AND p.id NOT IN"
               " (SELECT product_id FROM listings WHERE reseller_id = 1 AND listed = 1) LIMIT 1")
if unlisted:
    expect(404, "an unlisted product (%s) is 404" % unlisted, S + "/products/" + unlisted)

# --- not found, editions ------------------------------------------------------
r = expect(404, "unknown storefront is 404", URL + "/s/no-such-shop/")
check("... a themed page", "Page not found" in r.body)
expect(404, "unknown product is 404", S + "/products/no-such-product")
expect(404, "unknown path is 404", S + "/no/such/page")
basic = one("SELECT s.slug FROM storefronts s JOIN resellers r ON r.id = s.reseller_id WHERE r.edition = 'basic' LIMIT 1")
if basic:
    expect(404, "a Basic reseller's storefront (%s) is 404" % basic, URL + "/s/%s/" % basic)
else:
    check("the demo data has a Basic reseller with a storefront row", False)
expect(200, "brightpath answers while Standard", URL + "/s/brightpath/")
sql("UPDATE resellers SET edition = 'basic' WHERE id = 2")
bump(2)
expect(404, "a downgraded storefront stops answering on the next request", URL + "/s/brightpath/")
sql("UPDATE resellers SET edition = 'standard' WHERE id = 2")
bump(2)

# --- routing by Host ---------------------------------------------------------
r = expect(200, "SLUG.<base domain> routes to the storefront", "/catalog", headers={"Host": "demo.shops.example"})
check("... and its links have no /s/ prefix", 'href="/products/' in r.body and 'href="/s/demo' not in r.body)
domain = one("SELECT s.custom_domain FROM storefronts s JOIN resellers r ON r.id = s.reseller_id"
             " WHERE s.custom_domain IS NOT NULL AND r.edition <> 'basic' AND r.status = 'active' LIMIT 1")
if domain:
    name = one("SELECT company_name FROM storefronts WHERE custom_domain = '%s'" % domain)
    r = expect(200, "a custom domain (%s) routes to its storefront" % domain, "/", headers={"Host": domain})
    check("... showing " + name, name in r.body)
expect(404, "an unknown host is 404", "/", headers={"Host": "nobody.example.org"})

# --- renamed slugs: 301 ------------------------------------------------------
sql("INSERT INTO product_slug_redirects (distributor_id, old_slug, product_id)"
    " SELECT distributor_id, 'old-m365-standard', id FROM products WHERE slug = '%s'" % PRODUCT)
r = expect(301, "a renamed product slug answers 301", S + "/products/old-m365-standard")
check("... to the current slug", r.header("location") == S + "/products/" + PRODUCT, r.header("location"))
sql("INSERT INTO storefront_slug_redirects (old_slug, reseller_id) VALUES ('old-demo', 1)")
r = expect(301, "a renamed storefront slug answers 301", URL + "/s/old-demo/catalog")
check("... to the current slug", r.header("location") == S + "/catalog", r.header("location"))

# --- analytics -------------------------------------------------------------
check("the Google tag is there when the reseller set an id", "gtag/js?id=G-DEMO12345" in get(S + "/").body)
check("and absent when not", "googletagmanager" not in get(URL + "/s/brightpath/").body)
sql("UPDATE storefronts SET analytics_id = 'G-TEST42' WHERE reseller_id = 2")
bump(2)
check("setting an id shows the tag on the next request", "gtag/js?id=G-TEST42" in get(URL + "/s/brightpath/").body)

# --- caching -------------------------------------------------------------------
r = get(S + "/products/" + PRODUCT)
etag = r.header("etag")
check("public pages carry an ETag", etag)
check("a page with a form (buy box) is private, no-cache", r.header("cache-control") == "private, no-cache",
      r.header("cache-control"))
r = get(S + "/catalog")
check("a page without one is public, no-cache", r.header("cache-control") == "public, no-cache", r.header("cache-control"))
expect(304, "If-None-Match with that ETag gives 304", S + "/products/" + PRODUCT, headers={"If-None-Match": etag})
sql("UPDATE listings l JOIN products p ON p.id = l.product_id SET l.markup_bp = 5000"
    " WHERE l.reseller_id = 1 AND p.slug = '%s'" % PRODUCT)
bump(1)
want_price = one("SELECT %s FROM products WHERE slug = '%s'" % (price_sql("unit_cost", 5000), PRODUCT))
r = expect(200, "after a markup change the old ETag no longer matches", S + "/products/" + PRODUCT,
           headers={"If-None-Match": etag})
check("the page shows the new price (%s) on the next request" % want_price, shown_price(r.body) == want_price,
      shown_price(r.body))
check("... and so does the catalog", want_price in get(S + "/catalog?q=Business+Standard").body)
sql("UPDATE storefronts SET company_name = 'Demo Cloud Shop Renamed' WHERE reseller_id = 1")
bump(1)
check("a settings change shows on the next request", "Demo Cloud Shop Renamed" in get(S + "/").body)
sql("UPDATE storefronts SET company_name = 'Demo Cloud Shop' WHERE reseller_id = 1")
bump(1)

# the navigation's categories and counts (kept per storefront version) follow the
# listings: the first category (every page's navigation shows it) loses its products
cat_slug = one("SELECT c.slug FROM categories c JOIN product_categories pc ON pc.category_id = c.id"
               " JOIN listings l ON l.product_id = pc.product_id AND l.reseller_id = 1 AND l.listed = 1"
               " GROUP BY c.id ORDER BY c.position, c.name, c.id LIMIT 1")
nav_link = '/s/demo/category/%s"' % cat_slug
check("the cart page's navigation lists category '%s'" % cat_slug, nav_link in get(S + "/cart").body)
sql("CREATE TABLE e2e_unlisted AS SELECT l.product_id FROM listings l JOIN product_categories pc"
    " ON pc.product_id = l.product_id JOIN categories c ON c.id = pc.category_id"
    " WHERE l.reseller_id = 1 AND l.listed = 1 AND c.slug = '%s';"
    " UPDATE listings SET listed = 0 WHERE reseller_id = 1 AND product_id IN (SELECT product_id FROM e2e_unlisted)"
    % cat_slug)
bump(1)
check("unlisting its products takes '%s' out of the navigation on the next request (a personal page)" % cat_slug,
      nav_link not in get(S + "/cart").body)
check("... and out of the home page's", nav_link not in get(S + "/").body)
sql("UPDATE listings SET listed = 1 WHERE reseller_id = 1 AND product_id IN (SELECT product_id FROM e2e_unlisted);"
    " DROP TABLE e2e_unlisted")
bump(1)
check("listing them again brings '%s' back" % cat_slug, nav_link in get(S + "/cart").body)

# --- escaping of everything a reseller or customer sets --------------------------
nasty = 'Café </script><script>alert(1)</script> & "Zoë" <b>'
sql("UPDATE storefronts SET company_name = '{n}', meta_title = '{n}', meta_description = '{n}',"
    " contact_phone = '+31 20 555', sections = JSON_ARRAY("
    "  JSON_OBJECT('type', 'hero', 'title', '{n}', 'subtitle', '{n}', 'cta_label', 'x', 'cta_url', 'javascript:alert(1)'),"
    "  JSON_OBJECT('type', 'text', 'title', '{n}', 'body', '{n}'),"
    "  JSON_OBJECT('type', 'featured_products', 'title', '{n}', 'products', JSON_ARRAY('{p}')))"
    " WHERE reseller_id = 1".format(n=nasty, p=PRODUCT))
sql("UPDATE products SET name = '{n}', short_description = '{n}', description = '{n}' WHERE slug = '{p}'"
    .format(n=nasty, p=PRODUCT))
bump(1)
for p in ("/", "/catalog", "/products/" + PRODUCT, "/contact"):
    body = get(S + p).body
    check("%s: reseller and catalog text is escaped" % p, "<script>alert(1)" not in body)
    check("%s: no raw <b> from data" % p, '" <b>' not in body)
r = get(S + "/")
check("a javascript: link from a section is dropped", "javascript:" not in r.body)
org = jsonld_of(Page(r.body), "Organization")
check("the Organization JSON-LD still parses, name intact", org and "alert(1)" in json.dumps(org, ensure_ascii=False), org)
check("JSON-LD writes < as \\u003c, so it cannot close its script element", "\\u003c/script\\u003e" in r.body)
check("the Product JSON-LD still parses", jsonld_of(Page(get(S + "/products/" + PRODUCT).body), "Product") is not None)
check("the sitemap still parses", sitemap_locs(get(S + "/sitemap.xml").body) is not None)
sql("UPDATE storefronts SET contact_phone = '+31 20 555 0101' WHERE reseller_id = 1")

# --- contact form ----------------------------------------------------------------
browser = Client()
r = browser.get(S + "/contact")
tok = token(r.body)
csrf_cookies = [c.lower() for c in r.cookies() if c.startswith("shelf_csrf=")]
check("the contact page sets a SameSite=Lax HttpOnly CSRF cookie",
      any("samesite=lax" in c for c in csrf_cookies) and any("httponly" in c.lower() for c in r.cookies()), r.cookies())
check("pages with a form may be kept by the browser only", r.header("cache-control") == "private, no-cache",
      r.header("cache-control"))
r = browser.get(S + "/products/" + PRODUCT)
check("a cached page with a form carries this browser's token",
      'name="csrf_token" value="%s"' % tok in r.body and "csrf-placeholder" not in r.body)


def msgs():
    return int(one("SELECT COUNT(*) FROM contact_messages WHERE reseller_id = 1 AND email = 'e2e@example.com'"))


def post_contact(status, desc, fields, **kw):
    """The check that the contact form answers status to fields sent from this browser."""
    return expect(status, desc, S + "/contact", "POST", fields=fields, cookies=kw.get("cookies", browser.jar))


post_contact(403, "a POST without the CSRF cookie is refused",
             {"csrf_token": tok, "name": "A", "email": "e2e@example.com", "message": "hi"}, cookies={})
post_contact(403, "a POST with a wrong token is refused",
             {"csrf_token": "0" * 64, "name": "A", "email": "e2e@example.com", "message": "hi"})
r = post_contact(422, "an invalid e-mail is refused with the form again",
                 {"csrf_token": tok, "name": "<script>alert(1)</script>", "email": "not-an-email", "message": "hi"})
check("... saying what is wrong", "valid e-mail address" in r.body)
check("... with the input escaped", "<script>alert(1)" not in r.body and "&lt;script&gt;alert(1)" in r.body)
before = msgs()
outbox_before = int(one("SELECT COUNT(*) FROM outbox"))
r = post_contact(303, "a valid message answers 303",
                 {"csrf_token": tok, "name": "Zoë O'Brien", "email": "e2e@example.com", "subject": "Licences",
                  "message": "We need 12 licences."})
check("... to the confirmation page", r.header("location") == S + "/contact/sent", r.header("location"))
check("the message is stored for the reseller", msgs() == before + 1)
check("a notification is queued in the outbox", int(one("SELECT COUNT(*) FROM outbox")) > outbox_before)
r = expect(200, "the confirmation page answers 200", S + "/contact/sent")
check("... and thanks", "Thank you" in r.body)
before = msgs()
post_contact(303, "a bot filling the honeypot is told it worked",
             {"csrf_token": tok, "name": "Bot", "email": "e2e@example.com", "message": "spam",
              "website": "http://spam.example"})
check("... but nothing is stored", msgs() == before)
codes = [Client().post(S + "/contact", {"csrf_token": tok, "name": "N%d" % i, "email": "e2e@example.com",
                                        "message": "m%d" % i}, cookies=browser.jar).status for i in range(1, 7)]
check("the contact form is rate limited (429)", 429 in codes, codes)

# --- bad input ---------------------------------------------------------------------
for status, desc, method, path, kw in (
        (400, "malformed percent-encoding in the query is 400", "GET", "/catalog?q=%zz", {}),
        (400, "malformed percent-encoding in the path is 400", "GET", "/products/%G1", {}),
        (400, "invalid UTF-8 is 400", "GET", "/catalog?q=%C3%28", {}),
        (413, "an oversized query is 413", "GET", "/catalog?q=" + "a" * 3000, {}),
        (413, "a query past nginx's header buffers is 413 too", "GET", "/catalog?q=" + "a" * 20000, {}),
        (413, "an oversized form body is 413", "POST", "/contact", {"cookies": browser.jar, "body": "a" * 20000}),
        (413, "a body past nginx's limit is 413", "POST", "/contact", {"cookies": {}, "body": "a" * 100000}),
        (405, "DELETE is 405", "DELETE", "/", {}),
        (405, "POST to a page without a form is 405", "POST", "/catalog", {"fields": {"a": "1"}}),
        (405, "PUT to the contact form is 405", "PUT", "/contact", {}),
        (415, "a multipart form is 415", "POST", "/contact",
         {"cookies": browser.jar, "headers": {"Content-Type": "multipart/form-data; boundary=" + BOUNDARY},
          "body": '--%s\r\nContent-Disposition: form-data; name="name"\r\n\r\nx\r\n--%s--\r\n' % (BOUNDARY, BOUNDARY)})):
    r = expect(status, desc, S + path, method, **kw)
    if method == "DELETE":
        check("... with an Allow header", r.header("allow") == "GET, HEAD", r.header("allow"))
    if method == "PUT":
        check("... allowing POST there", r.header("allow") == "GET, HEAD, POST", r.header("allow"))


def head(path):
    """HEAD on a connection of its own, read to its end: the status line and what follows the headers."""
    host, port = HOST.rsplit(":", 1)
    data = b""
    with socket.create_connection((host, int(port)), timeout=30) as s:
        s.sendall(("HEAD %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n" % (path, HOST)).encode())
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    headers, _, rest = data.partition(b"\r\n\r\n")
    return headers.split(b"\r\n")[0].decode(), rest


status_line, rest = head("/s/demo/")
check("HEAD answers 200 without a body", status_line.split(" ")[1:2] == ["200"] and rest == b"", (status_line, rest[:80]))
expect(400, "%00 in a path is 400", S + "/products/a%00b")
for p in ("/s/demo/products/..%2f..%2fetc%2fpasswd", "/s/demo/category/%2e%2e", "/s/%2e%2e/", "/s/demo/catalog?page=-1",
          "/s/demo/catalog?page=1e9", "/s/demo/catalog?sort=rand()", "/s/demo/catalog?q=%F0%9F%98%80&page=1",
          "/s/demo/catalog?q=a&q=b&q=c", "/s/demo/catalog?%3D%3D%3D", "/s/demo//catalog"):
    try:
        c = str(get(p).status)
    except OSError:
        c = "000"
    bad = c.startswith("5") or c == "000"
    check("%s answers %s%s" % (p, c, "" if bad else ", not a 5xx"), not bad)
with open(os.path.join(STACK_DIR, "log", "shelf-fcgi.log"), errors="replace") as f:
    check("no worker crashed", "died" not in f.read())

# --- security headers and assets ---------------------------------------------------
r = get(S + "/")
csp = r.header("content-security-policy") or ""
check("a CSP without inline script", "script-src 'self'" in csp and "unsafe-inline" not in csp, csp)
check("CSP has frame-ancestors 'none'", "frame-ancestors 'none'" in csp, csp)
check("X-Content-Type-Options: nosniff", r.header("x-content-type-options") == "nosniff")
check("a Referrer-Policy", r.header("referrer-policy"))
css = next((u for u in Page(r.body).resources if u.endswith("theme.css")), "")
r = expect(200, "the theme's stylesheet is served by nginx", URL + css)
check("... fingerprinted and cached for a year",
      re.fullmatch(r"/assets/[a-z]+/[0-9a-f]{12}/css/theme\.css", css)
      and "max-age=31536000, immutable" in (r.header("cache-control") or ""), (css, r.header("cache-control")))

# --- every theme and skin ---------------------------------------------------------------
sql("UPDATE products SET name = 'Microsoft 365 Business Standard', short_description = 'Desktop Office apps.',"
    " description = 'Word, Excel and PowerPoint.' WHERE slug = '%s'" % PRODUCT)
for tj in sorted(glob.glob(os.path.join(ROOT, "themes", "*", "theme.json"))):
    theme = os.path.basename(os.path.dirname(tj))
    with open(tj) as f:
        skins = [s["id"] if isinstance(s, dict) else s for s in json.load(f)["skins"]]
    for skin in skins:
        set_look(theme, skin)
        bad = []
        for p, want in (("/", 200), ("/catalog", 200), ("/products/" + PRODUCT, 200), ("/contact", 200),
                        ("/no-such-page", 404)):
            r = get(S + p)
            if r.status != want or 'data-skin="%s"' % skin not in r.body or "/assets/%s/" % theme not in r.body:
                bad.append("%s(%s)" % (p, r.status))
        check("theme %s, skin %s renders every page" % (theme, skin), not bad, "failed: " + " ".join(bad))


# --- the manufacturer filter: /catalog?manufacturer= (the home page's brand links) --------
def n_listed(where):
    return one("SELECT COUNT(*) FROM listings l JOIN products p ON p.id = l.product_id"
               " WHERE l.reseller_id = 1 AND l.listed = 1 AND p.active = 1 " + where)


def count_is(body, n):
    return '<p class="result-count">%s product' % n in body


ms = n_listed("AND p.manufacturer = 'Microsoft'")
ms_teams = n_listed("AND p.manufacturer = 'Microsoft' AND (p.name LIKE '%teams%' OR p.short_description LIKE '%teams%')")
cat_slug, cat_n = sql("SELECT c.slug, COUNT(*) FROM listings l JOIN products p ON p.id = l.product_id"
                      " JOIN product_categories pc ON pc.product_id = p.id JOIN categories c ON c.id = pc.category_id"
                      " WHERE l.reseller_id = 1 AND l.listed = 1 AND p.active = 1 AND p.manufacturer = 'Microsoft'"
                      " GROUP BY c.slug ORDER BY COUNT(*) DESC, c.slug LIMIT 1")[0]
check("fixture: Microsoft products, a Microsoft product with Teams, and an Acronis product naming Microsoft",
      int(ms) > 1 and 1 <= int(ms_teams) < int(ms)
      and int(n_listed("AND p.manufacturer <> 'Microsoft' AND p.name LIKE '%Microsoft%'")) >= 1, (ms, ms_teams))
for theme in ("classic", "modern"):
    set_look(theme)
    r = expect(200, theme + ": /catalog?manufacturer=Microsoft answers", S + "/catalog?manufacturer=Microsoft")
    check("%s: ... exactly the %s Microsoft products, not Acronis Backup for Microsoft 365" % (theme, ms),
          '<p class="result-count">%s products' % ms in r.body and "Acronis" not in r.body)
    check(theme + ": ... titled Microsoft products", '<h1 class="page-title">Microsoft products</h1>' in r.body)
    check(theme + ": ... the search label names the filter, keeping it",
          "Search in Microsoft products</label>" in r.body and 'name="manufacturer" value="Microsoft"' in r.body)
    r = expect(200, theme + ": the filter is case-insensitive", S + "/catalog?manufacturer=microsoft")
    check("%s: ... the same %s products" % (theme, ms), count_is(r.body, ms))
    r = expect(200, theme + ": manufacturer combines with a search", S + "/catalog?manufacturer=Microsoft&q=teams")
    check("%s: ... %s products, the label not 'Search in Search results'" % (theme, ms_teams),
          count_is(r.body, ms_teams) and "Search in Search results" not in r.body
          and "Search in Microsoft products</label>" in r.body)
    r = expect(200, theme + ": manufacturer combines with a category",
               S + "/category/%s?manufacturer=Microsoft" % cat_slug)
    check("%s: ... %s products" % (theme, cat_n), count_is(r.body, cat_n))
    r = expect(200, theme + ": a manufacturer with no products answers", S + "/catalog?manufacturer=Micro")
    check(theme + ": ... with none (exact, not a substring)", "No products found" in r.body)
    r = expect(200, theme + ": a plain search still says what it searched", S + "/catalog?q=backup")
    check(theme + ": ... its label is Search in All products",
          "Search in All products</label>" in r.body and "Search in Search results" not in r.body)
loc = get(S + "/products?manufacturer=Microsoft").header("location") or ""
check("the home page's brand links reach the filter", loc.endswith("/s/demo/catalog?manufacturer=Microsoft"), loc)

# --- the contact page shows the reseller's introduction (contact_intro) -------------------
sql("UPDATE storefronts SET contact_intro = 'Questions about <b>licences</b> & renewals?\\nWe answer within a day.\\n\\n"
    "Visits by appointment only.' WHERE reseller_id = 1")
for theme in ("classic", "modern"):
    for form in (1, 0):
        sql("UPDATE storefronts SET contact_form_enabled = %d WHERE reseller_id = 1" % form)
        set_look(theme)
        r = expect(200, "%s (form %d): the contact page answers" % (theme, form), S + "/contact")
        check("%s (form %d): ... with the introduction, escaped, in paragraphs" % (theme, form),
              "<p>Questions about &lt;b&gt;licences&lt;/b&gt; &amp; renewals?<br>We answer within a day.</p>" in r.body
              and "<p>Visits by appointment only.</p>" in r.body and "<b>licences" not in r.body)
sql("UPDATE storefronts SET contact_intro = NULL, contact_form_enabled = 1 WHERE reseller_id = 1")
bump(1)

# --- health ---------------------------------------------------------------------------
expect(200, "/livez answers 200", URL + "/livez")
expect(200, "/readyz answers 200", URL + "/readyz")

# --- compressed answers (issue 18) --------------------------------------------------------
BROWSER_AE = {"Accept-Encoding": "gzip, deflate, br, zstd"}
plain = get(S + "/")
r = get(S + "/", headers=BROWSER_AE)
check("home for a browser: br from the page cache, Vary", r.header("content-encoding") == "br" and
      "Accept-Encoding" in (r.header("vary") or ""), (r.header("content-encoding"), r.header("vary")))
check("home for a browser: at most 25%% of the bytes (%d of %d)" % (len(r.raw), len(plain.raw)),
      len(r.raw) * 4 <= len(plain.raw))
css = re.search(r'href="(/assets/[^"]+\.css)"', plain.body).group(1)
r = get(css, headers={"Accept-Encoding": "gzip"})
check("a theme stylesheet: nginx's gzip_static copy", r.header("content-encoding") == "gzip", r.header("content-encoding"))
r = get(S + "/login", headers={"Accept-Encoding": "gzip"})
check("a personal page: compressed by nginx on the way", r.header("content-encoding") == "gzip",
      r.header("content-encoding"))

# --- the FastCGI socket: nginx's alone (issue 17, finding 6) ---------------------------
sock = os.path.join(STACK_DIR, "run", "shelf-fcgi.sock")
mode = os.stat(sock).st_mode & 0o777
check("the FastCGI socket is 0600 or 0660, nothing for others", mode in (0o600, 0o660), oct(mode))
check("its directory is not writable by others", not os.stat(os.path.dirname(sock)).st_mode & 0o002)
if os.getuid() == 0:
    import subprocess
    probe = subprocess.run(["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "python3", "-c",
                            "import socket, sys; s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1])", sock],
                           capture_output=True, text=True)
    check("another local user cannot connect to it", probe.returncode != 0 and "PermissionError" in probe.stderr,
          probe.stderr[-200:])

finish("e2e_storefront")
