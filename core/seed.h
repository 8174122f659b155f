/*
 * seed.h - loading the demo data and the scale datasets.
 *
 * The data are SQL scripts under <sql_dir>/seed/ (demo.sql, scale.sql);
 * this module decides when and with which parameters they run.
 */
#ifndef SHELF_SEED_H
#define SHELF_SEED_H

#include <stddef.h>
#include "db.h"

/* The scale datasets of the Foundation issue. */
enum seed_scale { SEED_S, SEED_L, SEED__MAX };

/* seed_is_empty - *empty is 1 when no distributor exists yet. */
enum core_err seed_is_empty(struct db *db, int *empty);

/*
 * seed_demo - load demo.sql and move its story to the instant of the load
 * (NOW() on db: the pinned clock when one is set), in one transaction:
 * the demo always looks like a running business (see seed.c).  Refuses
 * with CORE_CONFLICT (and a message) when the database already holds data.
 */
enum core_err seed_demo(struct db *db, const char *sql_dir, char *msg, size_t msgsz);

/*
 * seed_scale - load scale.sql with the sizes of dataset s.  Refuses
 * with CORE_CONFLICT when a scale dataset is already loaded.
 */
enum core_err seed_scale(struct db *db, const char *sql_dir, enum seed_scale s, char *msg, size_t msgsz);

/* seed_scale_parse - "S"/"L" (either case) to the enum; -1 when neither. */
int seed_scale_parse(const char *name);

#endif
