#!/usr/bin/python3
"""demo_images.py - draw the demo's images into sql/seed/media/.

Original flat illustrations made for Shelf (no photographs, no vendors'
trademarks): two hero images, a section image, six product illustrations
and six brand tiles (a vendor's initials and name on a colour, not its
logo).  sql/seed/demo.sql names each as "media:NAME"; `shelf seed --demo`
stores them through the media store (core/media_demo.h).

Reproducible: everything is drawn from fixed shapes and colours with
Pillow (Debian's python3-pil, installed by `make deps`) and the DejaVu
font (fonts-dejavu-core); run it again and commit what changed:

    /usr/bin/python3 tools/demo_images.py [OUTDIR]
"""
import math
import os
import sys

from PIL import Image, ImageDraw, ImageFont

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "sql", "seed", "media")
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
SS = 2  # drawn at twice the size, then scaled down: smooth edges


def font(px):
    return ImageFont.truetype(FONT, px * SS)


def canvas(w, h, top, bottom):
    """A vertical gradient from top to bottom (RGB tuples)."""
    im = Image.new("RGB", (w * SS, h * SS))
    d = ImageDraw.Draw(im)
    for y in range(h * SS):
        t = y / (h * SS - 1)
        d.line([(0, y), (w * SS, y)], fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom)))
    return im, d


def s(*v):
    return [x * SS for x in v]


def cloud(d, x, y, r, fill):
    for dx, dy, k in ((0, 0, 1.0), (-0.9, 0.35, 0.7), (0.95, 0.3, 0.75), (-0.35, -0.45, 0.8), (0.45, -0.35, 0.7)):
        rr = r * k
        d.ellipse(s(x + dx * r - rr, y + dy * r - rr, x + dx * r + rr, y + dy * r + rr), fill=fill)
    d.rectangle(s(x - 1.6 * r, y + 0.2 * r, x + 1.7 * r, y + 1.0 * r), fill=fill)


def laptop(d, x, y, w, screen, body, accent):
    h = w * 0.62
    d.rounded_rectangle(s(x, y, x + w, y + h), radius=10 * SS, fill=body)
    d.rounded_rectangle(s(x + 12, y + 12, x + w - 12, y + h - 12), radius=6 * SS, fill=screen)
    for i in range(4):
        yy = y + 36 + i * 30
        d.rounded_rectangle(s(x + 36, yy, x + 36 + (w - 140) * (0.9 - 0.18 * i), yy + 14), radius=7 * SS, fill=accent)
    d.rounded_rectangle(s(x - 40, y + h, x + w + 40, y + h + 22), radius=11 * SS, fill=body)


def person(d, x, y, k, skin, shirt):
    d.ellipse(s(x - 22 * k, y - 90 * k, x + 22 * k, y - 46 * k), fill=skin)
    d.rounded_rectangle(s(x - 42 * k, y - 40 * k, x + 42 * k, y + 60 * k), radius=int(30 * k) * SS, fill=shirt)


def save(im, name, w, h, kind="webp"):
    im = im.resize((w, h), Image.LANCZOS)
    path = os.path.join(OUT, "%s.%s" % (name, kind))
    if kind == "webp":
        im.save(path, "WEBP", quality=78, method=6)
    else:
        im.save(path, "PNG", optimize=True)
    return path


def hero_office():
    w, h = 960, 640
    im, d = canvas(w, h, (238, 244, 252), (214, 228, 246))
    cloud(d, 720, 150, 70, (255, 255, 255))
    cloud(d, 250, 120, 45, (250, 252, 255))
    d.rounded_rectangle(s(120, 470, 840, 500), radius=15 * SS, fill=(122, 92, 70))
    laptop(d, 330, 230, 300, (40, 60, 96), (70, 80, 100), (120, 190, 250))
    person(d, 210, 430, 1.1, (233, 186, 150), (208, 80, 72))
    person(d, 760, 430, 1.1, (170, 120, 90), (58, 140, 110))
    for i, c in enumerate(((250, 190, 70), (120, 190, 250), (240, 120, 110))):
        d.ellipse(s(640 + i * 40, 60, 668 + i * 40, 88), fill=c)
    return save(im, "hero-office", w, h)


def hero_city():
    w, h = 960, 640
    im, d = canvas(w, h, (255, 236, 214), (250, 214, 200))
    d.ellipse(s(640, 80, 800, 240), fill=(255, 200, 120))
    xs = [40, 150, 230, 340, 420, 540, 620, 740, 830]
    hs = [260, 380, 300, 440, 340, 480, 320, 400, 280]
    for i, (x, hh) in enumerate(zip(xs, hs)):
        col = (60 + i * 6, 70 + i * 4, 110 + i * 5)
        d.rectangle(s(x, h - hh, x + 100, h), fill=col)
        for wy in range(h - hh + 24, h - 30, 40):
            for wx in range(x + 16, x + 90, 28):
                if (wx * 7 + wy * 3 + i) % 5:
                    d.rectangle(s(wx, wy, wx + 12, wy + 18), fill=(255, 226, 150))
    cloud(d, 300, 150, 60, (255, 255, 255))
    return save(im, "hero-city", w, h)


