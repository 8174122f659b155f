/*
 * err.h - the typed error every core function returns.
 *
 * Codes and their human messages come from one X-macro so they cannot
 * drift.  CORE_OK is zero, so `if ((er = f()) != CORE_OK) return er;`
 * propagates.  core/ never prints and never exits: the boundary (TUI,
 * CLI, FastCGI) turns an error into a message.
 */
#ifndef SHELF_ERR_H
#define SHELF_ERR_H

#define CORE_ERRORS(X) \
	X(CORE_OK,        "success") \
	X(CORE_ENOMEM,    "out of memory") \
	X(CORE_DB,        "database error") \
	X(CORE_DBCONN,    "database connection lost") \
	X(CORE_NOTFOUND,  "not found") \
	X(CORE_FORBIDDEN, "not allowed for this role") \
	X(CORE_INVALID,   "invalid input") \
	X(CORE_CONFLICT,  "conflicts with the current state") \
	X(CORE_RANGE,     "value out of range") \
	X(CORE_CONFIG,    "configuration error") \
	X(CORE_IO,        "input/output error") \
	X(CORE_DEADLOCK,  "transaction deadlocked too often") \
	X(CORE_TEMPLATE,  "template error")

enum core_err {
#define X(code, msg) code,
	CORE_ERRORS(X)
#undef X
	CORE__MAX
};

/*
 * CORE_WHY - size of the buffer a mutating core function fills with a
 * one-sentence, user-facing reason when it refuses (never SQL text).
 */
#define CORE_WHY 256

/*
 * core_say - write a one-sentence reason (printf format) into why, a
 * buffer of CORE_WHY bytes; does nothing when why is NULL.
 */
void core_say(char *why, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* core_strerror - the fixed English message of er; never NULL. */
const char *core_strerror(enum core_err er);

/* core_errname - the symbolic name ("CORE_NOTFOUND"); never NULL. */
const char *core_errname(enum core_err er);

#endif
