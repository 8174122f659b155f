/*
 * keys.h - licence keys (sql/005 licence_keys): the stock of a keys
 * product, imported by the distributor, and the keys connector that
 * gives a provision task's line its keys.  A key is free while its
 * order_line_id is NULL and goes to exactly one line.
 */
#ifndef SHELF_KEYS_H
#define SHELF_KEYS_H

#include <stddef.h>
#include <stdint.h>
#include "actor.h"
#include "db.h"
#include "fulfil.h"

#define KEYS_KEY_MAX     255	/* licence_keys.licence_key, characters */
#define KEYS_DUPS_SHOWN  20	/* duplicate lines an import remembers */

/*
 * keys_assign - the keys connector, for claimed task id (a keys
 * provision task), in one transaction: take quantity free keys of the
 * product (locked FOR UPDATE, lowest id first, so two workers never take
 * one key), give them to the task's line (order_line_id, assigned_at),
 * end the task done with its vendor_ref the line's first key (its first
 * FULFIL_REF_MAX characters; order_get lists them all), and settle
 * the order (fulfil.h).  Not enough free keys: nothing is taken and the
 * task goes waiting with error "No licence keys in stock for SKU <sku>
 * (<n> needed, <m> free)."; an import queues it again.  *result gets
 * the task's new status.  ACT_SYSTEM.  CORE_CONFLICT (why) when the task
 * is no longer queued.
 */
enum core_err keys_assign(struct db *db, const struct actor *a, int64_t id, enum fulfil_status *result,
    char *why);

/* What an import did (keys_import). */
struct keys_import_result {
	char    sku[65];
	int64_t product_id;
	int     imported;		/* keys added */
	int     duplicates;		/* lines skipped: the key is in the stock already, or earlier in the text */
	int     dup_lines[KEYS_DUPS_SHOWN];	/* the first duplicates' line numbers, from 1 */
	int64_t free;			/* free keys of the product afterwards */
	int64_t requeued;		/* waiting keys tasks queued again */
};

/*
 * keys_import - a distributor admin (ACT_FULFIL) adds the keys in
 * text[0..len) to product (its id in decimal, or its SKU) of the admin's
 * distributor, in one transaction: one key per line, surrounding white
 * space trimmed, blank lines and lines starting with '#' skipped; a key
 * already in the stock (or earlier in the text) is counted a duplicate
 * and skipped; then the product's waiting keys tasks are queued again
 * (due now), and an audit row written.  *r is filled on CORE_OK.
 * CORE_NOTFOUND (why) for an unknown product, CORE_INVALID (why,
 * nothing written) for a product not fulfilled by keys, a key over
 * KEYS_KEY_MAX characters, bad UTF-8 or a control character (why names
 * the line), or a text without a single key.
 */
enum core_err keys_import(struct db *db, const struct actor *a, const char *product, const char *text,
    size_t len, struct keys_import_result *r, char *why);

/*
 * The import's pure parsing layer (no database), exposed for the fuzz
 * target tests/fuzz/fuzz_keys.c.
 *
 * keys_next - the next key of text[0..len) from *pos (0 at first): its
 * start and length (surrounding blanks and a CR trimmed) in *key and
 * *klen, its line number (from 1; *line starts at 0) in *line; blank
 * lines and lines starting with '#' skipped.  0 at the end.
 */
int keys_next(const char *text, size_t len, size_t *pos, int *line, const char **key, size_t *klen);

/*
 * keys_check_text - CORE_OK when every key of text[0..len) is UTF-8
 * without control characters and at most KEYS_KEY_MAX characters, and
 * there is at least one; CORE_INVALID with why (CORE_WHY bytes) naming
 * the first bad line otherwise.
 */
enum core_err keys_check_text(const char *text, size_t len, char *why);

/* The stock of one keys product. */
struct keys_stock {
	int64_t product_id;
	char    sku[65];
	char    name[201];
	int64_t free;
	int64_t assigned;
	int64_t waiting;	/* keys tasks waiting for stock */
};

DB_LIST(keys_stock_list, struct keys_stock);

/* keys_stock_list_free - release l->items; NULL is fine. */
void keys_stock_list_free(struct keys_stock_list *l);

/*
 * keys_stock - every keys product of a's distributor, by SKU, with its
 * free and assigned keys (ACT_FULFIL or ACT_OUTBOX_READ; the system:
 * every distributor's, or a->distributor_id's when set).
 */
enum core_err keys_stock(struct db *db, const struct actor *a, struct keys_stock_list *out);

#endif
