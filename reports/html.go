package reports

import (
	"bufio"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/sourcecheck/sourcecheck/audit"
)

// The page template, stylesheet and script of the HTML report. They are
// embedded so that the report is one self-contained file.
//
//go:embed html/report.html.tmpl html/report.css html/report.js
var htmlAssets embed.FS

var htmlPageOnce = sync.OnceValues(func() (*htmlAssetSet, error) {
	read := func(name string) (string, error) {
		b, err := htmlAssets.ReadFile("html/" + name)
		if err != nil {
			return "", fmt.Errorf("reading embedded %s: %w", name, err)
		}
		return string(b), nil
	}
	src, err := read("report.html.tmpl")
	if err != nil {
		return nil, err
	}
	css, err := read("report.css")
	if err != nil {
		return nil, err
	}
	js, err := read("report.js")
	if err != nil {
		return nil, err
	}
	t, err := template.New("report").Funcs(template.FuncMap{
		"pct":    htmlPct,
		"share":  htmlShare,
		"plural": htmlPlural,
		"label":  htmlTypeLabel,
		"bars":   htmlBars,
	}).Parse(src)
	if err != nil {
		return nil, fmt.Errorf("parsing the HTML report template: %w", err)
	}
	// The Content-Security-Policy forbids every network fetch and every
	// script and stylesheet but the page's own, named by their hashes: an
	// article's text cannot run code even if escaping were ever to fail.
	csp := "default-src 'none'; img-src data:; style-src " + htmlCSPHash(css) + "; script-src " + htmlCSPHash(js) +
		"; base-uri 'none'; form-action 'none'"
	return &htmlAssetSet{tmpl: t, css: template.CSS(css), js: template.JS(js), csp: csp}, nil
})

type htmlAssetSet struct {
	tmpl *template.Template
	css  template.CSS
	js   template.JS
	csp  string
}

func htmlCSPHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// WriteHTML writes the audit as one self-contained HTML page for an editor:
// each article's text with every claim highlighted by whether and how it
// is credited (attributed, vague, unattributed), quotations with their
// speakers, source mentions, attribution and vague cues, and page
// furniture (ads, captions, navigation) dimmed; beside the text, the
// findings (each linked to its span and back) and the sources with their
// types and mention counts; above it, the article's figures and, at the
// top of the page, those of the whole run.
//
// The page loads nothing from the network, escapes all article text with
// html/template, forbids any script but its own with a
// Content-Security-Policy, and reads fine without JavaScript; the small
// script only adds scrolling, focusing and highlighting on click.
func WriteHTML(w io.Writer, a *Audit) error {
	assets, err := htmlPageOnce()
	if err != nil {
		return err
	}
	page := newHTMLPage(a)
	page.CSS, page.JS, page.CSP = assets.css, assets.js, assets.csp
	bw := bufio.NewWriter(w)
	if err := assets.tmpl.Execute(bw, page); err != nil {
		return fmt.Errorf("rendering the HTML report: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing the HTML report: %w", err)
	}
	return nil
}

// Claim statuses, as the page names them in classes and data-status.
const (
	htmlAttributed   = "attributed"
	htmlVague        = "vague"
	htmlUnattributed = "unattributed"
)

// htmlClaimStatus says whether a claim is credited to a source, only vaguely
// ("are said to have been killed"), or not at all.
func htmlClaimStatus(c Claim) string {
	switch {
	case c.Attribution != nil:
		return htmlAttributed
	case c.Vague != nil:
		return htmlVague
	}
	return htmlUnattributed
}

// htmlPage is what the template renders.
type htmlPage struct {
	CSS      template.CSS
	JS       template.JS
	CSP      string
	Title    string
	Run      htmlRun
	Articles []*htmlArticle
	Rules    []RuleInfo
}

// htmlRun is the summary of the whole run.
type htmlRun struct {
	Summary
	M                       Metrics
	Errors, Warnings, Infos int
}

