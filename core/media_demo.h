/*
 * media_demo.h - the demo's images, through the media store.
 *
 * sql/seed/demo.sql names its images "media:NAME" (a product's
 * image_url, a section's image or a logo's image, a storefront's
 * logo_url); the files are sql/seed/media/NAME.webp or NAME.png, made by
 * tools/demo_images.py.  media_demo_load stores each file as media_add
 * does (checked, content-addressed under media_dir), records it for every
 * tenant that names it (the distributor of such products, the reseller of
 * such a storefront) and replaces the names by the media URLs.  A name
 * left without a file is an error: every image of the demo loads.
 */
#ifndef SHELF_MEDIA_DEMO_H
#define SHELF_MEDIA_DEMO_H

#include <stddef.h>
#include "db.h"
#include "err.h"

#define MEDIA_DEMO_TOKEN "media:"

/*
 * media_demo_load - as above, inside the caller's transaction (seed_demo).
 * On failure a sentence in msg; CORE_IO (a file), CORE_INVALID (a file
 * the store refuses, a name without a file), CORE_DB.
 */
enum core_err media_demo_load(struct db *db, const char *sql_dir, char *msg, size_t msgsz);

#endif
