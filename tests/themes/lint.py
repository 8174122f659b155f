#!/usr/bin/env python3
"""lint.py - structural, security and accessibility checks of one rendered page.

usage: lint.py PAGE.html SKIN [SECTION_TYPE...]

Prints one line per problem (nothing when the page is clean) and exits 1
when there was any.  Checks: exactly one <h1>, one <main>, one non-empty
<title>; <html lang> and data-skin="SKIN"; the nasty sample strings came out
escaped (no "<script>alert(1)"); no inline style attributes or event
handlers; scripts only as JSON-LD data, the Google tag or an external file
under the asset base; every <img> has alt; every visible form control has a
<label for> or aria-label; ids are unique; every POST form carries a
csrf_token hidden field; the meta description, canonical link and Open
Graph title/url/type are present.  Each SECTION_TYPE given must appear as
data-section="TYPE" (the homepage renders every section type).
"""
import re
import sys
from html.parser import HTMLParser


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.count = {}
        self.ids = {}
        self.label_for = set()
        self.controls = []
        self.forms = []
        self.form = None
        self.attrs_of = {}
        self.title = ""
        self.in_title = False
        self.meta = set()
        self.sections = set()
        self.html_attrs = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.count[tag] = self.count.get(tag, 0) + 1
        line = self.getpos()[0]
        if tag == "html":
            self.html_attrs = a
        if "id" in a:
            if a["id"] in self.ids:
                self.problems.append("line %d: duplicate id %r" % (line, a["id"]))
            self.ids[a["id"]] = line
        if "style" in a:
            self.problems.append("line %d: inline style attribute on <%s>" % (line, tag))
        for k in a:
            if k.startswith("on"):
                self.problems.append("line %d: event handler %s on <%s>" % (line, k, tag))
        if "data-section" in a:
            self.sections.add(a["data-section"])
        if tag == "title":
            self.in_title = True
        if tag == "script":
            src = a.get("src", "")
            if a.get("type") == "application/ld+json":
                pass
            elif src.startswith("https://www.googletagmanager.com/gtag/js?id="):
                pass
            elif src.endswith("/js/gtag-init.js"):
                pass
            else:
                self.problems.append("line %d: script that is neither JSON-LD nor the Google tag" % line)
        if tag == "img" and "alt" not in a:
            self.problems.append("line %d: <img> without alt" % line)
        if tag == "label" and "for" in a:
            self.label_for.add(a["for"])
        if tag in ("input", "select", "textarea"):
            typ = a.get("type", "text")
            if typ not in ("hidden", "submit", "button", "reset", "image"):
                self.controls.append((line, tag, a))
            if self.form is not None and typ == "hidden" and a.get("name") == "csrf_token" and a.get("value"):
                self.form["csrf"] = True
        if tag == "form":
            self.form = {"line": line, "method": a.get("method", "get").lower(), "csrf": False}
            self.forms.append(self.form)
        if tag == "meta":
            if a.get("name") == "description" and a.get("content"):
                self.meta.add("description")
            if a.get("property", "").startswith("og:") and a.get("content"):
                self.meta.add(a["property"])
        if tag == "link" and a.get("rel") == "canonical" and a.get("href"):
            self.meta.add("canonical")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if tag == "form":
            self.form = None

    def handle_data(self, data):
        if self.in_title:
            self.title += data


def main(argv):
    if len(argv) < 3:
        sys.stderr.write(__doc__)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        text = f.read()
    skin = argv[2]
    p = Page()
    p.feed(text)
    out = p.problems
    for tag in ("h1", "main", "title"):
        if p.count.get(tag, 0) != 1:
            out.append("%d <%s> elements, want exactly 1" % (p.count.get(tag, 0), tag))
    if not p.title.strip():
        out.append("empty <title>")
    if not p.html_attrs.get("lang"):
        out.append("<html> without lang")
    if p.html_attrs.get("data-skin") != skin:
        out.append("<html data-skin> is %r, want %r" % (p.html_attrs.get("data-skin"), skin))
    if re.search(r"<script>alert\(1\)", text, re.I):
        out.append("unescaped <script>alert(1) from the sample data")
    for line, tag, a in p.controls:
        if a.get("id") not in p.label_for and not a.get("aria-label") and not a.get("aria-labelledby"):
            out.append("line %d: <%s name=%r> has no label" % (line, tag, a.get("name")))
    for fm in p.forms:
        if fm["method"] == "post" and not fm["csrf"]:
            out.append("line %d: POST form without csrf_token" % fm["line"])
    for m in ("description", "canonical", "og:title", "og:url", "og:type"):
        if m not in p.meta:
            out.append("missing %s" % m)
    for t in argv[3:]:
        if t not in p.sections:
            out.append("section type %s not rendered" % t)
    for o in out:
        print(o)
    return 1 if out else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
