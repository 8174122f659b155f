/*
 * worker.h - one shelf-fcgi worker process: the poll loop over nginx's
 * kept FastCGI connections, answering one request at a time through
 * server_handle, until SIGTERM.
 */
#ifndef SHELF_WORKER_H
#define SHELF_WORKER_H

#include "config.h"

/*
 * worker_run - accept and answer requests on the listening socket sock
 * until asked to stop (SIGTERM: the request in flight finishes first,
 * then what nginx already sent on kept connections).  Returns the
 * process exit status.
 */
int worker_run(const struct config *cfg, int sock);

#endif
