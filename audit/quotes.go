package audit

import (
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"math/bits"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/sourcecheck/sourcecheck/internal/swar"
)

// VerbForm is a set of inflections a word is of its reporting verb.
type VerbForm uint8

// The inflections of a reporting verb. A word may be several at once:
// "said" is both VerbPast and VerbParticiple.
const (
	VerbBase        VerbForm = 1 << iota // say
	VerbThirdPerson                      // says
	VerbPast                             // said
	VerbParticiple                       // said, written
	VerbGerund                           // saying
)

// ReportingCueKind classifies a reporting cue.
type ReportingCueKind string

// Kinds of reporting cue.
const (
	// CueVerb is a reporting verb: said, confides, warned.
	CueVerb ReportingCueKind = "verb"
	// CuePhrase is a phrase that names a source: according to, citing.
	CuePhrase ReportingCueKind = "phrase"
	// CueVague is an attribution to nobody in particular: reportedly,
	// sources say, is thought to.
	CueVague ReportingCueKind = "vague"
	// CueScare marks the writer's distance from a term: so-called.
	CueScare ReportingCueKind = "scare"
)

// ReportingCue is a reporting cue found in a text.
type ReportingCue struct {
	// Start and End are byte offsets of the cue in the text searched.
	Start int
	End   int
	Kind  ReportingCueKind
	// Lemma is the verb's base form for CueVerb, the lexicon entry for
	// the other kinds.
	Lemma string
	// Form is the verb's inflection; zero for non-verb cues.
	Form VerbForm
	// Loaded is true for verbs that carry the writer's judgement
	// (claimed, admitted, conceded, insisted).
	Loaded bool
}

// ReportingLexicon holds reporting verbs and attribution cues
// (lexicon/reporting.yaml). Load it with LoadLexicon; its lookups are
// case-insensitive and treat ’ as '.
type ReportingLexicon struct {
	Version int `yaml:"version"`
	// Verbs lists each verb as [base, 3rd person, past, participle, -ing,
	// variants...].
	Verbs [][]string `yaml:"verbs"`
	// LoadedLemmas lists the lemmas of loaded verbs.
	LoadedLemmas []string `yaml:"loaded"`
	// Phrases, Vague and Scare list multi-word cues of each kind.
	Phrases []string `yaml:"phrases"`
	Vague   []string `yaml:"vague"`
	Scare   []string `yaml:"scare"`
	// BaseAfter lists words after which a verb's base form is a verb.
	BaseAfter []string `yaml:"base_after"`
	// Pronouns lists third-person pronouns that stand for a source.
	Pronouns []string `yaml:"pronouns"`
	// Glued lists pronouns looked for glued to the previous word where a
	// closing quotation mark was lost; NotGlued lists real words that end
	// in one.
	Glued    []string `yaml:"glued"`
	NotGlued []string `yaml:"not_glued"`
	// OpeningPhrases lists phrase cues that, opening a paragraph ("According
	// to the SOHR, …"), credit the rest of the paragraph too.
	OpeningPhrases []string `yaml:"opening"`
	// Audiences lists words that, after "said to", name who was spoken to
	// ("said to reporters") rather than starting a vague cue.
	Audiences []string `yaml:"audiences"`
	// BaseVerbs lists lemmas whose base form is a verb also after a plural
	// noun or a name ("The Sunday Times and The Sunday Telegraph say",
	// "traders believe"), not only after a word of BaseAfter.
	BaseVerbs []string `yaml:"base_verbs"`

	verbs      map[string]verbEntry
	starts     map[string]cueStart // by the word a cue can start with
	startSet   wordFilter          // the keys of starts
	startTab   startTable          // starts, by key and filter bits (cueAt)
	lookahead  int                 // the words after a cue's first classify reads (see advance)
	baseAfter  map[string]bool
	pronouns   map[string]bool
	pronounSet wordFilter // the keys of pronouns
	glued      []string   // longest first
	gluedLast  byteSet    // the last bytes of glued
	notGlued   map[string]bool
	audiences  map[string]bool
	opening    map[string]bool
	baseVerbs  map[string]bool
}

type verbEntry struct {
	lemma  string
	form   VerbForm
	loaded bool
}

// cueStart is what a cue starting with a word can be: one of the
// multi-word cues beginning with it, longest first, or the reporting verb
// it is a form of. FindCues looks a word up once, in one map.
type cueStart struct {
	phrases []phraseCue
	verb    verbEntry
	isVerb  bool
}

type phraseCue struct {
	words []string
	kind  ReportingCueKind
	text  string
}

// verbSlots are the inflections of the first five entries of a verb.
var verbSlots = [...]VerbForm{VerbBase, VerbThirdPerson, VerbPast, VerbParticiple, VerbGerund}

func (l *ReportingLexicon) compile() error {
	var errs []error
	loaded := make(map[string]bool, len(l.LoadedLemmas))
	for _, w := range l.LoadedLemmas {
		loaded[lexKey(w)] = true
	}
	l.verbs = make(map[string]verbEntry, 5*len(l.Verbs))
	lemmas := make(map[string]bool, len(l.Verbs))
	for i, forms := range l.Verbs {
		if len(forms) < len(verbSlots) {
			errs = append(errs, fmt.Errorf("verbs[%d] %v: want [base, 3rd person, past, participle, -ing]", i, forms))
			continue
		}
		lemma := lexKey(forms[0])
		if lemmas[lemma] {
			errs = append(errs, fmt.Errorf("verbs[%d]: %q listed twice", i, lemma))
		}
		lemmas[lemma] = true
		for j, f := range forms {
			f = lexKey(f)
			if f == "" || strings.ContainsAny(f, " \t") {
				errs = append(errs, fmt.Errorf("verbs[%d]: bad form %q", i, forms[j]))
				continue
			}
			var form VerbForm
			switch {
			case j < len(verbSlots):
				form = verbSlots[j]
			case strings.HasSuffix(f, "ing"):
				form = VerbGerund
			default:
				form = VerbPast | VerbParticiple
			}
			e := l.verbs[f]
			if e.lemma != "" && e.lemma != lemma {
				// A form shared by two verbs keeps its first lemma.
				continue
			}
			l.verbs[f] = verbEntry{lemma: lemma, form: e.form | form, loaded: loaded[lemma]}
		}
	}
	for w := range loaded {
		if !lemmas[w] {
			errs = append(errs, fmt.Errorf("loaded: %q is not a listed verb", w))
		}
	}
	l.starts = make(map[string]cueStart, len(l.verbs))
	l.lookahead = max(1, thatWindow) // passive, governsClause; phrases below
	for f, e := range l.verbs {
		l.starts[f] = cueStart{verb: e, isVerb: true}
	}
	for _, set := range []struct {
		kind  ReportingCueKind
		items []string
	}{{CuePhrase, l.Phrases}, {CueVague, l.Vague}, {CueScare, l.Scare}} {
		for _, p := range set.items {
			words := strings.Fields(lexKey(p))
			if len(words) == 0 {
				errs = append(errs, fmt.Errorf("%s: empty cue", set.kind))
				continue
			}
			st := l.starts[words[0]]
			st.phrases = append(st.phrases, phraseCue{words: words, kind: set.kind, text: strings.Join(words, " ")})
			l.starts[words[0]] = st
			l.lookahead = max(l.lookahead, len(words)-1)
		}
	}
	for k, st := range l.starts {
		// Longest first, so "according to reports" beats "according to".
		slices.SortStableFunc(st.phrases, func(a, b phraseCue) int { return len(b.words) - len(a.words) })
		l.starts[k] = st
		l.startSet.add(k)
	}
	if len(l.starts) > maxCueStarts {
		errs = append(errs, fmt.Errorf("%d words start cues: at most %d can", len(l.starts), maxCueStarts))
	} else {
		l.startTab = newStartTable(l.starts, l.startOrder())
	}
	l.baseAfter = wordSet(l.BaseAfter)
	l.pronouns = wordSet(l.Pronouns)
	for w := range l.pronouns {
		l.pronounSet.add(w)
	}
	l.audiences = wordSet(l.Audiences)
	l.baseVerbs = wordSet(l.BaseVerbs)
	for w := range l.baseVerbs {
		if !lemmas[w] {
			errs = append(errs, fmt.Errorf("base_verbs: %q is not a listed verb", w))
		}
	}
	l.opening = make(map[string]bool, len(l.OpeningPhrases))
	for _, p := range l.OpeningPhrases {
		l.opening[strings.ToLower(strings.Join(strings.Fields(p), " "))] = true
	}
	l.notGlued = wordSet(l.NotGlued)
	l.glued = make([]string, 0, len(l.Glued))
	l.gluedLast = byteSet{}
	for _, g := range l.Glued {
		g = lexKey(g)
		l.glued = append(l.glued, g)
		if g == "" {
			// Every word ends in "": none is ruled out.
			for i := range l.gluedLast {
				l.gluedLast[i] = true
			}
			continue
		}
		l.gluedLast[g[len(g)-1]] = true
	}
	slices.SortStableFunc(l.glued, func(a, b string) int { return len(b) - len(a) })
	if len(l.verbs) == 0 {
		errs = append(errs, errors.New("no reporting verbs"))
	}
	return errors.Join(errs...)
}

// startOrder returns the keys of l.starts in the order the lexicon
// lists them: the first words of the cues of several words, common
// words ("it", "in", "according"), then the verbs' forms, the commonest
// first. Those put first keep their first slots of the cue starts'
// table (newStartTable), where most look-ups end.
func (l *ReportingLexicon) startOrder() []string {
	order := make([]string, 0, len(l.starts))
	seen := make(map[string]bool, len(l.starts))
	note := func(k string) {
		if _, ok := l.starts[k]; ok && !seen[k] {
			seen[k] = true
			order = append(order, k)
		}
	}
	for _, set := range [][]string{l.Phrases, l.Vague, l.Scare} {
		for _, p := range set {
			if words := strings.Fields(lexKey(p)); len(words) > 0 {
				note(words[0])
			}
		}
	}
	for _, forms := range l.Verbs {
		for _, f := range forms {
			note(lexKey(f))
		}
	}
	return order
}

