// sourcecheck HTML report: optional behaviour. The page reads fully without
// it; links and :target do the essentials. This adds centring and focus
// when a finding is followed, and source highlighting on click.
(function () {
	"use strict";

	function clear(root, cls) {
		root.querySelectorAll("." + cls).forEach(function (e) { e.classList.remove(cls); });
	}

	// reveal scrolls el to the middle of the screen, focuses it and marks
	// it, and every other fragment of the same finding, as active.
	function reveal(el) {
		clear(document, "active");
		var group = [el];
		var art = el.closest("article");
		if (el.dataset.finding && art && el.classList.contains("fspan")) {
			group = art.querySelectorAll('.fspan[data-finding="' + el.dataset.finding + '"]');
		}
		group.forEach(function (e) { e.classList.add("active"); });
		el.scrollIntoView({ block: "center", inline: "nearest" });
		el.focus({ preventScroll: true });
	}

	function highlightSource(art, id, scroll) {
		var on = art.dataset.hl !== id;
		clear(art, "hl");
		art.querySelectorAll("a.src[aria-pressed]").forEach(function (b) { b.setAttribute("aria-pressed", "false"); });
		delete art.dataset.hl;
		if (!on) {
			return;
		}
		art.dataset.hl = id;
		var sel = '.mention[data-source="' + CSS.escape(id) + '"]';
		var ms = art.querySelectorAll(sel);
		ms.forEach(function (m) { m.classList.add("hl"); });
		art.querySelectorAll('a.src[data-source="' + CSS.escape(id) + '"]').forEach(function (b) { b.setAttribute("aria-pressed", "true"); });
		if (scroll && ms.length) {
			ms[0].scrollIntoView({ block: "center", inline: "nearest" });
		}
	}

	document.addEventListener("click", function (ev) {
		var t = ev.target;
		var link = t.closest("a.goto, a.fref, a.claim-link, a.rule");
		if (link) {
			var id = decodeURIComponent(link.getAttribute("href").slice(1));
			var el = document.getElementById(id);
			if (el) {
				ev.preventDefault();
				if (!el.hasAttribute("tabindex")) {
					el.setAttribute("tabindex", "-1");
				}
				reveal(el);
				history.replaceState(null, "", "#" + id);
			}
			return;
		}
		var src = t.closest("a.src[data-source]");
		if (src) {
			ev.preventDefault();
			highlightSource(src.closest("article"), src.dataset.source, true);
			return;
		}
		var claim = t.closest(".text mark.claim[data-source]");
		if (claim) {
			highlightSource(claim.closest("article"), claim.dataset.source, false);
		}
	});

	document.addEventListener("keydown", function (ev) {
		if (ev.key === "Escape") {
			document.querySelectorAll("article[data-hl]").forEach(function (a) {
				highlightSource(a, a.dataset.hl, false);
			});
			clear(document, "active");
		}
	});

	// With the script, a source's link toggles the highlight of its
	// mentions: it is a toggle button.
	document.querySelectorAll("a.src[data-source]").forEach(function (b) {
		b.setAttribute("role", "button");
		b.setAttribute("aria-pressed", "false");
	});

	if (location.hash.length > 1) {
		var el = document.getElementById(decodeURIComponent(location.hash.slice(1)));
		if (el && el.classList.contains("fspan")) {
			reveal(el);
		}
	}
})();
