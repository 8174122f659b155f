"""browser_check.py - the public storefront in headless Chromium
(tests/browser_check.sh starts the stack; what is covered is said there).
The screenshots of home, catalog and product in both themes are the README's
(docs/screenshots/, made from them by tools/readme_screenshots.py)."""
import os

from harness import URL, Client, Page, browser, check, finish, set_look

S = URL + "/s/demo"
PAGES = [("home", "/"), ("catalog", "/catalog"), ("product", "/products/microsoft-365-business-standard"),
         ("contact", "/contact")]

c, shots = browser("browser_check")
try:
    c.open_page(1280, 1600)
    for theme, skin in (("classic", "parchment"), ("modern", "ocean")):
        set_look(theme, skin)
        for page, p in PAGES:
            name = "%s/%s %s" % (theme, skin, page)
            r = c.render(S + p, os.path.join(shots, "%s-%s-%s.png" % (theme, skin, page)))
            if r.status != 200 or r.shot <= 0:
                check("%s: chromium did not render %s" % (name, S + p), False, (r.status, r.path))
                continue
            check("%s: no console messages" % name, not r.messages, r.messages)
            check("%s: rendered in skin %s" % (name, skin), r.skin == skin, r.skin)
            dom = c.eval("document.documentElement.outerHTML")
            missing = ["%s(%s)" % (r, st) for r, st in
                       ((r, Client().get(r).status) for r in sorted(set(Page(dom).resources))) if st != 200]
            check("%s: every stylesheet, icon, image and script loads" % name, not missing,
                  "resources that do not load: " + " ".join(missing))
            # what Lighthouse asks of images: loaded, sized by width/height, described by alt;
            # and a vendor's monogram tile (an inline SVG) labelled for screen readers
            bad = c.eval("JSON.stringify(Array.from(document.images).filter(function (i) {"
                         " return !(i.complete && i.naturalWidth > 0) || !(+i.getAttribute('width') > 0) ||"
                         " !(+i.getAttribute('height') > 0) || !i.hasAttribute('alt'); }).map(function (i) {"
                         " return i.getAttribute('src'); }))")
            check("%s: every image loaded, with width, height and alt" % name, bad == "[]", bad)
            tiles = c.eval("JSON.stringify(Array.from(document.querySelectorAll('svg.monogram')).filter(function (t) {"
                           " return t.getAttribute('role') !== 'img' || !t.getAttribute('aria-label') ||"
                           " !(t.getBoundingClientRect().width > 0); }).length)")
            check("%s: monogram tiles are labelled images with a size" % name, tiles == "0", tiles)
            if page in ("home", "catalog"):
                check("%s: real pictures and monogram tiles, no placeholder" % name,
                      c.eval("String(document.querySelectorAll('img[src^=\"/media/\"]').length > 0 &&"
                             " document.querySelectorAll('svg.monogram').length > 0 &&"
                             " !document.querySelector('img[src*=\"placeholder\"]'))") == "true")
except Exception as e:  # a broken browser session is a failure, not a crash
    check("the browser session ran to the end", False, repr(e))
finally:
    c.close()
print("# screenshots in " + shots)
finish("browser_check")
