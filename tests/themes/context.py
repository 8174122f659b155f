#!/usr/bin/env python3
"""context.py - build one render context for the theme checks.

usage: context.py PAGE[+VARIANT] THEME SKIN [ASSET_BASE [MEDIA_BASE]]

Deep-merges tests/themes/_common.json (site, urls, nav, csrf_token, flash)
with tests/themes/PAGE.json (objects merge key by key, anything else in the
page file replaces the common value), and for PAGE+VARIANT then with
tests/themes/PAGE+VARIANT.json, where null removes a key (a variant of the
sample: "product+no-max" is a product without a maximum quantity); sets
site.theme and site.skin, and prints the JSON.  ASSET_BASE replaces site.asset_base (default
/assets/THEME/0000000); MEDIA_BASE replaces the @MEDIA@ token used by
sample product and section images (default /media).
"""
import json
import os
import sys


def merge(base, over, drop_null=False):
    if isinstance(base, dict) and isinstance(over, dict):
        out = dict(base)
        for k, v in over.items():
            if drop_null and v is None:
                out.pop(k, None)
            else:
                out[k] = merge(base[k], v, drop_null) if k in base else v
        return out
    return over


def main(argv):
    if len(argv) < 4:
        sys.stderr.write(__doc__)
        return 2
    page, theme, skin = argv[1:4]
    asset_base = argv[4] if len(argv) > 4 else "/assets/%s/0000000" % theme
    media_base = argv[5] if len(argv) > 5 else "/media"
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "_common.json"), encoding="utf-8") as f:
        ctx = json.load(f)
    with open(os.path.join(here, page.split("+")[0] + ".json"), encoding="utf-8") as f:
        ctx = merge(ctx, json.load(f))
    if "+" in page:
        with open(os.path.join(here, page + ".json"), encoding="utf-8") as f:
            ctx = merge(ctx, json.load(f), drop_null=True)
    ctx["site"]["theme"] = theme
    ctx["site"]["skin"] = skin
    ctx["site"]["asset_base"] = asset_base
    text = json.dumps(ctx, ensure_ascii=False, indent=1)
    sys.stdout.write(text.replace("@MEDIA@", media_base) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
