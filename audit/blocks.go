package audit

import (
	"fmt"
	"math/bits"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/sourcecheck/sourcecheck/internal/swar"
)

// BlockLexicon holds the cues that classify blocks (lexicon/blocks.yaml):
// markup hints, whole-block phrases, related-section headers, seams that
// split a glued prefix off a line, regular-expression cues, and the shape of
// headlines and subheadings in plain text.
type BlockLexicon struct {
	Version int `yaml:"version"`
	// Hints map the markup a block came from to a kind.
	Hints BlockHints `yaml:"hints"`
	// Phrases are whole-block labels per kind ("unsaveSave" is nav).
	Phrases map[BlockKind][]string `yaml:"phrases"`
	// Sections are headers ("Also read", "Related Articles") whose
	// following blocks belong to them.
	Sections []BlockSection `yaml:"sections"`
	// Seams split a prefix glued to the front of a block into a block of
	// its own.
	Seams []BlockSeam `yaml:"seams"`
	// Cues are regular expressions over a block's text, tried in order.
	Cues []BlockCue `yaml:"cues"`
	// Teasers describes a run of truncated teasers ending an article.
	Teasers TeaserRule `yaml:"teasers"`
	// Headline and Subheading describe what a title looks like in plain
	// text.
	Headline   TitleRule `yaml:"headline"`
	Subheading TitleRule `yaml:"subheading"`
	// Closers are marks ignored at the end of a block when looking at its
	// final punctuation; Openers are marks allowed before a title's first
	// letter.
	Closers []string `yaml:"closers"`
	Openers []string `yaml:"openers"`

	phrases map[string]blockPhrase
	// cueFirst[b] and cueLast[b] have bit i set when Cues[i] may match a
	// block that starts, and one that ends, with byte b (nil when there
	// are more than 64 cues).
	cueFirst, cueLast *[256]uint64
	// maxPhraseRunes is the length in runes of the longest key of phrases:
	// a block whose folded form must be longer is not looked up.
	maxPhraseRunes int
	// sizeChars, sizeWords and sizeSum bound what newItem counts: a block
	// with more runes, words and solid+words than these is too long for a
	// title, a section's follower, a phrase (maxPhraseRunes+3, see
	// mayBePhrase) and any cue with a word bound, and past them its counts
	// stop (blockItem.partial). Cues with a larger MaxChars count the
	// runes of such a block when their byte screens pass.
	sizeChars, sizeWords, sizeSum int
	// plainEnd holds the bytes that end no closer and no teaser ending: a
	// block ending in one is its own final mark (see finalMark). It is
	// empty until compile fills it.
	plainEnd byteSet
}

// BlockHints map markup to block kinds. A hint (see extract) names the
// block's element and the elements around it, innermost first, each with
// cue words from its class or id: "h2", "li in nav", "p in aside.promo",
// "span.byline in div".
type BlockHints struct {
	// Tags map the block's own element ("h1", "figcaption").
	Tags map[string]BlockKind `yaml:"tags"`
	// Containers map an element the block sits in ("nav", "aside").
	Containers map[string]BlockKind `yaml:"containers"`
	// Words map cue words of any element ("caption", "byline").
	Words map[string]BlockKind `yaml:"words"`
}

// BlockSection is a header that opens a run of blocks of one kind: the
// header and the blocks after it get Kind. At most Follow blocks follow
// (0: no limit); each must be at most MaxChars characters long and must
// not end in a full stop.
type BlockSection struct {
	Kind     BlockKind `yaml:"kind"`
	Phrases  []string  `yaml:"phrases"`
	Follow   int       `yaml:"follow"`
	MaxChars int       `yaml:"max_chars"`
}

// BlockSeam splits Prefix, when it matches at the start of a block and
// ends at the Boundary ("capital": a lowercase letter or digit followed by
// a capital; "space": white space), into a block of Kind. Cue names the
// seam in the block's Reason.
type BlockSeam struct {
	Kind     BlockKind `yaml:"kind"`
	Cue      string    `yaml:"cue"`
	Prefix   string    `yaml:"prefix"`
	Boundary string    `yaml:"boundary"`

	re *regexp.Regexp
	// first holds the bytes a match can start with (nil: any).
	first *byteSet
	// reason is the Reason of a block split off at the seam.
	reason string
}

// BlockCue is a regular expression that gives a block Kind when it
// matches where At says: "whole", "prefix", "suffix" or "any". MaxChars
// and MaxWords, when positive, bound the block's size. Cue names it in the
// block's Reason.
type BlockCue struct {
	Kind     BlockKind `yaml:"kind"`
	Cue      string    `yaml:"cue"`
	At       string    `yaml:"at"`
	Pattern  string    `yaml:"pattern"`
	MaxChars int       `yaml:"max_chars"`
	MaxWords int       `yaml:"max_words"`

	re *regexp.Regexp
	// first holds the bytes a match of a cue anchored at the block's start
	// can start with (nil: any, or not anchored).
	first *byteSet
	// last holds the bytes a match of a cue anchored at the block's end
	// can end with (nil: any, or not anchored).
	last *byteSet
	// lead lists strings one of which every match of a cue anchored at
	// the block's start begins with (nil: none known): a block starting
	// with none of them is not searched.
	lead []string
	// need lists strings one of which every match contains (nil: none
	// known): a block holding none of them is not searched.
	need []string
	// needs says what a block must hold for the cue to be tried on it
	// when need is not nil: needs[0], or, when needLast is not nil, for
	// each last byte a cue anchored at the block's end allows,
	// needs[needLast[b]], what a match ending in b must hold: fewer
	// strings than need when some alternatives cannot end so ("Getty
	// Images" cannot end in a full stop, "AP Photo/…" can), and a byte
	// of rareBytes they all hold (the slash of "AP Photo/…").
	needLast *[256]uint8
	needs    []cueNeed
	// reason is the Reason of a block the cue classifies.
	reason string
}

// TeaserRule says that a run of at least MinRun blocks ending in one of
// Endings, at the end of an article, has Kind.
type TeaserRule struct {
	Kind    BlockKind `yaml:"kind"`
	Endings []string  `yaml:"endings"`
	MinRun  int       `yaml:"min_run"`
}

// TitleRule is the shape of a title: at most MaxChars characters and
// MaxWords words, not ending in any of NoFinal ("…" stands for any of the
// teaser endings) nor in one of NoFinalWords, and, when CapitalStart is
// set, starting with a capital letter (after at most one opening quotation
// mark).
type TitleRule struct {
	MaxChars     int      `yaml:"max_chars"`
	MaxWords     int      `yaml:"max_words"`
	NoFinal      []string `yaml:"no_final"`
	CapitalStart bool     `yaml:"capital_start"`
	// NoFinalWords are words a title does not end with (articles,
	// prepositions): a line ending in one is a paragraph broken in two.
	NoFinalWords []string `yaml:"no_final_words"`

	noFinalWords map[string]bool
}

