package audit

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"math"
	"math/bits"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/sourcecheck/sourcecheck/internal/swar"
)

// Figure subkinds: what a figure counts.
const (
	// FigureCasualty counts the dead and wounded ("more than 370 people
	// ... killed", "half a million dead").
	FigureCasualty = "casualty"
	// FigureDisplacement counts people driven from their homes ("the
	// exodus of tens of thousands of civilians", "displaced millions").
	FigureDisplacement = "displacement"
	// FigureTerritory counts places and land ("around 70 localities",
	// "half the city", "10 km").
	FigureTerritory = "territory"
	// FigureMoney is an amount of money ("100,000 Syrian pounds", "$350
	// billion").
	FigureMoney = "money"
	// FigureOther is any other figure: people with no casualty or
	// displacement context, things, percentages.
	FigureOther = "other"
)

// Quantity is the value of a figure as the text states it.
//
// Min and Max bound the value. A single number has Min == Max; a range
// ("200-300", "between 200 and 300") and a vague quantifier ("dozens":
// 24-99, "tens of thousands": 10000-99999, see lexicon/figures.yaml) span
// an interval. A one-sided hedge ("more than 370", "up to €3,000") keeps
// Min == Max at the stated number and names the direction in Approx.
type Quantity struct {
	Min float64 `json:"min"`
	Max float64 `json:"max"`
	// Exact is true when the text states one value with no hedge or vague
	// word: "370 people", "half a million", "100,000 Syrian pounds".
	Exact bool `json:"exact"`
	// Approx names the hedge or vague quantifier: "more than", "at least",
	// "around", "nearly", "up to", "less than", "between", or the vague
	// word itself ("dozens", "tens of thousands", "several"). Empty for a
	// plain number or range.
	Approx string `json:"approx,omitempty"`
	// Unit is what is counted: an ISO currency code for money ("USD",
	// "SYP"), a unit of measure ("%", "km"), or the counted noun as the
	// lexicon lists it ("people", "localities", "dead"). Fractions of a
	// whole ("half the city") are in "%". Empty when nothing follows the
	// number ("four in Idlib").
	Unit string `json:"unit,omitempty"`
}

// FigureMatch is a figure found in a sentence.
type FigureMatch struct {
	// Start and End are byte offsets into the sentence text; Text is
	// sentence[Start:End]. The span runs from a hedge or currency symbol to
	// the counted noun or unit: "More than 370 people", "up to €3,000",
	// "dozens of cars and buses".
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	// Subkind is FigureCasualty, FigureDisplacement, FigureTerritory,
	// FigureMoney or FigureOther.
	Subkind string `json:"subkind"`
	// Quantity is the parsed value; nil when no finite value can be parsed
	// (a numeral too long for a float64).
	Quantity *Quantity `json:"quantity,omitempty"`
}

// FigureLexicon is the word lists FindFigures uses (lexicon/figures.yaml):
// number words, quantifiers, hedges, currencies, units, counted nouns,
// context cues, and the words that make a number a date, clock time, age,
// duration or label instead of a figure.
type FigureLexicon struct {
	Version int `yaml:"version"`
	// NumberWords maps cardinal words to values ("five": 5, "twenty": 20).
	NumberWords map[string]float64 `yaml:"number_words"`
	// ScaleWords scale a worded number ("hundred", "million", "dozen").
	ScaleWords map[string]float64 `yaml:"scale_words"`
	// Articles count as one before a scale word or fraction ("a dozen").
	Articles []string `yaml:"articles"`
	// Fractions are parts of a whole ("half": 0.5).
	Fractions map[string]float64 `yaml:"fractions"`
	// Multipliers follow a numeral ("12 mln", "1.2bn").
	Multipliers []FigureMultiplier `yaml:"multipliers"`
	// Vague lists quantity words used without a numeral ("dozens").
	Vague []FigureVague `yaml:"vague"`
	// Approximators are hedges before a number ("more than", "at least").
	Approximators []FigureApprox `yaml:"approximators"`
	// Ranges are the words that join two numbers into a range.
	Ranges FigureRanges `yaml:"ranges"`
	// Currencies are the currency symbols and words, by ISO code.
	Currencies []FigureCurrency `yaml:"currencies"`
	// Units are units of measure, percent among them.
	Units []FigureUnit `yaml:"units"`
	// Nouns are counted nouns by class.
	Nouns FigureNouns `yaml:"nouns"`
	// Cues are words near a figure that give it its subkind.
	Cues FigureCues `yaml:"cues"`
	// CueWindow is how many words either side of a figure are searched for
	// a cue.
	CueWindow int `yaml:"cue_window"`
	// InheritWindow is how many words after a casualty or displacement
	// figure a figure of people with no cue of its own takes its subkind.
	InheritWindow int `yaml:"inherit_window"`
	// Grammar holds function words FindFigures reads phrases with.
	Grammar FigureGrammar `yaml:"grammar"`
	// NotFigures holds the words that make a number something else.
	NotFigures FigureNotFigures `yaml:"not_figures"`

	c *figCompiled
}

// FigureMultiplier is a multiplier after a numeral.
type FigureMultiplier struct {
	Value float64  `yaml:"value"`
	Words []string `yaml:"words"`
	// Ambiguous multipliers ("m": million or metres) count only with a
	// currency or a counted noun.
	Ambiguous bool `yaml:"ambiguous"`
}

// FigureVague is a quantity word used without a numeral.
type FigureVague struct {
	// Phrases are the spellings; the first is reported as Quantity.Approx.
	Phrases []string `yaml:"phrases"`
	Min     float64  `yaml:"min"`
	Max     float64  `yaml:"max"`
	// Weak quantifiers ("several", "a few") name no order of magnitude:
	// they are read so that nothing else starts inside them, and are never
	// figures.
	Weak bool `yaml:"weak"`
	// NeedsNoun asks for a counted noun after the word.
	NeedsNoun bool `yaml:"needs_noun"`
}

// FigureApprox is a hedge and its spellings.
type FigureApprox struct {
	Approx  string   `yaml:"approx"`
	Phrases []string `yaml:"phrases"`
}

// FigureRanges are the words that make a range of two numbers.
type FigureRanges struct {
	Openers       []string `yaml:"openers"`
	Joiners       []string `yaml:"joiners"`
	OpenerJoiners []string `yaml:"opener_joiners"`
}

// FigureCurrency is a currency: symbols before an amount, words after it.
type FigureCurrency struct {
	Code    string   `yaml:"code"`
	Symbols []string `yaml:"symbols"`
	Words   []string `yaml:"words"`
	// Glued are suffixes glued onto the amount ("300p").
	Glued []string `yaml:"glued"`
	// Scale converts a subunit into the currency (0.01 for cents); 0
	// means 1.
	Scale float64 `yaml:"scale"`
}

// FigureUnit is a unit of measure and the subkind of figures in it.
type FigureUnit struct {
	Unit    string   `yaml:"unit"`
	Subkind string   `yaml:"subkind"`
	Words   []string `yaml:"words"`
	// Distance units locate a place when a locator follows ("12 km east
	// of", "15 km from"); such a distance is not a figure.
	Distance bool `yaml:"distance"`
	// Digits units count the digits of an amount: "a seven-figure sum" is
	// 1,000,000 to 9,999,999 of the subkind's kind.
	Digits bool `yaml:"digits"`
}

// FigureNouns are counted nouns by class.
type FigureNouns struct {
	Casualty     []string `yaml:"casualty"`
	Displacement []string `yaml:"displacement"`
	Territory    []string `yaml:"territory"`
	People       []string `yaml:"people"`
	Things       []string `yaml:"things"`
}

// FigureCues are context words for casualty and displacement figures.
type FigureCues struct {
	Casualty     []string `yaml:"casualty"`
	Displacement []string `yaml:"displacement"`
}

// FigureGrammar holds the function words of figure phrases.
type FigureGrammar struct {
	Partitive     []string `yaml:"partitive"`
	Determiners   []string `yaml:"determiners"`
	Coordinators  []string `yaml:"coordinators"`
	FunctionWords []string `yaml:"function_words"`
	NotNouns      []string `yaml:"not_nouns"`
	SentenceEnds  []string `yaml:"sentence_ends"`
	Openers       []string `yaml:"openers"`
	// PartitivePronouns stand between "of" and a noun in an apposition
	// ("86, 30 of them children").
	PartitivePronouns []string `yaml:"partitive_pronouns"`
	// ChangeVerbs report the level a quantity reaches: a bare number they
	// lead to ("has risen to 86", "have reached 440", "up by 20% to
	// 260,000") is a figure.
	ChangeVerbs []string `yaml:"change_verbs"`
	// ChangeLinks join a change verb to the level ("to", "at").
	ChangeLinks []string `yaml:"change_links"`
	// Anaphoric determiners before a worded number of people refer back
	// to people already named ("the two men"): not a count.
	Anaphoric []string `yaml:"anaphoric"`
}

// FigureNotFigures holds the words that make a number a date, clock time,
// age, duration, label or phone number.
type FigureNotFigures struct {
	Durations       []string    `yaml:"durations"`
	Clock           []string    `yaml:"clock"`
	Months          []string    `yaml:"months"`
	Years           FigureYears `yaml:"years"`
	AgeWords        []string    `yaml:"age_words"`
	AgeVerbs        []string    `yaml:"age_verbs"`
	Multiplicative  []string    `yaml:"multiplicative"`
	Copulas         []string    `yaml:"copulas"`
	Ratio           []string    `yaml:"ratio"`
	Labels          []string    `yaml:"labels"`
	Kin             []string    `yaml:"kin"`
	Phone           []string    `yaml:"phone"`
	OrdinalSuffixes []string    `yaml:"ordinal_suffixes"`
	DecadeSuffixes  []string    `yaml:"decade_suffixes"`
	// Locators after a distance make it a location ("east", "from").
	Locators []string `yaml:"locators"`
}

// FigureYears is the range of four-digit numbers read as years.
type FigureYears struct {
	Min int `yaml:"min"`
	Max int `yaml:"max"`
}

// Word flags of the compiled lexicon.
const (
	figFArticle uint32 = 1 << iota
	figFPartitive
	figFDeterminer
	figFCoordinator
	figFFunction
	figFNotNoun
	figFSentenceEnd
	figFOpener
	figFAge
	figFLabel
	figFKin
	figFPhone
	figFOrdinal
	figFDecade
	figFCueCasualty
	figFCueDisplacement
	figFRangeOpener
	figFRangeJoiner
	figFOpenerJoiner
	figFMultiplicative
	figFAgeVerb
	figFCopula
	figFRatio
	figFPartPronoun
	figFChangeVerb
	figFChangeLink
	figFLocator
	figFAnaphoric
	// figFStart, set by compile rather than listed, marks the words that
	// can begin a figure: the first words of hedges, currency symbols and
	// vague quantities, range openers, articles, number words and
	// fractions. Every other word and mark starts nothing. figTokenize
	// sets it on every numeral too: the parser finds the tokens that can
	// begin a figure by this one flag.
	figFStart
	// figFValue, set by compile, marks the words without which no
	// worded value can be read (figParser.value): number, scale and
	// fraction words and the last word of each vague quantity that can
	// be a figure. A sentence with none of them and no numeral has no
	// figure (figCompiled.mayHold).
	figFValue
	// figFValStart, set by compile and by figTokenize on every numeral,
	// marks the tokens at which figParser.value can read a value: numerals,
	// number words, fractions and the first words of vague quantities
	// (but for an article's: see figFArtValue). value reads nothing at any
	// other token but an article before a figFArtValue word.
	figFValStart
	// figFArtValue, set by compile, marks the words after which an article
	// begins a value: fractions ("a third of"), scale words ("a dozen")
	// and the second words of vague quantities an article begins ("a
	// few").
	figFArtValue
)

// Noun classes.
const (
	figNounNone = iota
	figNounCasualty
	figNounDisplacement
	figNounTerritory
	figNounPeople
	figNounThing
	figNounGeneric // an unlisted plural after a numeral ("350 stores")
)

// figCompiled is what compile builds from the YAML.
type figCompiled struct {
	// vocab numbers every folded word and punctuation mark the lexicon
	// names; words holds what the lexicon says of each, by number. Number
	// 0 is every other token, so that a token is looked up once, when it
	// is read, and every later question about it is an index. table is
	// vocab as the lookup every token takes reads it.
	vocab map[string]int32
	table figVocab
	// ascii is the vocabulary number of each one-byte ASCII token, as
	// table gives it: a punctuation mark is looked up here.
	ascii [utf8.RuneSelf]int32
	words []figWord
	keys  []string // the folded word of each number

	approx      figPhrases // id: index into approxNames
	approxNames []string
	vague       figPhrases // id: index into FigureLexicon.Vague
	mult        figPhrases // id: index into Multipliers
	curBefore   figPhrases // id: index into Currencies
	curAfter    figPhrases
	curGlued    map[string]int // suffix: index into Currencies
	units       figPhrases     // id: index into Units
	nouns       figPhrases     // id: index into nounList
	nounList    []figNoun
	durations   figPhrases
	clock       figPhrases
	months      figPhrases

	// screen is the automaton mayHold runs over a sentence's bytes.
	// prefilter is false when a figFValue word is not all ASCII letters,
	// which the screen cannot see, or the screen would be too large;
	// mayHold then passes every sentence.
	screen    figScreen
	prefilter bool

	// named holds the vocabulary numbers of the marks and words the
	// parser asks for by name (figParser.keyIs).
	named figNamed

	// reach is how many tokens after a token that begins a figure the
	// value can start: the longest hedge and the longest currency symbol
	// before it (figParser.at). A start with no value start (figFValStart,
	// or an article before a figFArtValue word) within reach begins
	// nothing.
	reach int
}

// figNamed holds the vocabulary number of each mark and word the parser
// asks for by name: the marks are always in the vocabulary, a word is 0
// when the lexicon does not name it.
type figNamed struct {
	hyphen, dot, comma, openParen, closeParen int32
	at, from                                  int32
}

// figWord is what the lexicon says of one folded word: its flags and its
// value as a number word, scale word and fraction (0 when it is none).
type figWord struct {
	flags  uint32
	number float64
	scale  float64
	frac   float64
}

