/*
 * server.h - the FastCGI worker: one database connection per process,
 * reused across requests, and the loop that answers requests.
 */
#ifndef SHELF_SERVER_H
#define SHELF_SERVER_H

#include "config.h"

/*
 * server_worker - accept and answer requests on the listening socket
 * sock until asked to stop (SIGTERM: the request in flight finishes
 * first).  Returns the process exit status.
 */
int server_worker(const struct config *cfg, int sock);

#endif
