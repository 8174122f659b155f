/*
 * pagestore.c - pages in files (pagestore.h).
 *
 * A file: one line "shelf-page 1 STATUS FLAGS KEYLEN CTYPELEN LEN0 LEN1
 * LEN2\n", then the key, the content type and the parts, their lengths
 * as the line says; a file of any other size is not whole.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>
#include "pagestore.h"
#include "theme.h"

#define MAGIC "shelf-page 1"

/* path_of - the file of base in dir, into out (n bytes); 0, or -1 when it does not fit. */
static int
path_of(char *out, size_t n, const char *dir, const char *base)
{
	unsigned long long h = theme_fnv(THEME_FNV_INIT, base, strlen(base));
	int k = snprintf(out, n, "%s/%016llx.page", dir, h);

	return k < 0 || (size_t)k >= n ? -1 : 0;
}

enum core_err
pagestore_save(const char *dir, const char *base, const char *key, const struct pagestore_page *p)
{
	char path[4096], tmp[4200], head[256];
	struct iovec iov[3 + PAGESTORE_VARIANTS];
	size_t total = 0;
	ssize_t w;
	int fd, i, n = 0, hl;

	if (dir == NULL || *dir == '\0' || path_of(path, sizeof(path), dir, base) != 0)
		return CORE_IO;
	snprintf(tmp, sizeof(tmp), "%s.%d.tmp", path, (int)getpid());
	hl = snprintf(head, sizeof(head), MAGIC " %d %d %zu %zu %zu %zu %zu\n", p->status, p->flags, strlen(key),
	    strlen(p->ctype), p->part[0].len, p->part[1].len, p->part[2].len);
	iov[n++] = (struct iovec){ head, (size_t)hl };
	iov[n++] = (struct iovec){ (void *)(uintptr_t)key, strlen(key) };
	iov[n++] = (struct iovec){ (void *)(uintptr_t)p->ctype, strlen(p->ctype) };
	for (i = 0; i < PAGESTORE_VARIANTS; i++)
		if (p->part[i].len > 0)
			iov[n++] = (struct iovec){ p->part[i].data, p->part[i].len };
	for (i = 0; i < n; i++)
		total += iov[i].iov_len;
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)) < 0)
		return CORE_IO;
	/* a page is some KB: one writev, or the file is left out */
	w = writev(fd, iov, n);
	if (close(fd) != 0 || w < 0 || (size_t)w != total || rename(tmp, path) != 0) {
		unlink(tmp);
		return CORE_IO;
	}
	return CORE_OK;
}

enum core_err
pagestore_load(const char *dir, const char *base, const char *key, struct pagestore_page *p)
{
	char path[4096], *data = NULL, *at, *nl;
	size_t keylen, ctlen, len[PAGESTORE_VARIANTS], want;
	enum core_err er = CORE_IO;
	struct stat st;
	ssize_t got;
	int fd, i;

	memset(p, 0, sizeof(*p));
	if (dir == NULL || *dir == '\0' || path_of(path, sizeof(path), dir, base) != 0)
		return CORE_NOTFOUND;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return errno == ENOENT ? CORE_NOTFOUND : CORE_IO;
	if (fstat(fd, &st) != 0 || st.st_size <= 0 || (data = malloc((size_t)st.st_size + 1)) == NULL)
		goto out;
	if ((got = read(fd, data, (size_t)st.st_size)) != st.st_size)
		goto out;
	data[got] = '\0';
	if ((nl = memchr(data, '\n', (size_t)got)) == NULL ||
	    sscanf(data, MAGIC " %d %d %zu %zu %zu %zu %zu", &p->status, &p->flags, &keylen, &ctlen, &len[0], &len[1],
	    &len[2]) != 7 || ctlen >= sizeof(p->ctype))
		goto out;
	at = nl + 1;
	want = (size_t)(at - data) + keylen + ctlen + len[0] + len[1] + len[2];
	if (want != (size_t)got)
		goto out;
	if (keylen != strlen(key) || memcmp(at, key, keylen) != 0) {
		er = CORE_NOTFOUND;	/* another version of the page */
		goto out;
	}
	at += keylen;
	memcpy(p->ctype, at, ctlen);
	p->ctype[ctlen] = '\0';
	at += ctlen;
	for (i = 0; i < PAGESTORE_VARIANTS; i++) {
		if (len[i] > 0 && buf_append(&p->part[i], at, len[i]) != CORE_OK) {
			er = CORE_ENOMEM;
			goto out;
		}
		at += len[i];
	}
	er = CORE_OK;
out:
	close(fd);
	free(data);
	if (er != CORE_OK)
		pagestore_page_free(p);
	return er;
}

void
pagestore_page_free(struct pagestore_page *p)
{
	int i;

	for (i = 0; i < PAGESTORE_VARIANTS; i++)
		buf_free(&p->part[i]);
	memset(p, 0, sizeof(*p));
}
