"""page.py - what the shell suites (e2e_storefront.sh, browser_check.sh) read
of a saved page, sitemap or theme.json.

usage: page.py COMMAND FILE [ARG...]
  title FILE              the first <title>
  jsonld FILE TYPE [print]  exit 1 when no JSON-LD object of @type TYPE parses; print prints it
  offer FILE              the Product JSON-LD's price and currency
  shown-price FILE        the buy box's price as a decimal ("Pay as you go" stays)
  meta FILE NAME          a <meta name|property> content, else a <link rel> href
  scripts-ok FILE         exit 1 unless only JSON-LD and external scripts, no inline handlers or styles
  hrefs FILE              every <a href>
  resources FILE          the same-origin stylesheets, icons, images and scripts
  sitemap FILE            the <loc>s of a sitemaps.org urlset (fails on anything else)
  skins FILE              a theme.json's skin ids
"""
import json
import re
import sys
import xml.etree.ElementTree as ET

from harness import Page, jsonld


def page(path):
    return Page(open(path, encoding="utf-8").read())


cmd, path = sys.argv[1], sys.argv[2]
if cmd == "title":
    print(page(path).titles[0].strip())
elif cmd == "jsonld":
    for o in jsonld(page(path)):
        if o.get("@type") == sys.argv[3]:
            if len(sys.argv) > 4:
                print(json.dumps(o, ensure_ascii=False))
            sys.exit(0)
    sys.exit(1)
elif cmd == "offer":
    for o in jsonld(page(path)):
        if o.get("@type") == "Product":
            print(o["offers"]["price"], o["offers"]["priceCurrency"])
elif cmd == "shown-price":
    m = re.search(r'price-large"><span class="price">([^<]*)<', open(path, encoding="utf-8").read())
    t = m.group(1) if m else ""
    d = re.sub(r"[^0-9.]", "", t.replace(",", ""))
    print(d if d else t)
elif cmd == "meta":
    p = page(path)
    print(p.metas.get(sys.argv[3]) or p.links.get(sys.argv[3]) or "")
elif cmd == "scripts-ok":
    p = page(path)
    bad = [a for a, body in p.scripts if a.get("type") != "application/ld+json" and ("src" not in a or body.strip())]
    sys.exit(1 if bad or p.inline_handlers else 0)
elif cmd == "hrefs":
    print("\n".join(page(path).hrefs))
elif cmd == "resources":
    print("\n".join(page(path).resources))
elif cmd == "sitemap":
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.parse(path).getroot()
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    for u in root.findall("s:url", ns):
        print(u.find("s:loc", ns).text)
elif cmd == "skins":
    print("\n".join(s["id"] if isinstance(s, dict) else s for s in json.load(open(path))["skins"]))
else:
    sys.exit("page.py: unknown command " + cmd)
