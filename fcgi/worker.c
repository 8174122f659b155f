/*
 * worker.c - the worker loop (worker.h).
 *
 * Per poll round: the requests that arrived are read, the versions of
 * the storefronts they name are read in one query (sfcache_prefetch),
 * then each is answered: one struct request made at the top
 * (request_init), handed to server_handle, freed at the bottom.
 *
 * The connections of one worker.  nginx keeps its upstream connections
 * open (upstream keepalive, fastcgi_keep_conn), and libfcgi serves a
 * kept connection until nginx closes it; a worker that waited on one
 * connection would strand the requests nginx sends on the others.  So
 * each worker holds up to WORKER_CONNS connections, each with its own
 * FCGX_Request, and polls them all plus the listening socket (made
 * non-blocking: a connection another worker took first is no error),
 * answering one request at a time.  ipcFd is read (never written) to
 * poll a kept connection: libfcgi has no accessor for it.
 */
#include <fcntl.h>
#include <malloc.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcgiapp.h>
#include "log.h"
#include "server.h"
#include "worker.h"

#define WORKER_CONNS 64		/* kept nginx connections per worker */

_Static_assert(WORKER_CONNS + 1 <= SFCACHE_BATCH_MAX, "a poll round fits sfcache_prefetch");

/* SIGTERM is blocked except while the worker waits in ppoll, so it never cuts a request short. */
static volatile sig_atomic_t stopping;

static void
on_term(int sig)
{
	(void)sig;
	stopping = 1;
}

static void
serve(struct server *srv, struct request *req, FCGX_Request *fr)
{
	request_init(req, srv, fr);
	server_handle(req, fr->envp, fr->in);
	request_free(req);
	FCGX_Finish_r(fr);
}

/*
 * round_serve - one poll round: read the request of every connection poll
 * found ready (a kept connection's next one, or a new connection's
 * first), read the versions they need in one query (prefetch), then
 * answer them one by one.
 */
static void
round_serve(struct server *srv, struct request *req, FCGX_Request *conns, const struct pollfd *pfd,
    const int *slot, int n)
{
	FCGX_Request *batch[WORKER_CONNS + 1];
	int i, j, k = 0, listener, replica;

	sfcache_round(&srv->sfc);
	if (srv->db == NULL) {
		char msg[512];

		db_open(&srv->cfg, &srv->db, msg, sizeof(msg));
	}
	for (i = 0; i < n; i++) {
		if (!(pfd[i].revents & (POLLIN | POLLHUP | POLLERR)))
			continue;
		listener = conns[slot[i]].ipcFd < 0;
		if (FCGX_Accept_r(&conns[slot[i]]) < 0)
			continue;
		batch[k++] = &conns[slot[i]];
		/*
		 * Every connection waiting on the listener, into free slots, not
		 * one a round: after a start nginx opens a connection for each
		 * request it has, and one accepted a round kept the last of them
		 * waiting for as many rounds (up to 170 ms while pages were cold).
		 */
		for (j = 0; listener && j < WORKER_CONNS && k < WORKER_CONNS; j++)
			if (conns[j].ipcFd < 0) {
				if (FCGX_Accept_r(&conns[j]) < 0)
					break;
				batch[k++] = &conns[j];
			}
	}
	/*
	 * The round reads the replica only when every request of it may
	 * (server.h): the versions prefetched for all of them come from one
	 * source, so a request never keys the primary's newer version to the
	 * replica's older rows.  The replica is assessed here only, between
	 * rounds.
	 */
	replica = srv->db != NULL && db_read_check(srv->db);
	for (i = 0; replica && i < k; i++)
		replica = server_reads_replica(batch[i]->envp, srv->cfg.https);
	if (srv->db != NULL)
		db_read_replica(srv->db, replica);
	sfcache_prefetch(&srv->sfc, srv->db, srv->cfg.base_domain, batch, k);
	for (i = 0; i < k; i++) {
		if (srv->db != NULL)
			db_read_replica(srv->db, replica);	/* a write in the request before ended it */
		serve(srv, req, batch[i]);
	}
	if (srv->db != NULL)
		db_read_replica(srv->db, 0);
}

