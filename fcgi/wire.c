/*
 * wire.c - a whole FastCGI reply written in one go (see wire.h).
 */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>
#include <fastcgi.h>
#include "wire.h"

#define WIRE_BATCH  32			/* records per writev */
#define WIRE_RECORD 0xfff8		/* content per FCGI_STDOUT record: the most that is a multiple of 8 */

/* head - the 8-byte header of a record of type with len bytes of content, no padding. */
static void
head(unsigned char h[8], int type, int id, size_t len)
{
	h[0] = FCGI_VERSION_1;
	h[1] = (unsigned char)type;
	h[2] = (unsigned char)((id >> 8) & 0xff);
	h[3] = (unsigned char)(id & 0xff);
	h[4] = (unsigned char)((len >> 8) & 0xff);
	h[5] = (unsigned char)(len & 0xff);
	h[6] = 0;
	h[7] = 0;
}

#define WIRE_STALL_MS 30000		/* nginx not reading for this long: the connection is given up */

/*
 * writev_all - all of iov[0..n) on fd, across short writes, EINTR and
 * (should the socket be non-blocking) EAGAIN; 0 or -1 (errno).
 */
static int
writev_all(int fd, struct iovec *iov, int n)
{
	struct pollfd p;
	ssize_t w;

	while (n > 0) {
		if ((w = writev(fd, iov, n)) < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN || errno == EWOULDBLOCK) {
				p.fd = fd;
				p.events = POLLOUT;
				if (poll(&p, 1, WIRE_STALL_MS) > 0)
					continue;
				errno = ETIMEDOUT;
			}
			return -1;
		}
		while (n > 0 && (size_t)w >= iov->iov_len) {
			w -= (ssize_t)iov->iov_len;
			iov++;
			n--;
		}
		if (n > 0) {
			iov->iov_base = (char *)iov->iov_base + w;
			iov->iov_len -= (size_t)w;
		}
	}
	return 0;
}

int
wire_send(FCGX_Request *fr, const void *const *part, const size_t *len, int n)
{
	/* per record: its header and at most one slice of each part; then the end records */
	unsigned char heads[WIRE_BATCH][8], tail[24];
	struct iovec iov[WIRE_BATCH * 3 + 1];
	size_t total = 0, off = 0, rec, take;
	int i, k = 0, nh = 0, p = 0, rc = 0;

	for (i = 0; i < n; i++)
		total += len[i];
	while (total > 0) {
		rec = total < WIRE_RECORD ? total : WIRE_RECORD;
		head(heads[nh], FCGI_STDOUT, fr->requestId, rec);
		iov[k].iov_base = heads[nh++];
		iov[k++].iov_len = 8;
		total -= rec;
		while (rec > 0) {
			take = len[p] - off < rec ? len[p] - off : rec;
			if (take > 0) {
				iov[k].iov_base = (char *)part[p] + off;
				iov[k++].iov_len = take;
			}
			rec -= take;
			off += take;
			if (off == len[p]) {
				p++;
				off = 0;
			}
		}
		if (total > 0 && (nh == WIRE_BATCH || k > WIRE_BATCH * 3 - 1 - n)) {
			if ((rc = writev_all(fr->ipcFd, iov, k)) != 0)
				break;
			k = nh = 0;
		}
	}
	if (rc == 0) {
		/* the empty FCGI_STDOUT record ends the stream; FCGI_END_REQUEST: status 0, complete */
		head(tail, FCGI_STDOUT, fr->requestId, 0);
		head(tail + 8, FCGI_END_REQUEST, fr->requestId, 8);
		memset(tail + 16, 0, 8);
		tail[16 + 4] = FCGI_REQUEST_COMPLETE;
		iov[k].iov_base = tail;
		iov[k++].iov_len = sizeof(tail);
		rc = writev_all(fr->ipcFd, iov, k);
	}
	/*
	 * libfcgi's output stream is done: FCGX_FClose skips a stream whose
	 * close was called, so FCGX_Finish_r writes nothing more; an error
	 * recorded on it makes FCGX_Finish_r close the connection.
	 */
	if (rc != 0)
		fr->out->FCGI_errno = errno ? errno : EIO;
	fr->out->wasFCloseCalled = 1;
	fr->out->isClosed = 1;
	return rc;
}