// htmlArticle is one article of the page.
type htmlArticle struct {
	N        int    // 1-based position in the run
	ID       string // element id of the article's section
	Title    string
	Titled   bool // the title is not the file name
	Path     string
	Details  string
	Warnings []string
	Prev     *htmlArticle
	Next     *htmlArticle
	HasText  bool
	Blocks   []htmlBlock
	Findings []htmlFinding
	Levels   htmlLevels
	Sources  []htmlSource
	Claims   []htmlClaimRow
	M        Metrics
	// Types counts the cited sources by type, most first.
	Types []htmlCount
	// sourcePos is each listed source's position in Sources, by id.
	sourcePos map[string]int
}

// htmlCount is a labelled count.
type htmlCount struct {
	Label string
	N     int
}

// htmlLevels counts an article's findings by level.
type htmlLevels struct{ Errors, Warnings, Infos int }

// htmlBlock is a paragraph of the article text.
type htmlBlock struct {
	Kind      string
	Editorial bool
	Reason    string
	Line      int
	Nodes     []htmlNode
}

// htmlNode is a piece of marked-up text: plain text, or an element.
type htmlNode struct {
	Text string
	El   *htmlEl
}

// htmlEl is an inline element of the marked-up text. The template writes
// only the fields that are set; every value is escaped by html/template.
type htmlEl struct {
	Tag       string // "mark", "span" or "a"
	ID        string
	Class     string
	Title     string
	Href      string
	Label     string // aria-label
	Focusable bool   // tabindex="-1", so that a link can focus it
	// Data attributes.
	Claim, Quote, Finding, Source string
	Status, Kind, Speaker, N      string
	Start, End                    string
	Children                      []htmlNode
}

// htmlFinding is a finding in the side column.
type htmlFinding struct {
	N         int
	ID        string // the finding's own element id
	Target    string // id of its span in the text, "" when not shown
	Level     string
	Rule      string
	Message   string
	Fix       string
	Excerpt   string
	Line, Col int
	Claim     string // id of the claim it is about, ""
}

// htmlSource is a source in the side column.
type htmlSource struct {
	ID          string
	Name        string
	Type        string
	Mentions    int
	Claims      int
	Descriptor  string
	Party       bool
	Independent bool
	First       string // id of its first mention in the text, ""
}

// htmlClaimRow is a claim in the article's claim table.
type htmlClaimRow struct {
	N         int
	ID        string
	Status    string
	Kind      string
	Text      string
	Source    string
	Type      string
	Cue       string
	Link      string
	Vague     string
	Line, Col int
}

func newHTMLPage(a *Audit) *htmlPage {
	p := &htmlPage{Title: "sourcecheck audit", Rules: a.Rules}
	p.Run.Summary = a.Summary
	p.Run.Errors, p.Run.Warnings, p.Run.Infos = a.Summary.Levels["error"], a.Summary.Levels["warning"], a.Summary.Levels["info"]
	p.Run.M = a.Metrics
	if p.Run.M.ClaimsByKind == nil {
		// An Audit not made by NewAudit: compute what can be.
		var docs []*audit.Document
		for _, art := range a.Articles {
			if art.Doc != nil {
				docs = append(docs, art.Doc)
			}
		}
		p.Run.M = RunMetrics(docs)
	}
	for i := range a.Articles {
		p.Articles = append(p.Articles, newHTMLArticle(i, &a.Articles[i]))
	}
	for i, art := range p.Articles {
		if i > 0 {
			art.Prev = p.Articles[i-1]
		}
		if i+1 < len(p.Articles) {
			art.Next = p.Articles[i+1]
		}
	}
	if len(p.Articles) == 1 {
		p.Title = "sourcecheck: " + p.Articles[0].Title
	}
	return p
}