// isLowerASCIIWord reports whether w is ASCII without upper-case letters
// or white space at its ends: its own lexKey.
func isLowerASCIIWord(w string) bool {
	if w == "" || w[0] <= ' ' || w[len(w)-1] <= ' ' {
		return w == ""
	}
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			return false
		}
	}
	return true
}

func wordSet(words []string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[lexKey(w)] = true
	}
	return m
}

// lexKey is the form a word is looked up by: lower case, ’ read as '.
func lexKey(w string) string {
	if isLowerASCIIWord(w) {
		return w // the common case, without allocating
	}
	w = strings.ToLower(strings.TrimSpace(w))
	if strings.Contains(w, "’") {
		w = strings.ReplaceAll(w, "’", "'")
	}
	return w
}

// Verb reports whether word is an inflection of a reporting verb and
// returns the verb's lemma: Verb("Confides") is "confide", true.
func (l *ReportingLexicon) Verb(word string) (lemma string, ok bool) {
	e, ok := l.verbs[lexKey(word)]
	return e.lemma, ok
}

// VerbForms is Verb that also returns which inflections word is.
func (l *ReportingLexicon) VerbForms(word string) (lemma string, forms VerbForm, ok bool) {
	e, ok := l.verbs[lexKey(word)]
	return e.lemma, e.form, ok
}

// Loaded reports whether word is an inflection of a loaded reporting verb
// (claimed, admitted, conceded, insisted).
func (l *ReportingLexicon) Loaded(word string) bool {
	return l.verbs[lexKey(word)].loaded
}

// Opening reports whether a phrase cue (its lemma, as FindCues gives it)
// credits a whole paragraph when the paragraph opens with it.
func (l *ReportingLexicon) Opening(phrase string) bool {
	return l.opening[strings.ToLower(strings.Join(strings.Fields(phrase), " "))]
}

// Audience reports whether word, after "said to", names an audience.
func (l *ReportingLexicon) Audience(word string) bool { return l.audiences[lexKey(word)] }

// Pronoun reports whether word is a third-person pronoun that can stand
// for a source in a speech tag (he, she, they, it).
// The analyzer asks it of every word: the filter answers for most.
func (l *ReportingLexicon) Pronoun(word string) bool {
	if isLowerASCIIWord(word) {
		return l.pronounSet.may(word) && l.pronouns[word] // its own key
	}
	// Other words ("He", a name the checks ask of) are lower-cased on
	// the stack rather than copied.
	return hasLexKey(l.pronouns, word)
}

// FindCues returns the reporting cues of text in order. Multi-word cues
// win over the single verbs they contain ("are said to have been" is one
// vague cue, not the verb "said"). A verb's base form counts only after a
// word of BaseAfter ("they say", not "a report"), and capitalised verbs
// other than at the start of text are taken for names (Said, Call).
func (l *ReportingLexicon) FindCues(text string) []ReportingCue {
	// The words of most sentences fit in buf, on the stack.
	var buf [64]qword
	return l.appendCues(nil, text, appendQWords(buf[:0], text, 0, len(text)))
}

// appendCues appends the reporting cues of text, whose words are toks, to
// out (see FindCues).
func (l *ReportingLexicon) appendCues(out []ReportingCue, text string, toks []qword) []ReportingCue {
	for i := 0; i < len(toks); {
		// Most words start no cue: the filter says so without a call.
		fa, fb := wordFilterBits(toks[i].key)
		if !l.startSet.has(fa, fb) {
			i++
			continue
		}
		c, n := l.cueAt(text, toks, i, fa, fb)
		if n == 0 {
			i++
			continue
		}
		out = append(out, c)
		i += n
	}
	return out
}

// cueAt matches a cue at toks[i], whose key's filter bits are fa and fb
// (wordFilterBits), and returns it with the number of words it covers (0
// for none). Its callers screen the word first by those bits (startSet,
// or the analyzer's cue screen), so it goes straight to the table.
func (l *ReportingLexicon) cueAt(text string, toks []qword, i int, fa, fb uint32) (ReportingCue, int) {
	st := l.startTab.find(toks[i].key, fa, fb)
	if st == nil {
		return ReportingCue{}, 0
	}
	for _, p := range st.phrases {
		if i+len(p.words) > len(toks) {
			continue
		}
		match := true
		for k := 1; k < len(p.words); k++ {
			if toks[i+k].key != p.words[k] {
				match = false
				break
			}
		}
		if match {
			last := toks[i+len(p.words)-1]
			return ReportingCue{Start: toks[i].start, End: last.end, Kind: p.kind, Lemma: p.text}, len(p.words)
		}
	}
	if !st.isVerb {
		return ReportingCue{}, 0
	}
	e := st.verb
	if i > 0 && startsUpper(text[toks[i].start:toks[i].end]) {
		return ReportingCue{}, 0
	}
	form := e.form
	if form == VerbBase && (i == 0 || !l.baseAfter[toks[i-1].key] && !l.pluralSubject(text, toks, i, e.lemma)) {
		return ReportingCue{}, 0
	}
	return ReportingCue{Start: toks[i].start, End: toks[i].end, Kind: CueVerb, Lemma: e.lemma, Form: form, Loaded: e.loaded}, 1
}

// startTable holds the cue starts of a lexicon (ReportingLexicon.starts)
// by key, for cueAt: the key's filter bits, which every caller has
// worked out to screen the word, pick its slot and tag it, so that a
// look-up costs no hash of the string, and one comparison of the key
// confirms it. Its slots, open addressed and probed in turn, are at
// most a third full: most look-ups read one.
type startTable struct {
	// slot holds, at the first free place from the first filter bit
	// of a key (fa), 1 + its index in entry (below startTag) and,
	// above, its second filter bit (fb*startTag); 0 marks an empty
	// slot.
	slot  []uint32
	entry []startEntry
	mask  uint32 // len(slot)-1, a power of two less one
}

// startTag is the unit of a startTable slot's tag: the filter bits
// are 13 bits, and the 19 below them index up to maxCueStarts entries.
const (
	startTag     = 1 << 19
	maxCueStarts = startTag - 1
)

// startEntry is a cue start in a startTable, with its key.
type startEntry struct {
	key string
	cueStart
}

// newStartTable returns the table of starts, filled in the order of
// their keys in order, which lists each once (then the others, sorted):
// a key put in early has its first slot free, and is found at once.
func newStartTable(starts map[string]cueStart, order []string) startTable {
	n := 8
	for n < 3*len(starts) {
		n *= 2
	}
	t := startTable{slot: make([]uint32, n), entry: make([]startEntry, 0, len(starts)), mask: uint32(n - 1)}
	rest := make(map[string]bool, len(starts))
	for k := range starts {
		rest[k] = true
	}
	for _, k := range order {
		delete(rest, k)
	}
	for _, k := range append(order, slices.Sorted(maps.Keys(rest))...) {
		fa, fb := wordFilterBits(k)
		t.entry = append(t.entry, startEntry{key: k, cueStart: starts[k]})
		h := fa
		for t.slot[h&t.mask] != 0 {
			h++
		}
		t.slot[h&t.mask] = uint32(len(t.entry)) | fb*startTag
	}
	return t
}

// find returns the cue start of key, whose filter bits are fa and fb
// (wordFilterBits(key)), or nil.
func (t *startTable) find(key string, fa, fb uint32) *cueStart {
	if len(t.slot) == 0 {
		return nil // a lexicon not compiled
	}
	for h := fa; ; h++ {
		s := t.slot[h&t.mask]
		if s == 0 {
			return nil
		}
		if s/startTag == fb {
			if en := &t.entry[s%startTag-1]; en.key == key {
				return &en.cueStart
			}
		}
	}
}

// pluralSubject reports whether the base form toks[i] of a verb of
// BaseVerbs follows, with a single space, what can be its plural subject:
// a capitalised name ("The Sunday Telegraph say") or a plural noun
// ("analysts say"), but not a determiner ("a say").
func (l *ReportingLexicon) pluralSubject(text string, toks []qword, i int, lemma string) bool {
	if !l.baseVerbs[lemma] || text[toks[i-1].end:toks[i].start] != " " {
		return false
	}
	p := toks[i-1].key
	if _, verb := l.verbs[p]; verb || strings.HasSuffix(p, "'s") || strings.HasSuffix(p, "ss") {
		return false // "Reports say": a rumour, not a subject
	}
	return startsUpper(text[toks[i-1].start:toks[i-1].end]) && i > 1 || strings.HasSuffix(p, "s") && len(p) > 3 || p == "people" || p == "police"
}

