/*
 * cmd_operator.c - `shelf operator add|disable|list`: the Operators tab
 * from the command line.  A distributor admin manages operators of any
 * role, a reseller admin its own reseller's admins and staff (core
 * decides: core/operator.h).  Confirms nothing, prints what it did;
 * a refusal is one line on stderr with exit status 1, bad arguments 2.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "cmd.h"
#include "operator.h"
#include "whoami.h"

static const char usage[] =
    "usage: shelf operator add --login LOGIN --name NAME --email EMAIL --role ROLE\n"
    "                          [--reseller ID] [--ssh-key FILE]\n"
    "       shelf operator disable LOGIN\n"
    "       shelf operator list\n"
    "       (each also takes --operator NAME from a gateway account)\n\n"
    "ROLE: distributor_admin, support, reseller_admin or reseller_staff (read-only).\n"
    "A distributor admin adds and disables operators of any role (--reseller ID\n"
    "for the reseller roles); a reseller admin only its own reseller's admins and\n"
    "staff.  Nobody disables themselves or the last active admin; a disabled\n"
    "operator's TUI ends on its next keystroke.\n\n"
    "--ssh-key FILE (a public key, e.g. id_ed25519.pub) prints, as the last line,\n"
    "the line for the gateway account's ~/.ssh/authorized_keys:\n"
    "  command=\"/path/to/shelf --operator LOGIN\",restrict ssh-ed25519 AAAA... comment\n"
    "with this program's own path; list that account in the configuration's\n"
    "gateways (README: Deploying).\n"
    "Exit status: 0 done; 1 refused or failed (the reason on stderr); 2 bad arguments.\n";

#define PROG "shelf operator"
#define KEY_MAX 16384

/* The public key types sshd accepts in authorized_keys. */
static const char *const key_types[] = {
	"ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
	"sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com", NULL,
};

/*
 * read_key - the public key in path ("TYPE BASE64 [comment]", the first
 * line that is not blank or a comment) into out: 0, or -1 after saying why.
 */
