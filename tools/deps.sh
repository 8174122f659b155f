#!/bin/sh
# deps.sh - install every Debian package Shelf needs to build, run and
# test.  Quiet and quick when all are present; apt-get update runs only
# when something is missing.
set -eu
PKGS="build-essential pkg-config curl ca-certificates
mariadb-server mariadb-client libmariadb-dev
libfcgi-dev libjansson-dev libcurl4-openssl-dev libncurses-dev libcmocka-dev libcrypt-dev
nginx-light tidy wrk tmux procps python3 python3-aiosmtpd libxml2-utils
chromium fonts-dejavu-core"

missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

echo "deps: installing$missing"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
