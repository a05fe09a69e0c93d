package reports

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/sourcecheck/sourcecheck/audit"
	"github.com/sourcecheck/sourcecheck/rules"
)

// htmlTestRules are rules added to the built-in pack for the HTML tests, so
// that the seeds have findings at every level whatever the pack holds. The
// error rule's matches cross claim boundaries on purpose ("people in
// total" starts inside the figure "More than 370 people" and ends inside
// its sentence), which the page must render as properly nested fragments.
const htmlTestRules = `id: test-crossing
level: error
check: existence
message: "“{{.Match}}” (test rule)"
fix: Nothing; this rule exists for the HTML tests.
description: Crosses a claim boundary.
params:
  patterns: ['people in total']
examples:
  hit: ["More than 370 people in total have been killed."]
  pass: ["Nobody was hurt."]
---
id: test-according
level: info
check: existence
message: "“{{.Match}}” (test rule)"
description: Marks every "according to".
params:
  tokens: [according to]
examples:
  hit: ["according to the SOHR"]
  pass: ["the SOHR said"]
---
id: test-told
level: warning
check: existence
message: "“{{.Match}}” (test rule)"
description: Marks every "told".
params:
  tokens: [told]
examples:
  hit: ["a woman told AFP"]
  pass: ["a woman said"]
`

func htmlRepoDir(t testing.TB) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..")
}

// htmlAuditDocs audits documents with the built-in rules and the test rules,
// as `sourcecheck audit` does.
func htmlAuditDocs(t testing.TB, docs []*audit.Document) *Audit {
	t.Helper()
	extra, err := rules.LoadRules("html-test-rules.yaml", []byte(htmlTestRules))
	if err != nil {
		t.Fatal(err)
	}
	rs := append(append([]*rules.Rule(nil), rules.DefaultRules()...), extra...)
	eng, err := audit.NewEngine(audit.NewAnalyzer(nil, nil), rs)
	if err != nil {
		t.Fatal(err)
	}
	var results []Result
	for _, d := range docs {
		results = append(results, Result{Doc: d, Findings: eng.Audit(d)})
	}
	return NewAudit(results, eng.Rules(), rules.LevelError)
}

// htmlSeedAudit audits the five seed articles.
func htmlSeedAudit(t testing.TB) *Audit {
	t.Helper()
	paths, _ := filepath.Glob(filepath.Join(htmlRepoDir(t), "seeds", "*.txt"))
	if len(paths) != 5 {
		t.Fatalf("want 5 seeds, got %d", len(paths))
	}
	var docs []*audit.Document
	for _, p := range paths {
		ds, err := audit.ReadFile(p, audit.ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, ds...)
	}
	return htmlAuditDocs(t, docs)
}

