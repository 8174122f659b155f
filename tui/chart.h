/*
 * chart.h - charts drawn with text: a pie of braille dots (one slice
 * per value, each cell coloured as the slice most of its dots belong to)
 * and horizontal bars of eighth blocks.  Pure: the rasterising is done
 * here and tested without a terminal; the screen puts the cells on it.
 */
#ifndef SHELF_CHART_H
#define SHELF_CHART_H

#include <stddef.h>
#include <stdint.h>

#define CHART_SLICES 16

/* One character cell of a pie: a braille code point (U+2800..U+28FF) and its slice (-1: outside). */
struct chart_cell {
	int cp;
	int slice;
};

/*
 * chart_pie - a pie of the n (<= CHART_SLICES) non-negative values v,
 * clockwise from twelve o'clock in the order given, inscribed in cols x
 * rows braille cells (2 x 4 dots each, about square on a terminal),
 * into out[rows * cols] (row-major).  Dots on a boundary between two
 * slices are left dark, so the slices stay apart without colours.  A
 * cell outside the disc is U+2800 with slice -1.  All zero: an empty
 * circle outline.  dots (may be NULL) gets the count of lit dots per
 * slice (n entries), for tests of the proportions.
 */
void chart_pie(const int64_t *v, int n, int cols, int rows, struct chart_cell *out, int64_t *dots);

/*
 * chart_bar - a bar of width columns filled to share_bp / 10000 of it in
 * eighth blocks (U+2588..U+258F), padded with spaces, into buf (UTF-8).
 * Returns buf.
 */
char *chart_bar(int32_t share_bp, int width, char *buf, size_t sz);

/* chart_share - "72.5%" (one decimal, rounded half-up) of part / whole into buf; whole 0 gives "0.0%". */
char *chart_share(int64_t part, int64_t whole, char *buf, size_t sz);

/* chart_bp - "72.5%" of basis points into buf. */
char *chart_bp(int32_t bp, char *buf, size_t sz);

#endif
