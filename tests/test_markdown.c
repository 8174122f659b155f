/*
 * test_markdown.c - the safe Markdown subset of product descriptions
 * (core/markdown.h): what it renders, and that no attempt at script,
 * markup or a dangerous link gets through as anything but text.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "markdown.h"

/* is - markdown_html(src) is exactly want. */
static void
is(const char *src, const char *want)
{
	struct buf b = { NULL, 0, 0 };

	assert_int_equal(markdown_html(src, &b), CORE_OK);
	if (strcmp(buf_cstr(&b), want) != 0)
		fail_msg("markdown of\n%s\ngave\n%s\nwanted\n%s", src, buf_cstr(&b), want);
	buf_free(&b);
}

/* safe - the output has no tag but the subset's, no attribute but href/rel, no javascript: link. */
static void
safe(const char *src)
{
	static const char *const tags[] = { "p>", "/p>", "ul>", "/ul>", "ol>", "/ol>", "li>", "/li>", "em>", "/em>",
	    "strong>", "/strong>", "code>", "/code>", "a href=\"http", "/a>", NULL };
	struct buf b = { NULL, 0, 0 };
	const char *s, *lt;
	size_t i;

	assert_int_equal(markdown_html(src, &b), CORE_OK);
	s = buf_cstr(&b);
	for (lt = strchr(s, '<'); lt != NULL; lt = strchr(lt + 1, '<')) {
		for (i = 0; tags[i] != NULL; i++)
			if (strncmp(lt + 1, tags[i], strlen(tags[i])) == 0)
				break;
		if (tags[i] == NULL)
			fail_msg("markdown of %s let a tag through: %s", src, lt);
	}
	if (strstr(s, "javascript:") != NULL && strstr(s, "href=\"javascript") != NULL)
		fail_msg("markdown of %s made a javascript: link: %s", src, s);
	if (strstr(s, "onerror=\"") != NULL || strstr(s, "onclick=\"") != NULL)
		fail_msg("markdown of %s made an attribute: %s", src, s);
	buf_free(&b);
}

static void
blocks(void **state)
{
	(void)state;
	is(NULL, "");
	is("", "");
	is("One line.", "<p>One line.</p>\n");
	is("First\nsame paragraph.\n\nSecond.", "<p>First\nsame paragraph.</p>\n<p>Second.</p>\n");
	is("Intro:\n\n- one\n- two\n  continued\n* three\n\nAfter.",
	    "<p>Intro:</p>\n<ul>\n<li>one</li>\n<li>two\ncontinued</li>\n<li>three</li>\n</ul>\n<p>After.</p>\n");
	is("1. first\n2) second", "<ol>\n<li>first</li>\n<li>second</li>\n</ol>\n");
	is("- a\n1. b", "<ul>\n<li>a</li>\n</ul>\n<ol>\n<li>b</li>\n</ol>\n");
	is("Text\n- item", "<p>Text</p>\n<ul>\n<li>item</li>\n</ul>\n");
	is("\r\n\r\nWindows\r\nlines\r\n", "<p>Windows\nlines</p>\n");
	is("-not a list", "<p>-not a list</p>\n");
}

static void
spans(void **state)
{
	(void)state;
	is("*em* and _em_ and **strong**", "<p><em>em</em> and <em>em</em> and <strong>strong</strong></p>\n");
	is("**bold *and em* inside**", "<p><strong>bold <em>and em</em> inside</strong></p>\n");
	is("use `a < b && c`", "<p>use <code>a &lt; b &amp;&amp; c</code></p>\n");
	is("`**not bold**`", "<p><code>**not bold**</code></p>\n");
	is("snake_case_name stays", "<p>snake_case_name stays</p>\n");
	is("2 * 3 * 4", "<p>2 * 3 * 4</p>\n");
	is("\\*not em\\*", "<p>*not em*</p>\n");
	is("unclosed *em and **strong", "<p>unclosed *em and **strong</p>\n");
	is("[Docs](https://example.com/a?b=1&c=2)",
	    "<p><a href=\"https://example.com/a?b=1&amp;c=2\" rel=\"nofollow noopener noreferrer ugc\">Docs</a></p>\n");
	is("[**Bold** link](http://example.com)",
	    "<p><a href=\"http://example.com\" rel=\"nofollow noopener noreferrer ugc\"><strong>Bold</strong> link</a></p>\n");
	is("[relative](/products)", "<p>relative</p>\n");
	/* the first ']' ends the text: no link in a link, the rest is text */
	is("[a [b](https://x.example) c](https://y.example)",
	    "<p><a href=\"https://x.example\" rel=\"nofollow noopener noreferrer ugc\">a [b</a> c](https://y.example)</p>\n");
}

static void
xss_attempts(void **state)
{
	static const char *const attacks[] = {
		"<script>alert(1)</script>",
		"<img src=x onerror=alert(1)>",
		"[click](javascript:alert(1))",
		"[click](JaVaScRiPt:alert(1))",
		"[click]( javascript:alert(1) )",
		"[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
		"[click](vbscript:msgbox(1))",
		"[x](https://ok.example\" onclick=\"alert(1))",
		"[x](https://ok.example'onmouseover='alert(1))",
		"[x](https://ok.example/<script>)",
		"**<b onclick=alert(1)>**",
		"`</code><script>alert(1)</script>`",
		"- <iframe src=//evil.example>",
		"<a href=\"javascript:alert(1)\">x</a>",
		"&lt;script&gt; already escaped",
		"[x](https://a.example)](javascript:alert(1))",
		"<svg/onload=alert(1)>",
		"\"><script>alert(1)</script>",
		"********************************************x",
		"[[[[[[[[[[[[[[[[[[[[(https://a.example)",
		NULL
	};
	size_t i;

	(void)state;
	for (i = 0; attacks[i] != NULL; i++)
		safe(attacks[i]);
	is("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n");
	is("<img src=x onerror=alert(1)>", "<p>&lt;img src=x onerror=alert(1)&gt;</p>\n");
	is("[click](javascript:alert(1))", "<p>click)</p>\n");
	is("[x](https://ok.example\" onclick=\"alert(1))", "<p>x)</p>\n");
	is("it's \"quoted\"", "<p>it&#39;s &quot;quoted&quot;</p>\n");
	is("&lt;", "<p>&amp;lt;</p>\n");
	is("bell\a and nul-free", "<p>bell and nul-free</p>\n");
}

static void
deep_nesting_is_bounded(void **state)
{
	struct buf src = { NULL, 0, 0 }, out = { NULL, 0, 0 };
	int i;

	(void)state;
	for (i = 0; i < 5000; i++)
		buf_puts(&src, "**_[");
	buf_puts(&src, "x");
	assert_int_equal(markdown_html(buf_cstr(&src), &out), CORE_OK);
	assert_true(out.len > 0);
	buf_free(&src);
	buf_free(&out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(blocks),
		cmocka_unit_test(spans),
		cmocka_unit_test(xss_attempts),
		cmocka_unit_test(deep_nesting_is_bounded),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