func newHTMLArticle(i int, art *AuditArticle) *htmlArticle {
	h := &htmlArticle{N: i + 1, ID: fmt.Sprintf("a%d", i+1), Path: art.Path, Warnings: art.Warnings}
	h.Title = htmlArticleTitle(art)
	h.Titled = h.Title != filepath.Base(art.Path)
	h.Details = fmt.Sprintf("%s, %s, %s", art.Format, art.Encoding, htmlPlural(art.Bytes, "byte"))
	if art.Record > 0 {
		h.Details = fmt.Sprintf("record %d, ", art.Record) + h.Details
	}
	h.M = art.Metrics
	if h.M.ClaimsByKind == nil && art.Doc != nil {
		h.M = ArticleMetrics(art.Doc) // an Audit not made by NewAudit
	}
	for t, n := range h.M.SourcesByType {
		h.Types = append(h.Types, htmlCount{htmlTypeLabel(t), n})
	}
	sort.Slice(h.Types, func(i, j int) bool {
		if h.Types[i].N != h.Types[j].N {
			return h.Types[i].N > h.Types[j].N
		}
		return h.Types[i].Label < h.Types[j].Label
	})
	for ci, c := range art.Claims {
		row := htmlClaimRow{N: ci + 1, ID: htmlClaimID(h.ID, ci), Status: htmlClaimStatus(c), Kind: c.Kind,
			Text: c.Text, Line: c.Line, Col: c.RuneColumn}
		if c.Subkind != "" {
			row.Kind += " · " + c.Subkind
		}
		if at := c.Attribution; at != nil {
			row.Source, row.Type, row.Cue, row.Link = at.Source.Name, at.Source.Type, at.Cue.Text, strings.ReplaceAll(at.Link, "_", " ")
		}
		if c.Vague != nil {
			row.Vague = c.Vague.Cue
		}
		h.Claims = append(h.Claims, row)
	}
	h.listSources(art)
	for fi, f := range art.Findings {
		hf := htmlFinding{N: fi + 1, ID: htmlFindingID(h.ID, fi), Level: f.Level.String(), Rule: f.Rule,
			Message: f.Message, Fix: f.Fix, Excerpt: f.Excerpt, Line: f.Line, Col: f.RuneColumn}
		if f.Claim >= 0 && f.Claim < len(art.Claims) {
			hf.Claim = htmlClaimID(h.ID, f.Claim)
		}
		switch hf.Level {
		case "error":
			h.Levels.Errors++
		case "warning":
			h.Levels.Warnings++
		default:
			h.Levels.Infos++
		}
		h.Findings = append(h.Findings, hf)
	}
	if art.Doc != nil {
		h.HasText = true
		shown := htmlMarkText(h, art)
		for fi := range h.Findings {
			if shown[fi] {
				h.Findings[fi].Target = htmlFindingSpanID(h.ID, fi)
			}
		}
		// A source whose mentions all lie outside the shown blocks has no
		// first mention to link to.
		for si := range h.Sources {
			if shown[-1-si] {
				h.Sources[si].First = htmlMentionID(h.ID, si)
			}
		}
	}
	return h
}

// listSources lists the article's sources for the side column: those the
// metrics count (most-cited first), then any other the text names, each
// with its mentions, claims and first description.
func (h *htmlArticle) listSources(art *AuditArticle) {
	h.sourcePos = map[string]int{}
	desc := map[string]string{}
	party := map[string]bool{}
	for _, s := range art.Sources {
		if _, ok := desc[s.ID]; !ok {
			desc[s.ID] = s.Descriptor
		}
		party[s.ID] = party[s.ID] || s.Party
	}
	add := func(s htmlSource) {
		if _, dup := h.sourcePos[s.ID]; dup {
			return
		}
		h.sourcePos[s.ID] = len(h.Sources)
		s.Descriptor = desc[s.ID]
		h.Sources = append(h.Sources, s)
	}
	for _, s := range h.M.Sources {
		add(htmlSource{ID: s.ID, Name: s.Name, Type: s.Type, Mentions: s.Mentions, Claims: s.Claims,
			Party: s.Party, Independent: s.Independent})
	}
	for _, s := range art.Sources {
		add(htmlSource{ID: s.ID, Name: s.Name, Type: s.Type, Mentions: len(s.Mentions), Party: s.Party})
	}
}

