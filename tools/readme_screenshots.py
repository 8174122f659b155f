#!/usr/bin/python3
"""readme_screenshots.py - the README's storefront screenshots from the browser check's.

`make test T=browser_check` (tests/e2e/browser_check.py) renders the demo
storefront's pages in headless Chromium, full length at 1280 pixels wide,
into var/screenshots/THEME-SKIN-PAGE.png.  This keeps the top of the home,
catalog and product pages of both themes (what a visitor sees first),
scaled to 960 pixels wide in 256 colours, as
docs/screenshots/storefront-THEME-PAGE.png:

    make test T=browser_check && /usr/bin/python3 tools/readme_screenshots.py
"""
import os
import sys

from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "var", "screenshots")
OUT = os.path.join(ROOT, "docs", "screenshots")
SHOTS = [("classic", "parchment"), ("modern", "ocean")]
PAGES = ("home", "catalog", "product")
KEEP = 1400  # pixels of the 1280-wide page, from the top
WIDTH = 960


def main():
    total = 0
    for theme, skin in SHOTS:
        for page in PAGES:
            src = os.path.join(SRC, "%s-%s-%s.png" % (theme, skin, page))
            if not os.path.exists(src):
                sys.exit("readme_screenshots: %s is missing: run make test T=browser_check first" % src)
            im = Image.open(src).convert("RGB")
            im = im.crop((0, 0, im.width, min(im.height, KEEP)))
            im = im.resize((WIDTH, round(im.height * WIDTH / im.width)), Image.LANCZOS)
            dst = os.path.join(OUT, "storefront-%s-%s.png" % (theme, page))
            im.quantize(256, method=Image.MEDIANCUT, dither=Image.NONE).save(dst, optimize=True)
            total += os.path.getsize(dst)
            print("%8d  %s" % (os.path.getsize(dst), os.path.relpath(dst, ROOT)))
    print("%8d  bytes" % total)


if __name__ == "__main__":
    main()