// htmlReadAudit audits one article given as text.
func htmlReadAudit(t testing.TB, name string, format audit.Format, text string) *Audit {
	t.Helper()
	ds, err := audit.Read(strings.NewReader(text), name, format, audit.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return htmlAuditDocs(t, ds)
}

func htmlRender(t testing.TB, a *Audit) string {
	t.Helper()
	var b bytes.Buffer
	if err := WriteHTML(&b, a); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// htmlDOM parses a page.
func htmlDOM(t testing.TB, page string) *html.Node {
	t.Helper()
	n, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func htmlAttr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func htmlHasClass(n *html.Node, c string) bool {
	v, _ := htmlAttr(n, "class")
	for _, f := range strings.Fields(v) {
		if f == c {
			return true
		}
	}
	return false
}

// htmlEach calls fn for every element under n, in document order.
func htmlEach(n *html.Node, fn func(*html.Node)) {
	if n.Type == html.ElementNode {
		fn(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		htmlEach(c, fn)
	}
}

func htmlText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

func htmlByID(root *html.Node, id string) *html.Node {
	var found *html.Node
	htmlEach(root, func(n *html.Node) {
		if v, _ := htmlAttr(n, "id"); v == id && found == nil {
			found = n
		}
	})
	return found
}

func htmlAncestor(n *html.Node, fn func(*html.Node) bool) *html.Node {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && fn(p) {
			return p
		}
	}
	return nil
}

func htmlSquash(s string) string { return strings.Join(strings.Fields(s), " ") }

func htmlNoSpace(s string) string { return strings.Join(strings.Fields(s), "") }

// htmlArticles returns the page's article elements by id ("a1", …).
func htmlArticles(root *html.Node) map[string]*html.Node {
	out := map[string]*html.Node{}
	htmlEach(root, func(n *html.Node) {
		if n.Data == "article" {
			id, _ := htmlAttr(n, "id")
			out[id] = n
		}
	})
	return out
}

// TestHTMLClaimsMarked checks, for every claim of every seed, that its text
// is rendered inside elements carrying its index, status, kind and
// offsets, and that the element's text is the claim's text in the article.
func TestHTMLClaimsMarked(t *testing.T) {
	a := htmlSeedAudit(t)
	root := htmlDOM(t, htmlRender(t, a))
	arts := htmlArticles(root)
	if len(arts) != len(a.Articles) {
		t.Fatalf("%d <article> elements for %d articles", len(arts), len(a.Articles))
	}
	statuses := map[string]int{}
	for ai, art := range a.Articles {
		sec := arts[fmt.Sprintf("a%d", ai+1)]
		if sec == nil {
			t.Fatalf("article %d has no section", ai+1)
		}
		frags := map[int][]*html.Node{}
		htmlEach(sec, func(n *html.Node) {
			if v, ok := htmlAttr(n, "data-claim"); ok {
				i, err := strconv.Atoi(v)
				if err != nil || i < 0 || i >= len(art.Claims) {
					t.Fatalf("%s: bad data-claim %q", art.Path, v)
				}
				frags[i] = append(frags[i], n)
			}
		})
		for ci, c := range art.Claims {
			ns := frags[ci]
			if len(ns) == 0 {
				t.Errorf("%s: claim %d (%q) is not marked", art.Path, ci+1, c.Text)
				continue
			}
			st := htmlClaimStatus(c)
			statuses[st]++
			var got strings.Builder
			for _, n := range ns {
				if n.Data != "mark" || !htmlHasClass(n, "claim") || !htmlHasClass(n, "st-"+st) || !htmlHasClass(n, "k-"+c.Kind) {
					v, _ := htmlAttr(n, "class")
					t.Errorf("%s: claim %d: <%s class=%q>, want mark.claim.st-%s.k-%s", art.Path, ci+1, n.Data, v, st, c.Kind)
				}
				for k, want := range map[string]string{"data-status": st, "data-kind": c.Kind,
					"data-start": strconv.Itoa(c.Start), "data-end": strconv.Itoa(c.End)} {
					if v, _ := htmlAttr(n, k); v != want {
						t.Errorf("%s: claim %d: %s=%q, want %q", art.Path, ci+1, k, v, want)
					}
				}
				got.WriteString(htmlText(n))
			}
			if id, _ := htmlAttr(ns[0], "id"); id != fmt.Sprintf("a%d-c%d", ai+1, ci+1) {
				t.Errorf("%s: claim %d: first fragment id %q", art.Path, ci+1, id)
			}
			span := art.Doc.Slice(audit.Span{Start: c.Start, End: c.End})
			if htmlSquash(got.String()) != htmlSquash(span) {
				t.Errorf("%s: claim %d: marked text %q, want the article's %q", art.Path, ci+1, got.String(), span)
			}
			// The claim text of the JSON report is what is marked (for a
			// quotation, the marked text adds the quotation marks).
			if !strings.Contains(htmlSquash(got.String()), htmlSquash(c.Text)) {
				t.Errorf("%s: claim %d: marked text %q does not hold the claim %q", art.Path, ci+1, got.String(), c.Text)
			}
		}
	}
	for _, st := range []string{htmlAttributed, htmlVague, htmlUnattributed} {
		if statuses[st] == 0 {
			t.Errorf("no %s claim in the seeds: the test no longer covers that status", st)
		}
	}
}

// TestHTMLNesting checks that overlapping spans nest: a casualty figure in
// its reported sentence, a quotation claim in its quote with the speaker,
// and a finding that crosses a claim boundary split into fragments. The
// markup as written must be properly nested (no reliance on the parser's
// error recovery).
func TestHTMLNesting(t *testing.T) {
	a := htmlSeedAudit(t)
	page := htmlRender(t, a)
	root := htmlDOM(t, page)
	ai := htmlArticleIndex(t, a, "001_")
	art := a.Articles[ai]
	sec := htmlArticles(root)[fmt.Sprintf("a%d", ai+1)]

	fig := htmlClaimIndex(t, art, "figure", "More than 370 people")
	rep := -1
	for i, c := range art.Claims {
		if c.Kind == "reported" && c.Start <= art.Claims[fig].Start && c.End >= art.Claims[fig].End {
			rep = i
		}
	}
	if rep < 0 {
		t.Fatal("no reported claim holds the figure “More than 370 people”")
	}
	figEl := htmlByID(sec, fmt.Sprintf("a%d-c%d", ai+1, fig+1))
	if figEl == nil {
		t.Fatal("the figure has no element")
	}
	if htmlText(figEl) != "More than 370 people" || !htmlHasClass(figEl, "st-attributed") {
		t.Errorf("figure element: %q", htmlText(figEl))
	}
	if p := htmlAncestor(figEl, func(n *html.Node) bool { v, _ := htmlAttr(n, "data-claim"); return v == strconv.Itoa(rep) }); p == nil {
		t.Errorf("the figure is not nested in its reported sentence (claim %d)", rep+1)
	}

	// A quotation claim sits in its quote, which names the speaker.
	q := htmlClaimIndex(t, art, "quote", "I saw two of my grandchildren")
	qEl := htmlByID(sec, fmt.Sprintf("a%d-c%d", ai+1, q+1))
	quote := htmlAncestor(qEl, func(n *html.Node) bool { return htmlHasClass(n, "quote") })
	if quote == nil {
		t.Fatal("the quotation claim is not inside a quote element")
	}
	if sp, _ := htmlAttr(quote, "data-speaker"); sp != "Umm Mohamad" {
		t.Errorf("quote speaker %q, want Umm Mohamad", sp)
	}
	if title, _ := htmlAttr(quote, "title"); !strings.Contains(title, "Umm Mohamad") {
		t.Errorf("quote title %q does not name the speaker", title)
	}

	// The crossing finding is split, keeps its whole text, has one id and
	// one back-link.
	fi := -1
	for i, f := range art.Findings {
		if f.Rule == "test-crossing" {
			fi = i
			break
		}
	}
	if fi < 0 {
		t.Fatal("the crossing test rule found nothing in seed 001")
	}
	var frags []*html.Node
	htmlEach(sec, func(n *html.Node) {
		if v, ok := htmlAttr(n, "data-finding"); ok && v == strconv.Itoa(fi) && htmlHasClass(n, "fspan") {
			frags = append(frags, n)
		}
	})
	if len(frags) < 2 {
		t.Fatalf("the crossing finding has %d fragment(s), want it split", len(frags))
	}
	var text strings.Builder
	for i, n := range frags {
		text.WriteString(htmlText(n))
		id, _ := htmlAttr(n, "id")
		if (i == 0) != (id != "") {
			t.Errorf("fragment %d has id %q", i, id)
		}
		if i > 0 && !htmlHasClass(n, "cont") {
			t.Errorf("fragment %d lacks the cont class", i)
		}
	}
	if text.String() != "people in total" {
		t.Errorf("crossing finding fragments read %q", text.String())
	}
	htmlWellFormed(t, page)
}

// htmlWellFormed checks that every end tag of page closes the element opened
// last: the renderer, not the browser's error recovery, nests the spans.
func htmlWellFormed(t *testing.T, page string) {
	t.Helper()
	void := map[string]bool{"meta": true, "br": true, "input": true, "link": true, "img": true, "hr": true, "col": true, "wbr": true}
	z := html.NewTokenizer(strings.NewReader(page))
	var stack []string
	for {
		switch z.Next() {
		case html.ErrorToken:
			if z.Err() != io.EOF {
				t.Fatal(z.Err())
			}
			if len(stack) > 0 {
				t.Fatalf("unclosed elements at the end: %v", stack)
			}
			return
		case html.StartTagToken:
			name, _ := z.TagName()
			if !void[string(name)] {
				stack = append(stack, string(name))
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if len(stack) == 0 || stack[len(stack)-1] != string(name) {
				t.Fatalf("</%s> closes %v", name, stack)
			}
			stack = stack[:len(stack)-1]
		}
	}
}

func htmlArticleIndex(t testing.TB, a *Audit, prefix string) int {
	t.Helper()
	for i, art := range a.Articles {
		if strings.HasPrefix(filepath.Base(art.Path), prefix) {
			return i
		}
	}
	t.Fatalf("no article %s*", prefix)
	return -1
}

func htmlClaimIndex(t testing.TB, art AuditArticle, kind, prefix string) int {
	t.Helper()
	for i, c := range art.Claims {
		if c.Kind == kind && strings.HasPrefix(c.Text, prefix) {
			return i
		}
	}
	t.Fatalf("%s: no %s claim %q…", art.Path, kind, prefix)
	return -1
}

// TestHTMLNestSpansCrossing checks the nesting algorithm on ranges that
// cross, share boundaries, are empty or cross the block's edge.
func TestHTMLNestSpansCrossing(t *testing.T) {
	text := "0123456789abcdefghij"
	mk := func(start, end, prio int, class string) *htmlSpan {
		return &htmlSpan{start: start, end: end, prio: prio, el: htmlEl{Tag: "span", Class: class}, last: 0}
	}
	a := mk(0, 10, htmlPrioReported, "A")
	b := mk(5, 15, htmlPrioFigure, "B")
	c := mk(5, 10, htmlPrioFinding, "C") // same end as A, starts with B
	d := mk(12, 12, htmlPrioFinding, "D")
	d.after = &htmlEl{Tag: "a", Class: "ref"}
	e := mk(18, 25, htmlPrioCue, "E") // runs past the block
	spans := []*htmlSpan{a, b, c, d, e}
	nodes := htmlNest(text, audit.Span{Start: 0, End: 20}, 0, spans)
	got := htmlRenderNodes(nodes)
	// A opens at 0. At 5, B and C open inside it, B (the longer) outside
	// C; at 10 A and C end, so B is closed with them and reopened. The
	// empty D and its after-element sit at 12; E is cut at the block's end.
	want := "[A:01234[B:[C:56789]]][B:ab[D:][ref:]cde]fgh[E:ij]"
	if got != want {
		t.Errorf("nested\n got %s\nwant %s", got, want)
	}
	if len(b.frags) != 2 || len(a.frags) != 1 || len(d.frags) != 1 || len(e.frags) != 1 {
		t.Errorf("fragments: A %d, B %d, D %d, E %d", len(a.frags), len(b.frags), len(d.frags), len(e.frags))
	}
}

func htmlRenderNodes(ns []htmlNode) string {
	var b strings.Builder
	for _, n := range ns {
		if n.El == nil {
			b.WriteString(n.Text)
			continue
		}
		fmt.Fprintf(&b, "[%s:%s]", n.El.Class, htmlRenderNodes(n.El.Children))
	}
	return b.String()
}

// TestHTMLFindingsLinked checks that every finding is listed beside its
// article with its level, rule and message, links to its span in the
// text, and that the span links back.
func TestHTMLFindingsLinked(t *testing.T) {
	a := htmlSeedAudit(t)
	root := htmlDOM(t, htmlRender(t, a))
	arts := htmlArticles(root)
	levels := map[string]int{}
	for ai, art := range a.Articles {
		sec := arts[fmt.Sprintf("a%d", ai+1)]
		for fi, f := range art.Findings {
			levels[f.Level.String()]++
			id := fmt.Sprintf("a%d-f%d", ai+1, fi+1)
			li := htmlByID(sec, id)
			if li == nil || li.Data != "li" || !htmlHasClass(li, "lv-"+f.Level.String()) {
				t.Fatalf("%s: finding %d has no list item %s", art.Path, fi+1, id)
			}
			txt := htmlText(li)
			for _, want := range []string{f.Rule, f.Message, f.Level.String()} {
				if !strings.Contains(txt, want) {
					t.Errorf("%s: finding %d: item lacks %q: %q", art.Path, fi+1, want, txt)
				}
			}
			var link *html.Node
			htmlEach(li, func(n *html.Node) {
				if htmlHasClass(n, "goto") {
					link = n
				}
			})
			if link == nil {
				t.Errorf("%s: finding %d (%s) has no link to the text", art.Path, fi+1, f.Excerpt)
				continue
			}
			href, _ := htmlAttr(link, "href")
			target := htmlByID(sec, strings.TrimPrefix(href, "#"))
			if target == nil || !htmlHasClass(target, "fspan") {
				t.Fatalf("%s: finding %d links to %q, which is not a finding span", art.Path, fi+1, href)
			}
			if v, _ := htmlAttr(target, "data-finding"); v != strconv.Itoa(fi) {
				t.Errorf("%s: finding %d: span data-finding %q", art.Path, fi+1, v)
			}
			if v, _ := htmlAttr(target, "tabindex"); v != "-1" {
				t.Errorf("%s: finding %d: span is not focusable", art.Path, fi+1)
			}
			// All fragments together read the finding's text.
			var got strings.Builder
			var back int
			htmlEach(sec, func(n *html.Node) {
				if v, _ := htmlAttr(n, "data-finding"); v == strconv.Itoa(fi) {
					if htmlHasClass(n, "fspan") {
						got.WriteString(htmlText(n))
					}
					if htmlHasClass(n, "fref") {
						if h, _ := htmlAttr(n, "href"); h == "#"+id {
							back++
						}
					}
				}
			})
			// A finding over several blocks (page furniture) loses the line
			// breaks between them, which are not part of any block.
			if want := art.Doc.Slice(f.Span); htmlNoSpace(got.String()) != htmlNoSpace(want) {
				t.Errorf("%s: finding %d marks %q, want %q", art.Path, fi+1, got.String(), want)
			}
			if back != 1 {
				t.Errorf("%s: finding %d has %d back-links", art.Path, fi+1, back)
			}
		}
	}
	for _, l := range rules.Levels {
		if levels[l.String()] == 0 {
			t.Errorf("no %s finding on the seeds: the test no longer covers that level", l)
		}
	}
}

// TestHTMLSourcesAndBlocks checks the source list (type, mention count,
// a link to the first mention) against the marked mentions, and that
// page furniture is dimmed while the editorial text is not.
func TestHTMLSourcesAndBlocks(t *testing.T) {
	a := htmlSeedAudit(t)
	root := htmlDOM(t, htmlRender(t, a))
	arts := htmlArticles(root)
	for ai, art := range a.Articles {
		sec := arts[fmt.Sprintf("a%d", ai+1)]
		mentions := map[string]int{}
		var srcItems []*html.Node
		var blocks []*html.Node
		htmlEach(sec, func(n *html.Node) {
			if htmlHasClass(n, "mention") && !htmlHasClass(n, "ref") && !htmlHasClass(n, "cont") {
				v, _ := htmlAttr(n, "data-source")
				mentions[v]++
			}
			if n.Data == "li" && htmlHasClass(n, "source") {
				srcItems = append(srcItems, n)
			}
			if n.Data == "p" && htmlHasClass(n, "blk") {
				blocks = append(blocks, n)
			}
		})
		items := map[string]*html.Node{}
		for _, li := range srcItems {
			htmlEach(li, func(n *html.Node) {
				if v, ok := htmlAttr(n, "data-source"); ok && htmlHasClass(n, "src") {
					items[v] = li
				}
			})
		}
		for _, s := range art.Sources {
			if mentions[s.ID] != len(s.Mentions) {
				t.Errorf("%s: source %s: %d mentions marked, %d found", art.Path, s.ID, mentions[s.ID], len(s.Mentions))
			}
			li := items[s.ID]
			if li == nil {
				t.Errorf("%s: source %s is not listed (or has no link)", art.Path, s.ID)
				continue
			}
			txt := htmlSquash(htmlText(li))
			for _, want := range []string{s.Name, htmlTypeLabel(s.Type), htmlPlural(len(s.Mentions), "mention")} {
				if !strings.Contains(txt, want) {
					t.Errorf("%s: source item %q lacks %q", art.Path, txt, want)
				}
			}
		}
		// Every listed source with an element in the text links to it.
		for id, li := range items {
			var link *html.Node
			htmlEach(li, func(n *html.Node) {
				if n.Data == "a" && htmlHasClass(n, "src") {
					link = n
				}
			})
			if link == nil {
				continue
			}
			href, _ := htmlAttr(link, "href")
			first := htmlByID(sec, strings.TrimPrefix(href, "#"))
			if first == nil || !htmlHasClass(first, "mention") {
				t.Errorf("%s: source %s links to %q, not a mention", art.Path, id, href)
			} else if v, _ := htmlAttr(first, "data-source"); v != id {
				t.Errorf("%s: source %s links to a mention of %s", art.Path, id, v)
			}
		}
		// The metrics' sources are listed, with their claim counts.
		for _, sc := range art.Metrics.Sources {
			if li := items[sc.ID]; li != nil && !strings.Contains(htmlSquash(htmlText(li)), htmlPlural(sc.Claims, "claim")) {
				t.Errorf("%s: source %s: item lacks %q", art.Path, sc.ID, htmlPlural(sc.Claims, "claim"))
			}
		}
		if len(blocks) != len(art.Blocks) {
			t.Fatalf("%s: %d block paragraphs for %d blocks", art.Path, len(blocks), len(art.Blocks))
		}
		for bi, b := range art.Blocks {
			editorial := audit.BlockKind(b.Kind).Editorial()
			if htmlHasClass(blocks[bi], "furniture") == editorial {
				t.Errorf("%s: block %d (%s): furniture class %v", art.Path, bi, b.Kind, !editorial)
			}
			if v, _ := htmlAttr(blocks[bi], "data-block"); v != b.Kind {
				t.Errorf("%s: block %d: data-block %q, want %q", art.Path, bi, v, b.Kind)
			}
			if htmlSquash(htmlText(blocks[bi])) != htmlSquash(b.Text) {
				t.Errorf("%s: block %d reads %q, want %q", art.Path, bi, htmlText(blocks[bi]), b.Text)
			}
		}
	}
}

// TestHTMLSummary checks the run summary and an article's figures.
func TestHTMLSummary(t *testing.T) {
	a := htmlSeedAudit(t)
	root := htmlDOM(t, htmlRender(t, a))
	var claims, attributed int
	for _, art := range a.Articles {
		for _, c := range art.Claims {
			claims++
			if c.Attribution != nil {
				attributed++
			}
		}
	}
	head := htmlByID(root, "top")
	txt := htmlSquash(htmlText(head))
	for _, want := range []string{
		fmt.Sprintf("Sourcing audit of %d articles", len(a.Articles)),
		fmt.Sprintf("%d of %d claims credited to a source", attributed, claims),
		htmlPct(attributed, claims),
		fmt.Sprintf("%d error %d warning %d info", a.Summary.Levels["error"], a.Summary.Levels["warning"], a.Summary.Levels["info"]),
	} {
		if !strings.Contains(txt, want) {
			t.Errorf("run header lacks %q:\n%s", want, txt)
		}
	}
	// The index links to every article.
	links := map[string]string{}
	htmlEach(head, func(n *html.Node) {
		if href, _ := htmlAttr(n, "href"); n.Data == "a" && htmlAncestor(n, func(p *html.Node) bool { return htmlHasClass(p, "index") }) != nil {
			links[href] = htmlText(n)
		}
	})
	for ai, art := range a.Articles {
		id := fmt.Sprintf("a%d", ai+1)
		title := htmlArticleTitle(&a.Articles[ai])
		if links["#"+id] != title {
			t.Errorf("index links to #%s as %q, want %q", id, links["#"+id], title)
		}
		if !strings.Contains(title, filepath.Base(art.Path)) && !strings.Contains(txt, art.Path) {
			t.Errorf("index names neither %s nor its file", art.Path)
		}
		if htmlByID(root, id) == nil {
			t.Errorf("no article %s", id)
		}
	}
	ai := htmlArticleIndex(t, a, "001_")
	m := a.Articles[ai].Metrics
	sec := htmlNoSpace(htmlText(htmlByID(root, fmt.Sprintf("a%d", ai+1))))
	for _, want := range []string{
		fmt.Sprintf("%s · %s · %d reported", htmlPlural(m.ClaimsByKind["figure"], "figure"), htmlPlural(m.ClaimsByKind["quote"], "quote"), m.ClaimsByKind["reported"]),
		fmt.Sprintf("%d attributed · %d vague · %d unattributed", m.Attributed, m.Vague, m.Unattributed),
		fmt.Sprintf("Quotes with a named speaker %d of %d", m.NamedQuotes, m.Quotes),
		fmt.Sprintf("Independent sources %d of %d cited", m.IndependentSources, m.SourcesCited),
		fmt.Sprintf("%s of attributed claims: %s", htmlShare(m.TopSource.Share), m.TopSource.Name),
	} {
		if !strings.Contains(sec, htmlNoSpace(want)) {
			t.Errorf("article 001 lacks %q", want)
		}
	}
	if m.TopSource.Name != "Syrian Observatory for Human Rights" {
		t.Errorf("largest single source %q, want the SOHR", m.TopSource.Name)
	}
}

// TestHTMLEscaping checks that article text cannot inject markup: a
// <script> in a plain-text article, and one written as entities in an HTML
// article (which decode to the same characters in the prose view), show as
// text and run nothing.
func TestHTMLEscaping(t *testing.T) {
	for _, in := range []struct {
		name   string
		format audit.Format
		text   string
	}{
		{"evil.txt", audit.FormatText, "Rebels <script>alert(1)</script> take \"Aleppo\" <img src=x onerror=alert(2)>\n\nMore than 370 people</mark><script>alert(3)</script> were killed, according to the SOHR.\n\n“We heard an explosion </span>,” a resident told AFP.\n"},
		{"evil.html", audit.FormatHTML, "<h1>Rebels &lt;script&gt;alert(1)&lt;/script&gt; take Aleppo</h1><p>More than 370 people were killed &lt;/mark&gt;, according to the SOHR.</p><script>alert(4)</script>"},
	} {
		t.Run(in.name, func(t *testing.T) {
			page := htmlRender(t, htmlReadAudit(t, in.name, in.format, in.text))
			if n := strings.Count(page, "<script"); n != 1 {
				t.Errorf("%d <script elements, want only the report's own", n)
			}
			for _, bad := range []string{"<img", "alert(1)</script>", "</mark><script", "</span>,"} {
				if strings.Contains(page, bad) {
					t.Errorf("page holds %q", bad)
				}
			}
			root := htmlDOM(t, page)
			var scripts, imgs int
			var text strings.Builder
			htmlEach(root, func(n *html.Node) {
				switch n.Data {
				case "script":
					scripts++
				case "img":
					imgs++
				}
				if htmlHasClass(n, "text") {
					text.WriteString(htmlText(n))
				}
			})
			if scripts != 1 || imgs != 0 {
				t.Errorf("%d scripts, %d images after parsing", scripts, imgs)
			}
			if !strings.Contains(text.String(), "<script>alert(1)</script>") {
				t.Errorf("the script is not shown as text: %q", text.String())
			}
			htmlWellFormed(t, page)
		})
	}
}

// TestHTMLSelfContained checks that the page loads nothing (no src, no
// stylesheet link, no url() or @import), that its Content-Security-Policy
// names the hashes of its own style and script, and that the seeds' page
// stays light.
func TestHTMLSelfContained(t *testing.T) {
	page := htmlRender(t, htmlSeedAudit(t))
	if len(page) > 1<<20 {
		t.Errorf("the seeds' page is %d bytes, want under 1 MiB", len(page))
	}
	root := htmlDOM(t, page)
	var csp, style, script string
	htmlEach(root, func(n *html.Node) {
		switch n.Data {
		case "meta":
			if v, _ := htmlAttr(n, "http-equiv"); v == "Content-Security-Policy" {
				csp, _ = htmlAttr(n, "content")
			}
		case "style":
			style = htmlText(n)
		case "script":
			script = htmlText(n)
		case "link", "img", "iframe", "object", "embed", "video", "audio", "source", "picture":
			t.Errorf("page has a <%s> element", n.Data)
		}
		if v, ok := htmlAttr(n, "src"); ok {
			t.Errorf("<%s src=%q>", n.Data, v)
		}
		if v, ok := htmlAttr(n, "style"); ok {
			t.Errorf("<%s style=%q>: inline styles are not allowed by the page's policy", n.Data, v)
		}
		// Links within the page, or out of it (a rule's reference), load
		// nothing until followed.
		if v, ok := htmlAttr(n, "href"); ok && !strings.HasPrefix(v, "#") && (n.Data != "a" || !strings.HasPrefix(v, "https://")) {
			t.Errorf("<%s href=%q>", n.Data, v)
		}
	})
	for _, bad := range []string{"url(", "@import"} {
		if strings.Contains(style, bad) {
			t.Errorf("the stylesheet uses %s", bad)
		}
	}
	hash := func(s string) string {
		sum := sha256.Sum256([]byte(s))
		return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
	}
	for _, want := range []string{"default-src 'none'", "style-src " + hash(style), "script-src " + hash(script)} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %q", csp, want)
		}
	}
	if dir := os.Getenv("SOURCECHECK_ARTIFACTS"); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "seeds-report.html"), []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestHTMLWithoutText checks that an audit whose documents are not at hand
// (Doc nil) still renders its findings, sources and claims.
func TestHTMLWithoutText(t *testing.T) {
	a := htmlSeedAudit(t)
	a.Articles = a.Articles[:1]
	a.Articles[0].Doc = nil
	page := htmlRender(t, a)
	if !strings.Contains(page, "not part of this report") {
		t.Error("no note that the text is missing")
	}
	if strings.Contains(page, "data-claim=") {
		t.Error("claims marked without text")
	}
	htmlWellFormed(t, page)
}

// TestHTMLMarkdownProse checks that a Markdown article shows its prose, not
// its markup, with the claims marked on the prose.
func TestHTMLMarkdownProse(t *testing.T) {
	a := htmlReadAudit(t, "a.md", audit.FormatMarkdown, "# Rebels take *Aleppo*\n\n“We heard an explosion,” a resident told **AFP**. More than 370 people were killed, according to the [SOHR](https://example.org) &amp; others.\n")
	root := htmlDOM(t, htmlRender(t, a))
	var text string
	htmlEach(root, func(n *html.Node) {
		if htmlHasClass(n, "text") {
			text = htmlText(n)
		}
	})
	if strings.ContainsAny(text, "*[]#") || strings.Contains(text, "example.org") || strings.Contains(text, "&amp;") {
		t.Errorf("markup shown: %q", text)
	}
	fig := htmlClaimIndex(t, a.Articles[0], "figure", "More than 370")
	if el := htmlByID(root, fmt.Sprintf("a1-c%d", fig+1)); el == nil || htmlText(el) != "More than 370 people" {
		t.Errorf("figure not marked on the prose")
	}
}

// BenchmarkWriteHTML renders the seeds' report.
func BenchmarkWriteHTML(b *testing.B) {
	a := htmlSeedAudit(b)
	for b.Loop() {
		if err := WriteHTML(io.Discard, a); err != nil {
			b.Fatal(err)
		}
	}
}