// intern returns the vocabulary number of the folded word w, adding it.
func (c *figCompiled) intern(w string) int32 {
	if id, ok := c.vocab[w]; ok {
		return id
	}
	id := int32(len(c.words))
	c.vocab[w] = id
	c.words = append(c.words, figWord{})
	c.keys = append(c.keys, w)
	return id
}

// figVocab is an open-addressing hash table from folded word to
// vocabulary number: the one lookup every token takes costs less than a
// map lookup, and a word with capitals is looked up without folding it.
type figVocab struct {
	// slots hold each word's number and flags with its key packed: the
	// probe appendASCIITokens makes of most words reads one slot, one
	// cache line, and nothing else. An empty slot has number 0.
	slots []figSlot
	// hashes and keys are the figHash and folded word of each slot:
	// lookupHashed compares them.
	hashes []uint32
	keys   []string
	mask   uint32
}

// figSlot is a slot of figVocab.
type figSlot struct {
	// short is the key of up to seven bytes, none of them 0, packed
	// little-endian as swar.Load reads it and padded with zeros; ^0, which
	// no such word packs to, for any other key; 0 in an empty slot. A
	// word of up to seven bytes packed so is the key when short is it.
	short uint64
	id    int32
	// flags are the key's figWord flags; in an empty slot, those of
	// number 0 (every word the lexicon does not name).
	flags uint32
}

// newFigVocab builds the table of vocab at most an eighth full, with the
// flags of each word from words: the first slot a word probes seldom
// holds another, and most lookups end there. The empty word, which no
// token has, is left out.
func newFigVocab(vocab map[string]int32, words []figWord) figVocab {
	n := 16
	for n < 8*len(vocab) {
		n *= 2
	}
	v := figVocab{slots: make([]figSlot, n), hashes: make([]uint32, n), keys: make([]string, n), mask: uint32(n - 1)}
	for i := range v.slots {
		v.slots[i].flags = words[0].flags
	}
	// The words go in by number, not in the map's random order: where a
	// word lands, and so how far each lookup probes, is then the same in
	// every process, and so are the benchmarks' instruction counts.
	keys := make([]string, 0, len(vocab))
	for w := range vocab {
		keys = append(keys, w)
	}
	slices.SortFunc(keys, func(a, b string) int { return cmp.Compare(vocab[a], vocab[b]) })
	for _, w := range keys {
		id := vocab[w]
		if w == "" {
			continue
		}
		h := figHash(w)
		i := h & v.mask
		for v.slots[i].id != 0 {
			i = (i + 1) & v.mask
		}
		v.slots[i] = figSlot{short: ^uint64(0), id: id, flags: words[id].flags}
		v.hashes[i], v.keys[i] = h, w
		if len(w) < 8 && strings.IndexByte(w, 0) < 0 {
			v.slots[i].short = figPack(w)
		}
	}
	return v
}

// lookup returns the vocabulary number of the word w, 0 when the lexicon
// does not name it. w is folded, or with fold an ASCII word that folding
// would only lower-case.
func (v *figVocab) lookup(w string, fold bool) int32 {
	return v.lookupHashed(w, figHash(w), fold)
}

// lookupHashed is lookup for a word whose figHash h is known.
func (v *figVocab) lookupHashed(w string, h uint32, fold bool) int32 {
	for i := h & v.mask; ; i = (i + 1) & v.mask {
		id := v.slots[i].id
		if id == 0 {
			return 0
		}
		if v.hashes[i] == h && (figEqual(w, v.keys[i]) || fold && figEqualLower(w, v.keys[i])) {
			return id
		}
	}
}

// figHash hashes w with its ASCII letters lower-cased, eight bytes a
// step: figHashStart(len(w)), then figHashMix of each eight bytes as
// swar.Load packs them and of the last zero to seven, padded with zeros,
// lower-cased by swarLower. A word of up to seven bytes is one step, one
// of eight to fifteen two: appendASCIITokens takes them from the bytes
// it has loaded, the same steps whether or not a word has eight bytes.
func figHash(w string) uint32 { return figHashIn(w, 0, len(w)) }

// figHashIn is figHash(s[i:end]). It loads the last bytes with those of s
// around them where s has them, rather than one at a time.
func figHashIn(s string, i, end int) uint32 {
	h := figHashStart(end - i)
	for ; end-i >= 8; i += 8 {
		h = figHashMix(h, swarLower(swar.Load(s, i)))
	}
	r := end - i // 0 to 7 bytes left
	var x uint64
	switch {
	case i+8 <= len(s):
		x = swar.Load(s, i) & (1<<(8*r) - 1)
	case end >= 8:
		x = swar.Load(s, end-8) >> (8 * (8 - r)) // none when r is 0
	default:
		x = figPack(s[i:end])
	}
	return uint32(figHashMix(h, swarLower(x)))
}

// figHashStart is the state of figHash before the bytes of a word of n
// bytes.
func figHashStart(n int) uint64 { return uint64(n) * 0x9e3779b97f4a7c15 }

// figHashMix adds eight packed bytes x to the state h of figHash.
func figHashMix(h, x uint64) uint64 {
	h = (h ^ x) * 0xff51afd7ed558ccd
	return h ^ h>>32
}

// figPack packs w, of at most eight bytes, little-endian as swar.Load
// does, padded with zeros.
func figPack(w string) uint64 {
	var x uint64
	for j := len(w) - 1; j >= 0; j-- {
		x = x<<8 | uint64(w[j])
	}
	return x
}

// figEqual reports whether w == key, byte by byte: for the short words
// of the vocabulary that is cheaper than a call to the runtime's memequal.
func figEqual(w, key string) bool {
	if len(w) != len(key) {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] != key[i] {
			return false
		}
	}
	return true
}

// figEqualLower reports whether the ASCII word w lower-cased is key.
func figEqualLower(w, key string) bool {
	if len(w) != len(key) {
		return false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != key[i] {
			return false
		}
	}
	return true
}

type figNoun struct {
	name  string
	class int
	// proper nouns are listed capitalized ("Syrians"); a lower-case entry
	// does not match a capitalized word inside a sentence ("the 1989
	// Children Act").
	proper bool
}

// figPhrases matches phrases of one or more tokens, longest first.
type figPhrases struct {
	// first lists the phrases by the vocabulary number of their first
	// word, longest first.
	first [][]figPhrase
	// starts has bit f%64 of starts[f/64] set when a phrase begins with
	// word number f: match asks it of most tokens, and its few words
	// stay in cache where first's slice headers would not.
	starts        []uint64
	caseSensitive bool
}

type figPhrase struct {
	words []int32 // vocabulary numbers of the folded words
	// raw are the words as written, which a case-sensitive set also
	// compares.
	raw []string
	id  int
}

func (ps *figPhrases) add(c *figCompiled, text string, id int) error {
	toks, _ := figTokenize(text, nil, nil, nil)
	if len(toks) == 0 {
		return fmt.Errorf("empty phrase %q", text)
	}
	p := figPhrase{words: make([]int32, len(toks)), id: id}
	if ps.caseSensitive {
		p.raw = make([]string, len(toks))
	}
	for i, t := range toks {
		if t.kind == figTokNum {
			return fmt.Errorf("phrase %q has a numeral", text)
		}
		p.words[i] = c.intern(figRawKey(text, &t))
		if ps.caseSensitive {
			p.raw[i] = text[t.start:t.end]
		}
	}
	f := int(p.words[0])
	for len(ps.first) <= f {
		ps.first = append(ps.first, nil)
	}
	for len(ps.starts) <= f/64 {
		ps.starts = append(ps.starts, 0)
	}
	ps.starts[f/64] |= 1 << (f % 64)
	list := append(ps.first[f], p)
	sort.SliceStable(list, func(a, b int) bool { return len(list[a].words) > len(list[b].words) })
	ps.first[f] = list
	return nil
}

// match returns the length in tokens and the id of the longest phrase at
// toks[i]; n is 0 when none matches.
// Most tokens begin no phrase of the set: they are told so inline. A
// numeral, whose vocabulary number is 0, begins none, as no word of a
// phrase has that number.
func (ps *figPhrases) match(s string, toks []figToken, i int) (n, id int) {
	if uint(i) < uint(len(toks)) {
		if f := uint(toks[i].id); f/64 < uint(len(ps.starts)) && ps.starts[f/64]&(1<<(f%64)) != 0 {
			return ps.matchFrom(s, toks, i, ps.first[f])
		}
	}
	return 0, 0
}

// matchFrom is match for the phrases of the set that begin with token i.
func (ps *figPhrases) matchFrom(s string, toks []figToken, i int, first []figPhrase) (n, id int) {
	for _, p := range first {
		if i+len(p.words) > len(toks) {
			continue
		}
		ok := true
		for k := 1; k < len(p.words); k++ {
			if toks[i+k].id != p.words[k] {
				ok = false
				break
			}
		}
		if ok && ps.caseSensitive {
			for k, w := range p.raw {
				if s[toks[i+k].start:toks[i+k].end] != w {
					ok = false
					break
				}
			}
		}
		if ok {
			return len(p.words), p.id
		}
	}
	return 0, 0
}

// word looks up a one-token phrase by the vocabulary number of its folded
// word; raw is the word as written, which a case-sensitive set compares.
func (ps *figPhrases) word(w int32, raw string) (int, bool) {
	if int(w) >= len(ps.first) {
		return 0, false
	}
	for _, p := range ps.first[w] {
		if len(p.words) == 1 && (!ps.caseSensitive || p.raw[0] == raw) {
			return p.id, true
		}
	}
	return 0, false
}