// blockPhrase is a compiled whole-block phrase.
type blockPhrase struct {
	kind    BlockKind
	phrase  string // as written in the lexicon
	section int    // index into Sections, or -1
	reason  string // the Reason of a block the phrase classifies
}

func validBlockKind(k BlockKind) bool { return slices.Contains(BlockKinds, k) }

func (l *BlockLexicon) compile() error {
	for _, m := range []map[string]BlockKind{l.Hints.Tags, l.Hints.Containers, l.Hints.Words} {
		for name, k := range m {
			if !validBlockKind(k) {
				return fmt.Errorf("hint %q: unknown block kind %q", name, k)
			}
		}
	}
	l.phrases = make(map[string]blockPhrase)
	addPhrase := func(p string, ph blockPhrase) error {
		key := normalizePhrase(p)
		if key == "" {
			return fmt.Errorf("empty %s phrase", ph.kind)
		}
		if old, ok := l.phrases[key]; ok {
			return fmt.Errorf("phrase %q listed twice (%s and %s)", p, old.kind, ph.kind)
		}
		ph.reason = fmt.Sprintf("cue %q (%s)", ph.phrase, ph.kind)
		l.phrases[key] = ph
		l.maxPhraseRunes = max(l.maxPhraseRunes, utf8.RuneCountInString(key))
		return nil
	}
	for k, list := range l.Phrases {
		if !validBlockKind(k) {
			return fmt.Errorf("phrases: unknown block kind %q", k)
		}
		for _, p := range list {
			if err := addPhrase(p, blockPhrase{kind: k, phrase: p, section: -1}); err != nil {
				return fmt.Errorf("phrases: %w", err)
			}
		}
	}
	for i, s := range l.Sections {
		if !validBlockKind(s.Kind) {
			return fmt.Errorf("sections[%d]: unknown block kind %q", i, s.Kind)
		}
		if s.Follow < 0 || s.MaxChars <= 0 {
			return fmt.Errorf("sections[%d]: follow must be >= 0 and max_chars > 0", i)
		}
		for _, p := range s.Phrases {
			if err := addPhrase(p, blockPhrase{kind: s.Kind, phrase: p, section: i}); err != nil {
				return fmt.Errorf("sections[%d]: %w", i, err)
			}
		}
	}
	for i := range l.Seams {
		s := &l.Seams[i]
		if !validBlockKind(s.Kind) {
			return fmt.Errorf("seams[%d]: unknown block kind %q", i, s.Kind)
		}
		if s.Boundary != "capital" && s.Boundary != "space" {
			return fmt.Errorf("seams[%d]: boundary %q: want capital or space", i, s.Boundary)
		}
		expr := `^(?:` + s.Prefix + `)`
		re, err := regexp.Compile(expr)
		if err != nil {
			return fmt.Errorf("seams[%d] (%s): %w", i, s.Cue, err)
		}
		s.re = re
		x := parseCueSyntax(expr)
		s.first = x.firstBytes()
		s.reason = fmt.Sprintf("seam %q (%s)", s.Cue, s.Kind)
	}
	for i := range l.Cues {
		c := &l.Cues[i]
		if !validBlockKind(c.Kind) {
			return fmt.Errorf("cues[%d] (%s): unknown block kind %q", i, c.Cue, c.Kind)
		}
		if c.Cue == "" {
			return fmt.Errorf("cues[%d]: cue name missing", i)
		}
		var expr string
		switch c.At {
		case "whole":
			expr = `^(?:` + c.Pattern + `)$`
		case "prefix":
			expr = `^(?:` + c.Pattern + `)`
		case "suffix":
			expr = `(?:` + c.Pattern + `)$`
		case "any":
			expr = c.Pattern
		default:
			return fmt.Errorf("cues[%d] (%s): at %q: want whole, prefix, suffix or any", i, c.Cue, c.At)
		}
		re, err := regexp.Compile(expr)
		if err != nil {
			return fmt.Errorf("cues[%d] (%s): %w", i, c.Cue, err)
		}
		c.re = re
		c.reason = fmt.Sprintf("cue %q (%s)", c.Cue, c.Kind)
		x := parseCueSyntax(expr)
		if c.At == "whole" || c.At == "prefix" {
			c.first = x.firstBytes()
			c.lead = x.leadingLiterals()
		}
		if c.At == "whole" || c.At == "suffix" {
			c.last = x.lastBytes()
		}
		// The unanchored patterns are tried at every position; an anchored
		// one may still run through much of a block before it fails (a
		// capitalised name, then no dash), and a search for a few
		// literals is cheaper than that. Leading literals already say
		// more.
		c.need = x.requiredLiterals()
		if c.At == "whole" || c.At == "prefix" {
			if c.lead != nil || len(c.need) > maxAnchoredNeed {
				c.need = nil
			}
		}
		c.needLast, c.needs = nil, nil
		if c.need != nil {
			c.needLast, c.needs = x.cueNeeds(c.need, c.last, c.At == "whole")
		}
	}
	l.cueFirst, l.cueLast = nil, nil
	if len(l.Cues) <= 64 {
		l.cueFirst, l.cueLast = new([256]uint64), new([256]uint64)
		for i := range l.Cues {
			c := &l.Cues[i]
			for b := range 256 {
				if c.first == nil || c.first[b] {
					l.cueFirst[b] |= 1 << i
				}
				if c.last == nil || c.last[b] {
					l.cueLast[b] |= 1 << i
				}
			}
		}
	}
	l.sizeChars, l.sizeWords, l.sizeSum = 0, 0, l.maxPhraseRunes+3
	for _, r := range []*TitleRule{&l.Headline, &l.Subheading} {
		l.sizeChars, l.sizeWords = max(l.sizeChars, r.MaxChars), max(l.sizeWords, r.MaxWords)
	}
	for _, s := range l.Sections {
		l.sizeChars = max(l.sizeChars, s.MaxChars)
	}
	for _, c := range l.Cues {
		l.sizeWords = max(l.sizeWords, c.MaxWords)
	}
	for b := range l.plainEnd {
		l.plainEnd[b] = true
	}
	for _, e := range slices.Concat(l.Closers, l.Teasers.Endings) {
		if e == "" {
			// An empty teaser ending ends every block (an empty closer
			// is skipped, but ruling all bytes out costs only speed).
			l.plainEnd = byteSet{}
			break
		}
		l.plainEnd[e[len(e)-1]] = false
	}
	if !validBlockKind(l.Teasers.Kind) || len(l.Teasers.Endings) == 0 || l.Teasers.MinRun < 1 {
		return fmt.Errorf("teasers: need a kind, endings and min_run >= 1")
	}
	for _, r := range []*TitleRule{&l.Headline, &l.Subheading} {
		if r.MaxChars <= 0 || r.MaxWords <= 0 {
			return fmt.Errorf("headline and subheading need max_chars and max_words")
		}
		r.noFinalWords = make(map[string]bool, len(r.NoFinalWords))
		for _, w := range r.NoFinalWords {
			r.noFinalWords[strings.ToLower(w)] = true
		}
	}
	return nil
}

