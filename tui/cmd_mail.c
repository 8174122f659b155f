/*
 * cmd_mail.c - `shelf mail [N] [--dir DIR]`: what the demo's SMTP
 * catcher received (tools/serve.sh runs aiosmtpd storing each message in
 * the maildir of the `maildir` setting, var/mail).  Without N: one line
 * a message, oldest first, numbered from 1: date, recipient, subject.
 * With N: that message's headers and its text part, decoded.  Control
 * characters other than line ends and tabs are not printed.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include "buf.h"
#include "cli.h"
#include "cmd.h"
#include "mail.h"

#define MAIL_FILE_MAX ((size_t)16 << 20)

struct msgfile {
	char            path[PATH_MAX];
	struct timespec mtime;
};

static void
usage(FILE *f)
{
	fprintf(f, "usage: shelf mail [N] [--dir DIR]\n\n"
	    "List the e-mails in the maildir DIR (default: the maildir setting, where\n"
	    "make serve's SMTP catcher stores what the worker sends), oldest first; with\n"
	    "N, print message N: its headers and its text part, decoded.\n");
}

static int
by_time(const void *a, const void *b)
{
	const struct msgfile *x = a, *y = b;

	if (x->mtime.tv_sec != y->mtime.tv_sec)
		return x->mtime.tv_sec < y->mtime.tv_sec ? -1 : 1;
	if (x->mtime.tv_nsec != y->mtime.tv_nsec)
		return x->mtime.tv_nsec < y->mtime.tv_nsec ? -1 : 1;
	return strcmp(x->path, y->path);
}

/* scan - the files of dir/new and dir/cur into *out (malloc'd); the count, -1 when dir/new cannot be read. */
static int
scan(const char *dir, struct msgfile **out)
{
	static const char *const subs[] = { "new", "cur" };
	struct msgfile *v = NULL, *nv;
	struct dirent *e;
	struct stat st;
	char sub[PATH_MAX];
	DIR *d;
	int n = 0, cap = 0, i;

	for (i = 0; i < 2; i++) {
		snprintf(sub, sizeof(sub), "%s/%s", dir, subs[i]);
		if ((d = opendir(sub)) == NULL) {
			if (i == 0) {
				free(v);
				return -1;
			}
			continue;
		}
		while ((e = readdir(d)) != NULL) {
			if (e->d_name[0] == '.')
				continue;
			if (n == cap) {
				cap = cap ? cap * 2 : 64;
				if ((nv = realloc(v, (size_t)cap * sizeof(*v))) == NULL)
					break;
				v = nv;
			}
			if (snprintf(v[n].path, sizeof(v[n].path), "%s/%s", sub, e->d_name) >=
			    (int)sizeof(v[n].path))
				continue;
			if (stat(v[n].path, &st) == 0 && S_ISREG(st.st_mode)) {
				v[n].mtime = st.st_mtim;
				n++;
			}
		}
		closedir(d);
	}
	if (n > 0)
		qsort(v, (size_t)n, sizeof(*v), by_time);
	*out = v;
	return n;
}

static int
slurp(const char *path, struct buf *b)
{
	char chunk[8192];
	FILE *f;
	size_t k;

	if ((f = fopen(path, "rb")) == NULL)
		return -1;
	while ((k = fread(chunk, 1, sizeof(chunk), f)) > 0 && b->len + k <= MAIL_FILE_MAX)
		if (buf_append(b, chunk, k) != CORE_OK)
			break;
	fclose(f);
	return 0;
}

/* body_start - where the body of the entity at p begins (after the blank line), or NULL. */
static const char *
body_start(const char *p)
{
	const char *a = strstr(p, "\r\n\r\n"), *b = strstr(p, "\n\n");

	if (a != NULL && (b == NULL || a < b))
		return a + 4;
	return b != NULL ? b + 2 : NULL;
}

/*
 * header - the unfolded value of header name in the header block
 * [p, end) into out ("" when absent).
 */
static void
header(const char *p, const char *end, const char *name, struct buf *out)
{
	size_t n = strlen(name);
	const char *q;

	buf_reset(out);
	while (p != NULL && p < end) {
		if (strncasecmp(p, name, n) == 0 && p[n] == ':') {
			for (q = p + n + 1; q < end; q++) {
				if (*q == '\n' && (q + 1 >= end || (q[1] != ' ' && q[1] != '\t')))
					break;
				if (*q != '\r' && *q != '\n')
					buf_putc(out, *q);
			}
			return;
		}
		p = memchr(p, '\n', (size_t)(end - p));
		if (p != NULL)
			p++;
	}
}

/* put - s without control characters other than newline and tab. */
static void
put(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s >= 0x20 || *s == '\n' || *s == '\t')
			if (*s != 0x7f)
				putchar(*s);
}