func (l *FigureLexicon) compile() error {
	if l.Version < 1 {
		return errors.New("figures: version must be 1 or more")
	}
	if len(l.NumberWords) == 0 || len(l.ScaleWords) == 0 {
		return errors.New("figures: number_words and scale_words are required")
	}
	if l.CueWindow <= 0 || l.InheritWindow < 0 {
		return errors.New("figures: cue_window must be positive and inherit_window not negative")
	}
	if l.NotFigures.Years.Min <= 0 || l.NotFigures.Years.Min > l.NotFigures.Years.Max {
		return errors.New("figures: not_figures.years needs 0 < min <= max")
	}
	// Number 0 is every token the lexicon does not name.
	c := &figCompiled{vocab: map[string]int32{}, words: []figWord{{}}, keys: []string{""}}
	for _, m := range []struct {
		name string
		src  map[string]float64
		dst  func(*figWord) *float64
	}{
		{"number_words", l.NumberWords, func(w *figWord) *float64 { return &w.number }},
		{"scale_words", l.ScaleWords, func(w *figWord) *float64 { return &w.scale }},
		{"fractions", l.Fractions, func(w *figWord) *float64 { return &w.frac }},
	} {
		// In order, so that the words' numbers (and the vocabulary
		// table built from them) are the same in every process.
		for _, w := range slices.Sorted(maps.Keys(m.src)) {
			v := m.src[w]
			if !(v > 0) || math.IsInf(v, 0) {
				return fmt.Errorf("figures: %s: %q must have a positive value", m.name, w)
			}
			*m.dst(&c.words[c.intern(figLower(w))]) = v
		}
	}
	flagLists := []struct {
		name  string
		words []string
		flag  uint32
	}{
		{"articles", l.Articles, figFArticle},
		{"grammar.partitive", l.Grammar.Partitive, figFPartitive},
		{"grammar.determiners", l.Grammar.Determiners, figFDeterminer},
		{"grammar.coordinators", l.Grammar.Coordinators, figFCoordinator},
		{"grammar.function_words", l.Grammar.FunctionWords, figFFunction},
		{"grammar.not_nouns", l.Grammar.NotNouns, figFNotNoun},
		{"grammar.sentence_ends", l.Grammar.SentenceEnds, figFSentenceEnd},
		{"grammar.openers", l.Grammar.Openers, figFOpener},
		{"not_figures.age_words", l.NotFigures.AgeWords, figFAge},
		{"not_figures.age_verbs", l.NotFigures.AgeVerbs, figFAgeVerb},
		{"not_figures.multiplicative", l.NotFigures.Multiplicative, figFMultiplicative},
		{"not_figures.copulas", l.NotFigures.Copulas, figFCopula},
		{"not_figures.ratio", l.NotFigures.Ratio, figFRatio},
		{"not_figures.locators", l.NotFigures.Locators, figFLocator},
		{"grammar.anaphoric", l.Grammar.Anaphoric, figFAnaphoric},
		{"grammar.partitive_pronouns", l.Grammar.PartitivePronouns, figFPartPronoun},
		{"grammar.change_verbs", l.Grammar.ChangeVerbs, figFChangeVerb},
		{"grammar.change_links", l.Grammar.ChangeLinks, figFChangeLink},
		{"not_figures.labels", l.NotFigures.Labels, figFLabel},
		{"not_figures.kin", l.NotFigures.Kin, figFKin},
		{"not_figures.phone", l.NotFigures.Phone, figFPhone},
		{"not_figures.ordinal_suffixes", l.NotFigures.OrdinalSuffixes, figFOrdinal},
		{"not_figures.decade_suffixes", l.NotFigures.DecadeSuffixes, figFDecade},
		{"cues.casualty", l.Cues.Casualty, figFCueCasualty},
		{"cues.displacement", l.Cues.Displacement, figFCueDisplacement},
		{"ranges.openers", l.Ranges.Openers, figFRangeOpener},
		{"ranges.joiners", l.Ranges.Joiners, figFRangeJoiner},
		{"ranges.opener_joiners", l.Ranges.OpenerJoiners, figFOpenerJoiner},
	}
	for _, fl := range flagLists {
		if len(fl.words) == 0 {
			return fmt.Errorf("figures: %s is empty", fl.name)
		}
		for _, w := range fl.words {
			w = figLower(strings.TrimSpace(w))
			if w == "" || strings.ContainsAny(w, " \t") {
				return fmt.Errorf("figures: %s: %q must be one word", fl.name, w)
			}
			c.words[c.intern(w)].flags |= fl.flag
		}
	}
	for i, a := range l.Approximators {
		if a.Approx == "" || len(a.Phrases) == 0 {
			return fmt.Errorf("figures: approximators[%d]: approx and phrases are required", i)
		}
		c.approxNames = append(c.approxNames, a.Approx)
		if err := figAddAll(c, &c.approx, a.Phrases, i); err != nil {
			return fmt.Errorf("figures: approximators[%d]: %w", i, err)
		}
	}
	for i, v := range l.Vague {
		if len(v.Phrases) == 0 || !(v.Min > 0) || v.Min > v.Max {
			return fmt.Errorf("figures: vague[%d]: phrases and 0 < min <= max are required", i)
		}
		if err := figAddAll(c, &c.vague, v.Phrases, i); err != nil {
			return fmt.Errorf("figures: vague[%d]: %w", i, err)
		}
	}
	for i, m := range l.Multipliers {
		if !(m.Value > 0) || len(m.Words) == 0 {
			return fmt.Errorf("figures: multipliers[%d]: value and words are required", i)
		}
		if err := figAddAll(c, &c.mult, m.Words, i); err != nil {
			return fmt.Errorf("figures: multipliers[%d]: %w", i, err)
		}
	}
	for i := range l.Currencies {
		cur := &l.Currencies[i]
		if cur.Code == "" || len(cur.Symbols)+len(cur.Words) == 0 || cur.Scale < 0 {
			return fmt.Errorf("figures: currencies[%d]: code and symbols or words are required", i)
		}
		if cur.Scale == 0 {
			cur.Scale = 1
		}
		if err := figAddAll(c, &c.curBefore, cur.Symbols, i); err != nil {
			return fmt.Errorf("figures: currencies[%d]: %w", i, err)
		}
		if err := figAddAll(c, &c.curAfter, cur.Words, i); err != nil {
			return fmt.Errorf("figures: currencies[%d]: %w", i, err)
		}
		for _, g := range cur.Glued {
			g = figLower(g)
			if g == "" || strings.IndexFunc(g, func(r rune) bool { return !('a' <= r && r <= 'z') }) >= 0 {
				return fmt.Errorf("figures: currencies[%d]: glued suffix %q must be ASCII letters", i, g)
			}
			if c.curGlued == nil {
				c.curGlued = map[string]int{}
			}
			c.curGlued[g] = i
		}
	}
	for i, u := range l.Units {
		switch u.Subkind {
		case FigureCasualty, FigureDisplacement, FigureTerritory, FigureMoney, FigureOther:
		default:
			return fmt.Errorf("figures: units[%d]: unknown subkind %q", i, u.Subkind)
		}
		if u.Unit == "" || len(u.Words) == 0 {
			return fmt.Errorf("figures: units[%d]: unit and words are required", i)
		}
		if err := figAddAll(c, &c.units, u.Words, i); err != nil {
			return fmt.Errorf("figures: units[%d]: %w", i, err)
		}
	}
	for _, n := range []struct {
		name  string
		words []string
		class int
	}{
		{"casualty", l.Nouns.Casualty, figNounCasualty},
		{"displacement", l.Nouns.Displacement, figNounDisplacement},
		{"territory", l.Nouns.Territory, figNounTerritory},
		{"people", l.Nouns.People, figNounPeople},
		{"things", l.Nouns.Things, figNounThing},
	} {
		if len(n.words) == 0 {
			return fmt.Errorf("figures: nouns.%s is empty", n.name)
		}
		for _, w := range n.words {
			r, _ := utf8.DecodeRuneInString(w)
			c.nounList = append(c.nounList, figNoun{figLower(w), n.class, unicode.IsUpper(r)})
			if err := c.nouns.add(c, w, len(c.nounList)-1); err != nil {
				return fmt.Errorf("figures: nouns.%s: %w", n.name, err)
			}
		}
	}
	for _, p := range []struct {
		name  string
		words []string
		ps    *figPhrases
	}{
		{"durations", l.NotFigures.Durations, &c.durations},
		{"clock", l.NotFigures.Clock, &c.clock},
		{"months", l.NotFigures.Months, &c.months},
	} {
		if len(p.words) == 0 {
			return fmt.Errorf("figures: not_figures.%s is empty", p.name)
		}
		p.ps.caseSensitive = p.ps == &c.months
		if err := figAddAll(c, p.ps, p.words, 0); err != nil {
			return fmt.Errorf("figures: not_figures.%s: %w", p.name, err)
		}
	}
	for _, ps := range []*figPhrases{&c.approx, &c.curBefore, &c.vague} {
		for id, list := range ps.first {
			if len(list) > 0 {
				c.words[id].flags |= figFStart
			}
		}
	}
	for id := range c.words {
		w := &c.words[id]
		if w.flags&(figFArticle|figFRangeOpener) != 0 || w.number > 0 || w.frac > 0 {
			w.flags |= figFStart
		}
		if w.number > 0 || w.scale > 0 || w.frac > 0 {
			w.flags |= figFValue
		}
	}
	for _, list := range c.vague.first {
		for _, ph := range list {
			// A weak quantifier ("several", "a few") is never a figure
			// (figParser.at), nor one end of a range.
			if !l.Vague[ph.id].Weak {
				c.words[ph.words[len(ph.words)-1]].flags |= figFValue
			}
			// Every vague quantity, weak or not, is a value where it
			// begins: figParser.value reads it.
			if len(ph.words) > 1 && c.words[ph.words[0]].flags&figFArticle != 0 {
				c.words[ph.words[1]].flags |= figFArtValue
			} else {
				c.words[ph.words[0]].flags |= figFValStart
			}
		}
	}
	for id := range c.words {
		w := &c.words[id]
		if w.number > 0 || w.frac > 0 {
			w.flags |= figFValStart
		}
		if w.frac > 0 || w.scale > 0 {
			w.flags |= figFArtValue
		}
	}
	c.reach = max(figLongest(&c.approx), 1) + figLongest(&c.curBefore)
	c.prefilter = c.screen.build(c)
	// The marks are interned, so that each such token has its number; a
	// word is not (a capitalized word the lexicon does not name keeps its
	// spelling as its key).
	c.named = figNamed{
		hyphen: c.intern("-"), dot: c.intern("."), comma: c.intern(","),
		openParen: c.intern("("), closeParen: c.intern(")"), at: c.vocab["at"], from: c.vocab["from"],
	}
	c.table = newFigVocab(c.vocab, c.words)
	for b := range c.ascii {
		c.ascii[b] = c.table.lookup(string(rune(b)), false)
	}
	l.c = c
	return nil
}

// figLongest returns the length in tokens of the longest phrase of ps.
func figLongest(ps *figPhrases) int {
	n := 0
	for _, list := range ps.first {
		for _, ph := range list {
			n = max(n, len(ph.words))
		}
	}
	return n
}

func figAddAll(c *figCompiled, ps *figPhrases, words []string, id int) error {
	for _, w := range words {
		if err := ps.add(c, w, id); err != nil {
			return err
		}
	}
	return nil
}

// figLower folds a word for lookup: lower case, typographic apostrophe as
// ASCII.
func figLower(w string) string {
	w = strings.ToLower(w)
	if strings.Contains(w, "’") {
		w = strings.ReplaceAll(w, "’", "'")
	}
	return w
}

// Token kinds.
const (
	figTokWord uint8 = iota
	figTokNum
	figTokPunct
)

// Numeral forms.
const (
	figNumValue = iota // a number or range
	figNumClock        // 8:16
	figNumDate         // 02/12/2024, 2024-11-29, 1986-87
	figNumCode         // 4x4, 1.2.3, 5G
)

// figToken is a word, numeral or punctuation mark of a sentence.
type figToken struct {
	start, end int
	// A token holds no key (its folded word, see figCompiled.tokenKey):
	// with no pointer in it, tokens are written without write barriers
	// and a word that folding would copy is copied only when asked for.
	num   int32 // index of the numeral in the nums slice
	kind  uint8
	space bool // whitespace (or the start of text) precedes it
	upper bool // a word starting with an upper-case letter
	caps  bool // a word in capitals ("GMT", "KILLED")

	// The vocabulary number of key and its lexicon flags (figNumFlags
	// for numerals), set by figTokenize with a lexicon. Which sentence a
	// token is in, and whether it begins one, the parser asks of the few
	// tokens it needs them for (figParser.sentenceStart, sameSentence).
	id    int32
	flags uint32
}

// figNum is a scanned numeral.
type figNum struct {
	form      int
	lo, hi    float64 // hi > lo for a range ("200-300")
	plainInt  bool    // digits only: a year candidate
	intDigits int
	frac2     bool   // exactly two decimals: a clock candidate ("23.32")
	suffix    string // letters glued on ("bn", "th", "km"), folded
}

// figNumFlags are the flags of every numeral token.
const figNumFlags = figFStart | figFValStart

func figIsDigit(c byte) bool  { return '0' <= c && c <= '9' }
func figIsLetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

// figTokenize splits s into tokens, appending them to dst and their
// numerals to nums. With a compiled lexicon c it also looks every token
// up in c (figToken.id and flags), and numbers the sentences by those
// flags (figToken.sent and first); without one (while compiling) it folds
// every word's key. It runs in time linear in len(s).
func figTokenize(s string, dst []figToken, nums []figNum, c *figCompiled) ([]figToken, []figNum) {
	st := figTokState{space: true}
	for i := 0; i < len(s); {
		if c != nil {
			// Most tokens are taken there; it stops at the first it
			// leaves to the cases below.
			if dst, i = c.appendASCIITokens(dst, s, i, &st); i >= len(s) {
				break
			}
		}
		b := s[i]
		var r rune = rune(b)
		size := 1
		if b >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		// For ASCII, the cases are told apart without the unicode tables:
		// a letter, digit or space is none of the others.
		switch {
		case b == ' ':
			st.space = true
			i++
			continue
		case figIsLetter(b) || b >= utf8.RuneSelf && !unicode.IsSpace(r) && unicode.IsLetter(r):
			dst = append(dst, figWordToken(s, i, st.space, c))
			i = dst[len(dst)-1].end
		case figIsDigit(b):
			end, num := figScanNumber(s, i)
			// A numeral's flags are figFStart and figFValStart: it
			// neither ends a sentence nor opens one.
			dst = append(dst, figToken{start: i, end: end, kind: figTokNum, space: st.space, num: int32(len(nums)), flags: figNumFlags})
			nums = append(nums, num)
			i = end
		case unicode.IsSpace(r):
			st.space = true
			i += size
			continue
		default:
			t := figToken{start: i, end: i + size, kind: figTokPunct, space: st.space}
			if c != nil {
				if b < utf8.RuneSelf {
					t.id = c.ascii[b]
				} else {
					t.id = c.table.lookup(s[i:i+size], false)
				}
				t.flags = c.words[t.id].flags
			}
			dst = append(dst, t)
			i += size
		}
		// A token is mostly followed by one space: it is passed here
		// rather than by another turn of the loop.
		st.space = i < len(s) && s[i] == ' '
		if st.space {
			i++
		}
	}
	return dst, nums
}

// figTokState is what figTokenize carries from one token to the next:
// whether whitespace precedes the next token.
type figTokState struct {
	space bool
}

// appendASCIITokens appends the tokens of s from i to dst, as
// figTokenize reads them, while they are ASCII words ended by a space or
// a mark that joins nothing, or ASCII marks, and dst has room for them.
// It returns where it stopped: the end of s, or the start of a token it
// leaves to figTokenize (a numeral, a word it cannot read here, anything
// not ASCII, a control character).
//
// It calls nothing for most tokens, so that what it works with stays in
// registers: the vocabulary's first probe is made here.
func (c *figCompiled) appendASCIITokens(dst []figToken, s string, i int, st *figTokState) ([]figToken, int) {
	space := st.space
	v := &c.table
	for i < len(s) && len(dst) < cap(dst) {
		b := s[i]
		k := figWordByte[b]
		switch {
		case b == ' ':
			space = true
			i++
			continue
		case k&figByteDigit != 0 || b < ' ' || b >= utf8.RuneSelf:
			st.space = space
			return dst, i
		case k != 0:
			// A word: ASCII letters and digits.
			end, h := i, uint32(0)
			var id int32
			var flags uint32
			var caps bool
			if len(s) >= 8 {
				// Most words end within the eight bytes from i: they are
				// read, hashed and looked up from those bytes, without a
				// loop (see swarAlnum; bytes of 0x80 and above stop it).
				// Near the end of s, the last eight bytes are loaded and
				// shifted: the zeros shifted in stop the word at the end.
				var x uint64
				if i+8 <= len(s) {
					x = swar.Load(s, i)
				} else {
					x = swar.Load(s, len(s)-8) >> (8 * (i + 8 - len(s)))
				}
				stop := ^swarAlnum(x&^swar.High) | x
				if stop &= swar.High; stop != 0 {
					n := bits.TrailingZeros64(stop) / 8
					if c := byte(x >> (8 * n)); figJoins[c] && (c != '.' || n == 1) {
						// An apostrophe, a dotted abbreviation or a letter
						// that is not ASCII: figWordToken reads the word.
						// A dot joins only a single letter ("U.S."): a
						// longer word ends there, as figScanWord reads it.
						st.space = space
						return dst, i
					}
					end = i + n
					m := uint64(1)<<(8*n) - 1
					// Lower-cased: digits have the lower-case bit set already.
					w8 := (x | 0x20*swar.Ones) & m
					h = uint32(figHashMix(figHashStart(n), w8))
					// Comparing w lower-cased with a key, which is folded,
					// is comparing w when it has no capital. The first slot
					// probed holds w (short is w8), is empty (number 0,
					// flags those of any other word) or holds another word:
					// only then does the lookup probe on.
					e := &v.slots[h&v.mask]
					id, flags = e.id, e.flags
					if e.short != w8 && id != 0 {
						id = v.lookupHashed(s[i:end], h, true)
						flags = c.words[id].flags
					}
					// No lower-case letter (the first is a letter): the
					// word is in capitals if it has two letters or more.
					caps = swar.AtLeast(x, 'a')&m == 0 && n > 1
				} else if i+16 <= len(s) {
					// A word of eight bytes or more: most end within the
					// next eight, read the same way.
					y := swar.Load(s, i+8)
					if stop := (^swarAlnum(y&^swar.High) | y) & swar.High; stop != 0 {
						n := bits.TrailingZeros64(stop) / 8
						if c := byte(y >> (8 * n)); figJoins[c] && c != '.' {
							st.space = space
							return dst, i
						}
						end = i + 8 + n
						m := uint64(1)<<(8*n) - 1
						x8, y8 := x|0x20*swar.Ones, (y|0x20*swar.Ones)&m
						// figHashIn: two steps, the second of no byte when
						// the word has eight.
						h = uint32(figHashMix(figHashMix(figHashStart(8+n), x8), y8))
						if v.slots[h&v.mask].id != 0 {
							id = v.lookupHashed(s[i:end], h, true)
						}
						flags = c.words[id].flags
						caps = swar.AtLeast(x, 'a')|swar.AtLeast(y, 'a')&m == 0
					}
				}
			}
			if end == i {
				for end < len(s) && figWordByte[s[end]] != 0 {
					end++
				}
				if end < len(s) && figJoins[s[end]] {
					st.space = space
					return dst, i
				}
				w := s[i:end]
				h = figHashIn(s, i, end)
				if v.slots[h&v.mask].id != 0 {
					id = v.lookupHashed(w, h, true)
				}
				flags = c.words[id].flags
				caps = b <= 'Z' && end-i > 1 && !figHasLower(w)
			}
			dst = dst[:len(dst)+1]
			t := &dst[len(dst)-1]
			// Every field set, one at a time: the slice is reused, and a
			// token built whole is built on the stack and copied.
			t.start, t.end, t.num, t.kind = i, end, 0, figTokWord
			t.space, t.upper, t.caps = space, b <= 'Z', caps
			t.id, t.flags = id, flags
			i = end
		default:
			// A mark.
			id := c.ascii[b]
			dst = dst[:len(dst)+1]
			t := &dst[len(dst)-1]
			*t = figToken{start: i, end: i + 1, kind: figTokPunct, space: space, id: id, flags: c.words[id].flags}
			i++
		}
		// A token is mostly followed by one space: it is passed here
		// rather than by another turn of the loop.
		space = i < len(s) && s[i] == ' '
		i += int(b2u(space))
	}
	st.space = space
	return dst, i
}

