package audit

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sourcecheck/sourcecheck/rules"
)

func init() {
	registerCheck(CheckKind{
		Name:    "figure-conflict",
		Summary: "flags figures for the same thing that disagree within an article (\"more than 370 killed\" and \"at least 311 dead\") when the text does not reconcile them",
		Params: `reconciling: phrases that acknowledge or explain a difference ("differs from", "put the toll at", "could not be independently verified", "a higher toll", "rose to")
window: how many sentences after each figure are searched for a reconciling phrase, besides the figure's own (default 1)
total_units: counted nouns that count everyone ("people", "dead"): two figures compare when their units are equal or both are listed here
classes: what a figure counts, by the words near it, as lists under a name ("dead: [killed, died]", "wounded: [injured]"); figures of different classes never compare
totals: phrases that mark a figure as a whole toll ("toll", "in total", "so far"); two figures credited to the same source compare only when both are totals
max_ratio: figures further apart than this factor count different things, a day's dead against the whole toll (default 2)
part_before, part_after: phrases right before or after a figure that make it a part of another ("other", "including"; "of the dead", "of them")
place_prepositions: words before a place name ("in Idlib", "near Homs"): figures whose sentences name places, none in common, count different events
Figures compare when they are of the same subkind (use scope.claims to choose, e.g. figure/casualty), in different sentences, and their values cannot be the same number once hedges and rounding are read: "more than 300" agrees with 311, "more than 370" does not.`,
		Claims: true,
		build:  newFigureConflict,
	})
}

// figureConflict reports a figure that contradicts an earlier one of the
// article: casualty tolls from two sources, or two tolls from one, that
// cannot both be right and that the text leaves unexplained. Breakdowns
// ("311 dead, 183 from HTS") stand in one sentence and count parts;
// partial counts ("five people on Sunday") are far from the toll; both are
// left alone.
type figureConflict struct {
	reconciling, totals phraseSet
	window              int
	totalUnits          map[string]bool
	classes             map[string]string // word → class
	maxRatio            float64
	partBefore          []string
	partAfter           []string
	// The most words of any partBefore and partAfter phrase, and the most
	// characters of any of their words.
	partBeforeWords, partBeforeRunes int
	partAfterWords, partAfterRunes   int
	placePreps                       map[string]bool
	// Filters of the keys of classes and placePreps: most words of a
	// sentence are in neither.
	classF, placePrepF *wordFilter
}

func newFigureConflict(r *rules.Rule) (Check, error) {
	p := struct {
		Reconciling []string            `yaml:"reconciling"`
		Window      int                 `yaml:"window"`
		TotalUnits  []string            `yaml:"total_units"`
		Classes     map[string][]string `yaml:"classes"`
		Totals      []string            `yaml:"totals"`
		MaxRatio    float64             `yaml:"max_ratio"`
		PartBefore  []string            `yaml:"part_before"`
		PartAfter   []string            `yaml:"part_after"`
		PlacePreps  []string            `yaml:"place_prepositions"`
	}{Window: 1, MaxRatio: 2}
	if err := r.Params.Decode(&p); err != nil {
		return nil, err
	}
	x := figureConflict{window: p.Window, totalUnits: wordSet(p.TotalUnits), classes: map[string]string{}, maxRatio: p.MaxRatio,
		partBefore: normPhrases(p.PartBefore), partAfter: normPhrases(p.PartAfter), placePreps: wordSet(p.PlacePreps)}
	x.partBeforeWords, x.partBeforeRunes = phraseShape(x.partBefore)
	x.partAfterWords, x.partAfterRunes = phraseShape(x.partAfter)
	var err error
	if x.reconciling, err = compilePhrases(r, "reconciling", p.Reconciling); err != nil {
		return nil, err
	}
	if len(p.Reconciling) == 0 {
		return nil, r.Errorf(r.Params.Pos("reconciling"), "figure-conflict needs reconciling: the phrases that acknowledge a difference between figures")
	}
	if x.totals, err = compilePhrases(r, "totals", p.Totals); err != nil {
		return nil, err
	}
	if p.Window < 0 {
		return nil, r.Errorf(r.Params.Pos("window"), "window must be 0 or more, not %d", p.Window)
	}
	if p.MaxRatio < 1 {
		return nil, r.Errorf(r.Params.Pos("max_ratio"), "max_ratio must be at least 1, not %g", p.MaxRatio)
	}
	for class, words := range p.Classes {
		for _, w := range words {
			k := lexKey(w)
			if prev, dup := x.classes[k]; dup && prev != class {
				return nil, r.Errorf(r.Params.Pos("classes"), "classes: %q is listed under both %s and %s", w, prev, class)
			}
			x.classes[k] = class
		}
	}
	classF, placePrepF := filterOf(x.classes), filterOf(x.placePreps)
	x.classF, x.placePrepF = &classF, &placePrepF
	return x, nil
}