// htmlArticleTitle is what the page calls an article: its title, else its
// first headline, else its path.
func htmlArticleTitle(art *AuditArticle) string {
	if art.Meta != nil && art.Meta.Title != "" {
		return art.Meta.Title
	}
	for _, b := range art.Blocks {
		if b.Kind == string(audit.BlockHeadline) {
			if t := strings.Join(strings.Fields(b.Text), " "); t != "" {
				return excerpt(t, 120)
			}
		}
	}
	name := filepath.Base(art.Path)
	if art.Record > 0 {
		name = fmt.Sprintf("%s:%d", name, art.Record)
	}
	return name
}

func htmlClaimID(article string, i int) string       { return fmt.Sprintf("%s-c%d", article, i+1) }
func htmlQuoteID(article string, i int) string       { return fmt.Sprintf("%s-q%d", article, i+1) }
func htmlFindingID(article string, i int) string     { return fmt.Sprintf("%s-f%d", article, i+1) }
func htmlFindingSpanID(article string, i int) string { return fmt.Sprintf("%s-f%d-text", article, i+1) }
func htmlMentionID(article string, i int) string     { return fmt.Sprintf("%s-s%d", article, i+1) }

// Nesting order of elements that cover exactly the same text, outermost
// first.
const (
	htmlPrioFinding = iota
	htmlPrioReported
	htmlPrioQuote
	htmlPrioQuoteClaim
	htmlPrioFigure
	htmlPrioMention
	htmlPrioCue
)

// htmlSpan is an element to wrap around a range of the marked text (the
// prose view). Where ranges cross, or cross a block boundary, the element
// is split into fragments so that the HTML stays properly nested.
type htmlSpan struct {
	start, end int
	prio       int
	// order is the span's position among the article's spans: it breaks
	// ties between spans over the same text and the same priority.
	order int
	el    htmlEl
	// id goes on the first fragment.
	id string
	// after is an empty element placed right after the last fragment (the
	// back-link of a finding to its entry in the side column).
	after *htmlEl
	// last is the index of the last block the range overlaps, -1 if none.
	last int
	// frags are the fragments rendered, in text order.
	frags []*htmlEl
}

// fragment returns a new fragment of the element.
func (ms *htmlSpan) fragment() *htmlEl {
	el := ms.el
	el.Children = nil
	ms.frags = append(ms.frags, &el)
	return &el
}

// htmlTextView is the text the page shows for a document, and the mapping of
// the document's byte offsets into it: the prose view for Markdown and
// HTML (so that the page shows prose, not markup), the text itself for
// plain text.
type htmlTextView struct {
	text string
	view *audit.View
}

func newHTMLTextView(doc *audit.Document) htmlTextView {
	if v := doc.View(); v != nil {
		return htmlTextView{text: v.Text, view: v}
	}
	return htmlTextView{text: doc.Text}
}

// span maps a span of the document text to the shown text, widened to
// whole characters.
func (tv htmlTextView) span(s audit.Span) (start, end int) {
	start, end = s.Start, s.End
	if tv.view != nil {
		start = tv.view.FromSource(s.Start)
		end = tv.view.FromSource(s.End)
		// An end inside a replaced piece (an entity) takes the whole piece.
		for end < len(tv.text) && tv.view.ToSource(end, true) < s.End {
			end++
		}
	}
	start = min(max(start, 0), len(tv.text))
	end = min(max(end, start), len(tv.text))
	for start > 0 && !utf8.RuneStart(tv.text[start]) {
		start--
	}
	for end < len(tv.text) && !utf8.RuneStart(tv.text[end]) {
		end++
	}
	return start, end
}

// viewSpan returns a span already in view coordinates (a block's or a
// quotation's ViewSpan), or its source span when there is no view.
func (tv htmlTextView) viewSpan(src, view audit.Span) (start, end int) {
	if tv.view == nil {
		return tv.span(src)
	}
	return min(max(view.Start, 0), len(tv.text)), min(max(view.End, view.Start), len(tv.text))
}