// normalizePhrase folds a block for phrase lookup: lower case, runs of
// white space as one space, no trailing colon.
func normalizePhrase(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = strings.TrimSpace(strings.TrimSuffix(s, ":"))
	return strings.ToLower(s)
}

// lookupPhrase returns the phrase text folds to (see normalizePhrase).
// Text of ASCII is folded into a buffer on the stack, the lookup costing
// no allocation; other text goes through normalizePhrase.
func (l *BlockLexicon) lookupPhrase(text string) (blockPhrase, bool) {
	var buf [128]byte
	n := 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c >= utf8.RuneSelf || n == len(buf) {
			ph, ok := l.phrases[normalizePhrase(text)]
			return ph, ok
		}
		if asciiSpace[c] != 0 {
			// strings.Fields and Join: runs of white space as one space,
			// none at the start.
			if n > 0 && buf[n-1] != ' ' {
				buf[n] = ' '
				n++
			}
			continue
		}
		buf[n] = lowerByte[c]
		n++
	}
	if n > 0 && buf[n-1] == ' ' {
		n-- // none at the end
	}
	if n > 0 && buf[n-1] == ':' {
		n-- // no trailing colon, nor the space before it
		if n > 0 && buf[n-1] == ' ' {
			n--
		}
	}
	ph, ok := l.phrases[string(buf[:n])]
	return ph, ok
}

// blockSource says how a block's kind was decided.
type blockSource int

const (
	srcNone    blockSource = iota // not yet decided
	srcHint                       // markup
	srcPhrase                     // a whole-block phrase or section header
	srcSeam                       // split off at a seam
	srcCue                        // a pattern cue
	srcContext                    // position and neighbours
)

// blockItem is a block being classified.
type blockItem struct {
	view    Span
	text    string
	hint    string
	kind    BlockKind
	reason  string
	src     blockSource
	section int       // index into Sections when the block is a header, else -1
	seam    BlockKind // kind of a whole-block seam match, used if nothing else fires
	// seamReason is the Reason seam gives.
	seamReason string
	chars      int
	words      int
	// solid counts the runes of text that are not white space.
	solid int
	// partial says chars, words and solid stopped counting past the
	// lexicon's sizeChars, sizeWords and sizeSum: they are at most the
	// block's, and more than those bounds.
	partial bool
}

func (it *blockItem) set(kind BlockKind, src blockSource, reason string) {
	it.kind, it.src, it.reason = kind, src, reason
}

// classifyBlocks gives each raw block a kind and a reason. Blocks are
// trimmed of white space, empty ones dropped, and a line with an ad or UI
// label glued to its front is split at the seam, so the result may hold
// more blocks than raws; it keeps their order and never overlaps.
func classifyBlocks(view string, raws []rawBlock, lex *BlockLexicon) []Block {
	scratch := blockItems.Get().(*[]blockItem)
	items := slices.Grow((*scratch)[:0], len(raws))
	for _, r := range raws {
		items = lex.split(view, r, items)
	}
	for i := range items {
		lex.classifyOne(&items[i])
	}
	lex.applySections(items)
	lex.applyTeasers(items)
	lex.applyHeadline(items)
	lex.applySubheadings(items)
	out := make([]Block, len(items))
	for i := range items {
		it := &items[i]
		if it.src == srcNone {
			if it.seam != "" {
				it.set(it.seam, srcSeam, it.seamReason)
			} else {
				it.set(BlockBody, srcContext, "default (body)")
			}
		}
		out[i] = Block{Kind: it.kind, Reason: it.reason, Hint: it.hint, view: it.view}
	}
	clear(items) // drop the texts they point to
	*scratch = items[:0]
	blockItems.Put(scratch)
	return out
}

// blockItems keeps the items classifyBlocks works on between documents,
// so they grow once, not per document.
var blockItems = sync.Pool{New: func() any { return new([]blockItem) }}

// trimSpan narrows s to exclude white space at either end of view[s].
func trimSpan(view string, s Span) Span {
	for s.Start < s.End {
		r, n := utf8.DecodeRuneInString(view[s.Start:s.End])
		if !isSpace(r) {
			break
		}
		s.Start += n
	}
	for s.End > s.Start {
		r, n := utf8.DecodeLastRuneInString(view[s.Start:s.End])
		if !isSpace(r) {
			break
		}
		s.End -= n
	}
	return s
}

// split trims r, splits glued prefixes off it at seams, and appends the
// pieces to items.
func (l *BlockLexicon) split(view string, r rawBlock, items []blockItem) []blockItem {
	s := trimSpan(view, r.view)
	for s.Start < s.End {
		text := view[s.Start:s.End]
		cut := false
		for i := range l.Seams {
			seam := &l.Seams[i]
			if !seam.first.has(text) {
				continue
			}
			loc := seam.re.FindStringIndex(text)
			if loc == nil || loc[1] == 0 {
				continue
			}
			head := trimSpan(view, Span{s.Start, s.Start + loc[1]})
			rest := trimSpan(view, Span{s.Start + loc[1], s.End})
			if rest.Start == rest.End {
				// The whole block: let the other rules speak first.
				items = append(items, l.newItem(view, s, r.hint))
				items[len(items)-1].seam, items[len(items)-1].seamReason = seam.Kind, seam.reason
				return items
			}
			if !l.atBoundary(view, seam.Boundary, head, rest) {
				continue
			}
			it := l.newItem(view, head, r.hint)
			it.set(seam.Kind, srcSeam, seam.reason)
			items = append(items, it)
			s, cut = rest, true
			break
		}
		if !cut {
			items = append(items, l.newItem(view, s, r.hint))
			break
		}
	}
	return items
}

// atBoundary reports whether the seam between head and rest is of the
// given boundary kind.
func (l *BlockLexicon) atBoundary(view, boundary string, head, rest Span) bool {
	switch boundary {
	case "space":
		return rest.Start > head.End
	case "capital":
		last, _ := utf8.DecodeLastRuneInString(view[head.Start:head.End])
		if !unicode.IsLower(last) && !unicode.IsDigit(last) {
			return false
		}
		return startsWithCapital(view[rest.Start:rest.End], l.Openers)
	}
	return false
}

func (l *BlockLexicon) newItem(view string, s Span, hint string) blockItem {
	text := view[s.Start:s.End]
	it := blockItem{view: s, text: text, hint: hint, section: -1}
	chars, words, spaces, exact := blockSize(text, l.sizeChars, l.sizeWords, l.sizeSum)
	it.chars, it.words, it.solid, it.partial = chars, words, chars-spaces, !exact
	return it
}