// qword is a word of a text: letters and digits, with inner hyphens and
// apostrophes. key is its lexicon key.
type qword struct {
	start, end int
	key        string
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return isASCIIAlnum(byte(r))
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// isASCIILetter reports whether b is an ASCII letter.
func isASCIILetter(b byte) bool { return 'a' <= b|0x20 && b|0x20 <= 'z' }

// isASCIIAlnum reports whether b is an ASCII letter or digit.
func isASCIIAlnum(b byte) bool {
	return 'a' <= b|0x20 && b|0x20 <= 'z' || '0' <= b && b <= '9'
}

// appendQWords appends the words of text[start:end] to toks.
//
// Keys of lower-case ASCII words are slices of text until an ASCII word
// with a capital is met; from it on, keys of ASCII words are slices of one
// lower-cased copy of the rest of the range, so a sentence costs at most
// one allocation for its keys however many capitalised words it has. Only
// words with other runes go through lexKey one by one.
func appendQWords(toks []qword, text string, start, end int) []qword {
	return appendQWordsLower(toks, text, "", start, end)
}

// appendQWordsLower is appendQWords with the keys of all ASCII words
// taken from lowerText, all of text with its ASCII letters lower-cased,
// when it is given: callers that tokenise many ranges of one text
// lower-case it once.
func appendQWordsLower(toks []qword, text, lowerText string, start, end int) []qword {
	// About one word in six bytes of prose: one allocation at most.
	toks = slices.Grow(toks, (end-start)/6+1)
	if lowerText != "" {
		return appendQWordsIn(toks, text[:end], lowerText[:end], start)
	}
	lower, lowerFrom := "", 0 // text[lowerFrom:end], ASCII letters lower-cased
	text = text[:end]
	i := start
	for i < end {
		ws, stop := i, i
		if c := text[i]; isASCIIAlnum(c) {
			stop = alnumRunEnd(text, i+1)
		} else if c < utf8.RuneSelf {
			i++ // the common case of a space or a punctuation mark
			continue
		} else if r, n := utf8.DecodeRuneInString(text[i:]); !isWordRune(r) {
			i += n
			continue
		}
		// The key is sliced once, from where it is kept.
		var key string
		var other bool
		i, other = qwordEnd(text, stop)
		switch {
		case other:
			key = lexKey(text[ws:i])
		case lower != "":
			key = lower[ws-lowerFrom : i-lowerFrom]
		case !isLowerASCIIWord(text[ws:i]): // ASCII capitals
			lower, lowerFrom = lowerASCII(text[ws:end]), ws
			key = lower[:i-ws]
		default:
			key = text[ws:i]
		}
		toks = append(toks, qword{start: ws, end: i, key: key})
	}
	return toks
}

// appendQWordsIn is appendQWordsLower with lower given, both text and
// lower ending where the words do: a word of ASCII letters and digits
// (most words) is found eight bytes a step, its key sliced from lower;
// qwordEnd takes the few that go on past them.
func appendQWordsIn(toks []qword, text, lower string, i int) []qword {
	for i < len(text) {
		c := text[i]
		if !isASCIIAlnum(c) {
			switch {
			case c < utf8.RuneSelf:
				i++ // a space or a punctuation mark
			case c == 0xE2 && i+2 < len(text) && text[i+1] == 0x80 && text[i+2]&0xC0 == 0x80:
				// U+2000 to U+203F: spaces, dashes, quotation marks
				// and other punctuation, no letter or digit.
				i += 3
			default:
				toks, i = appendOtherQWord(toks, text, lower, i)
			}
			continue
		}
		ws := i
		// alnumRunEnd(text, i+1), without the call.
		for i++; i+8 <= len(text); i += 8 {
			x := swar.Load(text, i)
			if stop := (^swarAlnum(x&^swar.High) | x) & swar.High; stop != 0 {
				i += bits.TrailingZeros64(stop) / 8
				goto stopped
			}
		}
		for i < len(text) && isASCIIAlnum(text[i]) {
			i++
		}
	stopped:
		if i < len(text) {
			if c := text[i]; c >= utf8.RuneSelf || c == '-' || c == '\'' {
				// A joiner or a rune past ASCII: the word may go on.
				w, other := qwordEnd(text, i)
				key := lower[ws:w]
				if other {
					key = lexKey(text[ws:w])
				}
				toks = append(toks, qword{start: ws, end: w, key: key})
				i = w
				continue
			}
		}
		toks = append(toks, qword{start: ws, end: i, key: lower[ws:i]})
		// text[i] is an ASCII byte that starts no word (a space, most
		// often), or i is past the end.
		i++
	}
	return toks
}

// appendOtherQWord appends to toks the word that the rune past ASCII at
// text[i] starts, if it is a letter or digit, and returns toks with the
// offset after the word (after the rune when it starts none):
// appendQWordsIn's step at a word of other scripts.
func appendOtherQWord(toks []qword, text, lower string, i int) ([]qword, int) {
	r, n := utf8.DecodeRuneInString(text[i:])
	if !isWordRune(r) {
		return toks, i + n
	}
	w, other := qwordEnd(text, i)
	key := lower[i:w]
	if other {
		key = lexKey(text[i:w])
	}
	return append(toks, qword{start: i, end: w, key: key}), w
}

// alnumRunEnd returns the end of the run of ASCII letters and digits
// from text[i]: eight bytes a step while eight are left (see
// structure_swar.go).
func alnumRunEnd(text string, i int) int {
	for ; i+8 <= len(text); i += 8 {
		x := swar.Load(text, i)
		// The high bit of each byte that is not an ASCII letter or
		// digit: bytes of 0x80 and above are tested without it, then
		// ruled out.
		if stop := (^swarAlnum(x&^swar.High) | x) & swar.High; stop != 0 {
			return i + bits.TrailingZeros64(stop)/8
		}
	}
	for i < len(text) && isASCIIAlnum(text[i]) {
		i++
	}
	return i
}

// qwordEnd returns the end of the word that goes on at text[i], after
// its ASCII letters and digits before i: runs of letters and digits of
// any script, joined by inner hyphens and apostrophes. other reports
// whether the word has a rune past ASCII (its key is then lexKey's).
func qwordEnd(text string, i int) (_ int, other bool) {
	for {
		i = alnumRunEnd(text, i)
		if i == len(text) {
			return i, other
		}
		// text[i] is not an ASCII letter or digit. Most words end at an
		// ASCII byte that cannot join them to a next.
		if c := text[i]; c < utf8.RuneSelf {
			if c != '-' && c != '\'' || i+1 == len(text) {
				return i, other
			}
			// A hyphen or an apostrophe joins the letter or digit
			// after it.
			if d := text[i+1]; isASCIIAlnum(d) {
				i++
				continue
			} else if d < utf8.RuneSelf {
				return i, other
			}
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		if isWordRune(r) {
			other = true
			i += n
			continue
		}
		if r == '-' || r == '\'' || r == '’' {
			if r2, _ := utf8.DecodeRuneInString(text[i+n:]); isWordRune(r2) {
				other = other || r == '’'
				i += n
				continue
			}
		}
		return i, other
	}
}

// isPlainQWord reports whether w has only ASCII letters, digits, hyphens
// and straight apostrophes.
func isPlainQWord(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; !isASCIIAlnum(c) && c != '-' && c != '\'' {
			return false
		}
	}
	return true
}

// lowerASCII returns s with its ASCII letters lower-cased, byte for byte.
func lowerASCII(s string) string {
	// Lower a chunk at a time into a stack buffer and append it whole,
	// eight bytes a step (see structure_swar.go): a capital's high bit
	// shifted right twice is the 0x20 that lower-cases it.
	var b strings.Builder
	b.Grow(len(s))
	var buf [512]byte
	for len(s) > 0 {
		n := min(len(s), len(buf))
		i := 0
		for ; i+16 <= n; i += 16 {
			x, y := swar.Load(s, i), swar.Load(s, i+8)
			b := buf[i : i+16]
			binary.LittleEndian.PutUint64(b, swarLower(x))
			binary.LittleEndian.PutUint64(b[8:], swarLower(y))
		}
		for ; i+8 <= n; i += 8 {
			x := swar.Load(s, i)
			binary.LittleEndian.PutUint64(buf[i:], swarLower(x))
		}
		for ; i < n; i++ {
			buf[i] = lowerByte[s[i]]
		}
		b.Write(buf[:n])
		s = s[n:]
	}
	return b.String()
}

// lowerByte maps each byte to itself with ASCII capitals lower-cased.
var lowerByte = func() (t [256]byte) {
	for i := range t {
		t[i] = byte(i)
		if 'A' <= i && i <= 'Z' {
			t[i] += 'a' - 'A'
		}
	}
	return t
}()

// startsUpper reports whether the first rune of s is upper case. An
// ASCII byte, the first of most words, is answered without decoding it
// or reading a table: only A to Z are upper case among them.
func startsUpper(s string) bool {
	if s != "" && s[0] < utf8.RuneSelf {
		return s[0]-'A' < 26
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// Quotation marks. A mark has a width (double or single) and a family;
// marks of one family pair with each other, and a closing mark of the
// right width closes whatever quote is open (“…» is a quote, mixed).
type markFamily uint8

const (
	famNone markFamily = iota
	famCurly
	famStraight
	famGuillemet
)

type openQuote struct {
	mark       rune
	start      int // view offset of the opening mark (of the text when tentative)
	innerStart int
	single     bool
	family     markFamily
	level      int
	continues  bool
	tentative  bool // opening mark lost: continues after a glued speech tag
	strong     bool // opening mark followed by a capital letter or digit
	reason     string
}

// foundQuote is a quote being built, with what classification needs.
type foundQuote struct {
	q      Quote
	clause bool // quoted text ends a clause (.,!?…;) or holds a sentence break
	tag    bool // a speech tag was glued to it (the closing mark was lost)
	dash   bool
}

// Classification windows, in words.
const (
	cueWindowBefore = 16 // a reporting verb this close before a quote owns it
	tagWindowAfter  = 10 // a speech tag this close after a quote owns it
	thatWindow      = 3  // a verb with "that" this close governs the clause
	tagScanBytes    = 400
)

// findQuotes finds the quotations of a document's view.
//
// Each block (paragraph) is scanned once, left to right, with a stack of
// open quotes. Decisions, all local to a mark and its neighbours:
//
//   - Direction. “ „ « ‹ ‘ open and ” » › ’ close; a straight " or ' opens
//     after a space, the start or an opening bracket and before a
//     non-space, and closes otherwise. ’ and ' between letters (it’s,
//     o’clock), before digits after a space (’90s), or after s with no
//     single quote open (residents’) or another candidate later in the
//     sentence (‘the residents’ anger’) are apostrophes. A straight "
//     doubled by a typo counts once. » and ” open when no quote is open
//     and a word follows (Danish »…«, Swedish ”…”).
//   - Pairing. A closing mark of the right width closes the innermost open
//     quote, whatever its family (“…» is a mixed pair). A single quote
//     left open inside a double one is dropped as an apostrophe.
//   - Nesting and restarts. An opening mark of another family nests (‘…’
//     in “…”, “…” in «…»). One of the same family after the end of a
//     sentence restarts the quote: its closing mark was lost (“We heard
//     an explosion… on us. “I saw… → two quotes, the second Continues);
//     elsewhere it nests.
//   - Paragraphs. No quote runs past the end of its block. A quote open at
//     the end of a block is Closed=false; if the next block begins with an
//     opening mark, that quote Continues (the convention for quotations of
//     several paragraphs).
//   - Lost closing marks. Inside an open quote, a word ending in a glued
//     pronoun followed by a reporting verb (“I can't realizehe confides.)
//     ends the quote before the pronoun; the text after the speech tag's
//     sentence, up to a closing mark, is a quote whose opening mark was
//     lost (Continues, Open ""). Without a closing mark it is narrative.
//   - Dash quotes. A block that begins with "– " or "— " is a quotation up
//     to a comma followed by a speech tag (", says …", ", he says") or to
//     the end of the block. Its Close is empty and Closed is true.
//
// Quote text excludes the marks, the spaces inside them and a trailing
// comma ("We are very pleased," → We are very pleased). The kind is
// decided afterwards from the quote and its sentence (see classify).
func findQuotes(view string, blocks []Block, sentences []Sentence, lex *Lexicon) []Quote {
	var lower string
	return findQuotesLower(view, &lower, blocks, sentences, lex)
}

// findQuotesLower is findQuotes sharing *lower, view with its ASCII
// letters lower-cased or "" to have it made when first needed, with its
// caller: Structure keeps it on the document for Analyze.
func findQuotesLower(view string, lower *string, blocks []Block, sentences []Sentence, lex *Lexicon) []Quote {
	f := quoteFinders.Get().(*quoteFinder)
	defer f.release()
	f.view, f.lower, f.lex = view, lower, &lex.Reporting
	for bi := range blocks {
		nextOpens := false
		if bi+1 < len(blocks) {
			nextOpens = f.startsWithOpening(blocks[bi+1].view)
		}
		f.block(bi, blocks[bi].view, nextOpens)
	}
	slices.SortFunc(f.out, func(a, b foundQuote) int {
		if a.q.view.Start != b.q.view.Start {
			return a.q.view.Start - b.q.view.Start
		}
		return b.q.view.End - a.q.view.End
	})
	f.classify(blocks, sentences)
	quotes := make([]Quote, len(f.out))
	for i := range f.out {
		quotes[i] = f.out[i].q
	}
	return quotes
}

// quoteFinders keeps finders between documents, so their buffers (quotes
// found, words of the sentences classified) grow once, not per document.
var quoteFinders = sync.Pool{New: func() any { return new(quoteFinder) }}

// release empties f, keeping its buffers without what they point to, and
// returns it to quoteFinders.
func (f *quoteFinder) release() {
	clear(f.out)
	clear(f.toks)
	clear(f.ctx.toks)
	*f = quoteFinder{out: f.out[:0], stack: f.stack[:0], toks: f.toks[:0], ctx: classifyCtx{toks: f.ctx.toks[:0]}, reasons: f.reasons}
	quoteFinders.Put(f)
}

// words appends the words of f.view[start:end] to toks, their keys
// slices of one lower-cased copy of the view made when first needed.
func (f *quoteFinder) words(toks []qword, start, end int) []qword {
	if f.lower == nil {
		f.lower = new(string) // a finder made without findQuotesLower
	}
	if *f.lower == "" {
		*f.lower = lowerASCII(f.view)
	}
	return appendQWordsLower(toks, f.view, *f.lower, start, end)
}

type quoteFinder struct {
	view  string
	lower *string // view with ASCII letters lower-cased, once needed (see words)
	lex   *ReportingLexicon
	out   []foundQuote
	stack []openQuote

	// contNext is set when the block just scanned ended inside a quote and
	// the next begins with an opening mark.
	contNext bool
	// contAt is where an opening mark starts a quote that Continues the
	// previous one, for contReason; -1 for nowhere.
	contAt     int
	contReason string
	// Cache of the last speech-tag sentence end found (see tagEnd).
	tagFrom, tagTo int
	toks           []qword
	ctx            classifyCtx
	// reasons caches the reasons classify gives, between documents.
	reasons map[reasonKey]string
}

// startsWithOpening reports whether the block's first non-space rune is an
// opening quotation mark.
func (f *quoteFinder) startsWithOpening(v Span) bool {
	for i := v.Start; i < v.End; {
		r, n := utf8.DecodeRuneInString(f.view[i:v.End])
		if isSpace(r) {
			i += n
			continue
		}
		switch r {
		case '“', '„', '«', '»', '"', '‘', '\'', '‹', '‚':
			return true
		}
		return false
	}
	return false
}

func isOpenContext(r rune) bool {
	if r == 0 || isSpace(r) {
		return true
	}
	switch r {
	case '(', '[', '{', '<', '—', '–', '“', '„', '«', '‘', '‚', '‹', '"', '\'':
		return true
	}
	return false
}

func isCloseContext(r rune) bool {
	if r == 0 || isSpace(r) {
		return true
	}
	switch r {
	case '.', ',', ';', ':', '!', '?', '…', ')', ']', '}', '—', '–', '-', '/', '”', '»', '’', '›', '"', '\'':
		return true
	}
	return false
}

func isSentenceEnd(r rune) bool {
	return r == '.' || r == '!' || r == '?' || r == '…'
}

// block scans one block for quotation marks.
func (f *quoteFinder) block(bi int, v Span, nextOpens bool) {
	text := f.view[:v.End]
	f.stack = f.stack[:0]
	f.contAt = -1

	first := v.Start
	for first < v.End {
		r, n := utf8.DecodeRuneInString(text[first:])
		if !isSpace(r) {
			break
		}
		first += n
	}
	dashEnd := -1
	dashIdx := -1
	if d := f.dashQuote(bi, v, first); d >= 0 {
		dashIdx = d
		dashEnd = f.out[d].q.view.End
	} else if f.contNext {
		f.contAt, f.contReason = first, "continues the quotation of the previous paragraph"
	}
	f.contNext = false

	// prev is the previous rune; prevNS the previous one that is neither a
	// space nor a closing mark or bracket (the . of “…pace.’ ”).
	var prev, prevNS rune
	wordStart := -1
	resumeAt, resumeOrigin := -1, ""
	resumeFamily, resumeSingle := famNone, false
	// r is the rune at i, of n bytes; next the one after it, of nn bytes
	// (0 at the end of the block), decoded once for both turns.
	r, n := utf8.DecodeRuneInString(text[v.Start:])
	for i := v.Start; i < v.End; {
		if len(f.stack) == 0 && i != resumeAt {
			// No quote is open: only a quotation mark can change that.
			lim := v.End
			if resumeAt > i {
				lim = resumeAt
			}
			if j, lastNS := skipPlain(text, i, lim); j > i {
				prev, _ = utf8.DecodeLastRuneInString(text[i:j])
				if lastNS > i {
					prevNS, _ = utf8.DecodeLastRuneInString(text[i:lastNS])
				}
				// A word being read matters only inside a quote, and a
				// quote opens only at a mark, which ends any word.
				wordStart = -1
				i = j
				if i >= v.End {
					break
				}
				r, n = utf8.DecodeRuneInString(text[i:])
			}
		}
		if r < utf8.RuneSelf && isASCIILetter(byte(r)) && i != resumeAt {
			// A run of ASCII letters, inside a quote: it only starts or
			// extends a word, and ends with prev and prevNS its last
			// letter. A resumption point ends it.
			lim := v.End
			if resumeAt > i {
				lim = resumeAt
			}
			j := letterRunEnd(text, i+1, lim)
			if wordStart < 0 {
				wordStart = i
			}
			prev = rune(text[j-1])
			prevNS = prev
			i = j
			// Most runs inside a quotation end at a space, which the
			// turn below would only pass, ending the word, unless a
			// glued speech tag ends there: it asks gluedTag after a
			// lower-case letter that may end a glued pronoun
			// (gluedLast) in a quote whose opening mark was not lost.
			// The spaces that end no tag are passed here; the turn
			// below takes a tag's.
			if i < v.End && text[i] == ' ' && i != resumeAt && len(f.stack) > 0 {
				tag := false
				if b2u(!f.stack[0].tentative)&b2u(prev >= 'a')&b2u(f.lex.gluedLast[prev]) != 0 {
					_, _, _, tag = f.gluedTag(text, wordStart, i, v.End)
				}
				if !tag {
					wordStart, prev = -1, ' '
					i++
				}
			}
			if i < v.End {
				r, n = utf8.DecodeRuneInString(text[i:])
			}
			continue
		}
		var next rune
		nn := 0
		if i+n < v.End {
			next, nn = utf8.DecodeRuneInString(text[i+n:])
		}

		// A continuation after a glued speech tag starts here unless a
		// mark reopens the quote explicitly.
		if i == resumeAt {
			resumeAt = -1
			if !isOpeningMark(r) {
				f.stack = append(f.stack, openQuote{
					start: i, innerStart: i, single: resumeSingle, family: resumeFamily,
					continues: true, tentative: true, strong: true,
					reason: "continues after the speech tag “" + resumeOrigin + "”; its opening mark was lost",
				})
			} else {
				f.contAt, f.contReason = i, "continues after the speech tag “"+resumeOrigin+"”"
			}
		}

		// Glued speech tag: “I can't realizehe confides.
		if unicode.IsLetter(r) {
			if wordStart < 0 {
				wordStart = i
			}
		} else {
			if r == ' ' && wordStart >= 0 && len(f.stack) > 0 && !f.stack[0].tentative && unicode.IsLower(prev) &&
				f.lex.gluedLast.hasLast(text[wordStart:i]) { // gluedTag's first screen, without the call
				if ps, ve, tag, ok := f.gluedTag(text, wordStart, i, v.End); ok {
					outer := f.stack[0]
					f.closeAll(bi, ps, "closing mark lost before the glued speech tag “"+tag+"”", true)
					if end := f.tagEnd(text, ve, v.End); end >= 0 {
						resumeAt, resumeOrigin = end, tag
						resumeFamily, resumeSingle = outer.family, outer.single
					}
				}
			}
			wordStart = -1
		}

		if isMarkRune(r) && !(r == '"' && next == '"') {
			f.mark(bi, text, i, n, r, prev, prevNS, next)
		}
		prev = r
		if !isSpace(r) && !isTrailingCloser(r) {
			prevNS = r
		}
		i += n
		r, n = next, nn
	}

	// End of block: whatever is open stops here.
	end := trimSpaceLeft(text, v.Start, v.End)
	if len(f.stack) > 0 && !f.stack[0].tentative && !f.stack[0].single && nextOpens {
		f.contNext = true
		f.closeAll(bi, end, "left open at the paragraph end; continues in the next paragraph", false)
	} else {
		f.closeAll(bi, end, "never closed before the paragraph end", false)
	}

	if dashIdx >= 0 {
		// Quotes inside a dash quote are nested in it.
		for k := dashIdx + 1; k < len(f.out); k++ {
			if f.out[k].q.view.Start < dashEnd {
				f.out[k].q.Level++
			}
		}
	}
}

// letterRunEnd returns the end of the run of ASCII letters from text[i],
// before lim: eight bytes a step, so that a word costs a branch or two
// rather than one a letter, mispredicted at its end.
func letterRunEnd(text string, i, lim int) int {
	for ; i+8 <= lim; i += 8 {
		if l := swarLetters(swar.Load(text, i)); l != swar.High {
			return i + bits.TrailingZeros64(^l&swar.High)/8
		}
	}
	for i < lim && isASCIILetter(text[i]) {
		i++
	}
	return i
}

// plainStop marks the bytes skipPlain stops at: the lead bytes of every
// quotation mark and every non-ASCII space: « » U+0085 U+00A0 (C2),
// U+1680 (E1), “ ” „ ‘ ’ ‚ ‹ › U+2000-U+205F (E2), U+3000 (E3).
var plainStop = func() (t [256]bool) {
	for _, c := range []byte{'"', '\'', 0xC2, 0xE1, 0xE2, 0xE3} {
		t[c] = true
	}
	return t
}()

// skipPlain returns the first byte at or after i, before lim, that may
// start a quotation mark (or lim), and the end of the last rune before it
// that is neither a space nor a trailing closer (i if none). A byte it
// stops at never continues a rune, and the runes it skips are none of the
// marks block looks for and no spaces but ASCII ones, so decoding the
// last rune before either offset gives the block's prev and prevNS.
func skipPlain(text string, i, lim int) (j, lastNS int) {
	j = i
	// Sixteen bytes a step: only a byte past ASCII or one that may be
	// a straight quotation mark (quoteLike) can stop the scan, and the
	// first of either is found without a branch on which half holds
	// it. Most steps hold none.
	for j+16 <= lim {
		x, y := swar.Load(text, j), swar.Load(text, j+8)
		mx, my := x&swar.High|quoteLike(x), y&swar.High|quoteLike(y)
		if mx|my == 0 {
			j += 16
			continue
		}
		a := bits.TrailingZeros64(mx) / 8 // 8 for none
		j += a + bits.TrailingZeros64(my)/8&-(a>>3)
		if plainStop[text[j]] {
			return skipPlainBlanks(text, i, j)
		}
		j++ // # or &, or a byte past ASCII that stops nothing
	}
	// Then eight at a time: when they are ASCII, only the straight
	// quotation marks among them stop the scan.
	for ; j+8 <= lim; j += 8 {
		x := swar.Load(text, j)
		if x&swar.High != 0 {
			break // the byte loop takes over
		}
		if stop := swar.Equal(x, '"') | swar.Equal(x, '\''); stop != 0 {
			return skipPlainBlanks(text, i, j+bits.TrailingZeros64(stop)/8)
		}
	}
	for j < lim && !plainStop[text[j]] {
		j++
	}
	return skipPlainBlanks(text, i, j)
}

// quoteLike returns, for eight bytes packed little-endian in x, a word
// that is not 0 when one of them may be a straight quotation mark: " (0x22)
// and ' (0x27) are the bytes that are 0x22 but for the bits 0x05, as
// are # and & (which plainStop then rules out). Its lowest bit set is
// the high bit of the first such byte; the bits above may be wrong (a
// borrow), and bytes past ASCII are none of them. One test of a zero
// byte, where testing each mark makes two.
func quoteLike(x uint64) uint64 {
	t := x&^(0x05*swar.Ones) ^ '"'*swar.Ones
	return (t - swar.Ones) &^ t & swar.High
}

// skipPlainBlanks returns j and the end of the last rune of text[i:j]
// that is neither a space nor a trailing closer (i if none), for
// skipPlain.
func skipPlainBlanks(text string, i, j int) (_, lastNS int) {
	// Back over the blanks the span ends with: never past its start, so
	// the scans of a block stay linear.
	lastNS = j
	for lastNS > i {
		switch text[lastNS-1] {
		case '\t', '\n', '\v', '\f', '\r', ' ', ')', ']':
			lastNS--
			continue
		}
		break
	}
	return j, lastNS
}

// isTrailingCloser reports whether r may follow the end of a sentence
// before the next one starts: a closing mark or bracket.
func isTrailingCloser(r rune) bool {
	switch r {
	case '”', '»', '›', '’', '"', '\'', ')', ']':
		return true
	}
	return false
}

func isMarkRune(r rune) bool {
	switch r {
	case '“', '”', '„', '"', '«', '»', '‘', '’', '‚', '\'', '‹', '›':
		return true
	}
	return false
}

func isOpeningMark(r rune) bool {
	switch r {
	case '“', '„', '«', '»', '"', '‘', '\'', '‹', '‚':
		return true
	}
	return false
}

// singleCloseCandidate reports whether the ’ or ' at i could close a
// single quote: after a non-space, before a space or punctuation.
func (f *quoteFinder) singleCloseCandidate(text string, blockStart, i, n int) bool {
	var prev rune
	if i > blockStart {
		prev, _ = utf8.DecodeLastRuneInString(text[blockStart:i])
	}
	next, _ := utf8.DecodeRuneInString(text[i+n:])
	if i+n >= len(text) {
		next = 0
	}
	return !isOpenContext(prev) && isCloseContext(next)
}

// mark handles the quotation mark r at i.
func (f *quoteFinder) mark(bi int, text string, i, n int, r, prev, prevNS, next rune) {
	var top *openQuote
	if k := len(f.stack); k > 0 {
		top = &f.stack[k-1]
	}
	openCtx, closeCtx := isOpenContext(prev), isCloseContext(next)
	topSingle := top != nil && top.single
	mark := text[i : i+n]

	if r == '’' || r == '\'' {
		cand := !openCtx && closeCtx
		switch {
		case isWordRune(prev) && unicode.IsLetter(next):
			return // it’s, o’clock
		case openCtx && unicode.IsDigit(next):
			return // ’90s
		case cand && topSingle:
			// ‘the residents’ anger’: a plural possessive when another
			// closing candidate follows in the sentence.
			if prev == 's' && f.laterCandidate(text, i, n) {
				return
			}
			f.close(bi, i, n, mark)
			return
		case r == '\'' && openCtx && !isSpace(next) && next != 0:
			f.open(bi, text, i, n, r, true, famStraight, prevNS, next)
		}
		return
	}

	switch r {
	case '‘', '‚':
		switch {
		case isWordRune(prev) && unicode.IsLetter(next):
			return
		case openCtx && unicode.IsDigit(next):
			return
		case topSingle && (top.mark == '‚' || (!openCtx && closeCtx)):
			f.close(bi, i, n, mark)
		case r == '‚' && !(openCtx && unicode.IsLetter(next)):
			return // a comma-like mark
		case !isSpace(next) && next != 0:
			f.open(bi, text, i, n, r, true, famCurly, prevNS, next)
		}
	case '‹':
		if topSingle && top.mark == '›' {
			f.close(bi, i, n, mark)
			return
		}
		f.open(bi, text, i, n, r, true, famGuillemet, prevNS, next)
	case '›':
		switch {
		case topSingle:
			f.close(bi, i, n, mark)
		case top == nil && openCtx && !isSpace(next) && next != 0:
			f.open(bi, text, i, n, r, true, famGuillemet, prevNS, next)
		}
	case '“':
		switch {
		case f.hasDouble() && f.innerDouble().mark == '„':
			f.close(bi, i, n, mark)
		case f.hasDouble() && !openCtx && closeCtx:
			f.close(bi, i, n, mark) // sloppy: “no“
		default:
			f.open(bi, text, i, n, r, false, famCurly, prevNS, next)
		}
	case '„':
		f.open(bi, text, i, n, r, false, famCurly, prevNS, next)
	case '”':
		switch {
		case f.hasDouble():
			f.close(bi, i, n, mark)
		case top == nil && openCtx && isWordRune(next):
			f.open(bi, text, i, n, r, false, famCurly, prevNS, next) // Swedish ”…”
		}
	case '«':
		if f.hasDouble() && f.innerDouble().mark == '»' {
			f.close(bi, i, n, mark)
			return
		}
		f.open(bi, text, i, n, r, false, famGuillemet, prevNS, next)
	case '»':
		switch {
		case f.hasDouble():
			f.close(bi, i, n, mark)
		case top == nil && openCtx && !isSpace(next) && next != 0:
			f.open(bi, text, i, n, r, false, famGuillemet, prevNS, next) // Danish »…«
		}
	case '"':
		if isMarkRune(next) {
			// "'Oh no…: read the context past the inner mark.
			if r2, n2 := utf8.DecodeRuneInString(text[i+n+utf8.RuneLen(next):]); n2 > 0 {
				closeCtx = isCloseContext(r2)
			}
		}
		switch {
		case openCtx && !closeCtx:
			f.open(bi, text, i, n, r, false, famStraight, prevNS, next)
		case f.hasDouble():
			f.close(bi, i, n, mark)
		case !openCtx && !closeCtx:
			f.open(bi, text, i, n, r, false, famStraight, prevNS, next)
		case openCtx && closeCtx && next != 0 && isSpace(next) && prev != 0:
			// A lone " between spaces with nothing open: opens sloppily
			// spaced text (said " We…).
			f.open(bi, text, i, n, r, false, famStraight, prevNS, next)
		}
	}
}

// laterCandidate reports whether another single closing candidate
// follows the one at i, of n bytes, in its sentence: the residents’ of
// ‘the residents’ anger’ is a possessive, that of ‘All Golds’ side closes
// the quote. The scan stops at the next candidate or sentence end, so the
// scans of successive candidates do not overlap.
func (f *quoteFinder) laterCandidate(text string, i, n int) bool {
	// text ends with the block; text[i:j] starts at a rune, so the
	// candidate test decodes the rune before j from there.
	for j := i + n; j < len(text); j++ {
		// Only ' . ! ? and the lead byte of ’ and … start the runes this
		// looks for, and none of them is ever inside another rune.
		switch text[j] {
		case '\'', '.', '!', '?', 0xE2:
		default:
			continue
		}
		r, rn := utf8.DecodeRuneInString(text[j:])
		switch {
		case (r == '’' || r == '\'') && f.singleCloseCandidate(text, i, j, rn):
			return true
		case isSentenceEnd(r) && j+rn < len(text) && isSpace(rune(text[j+rn])):
			return false
		}
		j += rn - 1
	}
	return false
}

// hasDouble reports whether a double quote is open (single quotes may be
// open inside it).
func (f *quoteFinder) hasDouble() bool {
	for k := len(f.stack) - 1; k >= 0; k-- {
		if !f.stack[k].single {
			return true
		}
	}
	return false
}

func (f *quoteFinder) innerDouble() *openQuote {
	for k := len(f.stack) - 1; k >= 0; k-- {
		if !f.stack[k].single {
			return &f.stack[k]
		}
	}
	return nil
}

// open pushes a quote opened by the mark at i.
func (f *quoteFinder) open(bi int, text string, i, n int, r rune, single bool, fam markFamily, prevNS, next rune) {
	q := openQuote{mark: r, start: i, innerStart: i + n, single: single, family: fam,
		strong: unicode.IsUpper(next) || unicode.IsDigit(next) || isSpace(next)}
	if i == f.contAt {
		q.continues = true
		q.reason = f.contReason
	}
	f.contAt = -1
	if k := len(f.stack); k > 0 {
		top := f.stack[k-1]
		switch {
		case top.tentative:
			// The text after the speech tag was narrative after all.
			f.stack = f.stack[:k-1]
		case top.single == single && top.family == fam && isSentenceEnd(prevNS):
			// Same family after a sentence end: the closing mark was lost
			// (a paragraph break flattened away, a typo).
			f.stack = f.stack[:k-1]
			f.unclosed(bi, top, trimSpaceLeft(text, top.innerStart, i), "closing mark lost: a new "+text[i:i+n]+" opens inside the quote", false)
			q.continues = true
			q.reason = "continues the previous quotation after its lost closing mark"
		}
	}
	q.level = len(f.stack)
	f.stack = append(f.stack, q)
}

// close closes the innermost open quote of the mark's width with the mark
// at i; single quotes left open inside a double one are dropped.
func (f *quoteFinder) close(bi, i, n int, mark string) {
	single := mark == "’" || mark == "'" || mark == "‘" || mark == "›" || mark == "‹"
	for len(f.stack) > 0 {
		k := len(f.stack) - 1
		top := f.stack[k]
		if top.single == single {
			f.stack = f.stack[:k]
			fd := f.finish(bi, top, i, i+n, mark, true)
			if top.mark != 0 && !sameFamily(top.mark, mark) {
				fd.q.Reason = joinReason(fd.q.Reason, "opened with "+string(top.mark)+" and closed with "+mark)
			}
			f.add(fd)
			return
		}
		// A single quote never closed inside the double one closing now.
		f.stack = f.stack[:k]
	}
}

func sameFamily(open rune, close string) bool {
	switch open {
	case '“', '„', '”':
		return close == "”" || close == "“"
	case '«', '»':
		return close == "»" || close == "«"
	case '"':
		return close == "\""
	case '‘', '‚', '’':
		return close == "’" || close == "‘"
	case '‹', '›':
		return close == "›" || close == "‹"
	case '\'':
		return close == "'"
	}
	return false
}

// closeAll ends every open quote at end without a closing mark. Open
// single quotes and continuations whose opening mark was lost are
// dropped: they were apostrophes or narrative.
func (f *quoteFinder) closeAll(bi, end int, reason string, tagged bool) {
	for k := len(f.stack) - 1; k >= 0; k-- {
		q := f.stack[k]
		if q.tentative || (q.single && (k > 0 || !q.strong)) {
			continue
		}
		f.unclosed(bi, q, end, reason, tagged)
	}
	f.stack = f.stack[:0]
}

// unclosed records q as ending at end without a closing mark.
func (f *quoteFinder) unclosed(bi int, q openQuote, end int, reason string, tagged bool) {
	if end < q.innerStart {
		end = q.innerStart
	}
	fd := f.finish(bi, q, end, end, "", false)
	fd.q.Reason = joinReason(fd.q.Reason, reason)
	fd.tag = tagged
	f.add(fd)
}

// add records a finished quote unless it quotes nothing.
func (f *quoteFinder) add(fd foundQuote) {
	if fd.q.inner.Len() > 0 {
		f.out = append(f.out, fd)
	}
}

// markText returns string(mark) for the mark at view offset i, as a slice
// of the view when the mark is written there, so it costs no allocation.
func (f *quoteFinder) markText(i int, mark rune) string {
	if i >= 0 && i < len(f.view) {
		if r, n := utf8.DecodeRuneInString(f.view[i:]); r == mark && r != utf8.RuneError {
			return f.view[i : i+n]
		}
	}
	return string(mark)
}

// finish builds the quote q ending with the closing mark at [cs, ce) (an
// empty range when it was never closed).
func (f *quoteFinder) finish(bi int, q openQuote, cs, ce int, mark string, closed bool) foundQuote {
	in := Span{trimSpaceRight(f.view, q.innerStart, cs), trimSpaceLeft(f.view, q.innerStart, cs)}
	if in.End < in.Start {
		in.End = in.Start
	}
	last, _ := utf8.DecodeLastRuneInString(f.view[in.Start:in.End])
	clause := strings.ContainsRune(".,!?…;", last) || strings.Contains(f.view[in.Start:in.End], ". ")
	if last == ',' {
		in.End = trimSpaceLeft(f.view, in.Start, in.End-1)
	}
	open := ""
	if q.mark != 0 {
		open = f.markText(q.start, q.mark)
	}
	fd := foundQuote{clause: clause}
	fd.q = Quote{
		Text: f.view[in.Start:in.End], Open: open, Close: mark, Closed: closed,
		Continues: q.continues, Level: q.level, Block: bi, Reason: q.reason,
		view: Span{q.start, ce}, inner: in,
	}
	return fd
}

func joinReason(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "; " + b
}

// trimSpaceLeft returns end moved left over spaces, not before start.
func trimSpaceLeft(text string, start, end int) int {
	for end > start {
		r, n := utf8.DecodeLastRuneInString(text[start:end])
		if !isSpace(r) {
			break
		}
		end -= n
	}
	return end
}

// trimSpaceRight returns start moved right over spaces, not past end.
func trimSpaceRight(text string, start, end int) int {
	for start < end {
		r, n := utf8.DecodeRuneInString(text[start:end])
		if !isSpace(r) {
			break
		}
		start += n
	}
	return start
}

// gluedTag reports whether the word text[ws:we] ends in a glued pronoun
// followed by a space and a finite reporting verb ("realizehe confides").
// It returns where the pronoun starts, where the verb ends and the tag.
func (f *quoteFinder) gluedTag(text string, ws, we, end int) (pronStart, verbEnd int, tag string, ok bool) {
	w := text[ws:we]
	if !f.lex.gluedLast.hasLast(w) {
		return 0, 0, "", false // most words: they end in no pronoun's last byte
	}
	if we+1 >= end || !unicode.IsLower(rune(text[we+1])) {
		return 0, 0, "", false // no verb after the space: see below
	}
	for _, p := range f.lex.glued {
		if !strings.HasSuffix(w, p) || utf8.RuneCountInString(w)-len(p) < 2 {
			continue
		}
		// Most words end in no pronoun: look them up only if they do.
		if f.lex.notGlued[w] {
			return 0, 0, "", false
		}
		vs, ve := we+1, we+1
		for ve < end {
			r, n := utf8.DecodeRuneInString(text[ve:end])
			if !unicode.IsLetter(r) {
				break
			}
			ve += n
		}
		verb := text[vs:ve]
		if verb == "" || !unicode.IsLower(rune(verb[0])) {
			return 0, 0, "", false
		}
		_, forms, isVerb := f.lex.VerbForms(verb)
		if !isVerb || forms&(VerbThirdPerson|VerbPast|VerbBase) == 0 || (forms&(VerbThirdPerson|VerbPast) == 0 && p != "they") {
			return 0, 0, "", false
		}
		return we - len(p), ve, p + " " + verb, true
	}
	return 0, 0, "", false
}

// tagEnd returns where the text after a speech tag ending at from resumes:
// past the end of the tag's sentence and the spaces after it; -1 if the
// block ends first. The last answer is cached, so repeated tags in one
// long sentence do not rescan it.
func (f *quoteFinder) tagEnd(text string, from, end int) int {
	if f.tagTo > from && f.tagFrom <= from {
		return f.tagTo
	}
	for i := from; i < end; {
		r, n := utf8.DecodeRuneInString(text[i:end])
		i += n
		if isSentenceEnd(r) {
			next, _ := utf8.DecodeRuneInString(text[i:end])
			if i < end && !isSpace(next) {
				continue
			}
			j := trimSpaceRight(text, i, end)
			if j >= end {
				return -1
			}
			f.tagFrom, f.tagTo = from, j
			return j
		}
		if isMarkRune(r) {
			// A quotation mark inside the tag: no lost opening mark.
			return -1
		}
	}
	return -1
}

// dashQuote records the dash quote of a block that begins with "– " or
// "— " and returns its index in f.out, or -1.
func (f *quoteFinder) dashQuote(bi int, v Span, first int) int {
	r, n := utf8.DecodeRuneInString(f.view[first:v.End])
	if r != '–' && r != '—' && r != '―' {
		return -1
	}
	sp, sn := utf8.DecodeRuneInString(f.view[first+n : v.End])
	if !isSpace(sp) || sp == '\n' {
		return -1
	}
	innerStart := trimSpaceRight(f.view, first+n+sn, v.End)
	if innerStart >= v.End {
		return -1
	}
	end := trimSpaceLeft(f.view, innerStart, v.End)
	reason := "dash quote runs to the paragraph end"
	for i := innerStart; i < v.End; i++ {
		if f.view[i] != ',' {
			continue
		}
		if tag, ok := f.dashTag(i+1, v.End); ok {
			end = trimSpaceLeft(f.view, innerStart, i)
			reason = "dash quote ended by the speech tag “, " + tag + "”"
			break
		}
	}
	if end <= innerStart {
		return -1
	}
	fd := foundQuote{dash: true}
	fd.q = Quote{
		Text: f.view[innerStart:end], Kind: QuoteDash, Open: string(r), Closed: true,
		Block: bi, Reason: reason, view: Span{first, end}, inner: Span{innerStart, end},
	}
	f.out = append(f.out, fd)
	return len(f.out) - 1
}

// dashTag reports whether the text at i (just after a comma) is a speech
// tag: a finite reporting verb within its first four words, before any
// end of sentence (", says the coalition", ", he says", ", Kremlin
// spokesman Dmitry Peskov says").
func (f *quoteFinder) dashTag(i, end int) (string, bool) {
	if end-i > tagScanBytes {
		end = i + tagScanBytes
	}
	f.toks = f.toks[:0]
	stop := i
	for stop < end {
		r, n := utf8.DecodeRuneInString(f.view[stop:end])
		if isSentenceEnd(r) || r == ';' || r == ':' || isMarkRune(r) {
			break
		}
		stop += n
	}
	f.toks = f.words(f.toks, i, stop)
	for k := 0; k < len(f.toks) && k < 4; k++ {
		t := f.toks[k]
		_, forms, ok := f.lex.VerbForms(t.key)
		if ok && forms&(VerbThirdPerson|VerbPast) != 0 && !startsUpper(f.view[t.start:t.end]) {
			return f.view[f.toks[0].start:t.end], true
		}
	}
	return "", false
}

// classify gives each quote that is not a dash quote its kind:
//
//   - direct: it continues a quotation; or stands alone in its paragraph
//     (a subheading “We are afraid”, a quoted paragraph); or starts with
//     a capital and either ends a clause inside its marks (“…pace,”) or
//     has a speech tag next to it (said: “…”, “…” she says,
//     “…realizehe confides); or, starting lower case, has six words or
//     more, holds or ends a clause and has a speech tag (“control the
//     city of Aleppo, … forces,” Rami Abdel Rahmane … told AFP).
//   - scare: a scare cue (so-called) stands right before it.
//   - partial: a phrase someone is quoted as saying: a speech tag is next
//     to it, or its sentence attributes it before the quote — a phrase or
//     vague cue (According to the SOHR, …), a reporting verb governing a
//     that-clause (announced that its air force had bombed “extremist”
//     groups), or a reporting verb at most 16 words before (promised … to
//     use “force”).
//   - scare: anything else, a term nobody is quoted as saying (the head of
//     the “government” proclaimed by the HTS; the “Deterrence of
//     Aggression” battles).
//
// A speech tag after a quote is a reporting verb or "according to" within
// ten words, before the end of the sentence; a verb in the passive
// (proclaimed by) or governing a that-clause of its own (affirmed Thursday
// that …) is not one. Sentence context comes from sentences, or from the
// block when it has none. Verbs inside earlier quotes of the sentence count
// as context too: a known imprecision.
func (f *quoteFinder) classify(blocks []Block, sentences []Sentence) {
	ctx := &f.ctx
	*ctx = classifyCtx{toks: ctx.toks[:0]}
	si := 0
	for k := 0; k < len(f.out); k++ {
		fd := &f.out[k]
		if fd.dash {
			continue
		}
		q := &fd.q
		bi := q.Block
		b := blocks[bi].view
		// The context: the sentence of the block holding the opening mark.
		for si < len(sentences) && (sentences[si].Block < bi || (sentences[si].Block == bi && sentences[si].view.End <= q.view.Start)) {
			si++
		}
		c := b
		if si < len(sentences) && sentences[si].Block == bi {
			c = sentences[si].view
		} else if si > 0 && sentences[si-1].Block == bi {
			c = sentences[si-1].view
		}
		if c != ctx.span {
			ctx.reset(f, c)
		}
		ctx.advance(f, q.view.Start)
		ctx.body = blocks[bi].Kind == BlockBody

		kind, why := f.kindOf(fd, b, ctx)
		q.Kind = kind
		q.Reason = f.reason(kind, why, q.Reason)
	}
}

// reasonKey is what a quote's reason is made of (see reason).
type reasonKey struct {
	kind QuoteKind
	why  quoteWhy
	prev string
}

// maxReasons bounds a finder's cache of reasons: reasons quote words of
// the text (a verb, a speech tag), so their number grows, slowly, with
// the text read.
const maxReasons = 4096

// reason returns joinReason(kind: why, prev), made once per finder for
// each distinct reason: the same few reasons recur across quotes and
// documents.
func (f *quoteFinder) reason(kind QuoteKind, why quoteWhy, prev string) string {
	k := reasonKey{kind, why, prev}
	if r, ok := f.reasons[k]; ok {
		return r
	}
	var r string
	if prev == "" {
		r = string(kind) + ": " + why[0] + why[1] + why[2] + why[3]
	} else {
		r = string(kind) + ": " + why[0] + why[1] + why[2] + why[3] + "; " + prev
	}
	if f.reasons == nil {
		f.reasons = make(map[reasonKey]string)
	} else if len(f.reasons) >= maxReasons {
		clear(f.reasons)
	}
	// The parts may be slices of the view: the key keeps copies, so that
	// the cache keeps no document's text.
	for i := range k.why {
		k.why[i] = strings.Clone(k.why[i])
	}
	k.prev = strings.Clone(k.prev)
	f.reasons[k] = r
	return r
}

// classifyCtx walks the words of one sentence once, remembering the
// attribution cues seen before the current quote. The words are made as
// the walk needs them (see more): the words after a sentence's last
// quotation are mostly never read.
type classifyCtx struct {
	span      Span
	toks      []qword
	tokEnd    int    // the words of span up to tokEnd are in toks
	next      int    // next word to read
	governing string // a cue that attributes the rest of the sentence
	verb      int    // index of the last reporting verb, -1 if none
	verbText  string
	scareEnd  int  // index just past the last scare cue, -1 if none
	body      bool // the quote is in body text
}

func (c *classifyCtx) reset(f *quoteFinder, span Span) {
	c.span, c.toks, c.tokEnd = span, c.toks[:0], span.Start
	c.next, c.governing, c.verb, c.verbText, c.scareEnd = 0, "", -1, "", -1
}

// more makes the words of the sentence until toks has word n, or all
// of them, or all that start before the view offset upto. It splits the
// sentence at plain spaces, which no word runs across, so the words are
// those of the whole sentence at once.
func (c *classifyCtx) more(f *quoteFinder, n, upto int) {
	for len(c.toks) <= n && c.tokEnd < c.span.End && c.tokEnd < upto {
		lim := min(c.tokEnd+64, upto) // a few words a step
		if lim >= c.span.End {
			lim = c.span.End
		} else if k := strings.IndexByte(f.view[lim:c.span.End], ' '); k >= 0 {
			lim += k
		} else {
			lim = c.span.End
		}
		c.toks = f.words(c.toks, c.tokEnd, lim)
		c.tokEnd = lim
	}
}

// advance reads the words that end before pos. It makes only the words
// that start before pos (and the few after a cue): a word after them
// ends after pos, and most quotations open their sentence.
func (c *classifyCtx) advance(f *quoteFinder, pos int) {
	for c.more(f, c.next, pos); c.next < len(c.toks) && c.toks[c.next].end <= pos; c.more(f, c.next, pos) {
		i := c.next
		fa, fb := wordFilterBits(c.toks[i].key)
		if !f.lex.startSet.has(fa, fb) {
			c.next++ // most words: no cue starts here
			continue
		}
		// The words after it that cueAt (the rest of the longest
		// phrase), passive (one) and governsClause (thatWindow) read.
		c.more(f, i+f.lex.lookahead, c.span.End)
		cue, n := f.lex.cueAt(f.view, c.toks, i, fa, fb)
		if n == 0 {
			c.next++
			continue
		}
		c.next += n
		switch cue.Kind {
		case CuePhrase, CueVague:
			if c.governing == "" {
				c.governing = f.view[cue.Start:cue.End]
			}
		case CueScare:
			c.scareEnd = c.next
		case CueVerb:
			if f.passive(c.toks, i) {
				continue
			}
			if c.governing == "" && f.governsClause(c.toks, i) {
				c.governing = f.view[cue.Start:cue.End]
				continue
			}
			c.verb, c.verbText = i, f.view[cue.Start:cue.End]
		}
	}
}

// passive reports whether the verb toks[i] is a participle followed by
// "by" (the “government” proclaimed by the HTS).
func (f *quoteFinder) passive(toks []qword, i int) bool {
	return i+1 < len(toks) && toks[i+1].key == "by" && f.lex.verbs[toks[i].key].form&VerbParticiple != 0
}

// governsClause reports whether the verb toks[i] introduces a clause of
// its own: "that" within three words with no punctuation between
// (announced that …, told the BBC that …), or a colon right after it.
func (f *quoteFinder) governsClause(toks []qword, i int) bool {
	for k := i + 1; k < len(toks) && k <= i+thatWindow; k++ {
		if gap := f.view[toks[k-1].end:toks[k].start]; strings.TrimSpace(gap) != "" {
			return strings.TrimSpace(gap) == ":" && k == i+1
		}
		if toks[k].key == "that" {
			return true
		}
	}
	return false
}

func (f *quoteFinder) kindOf(fd *foundQuote, block Span, ctx *classifyCtx) (QuoteKind, quoteWhy) {
	q := &fd.q
	if q.Continues {
		return QuoteDirect, quoteWhy{"continues a quotation"}
	}
	if ctx.scareEnd >= 0 && ctx.scareEnd == ctx.next {
		return QuoteScare, quoteWhy{"marked by “", f.view[ctx.toks[ctx.scareEnd-1].start:ctx.toks[ctx.scareEnd-1].end], "”"}
	}
	if q.Level == 0 && f.standalone(block, q.view) {
		return QuoteDirect, quoteWhy{"stands alone in its paragraph"}
	}
	// tagWhy describes the speech tag, in parts joined only once the
	// whole reason is known.
	tag, tagWhy := "", [3]string{}
	switch {
	case fd.tag:
		tag, tagWhy = "glued", [3]string{"a glued speech tag"}
	default:
		if t := f.tagBefore(block.Start, q.view.Start); t != "" {
			tag, tagWhy = t, [3]string{"the speech tag “", t, "” before it"}
		} else if t := f.tagAfter(q.view.End, block.End); t != "" {
			tag, tagWhy = t, [3]string{"the speech tag “", t, "” after it"}
		}
	}
	withTag := func(lead string) quoteWhy { return quoteWhy{lead, tagWhy[0], tagWhy[1], tagWhy[2]} }
	capital := startsCapital(q.Text)
	switch {
	case capital && fd.clause && tag != "":
		return QuoteDirect, withTag("a capitalised utterance ending a clause, with ")
	case capital && fd.clause:
		return QuoteDirect, quoteWhy{"a capitalised utterance ending a clause"}
	case capital && tag != "":
		return QuoteDirect, withTag("a capitalised utterance with ")
	case !capital && fd.clause && tag != "" && atLeastWords(q.Text, 6):
		return QuoteDirect, withTag("a quoted clause of six words or more with ")
	case tag != "":
		return QuotePartial, withTag("a phrase with ")
	case ctx.governing != "":
		return QuotePartial, quoteWhy{"its sentence is attributed by “", ctx.governing, "”"}
	case ctx.verb >= 0 && ctx.next-ctx.verb <= cueWindowBefore:
		return QuotePartial, quoteWhy{"the reporting verb “", ctx.verbText, "” precedes it"}
	case capital && ctx.body && q.Level == 0 && trimSpaceLeft(f.view, ctx.span.Start, q.view.Start) == ctx.span.Start && atLeastWords(q.Text, 6):
		// “Twenty-five members of … died in an explosion” Rami Abdel
		// Rahman … was quoted by AFP as saying (commas stripped).
		return QuoteDirect, quoteWhy{"a capitalised utterance of six words or more opening its sentence"}
	case ctx.next > 0 && firstPerson[ctx.toks[ctx.next-1].key] && ctx.toks[ctx.next-1].end+2 >= q.view.Start:
		// We “would like to get into it”: the speaker's own words lead in.
		return QuotePartial, quoteWhy{"a first-person pronoun of the speaker leads into it"}
	}
	return QuoteScare, quoteWhy{"no reporting cue attributes it"}
}

// quoteWhy is the reason for a quote's kind, in parts to concatenate:
// classify joins them with the kind and any earlier reason in one
// allocation.
type quoteWhy [4]string

// firstPerson are pronouns a writer uses only in the words of someone
// quoted: one right before a quotation leads into the speaker's words.
var firstPerson = map[string]bool{"i": true, "we": true, "me": true, "us": true, "my": true, "our": true}

// standalone reports whether only spaces and punctuation surround the
// quote in its block.
func (f *quoteFinder) standalone(block, qv Span) bool {
	if trimSpaceRight(f.view, block.Start, qv.Start) != qv.Start {
		return false
	}
	for i := qv.End; i < block.End; {
		r, n := utf8.DecodeRuneInString(f.view[i:block.End])
		if isMarkRune(r) || !(isSpace(r) || unicode.IsPunct(r)) {
			return false
		}
		i += n
	}
	return true
}

// tagBefore returns the speech tag right before a quote's opening mark at
// pos: a colon (… said: “), or a reporting verb with or without a comma
// (said, “ / said “).
func (f *quoteFinder) tagBefore(lo, pos int) string {
	j := trimSpaceLeft(f.view, lo, pos)
	if j == lo {
		return ""
	}
	switch f.view[j-1] {
	case ':':
		return ":"
	case ',':
		j = trimSpaceLeft(f.view, lo, j-1)
	}
	ws := j
	for ws > lo && ws > j-32 {
		r, n := utf8.DecodeLastRuneInString(f.view[lo:ws])
		if !unicode.IsLetter(r) {
			break
		}
		ws -= n
	}
	w := f.view[ws:j]
	if _, forms, ok := f.lex.VerbForms(w); ok && forms&^VerbBase != 0 && !startsUpper(w) {
		return w
	}
	return ""
}

// tagAfter returns the speech tag after a quote ending at pos, if any.
func (f *quoteFinder) tagAfter(pos, hi int) string {
	if hi-pos > tagScanBytes {
		hi = pos + tagScanBytes
	}
	stop := tagStop(f.view, pos, hi)
	f.toks = f.words(f.toks[:0], pos, stop)
	for k := 0; k < len(f.toks) && k < tagWindowAfter; k++ {
		t := f.toks[k]
		if startsUpper(f.view[t.start:t.end]) {
			continue
		}
		if k == 0 {
			// Inverted tags: “…,” say analysts.
			if _, forms, ok := f.lex.VerbForms(t.key); ok && forms&VerbGerund == 0 && !f.passive(f.toks, k) && !f.governsClause(f.toks, k) {
				return f.view[t.start:t.end]
			}
		}
		fa, fb := wordFilterBits(t.key)
		if !f.lex.startSet.has(fa, fb) {
			continue // most words: no cue starts here
		}
		cue, n := f.lex.cueAt(f.view, f.toks, k, fa, fb)
		if n == 0 {
			continue
		}
		switch cue.Kind {
		case CuePhrase:
			if cue.Lemma == "according to" || cue.Lemma == "quoted by" {
				return f.view[cue.Start:cue.End]
			}
		case CueVerb:
			if !f.passive(f.toks, k) && !f.governsClause(f.toks, k) {
				return f.view[cue.Start:cue.End]
			}
		}
	}
	return f.trailingTag(pos, stop)
}

// tagStop returns where the sentence of a speech tag from pos stops,
// before hi: at a sentence end, a semicolon, a colon or a quotation mark
// (hi when none comes first).
func tagStop(view string, pos, hi int) int {
	stop := pos
	for stop < hi {
		if stop = skipTagPlain(view, stop, hi); stop == hi {
			break
		}
		if c := view[stop]; c < utf8.RuneSelf {
			if isSentenceEnd(rune(c)) || c == ';' || c == ':' || c == '"' {
				break
			}
			stop++
			continue
		}
		r, n := utf8.DecodeRuneInString(view[stop:hi])
		if isSentenceEnd(r) || strings.ContainsRune("“„«”»", r) {
			break
		}
		stop += n
	}
	return stop
}

// skipTagPlain returns the first offset from i, before hi, of a byte
// that may end a speech tag's sentence for tagAfter: . ! ? ; : " or a byte
// past ASCII, eight bytes a step; once fewer than eight are left, i
// itself (hi when it is hi): tagAfter reads the rest byte by byte.
func skipTagPlain(view string, i, hi int) int {
	for ; i+8 <= hi; i += 8 {
		x := swar.Load(view, i)
		// Bytes past ASCII carry nothing into the bytes below them: the
		// lowest bit set is that of the first byte to stop at.
		m := x&swar.High | swar.Equal(x, '.') | swar.Equal(x, '!') | swar.Equal(x, '?') |
			swar.Equal(x, ';') | swar.Equal(x, ':') | swar.Equal(x, '"')
		if m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
	}
	return i
}

// trailingTag returns the speech tag that closes the sentence of a quote
// ending at pos, after its last comma, when the sentence ends at stop:
// “… "wanted to progress" during the UK's presidency …, said a
// spokesman.” A tag there credits the whole sentence. The clause after the
// comma has at most six words and its verb is no participle or passive.
func (f *quoteFinder) trailingTag(pos, stop int) string {
	if stop >= len(f.view) || !isSentenceEnd(rune(f.view[stop])) {
		return ""
	}
	comma := strings.LastIndexByte(f.view[pos:stop], ',')
	if comma < 0 {
		return ""
	}
	f.toks = f.words(f.toks[:0], pos+comma+1, stop)
	if len(f.toks) == 0 || len(f.toks) > 6 {
		return ""
	}
	for k, t := range f.toks {
		if startsUpper(f.view[t.start:t.end]) {
			continue
		}
		if _, forms, ok := f.lex.VerbForms(t.key); ok && forms&(VerbPast|VerbThirdPerson) != 0 && !f.passive(f.toks, k) && !f.governsClause(f.toks, k) {
			return f.view[t.start:t.end]
		}
	}
	return ""
}

// startsCapital reports whether the first letter of s, within its first
// few runes, is upper case ("[The", "...We").
func startsCapital(s string) bool {
	for i, r := range s {
		if i > 8 {
			break
		}
		if unicode.IsLetter(r) {
			return unicode.IsUpper(r)
		}
		if unicode.IsDigit(r) {
			return false
		}
	}
	return false
}

// atLeastWords reports whether s has n words or more, reading only as far
// as needed.
func atLeastWords(s string, n int) bool {
	in := false
	for _, r := range s {
		w := isWordRune(r)
		if w && !in {
			n--
			if n == 0 {
				return true
			}
		}
		in = w || (in && (r == '\'' || r == '’' || r == '-'))
	}
	return false
}