// figure is a figure claim with what comparing it needs.
type figure struct {
	claim    int
	sentence int
	lo, hi   float64
	unit     string
	class    string
	source   string // source ID, "" when unattributed
	name     string // source name, for messages
	total    bool
	places   map[string]bool // places its sentence names
}

func (x figureConflict) Run(c *Context) {
	doc := c.Doc
	notNames := c.Lexicon.People.notNameKeys
	var figs []figure
	sent := conflictSentence{index: -1}
	c.Claims(func(i int, cl *Claim) {
		if cl.Kind != ClaimFigure || cl.Quantity == nil || cl.Sentence < 0 {
			return
		}
		f := figure{claim: i, sentence: cl.Sentence, unit: lexKey(cl.Quantity.Unit), name: "unattributed"}
		f.lo, f.hi = bounds(cl.Quantity)
		if a := cl.Attribution; a != nil {
			f.source, f.name = a.Source.ID, a.Source.Name
		}
		text := doc.Sentences[cl.Sentence].Text
		start, end := sentenceOffset(doc, cl.Sentence, cl.Start), sentenceOffset(doc, cl.Sentence, cl.End)
		if start < 0 || end > len(text) || start > end {
			return
		}
		if x.part(text, start, end) {
			return
		}
		toks := c.sentenceWords(cl.Sentence)
		// What a sentence says as a whole is worked out once for all its
		// figures: a sentence of many figures stays linear.
		if cl.Sentence != sent.index {
			sent = x.sentenceFacts(c, cl.Sentence, text, toks, notNames, sent.classToks)
		}
		f.class = x.classOf(f.unit, toks, sent.classToks, start, end)
		f.total = sent.total
		f.places = sent.places
		if f.unit == "" {
			if !f.total {
				return // "four in Idlib": what is counted is not said
			}
			f.unit = tollUnit // "the toll stood at 250"
		}
		if figs == nil {
			// Room for every figure claim from here on, at once: a
			// figure is large to copy as the slice grows.
			n := 0
			for k := i; k < len(doc.Claims); k++ {
				if doc.Claims[k].Kind == ClaimFigure {
					n++
				}
			}
			figs = make([]figure, 0, n)
		}
		figs = append(figs, f)
	})
	for j := range figs {
		b := &figs[j]
		for i := max(0, j-figureLookback); i < j; i++ {
			a := &figs[i]
			if !x.conflict(doc, a, b) {
				continue
			}
			ca, cb := &doc.Claims[a.claim], &doc.Claims[b.claim]
			c.ReportClaim(b.claim, MessageData{
				Match:  Excerpt(ca.Text),
				Detail: figureSummary(a.name, ca.Text) + "; " + figureSummary(b.name, cb.Text),
			})
			break
		}
	}
}

// conflict reports whether figures a and b, a first, count the same thing
// with values that cannot agree, and the text does not say so.
func (x figureConflict) conflict(doc *Document, a, b *figure) bool {
	ca, cb := &doc.Claims[a.claim], &doc.Claims[b.claim]
	switch {
	case ca.Subkind != cb.Subkind || a.sentence == b.sentence:
		return false
	case a.unit != b.unit && !(x.totalUnit(a.unit) && x.totalUnit(b.unit)):
		return false
	case a.class != "" && b.class != "" && a.class != b.class:
		return false
	case a.source == b.source && !(a.total && b.total):
		return false
	case !(a.total && b.total) && len(a.places) > 0 && len(b.places) > 0 && !overlaps(a.places, b.places):
		return false // "eight killed in Idlib", "four in Aleppo": two events
	}
	// Disjoint, but of one order of magnitude.
	lo, hi := a, b
	if b.lo < a.lo {
		lo, hi = b, a
	}
	if lo.hi >= hi.lo || lo.hi <= 0 || hi.lo/lo.hi > x.maxRatio {
		return false
	}
	return !x.reconciled(doc, a.sentence) && !x.reconciled(doc, b.sentence)
}

// reconciled reports whether sentence si or the window of sentences after
// it holds a reconciling phrase.
func (x figureConflict) reconciled(doc *Document, si int) bool {
	for k := si; k < len(doc.Sentences) && k <= si+x.window; k++ {
		if x.reconciling.has(doc.Sentences[k].Text) {
			return true
		}
	}
	return false
}

// figureLookback is how many earlier figures a figure is compared with,
// which keeps the check linear in long documents; tolls that far apart are
// not read side by side.
const figureLookback = 64

// tollUnit stands for the unit of a figure that a toll phrase qualifies
// and that names no counted noun: "the toll stood at 250".
const tollUnit = "(toll)"

