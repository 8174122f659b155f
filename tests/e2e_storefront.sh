#!/bin/sh
# e2e_storefront.sh - the public storefront end to end: a private nginx +
# bin/shelf-fcgi on a free loopback port, in front of a database of its own
# made by `shelf migrate` and `shelf seed --demo` (tests/lib/storefront_stack.sh),
# driven over HTTP with curl; HTML, JSON-LD and the sitemap are parsed by
# tests/e2e/page.py.  Settings are changed with SQL that bumps storefronts.version the
# way core does, so the test is about what shelf-fcgi makes of them.
#
# Run by `make test` (tools/test.sh); by hand: sh tests/e2e_storefront.sh
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/tests/lib/storefront_stack.sh"
. "$ROOT/tests/lib/check.sh"

W=$(mktemp -d /tmp/shelf-e2e.XXXXXX)
trap 'stack_stop; rm -rf "$W"' EXIT
trap 'exit 1' INT TERM


stack_start e2e_storefront || { echo "not ok - the stack did not start"; exit 1; }
U=$STACK_URL
S=$U/s/demo

# get [CURL ARGS...] URL - body into $W/body, headers into $W/head; prints the status
get() {
	curl -s -o "$W/body" -D "$W/head" -w '%{http_code}' "$@"
}
status_is() { [ "$(get "$@")" = "$want" ]; }
expect() { want=$1; d=$2; shift 2; check "$d" status_is "$@"; }
body_has() { grep -qF -- "$1" "$W/body"; }
body_lacks() { ! grep -qF -- "$1" "$W/body"; }
header() { tr -d '\r' <"$W/head" | awk -v h="$(echo "$1" | tr 'A-Z' 'a-z')" \
	'{ n = index($0, ":"); if (n && tolower(substr($0, 1, n - 1)) == h) { print substr($0, n + 2); exit } }'; }
bump() { stack_sql "UPDATE storefronts SET version = version + 1 WHERE reseller_id = ${1:-1}"; }

py() { python3 "$ROOT/tests/e2e/page.py" "$@"; }

# --- every page of the demo storefront ------------------------------------
product=microsoft-365-business-standard
expect 200 "home answers 200" "$S/"
check "home shows the company name and the hero" sh -c "grep -q 'Demo Cloud Shop' '$W/body' && grep -q 'Cloud software for growing businesses' '$W/body'"
check "home shows a featured product" body_has "/s/demo/products/microsoft-365-business-premium"
check "home has Organization JSON-LD that parses" py jsonld "$W/body" Organization
check "home has only JSON-LD and external scripts, no inline style or handlers" py scripts-ok "$W/body"
check "home canonical URL" test "$(py meta "$W/body" canonical)" = "$S/"
t_home=$(py title "$W/body")
expect 200 "catalog answers 200" "$S/catalog"
check "catalog lists listed products" body_has 'class="product-card"'
check "catalog has a result count" sh -c "grep -Eq '[0-9]+ products' '$W/body'"
t_catalog=$(py title "$W/body")
expect 200 "catalog page 2 answers 200" "$S/catalog?page=2"
check "catalog page 2 has its own canonical URL" test "$(py meta "$W/body" canonical)" = "$S/catalog?page=2"
t_page2=$(py title "$W/body")
expect 404 "catalog page past the end is 404" "$S/catalog?page=999"
expect 200 "search answers 200" "$S/catalog?q=teams"
check "search finds Teams" body_has "Microsoft Teams Essentials"
check "search pages are noindex" test "$(py meta "$W/body" robots)" = "noindex, follow"
expect 200 "category page answers 200" "$S/category/productivity"
t_category=$(py title "$W/body")
expect 404 "unknown category is 404" "$S/category/no-such-category"
expect 200 "product page answers 200" "$S/products/$product"
check "product page has Product JSON-LD with an Offer" py jsonld "$W/body" Product
check "product page og:type is product" test "$(py meta "$W/body" og:type)" = product
check "product page shows the trial call to action" body_has "Try it free for 30 days"
t_product=$(py title "$W/body")
expect 200 "contact page answers 200" "$S/contact"
check "contact page shows the contact details" body_has "hello@democloudshop.example"
check "contact page has a form with a CSRF token" sh -c "grep -Eq 'name=\"csrf_token\" value=\"[0-9a-f]{64}\"' '$W/body'"
t_contact=$(py title "$W/body")
check "titles are unique per page" test "$(printf '%s\n' "$t_home" "$t_catalog" "$t_page2" "$t_category" "$t_product" "$t_contact" | sort -u | wc -l)" -eq 6
expect 200 "robots.txt answers 200" "$S/robots.txt"
check "robots.txt names the sitemap" body_has "Sitemap: $S/sitemap.xml"
expect 301 "/s/demo redirects to /s/demo/" "$U/s/demo"
check "... with the slash" test "$(header Location)" = "$S/"
expect 301 "/products redirects to the catalog" "$S/products?q=x"
check "... keeping the query" test "$(header Location)" = "$S/catalog?q=x"

