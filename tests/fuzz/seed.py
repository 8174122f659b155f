#!/usr/bin/env python3
"""seed.py - write the hand-made seed inputs of the fuzz targets into
tests/fuzz/corpus/NAME/ (seed-* files; what the fuzzers found and the
merge kept sits beside them).  Run from the repository root; it reads
the Mustache spec (tests/mustache-spec), the classic theme's templates
and a generated Partner Center file (tools/gen_usage_csv.py).  Rerun it,
then `make fuzz-merge`, when a format changes."""
import glob, hashlib, json, os, subprocess, sys

OUT = "tests/fuzz/corpus"
RS = b"\x1e"

def put(target, data):
    if isinstance(data, str):
        data = data.encode()
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    name = "seed-" + hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)

# request: FastCGI environment lines, an empty line, the body
base = ["REQUEST_METHOD=GET", "HTTP_HOST=demo.shop.example", "SERVER_PORT=443", "HTTPS=on",
        "REMOTE_ADDR=203.0.113.9"]
for uri, extra, body in [
    ("/s/demo/", [], ""),
    ("/s/demo/catalog?q=office+365&page=2&sort=price", ["QUERY_STRING=q=office+365&page=2&sort=price"], ""),
    ("/s/demo/product/m365-business-basic", ["HTTP_IF_NONE_MATCH=W/\"5f3a\", \"b2\""], ""),
    ("/s/demo/cart", ["REQUEST_METHOD=POST", "CONTENT_TYPE=application/x-www-form-urlencoded",
                      "CONTENT_LENGTH=40", "HTTP_COOKIE=__Host-shelf_cart=12:3.45:1; shelf_csrf=ab12"],
     "csrf=ab12&product_id=12&quantity=3&add=1"),
    ("/s/demo/login", ["REQUEST_METHOD=POST", "CONTENT_TYPE=application/x-www-form-urlencoded; charset=UTF-8",
                       "HTTP_COOKIE=shelf_session=0123456789abcdef; theme=\"dark\""],
     "email=a%40b.example&password=p%C3%A4ss+word"),
    ("/caf%C3%A9/%2e%2e/x", ["HTTP_HOST=Shop.Example.COM.:8443"], ""),
    ("/s/Bad_Slug/", ["HTTP_HOST=[::1]:80"], ""),
    ("/bad%zz", [], ""),
    ("/%00", [], ""),
    ("/x?a=%FF", [], ""),
    ("/livez", ["REQUEST_METHOD=OPTIONS", "HTTP_HOST=10.0.0.1"], ""),
    ("/s/demo/usage?month=2026-11&sub=7&utm_source=x&fbclid=y", [], ""),
]:
    env = [e for e in base if not any(e.split("=")[0] == x.split("=")[0] for x in extra)]
    lines = env + extra + ["REQUEST_URI=" + uri]
    put("request", "\n".join(lines) + "\n\n" + body)
put("request", "DOCUMENT_URI=/s/demo\nHTTP_COOKIE=" + "; ".join("c%d=v" % i for i in range(70)) + "\n")

# http: query strings, forms, cookies, escapes, entity tags
for s in ["a=1&b=x+y&c", "q=caf%C3%A9&&page=2", "=x&y=", "%", "%4", "%zz=1", "a=%00", "a=%C3%28",
          "x=" + "%41" * 30, "&".join("k%d=%d" % (i, i) for i in range(65)),
          "session=abc; theme=\"dark\"; junk; =v;  spaced = yes ", "W/\"abc\", \"def\"", "*",
          "m365-business-basic", "-bad-", "GET", "HEAD", "POST", "a+b%2Bc%20d"]:
    put("http", s)

# mustache: template RS data RS partials ("NAME\nSOURCE")
for f in sorted(glob.glob("tests/mustache-spec/*.json")):
    for case in json.load(open(f))["tests"]:
        parts = [case["template"].encode(), json.dumps(case["data"]).encode()]
        for name, src in case.get("partials", {}).items():
            parts.append(name.encode() + b"\n" + src.encode())
        put("mustache", RS.join(parts))
sample = {"store": {"name": "Demo <Shop> & Co", "currency": "EUR"}, "products": [
    {"name": "Microsoft 365 Business Basic", "price": "€5.60", "sku": "m365-bb", "new": True},
    {"name": "Defender", "price": "€3.00", "sku": "def", "new": False}], "user": None, "count": 2}
for path in sorted(glob.glob("themes/classic/templates/*.mustache"))[:12] + \
        sorted(glob.glob("themes/classic/mail/*.mustache"))[:6]:
    src = open(path, "rb").read()
    if len(src) <= 6000:
        put("mustache", src + RS + json.dumps(sample).encode())
put("mustache", b"{{#a}}{{>p}}{{/a}}" + RS + b'{"a":[1,2,3]}' + RS + b"p\n{{.}}{{>p}}")
put("mustache", b"{{<parent}}{{$b}}child{{/b}}{{/parent}}" + RS + b"{}" + RS + b"parent\n<{{$b}}default{{/b}}>")
put("mustache", b"{{=<% %>=}}<% x %>{{x}}" + RS + b'{"x":"<&>"}')
put("mustache", b"{{#unclosed}}")
put("mustache", b"{{{x}}} {{&x}} {{x}}" + RS + b'{"x":1.5e300}')