def migration():
    w, h = 960, 640
    im, d = canvas(w, h, (232, 246, 240), (212, 236, 226))
    # the old server
    d.rounded_rectangle(s(110, 240, 290, 520), radius=14 * SS, fill=(80, 90, 110))
    for i in range(4):
        d.rounded_rectangle(s(130, 262 + i * 62, 270, 308 + i * 62), radius=6 * SS, fill=(110, 124, 150))
        d.ellipse(s(240, 278 + i * 62, 254, 292 + i * 62), fill=(120, 230, 160))
    # the cloud
    cloud(d, 720, 300, 95, (255, 255, 255))
    # boxes on their way, with an arrow
    for i, x in enumerate((350, 450, 550)):
        y = 380 - i * 40
        d.rounded_rectangle(s(x, y, x + 64, y + 52), radius=6 * SS, fill=(230, 170, 80))
        d.line(s(x, y + 20, x + 64, y + 20), fill=(190, 130, 50), width=5 * SS)
    d.line(s(320, 470, 640, 330), fill=(40, 140, 110), width=10 * SS)
    d.polygon(s(660, 322, 628, 310, 640, 346), fill=(40, 140, 110))
    return save(im, "migration", w, h)


def icon_canvas(top, bottom):
    return canvas(640, 400, top, bottom)


def product(name, top, bottom, draw):
    im, d = icon_canvas(top, bottom)
    d.ellipse(s(220, 100, 420, 300), fill=(255, 255, 255))
    draw(d)
    return save(im, "product-" + name, 640, 400)


def suite(d):
    # three documents fanned out: a letter, a sheet, a slide
    for i, c in enumerate(((210, 110, 60), (40, 150, 90), (45, 110, 200))):
        x, y = 258 + i * 26, 138 + i * 14
        d.rounded_rectangle(s(x, y, x + 72, y + 96), radius=8 * SS, fill=c)
        for k in range(3):
            d.rounded_rectangle(s(x + 12, y + 20 + k * 18, x + 60 - k * 10, y + 28 + k * 18), radius=4 * SS,
                                fill=(255, 255, 255))


def meeting(d):
    d.rounded_rectangle(s(250, 150, 390, 240), radius=12 * SS, fill=(90, 80, 190))
    d.polygon(s(300, 240, 330, 240, 292, 268), fill=(90, 80, 190))
    for i in range(3):
        d.ellipse(s(282 + i * 30, 186, 298 + i * 30, 202), fill=(255, 255, 255))


def shield(d):
    d.polygon(s(320, 130, 390, 158, 384, 230, 320, 272, 256, 230, 250, 158), fill=(30, 120, 100))
    d.line(s(290, 202, 314, 226, 356, 178), fill=(255, 255, 255), width=12 * SS, joint="curve")


def chart(d):
    for i, hh in enumerate((50, 90, 70, 120)):
        x = 262 + i * 32
        d.rounded_rectangle(s(x, 260 - hh, x + 22, 260), radius=4 * SS, fill=(230, 150, 40))
    d.line(s(256, 262, 384, 262), fill=(120, 90, 40), width=4 * SS)


def mail(d):
    d.rounded_rectangle(s(250, 160, 390, 250), radius=10 * SS, fill=(40, 120, 200))
    d.line(s(254, 166, 320, 214, 386, 166), fill=(255, 255, 255), width=8 * SS, joint="curve")


def spark(d):
    pts = []
    for k in range(16):
        r = 70 if k % 2 == 0 else 24
        a = math.pi * k / 8
        pts += [320 + r * math.sin(a), 200 - r * math.cos(a)]
    d.polygon(s(*pts), fill=(150, 80, 200))


def brand(name, text, bg, fg):
    """A brand tile: the vendor's initials in a circle and its name in plain type (not its logo)."""
    w, h = 280, 112
    im = Image.new("RGB", (w * SS, h * SS), bg)
    d = ImageDraw.Draw(im)
    d.ellipse(s(14, 16, 94, 96), fill=fg)
    words = text.split()
    initials = (words[0][0] + words[1][0]) if len(words) > 1 else text[:2]
    d.text(s(54, 56), initials, font=font(30), fill=bg, anchor="mm")
    d.text(s(108, 56), text, font=font(22), fill=fg, anchor="lm")
    return save(im, "logo-" + name, w, h, "png")


def main():
    os.makedirs(OUT, exist_ok=True)
    made = [hero_office(), hero_city(), migration(),
            product("suite", (225, 236, 252), (200, 218, 246), suite),
            product("meeting", (234, 230, 252), (214, 208, 246), meeting),
            product("shield", (222, 244, 236), (198, 232, 220), shield),
            product("chart", (252, 240, 222), (246, 224, 196), chart),
            product("mail", (222, 238, 252), (196, 222, 246), mail),
            product("spark", (244, 230, 250), (228, 208, 242), spark)]
    for name, text, bg, fg in (("microsoft", "Microsoft", (236, 242, 250), (40, 70, 120)),
                               ("google", "Google", (240, 248, 240), (40, 100, 60)),
                               ("acronis", "Acronis", (236, 244, 252), (30, 80, 140)),
                               ("dropbox", "Dropbox", (234, 240, 252), (30, 70, 160)),
                               ("bitdefender", "Bitdefender", (250, 236, 236), (140, 30, 40)),
                               ("zoom", "Zoom", (234, 244, 252), (20, 90, 170))):
        made.append(brand(name, text, bg, fg))
    total = sum(os.path.getsize(p) for p in made)
    for p in made:
        print("%8d  %s" % (os.path.getsize(p), os.path.relpath(p, ROOT)))
    print("%8d  bytes in %d files" % (total, len(made)))


if __name__ == "__main__":
    main()