// figJoins holds the bytes after which appendASCIITokens leaves a word of
// ASCII letters and digits to figWordToken: an apostrophe or a dot, which
// may join it to more, and any byte not ASCII.
var figJoins = func() (t [256]bool) {
	t['\''], t['.'] = true, true
	for c := utf8.RuneSelf; c < 256; c++ {
		t[c] = true
	}
	return t
}()

// figHasLower reports whether the ASCII word w has a lower-case letter.
func figHasLower(w string) bool {
	for i := 0; i < len(w); i++ {
		if 'a' <= w[i] && w[i] <= 'z' {
			return true
		}
	}
	return false
}

// figWordToken reads the word at s[i], a letter, as figTokenize does
// when the word is not all ASCII letters and digits or when there is no
// lexicon c; space is whether whitespace precedes it. Its sentence is
// left to the caller.
func figWordToken(s string, i int, space bool, c *figCompiled) figToken {
	end, ascii, hasUpper, hasLower, h := figScanWord(s, i)
	w := s[i:end]
	r, _ := utf8.DecodeRuneInString(w)
	t := figToken{start: i, end: end, kind: figTokWord, space: space, upper: unicode.IsUpper(r)}
	if !ascii {
		t.caps = t.upper && end-i > 1 && figIsCaps(w)
	} else {
		t.caps = t.upper && end-i > 1 && hasUpper && !hasLower
	}
	if c == nil {
		return t
	}
	if !ascii {
		t.id = c.table.lookup(figLower(w), false)
	} else {
		t.id = c.table.lookupHashed(w, h, hasUpper)
	}
	t.flags = c.words[t.id].flags
	return t
}

// tokenKey returns the key of t, a token of s looked up in c: the folded
// word or the mark as the vocabulary has it, and for a token the
// vocabulary does not name, its folded word, its spelling if it is an
// ASCII word that starts with a capital (no folded word equals it, and
// nothing reads such a key for its letters), or the mark; "" for a
// numeral.
func (c *figCompiled) tokenKey(s string, t *figToken) string {
	if t.id != 0 {
		return c.keys[t.id]
	}
	w := s[t.start:t.end]
	switch {
	case t.kind == figTokNum:
		return ""
	case t.kind == figTokPunct, t.upper && swar.ASCII(w):
		return w
	}
	for j := 0; j < len(w); j++ {
		if c := w[j]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			return figLower(w)
		}
	}
	return w // lower-case ASCII: folding leaves it as it is
}

// figRawKey is the key of t, a token of s read without a lexicon (when
// the lexicon is compiled): its folded word, the mark, or "" for a
// numeral.
func figRawKey(s string, t *figToken) string {
	switch t.kind {
	case figTokNum:
		return ""
	case figTokPunct:
		return s[t.start:t.end]
	}
	return figLower(s[t.start:t.end])
}

// mayHold reports whether sentence may hold a figure, without tokenizing
// it: a figure needs a value (figParser.value), which is a numeral, and
// every numeral token begins with an ASCII digit, or is read from a word
// flagged figFValue. Such a word's token is a run of ASCII letters that
// no letter adjoins, and its key that run lower-cased, unless a
// non-ASCII letter folds to an ASCII one (the Kelvin sign), which mayHold
// takes as a possible figure. So a sentence with no ASCII digit, no such
// letter and no run of ASCII letters that folds to a figFValue word has
// no figure. The screen tells them apart one byte a step, by table: the
// branches of a word-by-word test mispredict at most word ends.
func (c *figCompiled) mayHold(s string) bool {
	if !c.prefilter {
		return true
	}
	// Each step of the screen waits for the table load of the step
	// before: two halves of a long text are read as two chains at once,
	// so that one's loads overlap the other's. The second half starts
	// after a space, where the screen is at its root (or has accepted,
	// which the first half then does).
	if len(s) >= 64 {
		if k := strings.IndexByte(s[len(s)/2:], ' '); k >= 0 {
			mid := len(s)/2 + k + 1
			return c.screen.pair(s[:mid], s[mid:])
		}
	}
	return c.screen.run(s)
}

// run reports whether the screen accepts s, read from its root.
func (sc *figScreen) run(s string) bool {
	next := sc.next
	st := uint16(figScreenRoot << figScreenShift)
	i := 0
	// Accept is never left: eight bytes are read before it is looked for.
	for ; i+8 <= len(s); i += 8 {
		w := s[i : i+8]
		st = next[st|uint16(w[0])]
		st = next[st|uint16(w[1])]
		st = next[st|uint16(w[2])]
		st = next[st|uint16(w[3])]
		st = next[st|uint16(w[4])]
		st = next[st|uint16(w[5])]
		st = next[st|uint16(w[6])]
		st = next[st|uint16(w[7])]
		if st == figScreenAccept {
			return true
		}
	}
	for ; i < len(s); i++ {
		st = next[st|uint16(s[i])]
	}
	return st == figScreenAccept || sc.final[st>>figScreenShift]
}

// pair is run(a+b) for an a that ends with a space: both are read from
// the root, a step of each in turn, while both have eight bytes left.
func (sc *figScreen) pair(a, b string) bool {
	next := sc.next
	sa, sb := uint16(figScreenRoot<<figScreenShift), uint16(figScreenRoot<<figScreenShift)
	n := min(len(a), len(b)) &^ 7
	for i := 0; i < n; i += 8 {
		x, y := a[i:i+8], b[i:i+8]
		sa, sb = next[sa|uint16(x[0])], next[sb|uint16(y[0])]
		sa, sb = next[sa|uint16(x[1])], next[sb|uint16(y[1])]
		sa, sb = next[sa|uint16(x[2])], next[sb|uint16(y[2])]
		sa, sb = next[sa|uint16(x[3])], next[sb|uint16(y[3])]
		sa, sb = next[sa|uint16(x[4])], next[sb|uint16(y[4])]
		sa, sb = next[sa|uint16(x[5])], next[sb|uint16(y[5])]
		sa, sb = next[sa|uint16(x[6])], next[sb|uint16(y[6])]
		sa, sb = next[sa|uint16(x[7])], next[sb|uint16(y[7])]
		if sa == figScreenAccept || sb == figScreenAccept {
			return true
		}
	}
	// The rest of each, one after the other. a ends with a space: its
	// screen ends at the root or accepts.
	for _, c := range []byte(a[n:]) {
		sa = next[sa|uint16(c)]
	}
	if sa == figScreenAccept {
		return true
	}
	for _, c := range []byte(b[n:]) {
		sb = next[sb|uint16(c)]
	}
	return sb == figScreenAccept || sc.final[sb>>figScreenShift]
}

// figScreen is a deterministic automaton over bytes that accepts the
// texts mayHold passes: one with an ASCII digit, a byte sequence that
// encodes a non-ASCII letter whose lower case is ASCII, or a run of ASCII
// letters, between non-letters, that folds to a figFValue word. Its
// states are figScreenAccept, which it never leaves; figScreenRoot, at
// a boundary (the start of the text or after a byte that is not an
// ASCII letter); figScreenDead, in a run of letters no figFValue word
// begins with; the trie of the figFValue words, one state a prefix; and
// the prefixes of the encodings of the letters folding to ASCII.
type figScreen struct {
	// next[q<<figScreenShift|b] is the state after state q reads the
	// byte b, shifted as q is. It has a place for every uint16, so that
	// reading it needs no bounds check: a screen has at most 256 states.
	next *[1 << 16]uint16
	// final holds the states that end a figFValue word: at the end of
	// the text they accept.
	final []bool
}

// States and byte classes of figScreen.
const (
	figScreenAccept = 0
	figScreenRoot   = 1
	figScreenDead   = 2

	figScreenOther = 0
	figScreenDigit = 1
	figScreenA     = 2 // the class of 'a' and 'A'; 'z' is figScreenA+25

	figScreenShift = 8 // a row of next has a place for each byte
)

// build makes the screen for the figFValue words of c. It returns false
// when it cannot: a figFValue word is not all ASCII letters, or there
// are more than 256 states (the lexicon's 46 value words make 158).
// The states are built over classes of bytes: figScreenOther,
// figScreenDigit, a letter (either case) from figScreenA, or one of the
// bytes of the encodings of the letters folding to ASCII.
func (sc *figScreen) build(c *figCompiled) bool {
	var words []string
	for id, w := range c.words {
		if w.flags&figFValue == 0 {
			continue
		}
		k := c.keys[id]
		if len(k) == 0 || strings.IndexFunc(k, func(r rune) bool { return !('a' <= r && r <= 'z') }) >= 0 {
			return false
		}
		words = append(words, k)
	}
	// The encodings of the non-ASCII letters folding to ASCII: every
	// rune unicode.ToLower changes is in a case range.
	var folds []string
	for _, cr := range unicode.CaseRanges {
		for r := max(rune(cr.Lo), utf8.RuneSelf); r <= rune(cr.Hi); r++ {
			if unicode.ToLower(r) < utf8.RuneSelf {
				folds = append(folds, string(r))
			}
		}
	}
	var class [256]uint8
	for b := '0'; b <= '9'; b++ {
		class[b] = figScreenDigit
	}
	for b := 'a'; b <= 'z'; b++ {
		class[b], class[b-'a'+'A'] = uint8(figScreenA+b-'a'), uint8(figScreenA+b-'a')
	}
	classes := figScreenA + 26
	for _, f := range folds {
		for i := 0; i < len(f); i++ {
			if class[f[i]] == figScreenOther {
				class[f[i]] = uint8(classes)
				classes++
			}
		}
	}
	if classes > 256 {
		return false
	}

	// The states: the trie of words (its root figScreenRoot), then that
	// of the prefixes of folds; child maps a state and class to the next.
	type edge struct {
		q int
		k uint8
	}
	child := map[edge]int{}
	n := figScreenDead + 1
	var final, fold []bool // by state: a word ends there; a fold's prefix
	add := func(w string, isFold bool) (q int) {
		q = figScreenRoot
		for i := 0; i < len(w); i++ {
			e := edge{q, class[w[i]]}
			next, ok := child[e]
			if !ok {
				next, n = n, n+1
				child[e] = next
				final, fold = append(final, false), append(fold, isFold)
			}
			q = next
		}
		return q
	}
	final, fold = make([]bool, n), make([]bool, n)
	for _, w := range words {
		final[add(w, false)] = true
	}
	for _, f := range folds {
		q := add(f[:len(f)-1], true)
		child[edge{q, class[f[len(f)-1]]}] = figScreenAccept
	}
	if n<<figScreenShift > 1<<16 {
		return false
	}
	sc.final = final
	sc.next = new([1 << 16]uint16)
	// fromRoot is where a boundary leaves the screen on a byte of class
	// k: the start of a fold's encoding, or the root.
	fromRoot := func(k int) int {
		if q, ok := child[edge{figScreenRoot, uint8(k)}]; ok {
			return q
		}
		if k >= figScreenA && k < figScreenA+26 {
			return figScreenDead
		}
		return figScreenRoot
	}
	row := make([]uint16, classes) // the transitions of a state by class
	for q := 0; q < n; q++ {
		for k := range row {
			var to int
			letter := figScreenA <= k && k < figScreenA+26
			switch {
			case q == figScreenAccept, k == figScreenDigit:
				to = figScreenAccept
			case q == figScreenDead && letter:
				to = figScreenDead
			case q == figScreenDead, q == figScreenRoot:
				to = fromRoot(k)
			case letter:
				// In the trie of words, or after part of a fold's
				// encoding (then the letter starts a run).
				if next, ok := child[edge{q, uint8(k)}]; ok {
					to = next
				} else if fold[q] {
					to = fromRoot(k)
				} else {
					to = figScreenDead
				}
			case final[q]:
				to = figScreenAccept // a word of the trie ends here
			default:
				if next, ok := child[edge{q, uint8(k)}]; ok && fold[q] {
					to = next
				} else {
					to = fromRoot(k)
				}
			}
			row[k] = uint16(to << figScreenShift)
		}
		for b, k := range class {
			sc.next[q<<figScreenShift|b] = row[k]
		}
	}
	return true
}