// htmlMarkText builds the marked-up blocks of an article. It returns which
// findings (keys 0, 1, …) and which sources (keys -1, -2, …) have an
// element in the text to link to.
func htmlMarkText(h *htmlArticle, art *AuditArticle) map[int]bool {
	doc := art.Doc
	tv := newHTMLTextView(doc)
	var spans []*htmlSpan
	keys := map[*htmlSpan]int{}
	add := func(start, end, prio int, el htmlEl) *htmlSpan {
		ms := &htmlSpan{start: start, end: end, prio: prio, order: len(spans), el: el, last: -1}
		spans = append(spans, ms)
		return ms
	}
	for ci, c := range doc.Claims {
		if ci >= len(art.Claims) {
			break
		}
		st := htmlClaimStatus(art.Claims[ci])
		prio := htmlPrioReported
		switch c.Kind {
		case audit.ClaimFigure:
			prio = htmlPrioFigure
		case audit.ClaimQuote:
			prio = htmlPrioQuoteClaim
		}
		el := htmlEl{Tag: "mark", Class: "claim k-" + string(c.Kind) + " st-" + st, Claim: strconv.Itoa(ci),
			Status: st, Kind: string(c.Kind), Start: strconv.Itoa(c.Start), End: strconv.Itoa(c.End),
			Title: htmlClaimTitle(art.Claims[ci])}
		if c.Attribution != nil {
			el.Source = c.Attribution.Source.ID
		}
		s, e := tv.span(c.Span)
		add(s, e, prio, el).id = htmlClaimID(h.ID, ci)
	}
	for qi, q := range doc.Quotes {
		el := htmlEl{Tag: "span", Class: "quote qk-" + string(q.Kind), Quote: strconv.Itoa(qi), Kind: string(q.Kind),
			Title: htmlQuoteTitle(q)}
		if q.Speaker != nil {
			el.Source = q.Speaker.ID
			if q.Kind == audit.QuoteDirect || q.Kind == audit.QuoteDash {
				el.Speaker = q.Speaker.Name
			}
		}
		s, e := tv.viewSpan(q.Span, q.ViewSpan())
		add(s, e, htmlPrioQuote, el).id = htmlQuoteID(h.ID, qi)
	}
	seen := map[audit.Span]bool{}
	for _, src := range doc.Sources {
		si, listed := h.sourcePos[src.ID]
		title := fmt.Sprintf("%s — %s, %s", src.Name, htmlTypeLabel(src.Type), htmlPlural(len(src.Mentions), "mention"))
		for _, m := range src.Mentions {
			seen[m] = true
			s, e := tv.span(m)
			ms := add(s, e, htmlPrioMention, htmlEl{Tag: "span", Class: "mention", Source: src.ID, Title: title})
			if listed {
				ms.id = htmlMentionID(h.ID, si)
				keys[ms] = -1 - si
			}
		}
	}
	// Pronouns and back-references ("he", "the NGO") through which a claim
	// is credited are marked as references to their source, and the cues
	// that tie claims to sources ("told", "according to") as cues.
	cues := map[audit.Span]bool{}
	for _, c := range doc.Claims {
		at := c.Attribution
		if at == nil {
			continue
		}
		if m := at.Mention; m.End > m.Start && !seen[m] {
			seen[m] = true
			s, e := tv.span(m)
			ms := add(s, e, htmlPrioMention, htmlEl{Tag: "span", Class: "mention ref", Source: at.Source.ID,
				Title: fmt.Sprintf("“%s” refers to %s (%s)", doc.Slice(m), at.Source.Name, htmlTypeLabel(at.Source.Type))})
			// A source named only through references ("they") links to
			// its first reference.
			if si, ok := h.sourcePos[at.Source.ID]; ok {
				ms.id = htmlMentionID(h.ID, si)
				keys[ms] = -1 - si
			}
		}
		if cu := at.Cue.Span; cu.End > cu.Start && !cues[cu] {
			cues[cu] = true
			s, e := tv.span(cu)
			add(s, e, htmlPrioCue, htmlEl{Tag: "span", Class: "cue", Title: "Attribution cue “" + at.Cue.Text + "”"})
		}
	}
	for _, v := range doc.VagueCues {
		if v.End > v.Start && !cues[v.Span] {
			cues[v.Span] = true
			s, e := tv.span(v.Span)
			add(s, e, htmlPrioCue, htmlEl{Tag: "span", Class: "cue vague", Title: "Vague credit “" + v.Text + "” names no source"})
		}
	}
	for fi, f := range art.Findings {
		lv := f.Level.String()
		el := htmlEl{Tag: "span", Class: "fspan lv-" + lv, Finding: strconv.Itoa(fi), Focusable: true,
			Title: fmt.Sprintf("%s · %s: %s", htmlLevelLabel(lv), f.Rule, f.Message)}
		s, e := tv.span(f.Span)
		if s == e {
			el.Class += " point" // a finding about a point: an empty anchor
		}
		ms := add(s, e, htmlPrioFinding, el)
		ms.id = htmlFindingSpanID(h.ID, fi)
		ms.after = &htmlEl{Tag: "a", Class: "fref lv-" + lv, Href: "#" + htmlFindingID(h.ID, fi), N: strconv.Itoa(fi + 1),
			Finding: strconv.Itoa(fi), Label: fmt.Sprintf("Finding %d, %s: %s", fi+1, lv, f.Message)}
		keys[ms] = fi
	}

	blocks := make([]audit.Span, len(doc.Blocks))
	for bi, b := range doc.Blocks {
		s, e := tv.viewSpan(b.Span, b.ViewSpan())
		blocks[bi] = audit.Span{Start: s, End: e}
	}
	// Hand each block the spans that touch it. Blocks come in text order,
	// so a binary search finds the first and last candidates; the work is
	// linear in the spans and the blocks each covers.
	ordered := true
	for bi := 1; bi < len(blocks); bi++ {
		if blocks[bi].Start < blocks[bi-1].Start || blocks[bi].End < blocks[bi-1].End {
			ordered = false
		}
	}
	inBlock := make([][]*htmlSpan, len(blocks))
	for _, ms := range spans {
		lo, hi := 0, len(blocks)
		if ordered {
			lo = sort.Search(len(blocks), func(i int) bool { return blocks[i].End >= ms.start })
			hi = sort.Search(len(blocks), func(i int) bool { return blocks[i].Start > ms.end })
		}
		for bi := lo; bi < hi; bi++ {
			if htmlTouches(ms.start, ms.end, blocks[bi]) {
				ms.last = bi
				inBlock[bi] = append(inBlock[bi], ms)
			}
		}
	}
	for bi, b := range doc.Blocks {
		hb := htmlBlock{Kind: string(b.Kind), Editorial: b.Kind.Editorial(), Line: doc.Position(b.Start).Line,
			Nodes: htmlNest(tv.text, blocks[bi], bi, inBlock[bi])}
		if !hb.Editorial {
			hb.Reason = b.Reason
		}
		h.Blocks = append(h.Blocks, hb)
	}

	shown := map[int]bool{}
	for _, ms := range spans {
		if len(ms.frags) == 0 {
			continue
		}
		key, keyed := keys[ms]
		if !keyed || !shown[key] { // a source's id goes on its first shown mention only
			ms.frags[0].ID = ms.id
		}
		if keyed {
			shown[key] = true
		}
		for _, f := range ms.frags[1:] {
			f.Class += " cont"
		}
		for _, f := range ms.frags[:len(ms.frags)-1] {
			f.Class += " split"
			f.Speaker = "" // the speaker label follows the last fragment only
		}
	}
	return shown
}

