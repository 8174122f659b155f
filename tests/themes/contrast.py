#!/usr/bin/env python3
"""contrast.py - WCAG 2.x contrast of every skin's colour pairs.

usage: contrast.py THEME_DIR...

Reads THEME_DIR/assets/css/skins.css (blocks selected by
[data-skin="ID"], each setting --color-* custom properties as #rrggbb) and
THEME_DIR/theme.json.  Checks, for every skin: the text/background pairs
below against their minimum ratio; that theme.json lists exactly the skins
the CSS defines; and that theme.json's key colours equal the CSS values.
Prints one line per failure and "contrast: N passed, M failed"; exits 1 on
any failure.
"""
import json
import os
import re
import sys

# (foreground, background, minimum ratio, what uses it).  A pair whose two
# properties no skin of a theme defines is skipped for that theme (the theme
# does not use that part, e.g. classic has no gradient hero); a pair that
# some skins define must be defined, and pass, in all of them.
PAIRS = [
    ("text", "bg", 4.5, "body text"),
    ("text", "surface", 4.5, "text on cards and panels"),
    ("text", "surface-alt", 4.5, "text on tinted panels"),
    ("muted", "bg", 4.5, "secondary text"),
    ("muted", "surface", 4.5, "secondary text on cards"),
    ("muted", "surface-alt", 4.5, "secondary text on tinted panels"),
    ("link", "bg", 4.5, "links"),
    ("link", "surface", 4.5, "links on cards"),
    ("primary", "surface", 4.5, "prices and headings in primary"),
    ("primary", "bg", 3.0, "large headings in primary"),
    ("on-primary", "primary", 4.5, "button text"),
    ("on-primary", "primary-hover", 4.5, "button text, hovered"),
    ("on-accent", "accent", 4.5, "badge text"),
    ("topbar-text", "topbar-bg", 4.5, "top bar"),
    ("nav-text", "nav-bg", 4.5, "navigation bar"),
    ("footer-text", "footer-bg", 4.5, "footer text"),
    ("footer-muted", "footer-bg", 4.5, "footer secondary text"),
    ("success", "success-bg", 4.5, "success messages"),
    ("error", "error-bg", 4.5, "error messages"),
    ("error", "surface", 4.5, "field errors"),
    ("info", "info-bg", 4.5, "info messages"),
    ("warn", "warn-bg", 4.5, "warnings"),
    ("border-strong", "surface", 3.0, "input borders (non-text contrast)"),
    ("focus", "bg", 3.0, "focus ring (non-text contrast)"),
    ("focus", "surface", 3.0, "focus ring on cards"),
    ("on-hero", "hero-from", 4.5, "hero text, gradient start"),
    ("on-hero", "hero-to", 4.5, "hero text, gradient end"),
    ("on-footer-accent", "footer-accent", 4.5, "footer call-to-action"),
]
KEYS = {"primary": "primary", "accent": "accent", "background": "bg", "text": "text"}


def lum(hexcol):
    h = hexcol.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    out = []
    for i in (0, 2, 4):
        c = int(h[i:i + 2], 16) / 255.0
        out.append(c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
    return 0.2126 * out[0] + 0.7152 * out[1] + 0.0722 * out[2]


def ratio(a, b):
    la, lb = sorted((lum(a), lum(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def parse_skins(css):
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    skins = {}
    for sel, body in re.findall(r"([^{}]+)\{([^}]*)\}", css):
        ids = re.findall(r'\[data-skin="?([a-z0-9_-]+)"?\]', sel)
        if not ids:
            continue
        props = dict(re.findall(r"--color-([a-z0-9-]+)\s*:\s*(#[0-9a-fA-F]{3,6})", body))
        for i in ids:
            skins.setdefault(i, {}).update(props)
    return skins


def check_theme(d, fails):
    name = os.path.basename(os.path.normpath(d))
    passed = 0
    with open(os.path.join(d, "assets/css/skins.css"), encoding="utf-8") as f:
        skins = parse_skins(f.read())
    with open(os.path.join(d, "theme.json"), encoding="utf-8") as f:
        meta = json.load(f)
    listed = [s["id"] for s in meta.get("skins", [])]
    if sorted(listed) != sorted(skins):
        fails.append("%s: theme.json skins %s != skins.css %s" % (name, listed, sorted(skins)))
    for s in meta.get("skins", []):
        css = skins.get(s["id"], {})
        for key, var in KEYS.items():
            want = css.get(var, "").lower()
            got = s.get("colors", {}).get(key, "").lower()
            if want != got:
                fails.append("%s/%s: theme.json %s %s != skins.css --color-%s %s"
                             % (name, s["id"], key, got, var, want))
            else:
                passed += 1
    used = set()
    for c in skins.values():
        used.update(c)
    for sid, c in sorted(skins.items()):
        for fg, bg, need, what in PAIRS:
            if fg not in used and bg not in used:
                continue
            if fg not in c or bg not in c:
                fails.append("%s/%s: --color-%s or --color-%s missing" % (name, sid, fg, bg))
                continue
            r = ratio(c[fg], c[bg])
            if r + 1e-9 < need:
                fails.append("%s/%s: %s %s on %s %s = %.2f:1 < %.1f:1 (%s)"
                             % (name, sid, fg, c[fg], bg, c[bg], r, need, what))
            else:
                passed += 1
    return passed


def main(argv):
    fails = []
    passed = 0
    for d in argv[1:]:
        passed += check_theme(d, fails)
    for f in fails:
        print(f)
    print("contrast: %d passed, %d failed" % (passed, len(fails)))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