# money: amounts and markups; the first 21 bytes also drive the arithmetic
for s in ["0", "12", "12.5", "12.50", "1234.567", "0.001", ".5", "5.", "9223372036854775807",
          "92233720368547758.07", "12.50%", " 7,5 % ", "1000", "1000.01", "-1", "1e3", "",
          "\xff\xff\xff\xff\xff\xff\xff\x7f\x02\x00\x00\x00\x00\x00\x00\x00\xe2\x04\x00\x00\x10",
          "\x00\x00\x00\x00\x00\x00\x00\x80\xff\xff\xff\xff\xff\xff\xff\xff\x10\x27\x00\x00\x07"]:
    put("money", s.encode("latin-1"))

# text: names, addresses, invisible characters, ill-formed UTF-8
for s in [b"Acme GmbH", b"J\xc3\xbcrgen M\xc3\xbcller", b"\xe2\x80\xaeexe.txt", b"a\xe2\x80\x8bb",
          b"line1\nline2\ttab", b"\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x92\xbb", b"\xc0\xaf", b"\xed\xa0\x80",
          b"\xf4\x90\x80\x80", b"\xe0\x80\xaf", b"\xc2\x85", b"\x7f", b"a\x00b", b"   ",
          b"user@example.com", b"a.b+c@sub.d\xc3\xa9.example", b"@x.y", b"a@b", b"a@@b.c", b"a b@c.d",
          b"100%_off!", b"9223372036854775807", b"9223372036854775808", b"0123", b"10000", b"10001",
          b"\xef\xbb\xbfbom", b"\xd8\x9c"]:
    put("text", s)

# mail: subject RS text RS html [RS reply-to RS from RS to RS msgid]
for parts in [
    [b"Your order 1042 is complete", b"Hello,\n\nthanks for your order.\n", b"<p>Hello</p>"],
    ["Commande n\u00b0 1042 \u2013 confirm\u00e9e \u2705".encode(), "Gr\u00fc\u00dfe\r\n= end \n".encode()],
    [b"x" * 120, b"y" * 200 + b" \n\t\n", b"", b"support@reseller.example"],
    [b"a " + b"z" * 100, b"short"],
    [b" leading " + b"w" * 90 + b" tail", b"body"],
    [b"=?UTF-8?B?SGk=?= plain", b"=41 literal =\n"],
    [b"Injected\r\nBcc: x@evil.example", b"b"],
    [b"ok", b"b", b"<b>h</b>", b"", b"bad from@x", b"to@example.org", b"id"],
    [("\u00e9" * 60).encode(), b"\x00\x01\x7f\xff"],
]:
    put("mail", RS.join(parts))

# csv: a generated Partner Center file (a few rows) and hand-made edge cases
try:
    gen = subprocess.run([sys.executable, "tools/gen_usage_csv.py", "--rows", "4", "--plan",
                          "8d1a7b52-0000-4000-8000-000000000001:EUR", "--end", "2026-11-30", "--days", "2"],
                         capture_output=True, check=True).stdout
    put("csv", gen[:6000])
except (subprocess.CalledProcessError, OSError) as e:
    print("seed.py: gen_usage_csv.py failed: %s" % e, file=sys.stderr)
hdr = ("CustomerId,SubscriptionId,EntitlementId,UsageDate,MeterCategory,MeterSubCategory,MeterName,MeterId,"
       "ResourceGroup,ResourceURI,Unit,Quantity,UnitPrice,BillingPreTaxTotal,BillingCurrency,MeterRegion\r\n")
put("csv", "\ufeff" + hdr + 'c1,s1,e1,2026-11-03,Storage,"Tiered, Block",LRS,m1,rg,/sub/x,1 GB,0.5,0.02,1.2E-05,EUR,westeurope\r\n')
put("csv", hdr + 'c1,s1,,11/3/2026 12:00:00 AM,Compute,,D2s v3,,rg,"/a ""quoted"" uri",1 Hour,24,0.096,2.304,EUR,\n')
put("csv", hdr + 'c1,s1,e1,2026-02-29,X,Y,Z,m,r,u,h,-1,abc,99999999999999999999,EUR,\r\n')
put("csv", hdr + 'c1,s1,e1,2028-02-29T00:00:00,X,Y,Z,m,r,u,h,1.0000005,0,0.005,usd,\r"open quote\n')
put("csv", "Quantity,UsageDate\n\n\n  12.5 , 2026-04-31\n-0.0000005,13/45/2026\n")
put("csv", "a,b\r\n\"x\"y,\"\"\r\n,\r\n\r\n")

# keys: one licence key per line
for s in [b"AAAA-BBBB-CCCC\nDDDD-EEEE-FFFF\n", b"# comment\n\n  KEY-1  \r\nKEY-2\t\n#KEY-3\n",
          b"K" * 256 + b"\n", "\u00e9".encode() * 255 + b"\n", b"ok\nbad\x01key\n", b"\n\n  \n# only\n",
          b"\xe2\x80\xaeKEY\n", b"last-without-newline"]:
    put("keys", s)
