#!/bin/sh
# check.sh - render every page of every theme in every skin and validate it.
#
# Run from the repository root (make test does).  For each themes/T/theme.json,
# each skin id and each page it lists: build the context from the samples
# here (context.py), render with `bin/shelf template render`, then
#   - tidy: any error fails, and so does any warning except tidy 5.6's
#     "proprietary attribute" notes for valid HTML5/ARIA attributes it does
#     not know (aria-current, inputmode, minlength, loading);
#   - lint.py: one <h1>/<main>/<title>, the skin id, escaped sample strings,
#     labels, alt text, CSRF fields, no inline style or script, SEO tags,
#     and on the homepage every section type of theme.json;
# and once for all themes, contrast.py: WCAG AA contrast of every skin.
# Prints one line per failure and ends with "themes: N passed, M failed";
# exits 1 when anything failed.  SHELF=path overrides bin/shelf; KEEP=DIR
# keeps the rendered pages in DIR.
set -u

shelf=${SHELF:-bin/shelf}
here=tests/themes
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
out=${KEEP:-$tmp}
mkdir -p "$out"
passed=0
failed=0

fail() {
	echo "FAIL $1: $2"
	failed=$((failed + 1))
}

if [ ! -x "$shelf" ]; then
	echo "FAIL $shelf not built (run make all)"
	echo "themes: 0 passed, 1 failed"
	exit 1
fi

tidy_allowed='proprietary attribute "(aria-current|inputmode|minlength|loading)"'

for meta in themes/*/theme.json; do
	theme=$(basename "$(dirname "$meta")")
	tpl=themes/$theme/templates
	skins=$(python3 -c 'import json,sys; print(" ".join(s["id"] for s in json.load(open(sys.argv[1]))["skins"]))' "$meta") ||
		{ fail "$theme" "theme.json unreadable"; continue; }
	pages=$(python3 -c 'import json,sys; print(" ".join(json.load(open(sys.argv[1]))["pages"]))' "$meta")
	sections=$(python3 -c 'import json,sys; print(" ".join(json.load(open(sys.argv[1]))["section_types"]))' "$meta")
	for skin in $skins; do
		for page in $pages; do
			id="$theme/$skin/$page"
			html=$out/$theme-$skin-$page.html
			if [ ! -f "$tpl/$page.mustache" ]; then
				fail "$id" "no template $tpl/$page.mustache"
				continue
			fi
			if [ ! -f "$here/$page.json" ]; then
				fail "$id" "no sample context $here/$page.json"
				continue
			fi
			python3 "$here/context.py" "$page" "$theme" "$skin" > "$tmp/ctx.json" ||
				{ fail "$id" "context.py failed"; continue; }
			if ! "$shelf" template render "$tpl/$page.mustache" "$tmp/ctx.json" \
			    --partials "$tpl" > "$html" 2> "$tmp/err"; then
				fail "$id" "render: $(head -n 1 "$tmp/err")"
				continue
			fi
			ok=1
			tidy -q -e --show-warnings yes "$html" > /dev/null 2> "$tmp/tidy"
			grep -Ev "$tidy_allowed" "$tmp/tidy" | grep -E 'Error|Warning' > "$tmp/tidy.bad"
			if [ -s "$tmp/tidy.bad" ]; then
				while IFS= read -r l; do fail "$id" "tidy: $l"; done < "$tmp/tidy.bad"
				ok=0
			fi
			want=
			[ "$page" = home ] && want=$sections
			# shellcheck disable=SC2086
			if ! python3 "$here/lint.py" "$html" "$skin" $want > "$tmp/lint"; then
				while IFS= read -r l; do fail "$id" "$l"; done < "$tmp/lint"
				ok=0
			fi
			[ $ok = 1 ] && passed=$((passed + 1))
		done
	done
done

# shellcheck disable=SC2046
if python3 "$here/contrast.py" $(dirname themes/*/theme.json) > "$tmp/contrast"; then
	passed=$((passed + 1))
else
	grep -v '^contrast:' "$tmp/contrast" | while IFS= read -r l; do echo "FAIL contrast: $l"; done
	failed=$((failed + $(grep -vc '^contrast:' "$tmp/contrast")))
fi

echo "themes: $passed passed, $failed failed"
[ $failed -eq 0 ]
