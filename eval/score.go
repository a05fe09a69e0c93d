package eval

import (
	"cmp"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/sourcecheck/sourcecheck/audit"
	"github.com/sourcecheck/sourcecheck/rules"
)

// QuoteTolerance is how many bytes each boundary of a predicted quote may
// lie from the labelled one, after both are trimmed of spaces, quotation
// marks and trailing punctuation, for the two to match.
const QuoteTolerance = 3

// Label sets, in the order reports list them. A label's set is the
// directory it was loaded from (eval/labels/<set>/…).
const (
	SetSeeds   = "seeds"
	SetBBC     = "bbc"
	SetReuters = "reuters"
	SetFakes   = "fakes"
)

// SetOrder lists the known sets in report order; other sets follow in
// lexical order.
var SetOrder = []string{SetSeeds, SetBBC, SetReuters, SetFakes}

// SetOf returns the set a label belongs to: the name of the directory its
// file is in, or, for a label built in code, a name derived from its
// article ("seeds/…" → seeds, "corpus:bbc-news/…" → bbc).
func SetOf(l Label) string {
	if l.File != "" {
		return filepath.Base(filepath.Dir(l.File))
	}
	a := strings.TrimPrefix(l.Article, CorpusPrefix)
	first, _, _ := strings.Cut(a, "/")
	switch first {
	case "bbc-news":
		return SetBBC
	case "reuters21578":
		return SetReuters
	case "fakes-syria":
		return SetFakes
	}
	return first
}

// Case is one labelled article together with the analysis to score: Doc
// must have been through audit.Structure and Analyze, and its Text is the
// text the label's offsets point into.
type Case struct {
	// Set is the label set ("seeds", "bbc", …); SetOf(Label) when empty.
	Set   string
	Label Label
	Doc   *audit.Document
}

// PRF counts a detector's matches against the labels: true positives
// (predicted and labelled), false positives (predicted only) and false
// negatives (labelled only).
type PRF struct {
	TP int `json:"tp"`
	FP int `json:"fp"`
	FN int `json:"fn"`
}

// Add returns the sum of two counts.
func (c PRF) Add(o PRF) PRF { return PRF{c.TP + o.TP, c.FP + o.FP, c.FN + o.FN} }

// Precision returns TP/(TP+FP); ok is false when nothing was predicted.
func (c PRF) Precision() (v float64, ok bool) { return ratio(c.TP, c.TP+c.FP) }

// Recall returns TP/(TP+FN); ok is false when nothing was labelled.
func (c PRF) Recall() (v float64, ok bool) { return ratio(c.TP, c.TP+c.FN) }

// F1 returns the harmonic mean of precision and recall, 2TP/(2TP+FP+FN);
// ok is false when nothing was predicted or labelled.
func (c PRF) F1() (v float64, ok bool) { return ratio(2*c.TP, 2*c.TP+c.FP+c.FN) }

// Accuracy counts correct decisions out of a total.
type Accuracy struct {
	Correct int `json:"correct"`
	Total   int `json:"total"`
}

// Add returns the sum of two counts.
func (a Accuracy) Add(o Accuracy) Accuracy { return Accuracy{a.Correct + o.Correct, a.Total + o.Total} }

// Value returns Correct/Total; ok is false when Total is 0.
func (a Accuracy) Value() (v float64, ok bool) { return ratio(a.Correct, a.Total) }

func (a *Accuracy) record(correct bool) {
	a.Total++
	if correct {
		a.Correct++
	}
}

func ratio(n, d int) (float64, bool) {
	if d == 0 {
		return 0, false
	}
	return float64(n) / float64(d), true
}