// blockSize counts what utf8.RuneCountInString and strings.Fields would
// of text: runes, and words as runs of runes that are not
// unicode.IsSpace; and the runes that are. It may stop counting once
// chars > maxChars, words > maxWords and chars-spaces+words > maxSum all
// hold (see BlockLexicon.sizeChars), and then reports counts that do and
// exact false.
func blockSize(text string, maxChars, maxWords, maxSum int) (chars, words, spaces int, exact bool) {
	// Runes of more than one byte add their extra bytes to extra, so that
	// i-extra counts the runes before i.
	i, extra, wasSpace := 0, 0, uint64(1)
	for i+8 <= len(text) {
		// At most 15 steps of ASCII (see swarWordSteps), ending at the
		// step that passes maxChars.
		end := min(len(text), i+15*8)
		if room := maxChars - (i - extra); room >= 0 && room < 15*8 {
			end = min(end, i+room+8)
		}
		var acc uint64
		i, acc, wasSpace = swarWordSteps(text, i, end, wasSpace)
		words += laneSum(acc & (0x0f * swar.Ones))
		spaces += laneSum(acc >> 4 & (0x0f * swar.Ones))
		if chars := i - extra; chars > maxChars && words > maxWords && chars-spaces+words > maxSum {
			return chars, words, spaces, false
		}
		if i+8 <= len(text) && swar.Load(text, i)&swar.High != 0 {
			// One rune, then eight bytes again.
			space, n := spaceAt(text, i)
			i += n
			extra += n - 1
			words += int(wasSpace &^ space)
			spaces += int(space)
			wasSpace = space
		}
	}
	if rest := len(text) - i; rest > 0 && len(text) >= 8 {
		// The last bytes, in the low lanes of the last eight.
		if x := swar.Load(text, len(text)-8) >> (8 * (8 - rest)); x&swar.High == 0 {
			sp := swarSpaces(x)
			starts := swar.High &^ sp & (sp<<8 | wasSpace<<7) & (swar.High >> (8 * (8 - rest)))
			return len(text) - extra, words + bits.OnesCount64(starts), spaces + bits.OnesCount64(sp), true
		}
	}
	for i < len(text) {
		space, n := spaceAt(text, i)
		i += n
		extra += n - 1
		words += int(wasSpace &^ space)
		spaces += int(space)
		wasSpace = space
	}
	return i - extra, words, spaces, true
}

// swarWordSteps passes text[i:end] eight ASCII bytes a step, branch-free
// as in strings.Fields, for at most 15 steps, stopping before eight bytes
// that are not all ASCII. Each byte of acc adds up, in its low four bits,
// the word starts (a byte that is not a space after one that is, the one
// before i a space when wasSpace is 1) and, in its high four, the spaces
// it saw. It returns where it stopped, acc and whether the last byte
// before that is a space.
func swarWordSteps(text string, i, end int, wasSpace uint64) (int, uint64, uint64) {
	var acc uint64
	for ; i+8 <= end; i += 8 {
		x := swar.Load(text, i)
		if x&swar.High != 0 {
			break
		}
		sp := swarSpaces(x)
		acc += (swar.High&^sp&(sp<<8|wasSpace<<7))>>7 | sp>>3
		wasSpace = sp >> 63
	}
	return i, acc, wasSpace
}

// spaceAt returns 1 when the rune at text[i] is white space
// (unicode.IsSpace), else 0, and its length in bytes.
func spaceAt(text string, i int) (uint64, int) {
	if c := text[i]; c < utf8.RuneSelf {
		return uint64(asciiSpace[c]), 1
	}
	r, n := utf8.DecodeRuneInString(text[i:])
	if unicode.IsSpace(r) {
		return 1, n
	}
	return 0, n
}

// laneSum adds up the eight bytes of x, which add up to less than 256.
func laneSum(x uint64) int { return int(x * swar.Ones >> 56) }

// asciiSpace is 1 for the ASCII bytes that unicode.IsSpace calls white
// space.
var asciiSpace = [utf8.RuneSelf]uint8{'\t': 1, '\n': 1, '\v': 1, '\f': 1, '\r': 1, ' ': 1}

// isSpace is unicode.IsSpace, answering for ASCII without a call.
func isSpace(r rune) bool {
	if uint32(r) < utf8.RuneSelf {
		return asciiSpace[r] != 0
	}
	return unicode.IsSpace(r)
}

// mayBePhrase reports whether it is short enough to be a whole-block
// phrase. normalizePhrase keeps every rune that is not white space (lower
// casing maps rune to rune), joins the words with single spaces and drops
// at most a final colon and the space before it, so the folded block has
// at least solid + words - 3 runes.
func (l *BlockLexicon) mayBePhrase(it *blockItem) bool {
	return it.solid+it.words-3 <= l.maxPhraseRunes
}

// hintElement is one element of a hint: a tag and its class cues.
type hintElement struct {
	tag  string
	cues []string
}

// parseHint splits a hint ("p", "li in nav", "p in aside.promo") into its
// elements: the block's own first, then those around it, innermost first.
func parseHint(hint string) []hintElement {
	if hint == "" {
		return nil
	}
	parts := strings.Split(strings.ToLower(hint), " in ")
	elems := make([]hintElement, 0, len(parts))
	for _, p := range parts {
		f := strings.Split(strings.TrimSpace(p), ".")
		elems = append(elems, hintElement{tag: f[0], cues: f[1:]})
	}
	return elems
}

// hintKind returns the kind one hint element gives, looking at its cues
// (in words) before its tag (in tags), and how to describe it.
func hintKind(e hintElement, tags, words map[string]BlockKind) (BlockKind, string, bool) {
	for _, c := range e.cues {
		if k, ok := words[c]; ok {
			return k, e.tag + "." + c, true
		}
	}
	if k, ok := tags[e.tag]; ok {
		return k, e.tag, true
	}
	return "", "", false
}

// classifyOne applies the rules that look at a block alone: markup
// containers, whole-block phrases, the element and its class words, and
// pattern cues.
func (l *BlockLexicon) classifyOne(it *blockItem) {
	if it.src != srcNone {
		return
	}
	elems := parseHint(it.hint)
	for i := 1; i < len(elems); i++ {
		if k, what, ok := hintKind(elems[i], l.Hints.Containers, l.Hints.Words); ok {
			it.set(k, srcHint, fmt.Sprintf("inside <%s> (%s)", what, k))
			return
		}
	}
	if l.mayBePhrase(it) {
		if ph, ok := l.lookupPhrase(it.text); ok {
			it.set(ph.kind, srcPhrase, ph.reason)
			it.section = ph.section
			return
		}
	}
	if len(elems) > 0 {
		if k, what, ok := hintKind(elems[0], l.Hints.Tags, l.Hints.Words); ok {
			it.set(k, srcHint, fmt.Sprintf("<%s> element (%s)", what, k))
			return
		}
	}
	if l.cueFirst != nil && it.text != "" {
		// Only the cues the block's first and last bytes allow, in order.
		for m := l.cueFirst[it.text[0]] & l.cueLast[it.text[len(it.text)-1]]; m != 0; m &= m - 1 {
			if l.Cues[bits.TrailingZeros64(m)].classify(it) {
				return
			}
		}
		return
	}
	for i := range l.Cues {
		if l.Cues[i].classify(it) {
			return
		}
	}
}

