/*
 * wire.h - a whole FastCGI reply written in one go.
 *
 * libfcgi writes its output stream through an 8 KB buffer: a 15 KB page
 * goes out as two or three writes, each waking nginx to read a part.
 * A reply here is known whole when it is sent (head and body), so
 * wire_send frames it as FCGI_STDOUT records, the stream's end and the
 * FCGI_END_REQUEST record, and hands all of it to the kernel in one
 * writev (more only for replies past WIRE_BATCH records), then closes
 * libfcgi's output stream so FCGX_Finish_r adds nothing; libfcgi still
 * reads the request and owns the connection.
 */
#ifndef SHELF_WIRE_H
#define SHELF_WIRE_H

#include <stddef.h>
#include <fcgiapp.h>

/*
 * wire_send - write the parts (n of them, in order: the reply's bytes)
 * and the end of the request on fr's connection.  Returns 0, or -1 when
 * the connection failed; then libfcgi closes it at FCGX_Finish_r.
 * Call at most once per request, before anything else was written to
 * fr->out.
 */
int wire_send(FCGX_Request *fr, const void *const *part, const size_t *len, int n);

#endif
