#!/bin/sh
# status.sh - say which of the stack's processes run, and whether the
# stack answers on the port it was started with.
. "$(dirname "$0")/lib.sh"
for p in mariadb:mariadb shelf-fcgi:shelf-fcgi nginx:nginx worker:worker smtp-catcher:smtp; do
	name=${p%%:*}; f="$VAR/run/${p#*:}.pid"
	if alive "$f"; then
		echo "$name: running (pid $(cat "$f"))"
	else
		echo "$name: stopped"
	fi
done
PORT=$(stack_port)
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/readyz" 2>/dev/null)
[ "${code:-000}" != 000 ] || code="no answer"
echo "readyz on 127.0.0.1:$PORT: $code"
if [ -d "$VAR/mail/new" ]; then
	echo "mail caught in $VAR/mail: $(find "$VAR/mail/new" "$VAR/mail/cur" -type f 2>/dev/null | wc -l) messages (bin/shelf mail)"
fi