// classify gives it the cue's kind and reports whether the cue matches it.
func (c *BlockCue) classify(it *blockItem) bool {
	if c.MaxChars > 0 && it.chars > c.MaxChars || c.MaxWords > 0 && it.words > c.MaxWords {
		return false
	}
	if !c.first.has(it.text) || !c.last.hasLast(it.text) || c.lead != nil && !hasAnyPrefix(it.text, c.lead) {
		return false
	}
	if it.partial && c.MaxChars > 0 && it.chars <= c.MaxChars {
		// Past sizeChars but perhaps not past MaxChars: count the runes
		// (words are past every bound).
		it.chars = runeCount(it.text)
		if it.chars > c.MaxChars {
			return false
		}
	}
	if c.need != nil {
		n := &c.needs[0]
		if c.needLast != nil {
			// c.last holds the last byte, so the text is not empty.
			n = &c.needs[c.needLast[it.text[len(it.text)-1]]]
		}
		if n.b != 0 && strings.IndexByte(it.text, n.b) < 0 || !containsAny(it.text, n.lits) {
			return false
		}
	}
	if !c.re.MatchString(it.text) {
		return false
	}
	it.set(c.Kind, srcCue, c.reason)
	return true
}

// applySections gives the blocks after a section header the header's
// kind, as far as the section's rule allows.
func (l *BlockLexicon) applySections(items []blockItem) {
	for i := 0; i < len(items); i++ {
		if items[i].section < 0 {
			continue
		}
		sec := l.Sections[items[i].section]
		header := items[i].text
		j := i + 1
		for ; j < len(items) && (sec.Follow == 0 || j-i <= sec.Follow); j++ {
			it := &items[j]
			if it.section >= 0 || it.src == srcHint || it.chars > sec.MaxChars || l.finalMark(it.text) == "." {
				break
			}
			it.set(sec.Kind, srcContext, fmt.Sprintf("follows %q (%s)", header, sec.Kind))
		}
		i = j - 1
	}
}

// applyTeasers marks a run of truncated teasers ending the article.
func (l *BlockLexicon) applyTeasers(items []blockItem) {
	end := len(items)
	// Skip page furniture after the teasers.
	for end > 0 && !l.truncated(items[end-1].text) && isFurniture(items[end-1].kind) {
		end--
	}
	start := end
	for start > 0 && items[start-1].src != srcHint && l.truncated(items[start-1].text) {
		start--
	}
	if end-start < l.Teasers.MinRun {
		return
	}
	for i := start; i < end; i++ {
		items[i].set(l.Teasers.Kind, srcContext, fmt.Sprintf("run of %d teasers truncated with an ellipsis at the end (%s)", end-start, l.Teasers.Kind))
	}
}

func isFurniture(k BlockKind) bool {
	return k == BlockNav || k == BlockAd || k == BlockRelated
}

// applyHeadline makes the first text block the headline when no markup
// named one, nothing editorial comes before it, it looks like a title, and
// what follows can follow a title.
func (l *BlockLexicon) applyHeadline(items []blockItem) {
	for i := range items {
		if items[i].kind == BlockHeadline {
			return
		}
	}
	for i := range items {
		it := &items[i]
		if it.src != srcNone {
			if it.kind.Editorial() {
				return
			}
			continue
		}
		if l.titleShaped(it, &l.Headline) && (i+1 == len(items) || l.canFollowTitle(it, &items[i+1])) {
			it.set(BlockHeadline, srcContext, "first block, short, no final period (headline)")
		}
		return
	}
}

// canFollowTitle reports whether next can follow title: a block already
// classified (a date, a byline, a caption) or text that does not start in
// lower case (which would continue a line broken in two). A title with
// figures followed by another short unpunctuated line is the first row of
// a table ("Shr 34 cts vs 1.19 dlrs" / "Net 1,234,000 vs 987,000").
func (l *BlockLexicon) canFollowTitle(title, next *blockItem) bool {
	if next.src != srcNone {
		return true
	}
	if r, _ := utf8.DecodeRuneInString(next.text); unicode.IsLower(r) {
		return false
	}
	return l.paragraph(next) || !strings.ContainsFunc(title.text, unicode.IsDigit)
}

// applySubheadings marks short title-shaped lines between two paragraphs
// when the paragraph after starts with a capital (a lower-case start
// continues a sentence broken across lines).
func (l *BlockLexicon) applySubheadings(items []blockItem) {
	for i := 1; i+1 < len(items); i++ {
		it := &items[i]
		if it.src != srcNone || !l.titleShaped(it, &l.Subheading) {
			continue
		}
		next := &items[i+1]
		if l.paragraph(&items[i-1]) && l.paragraph(next) && startsWithCapital(next.text, l.Openers) {
			it.set(BlockSubheading, srcContext, "short line between paragraphs, no final punctuation (subheading)")
		}
	}
}

// paragraph reports whether it is undecided text that reads as a
// paragraph: too long for a subheading, or ending in punctuation.
func (l *BlockLexicon) paragraph(it *blockItem) bool {
	if it.src != srcNone {
		return false
	}
	if it.chars > l.Subheading.MaxChars || it.words > l.Subheading.MaxWords {
		return true
	}
	return slices.Contains(l.Subheading.NoFinal, l.finalMark(it.text))
}

// titleShaped reports whether it has the shape r describes.
func (l *BlockLexicon) titleShaped(it *blockItem, r *TitleRule) bool {
	if it.chars > r.MaxChars || it.words > r.MaxWords {
		return false
	}
	if r.CapitalStart && !startsWithCapital(it.text, l.Openers) {
		return false
	}
	if slices.Contains(r.NoFinal, l.finalMark(it.text)) {
		return false
	}
	return !r.noFinalWords[strings.ToLower(l.lastWord(it.text))]
}

// lastWord returns the last word of s without closing marks, or "" when
// s does not end in a letter (a question mark, a digit, a hyphenated
// "must-have" end in no function word).
func (l *BlockLexicon) lastWord(s string) string {
	s = l.trimClosers(s)
	i := strings.LastIndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	if i >= 0 {
		r, _ := utf8.DecodeRuneInString(s[i:])
		if !isSpace(r) {
			return ""
		}
		s = s[i+utf8.RuneLen(r):]
	}
	return s
}