/* poll_set - the kept connections (and the listener when listen and a slot is free) into pfd/slot. */
static int
poll_set(FCGX_Request *conns, int sock, int listen, struct pollfd *pfd, int *slot)
{
	int i, n = 0, free_slot = -1;

	for (i = 0; i < WORKER_CONNS; i++) {
		if (conns[i].ipcFd >= 0) {
			pfd[n].fd = conns[i].ipcFd;
			pfd[n].events = POLLIN;
			pfd[n].revents = 0;
			slot[n++] = i;
		} else if (free_slot < 0)
			free_slot = i;
	}
	if (listen && free_slot >= 0) {
		pfd[n].fd = sock;
		pfd[n].events = POLLIN;
		pfd[n].revents = 0;
		slot[n++] = free_slot;
	}
	return n;
}

int
worker_run(const struct config *cfg, int sock)
{
	static struct server srv;
	static FCGX_Request conns[WORKER_CONNS];
	struct pollfd pfd[WORKER_CONNS + 1];
	int slot[WORKER_CONNS + 1];
	struct request *req;
	struct sigaction sa;
	sigset_t term, waiting;
	char msg[1024];
	const struct timespec no_wait = { 0, 0 };
	int i, n, fl, rounds, rc;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&term);
	sigaddset(&term, SIGTERM);
	sigprocmask(SIG_BLOCK, &term, &waiting);
	sigdelset(&waiting, SIGTERM);
	/*
	 * libfcgi allocates and frees its buffers (some 25 KB) for every
	 * request; with glibc's defaults the freed top of the heap goes back
	 * to the kernel and is faulted in again by the next request.  A worker
	 * keeps its heap: memory it held once it will hold again.
	 *
	 * Setting those turns off glibc's sliding mmap threshold, so every
	 * block over 128 KB was mmap'd and unmapped again: the compressors'
	 * tables, made for each page version (encoding.c), came as fresh
	 * zeroed pages each time, and their faults were most of a first
	 * render's CPU.  Blocks up to 4 MB come from the heap and are reused.
	 */
	log_open("shelf-fcgi", NULL);
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
	mallopt(M_TOP_PAD, 1 << 20);
	mallopt(M_MMAP_THRESHOLD, 4 << 20);
	if (server_open(&srv, cfg, msg, sizeof(msg)) != CORE_OK) {
		log_say("shelf-fcgi[%d]: %s", (int)getpid(), msg);
		return 1;
	}
	/* one request at a time; its struct is big (the storefront row), so it lives on the heap */
	if ((req = malloc(sizeof(*req))) == NULL)
		return 1;
	if ((fl = fcntl(sock, F_GETFL)) < 0 || fcntl(sock, F_SETFL, fl | O_NONBLOCK) < 0)
		return 1;
	FCGX_Init();
	for (i = 0; i < WORKER_CONNS; i++)
		if (FCGX_InitRequest(&conns[i], sock, 0) != 0)
			return 1;
	while (!stopping) {
		/*
		 * Pages queued to be rendered again after a distributor-wide
		 * change (stale.h): one after each round, so that requests wait
		 * for at most one render, and one after the other while none
		 * comes (the poll does not wait then).
		 */
		n = poll_set(conns, sock, 1, pfd, slot);
		if ((rc = ppoll(pfd, (nfds_t)n, stale_pending(&srv.stale) ? &no_wait : NULL, &waiting)) < 0)
			continue;	/* EINTR: SIGTERM */
		if (rc > 0)
			round_serve(&srv, req, conns, pfd, slot, n);
		server_rerender(&srv, req);
		log_flush();	/* the count of lines a burst dropped, once its window is over */
	}
	/*
	 * Stopping: no new connections; answer what nginx has already sent on
	 * the kept ones (for a short while), so a reload loses no request
	 * that reached us.  One it sends after we exit is retried by nginx on
	 * a new connection when it is idempotent.
	 */
	for (rounds = 0; rounds < 20; rounds++) {
		n = poll_set(conns, sock, 0, pfd, slot);
		if (n == 0 || poll(pfd, (nfds_t)n, 10) <= 0)
			break;
		round_serve(&srv, req, conns, pfd, slot, n);
	}
	free(req);
	server_close(&srv);
	log_flush();
	return 0;
}
