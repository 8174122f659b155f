/*
 * chart.c - the pie and the bars of chart.h.  Geometry is in floating
 * point (it is pixels, not money); the shares in the legend are integer
 * arithmetic.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "chart.h"

/* braille dot bit of the dot at column dx (0..1), row dy (0..3) of a cell */
static const int dot_bit[4][2] = { { 0x01, 0x08 }, { 0x02, 0x10 }, { 0x04, 0x20 }, { 0x40, 0x80 } };

static int
utf8_put(char *buf, size_t sz, size_t *o, int cp)
{
	char tmp[4];
	int n;

	if (cp < 0x80) {
		tmp[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		tmp[0] = (char)(0xc0 | (cp >> 6));
		tmp[1] = (char)(0x80 | (cp & 0x3f));
		n = 2;
	} else {
		tmp[0] = (char)(0xe0 | (cp >> 12));
		tmp[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		tmp[2] = (char)(0x80 | (cp & 0x3f));
		n = 3;
	}
	if (*o + (size_t)n + 1 > sz)
		return -1;
	memcpy(buf + *o, tmp, (size_t)n);
	*o += (size_t)n;
	buf[*o] = '\0';
	return 0;
}

void
chart_pie(const int64_t *v, int n, int cols, int rows, struct chart_cell *out, int64_t *dots)
{
	double edge[CHART_SLICES + 1], total = 0, acc = 0, cx, cy, r, dx, dy, d, ang, gap;
	int x, y, i, k, w = cols * 2, h = rows * 4;
	int count[CHART_SLICES];

	if (n > CHART_SLICES)
		n = CHART_SLICES;
	if (n < 0)
		n = 0;
	for (i = 0; i < n; i++) {
		total += v[i] > 0 ? (double)v[i] : 0;
		if (dots)
			dots[i] = 0;
	}
	edge[0] = 0;
	for (i = 0; i < n; i++) {
		acc += v[i] > 0 ? (double)v[i] : 0;
		edge[i + 1] = total > 0 ? acc / total * 2 * M_PI : 0;
	}
	for (i = 0; i < rows * cols; i++) {
		out[i].cp = 0x2800;
		out[i].slice = -1;
	}
	cx = w / 2.0;
	cy = h / 2.0;
	r = (w < h ? w : h) / 2.0 - 0.5;
	for (y = 0; y < rows; y++)
		for (x = 0; x < cols; x++) {
			struct chart_cell *c = &out[y * cols + x];
			int lit = 0, best = -1, bn = 0;

			memset(count, 0, sizeof(count));
			for (k = 0; k < 8; k++) {
				int px = x * 2 + k % 2, py = y * 4 + k / 2, s = -1;

				dx = px + 0.5 - cx;
				dy = py + 0.5 - cy;
				d = sqrt(dx * dx + dy * dy);
				if (d > r)
					continue;
				if (total <= 0) {
					/* nothing to share: the outline only */
					if (d > r - 1.0)
						lit |= dot_bit[k / 2][k % 2];
					continue;
				}
				ang = atan2(dx, -dy);		/* clockwise from twelve o'clock */
				if (ang < 0)
					ang += 2 * M_PI;
				for (i = 0; i < n; i++)
					if (ang < edge[i + 1] || i == n - 1) {
						s = i;
						break;
					}
				while (s > 0 && edge[s + 1] <= edge[s])
					s--;	/* an empty slice owns nothing */
				/* dark on a boundary: the dot's distance to the nearest edge ray, in dots */
				for (i = 0, gap = 1e9; i <= n && d > 1.0; i++) {
					double da = fabs(ang - edge[i]);

					if (da > M_PI)
						da = 2 * M_PI - da;
					if (da < M_PI / 2 && d * sin(da) < gap && !(i > 0 && i < n && edge[i] == edge[i - 1]))
						gap = d * sin(da);
				}
				if (n > 1 && gap < 0.5)
					continue;
				lit |= dot_bit[k / 2][k % 2];
				count[s]++;
				if (dots)
					dots[s]++;
			}
			c->cp = 0x2800 + lit;
			for (i = 0; i < n; i++)
				if (count[i] > bn) {
					bn = count[i];
					best = i;
				}
			c->slice = best;
		}
}

char *
chart_bar(int32_t share_bp, int width, char *buf, size_t sz)
{
	int64_t eighths;
	size_t o = 0;
	int i;

	if (sz == 0)
		return buf;
	buf[0] = '\0';
	if (width <= 0)
		return buf;
	if (share_bp < 0)
		share_bp = 0;
	if (share_bp > 10000)
		share_bp = 10000;
	/* rounded half-up to the nearest eighth of a column */
	eighths = ((int64_t)share_bp * width * 8 + 5000) / 10000;
	for (i = 0; i < width; i++) {
		int64_t left = eighths - (int64_t)i * 8;
		int cp = left >= 8 ? 0x2588 : left <= 0 ? ' ' : 0x2590 - (int)left;

		if (utf8_put(buf, sz, &o, cp) != 0)
			break;
	}
	return buf;
}

char *
chart_bp(int32_t bp, char *buf, size_t sz)
{
	int32_t tenths = (bp + 5) / 10;

	snprintf(buf, sz, "%d.%d%%", tenths / 10, tenths % 10);
	return buf;
}

char *
chart_share(int64_t part, int64_t whole, char *buf, size_t sz)
{
	int64_t bp = whole > 0 ? (part * 10000 + whole / 2) / whole : 0;

	return chart_bp((int32_t)bp, buf, sz);
}