// startsWithCapital reports whether s starts, after at most one opening
// mark, with an upper-case letter.
func startsWithCapital(s string, openers []string) bool {
	for _, o := range openers {
		if strings.HasPrefix(s, o) {
			s = s[len(o):]
			break
		}
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// finalMark returns how s ends, ignoring closing marks: "…" for any teaser
// ending, else its last character.
func (l *BlockLexicon) finalMark(s string) string {
	if s != "" && l.plainEnd[s[len(s)-1]] {
		// No closer to trim, no teaser ending.
		if c := s[len(s)-1]; c < utf8.RuneSelf {
			return s[len(s)-1:]
		}
		_, n := utf8.DecodeLastRuneInString(s)
		return s[len(s)-n:]
	}
	s = l.trimClosers(s)
	for _, e := range l.Teasers.Endings {
		if strings.HasSuffix(s, e) {
			return "…"
		}
	}
	_, n := utf8.DecodeLastRuneInString(s)
	return s[len(s)-n:]
}

// trimClosers removes closing marks from the end of s.
func (l *BlockLexicon) trimClosers(s string) string {
	for trimmed := true; trimmed && s != ""; {
		trimmed = false
		for _, c := range l.Closers {
			if c != "" && strings.HasSuffix(s, c) {
				s, trimmed = s[:len(s)-len(c)], true
			}
		}
	}
	return s
}

// truncated reports whether s ends in a teaser ending, ignoring closing
// marks.
func (l *BlockLexicon) truncated(s string) bool { return l.finalMark(s) == "…" }

// cueSyntax is the regular expression of a cue or seam parsed once for
// the analyses that screen blocks before it runs (regexp.Compile parses
// it again for itself, but keeps nothing of the tree): parsing is most of
// their cost, \p{L} and the like spelling out hundreds of ranges. None of
// the analyses modifies the tree.
type cueSyntax struct {
	re *syntax.Regexp // as parsed; nil if expr does not parse
}

// parseCueSyntax parses expr as regexp.Compile does.
func parseCueSyntax(expr string) *cueSyntax {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return &cueSyntax{}
	}
	return &cueSyntax{re: re}
}

// requiredLiterals returns strings one of which every match of the
// regular expression contains, or nil when it finds none: the
// literals a match must start its mandatory part with ("Photo" or "Image"
// in (?:Photo|Image)\s*:). Searching a block for them first spares the
// regular expression engine most blocks, which matters because the
// backtracker's cost grows with the size of the compiled program (a
// bounded repeat like [^.]{1,80} copies its instruction 80 times). Only
// case-sensitive literals count.
func (x *cueSyntax) requiredLiterals() []string {
	if x.re == nil {
		return nil
	}
	lits, ok := mandatoryLiterals(x.re)
	if !ok || slices.Contains(lits, "") {
		return nil
	}
	return lits
}

// mandatoryLiterals returns literals one of which every match of re
// contains, and whether it found such a set.
func mandatoryLiterals(re *syntax.Regexp) ([]string, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return nil, false
		}
		return []string{string(re.Rune)}, true
	case syntax.OpCharClass:
		// A class of a few runes is as good as their alternation
		// ([–—] is "–" or "—"); re.Rune holds its ranges as pairs.
		var lits []string
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if len(lits) == maxClassLiterals || !utf8.ValidRune(r) {
					return nil, false
				}
				lits = append(lits, string(r))
			}
		}
		return lits, len(lits) > 0
	case syntax.OpCapture, syntax.OpPlus:
		return mandatoryLiterals(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min < 1 {
			return nil, false
		}
		return mandatoryLiterals(re.Sub[0])
	case syntax.OpConcat:
		// Every part of a concatenation is mandatory: take the part whose
		// shortest literal is longest, the rarest to occur.
		var best []string
		for _, sub := range re.Sub {
			if lits, ok := mandatoryLiterals(sub); ok && (best == nil || shortest(lits) > shortest(best)) {
				best = lits
			}
		}
		return best, best != nil
	case syntax.OpAlternate:
		var all []string
		for _, sub := range re.Sub {
			lits, ok := mandatoryLiterals(sub)
			if !ok {
				return nil, false
			}
			all = append(all, lits...)
		}
		return all, true
	}
	return nil, false
}

// cueNeed is what a block must hold for a cue to be tried on it: one
// of lits and, unless b is 0, the byte b.
type cueNeed struct {
	lits []string
	b    byte
}

// cueNeeds returns what a block must hold for the regular expression
// x, whose matches all contain one of need, to match it: needs[0]
// for any block and, when last is not nil (x is anchored at the
// text's end and its matches end in a byte of last), for each byte of
// last the index in needs of what a match ending in that byte needs, or
// nil when that is needs[0] for every byte. anchored says that the
// matches start at the text's start too (then at most maxAnchoredNeed
// strings are searched for).
func (x *cueSyntax) cueNeeds(need []string, last *byteSet, anchored bool) (*[256]uint8, []cueNeed) {
	re := x.re
	if re == nil {
		return nil, []cueNeed{{lits: need}}
	}
	needs := []cueNeed{{lits: need, b: rareByte(re)}}
	if last == nil {
		return nil, needs
	}
	var idx [256]uint8
	ends := make(lastByteSets)
	// Bytes that each part (a literal, a class) can end with or not
	// alike restrict re alike: one restriction for each such group.
	var leaves []*syntax.Regexp
	var walk func(*syntax.Regexp)
	walk = func(re *syntax.Regexp) {
		switch re.Op {
		case syntax.OpLiteral, syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
			leaves = append(leaves, re)
		}
		for _, sub := range re.Sub {
			walk(sub)
		}
	}
	walk(re)
	groups := make(map[string]uint8)
	sig := make([]byte, len(leaves))
	for b := range 256 {
		if !last[b] {
			continue
		}
		for i, leaf := range leaves {
			sig[i] = 0
			if set := ends.of(leaf); set != nil && set[b] {
				sig[i] = 1
			}
		}
		k, seen := groups[string(sig)]
		if !seen {
			k = needIndex(&needs, restrictLast(re, byte(b), ends), anchored)
			groups[string(sig)] = k
		}
		idx[b] = k
	}
	if len(needs) == 1 {
		return nil, needs
	}
	return &idx, needs
}

// needIndex returns the index in needs of what every match of r (see
// restrictLast; nil for none) needs, appending it when it is new: the
// literals one of which it contains when they are fewer than needs[0]'s
// (and, for an anchored cue, at most maxAnchoredNeed), else those, and
// its rareByte.
func needIndex(needs *[]cueNeed, r *syntax.Regexp, anchored bool) uint8 {
	if r == nil {
		return 0 // no match ends so: c.last rules the byte out
	}
	n := cueNeed{lits: (*needs)[0].lits, b: rareByte(r)}
	lits, ok := mandatoryLiterals(r)
	lits = uniqueStrings(lits)
	if ok && !slices.Contains(lits, "") && !(anchored && len(lits) > maxAnchoredNeed) && len(lits) < len(n.lits) {
		n.lits = lits
	}
	k := slices.IndexFunc(*needs, func(m cueNeed) bool { return m.b == n.b && slices.Equal(m.lits, n.lits) })
	if k < 0 {
		if len(*needs) == 256 {
			return 0
		}
		k = len(*needs)
		*needs = append(*needs, n)
	}
	return uint8(k)
}