// Metrics are the scores of every detector over some articles.
type Metrics struct {
	// Articles is how many labelled articles were scored.
	Articles int `json:"articles"`
	// DirectQuotes: predicted direct and dash quotes against labelled
	// direct and dash quotes (see QuoteTolerance).
	DirectQuotes PRF `json:"direct_quotes"`
	// PartialQuotes: predicted partial quotes against labelled ones.
	PartialQuotes PRF `json:"partial_quotes"`
	// AnyQuotes: every predicted quote against every labelled one, kinds
	// ignored. A predicted scare quote that matches no label is not a false
	// positive: scare quotes are not labelled.
	AnyQuotes PRF `json:"any_quotes"`
	// Speakers: over labelled quotes matched by AnyQuotes, whether the
	// predicted speaker is the labelled one (see SameSpeaker).
	Speakers Accuracy `json:"speakers"`
	// NamedSpeakers is Speakers restricted to labelled quotes that have a
	// speaker.
	NamedSpeakers Accuracy `json:"named_speakers"`
	// Figures: predicted figure claims against labelled figures, matched
	// on overlap.
	Figures PRF `json:"figures"`
	// FigureSubkinds: over matched figures, whether the subkind agrees.
	FigureSubkinds Accuracy `json:"figure_subkinds"`
	// Attributed: over matched figures and quotes, whether the detector
	// credits the claim to someone exactly when the label does (a source
	// or speaker that is not only vague).
	Attributed Accuracy `json:"attributed"`
	// VagueCues: predicted vague attribution cues against labelled ones,
	// matched on overlap.
	VagueCues PRF `json:"vague_cues"`
}

// Add returns the sum of two sets of counts.
func (m Metrics) Add(o Metrics) Metrics {
	return Metrics{
		Articles:       m.Articles + o.Articles,
		DirectQuotes:   m.DirectQuotes.Add(o.DirectQuotes),
		PartialQuotes:  m.PartialQuotes.Add(o.PartialQuotes),
		AnyQuotes:      m.AnyQuotes.Add(o.AnyQuotes),
		Speakers:       m.Speakers.Add(o.Speakers),
		NamedSpeakers:  m.NamedSpeakers.Add(o.NamedSpeakers),
		Figures:        m.Figures.Add(o.Figures),
		FigureSubkinds: m.FigureSubkinds.Add(o.FigureSubkinds),
		Attributed:     m.Attributed.Add(o.Attributed),
		VagueCues:      m.VagueCues.Add(o.VagueCues),
	}
}

// Value is one named ratio of a Metrics, such as "figures.f1".
type Value struct {
	// Name is "<detector>.<measure>", the key used in floor files.
	Name string `json:"name"`
	// V is the ratio; meaningful only when OK.
	V float64 `json:"value"`
	// OK is false when the ratio is undefined (nothing to divide by).
	OK bool `json:"defined"`
	// N is the denominator's natural count: labelled items for precision,
	// recall and F1, decisions for an accuracy.
	N int `json:"n"`
}

// Values lists every ratio of m in a stable order: precision, recall and
// F1 of each PRF detector and the value of each accuracy.
func (m Metrics) Values() []Value {
	var out []Value
	prf := func(name string, c PRF) {
		n := c.TP + c.FN
		p, pok := c.Precision()
		r, rok := c.Recall()
		f, fok := c.F1()
		out = append(out,
			Value{name + ".precision", p, pok, n},
			Value{name + ".recall", r, rok, n},
			Value{name + ".f1", f, fok, n})
	}
	acc := func(name string, a Accuracy) {
		v, ok := a.Value()
		out = append(out, Value{name + ".accuracy", v, ok, a.Total})
	}
	prf("direct_quotes", m.DirectQuotes)
	prf("partial_quotes", m.PartialQuotes)
	prf("any_quotes", m.AnyQuotes)
	acc("speakers", m.Speakers)
	acc("named_speakers", m.NamedSpeakers)
	prf("figures", m.Figures)
	acc("figure_subkinds", m.FigureSubkinds)
	acc("attributed", m.Attributed)
	prf("vague_cues", m.VagueCues)
	return out
}

// Value returns the ratio called name (see Values).
func (m Metrics) Value(name string) (Value, bool) {
	for _, v := range m.Values() {
		if v.Name == name {
			return v, true
		}
	}
	return Value{}, false
}

// SetResult is the score of one label set.
type SetResult struct {
	Name    string  `json:"name"`
	Metrics Metrics `json:"metrics"`
}

// Mismatch kinds.
const (
	// Missed: a labelled item the detector did not find.
	Missed = "missed"
	// Spurious: a predicted item no label matches.
	Spurious = "spurious"
	// Wrong: a matched item whose speaker, subkind, kind or attribution
	// differs from the label.
	Wrong = "wrong"
)

// Detector names used in Mismatch.Detector.
const (
	DetQuote       = "quote"
	DetQuoteKind   = "quote_kind"
	DetSpeaker     = "speaker"
	DetFigure      = "figure"
	DetSubkind     = "figure_subkind"
	DetAttribution = "attribution"
	DetVague       = "vague_cue"
)

