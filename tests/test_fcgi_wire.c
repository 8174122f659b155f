/*
 * test_fcgi_wire.c - a reply framed as FastCGI records (wire.c): read
 * back from the other end of a socket pair and parsed record by record,
 * for a small reply, one split across many 64 KB records and batches of
 * writev, a peer that has gone away, and a non-blocking socket that
 * fills up.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>
#include <fastcgi.h>
#include "wire.h"

struct parsed {
	unsigned char *stdout_bytes;	/* the concatenated FCGI_STDOUT content */
	size_t         len;
	int            records;		/* FCGI_STDOUT records with content */
	int            eof;		/* the empty FCGI_STDOUT record was seen */
	int            end;		/* FCGI_END_REQUEST seen (after eof) */
	int            protocol_status;
	int            bad_id;		/* a record carried another request id */
	int            trailing;	/* bytes after FCGI_END_REQUEST */
};

static void
read_all(int fd, unsigned char **out, size_t *len)
{
	size_t cap = 1 << 16, n = 0;
	unsigned char *b = malloc(cap);
	ssize_t r;

	assert_non_null(b);
	for (;;) {
		if (n == cap) {
			cap *= 2;
			b = realloc(b, cap);
			assert_non_null(b);
		}
		r = read(fd, b + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		assert_true(r >= 0);
		if (r == 0)
			break;
		n += (size_t)r;
	}
	*out = b;
	*len = n;
}

static void
parse(const unsigned char *b, size_t n, int id, struct parsed *p)
{
	size_t off = 0, clen, plen;

	memset(p, 0, sizeof(*p));
	p->stdout_bytes = malloc(n + 1);
	assert_non_null(p->stdout_bytes);
	while (off + 8 <= n) {
		const unsigned char *h = b + off;

		assert_int_equal(h[0], FCGI_VERSION_1);
		if (((h[2] << 8) | h[3]) != id)
			p->bad_id = 1;
		clen = (size_t)((h[4] << 8) | h[5]);
		plen = h[6];
		assert_true(off + 8 + clen + plen <= n);
		if (p->end) {
			p->trailing += (int)(8 + clen + plen);
		} else if (h[1] == FCGI_STDOUT && clen > 0) {
			assert_false(p->eof);
			memcpy(p->stdout_bytes + p->len, h + 8, clen);
			p->len += clen;
			p->records++;
		} else if (h[1] == FCGI_STDOUT) {
			p->eof = 1;
		} else if (h[1] == FCGI_END_REQUEST) {
			assert_true(p->eof);
			assert_int_equal(clen, 8);
			p->protocol_status = h[8 + 4];
			p->end = 1;
		} else
			fail_msg("unexpected record type %d", h[1]);
		off += 8 + clen + plen;
	}
	assert_int_equal(off, n);
}

/*
 * send_through - wire_send of the parts from a child process; the records
 * read here.  full: the child's socket is non-blocking with a small send
 * buffer, and the reading starts late, so the writer finds it full first.
 */
static void
send_through(const void *const *part, const size_t *len, int n, int id, int full, struct parsed *p)
{
	unsigned char *b;
	size_t blen;
	int sv[2], status, small = 4096;
	pid_t pid;

	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		FCGX_Stream out;
		FCGX_Request fr;

		close(sv[1]);
		if (full) {
			setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &small, sizeof(small));
			fcntl(sv[0], F_SETFL, fcntl(sv[0], F_GETFL) | O_NONBLOCK);
		}
		memset(&out, 0, sizeof(out));
		memset(&fr, 0, sizeof(fr));
		fr.requestId = id;
		fr.ipcFd = sv[0];
		fr.out = &out;
		_exit(wire_send(&fr, part, len, n) == 0 && out.wasFCloseCalled && out.isClosed &&
		    out.FCGI_errno == 0 ? 0 : 1);
	}
	close(sv[0]);
	if (full)
		usleep(100000);
	read_all(sv[1], &b, &blen);
	close(sv[1]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	parse(b, blen, id, p);
	free(b);
}