# --- prices: cost + markup, rounded half-up once ---------------------------
stack_sql "SELECT p.slug, p.type, p.currency,
	CONCAT(FLOOR((p.unit_cost + (p.unit_cost * l.markup_bp + 5000) DIV 10000) / 100), '.',
	       LPAD(MOD(p.unit_cost + (p.unit_cost * l.markup_bp + 5000) DIV 10000, 100), 2, '0'))
	FROM listings l JOIN products p ON p.id = l.product_id
	WHERE l.reseller_id = 1 AND l.listed = 1 AND p.active = 1 ORDER BY p.slug" >"$W/listed"
bad_prices=0
n_listed=0
while IFS="$(printf '\t')" read -r slug type cur price; do
	n_listed=$((n_listed + 1))
	if [ "$(get "$S/products/$slug")" != 200 ]; then
		echo "# $slug: not 200"; bad_prices=$((bad_prices + 1)); continue
	fi
	offer=$(py offer "$W/body")
	shown=$(py shown-price "$W/body")
	if [ "$offer" != "$price $cur" ]; then
		echo "# $slug: JSON-LD offer $offer, expected $price $cur"; bad_prices=$((bad_prices + 1))
	fi
	if [ "$shown" != "$price" ] && ! { [ "$type" = usage ] && [ "$price" = 0.00 ] && [ "$shown" = "Pay as you go" ]; }; then
		echo "# $slug: shown $shown, expected $price"; bad_prices=$((bad_prices + 1))
	fi
done <"$W/listed"
check "every listed product ($n_listed) shows cost + markup rounded, in page and JSON-LD" test "$bad_prices" -eq 0 -a "$n_listed" -gt 0