// totalUnit reports whether a unit counts everyone.
func (x figureConflict) totalUnit(u string) bool { return u == tollUnit || x.totalUnits[u] }

// part reports whether the figure at [start, end) of a sentence counts a
// part of another: "at least 14 of the dead", "10 other civilians",
// "including 28 civilians".
func (x figureConflict) part(text string, start, end int) bool {
	// Only the words next to the figure can begin or end a phrase: the
	// longest phrase's worth of words on each side is normalised, not the
	// whole sentence again for every figure in it.
	before := collapse(lexKey(lastFields(text[:start], x.partBeforeWords, x.partBeforeRunes)))
	inside := collapse(lexKey(text[start:end]))
	after := collapse(lexKey(firstFields(text[end:], x.partAfterWords, x.partAfterRunes)))
	for _, p := range x.partBefore {
		if endsWords(before, p) || containsWords(inside, p) {
			return true
		}
	}
	for _, p := range x.partAfter {
		if startsWords(after, p) || containsWords(inside, p) {
			return true
		}
	}
	return false
}

// endsWords reports whether s, words joined by single spaces, ends in
// the words of p: whether " "+s ends with " "+p.
func endsWords(s, p string) bool {
	return strings.HasSuffix(s, p) && (len(s) == len(p) || s[len(s)-len(p)-1] == ' ')
}

// startsWords reports whether s, words joined by single spaces, starts
// with the words of p: whether s+" " starts with p+" ".
func startsWords(s, p string) bool {
	return strings.HasPrefix(s, p) && (len(s) == len(p) || s[len(p)] == ' ')
}

// containsWords reports whether s, words joined by single spaces, holds
// the words of p: whether " "+s+" " holds " "+p+" ".
func containsWords(s, p string) bool {
	for from := 0; from <= len(s); {
		i := strings.Index(s[from:], p)
		if i < 0 {
			return false
		}
		i += from
		if (i == 0 || s[i-1] == ' ') && (i+len(p) == len(s) || s[i+len(p)] == ' ') {
			return true
		}
		from = i + 1
	}
	return false
}

// conflictSentence is what figure-conflict reads from a sentence as a
// whole, shared by the figures in it.
type conflictSentence struct {
	index     int
	classToks []int           // indexes of the words that name a class
	total     bool            // a toll phrase ("the death toll")
	places    map[string]bool // the places it names
}

// sentenceFacts works out the conflictSentence of sentence si, whose
// text and words are given; its classToks reuse the memory of those of
// prev, the sentence before, which are no longer needed.
func (x figureConflict) sentenceFacts(c *Context, si int, text string, toks []qword, notNames map[string]bool, prev []int) conflictSentence {
	s := conflictSentence{index: si, total: x.totals.has(text), places: x.places(c, text, toks, notNames), classToks: prev[:0]}
	for i, t := range toks {
		if x.classF.may(t.key) && x.classes[t.key] != "" {
			s.classToks = append(s.classToks, i)
		}
	}
	return s
}

// lastFields returns the end of s that holds its last n space-separated
// fields (all of s when it has fewer). A field of more than maxRunes
// characters, longer than any phrase's words, ends the search: no phrase
// reaches over it, so what follows it is all that can match.
func lastFields(s string, n, maxRunes int) string {
	i := len(s)
	for ; n > 0; n-- {
		for i > 0 {
			r, size := utf8.DecodeLastRuneInString(s[:i])
			if !unicode.IsSpace(r) {
				break
			}
			i -= size
		}
		if i == 0 {
			return s
		}
		fieldEnd, runes := i, 0
		for i > 0 {
			r, size := utf8.DecodeLastRuneInString(s[:i])
			if unicode.IsSpace(r) {
				break
			}
			i -= size
			if runes++; runes > maxRunes {
				return s[fieldEnd:]
			}
		}
	}
	return s[i:]
}

// appendFields appends the fields of s, as strings.Fields splits it, to
// dst, no more than limit of them: with dst an array on the stack, the
// first few words of a text without allocating.
func appendFields(dst []string, s string, limit int) []string {
	if limit <= len(dst) {
		return dst
	}
	limit -= len(dst)
	start := -1 // where the field being read starts; -1 between fields
	for i := 0; i < len(s); {
		c, size, space := s[i], 1, false
		if c < utf8.RuneSelf {
			space = asciiSpace[c] != 0
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			space = unicode.IsSpace(r)
		}
		switch {
		case !space:
			if start < 0 {
				start = i
			}
		case start >= 0:
			dst = append(dst, s[start:i])
			if limit--; limit == 0 {
				return dst
			}
			start = -1
		}
		i += size
	}
	if start >= 0 {
		dst = append(dst, s[start:])
	}
	return dst
}