static void
small_reply(void **state)
{
	const char head[] = "Status: 200 OK\r\nContent-Length: 5\r\n\r\n", body[] = "hello";
	const void *part[2] = { head, body };
	size_t len[2] = { sizeof(head) - 1, sizeof(body) - 1 };
	struct parsed p;

	(void)state;
	send_through(part, len, 2, 7, 0, &p);
	assert_int_equal(p.records, 1);
	assert_int_equal(p.len, len[0] + len[1]);
	assert_memory_equal(p.stdout_bytes, head, len[0]);
	assert_memory_equal(p.stdout_bytes + len[0], body, len[1]);
	assert_true(p.eof);
	assert_true(p.end);
	assert_int_equal(p.protocol_status, FCGI_REQUEST_COMPLETE);
	assert_false(p.bad_id);
	assert_int_equal(p.trailing, 0);
	free(p.stdout_bytes);
}

/* An empty part and a head without body (HEAD, 304) frame like any other. */
static void
head_only(void **state)
{
	const char head[] = "Status: 304 Not Modified\r\n\r\n";
	const void *part[2] = { head, NULL };
	size_t len[2] = { sizeof(head) - 1, 0 };
	struct parsed p;

	(void)state;
	send_through(part, len, 2, 300, 0, &p);
	assert_int_equal(p.records, 1);
	assert_int_equal(p.len, len[0]);
	assert_memory_equal(p.stdout_bytes, head, len[0]);
	assert_true(p.end);
	assert_false(p.bad_id);
	free(p.stdout_bytes);
}

/* A head and a body of big bytes through send_through (full as it says): the whole reply arrives intact. */
static const char big_head[] = "Status: 200 OK\r\n\r\n";

static void
big_reply(size_t big, int id, int full, struct parsed *p)
{
	char *body = malloc(big);
	const void *part[2] = { big_head, body };
	size_t len[2] = { sizeof(big_head) - 1, big }, i;

	assert_non_null(body);
	for (i = 0; i < big; i++)
		body[i] = (char)('a' + i % 26);
	send_through(part, len, 2, id, full, p);
	assert_int_equal(p->len, len[0] + big);
	assert_memory_equal(p->stdout_bytes, big_head, len[0]);
	assert_memory_equal(p->stdout_bytes + len[0], body, big);
	assert_true(p->eof);
	assert_true(p->end);
	assert_false(p->bad_id);
	free(body);
}

/* 5 MB: 81 records of at most 64 KB, more than one batch of writev, the request id's high byte in use. */
static void
large_reply(void **state)
{
	size_t big = 5u << 20;
	struct parsed p;

	(void)state;
	big_reply(big, 0x1234, 0, &p);
	assert_int_equal(p.records, (int)((sizeof(big_head) - 1 + big + 0xfff7) / 0xfff8));
	free(p.stdout_bytes);
}

/* The peer has gone: -1, and the error is left on libfcgi's stream so FCGX_Finish_r closes the connection. */
static void
peer_gone(void **state)
{
	const char body[] = "Status: 200 OK\r\n\r\nx";
	const void *part[1] = { body };
	size_t len[1] = { sizeof(body) - 1 };
	FCGX_Stream out;
	FCGX_Request fr;
	int sv[2];

	(void)state;
	signal(SIGPIPE, SIG_IGN);
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	close(sv[1]);
	memset(&out, 0, sizeof(out));
	memset(&fr, 0, sizeof(fr));
	fr.requestId = 1;
	fr.ipcFd = sv[0];
	fr.out = &out;
	assert_int_equal(wire_send(&fr, part, len, 1), -1);
	assert_int_equal(out.FCGI_errno, EPIPE);
	assert_true(out.wasFCloseCalled);
	assert_int_equal(FCGX_FClose(&out), -1);
	close(sv[0]);
}

/* A non-blocking socket whose buffer fills: wire_send waits for the reader instead of failing. */
static void
nonblocking_full_buffer(void **state)
{
	struct parsed p;

	(void)state;
	big_reply(4u << 20, 9, 1, &p);
	free(p.stdout_bytes);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(small_reply),
		cmocka_unit_test(head_only),
		cmocka_unit_test(large_reply),
		cmocka_unit_test(peer_gone),
		cmocka_unit_test(nonblocking_full_buffer),
	};

	return cmocka_run_group_tests_name("fcgi_wire", tests, NULL, NULL);
}