// htmlTouches reports whether the range [start, end) lies at least partly in
// block b; an empty range touches the block it is in.
func htmlTouches(start, end int, b audit.Span) bool {
	if start == end {
		return start >= b.Start && start <= b.End && b.End > b.Start
	}
	return start < b.End && end > b.Start
}

// htmlNest renders the text of block blk (index bi) with the elements of
// spans that fall in it, properly nested: elements open in order of
// position, longer first, and where one element ends inside another that
// started after it, the inner one is closed and reopened as a new
// fragment. Empty ranges and after-elements are placed between the
// elements that close and those that open at their position.
func htmlNest(text string, blk audit.Span, bi int, spans []*htmlSpan) []htmlNode {
	type item struct {
		ms         *htmlSpan
		start, end int
		order      int
	}
	type point struct {
		pos, order int
		ms         *htmlSpan // an empty range: a fragment of ms
		el         *htmlEl   // an after-element
	}
	var items []item
	var points []point
	bounds := []int{blk.Start, blk.End}
	for _, ms := range spans {
		i := ms.order
		if ms.start == ms.end {
			if ms.last == bi {
				points = append(points, point{pos: ms.start, order: 2 * i, ms: ms})
				if ms.after != nil {
					points = append(points, point{pos: ms.start, order: 2*i + 1, el: ms.after})
				}
				bounds = append(bounds, ms.start)
			}
			continue
		}
		s, e := max(ms.start, blk.Start), min(ms.end, blk.End)
		if s >= e {
			continue
		}
		items = append(items, item{ms, s, e, i})
		bounds = append(bounds, s, e)
		if ms.after != nil && ms.last == bi {
			points = append(points, point{pos: e, order: 2*i + 1, el: ms.after})
		}
	}
	sort.Ints(bounds)
	sort.SliceStable(points, func(a, b int) bool {
		if points[a].pos != points[b].pos {
			return points[a].pos < points[b].pos
		}
		return points[a].order < points[b].order
	})
	sort.SliceStable(items, func(a, b int) bool { return items[a].start < items[b].start })

	type open struct {
		it item
		el *htmlEl
	}
	var root []htmlNode
	var stack []open
	emit := func(n htmlNode) {
		if len(stack) == 0 {
			root = append(root, n)
			return
		}
		top := stack[len(stack)-1].el
		top.Children = append(top.Children, n)
	}
	pos, next, pi := blk.Start, 0, 0
	for i, b := range bounds {
		if i > 0 && b == bounds[i-1] {
			continue
		}
		if b > pos {
			emit(htmlNode{Text: text[pos:b]})
			pos = b
		}
		// Close what ends here, and everything opened inside it.
		var starting []item
		for k := range stack {
			if stack[k].it.end <= b {
				for _, o := range stack[k:] {
					if o.it.end > b {
						starting = append(starting, o.it)
					}
				}
				stack = stack[:k]
				break
			}
		}
		for ; pi < len(points) && points[pi].pos == b; pi++ {
			p := points[pi]
			if p.ms != nil {
				emit(htmlNode{El: p.ms.fragment()})
			} else {
				el := *p.el
				emit(htmlNode{El: &el})
			}
		}
		// Open what starts here, with what was closed but goes on: the
		// longest outermost, elements over the same text in nesting order.
		for ; next < len(items) && items[next].start == b; next++ {
			starting = append(starting, items[next])
		}
		sort.SliceStable(starting, func(x, y int) bool {
			sx, sy := starting[x], starting[y]
			if sx.end != sy.end {
				return sx.end > sy.end
			}
			if sx.ms.prio != sy.ms.prio {
				return sx.ms.prio < sy.ms.prio
			}
			return sx.order < sy.order
		})
		for _, it := range starting {
			el := it.ms.fragment()
			emit(htmlNode{El: el})
			stack = append(stack, open{it, el})
		}
	}
	return root
}