// figIsCaps reports whether w has no letter that upper-casing changes:
// strings.ToUpper(w) == w for a word, without building the copy.
func figIsCaps(w string) bool {
	for _, r := range w {
		if unicode.ToUpper(r) != r {
			return false
		}
	}
	return true
}

// figScanWord returns the end of the word at s[i]: letters and digits,
// apostrophes between letters ("o’clock"), and dotted abbreviations
// ("a.m.", "U.S."). ascii reports whether the word is all ASCII; if so,
// upper and lower whether it has upper-case and lower-case letters, and
// h is its figHash.
func figScanWord(s string, i int) (end int, ascii, upper, lower bool, h uint32) {
	seg, dotted := 0, false
	ascii = true
	start := i
	var seen uint8 // the figWordByte classes of the ASCII letters read
	for i < len(s) {
		// The common case, ASCII letters and digits, read fast.
		j, k := figScanASCII(s, i)
		seen |= k
		seg += j - i
		i = j
		if i == len(s) {
			break
		}
		c := s[i]
		var r rune = rune(c)
		size := 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		switch {
		case r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			// Every ASCII letter and digit was read above.
			seg++
			i += size
			ascii = false
			continue
		case r == '\'' || r == '’':
			if n, _ := utf8.DecodeRuneInString(s[i+size:]); i+size < len(s) && unicode.IsLetter(n) {
				i += size
				ascii = ascii && size == 1
				continue
			}
		case r == '.':
			if seg == 1 {
				if n, _ := utf8.DecodeRuneInString(s[i+1:]); i+1 < len(s) && unicode.IsLetter(n) {
					dotted = true
					seg = 0
					i++
					continue
				}
				if dotted {
					i++
				}
			}
		}
		break
	}
	if ascii {
		h = figHashIn(s, start, i)
	}
	return i, ascii, seen&figByteUpper != 0, seen&figByteLower != 0, h
}

// figScanASCII reads the ASCII letters and digits at s[i]; it returns
// where they end and the figWordByte classes read.
func figScanASCII(s string, i int) (int, uint8) {
	var seen uint8
	for ; i < len(s); i++ {
		k := figWordByte[s[i]]
		if k == 0 {
			break
		}
		seen |= k
	}
	return i, seen
}

// figWordByte classes the bytes figScanWord reads fast: an ASCII
// upper-case letter, lower-case letter or digit; 0 for any other byte.
var figWordByte = func() (t [256]uint8) {
	for c := '0'; c <= '9'; c++ {
		t[c] = figByteDigit
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = figByteLower, figByteUpper
	}
	return t
}()

// Classes of figWordByte.
const (
	figByteDigit = 1 << iota
	figByteLower
	figByteUpper
)

// figGroup is a run of digits in a numeral and the separator before it.
type figGroup struct {
	sep  byte // 0 for the first group
	a, b int
}

// figScanNumber scans the numeral at s[i] (an ASCII digit): digit groups
// joined by thousands separators, a decimal point, a colon (clock), a
// slash or hyphens (dates, ranges), then any letters glued on.
func figScanNumber(s string, i int) (int, figNum) {
	if len(s) >= 8 {
		// Most numerals are a few digits and nothing glued on ("2024",
		// "27,", "370 people"): they are read from the eight bytes at i,
		// without a branch a digit. Near the end of s, the last eight
		// bytes are loaded and shifted: the zeros shifted in stop the run.
		var x uint64
		if i+8 <= len(s) {
			x = swar.Load(s, i)
		} else {
			x = swar.Load(s, len(s)-8) >> (8 * (i + 8 - len(s)))
		}
		stop := ^swar.Between(x&^swar.High, '0', '9') | x
		if stop &= swar.High; stop != 0 {
			n := bits.TrailingZeros64(stop) / 8
			j := i + n
			if j == len(s) || figShortEnd(s, j) {
				v := figLeadDigits(x, n)
				return j, figNum{lo: float64(v), hi: float64(v), plainInt: true, intDigits: n}
			}
			if end, num, ok := figScanTwoGroups(s, i, x, stop, n); ok {
				return end, num
			}
		}
	}
	return figScanNumberGroups(s, i)
}

// figScanTwoGroups reads, as figScanNumberGroups would, a numeral of two
// digit groups joined by a dot or a comma within the eight bytes x at i
// ("3.5", "100.000", "1,500"), or the first group alone where a comma
// joins no thousands group to it ("1,50"). stop has the high bit of each
// byte of x that is not a digit; the first group has n digits. ok is
// false for any other numeral.
func figScanTwoGroups(s string, i int, x, stop uint64, n int) (end int, num figNum, ok bool) {
	sep := byte(x >> (8 * n))
	rest := stop &^ (1<<(8*n+8) - 1) // the bytes after the separator that are not digits
	if sep != '.' && sep != ',' || rest == 0 {
		return 0, num, false
	}
	m := bits.TrailingZeros64(rest) / 8 // the end of the second group
	g := m - n - 1                      // its digits (the caller saw one)
	first := x & (1<<(8*n) - 1)
	if sep == ',' && g != 3 {
		// Not a thousands group: the numeral is the first group.
		v := figLeadDigits(first, n)
		return i + n, figNum{lo: float64(v), hi: float64(v), plainInt: true, intDigits: n}, true
	}
	if end = i + m; end != len(s) && !figShortEnd(s, end) {
		return 0, num, false
	}
	// The digits of both groups, the separator taken out.
	d := m - 1
	v := float64(figLeadDigits(first|x>>8&^(1<<(8*n)-1), d))
	if sep == ',' || g == 3 && n <= 3 && s[i+n+1:end] == "000" {
		return end, figNum{lo: v, hi: v, intDigits: d}, true // thousands: "1,500", "100.000"
	}
	v /= figPow10[g]
	return end, figNum{lo: v, hi: v, intDigits: n, frac2: g == 2}, true
}

// figShortEnd reports whether the byte at s[j], after a run of digits,
// ends the numeral there with nothing glued on: not a letter, an
// apostrophe or a byte past ASCII, nor a separator with a digit after it.
func figShortEnd(s string, j int) bool {
	switch c := s[j]; {
	case figIsLetter(c) || c == '\'' || c >= utf8.RuneSelf:
		return false
	case c == ',' || c == '.' || c == ':' || c == '/' || c == '-':
		return j+1 == len(s) || !figIsDigit(s[j+1])
	}
	return true
}

// figLeadDigits returns the number the first n (1 to 8) ASCII digits
// packed in x spell, the first in the low byte; the bytes after them may
// be anything.
func figLeadDigits(x uint64, n int) uint64 {
	return figDigits8((x - '0'*swar.Ones) & (1<<(8*n) - 1) << (64 - 8*n))
}

// figDigits8 returns the number the eight digit values packed in x spell,
// the first (most significant) in the low byte: pairs, then fours, then
// the eight combined a step each.
func figDigits8(x uint64) uint64 {
	x = (x*10 + x>>8) & 0x00ff00ff00ff00ff
	x = (x*100 + x>>16) & 0x0000ffff0000ffff
	return (x*10000 + x>>32) & 0xffffffff
}

// figScanNumberGroups is figScanNumber for any numeral, digit group by
// digit group.
func figScanNumberGroups(s string, i int) (int, figNum) {
	var buf [8]figGroup
	groups := buf[:0]
	digits := func(j int) int {
		for j < len(s) && figIsDigit(s[j]) {
			j++
		}
		return j
	}
	j := digits(i)
	groups = append(groups, figGroup{0, i, j})
	tooMany := false
	for j < len(s) {
		sep, w := s[j], 1
		switch {
		case sep == ',' || sep == '.' || sep == ':' || sep == '/' || sep == '-':
		case strings.HasPrefix(s[j:], "–"):
			sep, w = '-', len("–")
		default:
			w = 0
		}
		if w == 0 || j+w >= len(s) || !figIsDigit(s[j+w]) {
			break
		}
		k := digits(j + w)
		if sep == ',' && k-(j+w) != 3 {
			break // "1,5": not a thousands group
		}
		if len(groups) < cap(groups) {
			groups = append(groups, figGroup{sep, j + w, k})
		} else {
			tooMany = true
		}
		j = k
	}
	num := figNum{form: figNumCode}
	if !tooMany {
		num = figClassify(s, groups)
	}
	// Letters glued on: "1.2bn", "11th", "1990s", "2min"; but not the
	// next word run in ("$20,000Russian").
	switch {
	case j < len(s) && figIsLetter(s[j]):
		k := j
		for k < len(s) && figIsLetter(s[k]) {
			k++
		}
		glued := k-j >= 2 && s[j] >= 'A' && s[j] <= 'Z' && strings.ToUpper(s[j:k]) != s[j:k]
		if !glued {
			num.suffix = strings.ToLower(s[j:k])
			for k < len(s) && (figIsLetter(s[k]) || figIsDigit(s[k])) {
				num.form = figNumCode // "4x4", "3G2"
				k++
			}
			j = k
		}
	case strings.HasPrefix(s[j:], "'s") && (j+2 == len(s) || !figIsLetter(s[j+2])):
		num.suffix, j = "'s", j+2
	case strings.HasPrefix(s[j:], "’s") && (j+4 == len(s) || !figIsLetter(s[j+4])):
		num.suffix, j = "'s", j+4
	}
	return j, num
}

// figClassify reads the digit groups of a numeral.
func figClassify(s string, groups []figGroup) figNum {
	hyphen, hyphens := 0, 0
	for k, g := range groups {
		switch g.sep {
		case ':':
			return figNum{form: figNumClock}
		case '/':
			if v, ok := figFraction(s, groups); ok {
				return figNum{lo: v, hi: v}
			}
			return figNum{form: figNumDate}
		case '-':
			hyphen = k
			hyphens++
		}
	}
	switch hyphens {
	case 0:
		v, ok, d, frac2 := figParseDigits(s, groups)
		if !ok {
			return figNum{form: figNumCode}
		}
		return figNum{lo: v, hi: v, plainInt: len(groups) == 1, intDigits: d, frac2: frac2}
	case 1:
		lo, okL, dl, _ := figParseDigits(s, groups[:hyphen])
		hi, okR, dr, _ := figParseDigits(s, groups[hyphen:])
		if !okL || !okR || !(lo < hi) {
			return figNum{form: figNumDate} // "3-1", "1986-87"
		}
		if hyphen == 1 && len(groups) == 2 && dl == 4 && (dr == 4 || dr == 2) {
			return figNum{form: figNumDate} // "2015-2016"
		}
		return figNum{lo: lo, hi: hi}
	}
	return figNum{form: figNumDate} // "2024-11-29"
}

// figFraction reads a fraction in eighths and the like, as financial
// copy writes them: "7/8", "1-1/8" (one and an eighth), "10-13/16". Other
// slashed numerals are dates ("02/12/2024").
func figFraction(s string, groups []figGroup) (float64, bool) {
	n := len(groups)
	if n < 2 || n > 3 || groups[n-1].sep != '/' || (n == 3 && groups[1].sep != '-') {
		return 0, false
	}
	val := func(g figGroup) float64 {
		v, _ := strconv.Atoi(s[g.a:g.b])
		return float64(v)
	}
	num, den := val(groups[n-2]), val(groups[n-1])
	switch den {
	case 2, 4, 8, 16, 32, 64:
	default:
		return 0, false
	}
	if num <= 0 || num >= den {
		return 0, false
	}
	whole := 0.0
	if n == 3 {
		whole = val(groups[0])
	}
	return whole + num/den, true
}

// figParseDigits parses digit groups joined by ',' and '.' (the first
// group's separator is ignored). Commas separate thousands; one dot is a
// decimal point, except that dots between groups of three ("1.000.000")
// and a lone ".000" ("100.000") separate thousands. It returns the value,
// whether it parsed, the number of integer digits and whether there are
// exactly two decimals.
func figParseDigits(s string, groups []figGroup) (v float64, ok bool, intDigits int, frac2 bool) {
	if g := groups[0]; len(groups) == 1 && g.b-g.a <= figExactDigits {
		// Most numerals: one group of digits, an integer a float64 holds
		// exactly, read where it stands.
		var m uint64
		for _, c := range []byte(s[g.a:g.b]) {
			m = m*10 + uint64(c-'0')
		}
		return float64(m), true, g.b - g.a, false
	}
	dots, commas := 0, 0
	for _, g := range groups[1:] {
		switch g.sep {
		case '.':
			dots++
		case ',':
			if dots > 0 {
				return 0, false, 0, false
			}
			commas++
		}
	}
	thousandDots := false
	switch {
	case dots >= 2:
		for _, g := range groups[1:] {
			if g.b-g.a != 3 || g.sep != '.' {
				return 0, false, 0, false // "1.2.3": a version
			}
		}
		thousandDots = true
	case dots == 1 && commas == 0 && len(groups) == 2:
		g := groups[1]
		thousandDots = s[g.a:g.b] == "000" && groups[0].b-groups[0].a <= 3
	}
	var buf [64]byte
	b := buf[:0]
	for k, g := range groups {
		if k > 0 && g.sep == '.' && !thousandDots {
			b = append(b, '.')
			frac2 = g.b-g.a == 2
		} else {
			intDigits += g.b - g.a
		}
		b = append(b, s[g.a:g.b]...)
	}
	if len(b) <= figExactDigits {
		// Most numerals: the digits make an integer m that a float64
		// holds exactly, and the value is m / 10^decimals, one correctly
		// rounded division, which is what strconv.ParseFloat computes
		// for them.
		var m uint64
		decimals, point := 0, false
		for _, c := range b {
			switch {
			case c == '.':
				point = true
			case point:
				decimals++
				fallthrough
			default:
				m = m*10 + uint64(c-'0')
			}
		}
		return float64(m) / figPow10[decimals], true, intDigits, frac2
	}
	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return 0, false, 0, false
	}
	return f, true, intDigits, frac2
}