# --- sitemap ------------------------------------------------------------
expect 200 "sitemap.xml answers 200" "$S/sitemap.xml"
check "sitemap is application/xml" sh -c "case '$(header Content-Type)' in application/xml*) true;; *) false;; esac"
if py sitemap "$W/body" >"$W/locs"; then ok "sitemap parses as a sitemaps.org urlset"; else nok "sitemap parses as a sitemaps.org urlset"; fi
grep "/products/" "$W/locs" | sed "s|^$S/products/||" | sort >"$W/sitemap-products"
cut -f1 "$W/listed" | sort >"$W/listed-slugs"
check "sitemap lists every listed product and no other" cmp -s "$W/sitemap-products" "$W/listed-slugs"
check "sitemap lists home, catalog, categories and contact" sh -c "grep -qx '$S/' '$W/locs' && grep -qx '$S/catalog' '$W/locs' && grep -q '$S/category/' '$W/locs' && grep -qx '$S/contact' '$W/locs'"
unlisted=$(stack_sql "SELECT p.slug FROM products p WHERE p.distributor_id = 1 AND p.id NOT IN
	(SELECT product_id FROM listings WHERE reseller_id = 1 AND listed = 1) LIMIT 1")
if [ -n "$unlisted" ]; then
	expect 404 "an unlisted product ($unlisted) is 404" "$S/products/$unlisted"
fi

# --- not found, editions ------------------------------------------------------
expect 404 "unknown storefront is 404" "$U/s/no-such-shop/"
check "... a themed page" body_has "Page not found"
expect 404 "unknown product is 404" "$S/products/no-such-product"
expect 404 "unknown path is 404" "$S/no/such/page"
basic=$(stack_sql "SELECT s.slug FROM storefronts s JOIN resellers r ON r.id = s.reseller_id WHERE r.edition = 'basic' LIMIT 1")
if [ -n "$basic" ]; then
	expect 404 "a Basic reseller's storefront ($basic) is 404" "$U/s/$basic/"
else
	nok "the demo data has a Basic reseller with a storefront row"
fi
expect 200 "brightpath answers while Standard" "$U/s/brightpath/"
stack_sql "UPDATE resellers SET edition = 'basic' WHERE id = 2"; bump 2
expect 404 "a downgraded storefront stops answering on the next request" "$U/s/brightpath/"
stack_sql "UPDATE resellers SET edition = 'standard' WHERE id = 2"; bump 2

# --- routing by Host ---------------------------------------------------------
expect 200 "SLUG.<base domain> routes to the storefront" -H "Host: demo.shops.example" "$U/catalog"
check "... and its links have no /s/ prefix" sh -c "grep -q 'href=\"/products/' '$W/body' && ! grep -q 'href=\"/s/demo' '$W/body'"
domain=$(stack_sql "SELECT s.custom_domain FROM storefronts s JOIN resellers r ON r.id = s.reseller_id
	WHERE s.custom_domain IS NOT NULL AND r.edition <> 'basic' AND r.status = 'active' LIMIT 1")
if [ -n "$domain" ]; then
	name=$(stack_sql "SELECT company_name FROM storefronts WHERE custom_domain = '$domain'")
	expect 200 "a custom domain ($domain) routes to its storefront" -H "Host: $domain" "$U/"
	check "... showing $name" body_has "$name"
fi
expect 404 "an unknown host is 404" -H "Host: nobody.example.org" "$U/"

# --- renamed slugs: 301 ------------------------------------------------------
stack_sql "INSERT INTO product_slug_redirects (distributor_id, old_slug, product_id)
	SELECT distributor_id, 'old-m365-standard', id FROM products WHERE slug = '$product'"
expect 301 "a renamed product slug answers 301" "$S/products/old-m365-standard"
check "... to the current slug" test "$(header Location)" = "$S/products/$product"
stack_sql "INSERT INTO storefront_slug_redirects (old_slug, reseller_id) VALUES ('old-demo', 1)"
expect 301 "a renamed storefront slug answers 301" "$U/s/old-demo/catalog"
check "... to the current slug" test "$(header Location)" = "$S/catalog"

# --- analytics -------------------------------------------------------------
get "$S/" >/dev/null
check "the Google tag is there when the reseller set an id" body_has "gtag/js?id=G-DEMO12345"
get "$U/s/brightpath/" >/dev/null
check "and absent when not" body_lacks "googletagmanager"
stack_sql "UPDATE storefronts SET analytics_id = 'G-TEST42' WHERE reseller_id = 2"; bump 2
get "$U/s/brightpath/" >/dev/null
check "setting an id shows the tag on the next request" body_has "gtag/js?id=G-TEST42"

# --- caching -------------------------------------------------------------------
get "$S/products/$product" >/dev/null
etag=$(header ETag)
check "public pages carry an ETag" test -n "$etag"
check "a page with a form (buy box) is private, no-cache" test "$(header Cache-Control)" = "private, no-cache"
get "$S/catalog" >/dev/null
check "a page without one is public, no-cache" test "$(header Cache-Control)" = "public, no-cache"
expect 304 "If-None-Match with that ETag gives 304" -H "If-None-Match: $etag" "$S/products/$product"
stack_sql "UPDATE listings l JOIN products p ON p.id = l.product_id SET l.markup_bp = 5000
	WHERE l.reseller_id = 1 AND p.slug = '$product'"; bump 1
want_price=$(stack_sql "SELECT CONCAT(FLOOR((unit_cost + (unit_cost * 5000 + 5000) DIV 10000) / 100), '.',
	LPAD(MOD(unit_cost + (unit_cost * 5000 + 5000) DIV 10000, 100), 2, '0')) FROM products WHERE slug = '$product'")
expect 200 "after a markup change the old ETag no longer matches" -H "If-None-Match: $etag" "$S/products/$product"
check "the page shows the new price ($want_price) on the next request" test "$(py shown-price "$W/body")" = "$want_price"
get "$S/catalog?q=Business+Standard" >/dev/null
check "... and so does the catalog" body_has "$want_price"
stack_sql "UPDATE storefronts SET company_name = 'Demo Cloud Shop Renamed' WHERE reseller_id = 1"; bump 1
get "$S/" >/dev/null
check "a settings change shows on the next request" body_has "Demo Cloud Shop Renamed"
stack_sql "UPDATE storefronts SET company_name = 'Demo Cloud Shop' WHERE reseller_id = 1"; bump 1

# the navigation's categories and counts (kept per storefront version) follow the
# listings: the first category (every page's navigation shows it) loses its products
cat_slug=$(stack_sql "SELECT c.slug FROM categories c JOIN product_categories pc ON pc.category_id = c.id
	JOIN listings l ON l.product_id = pc.product_id AND l.reseller_id = 1 AND l.listed = 1
	GROUP BY c.id ORDER BY c.position, c.name, c.id LIMIT 1")
get "$S/cart" >/dev/null
check "the cart page's navigation lists category '$cat_slug'" body_has "/s/demo/category/$cat_slug\""
stack_sql "CREATE TABLE e2e_unlisted AS SELECT l.product_id FROM listings l JOIN product_categories pc
	ON pc.product_id = l.product_id JOIN categories c ON c.id = pc.category_id
	WHERE l.reseller_id = 1 AND l.listed = 1 AND c.slug = '$cat_slug';
	UPDATE listings SET listed = 0 WHERE reseller_id = 1 AND product_id IN (SELECT product_id FROM e2e_unlisted)"; bump 1
get "$S/cart" >/dev/null
check "unlisting its products takes '$cat_slug' out of the navigation on the next request (a personal page)" \
	body_lacks "/s/demo/category/$cat_slug\""
get "$S/" >/dev/null
check "... and out of the home page's" body_lacks "/s/demo/category/$cat_slug\""
stack_sql "UPDATE listings SET listed = 1 WHERE reseller_id = 1 AND product_id IN (SELECT product_id FROM e2e_unlisted);
	DROP TABLE e2e_unlisted"; bump 1
get "$S/cart" >/dev/null
check "listing them again brings '$cat_slug' back" body_has "/s/demo/category/$cat_slug\""

# --- escaping of everything a reseller or customer sets --------------------------
sql_nasty="Café </script><script>alert(1)</script> & \"Zoë\" <b>"
stack_sql "UPDATE storefronts SET company_name = '$sql_nasty', meta_title = '$sql_nasty', meta_description = '$sql_nasty',
	contact_phone = '+31 20 555',
	sections = JSON_ARRAY(
	  JSON_OBJECT('type', 'hero', 'title', '$sql_nasty', 'subtitle', '$sql_nasty', 'cta_label', 'x', 'cta_url', 'javascript:alert(1)'),
	  JSON_OBJECT('type', 'text', 'title', '$sql_nasty', 'body', '$sql_nasty'),
	  JSON_OBJECT('type', 'featured_products', 'title', '$sql_nasty', 'products', JSON_ARRAY('$product')))
	WHERE reseller_id = 1"
stack_sql "UPDATE products SET name = '$sql_nasty', short_description = '$sql_nasty', description = '$sql_nasty'
	WHERE slug = '$product'"; bump 1
for p in / /catalog "/products/$product" /contact; do
	get "$S$p" >/dev/null
	check "$p: reseller and catalog text is escaped" body_lacks "<script>alert(1)"
	check "$p: no raw <b> from data" body_lacks '" <b>'
done
get "$S/" >/dev/null
check "a javascript: link from a section is dropped" body_lacks "javascript:"
check "the Organization JSON-LD still parses, name intact" sh -c "python3 '$ROOT/tests/e2e/page.py' jsonld '$W/body' Organization print | grep -qF 'alert(1)'"
check "JSON-LD writes < as \\u003c, so it cannot close its script element" body_has '\u003c/script\u003e'
get "$S/products/$product" >/dev/null
check "the Product JSON-LD still parses" py jsonld "$W/body" Product
get "$S/sitemap.xml" >/dev/null
check "the sitemap still parses" sh -c "python3 '$ROOT/tests/e2e/page.py' sitemap '$W/body' >/dev/null"
stack_sql "UPDATE storefronts SET contact_phone = '+31 20 555 0101' WHERE reseller_id = 1"

# --- contact form ----------------------------------------------------------------
jar="$W/cookies"
get -c "$jar" "$S/contact" >/dev/null
tok=$(sed -n 's/.*name="csrf_token" value="\([0-9a-f]*\)".*/\1/p' "$W/body" | head -1)
check "the contact page sets a SameSite=Lax HttpOnly CSRF cookie" sh -c "grep -i '^set-cookie: shelf_csrf=' '$W/head' | grep -qi 'samesite=lax' && grep -i '^set-cookie' '$W/head' | grep -qi httponly"
check "pages with a form may be kept by the browser only" test "$(header Cache-Control)" = "private, no-cache"
get -b "$jar" "$S/products/$product" >/dev/null
check "a cached page with a form carries this browser's token" sh -c "grep -q 'name=\"csrf_token\" value=\"$tok\"' '$W/body' && ! grep -q 'csrf-placeholder' '$W/body'"
msgs() { stack_sql "SELECT COUNT(*) FROM contact_messages WHERE reseller_id = 1 AND email = 'e2e@example.com'"; }
expect 403 "a POST without the CSRF cookie is refused" -d "csrf_token=$tok&name=A&email=e2e@example.com&message=hi" "$S/contact"
expect 403 "a POST with a wrong token is refused" -b "$jar" -d "csrf_token=$(printf '%064d' 0)&name=A&email=e2e@example.com&message=hi" "$S/contact"
expect 422 "an invalid e-mail is refused with the form again" -b "$jar" \
	--data-urlencode "csrf_token=$tok" --data-urlencode "name=<script>alert(1)</script>" \
	--data-urlencode "email=not-an-email" --data-urlencode "message=hi" "$S/contact"
check "... saying what is wrong" body_has "valid e-mail address"
check "... with the input escaped" sh -c "! grep -qF '<script>alert(1)' '$W/body' && grep -qF '&lt;script&gt;alert(1)' '$W/body'"
before=$(msgs)
outbox_before=$(stack_sql "SELECT COUNT(*) FROM outbox")
expect 303 "a valid message answers 303" -b "$jar" --data-urlencode "csrf_token=$tok" \
	--data-urlencode "name=Zoë O'Brien" --data-urlencode "email=e2e@example.com" \
	--data-urlencode "subject=Licences" --data-urlencode "message=We need 12 licences." "$S/contact"
check "... to the confirmation page" test "$(header Location)" = "$S/contact/sent"
check "the message is stored for the reseller" test "$(msgs)" -eq $((before + 1))
check "a notification is queued in the outbox" test "$(stack_sql "SELECT COUNT(*) FROM outbox")" -gt "$outbox_before"
expect 200 "the confirmation page answers 200" "$S/contact/sent"
check "... and thanks" body_has "Thank you"
before=$(msgs)
expect 303 "a bot filling the honeypot is told it worked" -b "$jar" --data-urlencode "csrf_token=$tok" \
	--data-urlencode "name=Bot" --data-urlencode "email=e2e@example.com" --data-urlencode "message=spam" \
	--data-urlencode "website=http://spam.example" "$S/contact"
check "... but nothing is stored" test "$(msgs)" -eq "$before"
limited=0
for i in 1 2 3 4 5 6; do
	c=$(get -b "$jar" --data-urlencode "csrf_token=$tok" --data-urlencode "name=N$i" \
		--data-urlencode "email=e2e@example.com" --data-urlencode "message=m$i" "$S/contact")
	[ "$c" = 429 ] && limited=1
done
check "the contact form is rate limited (429)" test "$limited" -eq 1

# --- bad input ---------------------------------------------------------------------
expect 400 "malformed percent-encoding in the query is 400" "$S/catalog?q=%zz"
expect 400 "malformed percent-encoding in the path is 400" "$S/products/%G1"
expect 400 "invalid UTF-8 is 400" "$S/catalog?q=%C3%28"
expect 413 "an oversized query is 413" "$S/catalog?q=$(head -c 3000 /dev/zero | tr '\0' a)"
expect 413 "a query past nginx's header buffers is 413 too" "$S/catalog?q=$(head -c 20000 /dev/zero | tr '\0' a)"
head -c 20000 /dev/zero | tr '\0' a >"$W/big"
expect 413 "an oversized form body is 413" -b "$jar" -H "Content-Type: application/x-www-form-urlencoded" --data-binary "@$W/big" "$S/contact"
head -c 100000 /dev/zero | tr '\0' a >"$W/huge"
expect 413 "a body past nginx's limit is 413" --data-binary "@$W/huge" "$S/contact"
expect 405 "DELETE is 405" -X DELETE "$S/"
check "... with an Allow header" test "$(header Allow)" = "GET, HEAD"
expect 405 "POST to a page without a form is 405" -d "a=1" "$S/catalog"
expect 405 "PUT to the contact form is 405" -X PUT "$S/contact"
check "... allowing POST there" test "$(header Allow)" = "GET, HEAD, POST"
expect 415 "a multipart form is 415" -b "$jar" -F "name=x" "$S/contact"
check "HEAD answers 200 without a body" test "$(curl -s -I -o /dev/null -w '%{http_code} %{size_download}' "$S/")" = "200 0"
expect 400 "%00 in a path is 400" "$S/products/a%00b"
for p in "/s/demo/products/..%2f..%2fetc%2fpasswd" "/s/demo/category/%2e%2e" "/s/%2e%2e/" "/s/demo/catalog?page=-1" \
	"/s/demo/catalog?page=1e9" "/s/demo/catalog?sort=rand()" "/s/demo/catalog?q=%F0%9F%98%80&page=1" \
	"/s/demo/catalog?q=a&q=b&q=c" "/s/demo/catalog?%3D%3D%3D" "/s/demo//catalog"; do
	c=$(get "$U$p")
	case $c in 5*|000) nok "$p answers $c" ;; *) ok "$p answers $c, not a 5xx" ;; esac
done
check "no worker crashed" sh -c "! grep -q 'died' '$STACK_DIR/log/shelf-fcgi.log'"

# --- security headers and assets ---------------------------------------------------
get "$S/" >/dev/null
csp=$(header Content-Security-Policy)
check "a CSP without inline script" sh -c "echo \"$csp\" | grep -q \"script-src 'self'\" && ! echo \"$csp\" | grep -q unsafe-inline"
check "CSP has frame-ancestors 'none'" sh -c "echo \"$csp\" | grep -q \"frame-ancestors 'none'\""
check "X-Content-Type-Options: nosniff" test "$(header X-Content-Type-Options)" = nosniff
check "a Referrer-Policy" test -n "$(header Referrer-Policy)"
css=$(sed -n 's/.*<link rel="stylesheet" href="\([^"]*theme.css\)".*/\1/p' "$W/body" | head -1)
expect 200 "the theme's stylesheet is served by nginx" "$U$css"
check "... fingerprinted and cached for a year" sh -c "echo '$css' | grep -Eq '^/assets/[a-z]+/[0-9a-f]{12}/css/theme.css$' && echo '$(header Cache-Control)' | grep -q 'max-age=31536000, immutable'"

# --- every theme and skin ---------------------------------------------------------------
stack_sql "UPDATE products SET name = 'Microsoft 365 Business Standard', short_description = 'Desktop Office apps.',
	description = 'Word, Excel and PowerPoint.' WHERE slug = '$product'"
for tj in "$ROOT"/themes/*/theme.json; do
	theme=$(basename "$(dirname "$tj")")
	for skin in $(py skins "$tj"); do
		stack_sql "UPDATE storefronts SET theme = '$theme', skin = '$skin' WHERE reseller_id = 1"; bump 1
		bad=""
		for p in / /catalog "/products/$product" /contact /no-such-page; do
			c=$(get "$S$p")
			want=200; [ "$p" = /no-such-page ] && want=404
			if [ "$c" != "$want" ] || ! grep -q "data-skin=\"$skin\"" "$W/body" || ! grep -q "/assets/$theme/" "$W/body"; then
				bad="$bad $p($c)"
			fi
		done
		check "theme $theme, skin $skin renders every page" test -z "$bad"
		[ -z "$bad" ] || echo "# failed:$bad"
	done
done

# --- the manufacturer filter: /catalog?manufacturer= (the home page's brand links) --------
listed() { stack_sql "SELECT COUNT(*) FROM listings l JOIN products p ON p.id = l.product_id
	WHERE l.reseller_id = 1 AND l.listed = 1 AND p.active = 1 $1"; }
count_is() { grep -qF "<p class=\"result-count\">$1 product" "$W/body"; }
ms=$(listed "AND p.manufacturer = 'Microsoft'")
ms_teams=$(listed "AND p.manufacturer = 'Microsoft' AND (p.name LIKE '%teams%' OR p.short_description LIKE '%teams%')")
ms_cat=$(stack_sql "SELECT c.slug, COUNT(*) FROM listings l JOIN products p ON p.id = l.product_id
	JOIN product_categories pc ON pc.product_id = p.id JOIN categories c ON c.id = pc.category_id
	WHERE l.reseller_id = 1 AND l.listed = 1 AND p.active = 1 AND p.manufacturer = 'Microsoft'
	GROUP BY c.slug ORDER BY COUNT(*) DESC, c.slug LIMIT 1")
cat_slug=$(echo "$ms_cat" | cut -f1); cat_n=$(echo "$ms_cat" | cut -f2)
check "fixture: Microsoft products, a Microsoft product with Teams, and an Acronis product naming Microsoft" \
	test "$ms" -gt 1 -a "$ms_teams" -ge 1 -a "$ms_teams" -lt "$ms" -a "$(listed "AND p.manufacturer <> 'Microsoft' AND p.name LIKE '%Microsoft%'")" -ge 1
for theme in classic modern; do
	stack_sql "UPDATE storefronts SET theme = '$theme', skin = 'default' WHERE reseller_id = 1"; bump 1
	expect 200 "$theme: /catalog?manufacturer=Microsoft answers" "$S/catalog?manufacturer=Microsoft"
	check "$theme: ... exactly the $ms Microsoft products, not Acronis Backup for Microsoft 365" \
		sh -c "grep -qF '<p class=\"result-count\">$ms products' '$W/body' && ! grep -q 'Acronis' '$W/body'"
	check "$theme: ... titled Microsoft products" body_has '<h1 class="page-title">Microsoft products</h1>'
	check "$theme: ... the search label names the filter, keeping it" \
		sh -c "grep -qF 'Search in Microsoft products</label>' '$W/body' && grep -qF 'name=\"manufacturer\" value=\"Microsoft\"' '$W/body'"
	expect 200 "$theme: the filter is case-insensitive" "$S/catalog?manufacturer=microsoft"
	check "$theme: ... the same $ms products" count_is "$ms"
	expect 200 "$theme: manufacturer combines with a search" "$S/catalog?manufacturer=Microsoft&q=teams"
	check "$theme: ... $ms_teams products, the label not 'Search in Search results'" \
		sh -c "grep -qF '<p class=\"result-count\">$ms_teams product' '$W/body' && ! grep -q 'Search in Search results' '$W/body' && grep -qF 'Search in Microsoft products</label>' '$W/body'"
	expect 200 "$theme: manufacturer combines with a category" "$S/category/$cat_slug?manufacturer=Microsoft"
	check "$theme: ... $cat_n products" count_is "$cat_n"
	expect 200 "$theme: a manufacturer with no products answers" "$S/catalog?manufacturer=Micro"
	check "$theme: ... with none (exact, not a substring)" body_has 'No products found'
	expect 200 "$theme: a plain search still says what it searched" "$S/catalog?q=backup"
	check "$theme: ... its label is Search in All products" \
		sh -c "grep -qF 'Search in All products</label>' '$W/body' && ! grep -q 'Search in Search results' '$W/body'"
done
check "the home page's brand links reach the filter" sh -c "curl -s -o /dev/null -w '%{redirect_url}' '$S/products?manufacturer=Microsoft' | grep -q '/s/demo/catalog?manufacturer=Microsoft$'"

# --- the contact page shows the reseller's introduction (contact_intro) -------------------
stack_sql "UPDATE storefronts SET contact_intro = 'Questions about <b>licences</b> & renewals?\nWe answer within a day.\n\nVisits by appointment only.' WHERE reseller_id = 1"
for theme in classic modern; do
	for form in 1 0; do
		stack_sql "UPDATE storefronts SET theme = '$theme', skin = 'default', contact_form_enabled = $form WHERE reseller_id = 1"; bump 1
		expect 200 "$theme (form $form): the contact page answers" "$S/contact"
		check "$theme (form $form): ... with the introduction, escaped, in paragraphs" sh -c "
			grep -qF '<p>Questions about &lt;b&gt;licences&lt;/b&gt; &amp; renewals?<br>We answer within a day.</p>' '$W/body' &&
			grep -qF '<p>Visits by appointment only.</p>' '$W/body' && ! grep -qF '<b>licences' '$W/body'"
	done
done
stack_sql "UPDATE storefronts SET contact_intro = NULL, contact_form_enabled = 1 WHERE reseller_id = 1"; bump 1

# --- health ---------------------------------------------------------------------------
expect 200 "/livez answers 200" "$U/livez"
expect 200 "/readyz answers 200" "$U/readyz"

summary e2e_storefront
