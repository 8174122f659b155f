#!/bin/sh
# check.sh - render every page of every theme in every skin and validate it.
#
# Run from the repository root (make test does).  For each themes/T/theme.json,
# each skin id and each page it lists, and each variant of its sample
# (PAGE+VARIANT.json here, e.g. product+no-max): build the context from the
# samples here (context.py), render with `bin/shelf template render`, then
#   - tidy: any error fails, and so does any warning except tidy 5.6's
#     "proprietary attribute" notes for valid HTML5/ARIA attributes it does
#     not know (aria-current, inputmode, minlength, loading);
#   - lint.py: one <h1>/<main>/<title>, the skin id, escaped sample strings,
#     labels, alt text, CSRF fields, no inline style or script, SEO tags,
#     and on the homepage every section type of theme.json;
# and once for all pages, the Nu Html Checker (vnu.jar from tools/vnu, put
# there by `make deps`; one java run): every error fails; and once for all
# themes, contrast.py: WCAG AA contrast of every skin.  VNU_JAR=path
# overrides the checker.
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
		for sample in $(for p in $pages; do echo "$p"; for v in "$here/$p+"*.json; do
		    [ -f "$v" ] && basename "$v" .json; done; done); do
			page=${sample%%+*}
			id="$theme/$skin/$sample"
			html=$out/$theme-$skin-$sample.html
			echo "$html" >> "$tmp/rendered"
			if [ ! -f "$tpl/$page.mustache" ]; then
				fail "$id" "no template $tpl/$page.mustache"
				continue
			fi
			if [ ! -f "$here/$page.json" ]; then
				fail "$id" "no sample context $here/$page.json"
				continue
			fi
			python3 "$here/context.py" "$sample" "$theme" "$skin" > "$tmp/ctx.json" ||
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

# The e-mails: every template of themes/classic/mail (the fallback every
# theme's e-mails use) with each sample here/mail/TEMPLATE[+VARIANT].json,
# in each theme (its own mail/ template when it has one, its partials, such
# as mail_layout.html, from its own mail/, else classic's, as the mailer
# finds them).  The HTML part: tidy, and the Nu
# Html Checker below; it must show the sample's markup escaped.  The text
# part: the sample's characters as written (no HTML escapes).
for meta in themes/*/theme.json; do
	theme=$(basename "$(dirname "$meta")")
	# the mailer's partials: the theme's mail/, then classic's
	mdir=$tmp/mail-$theme
	mkdir -p "$mdir"
	cp themes/classic/mail/*.mustache "$mdir"/
	if [ -d "themes/$theme/mail" ]; then cp "themes/$theme/mail/"*.mustache "$mdir"/; fi
	for tf in themes/classic/mail/*.txt.mustache; do
		name=$(basename "$tf" .txt.mustache)
		if [ ! -f "$here/mail/$name.json" ]; then
			fail "$theme/mail/$name" "no sample $here/mail/$name.json"
			continue
		fi
		for sample in "$here/mail/$name.json" "$here/mail/$name+"*.json; do
			[ -f "$sample" ] || continue
			id="$theme/mail/$(basename "$sample" .json)"
			ok=1
			for part in txt html; do
				t=themes/$theme/mail/$name.$part.mustache
				[ -f "$t" ] || t=themes/classic/mail/$name.$part.mustache
				f=$out/$theme-mail-$(basename "$sample" .json).$part
				if ! "$shelf" template render "$t" "$sample" --partials "$mdir" > "$f" 2> "$tmp/err"; then
					fail "$id" "render $part: $(head -n 1 "$tmp/err")"
					ok=0
				fi
			done
			[ $ok = 1 ] || continue
			html=$out/$theme-mail-$(basename "$sample" .json).html
			echo "$html" >> "$tmp/rendered"
			tidy -q -e --show-warnings yes "$html" > /dev/null 2> "$tmp/tidy"
			grep -Ev "$tidy_allowed" "$tmp/tidy" | grep -E 'Error|Warning' > "$tmp/tidy.bad"
			if [ -s "$tmp/tidy.bad" ]; then
				while IFS= read -r l; do fail "$id" "tidy: $l"; done < "$tmp/tidy.bad"
				ok=0
			fi
			if grep -q '<script>\|<IT>\|<stuff>\|<team>\|<Cloud>' "$html"; then
				fail "$id" "the HTML part shows sample markup unescaped"
				ok=0
			fi
			if grep -q '&amp;\|&lt;\|&#39;\|&quot;' "$out/$theme-mail-$(basename "$sample" .json).txt"; then
				fail "$id" "the text part holds HTML escapes (use {{{name}}} in .txt templates)"
				ok=0
			fi
			[ $ok = 1 ] && passed=$((passed + 1))
		done
	done
done

# Every sample names a template the code sends: classic must have its text
# and its HTML part (the fallback of every theme), so none is lost unseen.
for sample in "$here"/mail/*.json; do
	name=$(basename "$sample" .json)
	name=${name%%+*}
	for part in txt html; do
		[ -f "themes/classic/mail/$name.$part.mustache" ] ||
			fail "classic/mail/$name" "no $part template for the sample $(basename "$sample")"
	done
done

# The Nu Html Checker over every rendered page in one JVM; each error is a failure.
vnu_jar=${VNU_JAR:-tools/vnu/node_modules/vnu-jar/build/dist/vnu.jar}
if [ ! -f "$vnu_jar" ]; then
	fail vnu "$vnu_jar is missing (run make deps)"
elif ! command -v java >/dev/null 2>&1; then
	fail vnu "java is missing (run make deps)"
else
	files=
	while IFS= read -r f; do [ -f "$f" ] && files="$files $f"; done < "$tmp/rendered"
	# shellcheck disable=SC2086
	java -jar "$vnu_jar" --errors-only --format gnu $files > "$tmp/vnu.out" 2>&1
	# gnu format: "FILE":LINE.COL-LINE.COL: error: MESSAGE
	grep ': error' "$tmp/vnu.out" | sed -e 's|^"\{0,1\}[^"]*/\([^/"]*\)\.html"\{0,1\}:|\1:|' > "$tmp/vnu.bad"
	if [ -s "$tmp/vnu.bad" ]; then
		while IFS= read -r l; do fail "vnu" "$l"; done < "$tmp/vnu.bad"
	elif grep -q . "$tmp/vnu.out"; then
		fail vnu "$(head -n 1 "$tmp/vnu.out")"
	else
		passed=$((passed + 1))
	fi
fi

# shellcheck disable=SC2046
if python3 "$here/contrast.py" $(dirname themes/*/theme.json) > "$tmp/contrast"; then
	passed=$((passed + 1))
else
	grep -v '^contrast:' "$tmp/contrast" | while IFS= read -r l; do echo "FAIL contrast: $l"; done
	failed=$((failed + $(grep -vc '^contrast:' "$tmp/contrast")))
fi

echo "themes: $passed passed, $failed failed"
[ $failed -eq 0 ]
