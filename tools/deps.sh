#!/bin/sh
# deps.sh - install every Debian package Shelf needs to build, run and
# test, and the Nu Html Checker (npm, into tools/vnu).  Quiet and quick
# when all are present; apt-get update runs only when something is missing.
set -eu
PKGS="build-essential pkg-config curl ca-certificates
mariadb-server mariadb-client libmariadb-dev
libfcgi-dev libjansson-dev libcurl4-openssl-dev libncurses-dev libcmocka-dev libcrypt-dev
nginx-light tidy wrk tmux procps python3 python3-aiosmtpd libxml2-utils
chromium fonts-dejavu-core default-jre-headless"

missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"
done
# npm installs the Nu Html Checker below; any npm will do (nodejs may bring its own)
command -v npm >/dev/null 2>&1 || missing="$missing npm"

if [ -n "$missing" ]; then
	echo "deps: installing$missing"
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO="sudo"
	export DEBIAN_FRONTEND=noninteractive
	$SUDO apt-get update -qq
	$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# The Nu Html Checker (vnu.jar, run by tests/themes/check.sh): the version
# pinned in tools/vnu/package-lock.json, into tools/vnu/node_modules (ignored by git).
vnu=$(dirname "$0")/vnu
if [ ! -f "$vnu/node_modules/vnu-jar/build/dist/vnu.jar" ]; then
	echo "deps: installing vnu-jar (tools/vnu)"
	(cd "$vnu" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
fi