// figExactDigits is how many digits figParseDigits reads as an exact
// integer: 10^15 < 2^53.
const figExactDigits = 15

// figPow10 holds the powers of ten up to 10^figExactDigits, each exact.
var figPow10 = [figExactDigits + 1]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15}

// FindFigures returns the figure claims of sentence in order: counts of
// people, places and things, amounts of money and percentages, written in
// digits ("5812 civilians", "100,000 Syrian pounds", "£1.2bn", "12 mln
// dlrs"), in words ("five people", "half a million dead") or as vague
// quantities ("dozens of towns", "tens of thousands of civilians",
// "displaced millions"). Dates, clock times, ages, durations, ordinals,
// labels ("page 5"), list numbers, phone numbers and model names ("Switch
// 2") are not figures.
//
// Each number is its own figure: "at least 311 dead, 183 from HTS ...,
// 100 Syrian soldiers ... as well as 28 civilians" gives four casualty
// figures, the breakdown taking its subkind from "dead" (a figure of
// people with no cue of its own continues the casualty or displacement
// figure before it). A bare number without a counted noun or unit ("four
// in Idlib") is a figure only in a casualty or displacement context; so is
// a weak quantifier ("several women and children"). lex must have been
// compiled by LoadLexicon (or compile); FindFigures returns nil when lex is
// nil. It runs in time linear in len(sentence).
func FindFigures(sentence string, lex *FigureLexicon) []FigureMatch {
	if lex == nil {
		return nil
	}
	if lex.c == nil {
		panic("audit: FindFigures with a FigureLexicon that was not compiled")
	}
	f := figFinders.Get().(*figFinder)
	defer f.release()
	return slices.Clone(f.find(sentence, lex))
}

// figFinder finds the figures of one sentence after another, reusing its
// buffers: the slice find returns is good until the next call. The
// Quantity of each figure outlives the call; a finder hands them out of
// a slab it allocates as needed, so that one article's figures take one
// allocation rather than one each. release puts a finder back in
// figFinders, leaving its slab to the figures it handed out.
type figFinder struct {
	p figParser
}

// release returns f to figFinders. The rest of its Quantity slab stays
// with the article it served: a Quantity of one article never shares
// an array with another's.
func (f *figFinder) release() {
	f.p.quants = nil
	figFinders.Put(f)
}

// figQuantSlab is how many Quantities a figFinder allocates at once.
const figQuantSlab = 8

// newQuantity returns a new Quantity holding q: with p.reuse the next of
// p.kept, otherwise one from the parser's slab.
func (p *figParser) newQuantity(q Quantity) *Quantity {
	if p.reuse {
		p.kept = append(p.kept, q)
		return &p.kept[len(p.kept)-1]
	}
	if len(p.quants) == 0 {
		p.quants = make([]Quantity, figQuantSlab)
	}
	r := &p.quants[0]
	*r = q
	p.quants = p.quants[1:]
	return r
}

// figFinders keeps figFinders for reuse, across articles and goroutines.
var figFinders = sync.Pool{New: func() any { return new(figFinder) }}

// find is FindFigures for a compiled, non-nil lex.
func (f *figFinder) find(sentence string, lex *FigureLexicon) []FigureMatch {
	if !lex.c.mayHold(sentence) {
		return nil
	}
	return f.parse(sentence, lex)
}

// parse is find without the mayHold test: it tokenizes sentence and
// tries a figure at every token that can begin one.
func (f *figFinder) parse(sentence string, lex *FigureLexicon) []FigureMatch {
	p := &f.p
	// Field by field, not as a whole new figParser, which is built on
	// the stack and copied: the buffers, the Quantity slab and reuse
	// with kept stay.
	p.s, p.lex, p.c = sentence, lex, lex.c
	p.toks, p.nums, p.out, p.firsts = p.toks[:0], p.nums[:0], p.out[:0], p.firsts[:0]
	p.figParserLast = figParserLast{lastEnd: -1, anchorEnd: -1}
	if cap(p.toks) == 0 {
		p.toks = make([]figToken, 0, len(sentence)/5+4)
	}
	p.toks, p.nums = figTokenize(sentence, p.toks, p.nums, p.c)
	for i := 0; i < len(p.toks); {
		if f := p.toks[i].flags; f&figFStart == 0 || f&figFValStart == 0 && !p.valueWithin(i) {
			// Only a numeral or a word that can begin a figure starts one,
			// and only with a value within reach (at would find nothing).
			i++
			continue
		}
		if r := p.at(i); r.status != figNone {
			i = r.end // a figure, appended to p.out, or tokens to skip
		} else {
			i++
		}
	}
	if len(p.out) == 0 {
		return nil
	}
	return p.out
}

// valueWithin reports whether a value can start within c.reach tokens
// of token i: at a token flagged figFValStart, or at an article before a
// figFArtValue word. at finds nothing at a start without one: the value
// it reads starts within reach, and figParser.value reads nothing at any
// other token.
func (p *figParser) valueWithin(i int) bool {
	toks := p.toks
	end := min(i+p.c.reach+1, len(toks))
	for j := i; j < end; j++ {
		f := toks[j].flags
		if f&figFValStart != 0 || f&figFArticle != 0 && j+1 < len(toks) && toks[j+1].flags&figFArtValue != 0 {
			return true
		}
	}
	return false
}

// Parse results.
const (
	figNone  = iota
	figSkip  // not a figure; skip the tokens it covers
	figFound // a figure
)

// figResult is what at found at a token: its status, and the token after
// the tokens it covers. A figure found is appended to figParser.out.
type figResult struct {
	status int
	end    int
}

type figParser struct {
	s    string
	lex  *FigureLexicon
	c    *figCompiled
	toks []figToken
	nums []figNum
	out  []FigureMatch
	// quants are the unused Quantities of the slab newQuantity hands out.
	quants []Quantity
	// With reuse, newQuantity appends the Quantities to kept instead, a
	// buffer its owner empties and reuses from one article to the next:
	// it must copy them out before (Analyzer.claims does).
	reuse bool
	kept  []Quantity
	// firsts holds, once sentenceStart has needed it, whether each token
	// begins a sentence (figFirsts); empty until then.
	firsts []bool

	figParserLast
}

// figParserLast is what a figParser keeps of the figures it has found in
// a sentence: the last figure found, and the last casualty or
// displacement figure that had its subkind of its own (its anchor): a
// figure of people with no cue continues a list the anchor started.
type figParserLast struct {
	lastSub   string
	lastStart int // first token of the last figure
	lastEnd   int // end token of the last figure, -1 before the first
	anchorEnd int // end token of the anchor, -1 when none
}

func (p *figParser) flag(i int, f uint32) bool {
	return uint(i) < uint(len(p.toks)) && p.toks[i].flags&f != 0
}

// lexWord is what the lexicon says of token i; the entry of unknown
// tokens when i is out of range.
func (p *figParser) lexWord(i int) *figWord {
	if i < 0 || i >= len(p.toks) {
		return &p.c.words[0]
	}
	return &p.c.words[p.toks[i].id]
}

// sentenceStart reports whether token i begins a sentence: only openers
// stand between it and the start of the text or a sentence end. It is
// asked of few tokens, most of them after a word: the openers before i
// are read back, as far as figOpenerRun, then the sentences are numbered
// once for the rest of the sentence (firsts), so that a long run of
// openers is not read again and again.
func (p *figParser) sentenceStart(i int) bool {
	for k := i - 1; k >= max(i-figOpenerRun, 0); k-- {
		f := p.toks[k].flags
		if f&figFSentenceEnd != 0 {
			return true
		}
		if f&figFOpener == 0 {
			return false
		}
	}
	if i <= figOpenerRun {
		return true // openers back to the start of the text
	}
	if len(p.firsts) != len(p.toks) {
		p.firsts = figFirsts(p.firsts[:0], p.toks)
	}
	return p.firsts[i]
}

// figOpenerRun is how many openers sentenceStart reads back before it
// numbers the sentences.
const figOpenerRun = 8

// figFirsts appends to dst whether each token of toks begins a sentence:
// it follows a sentence end, or openers that follow one or the start.
func figFirsts(dst []bool, toks []figToken) []bool {
	first := true
	for i := range toks {
		dst = append(dst, first)
		f := toks[i].flags
		first = f&figFSentenceEnd != 0 || first && f&figFOpener != 0
	}
	return dst
}

// sameSentence reports whether tokens a <= b are in the same sentence:
// no sentence end stands in [a, b).
func (p *figParser) sameSentence(a, b int) bool {
	for k := a; k < b; k++ {
		if p.toks[k].flags&figFSentenceEnd != 0 {
			return false
		}
	}
	return true
}

// figVal is the value part of a figure.
type figVal struct {
	status    int // figNone, figSkip or figFound
	lo, hi    float64
	vague     int // index into Vague, -1 when none
	worded    bool
	fraction  bool
	scaled    bool // a multiplier or scale word of 1000 or more applied
	ambiguous bool // scaled by an ambiguous multiplier
	digits    bool // a numeral in digits
	num       figNum
	unit      int // unit glued on ("10km"), -1 when none
	cur       int // currency glued on ("300p"), -1 when none
	start     int // first token
	end       int // token after
}

// figMaxMods is how many modifiers may stand between a number and its
// noun ("hundreds of stranded vehicles"); figMaxParts how many parts a
// hyphenated modifier may have ("pro-government").
const (
	figMaxMods  = 2
	figMaxParts = 4
)

// value reads the number at token j.
func (p *figParser) value(j int) figVal {
	v := figVal{vague: -1, unit: -1, cur: -1, start: j, end: j}
	if j >= len(p.toks) {
		return v
	}
	t := p.toks[j]
	c := p.c
	if t.kind == figTokNum {
		num := p.nums[t.num]
		v.digits, v.num, v.end = true, num, j+1
		if num.form != figNumValue {
			v.status = figSkip
			return v
		}
		v.lo, v.hi = num.lo, num.hi
		if sfx := num.suffix; sfx != "" {
			if id, ok := c.mult.word(c.table.lookup(sfx, false), sfx); ok {
				m := p.lex.Multipliers[id]
				v.lo, v.hi = figScale(v.lo, m.Value), figScale(v.hi, m.Value)
				v.scaled = m.Value >= 1000
				v.ambiguous = m.Ambiguous
			} else if id, ok := c.units.word(c.table.lookup(sfx, false), sfx); ok {
				v.unit = id
			} else if id, ok := c.curGlued[sfx]; ok {
				v.cur = id
			} else {
				// ordinals, decades, durations, clock times, codes
				v.status = figSkip
				return v
			}
		}
		for k := 0; k < 2 && !v.ambiguous && v.end < len(p.toks); k++ {
			n, id := c.mult.match(p.s, p.toks, v.end)
			if n == 0 || p.lex.Multipliers[id].Ambiguous {
				break
			}
			m := p.lex.Multipliers[id].Value
			v.lo, v.hi = figScale(v.lo, m), figScale(v.hi, m)
			v.scaled = v.scaled || m >= 1000
			v.end += n
		}
		v.status = figFound
		return v
	}
	if t.kind != figTokWord {
		return v
	}
	if n, id := c.vague.match(p.s, p.toks, j); n > 0 {
		vg := p.lex.Vague[id]
		v.vague, v.lo, v.hi, v.end, v.status = id, vg.Min, vg.Max, j+n, figFound
		v.scaled = vg.Min >= 1000
		return v
	}
	// Fractions: "half a million", "half the city", "a third of",
	// "two-thirds of".
	k, count := j, 1.0
	if p.flag(k, figFArticle) {
		k++
	} else if n := c.words[t.id].number; n > 0 && k+2 < len(p.toks) && p.isHyphen(k+1) {
		if c.words[p.toks[k+2].id].frac > 0 {
			count, k = n, k+2
		}
	}
	if f := p.lexWord(k).frac; f > 0 && (k > j || p.toks[k].kind == figTokWord) {
		after := k + 1
		if after+1 < len(p.toks) && p.flag(after, figFArticle) {
			if s := c.words[p.toks[after+1].id].scale; s > 0 {
				w, end, _ := p.words(after)
				v.lo, v.hi, v.end, v.worded, v.status = f*count*w, f*count*w, end, true, figFound
				v.scaled = s >= 1000
				return v
			}
		}
		if p.flag(after, figFPartitive) || p.flag(after, figFDeterminer) {
			pct := f * count * 100
			pct = math.Round(pct*100) / 100
			v.lo, v.hi, v.end, v.fraction, v.status = pct, pct, after, true, figFound
			return v
		}
	}
	if w, end, ok := p.words(j); ok {
		v.lo, v.hi, v.end, v.worded, v.status = w, w, end, true, figFound
		for k := j; k < end; k++ {
			if c.words[p.toks[k].id].scale >= 1000 {
				v.scaled = true
			}
		}
		// A multiplier after a worded number: "one mln bpd".
		if n, id := c.mult.match(p.s, p.toks, v.end); n > 0 && !v.scaled && !p.lex.Multipliers[id].Ambiguous {
			m := p.lex.Multipliers[id].Value
			v.lo, v.hi = figScale(v.lo, m), figScale(v.hi, m)
			v.scaled = m >= 1000
			v.end += n
		}
	}
	return v
}

// is reports whether token i has the vocabulary number id, one of
// figNamed's marks: whether p.key(i) is that mark.
func (p *figParser) is(i int, id int32) bool {
	return uint(i) < uint(len(p.toks)) && p.toks[i].id == id
}

// keyIs reports whether p.key(i) == w, id being w's vocabulary number
// (figNamed's at or from): a token whose key the vocabulary names has
// its number, so the number tells when there is one.
func (p *figParser) keyIs(i int, id int32, w string) bool {
	if id != 0 {
		return p.is(i, id)
	}
	return p.key(i) == w
}

// isHyphen reports whether token i is a hyphen.
func (p *figParser) isHyphen(i int) bool { return p.is(i, p.c.named.hyphen) }

// key is the key of token i (figCompiled.tokenKey), "" when i is out of
// range.
func (p *figParser) key(i int) string {
	if i < 0 || i >= len(p.toks) {
		return ""
	}
	return p.c.tokenKey(p.s, &p.toks[i])
}

