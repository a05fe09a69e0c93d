package reports

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/sourcecheck/sourcecheck/audit"
)

// htmlChromium finds the browser for TestHTMLInBrowser: $SOURCECHECK_CHROMIUM,
// else Debian's /usr/bin/chromium, else chromium or Chrome on the PATH.
func htmlChromium() string {
	if p := os.Getenv("SOURCECHECK_CHROMIUM"); p != "" {
		if fi, err := os.Stat(p); err != nil || fi.IsDir() {
			return "" // named but not there: no browser
		}
		return p
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// htmlArtifactDir is where the browser test leaves its screenshots and page:
// $SOURCECHECK_ARTIFACTS when set (CI uploads it), else the test's
// artifact directory (kept under the output directory with go test
// -artifacts, a temporary directory otherwise).
func htmlArtifactDir(t *testing.T) string {
	t.Helper()
	if dir := os.Getenv("SOURCECHECK_ARTIFACTS"); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	return t.ArtifactDir()
}

// htmlClaimView is what the page shows for a claim, read in the browser.
type htmlClaimView struct {
	Article    string `json:"article"`
	Claim      int    `json:"claim"`
	Text       string `json:"text"`
	Frags      int    `json:"frags"`
	Status     string `json:"status"`
	Kind       string `json:"kind"`
	Border     string `json:"border"`
	Decoration string `json:"decoration"`
	Glyph      string `json:"glyph"`
}

// TestHTMLInBrowser opens the seeds' report in headless Chromium from a
// file:// URL and checks what an editor sees: no script errors or policy
// violations; every claim highlight on the claim's text, with a line style
// and glyph for its status besides the colour; a casualty figure and a
// quotation with its speaker; a finding that, clicked, brings its span to
// the middle of the screen and focuses it, and back; a source that,
// clicked, highlights its mentions. It saves PNG screenshots.
//
// Without a browser the test skips, except in CI (CI=true), where it
// fails so that it cannot be skipped unnoticed.
func TestHTMLInBrowser(t *testing.T) {
	browser := htmlChromium()
	if browser == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true but no Chromium found (/usr/bin/chromium, chromium on PATH or $SOURCECHECK_CHROMIUM): the browser test must run in CI; install the chromium package")
		}
		t.Skip("no Chromium found (install Debian's chromium package, or set SOURCECHECK_CHROMIUM); skipping the browser test")
	}

	a := htmlSeedAudit(t)
	dir := htmlArtifactDir(t)
	pagePath := filepath.Join(dir, "seeds-report.html")
	if err := os.WriteFile(pagePath, []byte(htmlRender(t, a)), 0o644); err != nil {
		t.Fatal(err)
	}
	abs, err := filepath.Abs(pagePath)
	if err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(browser), chromedp.NoSandbox,
		chromedp.WindowSize(1440, 900), chromedp.Flag("hide-scrollbars", true))
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	defer acancel()
	bctx, bcancel := chromedp.NewContext(actx)
	defer bcancel()

	// Every console error, uncaught exception and browser log error
	// (a Content-Security-Policy violation is one) fails the test.
	var mu sync.Mutex
	var problems []string
	messages := chromedp.Console(bctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleException ||
				(m.Type == chromedp.ConsoleWarning && m.Source == "security") {
				mu.Lock()
				problems = append(problems, m.String())
				mu.Unlock()
			}
		}
	}()
	defer func() {
		bcancel()
		<-done
		mu.Lock()
		defer mu.Unlock()
		for _, p := range problems {
			t.Errorf("browser console: %s", p)
		}
	}()

	do := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(bctx, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	eval := func(what, js string, out any) {
		t.Helper()
		raw, err := chromedp.Run(bctx, chromedp.Evaluate[[]byte](js))
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if err := json.Unmarshal(raw, out); err != nil {
			t.Fatalf("%s: %v (%s)", what, err, raw)
		}
	}

	do("open the report", chromedp.EmulateViewport(1440, 900), chromedp.Navigate("file://"+abs),
		chromedp.WaitVisible(chromedp.CSS("article#a1 .text")))

	var scripts int
	eval("count scripts", `document.scripts.length`, &scripts)
	if scripts != 1 {
		t.Errorf("%d scripts in the page", scripts)
	}

	// Every claim: its text, and how its status shows besides colour.
	var views []htmlClaimView
	eval("read the claims", `(() => {
		const out = new Map();
		for (const el of document.querySelectorAll("article [data-claim]")) {
			const art = el.closest("article").id, key = art + "/" + el.dataset.claim;
			let v = out.get(key);
			if (!v) {
				const cs = getComputedStyle(el);
				v = {article: art, claim: +el.dataset.claim, text: "", frags: 0, status: el.dataset.status, kind: el.dataset.kind,
					border: cs.borderBottomStyle, decoration: cs.textDecorationStyle + " " + cs.textDecorationLine,
					glyph: getComputedStyle(el, "::after").content};
				out.set(key, v);
			}
			v.text += el.textContent;
			v.frags++;
		}
		return [...out.values()];
	})()`, &views)
	byKey := map[string]htmlClaimView{}
	for _, v := range views {
		byKey[fmt.Sprintf("%s/%d", v.Article, v.Claim)] = v
	}
	lineStyle := map[string]string{htmlAttributed: "solid", htmlVague: "dashed", htmlUnattributed: "double"}
	underline := map[string]string{htmlAttributed: "solid underline", htmlVague: "dashed underline", htmlUnattributed: "wavy underline"}
	glyph := map[string]string{htmlAttributed: `"✓"`, htmlVague: `"?"`, htmlUnattributed: `"!"`}
	total := 0
	for ai, art := range a.Articles {
		for ci, c := range art.Claims {
			total++
			v, ok := byKey[fmt.Sprintf("a%d/%d", ai+1, ci)]
			if !ok {
				t.Errorf("%s: claim %d (%q) has no element in the browser", art.Path, ci+1, c.Text)
				continue
			}
			want := art.Doc.Slice(audit.Span{Start: c.Start, End: c.End})
			if htmlSquash(v.Text) != htmlSquash(want) || !strings.Contains(htmlSquash(v.Text), htmlSquash(c.Text)) {
				t.Errorf("%s: claim %d: the highlight covers %q, want %q (claim %q)", art.Path, ci+1, v.Text, want, c.Text)
			}
			st := htmlClaimStatus(c)
			if v.Status != st || v.Kind != c.Kind {
				t.Errorf("%s: claim %d: status %s kind %s, want %s %s", art.Path, ci+1, v.Status, v.Kind, st, c.Kind)
			}
			if c.Kind == "reported" {
				if v.Decoration != underline[st] {
					t.Errorf("%s: claim %d (%s reported speech): text-decoration %q, want %q", art.Path, ci+1, st, v.Decoration, underline[st])
				}
			} else if v.Border != lineStyle[st] {
				t.Errorf("%s: claim %d (%s %s): border %q, want %q", art.Path, ci+1, st, c.Kind, v.Border, lineStyle[st])
			}
			if (c.Kind != "reported" || st != htmlAttributed) && v.Frags == 1 && v.Glyph != glyph[st] {
				t.Errorf("%s: claim %d (%s): glyph %s, want %s", art.Path, ci+1, st, v.Glyph, glyph[st])
			}
		}
	}
	if len(views) != total {
		t.Errorf("%d claims highlighted in the browser, %d in the report", len(views), total)
	}

	// A casualty figure and a quotation with its speaker, by name.
	a2 := htmlArticleIndex(t, a, "001_")
	art := a.Articles[a2]
	fig := htmlClaimIndex(t, art, "figure", "More than 370 people")
	if art.Claims[fig].Subkind != "casualty" {
		t.Errorf("“More than 370 people” is a %s figure", art.Claims[fig].Subkind)
	}
	var figure struct {
		Text, Status, Background, Title string
		InReported                      bool
	}
	eval("read the casualty figure", fmt.Sprintf(`(() => { const el = document.getElementById("a%d-c%d");
		return {Text: el.textContent, Status: el.dataset.status, Background: getComputedStyle(el).backgroundColor, Title: el.title,
			InReported: !!el.parentElement.closest('mark.claim[data-kind="reported"]')}; })()`, a2+1, fig+1), &figure)
	if figure.Text != "More than 370 people" || figure.Status != htmlAttributed || !figure.InReported ||
		!strings.Contains(figure.Title, "Syrian Observatory for Human Rights") || figure.Background == "rgba(0, 0, 0, 0)" {
		t.Errorf("casualty figure: %+v", figure)
	}
	q := htmlClaimIndex(t, art, "quote", "I saw two of my grandchildren")
	var quote struct{ Speaker, Label, Status string }
	eval("read the quotation", fmt.Sprintf(`(() => { const el = document.getElementById("a%d-c%d"), q = el.closest(".quote");
		return {Speaker: q.dataset.speaker, Label: getComputedStyle(q, "::after").content, Status: el.dataset.status}; })()`, a2+1, q+1), &quote)
	if quote.Speaker != "Umm Mohamad" || !strings.Contains(quote.Label, "Umm Mohamad") || quote.Status != htmlAttributed {
		t.Errorf("quotation: %+v", quote)
	}

	// Page furniture is dimmed, the article's own text is not.
	var opacity struct{ Body, Furniture string }
	eval("read the block styles", `({Body: getComputedStyle(document.querySelector(".blk.b-body")).opacity,
		Furniture: getComputedStyle(document.querySelector(".blk.furniture")).opacity})`, &opacity)
	if opacity.Body != "1" || opacity.Furniture == "1" {
		t.Errorf("opacity: body %s, furniture %s", opacity.Body, opacity.Furniture)
	}

	do("top", chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`))
	htmlShot(t, bctx, filepath.Join(dir, "html-report.png"))
	full, err := chromedp.Run(bctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("full screenshot: %v", err)
	}
	htmlWritePNG(t, filepath.Join(dir, "html-report-full.png"), full)

	// Follow a finding far down the page to its span, and back.
	la := len(a.Articles) - 1
	for la >= 0 && len(a.Articles[la].Findings) == 0 {
		la--
	}
	if la < 0 {
		t.Fatal("no findings on the seeds")
	}
	fi := len(a.Articles[la].Findings) - 1
	item := htmlFindingID(fmt.Sprintf("a%d", la+1), fi)
	target := htmlFindingSpanID(fmt.Sprintf("a%d", la+1), fi)
	type placement struct {
		Focused, Active, InView bool
		Top, Bottom, Height     float64
	}
	where := func(id string) placement {
		var p placement
		eval("locate "+id, fmt.Sprintf(`(() => { const el = document.getElementById(%q), r = el.getBoundingClientRect();
			return {Focused: document.activeElement === el, Active: el.classList.contains("active"),
				InView: r.top >= 0 && r.bottom <= innerHeight, Top: r.top, Bottom: r.bottom, Height: innerHeight}; })()`, id), &p)
		return p
	}
	if p := where(target); p.InView {
		t.Fatalf("the finding's span is already on screen at the top of the page: %+v", p)
	}
	do("click the finding", chromedp.Click(chromedp.CSS("#"+item+" a.goto")))
	p := where(target)
	if !p.Focused || !p.Active || !p.InView {
		t.Errorf("after clicking finding %s: its span %+v, want focused, active and on screen", item, p)
	}
	if mid := (p.Top + p.Bottom) / 2; mid < p.Height/4 || mid > 3*p.Height/4 {
		t.Errorf("the span is not near the middle of the screen: %+v", p)
	}
	htmlShot(t, bctx, filepath.Join(dir, "html-report-finding.png"))
	do("click the back-link", chromedp.Click(chromedp.CSS(fmt.Sprintf(`a.fref[href="#%s"]`, item))))
	if p := where(item); !p.Focused || !p.InView {
		t.Errorf("after clicking the back-link: the finding %+v, want focused and on screen", p)
	}

	// Click a source: its mentions light up.
	sohr := -1
	for i, s := range art.Sources {
		if s.ID == "sohr" {
			sohr = i
		}
	}
	if sohr < 0 {
		t.Fatal("seed 001 names no SOHR")
	}
	do("click the SOHR", chromedp.Click(chromedp.CSS(fmt.Sprintf(`#a%d .sources a.src[data-source="sohr"]`, a2+1))))
	var lit struct {
		Lit, Mentions, Others int
		Pressed               string
	}
	eval("read the highlight", fmt.Sprintf(`(() => { const a = document.getElementById("a%d");
		return {Lit: a.querySelectorAll('.mention.hl:not(.ref):not(.cont)').length,
			Mentions: a.querySelectorAll('.mention[data-source="sohr"]:not(.ref):not(.cont)').length,
			Others: a.querySelectorAll('.mention.hl:not([data-source="sohr"])').length,
			Pressed: a.querySelector('.sources a.src[data-source="sohr"]').getAttribute("aria-pressed")}; })()`, a2+1), &lit)
	if lit.Lit != len(art.Sources[sohr].Mentions) || lit.Mentions != lit.Lit || lit.Others != 0 || lit.Pressed != "true" {
		t.Errorf("after clicking the SOHR: %+v, want its %d mentions lit", lit, len(art.Sources[sohr].Mentions))
	}
	htmlShot(t, bctx, filepath.Join(dir, "html-report-source.png"))
	t.Logf("screenshots and page in %s", dir)
}

func htmlShot(t *testing.T, ctx context.Context, path string) {
	t.Helper()
	buf, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	htmlWritePNG(t, path, buf)
}

func htmlWritePNG(t *testing.T, path string, b []byte) {
	t.Helper()
	if len(b) < 8 || string(b[1:4]) != "PNG" {
		t.Fatalf("%s: not a PNG", path)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}
