/*
 * page_health.c - /livez and /readyz, outside any storefront.
 */
#include "db.h"
#include "page.h"

/* /livez: the process runs; touches nothing (the FastCGI floor of make bench). */
void
page_livez(struct request *req, const char *arg)
{
	request_header(req, "Cache-Control: no-store");
	request_reply_text(req, 200, "ok\n");
}

/* /readyz: 200 only when the database answers. */
void
page_readyz(struct request *req, const char *arg)
{
	request_header(req, "Cache-Control: no-store");
	if (req->db != NULL && db_ping(req->db) == CORE_OK)
		request_reply_text(req, 200, "ready\n");
	else
		request_reply_text(req, 503, "database unavailable\n");
}