// words parses a worded number at token j: "five", "twenty-eight", "two
// hundred and fifty", "six million", "a dozen".
func (p *figParser) words(j int) (float64, int, bool) {
	c := p.c
	total, cur := 0.0, 0.0
	const (
		none = iota
		unit
		tens
		scale
	)
	last, k := none, j
	big := math.Inf(1) // the last scale of 1000 or more: they must decrease
	if p.flag(k, figFArticle) {
		if p.lexWord(k+1).scale == 0 {
			return 0, j, false
		}
		cur, last, k = 1, unit, k+1
	}
	for k < len(p.toks) {
		t := p.toks[k]
		if t.kind != figTokWord {
			if p.isHyphen(k) && last == tens && !t.space && k+1 < len(p.toks) && !p.toks[k+1].space {
				if n := c.words[p.toks[k+1].id].number; n > 0 && n < 10 {
					k++
					continue
				}
			}
			break
		}
		if n := c.words[t.id].number; n > 0 {
			if last == unit || (last == tens && n >= 10) {
				break
			}
			cur += n
			if n >= 20 && n < 100 {
				last = tens
			} else {
				last = unit
			}
			k++
			continue
		}
		if s := c.words[t.id].scale; s > 0 && last != none {
			if s < 1000 {
				cur *= s
			} else {
				if s >= big {
					break // "thousand million", "million million"
				}
				total += cur * s
				cur, big = 0, s
			}
			last = scale
			k++
			continue
		}
		if p.flag(k, figFCoordinator) && last == scale && k+1 < len(p.toks) {
			if c.words[p.toks[k+1].id].number > 0 {
				k++
				continue
			}
		}
		break
	}
	if last == none {
		return 0, j, false
	}
	if p.flag(k-1, figFCoordinator) {
		k--
	}
	return total + cur, k, true
}

// figScale multiplies v by m, rounding as a decimal literal would when m
// is a power of ten ("1.2bn" is 1.2e9, not 1.2*1e9).
func figScale(v, m float64) float64 {
	if e := math.Log10(m); e == math.Trunc(e) && e > 0 && e < 300 {
		f, err := strconv.ParseFloat(strconv.FormatFloat(v, 'g', -1, 64)+"e"+strconv.Itoa(int(e)), 64)
		if err == nil {
			return f
		}
	}
	return v * m
}

// figHead is the counted noun of a figure.
type figHead struct {
	class int
	name  string
	end   int
	cur   int // currency after "of" ("millions of dollars"), -1 when none
}

// head finds the counted noun at token k: "people", "of civilians", "of
// stranded vehicles", "Syrian soldiers", "of cars and buses".
func (p *figParser) head(k int, v figVal) figHead {
	h := figHead{end: k, cur: -1}
	kk := k
	of := false
	if p.flag(kk, figFPartitive) {
		kk++
		of = true
		if p.flag(kk, figFDeterminer) || p.flag(kk, figFPartPronoun) && p.toks[kk].kind == figTokWord {
			kk++ // "of the civilians", "30 of them children"
		}
		if n, id := p.c.curAfter.match(p.s, p.toks, kk); n > 0 && (v.vague >= 0 || v.scaled) {
			h.cur, h.end = id, kk+n
			return h
		}
	} else if v.fraction {
		if !p.flag(kk, figFDeterminer) {
			return h
		}
		kk++
		of = true
	}
	if v.fraction && !of {
		return h
	}
	// An unlisted plural may follow modifiers when nothing stands between
	// the number and them: "40 software programs", "two other clubs",
	// "Eight super-casinos"; after "of" only a vague quantity, a number in
	// digits or a scaled one counts one ("thousands of tanks", not "two of
	// my grandchildren").
	generic := !v.fraction && !(v.worded && v.lo == 1 && v.hi == 1) &&
		(v.digits || v.scaled || of && v.vague >= 0 || v.worded && !of)
	coordinated := false
	for mods := 0; ; mods++ {
		if n, id := p.noun(kk); n > 0 {
			h.class, h.name, h.end = p.c.nounList[id].class, p.c.nounList[id].name, kk+n
			if e := h.end; !strings.HasSuffix(h.name, "s") && p.pluralNoun(e) {
				// A singular noun modifying an unlisted one: "several
				// rebel areas".
				h.class, h.name, h.end = figNounGeneric, p.key(e), e+1
				return h
			}
			// "cars and buses", "women and children", "trucks and
			// civilian cars"; not "soldiers and members of ...", which
			// starts a new phrase, nor "dead and displaced millions", where
			// a new figure starts.
			if e := h.end; p.flag(e, figFCoordinator) {
				if n2, _ := p.noun(e + 1); n2 > 0 && !p.flag(e+1+n2, figFPartitive) && !p.startsValue(e+1+n2) {
					h.end = e + 1 + n2
				}
			}
			return h
		}
		if end, last, ok := p.compound(kk); ok && generic && p.pluralNoun(last) {
			// "350 stores", "thousands of tanks", "100,000 e-mails".
			h.class, h.name, h.end = figNounGeneric, figLower(p.s[p.toks[kk].start:p.toks[last].end]), end
			return h
		}
		if mods == figMaxMods {
			break
		}
		end, ok := p.modifier(kk)
		if !ok {
			break
		}
		kk = end
		if mods > 0 || coordinated || !p.flag(kk, figFCoordinator) {
			continue
		}
		// Coordinated modifiers: "military and civilian staff", "European
		// and Arab countries"; not "soldiers and members".
		if _, ok := p.modifier(kk + 1); ok && !p.startsFigure(kk+1) {
			kk++
			coordinated = true
		}
	}
	return h
}

// compound returns the end of the word at k with any hyphenated parts
// ("super-casinos") and the index of its last part; ok is false when k is
// not a word. The first part must be lower-case.
func (p *figParser) compound(k int) (end, last int, ok bool) {
	if k >= len(p.toks) || p.toks[k].kind != figTokWord || p.toks[k].upper {
		return k, k, false
	}
	last = k
	for parts := 1; parts < figMaxParts && last+2 < len(p.toks) && p.isHyphen(last+1) && !p.toks[last+1].space && !p.toks[last+2].space && p.toks[last+2].kind == figTokWord; parts++ {
		last += 2
	}
	return last + 1, last, true
}

// noun matches a counted noun at token k: its length in tokens and its
// index in nounList. A noun before another noun modifies it: "several
// rebel areas", "five civilian deaths".
func (p *figParser) noun(k int) (int, int) {
	n, id := p.c.nouns.match(p.s, p.toks, k)
	if n == 0 || !p.nounCase(k, id) {
		return 0, 0
	}
	if n2, id2 := p.c.nouns.match(p.s, p.toks, k+n); n2 > 0 && p.nounCase(k+n, id2) {
		n, id = n+n2, id2
	}
	return n, id
}

// nounCase reports whether the case of token k fits noun id.
func (p *figParser) nounCase(k, id int) bool {
	t := p.toks[k]
	return !t.upper || t.caps || p.c.nounList[id].proper || p.sentenceStart(k)
}

// startsFigure reports whether a number, or a hedge before one, starts
// at token k.
func (p *figParser) startsFigure(k int) bool {
	if n, _ := p.c.approx.match(p.s, p.toks, k); n > 0 {
		k += n
	}
	return p.startsValue(k)
}

// startsValue reports whether a number starts at token k.
func (p *figParser) startsValue(k int) bool {
	if k >= len(p.toks) {
		return false
	}
	if p.toks[k].kind == figTokNum {
		return true
	}
	if p.c.words[p.toks[k].id].number > 0 {
		return true
	}
	n, _ := p.c.vague.match(p.s, p.toks, k)
	return n > 0
}

// modifier returns the end of an adjective-like word at k ("Syrian",
// "stranded", "pro-government").
func (p *figParser) modifier(k int) (int, bool) {
	if k >= len(p.toks) || p.toks[k].kind != figTokWord || p.isStructural(k) {
		return k, false
	}
	k++
	for parts := 1; parts < figMaxParts && k+1 < len(p.toks) && p.isHyphen(k) && !p.toks[k].space && !p.toks[k+1].space && p.toks[k+1].kind == figTokWord; parts++ {
		k += 2
	}
	return k, true
}

// isStructural reports whether word k cannot modify a counted noun.
func (p *figParser) isStructural(k int) bool {
	t := &p.toks[k]
	if t.flags&(figFFunction|figFCueCasualty|figFCueDisplacement|figFSentenceEnd) != 0 {
		return true
	}
	if p.c.words[t.id].number > 0 {
		return true
	}
	// (Durations and clock words are not case-sensitive: the spelling
	// given them is not read.)
	if _, ok := p.c.durations.word(t.id, p.s[t.start:t.end]); ok {
		return true
	}
	if n, _ := p.c.curAfter.match(p.s, p.toks, k); n > 0 {
		return true
	}
	return false
}

// pluralNoun reports whether token k looks like an unlisted plural noun.
func (p *figParser) pluralNoun(k int) bool {
	if k >= len(p.toks) {
		return false
	}
	t := p.toks[k]
	if t.kind != figTokWord || t.upper {
		return false
	}
	if key := p.key(k); len(key) < 4 || !strings.HasSuffix(key, "s") || strings.HasSuffix(key, "ss") {
		return false
	}
	if t.flags&(figFNotNoun|figFFunction) != 0 || p.isStructural(k) {
		return false
	}
	if _, ok := p.c.clock.word(t.id, p.s[t.start:t.end]); ok {
		return false
	}
	return true
}

// at tries to read a figure starting at token i; a figure it finds it
// appends to p.out.
func (p *figParser) at(i int) figResult {
	c := p.c
	j := i
	approx, between := "", false
	if n, id := c.approx.match(p.s, p.toks, j); n > 0 {
		approx, j = c.approxNames[id], j+n
	} else if p.flag(j, figFRangeOpener) {
		between, j = true, j+1
	}
	cur := -1
	if n, id := c.curBefore.match(p.s, p.toks, j); n > 0 && j+n < len(p.toks) && p.toks[j+n].kind == figTokNum {
		cur, j = id, j+n
	}
	v := p.value(j)
	if v.status == figNone {
		return figResult{}
	}
	if v.status == figSkip {
		return figResult{status: figSkip, end: v.end}
	}
	k := v.end
	// Ranges: "200 to 300", "two or three", "between 200 and 300".
	ranged := false
	if k+1 < len(p.toks) && v.vague < 0 && !v.fraction && (p.flag(k, figFRangeJoiner) || between && p.flag(k, figFOpenerJoiner)) && !p.flag(i-1, figFRangeOpener) && !p.keyIs(i-1, c.named.from, "from") {
		if w := p.value(k + 1); w.status == figFound && w.vague < 0 && !w.fraction && w.digits == v.digits {
			lo := v.lo
			if w.scaled && !v.scaled && v.lo < w.lo && w.lo/w.hi >= 1 {
				// "10 to 15 million": the multiplier applies to both.
				if m := w.hi / figUnscaled(p, w); m > 1 {
					lo = figScale(v.lo, m)
				}
			}
			if lo < w.lo {
				v.lo, v.hi, v.end, v.scaled, v.ambiguous, v.unit = lo, w.hi, w.end, v.scaled || w.scaled, w.ambiguous, w.unit
				k, ranged = w.end, true
			}
		}
	}
	if between && !ranged {
		return figResult{}
	}
	if between {
		approx = "between"
	}
	unit := v.unit
	if cur < 0 && v.cur >= 0 {
		cur = v.cur // "300p"
	}
	if cur < 0 {
		if n, id := c.curAfter.match(p.s, p.toks, k); n > 0 {
			cur, k = id, k+n
		}
	}
	if cur < 0 && unit < 0 {
		if n, id := c.units.match(p.s, p.toks, k); n > 0 {
			unit, k = id, k+n
		}
	}
	if v.vague >= 0 && cur < 0 && unit < 0 && p.flag(k, figFPartitive) && k+1 < len(p.toks) {
		// A vague span of time or repetition: "thousands of years",
		// "dozens of times".
		if n, _ := c.durations.match(p.s, p.toks, k+1); n > 0 || p.flag(k+1, figFMultiplicative) {
			return figResult{status: figSkip, end: k + 1 + max(n, 1)}
		}
	}
	if cur < 0 && unit < 0 {
		// Durations, ages and clock times: "eight years", "24-hour",
		// "12-year-old", "5 p.m.", "eight o'clock".
		kk := k
		hyphen := k+1 < len(p.toks) && p.isHyphen(k) && !p.toks[k].space && !p.toks[k+1].space
		if hyphen {
			kk++
		}
		if n, _ := c.durations.match(p.s, p.toks, kk); n > 0 && !v.fraction {
			return figResult{status: figSkip, end: kk + n}
		}
		if n, _ := c.clock.match(p.s, p.toks, kk); n > 0 && !v.fraction {
			return figResult{status: figSkip, end: kk + n}
		}
		if hyphen {
			if n, id := c.units.match(p.s, p.toks, kk); n > 0 {
				unit, k = id, kk+n // "a 10-km stretch"
			} else if p.toks[kk].kind == figTokWord && !v.worded {
				return figResult{status: figSkip, end: kk + 1} // "100-strong", "12-member"
			}
		}
	}
	if v.lo == 1 && v.hi == 1 && !v.scaled && v.vague < 0 && !v.fraction && p.flag(k, figFPartitive) {
		return figResult{status: figSkip, end: k} // "one of the largest"
	}
	if unit >= 0 && p.lex.Units[unit].Distance && p.flag(k, figFLocator) {
		return figResult{status: figSkip, end: k} // "40 kms east of", "15 km from"
	}
	var h figHead
	h.cur = -1
	if cur < 0 && unit < 0 {
		h = p.head(k, v)
		if h.cur >= 0 {
			cur = h.cur
		}
		if h.end > k {
			k = h.end
		}
	}
	if v.ambiguous && cur < 0 && (h.class == figNounNone || h.class == figNounGeneric) {
		return figResult{status: figSkip, end: k} // "100m", "60m hurdles": metres?
	}
	bare := cur < 0 && unit < 0 && h.class == figNounNone
	loose := cur < 0 && unit < 0 && (h.class == figNounNone || h.class == figNounGeneric)
	if p.notFigure(i, v, loose, bare, approx != "" || cur >= 0) {
		return figResult{status: figSkip, end: v.end}
	}

	// Subkind.
	sub, cued, inherited := FigureOther, false, false
	switch {
	case cur >= 0:
		sub = FigureMoney
	case unit >= 0:
		sub = p.lex.Units[unit].Subkind
	case h.class == figNounCasualty:
		sub = FigureCasualty
	case h.class == figNounDisplacement:
		sub = FigureDisplacement
	case h.class == figNounTerritory:
		sub = FigureTerritory
	case h.class == figNounThing || h.class == figNounGeneric:
		sub = FigureOther
	default: // people, or nothing counted
		window := p.lex.CueWindow
		if h.class == figNounNone && p.changeLevel(i) {
			// The level a toll reached: its subject may be long ("The
			// death toll from a suspected attack on a town has risen
			// to 86").
			window *= 2
		}
		sub = p.cue(i, k, window)
		if sub == FigureOther && p.inherits(i) {
			sub, inherited = p.lastSub, true
		}
		cued = sub != FigureOther
	}

	// Which numbers are figures.
	one := v.lo == 1 && v.hi == 1 && !v.scaled
	switch {
	case v.vague >= 0 && p.lex.Vague[v.vague].Weak:
		return figResult{status: figSkip, end: v.end} // "several", "a few"
	case v.worded && !v.scaled && approx == "" && cur < 0 && unit < 0 && !cued && p.flag(i-1, figFAnaphoric):
		return figResult{} // "the two men", "the two companies": already introduced
	case v.vague >= 0 && p.lex.Vague[v.vague].NeedsNoun && h.class == figNounNone:
		return figResult{}
	case v.fraction && h.class == figNounNone:
		return figResult{}
	case bare && one:
		return figResult{status: figSkip, end: v.end} // "no one", "the only one"
	case bare && !(v.vague >= 0 || v.scaled || cued || figLarge(v) || p.changeLevel(i)):
		return figResult{}
	case one && h.class == figNounPeople && !cued:
		return figResult{} // "One man told AFP"
	}

	q := Quantity{Min: v.lo, Max: v.hi, Approx: approx}
	if q.Approx == "" && v.vague >= 0 {
		q.Approx = p.lex.Vague[v.vague].Phrases[0]
	}
	switch {
	case cur >= 0:
		cu := p.lex.Currencies[cur]
		q.Unit = cu.Code
		if cu.Scale != 1 {
			q.Min, q.Max = q.Min*cu.Scale, q.Max*cu.Scale
		}
	case unit >= 0:
		u := p.lex.Units[unit]
		q.Unit = u.Unit
		if u.Digits && q.Min >= 1 && q.Max < 16 {
			// "a seven-figure sum": seven digits.
			q.Min, q.Max = math.Pow(10, q.Min-1), math.Pow(10, q.Max)-1
			if q.Approx == "" {
				q.Approx = "figures"
			}
		}
	case v.fraction:
		q.Unit = "%"
	default:
		q.Unit = h.name
	}
	q.Exact = q.Approx == "" && q.Min == q.Max
	var qp *Quantity
	if !math.IsInf(q.Min, 0) && !math.IsInf(q.Max, 0) && !math.IsNaN(q.Min) && !math.IsNaN(q.Max) {
		qp = p.newQuantity(q)
	}
	start, end := p.toks[i].start, p.toks[k-1].end
	p.lastSub, p.lastStart, p.lastEnd = sub, i, k
	if (sub == FigureCasualty || sub == FigureDisplacement) && !inherited {
		p.anchorEnd = k
	}
	p.out = append(p.out, FigureMatch{Start: start, End: end, Text: p.s[start:end], Subkind: sub, Quantity: qp})
	return figResult{status: figFound, end: k}
}