/* put_header - header name's decoded value; with label, "Name: value\n" and nothing when it is absent. */
static void
put_header(const char *msg, const char *hend, const char *name, int label)
{
	struct buf raw = { NULL, 0, 0 }, dec = { NULL, 0, 0 };
	const char *v;

	header(msg, hend, name, &raw);
	v = buf_cstr(&raw);
	while (*v == ' ')
		v++;
	mail_header_decode(v, &dec);
	if (label && *v != '\0')
		printf("%s: ", name);
	put(buf_cstr(&dec));
	if (label && *v != '\0')
		printf("\n");
	buf_free(&raw);
	buf_free(&dec);
}

/* text_part - the decoded text/plain part of msg into out. */
static void
text_part(const char *msg, struct buf *out)
{
	struct buf ct = { NULL, 0, 0 }, cte = { NULL, 0, 0 };
	char boundary[200] = "", mark[210];
	const char *body = body_start(msg), *part, *b, *pend, *pbody;

	if (body == NULL)
		return;
	header(msg, body, "Content-Type", &ct);
	if ((b = strcasestr(buf_cstr(&ct), "boundary=")) != NULL) {
		b += 9;
		if (*b == '"')
			b++;
		snprintf(boundary, sizeof(boundary), "%.*s", (int)strcspn(b, "\";"), b);
	}
	part = msg;
	pend = msg + strlen(msg);
	if (boundary[0] != '\0') {
		snprintf(mark, sizeof(mark), "--%s", boundary);
		for (part = strstr(body, mark); part != NULL; part = strstr(part + 1, mark)) {
			part += strlen(mark);
			if (part[0] == '-' && part[1] == '-')
				break;
			if ((pbody = body_start(part)) == NULL)
				break;
			header(part + strspn(part, "\r\n"), pbody, "Content-Type", &ct);
			if (strcasestr(buf_cstr(&ct), "text/plain") != NULL) {
				pend = strstr(pbody, mark);
				if (pend == NULL)
					pend = pbody + strlen(pbody);
				break;
			}
		}
		if (part == NULL || pend == msg + strlen(msg))
			goto out;
	}
	if ((pbody = body_start(part == msg ? msg : part)) == NULL)
		goto out;
	header(part == msg ? msg : part + strspn(part, "\r\n"), pbody, "Content-Transfer-Encoding", &cte);
	if (strcasestr(buf_cstr(&cte), "quoted-printable") != NULL)
		mail_qp_decode(pbody, (size_t)(pend - pbody), out);
	else
		buf_append(out, pbody, (size_t)(pend - pbody));
out:
	buf_free(&ct);
	buf_free(&cte);
}

int
cmd_mail(int argc, char **argv)
{
	static const char *const shown[] = { "Date", "From", "To", "Reply-To", "Subject", "Message-ID" };
	struct config cfg;
	struct msgfile *v = NULL;
	struct buf msg = { NULL, 0, 0 }, text = { NULL, 0, 0 };
	const char *dir = NULL, *hend;
	char *end;
	long want = 0;
	int i, n, rc = 1;
	size_t k;

	if (cmd_wants_help(argc, argv)) {
		usage(stdout);
		return 0;
	}
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--dir") == 0 && i + 1 < argc)
			dir = argv[++i];
		else if (want == 0 && (want = strtol(argv[i], &end, 10)) > 0 && *end == '\0')
			;
		else {
			fprintf(stderr, "shelf mail: unexpected argument '%s'\n", argv[i]);
			usage(stderr);
			return 2;
		}
	}
	if (dir == NULL) {
		if (cli_config(&cfg) != 0)
			return 1;
		dir = cfg.maildir;
	}
	if ((n = scan(dir, &v)) < 0) {
		fprintf(stderr, "shelf mail: cannot read %s/new: %s (is the stack up? make serve)\n", dir,
		    strerror(errno));
		return 1;
	}
	if (want > n) {
		fprintf(stderr, "shelf mail: there are %d messages in %s\n", n, dir);
		goto out;
	}
	for (i = want ? (int)want - 1 : 0; i < (want ? (int)want : n); i++) {
		buf_reset(&msg);
		if (slurp(v[i].path, &msg) != 0 || msg.len == 0)
			continue;
		if ((hend = body_start(msg.data)) == NULL)
			hend = msg.data + msg.len;
		if (!want) {
			printf("%3d  ", i + 1);
			put_header(msg.data, hend, "Date", 0);
			printf("  ");
			put_header(msg.data, hend, "To", 0);
			printf("  ");
			put_header(msg.data, hend, "Subject", 0);
			printf("\n");
			continue;
		}
		for (k = 0; k < sizeof(shown) / sizeof(shown[0]); k++)
			put_header(msg.data, hend, shown[k], 1);
		printf("\n");
		text_part(msg.data, &text);
		put(buf_cstr(&text));
		if (text.len > 0 && text.data[text.len - 1] != '\n')
			printf("\n");
	}
	if (!want && n == 0)
		printf("no messages in %s\n", dir);
	rc = 0;
out:
	free(v);
	buf_free(&msg);
	buf_free(&text);
	return rc;
}
