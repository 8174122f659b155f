#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <fcgiapp.h>
#include "db.h"
#include "server.h"

static volatile sig_atomic_t stopping;
static volatile sig_atomic_t busy;

static void
on_term(int sig)
{
	(void)sig;
	stopping = 1;
	if (!busy)
		_exit(0);
}

/* One request's state, made at the top of the loop and dropped at the bottom. */
struct request {
	FCGX_Request *fcgi;
	struct db    *db;		/* the worker's connection, may be NULL */
	const char   *method;
	const char   *path;		/* without the query string */
	char          pathbuf[2048];
};

typedef void (*handler_fn)(struct request *);

static void
reply_text(struct request *r, int status, const char *reason, const char *body)
{
	FCGX_FPrintF(r->fcgi->out,
	    "Status: %d %s\r\nContent-Type: text/plain; charset=utf-8\r\n"
	    "Cache-Control: no-store\r\n\r\n%s\n", status, reason, body);
}

/* /livez: the process runs; touches nothing. */
static void
page_livez(struct request *r)
{
	reply_text(r, 200, "OK", "ok");
}

/* /readyz: 200 only when the database answers. */
static void
page_readyz(struct request *r)
{
	if (r->db != NULL && db_ping(r->db) == CORE_OK)
		reply_text(r, 200, "OK", "ready");
	else
		reply_text(r, 503, "Service Unavailable", "database unavailable");
}

static void
page_not_found(struct request *r)
{
	reply_text(r, 404, "Not Found", "not found");
}

static const struct route {
	const char *path;
	handler_fn  fn;
} routes[] = {
	{ "/livez",  page_livez },
	{ "/readyz", page_readyz },
};

static void
dispatch(struct request *r)
{
	size_t i;

	for (i = 0; i < sizeof(routes) / sizeof(routes[0]); i++)
		if (strcmp(r->path, routes[i].path) == 0) {
			routes[i].fn(r);
			return;
		}
	page_not_found(r);
}

int
server_worker(const struct config *cfg, int sock)
{
	FCGX_Request fr;
	struct request req;
	struct db *db = NULL;
	struct sigaction sa;
	char msg[1024];
	const char *uri, *q;
	size_t n;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (db_open(cfg, &db, msg, sizeof(msg)) != CORE_OK)
		fprintf(stderr, "shelf-fcgi[%d]: %s (will retry per request)\n", (int)getpid(), msg);
	FCGX_Init();
	if (FCGX_InitRequest(&fr, sock, 0) != 0)
		return 1;
	while (!stopping && FCGX_Accept_r(&fr) >= 0) {
		busy = 1;
		memset(&req, 0, sizeof(req));
		if (db == NULL)
			db_open(cfg, &db, msg, sizeof(msg));
		req.fcgi = &fr;
		req.db = db;
		req.method = FCGX_GetParam("REQUEST_METHOD", fr.envp);
		uri = FCGX_GetParam("DOCUMENT_URI", fr.envp);
		if (uri == NULL)
			uri = FCGX_GetParam("REQUEST_URI", fr.envp);
		if (uri == NULL)
			uri = "/";
		q = strchr(uri, '?');
		n = q ? (size_t)(q - uri) : strlen(uri);
		if (n >= sizeof(req.pathbuf))
			n = sizeof(req.pathbuf) - 1;
		memcpy(req.pathbuf, uri, n);
		req.path = req.pathbuf;
		dispatch(&req);
		FCGX_Finish_r(&fr);
		busy = 0;
	}
	db_close(db);
	return 0;
}