// changeLevel reports whether the bare number at token i is the level a
// change verb leads to: "has risen to 86", "have reached 440", "pushed
// circulation up by 20% to 260,000". The verb stands right before the
// number, or up to changeReach words before a link ("to", "at") that
// does.
func (p *figParser) changeLevel(i int) bool {
	const changeReach = 5
	k := i - 1
	if p.flag(k, figFChangeVerb) {
		return true
	}
	if !p.flag(k, figFChangeLink) {
		return false
	}
	if n, _ := p.c.approx.match(p.s, p.toks, k-1); n > 1 {
		return false // "up to six": a hedge, not a change
	}
	for d, t := 0, k-1; t >= 0 && d < changeReach && t >= k-figTokenCap(changeReach); t-- {
		if p.flag(t, figFSentenceEnd) || p.flag(t, figFCoordinator) {
			return false
		}
		if p.toks[t].kind == figTokPunct {
			continue
		}
		if p.flag(t, figFChangeVerb) {
			return true
		}
		d++
	}
	return false
}

// inherits reports whether a figure of people at token i with no cue of
// its own continues the casualty or displacement figure before it: in the
// same sentence, within InheritWindow words of the last figure and three
// times that of the list's anchor ("at least 311 dead, 183 ..., 100
// Syrian soldiers ... as well as 28 civilians").
func (p *figParser) inherits(i int) bool {
	w := p.lex.InheritWindow
	// The windows first: they bound the tokens sameSentence reads.
	return (p.lastSub == FigureCasualty || p.lastSub == FigureDisplacement) &&
		p.lastEnd >= 0 && p.anchorEnd >= 0 &&
		p.within(p.lastEnd, i, w) && p.within(p.anchorEnd, i, 3*w) &&
		p.sameSentence(p.lastStart, i) && p.sameSentence(p.anchorEnd-1, i)
}

// within reports whether tokens [a, b) hold at most limit words and
// numerals. It looks at no more than figTokenCap(limit) tokens, so that
// FindFigures stays linear.
func (p *figParser) within(a, b, limit int) bool {
	if b-a > figTokenCap(limit) {
		return false
	}
	n := 0
	for ; a < b; a++ {
		if p.toks[a].kind != figTokPunct {
			if n++; n > limit {
				return false
			}
		}
	}
	return true
}

// figTokenCap bounds how many tokens a search for limit words looks at.
func figTokenCap(limit int) int { return 4*limit + 16 }

// figUnscaled returns the value of w before its multiplier.
func figUnscaled(p *figParser, w figVal) float64 {
	if !w.digits {
		return w.hi
	}
	return p.nums[p.toks[w.start].num].hi
}

// notFigure reports whether the number of v, the figure starting at token
// i, is a date, clock time, year, label, age, list number, phone number,
// code or name. loose is true when nothing listed follows the number (no
// currency, unit or listed noun), bare when no noun at all does; hedged
// when a hedge or currency symbol comes before it.
func (p *figParser) notFigure(i int, v figVal, loose, bare, hedged bool) bool {
	prev, next := i-1, v.end
	// Codes and hyphenated words: "COVID-19", "Su-24", "no-one".
	if prev >= 1 && p.isHyphen(prev) && !p.toks[prev].space && !p.toks[i].space && p.toks[prev-1].kind == figTokWord && !hedged {
		return true
	}
	// Phone numbers: "+963 11 ...", "call 0944".
	for k := prev; k >= 0 && k >= prev-3; k-- {
		if p.flag(k, figFPhone) {
			return true
		}
	}
	if loose {
		switch {
		case p.flag(next, figFMultiplicative): // "nine times out of ten"
			return true
		case p.flag(prev, figFPartitive) && p.flag(prev-1, figFKin|figFAge|figFRatio):
			return true // "a mother of five", "at the age of 79", "out of ten"
		case p.flag(prev, figFAge): // "aged 35"
			return true
		case p.keyIs(prev, p.c.named.at, "at") && p.flag(prev-1, figFAgeVerb) && v.lo <= 120: // "dies at 62"
			return true
		case p.flag(prev, figFCopula) && v.lo <= 120 && (next >= len(p.toks) || p.toks[next].kind == figTokPunct):
			return true // "He was 84, ...", "my daughter, who is 14 -"
		case bare && !figLarge(v) && next < len(p.toks) && p.toks[next].kind == figTokWord && p.toks[next].upper && !p.toks[next].caps && !p.sentenceStart(next):
			return true // names: "Six Nations", "50 First Dates"; not "15,000 Iranian Revolutionary Guards"
		}
	}
	if !v.digits {
		return false
	}
	num := v.num
	// Dates: "November 30", "Dec. 22", "30 Nov".
	if !hedged && num.plainInt && p.isMonthBefore(prev) {
		return true
	}
	if n, _ := p.c.months.match(p.s, p.toks, next); n > 0 && !hedged && num.plainInt && v.lo <= 31 {
		return true // "30 Nov", "the 11 September attacks"
	}
	// Years: "in 2011", "since 2016", "the 1989 Children Act".
	y := p.lex.NotFigures.Years
	if num.plainInt && num.intDigits == 4 && !hedged && v.lo >= float64(y.Min) && v.lo <= float64(y.Max) &&
		(loose || next < len(p.toks) && p.toks[next].upper) {
		return true
	}
	if !loose {
		return false
	}
	switch {
	case prev >= 0 && p.toks[prev].kind == figTokNum && p.nums[p.toks[prev].num].form != figNumValue:
		return true // "2024-11-29 23.32": a clock time after a date
	case num.frac2 && v.lo < 24 && p.keyIs(prev, p.c.named.at, "at"):
		return true // "at 23.32"
	case p.flag(prev, figFLabel) || p.is(prev, p.c.named.dot) && p.flag(prev-1, figFLabel):
		return true // "page 5", "No. 10", "#3"
	case num.plainInt && v.lo <= 120 && p.isAgeApposition(prev, next):
		return true // "Batool, 24,"
	case next < len(p.toks) && p.toks[next].kind == figTokNum && p.toks[next].space && v.lo == v.hi && p.phoneGroups(i, next),
		prev >= 0 && p.toks[prev].kind == figTokNum && p.phoneGroups(prev, i):
		return true // digit groups apart: "0944 123 456"; not "86 30 of them" with the commas lost
	case prev >= 0 && p.toks[prev].kind == figTokWord && p.toks[prev].upper && !hedged && !p.sentenceStart(prev):
		return true // "Nintendo Switch 2", "Boeing 737", "Radio 4"
	case p.sentenceStart(i) && (p.is(next, p.c.named.dot) || p.is(next, p.c.named.closeParen)):
		return true // list numbering: "1. Return of ..."
	}
	return false
}

// figLarge reports whether v is a number in digits of 1000 or more that
// cannot be a year: "15,000", "165000".
func figLarge(v figVal) bool {
	return v.digits && v.lo >= 1000 && !(v.num.plainInt && v.num.intDigits == 4)
}

// phoneGroups reports whether numerals a and b, set apart by a space,
// look like the groups of a phone number: one starts with 0, or both are
// three or four plain digits.
func (p *figParser) phoneGroups(a, b int) bool {
	ta, tb := p.toks[a], p.toks[b]
	if p.s[ta.start] == '0' || p.s[tb.start] == '0' {
		return true
	}
	short := func(t figToken) bool {
		n := p.nums[t.num]
		return n.form == figNumValue && n.plainInt && n.intDigits >= 3 && n.intDigits <= 4
	}
	return short(ta) && short(tb)
}

// isAgeApposition reports whether a number between tokens prev and next
// is an age set off after a name: "Batool, 24,", "Sarmad (31)".
func (p *figParser) isAgeApposition(prev, next int) bool {
	n := &p.c.named
	closes := p.is(next, n.closeParen)
	if !(p.is(prev, n.comma) && (closes || p.is(next, n.comma)) || closes && p.is(prev, n.openParen)) {
		return false
	}
	return prev >= 1 && p.toks[prev-1].kind == figTokWord && p.toks[prev-1].upper
}

// isMonthBefore reports whether token k is a month ("November 30") or the
// dot after an abbreviated one ("Dec. 22").
func (p *figParser) isMonthBefore(k int) bool {
	if p.is(k, p.c.named.dot) {
		k--
	}
	if k < 0 || p.toks[k].kind != figTokWord {
		return false
	}
	_, ok := p.c.months.word(p.toks[k].id, p.s[p.toks[k].start:p.toks[k].end])
	return ok
}

// cue returns the subkind the nearest cue word within CueWindow words of
// tokens [a, b) gives; FigureOther when none. The search stays in the
// sentence and the figure's conjunct: leftwards it stops at a coordinator,
// rightwards at a coordinator before another figure. A capitalized cue
// inside a sentence is part of a name ("Dead or Alive").
func (p *figParser) cue(a, b, window int) string {
	best, bestD := FigureOther, window+1
	look := func(from, step int) {
		d, limit := 0, figTokenCap(window)
		for t := from; t >= 0 && t < len(p.toks) && d < window && limit > 0; t, limit = t+step, limit-1 {
			if p.flag(t, figFSentenceEnd) {
				return
			}
			if p.toks[t].kind == figTokPunct {
				continue
			}
			d++
			tok := p.toks[t]
			f := tok.flags
			if tok.kind == figTokNum || tok.upper && !tok.caps && !p.sentenceStart(t) {
				f &^= figFCueCasualty | figFCueDisplacement // "Dead Or Alive"
			}
			if f&figFCoordinator != 0 && (step < 0 || p.startsFigure(t+1)) {
				// A coordinator starts a new conjunct: "killed and around 10
				// million have been displaced"; "311 dead and 28
				// civilians wounded". Further left, one that joins a cue
				// word goes on: "Britons dead or missing ... have reached
				// 440".
				if !(step < 0 && d > 1 && p.flag(t-1, figFCueCasualty|figFCueDisplacement)) {
					return
				}
			}
			var sub string
			switch {
			case f&figFCueCasualty != 0:
				sub = FigureCasualty
			case f&figFCueDisplacement != 0:
				sub = FigureDisplacement
			default:
				continue
			}
			if d < bestD {
				best, bestD = sub, d
			}
			return
		}
	}
	look(a-1, -1)
	look(b, 1)
	return best
}