// rareBytes are the ASCII bytes, rarest in prose first, that rareByte
// picks from.
const rareBytes = "|/@#_=+*&^~<>[]{}()$%:;!?"

// rareByte returns a byte of rareBytes that every match of re contains,
// or 0 when it finds none: a block without it, found with one
// strings.IndexByte, is not searched for the cue's literals (the colon
// of "Photo: …", the slash of "AP Photo/…").
func rareByte(re *syntax.Regexp) byte {
	var in [256]bool
	for _, c := range []byte(mandatoryBytes(re)) {
		in[c] = true
	}
	for i := range len(rareBytes) {
		if in[rareBytes[i]] {
			return rareBytes[i]
		}
	}
	return 0
}

// mandatoryBytes returns bytes every match of re contains (as a string,
// in no order, perhaps repeated): those of its case-sensitive literals
// that every match goes through.
func mandatoryBytes(re *syntax.Regexp) string {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return ""
		}
		return string(re.Rune)
	case syntax.OpCapture, syntax.OpPlus:
		return mandatoryBytes(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min < 1 {
			return ""
		}
		return mandatoryBytes(re.Sub[0])
	case syntax.OpConcat:
		var all strings.Builder
		for _, sub := range re.Sub {
			all.WriteString(mandatoryBytes(sub))
		}
		return all.String()
	case syntax.OpAlternate:
		// The bytes that every alternative holds.
		common := mandatoryBytes(re.Sub[0])
		for _, sub := range re.Sub[1:] {
			other := mandatoryBytes(sub)
			common = strings.Map(func(r rune) rune {
				if strings.ContainsRune(other, r) {
					return r
				}
				return -1
			}, common)
		}
		return common
	}
	return ""
}

// uniqueStrings returns list without the repeats of a string, in the
// order they first come.
func uniqueStrings(list []string) []string {
	var out []string
	for _, s := range list {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// restrictLast returns an expression that matches every non-empty match
// of re whose last byte is b (and perhaps more), or nil when re has no
// such match. Alternatives that cannot end in b are left out, so that
// mandatoryLiterals of the result may find fewer literals than of re.
func restrictLast(re *syntax.Regexp, b byte, ends lastByteSets) *syntax.Regexp {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return nil // only empty matches
	case syntax.OpLiteral, syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		if set := ends.of(re); set == nil || !set[b] {
			return nil // an empty literal, or one not ending in b
		}
		return re
	case syntax.OpCapture, syntax.OpQuest:
		// The empty match of a ? is no match ending in b.
		return restrictLast(re.Sub[0], b, ends)
	case syntax.OpStar, syntax.OpPlus, syntax.OpRepeat:
		if re.Op == syntax.OpRepeat && re.Max == 0 || restrictLast(re.Sub[0], b, ends) == nil {
			return nil // no last repetition ends in b
		}
		return re
	case syntax.OpConcat:
		return restrictConcat(re.Sub, b, ends)
	case syntax.OpAlternate:
		var subs []*syntax.Regexp
		for _, sub := range re.Sub {
			if r := restrictLast(sub, b, ends); r != nil {
				subs = append(subs, r)
			}
		}
		return alternateOf(subs)
	}
	return re // not judged: all of it
}

// restrictConcat is restrictLast of the concatenation of subs: its last
// part that is not zero-width ends in b, or, when that part can be empty,
// the concatenation without it does.
func restrictConcat(subs []*syntax.Regexp, b byte, ends lastByteSets) *syntax.Regexp {
	k := len(subs) - 1
	for k >= 0 && zeroWidth(subs[k]) {
		k--
	}
	if k < 0 {
		return nil
	}
	var alts []*syntax.Regexp
	if r := restrictLast(subs[k], b, ends); r != nil {
		alts = append(alts, &syntax.Regexp{Op: syntax.OpConcat, Sub: slices.Concat(subs[:k], []*syntax.Regexp{r}, subs[k+1:])})
	}
	if ends.nullable(subs[k]) {
		if r := restrictConcat(slices.Concat(subs[:k], subs[k+1:]), b, ends); r != nil {
			alts = append(alts, r)
		}
	}
	return alternateOf(alts)
}

// lastByteSets keeps what restrictLast asks of the parts of an
// expression, once for each part: the bytes it can end with (nil when it
// can be empty).
type lastByteSets map[*syntax.Regexp]*byteSet

// of returns the bytes a match of re can end with, or nil when re can
// match the empty string.
func (m lastByteSets) of(re *syntax.Regexp) *byteSet {
	set, ok := m[re]
	if !ok {
		set = new(byteSet)
		if addEdgeBytes(set, re, true) {
			set = nil
		}
		m[re] = set
	}
	return set
}

// nullable reports whether re can match the empty string.
func (m lastByteSets) nullable(re *syntax.Regexp) bool { return m.of(re) == nil }

// zeroWidth reports whether re matches only empty text (an assertion).
func zeroWidth(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return true
	}
	return false
}

// alternateOf returns the alternation of subs: nil for none, the one
// for one.
func alternateOf(subs []*syntax.Regexp) *syntax.Regexp {
	switch len(subs) {
	case 0:
		return nil
	case 1:
		return subs[0]
	}
	return &syntax.Regexp{Op: syntax.OpAlternate, Sub: subs}
}

// maxAnchoredNeed is the most required literals an anchored cue's
// blocks are searched for before its expression runs.
const maxAnchoredNeed = 4

// maxClassLiterals is the most runes a character class may hold for
// mandatoryLiterals to read it as their alternation.
const maxClassLiterals = 4

// shortest returns the length of the shortest of lits.
func shortest(lits []string) int {
	n := len(lits[0])
	for _, l := range lits[1:] {
		n = min(n, len(l))
	}
	return n
}

// leadingLiterals returns strings one of which every match of the
// regular expression x, anchored at the start of the text, begins
// with, or nil when it finds none: "Image" or "Picture" for
// ^(?:Image|Picture)\s*:. Only case-sensitive literals count.
func (x *cueSyntax) leadingLiterals() []string {
	re := x.re
	if re == nil || re.Op != syntax.OpConcat || len(re.Sub) < 2 || re.Sub[0].Op != syntax.OpBeginText {
		return nil
	}
	lits, ok := startLiterals(re.Sub[1])
	if !ok || slices.Contains(lits, "") {
		return nil
	}
	return lits
}

