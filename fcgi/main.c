/*
 * main.c - bin/shelf-fcgi: the pre-forked FastCGI responder.
 *
 * The master opens the unix socket named by fcgi_socket, forks
 * fcgi_workers workers and replaces any that dies.  SIGTERM or SIGINT:
 * workers finish their request in flight and exit, the master removes
 * the socket and exits.  SIGHUP: the configuration is read again (a bad
 * one is reported and the old one kept), a new set of workers is started
 * with it (they load the templates afresh) and then the old ones are
 * told to stop, so some worker accepts connections all the while; an old
 * worker answers what nginx already sent it before it exits.  The socket
 * and the number of workers stay as they were started.
 */
#include <errno.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <fcgiapp.h>
#include "api.h"
#include "config.h"
#include "worker.h"
#include "version.h"

#define MAX_WORKERS 256

static volatile sig_atomic_t got_term, got_hup;

static void on_term(int sig) { (void)sig; got_term = 1; }
static void on_hup(int sig) { (void)sig; got_hup = 1; }

/* spawn - a worker on sock; when fork fails (no memory, process limit), tries again each second until it works or SIGTERM. */
/*
 * socket_mode - make path 0660 with group (a name) or, when group is "",
 * 0600; 0, or -1 with the reason in msg.
 */
static int
socket_mode(const char *path, const char *group, char *msg, size_t n)
{
	struct group *g;

	if (group[0] == '\0') {
		if (chmod(path, 0600) == 0)
			return 0;
	} else if ((g = getgrnam(group)) == NULL) {
		snprintf(msg, n, "fcgi_socket_group: no group named %s", group);
		return -1;
	} else if (chown(path, (uid_t)-1, g->gr_gid) == 0 && chmod(path, 0660) == 0)
		return 0;
	snprintf(msg, n, "cannot set the mode of %s: %s", path, strerror(errno));
	return -1;
}

static pid_t
spawn(const struct config *cfg, int sock)
{
	pid_t pid;

	while ((pid = fork()) < 0 && !got_term) {
		fprintf(stderr, "shelf-fcgi: cannot start a worker: %s (trying again)\n", strerror(errno));
		sleep(1);
	}
	if (pid == 0) {
		signal(SIGHUP, SIG_IGN);
		signal(SIGINT, SIG_IGN);
		_exit(worker_run(cfg, sock));
	}
	return pid;
}

/* stop - ask a worker to finish and exit (never a pid <= 0: kill would reach a process group). */
static void
stop(pid_t pid)
{
	if (pid > 0)
		kill(pid, SIGTERM);
}

int
main(int argc, char **argv)
{
	struct config cfg, fresh;
	struct sigaction sa;
	pid_t workers[MAX_WORKERS], pid;
	char msg[512];
	int sock, i, n, status;

	if (argc > 1 && strcmp(argv[1], "--version") == 0) {
		printf("shelf-fcgi %s\n", version_string());
		return 0;
	}
	if (argc > 1) {
		printf("usage: shelf-fcgi [--version]\n\nThe FastCGI responder.  Configuration from the file named by\n"
		    "$SHELF_CONFIG (else the tree's var/shelf.conf, else /etc/shelf.conf)\n"
		    "and SHELF_* environment variables (see README).\n");
		return strcmp(argv[1], "--help") == 0 ? 0 : 2;
	}
	if (config_load(&cfg, msg, sizeof(msg)) != CORE_OK) {
		fprintf(stderr, "shelf-fcgi: configuration: %s\n", msg);
		return 1;
	}
	config_use_account(&cfg, CONFIG_ACCOUNT_FCGI);	/* least privilege: core/grants.h */
	unlink(cfg.fcgi_socket);
	umask(077);	/* the socket is born closed; socket_mode opens it to nginx */
	if ((sock = FCGX_OpenSocket(cfg.fcgi_socket, 256)) < 0) {
		fprintf(stderr, "shelf-fcgi: cannot listen on %s: %s\n", cfg.fcgi_socket, strerror(errno));
		return 1;
	}
	/*
	 * Only nginx may talk to us: it can set REMOTE_ADDR and HTTPS.  Its
	 * workers may run as another user (www-data when root starts it), so
	 * the socket is 0660 with their group, else 0600.
	 */
	if (socket_mode(cfg.fcgi_socket, cfg.fcgi_socket_group, msg, sizeof(msg)) != 0) {
		fprintf(stderr, "shelf-fcgi: %s\n", msg);
		unlink(cfg.fcgi_socket);
		return 1;
	}

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = on_hup;
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	/* the API's token buckets: one per client for all the workers (apirate.h) */
	if (api_rate_share() != 0)
		fprintf(stderr, "shelf-fcgi: no shared memory for the API's rate limits: each worker keeps its own\n");
	n = cfg.fcgi_workers;
	for (i = 0; i < n; i++)
		workers[i] = spawn(&cfg, sock);
	fprintf(stderr, "shelf-fcgi: %d workers on %s\n", n, cfg.fcgi_socket);

	while (!got_term) {
		pid = waitpid(-1, &status, 0);
		for (i = 0; pid > 0 && i < n; i++)
			if (workers[i] == pid && !got_term) {
				if (WIFSIGNALED(status) || (WIFEXITED(status) && WEXITSTATUS(status) != 0))
					fprintf(stderr, "shelf-fcgi: worker %d died (status %d), replacing it\n",
					    (int)pid, status);
				workers[i] = spawn(&cfg, sock);
			}
		if (got_hup && !got_term) {
			got_hup = 0;
			if (config_load(&fresh, msg, sizeof(msg)) != CORE_OK)
				fprintf(stderr, "shelf-fcgi: SIGHUP: configuration: %s (kept the old one)\n", msg);
			else {
				config_use_account(&fresh, CONFIG_ACCOUNT_FCGI);
				snprintf(fresh.fcgi_socket, sizeof(fresh.fcgi_socket), "%s", cfg.fcgi_socket);
				fresh.fcgi_workers = cfg.fcgi_workers;
				cfg = fresh;
			}
			/* an old worker is no longer in workers[]: its exit is not replaced */
			for (i = 0; i < n; i++) {
				pid_t old = workers[i];

				workers[i] = spawn(&cfg, sock);
				stop(old);
			}
			fprintf(stderr, "shelf-fcgi: SIGHUP: %d new workers; the old ones finish and exit\n", n);
		}
	}
	for (i = 0; i < n; i++)
		stop(workers[i]);
	while (wait(NULL) > 0 || errno == EINTR)
		;
	unlink(cfg.fcgi_socket);
	return 0;
}
