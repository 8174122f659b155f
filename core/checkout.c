/* checkout.c - one-time checkout tokens; see checkout.h. */
#include <stdio.h>
#include <string.h>
#include "checkout.h"
#include "password.h"

enum { CK_PURGE, CK_INSERT, CK_REDEEM, CK__MAX };

/* the session of a cookie token on a storefront */
#define SESSION_OF "(SELECT id FROM sessions WHERE token_hash = ? AND reseller_id = ? AND expires_at > NOW())"

static const char *const sql[CK__MAX] = {
	/* params: session hash, reseller, seconds */
	[CK_PURGE] =
	    "DELETE FROM checkout_tokens WHERE session_id = " SESSION_OF
	    " AND created_at < NOW() - INTERVAL ? SECOND",
	/* params: token hash, session hash, reseller, digest */
	[CK_INSERT] =
	    "INSERT INTO checkout_tokens (token_hash, session_id, cart_digest)"
	    " SELECT ?, s.id, ? FROM sessions s WHERE s.token_hash = ? AND s.reseller_id = ? AND s.expires_at > NOW()",
	/* params: token hash, session hash, reseller, digest, seconds */
	[CK_REDEEM] =
	    "DELETE FROM checkout_tokens WHERE token_hash = ? AND session_id = " SESSION_OF
	    " AND cart_digest = ? AND created_at >= NOW() - INTERVAL ? SECOND",
};

static const struct db_table table = { DB_MOD_CHECKOUT, sql, CK__MAX };

void
checkout_digest(const struct order_line_input *lines, size_t n, uint8_t out[DIGEST_SHA256_LEN])
{
	char text[64 * 64];
	size_t i, len = 0;

	for (i = 0; i < n && len < sizeof(text) - 64; i++)
		len += (size_t)snprintf(text + len, sizeof(text) - len, "%lld:%lld:%d;",
		    (long long)lines[i].product_id, (long long)lines[i].quantity, lines[i].is_trial ? 1 : 0);
	digest_sha256(text, len, out);
}

enum core_err
checkout_issue(struct db *db, int64_t reseller_id, const struct checkout_grant *g, char out[CHECKOUT_TOKEN_SZ])
{
	uint8_t sh[DIGEST_SHA256_LEN], th[DIGEST_SHA256_LEN];
	uint64_t n = 0;
	enum core_err er;

	out[0] = '\0';
	if (g == NULL || g->session_token == NULL || *g->session_token == '\0')
		return CORE_NOTFOUND;
	if ((er = password_token_hash(g->session_token, sh)) != CORE_OK || (er = password_token(out)) != CORE_OK ||
	    (er = password_token_hash(out, th)) != CORE_OK)
		goto fail;
	if ((er = db_exec(db, &table, CK_PURGE, NULL, "bii", sh, (size_t)DIGEST_SHA256_LEN, reseller_id,
	    (int64_t)CHECKOUT_TOKEN_SECONDS)) != CORE_OK)
		goto fail;
	if ((er = db_exec(db, &table, CK_INSERT, &n, "bbbi", th, (size_t)DIGEST_SHA256_LEN, g->cart_digest,
	    (size_t)DIGEST_SHA256_LEN, sh, (size_t)DIGEST_SHA256_LEN, reseller_id)) != CORE_OK)
		goto fail;
	if (n == 1)
		return CORE_OK;
	er = CORE_NOTFOUND;
fail:
	out[0] = '\0';
	return er;
}

enum core_err
checkout_redeem(struct db *db, int64_t reseller_id, const struct checkout_grant *g, const char *token)
{
	uint8_t sh[DIGEST_SHA256_LEN], th[DIGEST_SHA256_LEN];
	uint64_t n = 0;
	enum core_err er;

	if (g == NULL || g->session_token == NULL || token == NULL || strlen(token) != CHECKOUT_TOKEN_SZ - 1)
		return CORE_CONFLICT;
	if (password_token_hash(g->session_token, sh) != CORE_OK || password_token_hash(token, th) != CORE_OK)
		return CORE_CONFLICT;
	if ((er = db_exec(db, &table, CK_REDEEM, &n, "bbibi", th, (size_t)DIGEST_SHA256_LEN, sh,
	    (size_t)DIGEST_SHA256_LEN, reseller_id, g->cart_digest, (size_t)DIGEST_SHA256_LEN,
	    (int64_t)CHECKOUT_TOKEN_SECONDS)) != CORE_OK)
		return er;
	return n == 1 ? CORE_OK : CORE_CONFLICT;
}