// firstFields returns the start of s that holds its first n
// space-separated fields (all of s when it has fewer), stopping before a
// field of more than maxRunes characters as lastFields does.
func firstFields(s string, n, maxRunes int) string {
	i := 0
	for ; n > 0; n-- {
		for i < len(s) {
			r, size := utf8.DecodeRuneInString(s[i:])
			if !unicode.IsSpace(r) {
				break
			}
			i += size
		}
		if i == len(s) {
			return s
		}
		fieldStart, runes := i, 0
		for i < len(s) {
			r, size := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				break
			}
			i += size
			if runes++; runes > maxRunes {
				return s[:fieldStart]
			}
		}
	}
	return s[:i]
}

// phraseShape returns the most space-separated fields of any of ps and
// the most characters of any of their fields.
func phraseShape(ps []string) (fields, runes int) {
	for _, p := range ps {
		fs := strings.Fields(p)
		fields = max(fields, len(fs))
		for _, f := range fs {
			runes = max(runes, utf8.RuneCountInString(f))
		}
	}
	return fields, runes
}

// places returns the places a sentence (text, whose words are toks) names
// after a place preposition ("in Idlib", "near the Syrian capital
// Damascus" is missed): capitalised words that are not function words,
// months or sources the registry knows; nil for none.
func (x figureConflict) places(c *Context, text string, toks []qword, notNames map[string]bool) map[string]bool {
	var out map[string]bool // made at the first place
	for k := 0; k+1 < len(toks); k++ {
		if !x.placePrepF.may(toks[k].key) || !x.placePreps[toks[k].key] {
			continue
		}
		j := k + 1
		if toks[j].key == "the" && j+1 < len(toks) {
			j++
		}
		w := text[toks[j].start:toks[j].end]
		if startsUpper(w) && !notNames[toks[j].key] && len(c.Registry.Match(w)) == 0 {
			if out == nil {
				out = map[string]bool{}
			}
			out[toks[j].key] = true
		}
	}
	return out
}

// overlaps reports whether two sets share a member.
func overlaps(a, b map[string]bool) bool {
	for k := range a {
		if b[k] {
			return true
		}
	}
	return false
}

// normPhrases returns phrases lower-cased with single spaces, dropping
// empty ones.
func normPhrases(ps []string) []string {
	var out []string
	for _, p := range ps {
		if p = strings.Join(strings.Fields(lexKey(p)), " "); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// classOf returns what a figure at [start, end) of a sentence whose words
// are toks counts: the class of its unit, else of the class word nearest
// to it in the sentence, preferring one after it (a word after the figure
// is likelier its verb, so distances before it count double). classToks
// are the indexes of toks that name a class, in order. Words are in order
// and do not overlap, so the nearest before the figure is the last class
// word ending by start and the nearest after it the first one that ends
// after start and is not inside the figure; a tie goes to the one before.
func (x figureConflict) classOf(unit string, toks []qword, classToks []int, start, end int) string {
	if cl := x.classes[unit]; cl != "" {
		return cl
	}
	// k is the first class word that ends after start.
	k, _ := slices.BinarySearchFunc(classToks, start, func(i, start int) int {
		if toks[i].end <= start {
			return -1
		}
		return 1
	})
	best, dist := "", math.MaxInt
	if k > 0 {
		t := toks[classToks[k-1]]
		best, dist = x.classes[t.key], 2*(start-t.end)
	}
	for _, i := range classToks[k:] {
		t := toks[i]
		if t.start >= start && t.end <= end {
			continue // inside the figure
		}
		if d := t.start - end; d < dist {
			best = x.classes[t.key]
		}
		break
	}
	return best
}

// bounds returns the range of values a stated quantity allows, reading a
// one-sided hedge against the number's rounding: "more than 370" is 370
// to 380, "more than 300" 300 to 400, "nearly 400" 300 to 400, "around
// 50" 40 to 60.
func bounds(q *Quantity) (lo, hi float64) {
	p := roundingUnit(q.Min)
	switch q.Approx {
	case "more than", "at least":
		return q.Min, q.Min + p
	case "nearly", "up to", "less than":
		return q.Min - p, q.Min
	case "around":
		return q.Min - p, q.Min + p
	}
	return q.Min, q.Max
}

// roundingUnit returns the power of ten a whole number is rounded to: 10
// for 370, 100 for 300, 1 for 311.
func roundingUnit(v float64) float64 {
	if v < 10 || v != math.Trunc(v) || v > 1e15 {
		return 1
	}
	p := 1.0
	for p*10 <= v && math.Mod(v, p*10) == 0 {
		p *= 10
	}
	return p
}

// figureSummary names a figure's source and text for messages.
func figureSummary(name, text string) string {
	return strings.TrimSpace(name) + ": " + Excerpt(text)
}
