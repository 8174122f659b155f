/*
 * gtag-init.js - Google tag initialisation, loaded only when the storefront
 * has an analytics ID.  The ID comes from this script tag's data-ga-id, so
 * the page needs no inline script (the site's CSP forbids it).
 */
(function () {
	var s = document.currentScript;
	var id = s && s.getAttribute("data-ga-id");
	if (!id)
		return;
	window.dataLayer = window.dataLayer || [];
	window.gtag = function () { window.dataLayer.push(arguments); };
	window.gtag("js", new Date());
	window.gtag("config", id);
})();
