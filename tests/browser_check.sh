#!/bin/sh
# browser_check.sh - the storefront in a real browser: Debian's headless
# Chromium loads the home, catalog, product and contact pages of the demo
# storefront in two themes/skins (classic/parchment, modern/ocean) from a
# private stack (tests/lib/storefront_stack.sh), fails on any console
# message (script errors, CSP violations) and on any same-origin resource
# of the page that does not load, and saves screenshots under
# var/screenshots/ (THEME-SKIN-PAGE.png).
#
# Run by `make test` (tools/test.sh); by hand: sh tests/browser_check.sh
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/tests/lib/storefront_stack.sh"
. "$ROOT/tests/lib/check.sh"

CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROMIUM" ]; then
	echo "not ok - chromium is not installed (make deps)"
	exit 1
fi
SHOTS="$ROOT/var/screenshots"
mkdir -p "$SHOTS"
W=$(mktemp -d /tmp/shelf-browser.XXXXXX)
trap 'stack_stop; rm -rf "$W"' EXIT
trap 'exit 1' INT TERM


stack_start browser_check || { echo "not ok - the stack did not start"; exit 1; }
S=$STACK_URL/s/demo

# chrome URL OUT.png OUT.dom - screenshot and DOM of one page; the log in OUT.log
chrome() {
	profile=$(mktemp -d "$W/profile.XXXXXX")
	timeout 90 "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--disable-default-apps --disable-extensions --mute-audio --hide-scrollbars \
		--user-data-dir="$profile" --enable-logging=stderr --v=0 \
		--window-size=1280,1600 --screenshot="$2" "$1" >/dev/null 2>"$2.log"
	rc=$?
	timeout 90 "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--disable-default-apps --disable-extensions --mute-audio \
		--user-data-dir="$profile" --enable-logging=stderr --v=0 \
		--dump-dom "$1" >"$3" 2>>"$2.log" || rc=$?
	return $rc
}

# the same-origin resources a DOM names (stylesheets, icons, images, scripts)
resources() { python3 "$ROOT/tests/e2e/page.py" resources "$1"; }

product=microsoft-365-business-standard
for look in classic:parchment modern:ocean; do
	theme=${look%%:*}
	skin=${look#*:}
	stack_sql "UPDATE storefronts SET theme = '$theme', skin = '$skin', version = version + 1 WHERE reseller_id = 1"
	for page in home catalog product contact; do
		case $page in
		home) url="$S/" ;;
		catalog) url="$S/catalog" ;;
		product) url="$S/products/$product" ;;
		contact) url="$S/contact" ;;
		esac
		png="$SHOTS/$theme-$skin-$page.png"
		rm -f "$png"
		name="$theme/$skin $page"
		if ! chrome "$url" "$png" "$W/dom.html" || [ ! -s "$png" ]; then
			nok "$name: chromium did not render $url"
			sed 's/^/# /' "$png.log" | grep -v dbus | tail -5
			continue
		fi
		if grep -q ":CONSOLE" "$png.log"; then
			nok "$name: console messages"
			grep ":CONSOLE" "$png.log" | sed 's/^/# /'
		else
			ok "$name: no console messages"
		fi
		if grep -q "data-skin=\"$skin\"" "$W/dom.html"; then
			ok "$name: rendered in skin $skin"
		else
			nok "$name: not rendered in skin $skin"
		fi
		missing=""
		for r in $(resources "$W/dom.html" | sort -u); do
			c=$(curl -s -o /dev/null -w '%{http_code}' "$STACK_URL$r")
			[ "$c" = 200 ] || missing="$missing $r($c)"
		done
		if [ -z "$missing" ]; then
			ok "$name: every stylesheet, icon, image and script loads"
		else
			nok "$name: resources that do not load:$missing"
		fi
		rm -f "$png.log"
	done
done
ls "$SHOTS"/*.png >/dev/null 2>&1 && echo "# screenshots in $SHOTS"
summary browser_check