// Item is one side of a mismatch: a labelled or predicted span and what
// was said about it.
type Item struct {
	Start int `json:"start"`
	End   int `json:"end"`
	// H is ShortHash of the span's text, as in label files.
	H string `json:"h"`
	// Text is the span's text. Writers leave it out for corpus articles
	// unless asked to show it (corpus text never goes into files).
	Text string `json:"text,omitempty"`
	// Detail is the kind, subkind, speaker or source, as relevant.
	Detail string `json:"detail,omitempty"`
}

// Mismatch is one disagreement between a detector and the labels.
type Mismatch struct {
	Set     string `json:"set"`
	Article string `json:"article"`
	// Corpus is true when the article's text lives in the shared corpora.
	Corpus   bool   `json:"corpus"`
	Detector string `json:"detector"`
	Kind     string `json:"kind"`
	Gold     *Item  `json:"gold,omitempty"`
	Pred     *Item  `json:"pred,omitempty"`
}

// Result is the outcome of scoring a labelled set.
type Result struct {
	// Sets holds one entry per set scored, in SetOrder.
	Sets []SetResult `json:"sets"`
	// Total sums every set.
	Total Metrics `json:"total"`
	// Skipped lists labels that were not scored and why (corpora absent).
	Skipped []string `json:"skipped,omitempty"`
	// Mismatches lists every disagreement, by set, article and offset.
	Mismatches []Mismatch `json:"mismatches"`
}

// Set returns the result of the named set.
func (r *Result) Set(name string) (SetResult, bool) {
	for _, s := range r.Sets {
		if s.Name == name {
			return s, true
		}
	}
	return SetResult{}, false
}

// Complete reports whether every label was scored (none skipped).
func (r *Result) Complete() bool { return len(r.Skipped) == 0 }

// Score scores each case's analysis against its label and sums the
// counts per set and in total. skipped is recorded in Result.Skipped.
func Score(cases []Case, skipped []string) *Result {
	r := &Result{Skipped: skipped, Mismatches: []Mismatch{}}
	bySet := map[string]*Metrics{}
	var names []string
	for _, c := range cases {
		set := c.Set
		if set == "" {
			set = SetOf(c.Label)
		}
		m, mis := ScoreArticle(c.Label, c.Doc)
		for i := range mis {
			mis[i].Set = set
		}
		r.Mismatches = append(r.Mismatches, mis...)
		if bySet[set] == nil {
			bySet[set] = &Metrics{}
			names = append(names, set)
		}
		*bySet[set] = bySet[set].Add(m)
	}
	slices.SortFunc(names, compareSets)
	for _, n := range names {
		r.Sets = append(r.Sets, SetResult{Name: n, Metrics: *bySet[n]})
		r.Total = r.Total.Add(*bySet[n])
	}
	slices.SortStableFunc(r.Mismatches, func(a, b Mismatch) int {
		return cmp.Or(compareSets(a.Set, b.Set), cmp.Compare(a.Article, b.Article),
			cmp.Compare(itemStart(a), itemStart(b)), cmp.Compare(a.Detector, b.Detector))
	})
	return r
}

func itemStart(m Mismatch) int {
	if m.Gold != nil {
		return m.Gold.Start
	}
	if m.Pred != nil {
		return m.Pred.Start
	}
	return 0
}

// compareSets orders set names as SetOrder, then others lexically.
func compareSets(a, b string) int {
	ia, ib := slices.Index(SetOrder, a), slices.Index(SetOrder, b)
	if ia < 0 {
		ia = len(SetOrder)
	}
	if ib < 0 {
		ib = len(SetOrder)
	}
	return cmp.Or(cmp.Compare(ia, ib), cmp.Compare(a, b))
}

// span is a byte range used by the matchers.
type span struct{ start, end int }

func overlap(a, b span) int { return max(0, min(a.end, b.end)-max(a.start, b.start)) }