// startLiterals returns literals one of which every match of re starts
// with, and whether it found such a set.
func startLiterals(re *syntax.Regexp) ([]string, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return nil, false
		}
		return []string{string(re.Rune)}, true
	case syntax.OpCapture, syntax.OpPlus:
		return startLiterals(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min < 1 {
			return nil, false
		}
		return startLiterals(re.Sub[0])
	case syntax.OpConcat:
		// The first part is mandatory and starts every match.
		if len(re.Sub) == 0 {
			return nil, false
		}
		return startLiterals(re.Sub[0])
	case syntax.OpAlternate:
		var all []string
		for _, sub := range re.Sub {
			lits, ok := startLiterals(sub)
			if !ok {
				return nil, false
			}
			all = append(all, lits...)
		}
		return all, true
	}
	return nil, false
}

// hasAnyPrefix reports whether s starts with any of prefixes.
func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// containsAny reports whether s contains any of subs.
func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// byteSet is a set of bytes.
type byteSet [256]bool

// has reports whether s starts with a byte of the set; a nil set holds
// every byte.
func (b *byteSet) has(s string) bool {
	return b == nil || s != "" && b[s[0]]
}

// hasLast reports whether s ends with a byte of the set; a nil set holds
// every byte.
func (b *byteSet) hasLast(s string) bool {
	return b == nil || s != "" && b[s[len(s)-1]]
}

// firstBytes returns the bytes that a non-empty match of the regular
// expression x, anchored where it starts, can begin with, or nil when
// it cannot tell or the expression matches the empty string. An anchored
// expression run on a block its first byte rules out is not run: Go's
// backtracker clears memory in proportion to the block's length before
// it fails at the first byte.
func (x *cueSyntax) firstBytes() *byteSet { return x.edgeBytes(false) }

// edgeBytes is firstBytes, or lastBytes when last is true.
func (x *cueSyntax) edgeBytes(last bool) *byteSet {
	re := x.re
	if re == nil {
		return nil
	}
	var set byteSet
	if nullable := addEdgeBytes(&set, re, last); nullable {
		return nil
	}
	return &set
}

// addEdgeBytes adds to set the bytes a match of re can start with (end
// with, when last is true), and reports whether re can match the empty
// string (then what follows it can start the match too, or what precedes
// it end it). Zero-width assertions count as empty.
func addEdgeBytes(set *byteSet, re *syntax.Regexp, last bool) (nullable bool) {
	addRange := addRuneRange
	if last {
		addRange = addLastRuneRange
	}
	switch re.Op {
	case syntax.OpNoMatch:
		return false
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return true
		}
		r := re.Rune[0]
		if last {
			r = re.Rune[len(re.Rune)-1]
		}
		addRange(set, r, r)
		if re.Flags&syntax.FoldCase != 0 {
			for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
				addRange(set, f, f)
			}
		}
		return false
	case syntax.OpCharClass:
		// tails is set once a range has put every continuation byte in
		// set (addLastRuneRange of a range beyond ASCII that is not one
		// rune): the last bytes of the wider runes of the ranges after
		// it, in ascending order, are all continuation bytes then, and
		// only U+FFFD (any invalid byte) adds to them. \p{L} has
		// hundreds of ranges.
		tails := false
		for i := 0; i+1 < len(re.Rune); i += 2 {
			lo, hi := re.Rune[i], re.Rune[i+1]
			holdsError := lo <= utf8.RuneError && utf8.RuneError <= hi
			if tails && lo >= utf8.RuneSelf && !holdsError {
				continue
			}
			addRange(set, lo, hi)
			if last && hi >= utf8.RuneSelf && (lo != hi || holdsError || !utf8.ValidRune(lo)) {
				tails = true
			}
		}
		return false
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		addRange(set, 0, unicode.MaxRune)
		return false
	case syntax.OpCapture, syntax.OpPlus:
		return addEdgeBytes(set, re.Sub[0], last)
	case syntax.OpStar, syntax.OpQuest:
		addEdgeBytes(set, re.Sub[0], last)
		return true
	case syntax.OpRepeat:
		// Read as Simplify spells it out: x{0} is the empty match, x{n,m}
		// as many x followed by optional ones.
		if re.Max == 0 {
			return true
		}
		return addEdgeBytes(set, re.Sub[0], last) || re.Min == 0
	case syntax.OpConcat:
		// From the edge inwards, while what is passed can be empty.
		for i := range re.Sub {
			sub := re.Sub[i]
			if last {
				sub = re.Sub[len(re.Sub)-1-i]
			}
			if !addEdgeBytes(set, sub, last) {
				return false
			}
		}
		return true
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			if addEdgeBytes(set, sub, last) {
				nullable = true
			}
		}
		return nullable
	}
	// Empty matches and assertions (^, $, \b); anything unknown is
	// treated the same way, which only makes the set larger.
	return true
}

// addRuneRange adds to set the first bytes of the UTF-8 encodings of the
// runes lo to hi. UTF-8 keeps the order of runes, so these are the bytes
// from lo's first byte to hi's; an invalid byte decodes as U+FFFD, so a
// range holding it holds every byte that starts no valid rune.
func addRuneRange(set *byteSet, lo, hi rune) {
	var buf [utf8.UTFMax]byte
	first := func(r rune) byte {
		utf8.EncodeRune(buf[:], r)
		return buf[0]
	}
	for c := int(first(lo)); c <= int(first(hi)); c++ {
		set[c] = true
	}
	if lo <= utf8.RuneError && utf8.RuneError <= hi {
		for c := 0x80; c < 0x100; c++ {
			set[c] = true
		}
	}
}

// lastBytes returns the bytes that a non-empty match of the regular
// expression x, anchored where it ends, can end with, or nil when it
// cannot tell or the expression matches the empty string. A suffix cue
// tried on a block its last byte rules out is not run: most paragraphs
// end in a full stop, which few suffix cues can end with.
func (x *cueSyntax) lastBytes() *byteSet { return x.edgeBytes(true) }

// addLastRuneRange adds to set the last bytes of the UTF-8 encodings of
// the runes lo to hi: the ASCII bytes themselves, a single rune's last
// byte, and every continuation byte for a wider range beyond ASCII. An
// invalid byte decodes as U+FFFD, so a range holding it holds every byte
// that is not ASCII.
func addLastRuneRange(set *byteSet, lo, hi rune) {
	if lo == hi && lo != utf8.RuneError && utf8.ValidRune(lo) {
		var buf [utf8.UTFMax]byte
		n := utf8.EncodeRune(buf[:], lo)
		set[buf[n-1]] = true
		return
	}
	for c := lo; c <= min(hi, utf8.RuneSelf-1); c++ {
		set[c] = true
	}
	if hi >= utf8.RuneSelf {
		copy(set[0x80:0xC0], allBytes[:]) // classes such as \p{L} hold hundreds of ranges
	}
	if lo <= utf8.RuneError && utf8.RuneError <= hi {
		copy(set[0x80:], allBytes[:])
	}
}

// allBytes holds as many bytes as there are from 0x80 on, all true: what
// addLastRuneRange copies into a set.
var allBytes = func() (all [0x80]bool) {
	for i := range all {
		all[i] = true
	}
	return all
}()