// htmlClaimTitle is the tooltip of a claim: its kind and who it is credited to.
func htmlClaimTitle(c Claim) string {
	kind := htmlKindLabel(c.Kind)
	if c.Subkind != "" {
		kind += " (" + c.Subkind + ")"
	}
	var b strings.Builder
	b.WriteString(kind)
	switch {
	case c.Attribution != nil:
		at := c.Attribution
		fmt.Fprintf(&b, " — attributed to %s (%s)", at.Source.Name, htmlTypeLabel(at.Source.Type))
		if at.Cue.Text != "" {
			fmt.Fprintf(&b, " via “%s”", at.Cue.Text)
		}
		if at.Link != "" && at.Link != string(audit.LinkSameSentence) {
			fmt.Fprintf(&b, ", %s", strings.ReplaceAll(at.Link, "_", " "))
		}
		if c.Vague != nil {
			fmt.Fprintf(&b, "; also vague: “%s”", c.Vague.Cue)
		}
	case c.Vague != nil:
		fmt.Fprintf(&b, " — vague credit only: “%s”", c.Vague.Cue)
	default:
		b.WriteString(" — not attributed to any source")
	}
	return b.String()
}

// htmlQuoteTitle is the tooltip of a quotation.
func htmlQuoteTitle(q audit.Quote) string {
	var b strings.Builder
	switch q.Kind {
	case audit.QuoteDirect:
		b.WriteString("Direct quote")
	case audit.QuotePartial:
		b.WriteString("Partial quote")
	case audit.QuoteScare:
		b.WriteString("Scare quotes")
	case audit.QuoteDash:
		b.WriteString("Dash quote")
	default:
		b.WriteString("Quote")
	}
	switch {
	case q.Speaker != nil:
		fmt.Fprintf(&b, " — speaker: %s (%s)", q.Speaker.Name, htmlTypeLabel(q.Speaker.Type))
	case q.Kind != audit.QuoteScare:
		b.WriteString(" — no speaker found")
	}
	if !q.Closed {
		b.WriteString("; closing mark missing")
	}
	return b.String()
}