// matchGreedy pairs gold and predicted spans one to one: among the pairs
// that ok accepts, those with the largest overlap are taken first (ties
// by gold then predicted position). It returns, for each gold span, the
// index of its predicted span or -1, and the same for each predicted span.
func matchGreedy(gold, pred []span, ok func(g, p int) bool) (g2p, p2g []int) {
	type cand struct{ g, p, ov int }
	var cands []cand
	for gi := range gold {
		for pi := range pred {
			if ok(gi, pi) {
				cands = append(cands, cand{gi, pi, overlap(gold[gi], pred[pi])})
			}
		}
	}
	slices.SortFunc(cands, func(a, b cand) int {
		return cmp.Or(cmp.Compare(b.ov, a.ov), cmp.Compare(a.g, b.g), cmp.Compare(a.p, b.p))
	})
	g2p, p2g = fill(len(gold)), fill(len(pred))
	for _, c := range cands {
		if g2p[c.g] < 0 && p2g[c.p] < 0 {
			g2p[c.g], p2g[c.p] = c.p, c.g
		}
	}
	return g2p, p2g
}

func fill(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = -1
	}
	return s
}

// matchOverlap pairs spans that overlap.
func matchOverlap(gold, pred []span) (g2p, p2g []int) {
	return matchGreedy(gold, pred, func(g, p int) bool { return overlap(gold[g], pred[p]) > 0 })
}

