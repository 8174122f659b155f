#!/bin/sh
# demo.sh - after serve.sh: print where to look and who to be, then open
# the admin TUI as the demo distributor admin.
set -eu
. "$(dirname "$0")/lib.sh"
cat <<TXT

  Storefront:   http://127.0.0.1:$PORT/s/demo/
  Health:       http://127.0.0.1:$PORT/readyz

  Admin TUI logins (bin/shelf --operator NAME):
    admin        distributor admin (Northwind Cloud Distribution)
    demo-admin   reseller admin of "demo"
    support      support staff (read-only)

  Storefront login:  buyer@demo.example / demo-password-1

  E-mail: the worker delivers to a local SMTP catcher; what arrived:
    bin/shelf mail        (bin/shelf mail N shows one)

  Config: $VAR/shelf.conf   Stop everything: make stop

TXT
if [ -t 0 ] && [ -t 1 ]; then
	SHELF_CONFIG="$VAR/shelf.conf" exec "$ROOT/bin/shelf" --operator admin
fi
# bin/shelf finds the tree's var/shelf.conf by itself; another VAR needs naming
run="bin/shelf --operator admin"
[ "$VAR" = "$ROOT/var" ] || run="SHELF_CONFIG=$VAR/shelf.conf $run"
echo "(not a terminal: run  $run  to open the TUI)"
