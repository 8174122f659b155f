#!/bin/sh
# stop.sh - stop what serve.sh started, by pid file, nothing else.
set -eu
. "$(dirname "$0")/lib.sh"
stop_pid nginx "$VAR/run/nginx.pid"
stop_pid shelf-fcgi "$VAR/run/shelf-fcgi.pid"
stop_pid worker "$VAR/run/worker.pid"
stop_pid smtp "$VAR/run/smtp.pid"
mariadb_stop "$VAR"