// matchQuotes pairs quote spans whose trimmed boundaries both lie within
// QuoteTolerance bytes of each other. The spans must already be trimmed.
func matchQuotes(gold, pred []span) (g2p, p2g []int) {
	return matchGreedy(gold, pred, func(g, p int) bool {
		return abs(gold[g].start-pred[p].start) <= QuoteTolerance && abs(gold[g].end-pred[p].end) <= QuoteTolerance
	})
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// count turns a matching into counts; pred entries with skipFP set are
// not counted as false positives when unmatched.
func count(g2p, p2g []int, skipFP func(p int) bool) PRF {
	var c PRF
	for _, p := range g2p {
		if p >= 0 {
			c.TP++
		} else {
			c.FN++
		}
	}
	for pi, g := range p2g {
		if g < 0 && (skipFP == nil || !skipFP(pi)) {
			c.FP++
		}
	}
	return c
}

// TrimQuote narrows [start, end) of text to the quoted words: leading
// spaces, quotation marks and dashes and trailing spaces, quotation marks,
// dashes and punctuation (.,;:!?…) are dropped. Gold and predicted quote
// spans are both trimmed before their boundaries are compared.
func TrimQuote(text string, start, end int) (int, int) {
	start, end = max(start, 0), min(end, len(text))
	for start < end {
		r, n := utf8.DecodeRuneInString(text[start:end])
		if !unicode.IsSpace(r) && !isMark(r) {
			break
		}
		start += n
	}
	for end > start {
		r, n := utf8.DecodeLastRuneInString(text[start:end])
		if !unicode.IsSpace(r) && !isMark(r) && !strings.ContainsRune(".,;:!?…", r) {
			break
		}
		end -= n
	}
	return start, end
}

// isMark reports whether r is a quotation mark or a dash.
func isMark(r rune) bool {
	return unicode.In(r, unicode.Pi, unicode.Pf, unicode.Pd) || strings.ContainsRune("\"'`‚„‟«»‹›", r)
}

// ScoreArticle scores one analysed document against its label and
// returns the counts (Articles = 1) and the mismatches, whose Set is left
// empty.
func ScoreArticle(l Label, doc *audit.Document) (Metrics, []Mismatch) {
	s := scorer{label: l, doc: doc, m: Metrics{Articles: 1}}
	s.quotes()
	s.figures()
	s.vague()
	return s.m, s.mis
}

type scorer struct {
	label Label
	doc   *audit.Document
	m     Metrics
	mis   []Mismatch
}

func (s *scorer) item(start, end int, detail string) *Item {
	text := s.doc.Text
	start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
	if start > end {
		start = end
	}
	t := text[start:end]
	return &Item{Start: start, End: end, H: ShortHash(t), Text: t, Detail: detail}
}

func (s *scorer) add(det, kind string, gold, pred *Item) {
	s.mis = append(s.mis, Mismatch{Article: s.label.Article, Corpus: s.label.IsCorpus(), Detector: det, Kind: kind, Gold: gold, Pred: pred})
}

func (s *scorer) goldQuote(q QuoteLabel) *Item {
	return s.item(q.Start, q.End, q.Kind+" · "+orNobody(q.Speaker))
}

func (s *scorer) predQuote(q audit.Quote) *Item {
	name := "nobody"
	if q.Speaker != nil {
		name = q.Speaker.Name
	}
	return s.item(q.Inner.Start, q.Inner.End, string(q.Kind)+" · "+name)
}

func orNobody(name string) string {
	if name == "" {
		return "nobody"
	}
	return name
}

func isDirect(kind string) bool { return kind == KindDirect || kind == KindDash }

// quotes scores quote spans, kinds, speakers and quote attribution.
func (s *scorer) quotes() {
	text := s.doc.Text
	gold := make([]span, len(s.label.Quotes))
	for i, q := range s.label.Quotes {
		gold[i].start, gold[i].end = TrimQuote(text, q.Start, q.End)
	}
	preds := s.doc.Quotes
	pred := make([]span, len(preds))
	for i, q := range preds {
		pred[i].start, pred[i].end = TrimQuote(text, q.Inner.Start, q.Inner.End)
	}

	// Direct and dash, then partial, each on its own.
	subset := func(keepGold func(QuoteLabel) bool, keepPred func(audit.Quote) bool) PRF {
		var gs, ps []span
		for i, q := range s.label.Quotes {
			if keepGold(q) {
				gs = append(gs, gold[i])
			}
		}
		for i, q := range preds {
			if keepPred(q) {
				ps = append(ps, pred[i])
			}
		}
		g2p, p2g := matchQuotes(gs, ps)
		return count(g2p, p2g, nil)
	}
	s.m.DirectQuotes = subset(func(q QuoteLabel) bool { return isDirect(q.Kind) },
		func(q audit.Quote) bool { return q.Kind == audit.QuoteDirect || q.Kind == audit.QuoteDash })
	s.m.PartialQuotes = subset(func(q QuoteLabel) bool { return q.Kind == KindPartial },
		func(q audit.Quote) bool { return q.Kind == audit.QuotePartial })

	// Any kind: the matching that speakers and attribution are scored on.
	g2p, p2g := matchQuotes(gold, pred)
	isScare := func(p int) bool { return preds[p].Kind == audit.QuoteScare }
	s.m.AnyQuotes = count(g2p, p2g, isScare)
	reg := rules.DefaultRegistry()
	for gi, pi := range g2p {
		gq := s.label.Quotes[gi]
		if pi < 0 {
			s.add(DetQuote, Missed, s.goldQuote(gq), nil)
			continue
		}
		pq := preds[pi]
		if !sameQuoteKind(gq.Kind, pq.Kind) {
			s.add(DetQuoteKind, Wrong, s.goldQuote(gq), s.predQuote(pq))
		}
		ok := SameSpeaker(gq.Speaker, pq.Speaker, reg)
		s.m.Speakers.record(ok)
		if gq.Speaker != "" {
			s.m.NamedSpeakers.record(ok)
		}
		if !ok {
			s.add(DetSpeaker, Wrong, s.goldQuote(gq), s.predQuote(pq))
		}
		attributed := pq.Speaker != nil
		if a, found := quoteAttribution(s.doc, pi); found {
			attributed = a != nil
		}
		right := attributed == (gq.Speaker != "")
		s.m.Attributed.record(right)
		if !right {
			s.add(DetAttribution, Wrong, s.goldQuote(gq), s.predQuote(pq))
		}
	}
	for pi, gi := range p2g {
		if gi < 0 && !isScare(pi) {
			s.add(DetQuote, Spurious, nil, s.predQuote(preds[pi]))
		}
	}
}

// sameQuoteKind reports whether a labelled and a predicted kind agree;
// direct and dash are told apart.
func sameQuoteKind(gold string, pred audit.QuoteKind) bool { return gold == string(pred) }

// quoteAttribution returns the attribution of the quote claim made for
// quote qi, and whether there is such a claim (partial quotes have none).
func quoteAttribution(doc *audit.Document, qi int) (*audit.Attribution, bool) {
	for _, c := range doc.Claims {
		if c.Kind == audit.ClaimQuote && c.Quote == qi {
			return c.Attribution, true
		}
	}
	return nil, false
}

// figures scores figure claims, their subkinds and attribution.
func (s *scorer) figures() {
	var claims []audit.Claim
	for _, c := range s.doc.Claims {
		if c.Kind == audit.ClaimFigure {
			claims = append(claims, c)
		}
	}
	gold := make([]span, len(s.label.Figures))
	for i, f := range s.label.Figures {
		gold[i] = span{f.Start, f.End}
	}
	pred := make([]span, len(claims))
	for i, c := range claims {
		pred[i] = span{c.Start, c.End}
	}
	g2p, p2g := matchOverlap(gold, pred)
	s.m.Figures = count(g2p, p2g, nil)
	goldItem := func(f FigureLabel) *Item {
		src := orNobody(f.Source)
		if f.Vague {
			src = "vague: " + src
		}
		return s.item(f.Start, f.End, f.Subkind+" · "+src)
	}
	predItem := func(c audit.Claim) *Item {
		src := "nobody"
		if c.Attribution != nil {
			src = c.Attribution.Source.Name
		}
		if c.Vague != nil {
			src += " (vague cue)"
		}
		return s.item(c.Start, c.End, c.Subkind+" · "+src)
	}
	for gi, pi := range g2p {
		f := s.label.Figures[gi]
		if pi < 0 {
			s.add(DetFigure, Missed, goldItem(f), nil)
			continue
		}
		c := claims[pi]
		sub := c.Subkind == f.Subkind
		s.m.FigureSubkinds.record(sub)
		if !sub {
			s.add(DetSubkind, Wrong, goldItem(f), predItem(c))
		}
		right := (c.Attribution != nil) == (f.Source != "" && !f.Vague)
		s.m.Attributed.record(right)
		if !right {
			s.add(DetAttribution, Wrong, goldItem(f), predItem(c))
		}
	}
	for pi, gi := range p2g {
		if gi < 0 {
			s.add(DetFigure, Spurious, nil, predItem(claims[pi]))
		}
	}
}

// vague scores vague attribution cues.
func (s *scorer) vague() {
	cues := s.doc.VagueCues
	gold := make([]span, len(s.label.Vague))
	for i, v := range s.label.Vague {
		gold[i] = span{v.Start, v.End}
	}
	pred := make([]span, len(cues))
	for i, c := range cues {
		pred[i] = span{c.Start, c.End}
	}
	g2p, p2g := matchOverlap(gold, pred)
	s.m.VagueCues = count(g2p, p2g, nil)
	for gi, pi := range g2p {
		if pi < 0 {
			s.add(DetVague, Missed, s.item(gold[gi].start, gold[gi].end, ""), nil)
		}
	}
	for pi, gi := range p2g {
		if gi < 0 {
			s.add(DetVague, Spurious, nil, s.item(pred[pi].start, pred[pi].end, ""))
		}
	}
}

// SameSpeaker reports whether a predicted speaker agrees with a labelled
// one. An empty label agrees only with no speaker. Otherwise the two agree
// when their names are equal after NormalizeName, when the words of one
// name contain the other's surname (its last word), or when the labelled
// name is an alias of the registry source the prediction names (reg may
// be nil to skip that test).
func SameSpeaker(gold string, pred *audit.SourceRef, reg *rules.Registry) bool {
	if gold == "" || pred == nil {
		return gold == "" && pred == nil
	}
	g, p := nameWords(gold), nameWords(pred.Name)
	if len(g) > 0 && len(p) > 0 {
		if slices.Equal(g, p) || slices.Contains(g, p[len(p)-1]) || slices.Contains(p, g[len(g)-1]) {
			return true
		}
	}
	if reg != nil && pred.ID != "" {
		for _, m := range reg.Match(gold) {
			if m.SourceID == pred.ID {
				return true
			}
		}
	}
	return false
}

// NormalizeName returns a name as SameSpeaker compares it: lower case,
// accents removed, punctuation and hyphens as spaces, and the words "the",
// "mr", "mrs", "ms", "dr" and "prof" dropped.
func NormalizeName(name string) string { return strings.Join(nameWords(name), " ") }

var nameStopWords = map[string]bool{"the": true, "mr": true, "mrs": true, "ms": true, "dr": true, "prof": true}

func nameWords(name string) []string {
	var b strings.Builder
	for _, r := range norm.NFD.String(name) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		case r == '\'' || r == '’':
			// "O'Brien" = "OBrien"
		default:
			b.WriteByte(' ')
		}
	}
	words := strings.Fields(b.String())
	return slices.DeleteFunc(words, func(w string) bool { return nameStopWords[w] })
}
