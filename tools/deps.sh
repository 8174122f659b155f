#!/bin/sh
# deps.sh [build] - install the Debian packages Shelf needs, then write
# build/config.mk: the compiler and linker flags of its libraries, from
# pkg-config, which the Makefile includes.
#
# With no argument every package to build, run and test is installed;
# with `build` only those the compiler and linker need (what the Makefile
# runs when build/config.mk is missing or older than this script).
# DEPS_INSTALL=0 installs nothing and only checks and writes.
# Quiet and quick when all are present; apt-get update runs only when
# something is missing.  The full install also brings the Nu Html Checker
# (npm, into tools/vnu) that tests/themes/check.sh runs.  A library that is still missing stops with one
# line naming the Debian packages to install: on stderr with exit status
# 1, or with `build` as the make $(error) that build/config.mk holds.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT="$ROOT/build/config.mk"

BUILD_PKGS="build-essential pkg-config libmariadb-dev libfcgi-dev libjansson-dev
libncurses-dev libcmocka-dev libcrypt-dev libssl-dev libcurl4-openssl-dev
zlib1g-dev libbrotli-dev"
RUN_PKGS="curl ca-certificates mariadb-server mariadb-client
nginx-light tidy wrk tmux procps faketime python3 python3-aiosmtpd libxml2-utils
chromium fonts-dejavu-core default-jre-headless python3-pil"
# the Marketplace API suite (tests/api.sh) checks answers against the OpenAPI schemas
RUN_PKGS="$RUN_PKGS python3-jsonschema"
# make fuzz: clang with libFuzzer and the sanitizer runtimes (tests/fuzz/)
RUN_PKGS="$RUN_PKGS clang libclang-rt-14-dev"

# What the build links, and the Debian package that provides each:
# pkg-config module (or `header:FILE` for libraries without a .pc file)
# and package.  Programs get all but cmocka; tests get cmocka too.
LIBS="libmariadb:libmariadb-dev
jansson:libjansson-dev
ncursesw:libncurses-dev
libcrypt:libcrypt-dev
libcrypto:libssl-dev
libcurl:libcurl4-openssl-dev
header:fcgiapp.h:libfcgi-dev
zlib:zlib1g-dev
libbrotlienc:libbrotli-dev"
TEST_LIBS="cmocka:libcmocka-dev
libbrotlidec:libbrotli-dev"

MODE=${1:-all}
case "$MODE" in
build) PKGS=$BUILD_PKGS ;;
all)   PKGS="$BUILD_PKGS $RUN_PKGS" ;;
*)     echo "usage: sh tools/deps.sh [build]" >&2; exit 2 ;;
esac

missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"
done
# npm installs the Nu Html Checker below; any npm will do (nodejs may bring its own)
if [ "$MODE" = all ]; then
	command -v npm >/dev/null 2>&1 || missing="$missing npm"
fi
if [ -n "$missing" ] && [ "${DEPS_INSTALL:-1}" != 0 ]; then
	echo "deps: installing$missing"
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO="sudo"
	export DEBIAN_FRONTEND=noninteractive
	# a failure here is reported below, by what is still missing
	{ $SUDO apt-get update -qq && \
	  $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null; } || \
		echo "deps: apt-get failed" >&2
fi

# The Nu Html Checker (vnu.jar, run by tests/themes/check.sh): the version
# pinned in tools/vnu/package-lock.json, into tools/vnu/node_modules (ignored by git).
vnu=$ROOT/tools/vnu
if [ "$MODE" = all ] && [ "${DEPS_INSTALL:-1}" != 0 ] && [ ! -f "$vnu/node_modules/vnu-jar/build/dist/vnu.jar" ]; then
	echo "deps: installing vnu-jar (tools/vnu)"
	(cd "$vnu" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null) || \
		echo "deps: npm ci in tools/vnu failed" >&2
fi

# The OpenAPI validator (@redocly/cli, run by tests/api.sh on
# fcgi/api_openapi.json): pinned in tools/openapi/package-lock.json, into
# tools/openapi/node_modules (ignored by git).
oas=$ROOT/tools/openapi
if [ "$MODE" = all ] && [ "${DEPS_INSTALL:-1}" != 0 ] && [ ! -x "$oas/node_modules/.bin/redocly" ]; then
	echo "deps: installing @redocly/cli (tools/openapi)"
	(cd "$oas" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null) || \
		echo "deps: npm ci in tools/openapi failed" >&2
fi

# present ENTRY - true when the library of a LIBS entry can be built
# against (without pkg-config: when its package is installed, so that
# only pkg-config itself is named missing).
present() {
	case "$1" in
	header:*)
		f=${1#header:}; f=${f%%:*}
		echo "#include <$f>" | ${CC:-cc} -E -x c - >/dev/null 2>&1 ;;
	*)
		if command -v pkg-config >/dev/null 2>&1; then
			pkg-config --exists "${1%%:*}"
		else
			dpkg-query -W -f='${Status}' "${1##*:}" 2>/dev/null | grep -q 'ok installed'
		fi ;;
	esac
}

absent=""
command -v "${CC:-cc}" >/dev/null 2>&1 || absent="$absent build-essential"
command -v pkg-config >/dev/null 2>&1 || absent="$absent pkg-config"
for l in $LIBS $TEST_LIBS; do
	present "$l" || absent="$absent ${l##*:}"
done
if [ -n "$absent" ]; then
	why="deps: cannot build Shelf: missing Debian packages:$absent (sudo apt-get install$absent)"
	if [ "$MODE" = build ]; then
		# for make: a config.mk that stops make with the one line, and
		# removes itself so that the next make looks again
		mkdir -p "$ROOT/build"
		printf '$(shell rm -f %s)\n$(error %s)\n' "$OUT" "$why" >"$OUT"
		exit 0
	fi
	echo "$why" >&2
	exit 1
fi

# modules NAME... - the pkg-config modules among LIBS entries.
modules() {
	for l in "$@"; do
		case "$l" in header:*) ;; *) printf '%s ' "${l%%:*}" ;; esac
	done
}
mods=$(modules $LIBS)
tmods=$(modules $TEST_LIBS)
mkdir -p "$ROOT/build"
cat >"$OUT.new" <<MK
# Generated by tools/deps.sh (make deps) from pkg-config; do not edit:
# local overrides go in config.mk.
PKG_CFLAGS := $(pkg-config --cflags $mods)
PKG_LIBS   := $(pkg-config --libs $mods) -lfcgi
TEST_CFLAGS := $(pkg-config --cflags $tmods)
TEST_LIBS  := $(pkg-config --libs $tmods)
MK
mv "$OUT.new" "$OUT"