func htmlKindLabel(k string) string {
	switch k {
	case string(audit.ClaimFigure):
		return "Figure"
	case string(audit.ClaimQuote):
		return "Quote"
	case string(audit.ClaimReported):
		return "Reported speech"
	}
	return k
}

// htmlTypeLabel spells a source type for people: "ngo_monitor" → "NGO
// monitor".
func htmlTypeLabel(t string) string {
	switch t {
	case "ngo_monitor":
		return "NGO monitor"
	case "intl_org":
		return "international organisation"
	case "":
		return "unknown type"
	}
	return strings.ReplaceAll(t, "_", " ")
}

func htmlLevelLabel(l string) string {
	if l == "" {
		return l
	}
	return strings.ToUpper(l[:1]) + l[1:]
}

// htmlPct formats part/whole as a whole percentage; "–" when whole is 0.
func htmlPct(part, whole int) string {
	if whole == 0 {
		return "–"
	}
	return fmt.Sprintf("%.0f%%", 100*float64(part)/float64(whole))
}

// htmlShare formats a share in [0, 1] as a whole percentage.
func htmlShare(share float64) string { return fmt.Sprintf("%.0f%%", 100*share) }

// htmlPlural writes n and the noun, with an s unless n is 1.
func htmlPlural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// htmlBarSegment is a segment of the attribution bar: its status class and
// its x offset and width out of 100.
type htmlBarSegment struct {
	Class string
	X, W  string
}

// htmlBars splits a 100-wide bar among attributed, vague and unattributed
// claims.
func htmlBars(attributed, vague, unattributed int) []htmlBarSegment {
	total := attributed + vague + unattributed
	if total == 0 {
		return nil
	}
	var out []htmlBarSegment
	x := 0.0
	for _, s := range []struct {
		class string
		n     int
	}{{"st-attributed", attributed}, {"st-vague", vague}, {"st-unattributed", unattributed}} {
		if s.n == 0 {
			continue
		}
		w := 100 * float64(s.n) / float64(total)
		out = append(out, htmlBarSegment{Class: s.class, X: strconv.FormatFloat(x, 'f', 2, 64), W: strconv.FormatFloat(w, 'f', 2, 64)})
		x += w
	}
	return out
}