static int
read_key(const char *path, char *out, size_t n)
{
	char buf[KEY_MAX], *line, *save = NULL, *p;
	size_t got, i, tl;
	FILE *f;

	if ((f = fopen(path, "r")) == NULL) {
		fprintf(stderr, PROG " add: %s: cannot be read\n", path);
		return -1;
	}
	got = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[got] = '\0';
	for (line = strtok_r(buf, "\r\n", &save); line != NULL; line = strtok_r(NULL, "\r\n", &save)) {
		while (*line == ' ' || *line == '\t')
			line++;
		if (*line != '\0' && *line != '#')
			break;
	}
	if (line == NULL) {
		fprintf(stderr, PROG " add: %s holds no public key\n", path);
		return -1;
	}
	for (i = 0; key_types[i] != NULL; i++) {
		tl = strlen(key_types[i]);
		if (strncmp(line, key_types[i], tl) == 0 && line[tl] == ' ')
			break;
	}
	if (key_types[i] == NULL) {
		fprintf(stderr, PROG " add: %s is not an OpenSSH public key (it must start with its type, "
		    "e.g. ssh-ed25519, and hold no options)\n", path);
		return -1;
	}
	/* the base64 blob, then an optional comment of printable characters */
	p = line + tl + 1;
	if (strspn(p, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=") < 16) {
		fprintf(stderr, PROG " add: %s: the key's base64 part is missing\n", path);
		return -1;
	}
	for (p = line; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f) {
			fprintf(stderr, PROG " add: %s: the key line holds control characters\n", path);
			return -1;
		}
	if (strlen(line) >= n) {
		fprintf(stderr, PROG " add: %s: the key is too long\n", path);
		return -1;
	}
	snprintf(out, n, "%s", line);
	return 0;
}

/* self_path - this program's absolute path for a forced command: 0, or -1 after saying why. */
static int
self_path(char *out, size_t n)
{
	ssize_t len = readlink("/proc/self/exe", out, n - 1);

	if (len <= 0) {
		fprintf(stderr, PROG " add: cannot tell this program's path (/proc/self/exe)\n");
		return -1;
	}
	out[len] = '\0';
	if (strspn(out, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/._+-") != (size_t)len) {
		fprintf(stderr, PROG " add: this program's path '%s' holds characters a forced command "
		    "cannot carry; install it under a plain path\n", out);
		return -1;
	}
	return 0;
}

static int
add(struct db *db, const struct actor *a, const struct config *cfg, int argc, char **argv)
{
	const char *login = NULL, *name = NULL, *email = NULL, *role = NULL, *reseller = NULL, *keyfile = NULL;
	const struct cli_opt opts[] = {
		{ "--login", &login }, { "--name", &name }, { "--email", &email }, { "--role", &role },
		{ "--reseller", &reseller }, { "--ssh-key", &keyfile },
	};
	char why[CORE_WHY] = "", key[KEY_MAX], self[PATH_MAX];
	struct operator_new n = { 0 };
	const char *pos[1];
	enum core_err er;
	int64_t id = 0;
	int got, r;

	(void)cfg;
	if (cli_parse(PROG " add", argc, argv, opts, sizeof(opts) / sizeof(opts[0]), pos, 0, &got) != 0)
		return 2;
	if (login == NULL || name == NULL || email == NULL || role == NULL) {
		fprintf(stderr, PROG " add: --login, --name, --email and --role are required\n");
		return 2;
	}
	if ((r = actor_role_parse(role)) < 0) {
		fprintf(stderr, PROG " add: no role '%s' (distributor_admin, support, reseller_admin, "
		    "reseller_staff)\n", role);
		return 2;
	}
	if (reseller != NULL && cli_id(reseller, &n.reseller_id) != 0) {
		fprintf(stderr, PROG " add: --reseller takes the reseller's ID\n");
		return 2;
	}
	/* the key is checked before anything changes */
	if (keyfile != NULL && (read_key(keyfile, key, sizeof(key)) != 0 || self_path(self, sizeof(self)) != 0))
		return 1;
	n.login = login;
	n.display_name = name;
	n.email = email;
	n.role = (enum actor_role)r;
	if ((er = operator_add(db, a, &n, &id, why)) != CORE_OK)
		return cli_fail(PROG " add", er, why, "only a distributor admin or a reseller admin adds operators");
	printf("operator %s added: %s <%s>, %s", login, name, email, operator_role_label(n.role));
	if (n.reseller_id > 0 || a->role == ROLE_RESELLER_ADMIN)
		printf(" of reseller %lld", (long long)(n.reseller_id > 0 ? n.reseller_id : a->reseller_id));
	printf("\n");
	if (keyfile != NULL)
		printf("command=\"%s --operator %s\",restrict %s\n", self, login, key);
	return 0;
}

static int
disable(struct db *db, const struct actor *a, const struct config *cfg, int argc, char **argv)
{
	char why[CORE_WHY] = "";
	const char *pos[1];
	struct operator o;
	enum core_err er;
	int got;

	(void)cfg;
	if (cli_parse(PROG " disable", argc, argv, NULL, 0, pos, 1, &got) != 0)
		return 2;
	if (got != 1) {
		fprintf(stderr, PROG " disable: give the operator's LOGIN\n");
		return 2;
	}
	if ((er = operator_disable(db, a, pos[0], &o, why)) != CORE_OK)
		return cli_fail(PROG " disable", er, why, "only a distributor admin or a reseller admin disables operators");
	printf("operator %s disabled: %s, %s; refused from their next keystroke\n", o.login, o.display_name,
	    operator_role_label(o.role));
	return 0;
}

static int
list(struct db *db, const struct actor *a, const struct config *cfg, int argc, char **argv)
{
	static const int w[] = { 20, 18, 24, 24, 30, 8 };
	static const char *const head[] = { "LOGIN", "ROLE", "RESELLER", "NAME", "EMAIL", "ACTIVE" };
	struct operator_list l;
	const char *pos[1], *cells[6];
	enum core_err er;
	size_t i;
	int got;

	(void)cfg;
	if (cli_parse(PROG " list", argc, argv, NULL, 0, pos, 0, &got) != 0)
		return 2;
	if ((er = operator_list(db, a, OPERATOR_LIST_MAX, 0, &l)) != CORE_OK)
		return cli_fail(PROG " list", er, "", "support, distributor and reseller operators list operators");
	cli_cells(stdout, head, w, 6);
	for (i = 0; i < l.n; i++) {
		cells[0] = l.items[i].login;
		cells[1] = actor_role_name(l.items[i].role);
		cells[2] = l.items[i].reseller_name[0] ? l.items[i].reseller_name : "-";
		cells[3] = l.items[i].display_name;
		cells[4] = l.items[i].email[0] ? l.items[i].email : "-";
		cells[5] = l.items[i].active ? "yes" : "no";
		cli_cells(stdout, cells, w, 6);
	}
	if (l.total > (int64_t)l.n)
		printf("(%zu of %lld shown)\n", l.n, (long long)l.total);
	operator_list_free(&l);
	return 0;
}

static const struct cmd_sub subs[] = {
	{ "add", add },
	{ "disable", disable },
	{ "list", list },
};

int
cmd_operator(int argc, char **argv)
{
	return cmd_operator_run(argc, argv, usage, PROG, subs, sizeof(subs) / sizeof(subs[0]));
}
