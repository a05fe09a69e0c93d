package audit

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"io"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/sourcecheck/sourcecheck/internal/swar"
	"github.com/sourcecheck/sourcecheck/rules"
)

// Finding is what a rule reports about an article: where, how serious,
// and what to do about it.
type Finding struct {
	Rule  string      `json:"rule"`
	Level rules.Level `json:"level"`
	Span
	// Line and Column are where the finding starts, EndLine and EndColumn
	// where it ends (exclusive), all 1-based. Column counts bytes, as in
	// the inspect report; RuneColumn and EndRuneColumn count Unicode code
	// points.
	Line          int    `json:"line"`
	Column        int    `json:"column"`
	RuneColumn    int    `json:"rune_column"`
	EndLine       int    `json:"end_line"`
	EndColumn     int    `json:"end_column"`
	EndRuneColumn int    `json:"end_rune_column"`
	Message       string `json:"message"`
	// Fix is the rule's hint on what would resolve the finding.
	Fix string `json:"fix,omitempty"`
	// Excerpt is the text the finding covers, white space collapsed and
	// shortened to ExcerptRunes.
	Excerpt string `json:"excerpt"`
	// Claim is the index in Document.Claims of the claim the finding is
	// about, or -1.
	Claim int `json:"claim"`
	// Fingerprint identifies the finding across runs: it hashes the rule,
	// the article, the covered text and how many earlier findings of the
	// rule cover the same text, but not line numbers or offsets, so it
	// survives edits elsewhere in the article.
	Fingerprint string `json:"fingerprint"`
}

// ExcerptRunes is the longest excerpt a finding carries.
const ExcerptRunes = 120

// MessageData is what a rule's message template can use.
type MessageData struct {
	// Claim is the text of the claim (or of the span) the finding is
	// about, white space collapsed and shortened.
	Claim string
	// Kind and Subkind are the claim's kind and subkind.
	Kind, Subkind string
	// Source and SourceType name the source involved, if any.
	Source, SourceType string
	// Cue is the attribution cue involved ("reportedly", "claimed").
	Cue string
	// Match is the text the check matched.
	Match string
	// Detail is extra, check-specific information ("62% of attributed
	// claims", "SOHR says 370, the ministry 311").
	Detail string
}

// Check is a compiled rule: it reads an analysed document and reports
// findings through the Context.
type Check interface {
	Run(c *Context)
}

// CheckKind is a kind of check rules can name in their check key.
type CheckKind struct {
	// Name is what rules write: check: NAME.
	Name string
	// Summary says in one line what the check finds.
	Summary string
	// Params documents the check's parameters, one "name: meaning" per
	// line; empty when it has none.
	Params string
	// Claims is true when the check judges claims, so that scope.claims
	// applies.
	Claims bool
	build  func(r *rules.Rule) (Check, error)
}

var checkKinds = map[string]CheckKind{}

// registerCheck adds a check kind. Each check_*.go file registers its
// kind from an init function.
func registerCheck(k CheckKind) {
	if _, dup := checkKinds[k.Name]; dup {
		panic("audit: check kind " + k.Name + " registered twice")
	}
	checkKinds[k.Name] = k
}

// CheckKinds returns every check kind, sorted by name.
func CheckKinds() []CheckKind {
	out := make([]CheckKind, 0, len(checkKinds))
	for _, k := range checkKinds {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

func checkKindNames() string {
	var names []string
	for _, k := range CheckKinds() {
		names = append(names, k.Name)
	}
	return strings.Join(names, ", ")
}

type compiled struct {
	rule   *rules.Rule
	check  Check
	blocks blockSet
	// msg is the rule's message template compiled, or nil when it must
	// be executed by text/template.
	msg messageTemplate
	// claimKinds holds the bits (see Engine.claimKeys) of the claim kinds
	// the rule's scope.claims lists; claimKindsExact is true when every
	// kind it lists has a bit, so that claimKinds alone answers for it.
	claimKinds      uint64
	claimKindsExact bool
}

// blockSet is a set of block kinds: a bit for each of BlockKinds, so that
// asking about a block costs no map look-up, and a map for any other kind
// a rule names.
type blockSet struct {
	bits  uint16
	other map[BlockKind]bool
}

// blockBit returns the bit of kind k in a blockSet, or 0 when k is not one
// of BlockKinds.
func blockBit(k BlockKind) uint16 {
	switch k {
	case BlockHeadline:
		return 1 << 0
	case BlockSubheading:
		return 1 << 1
	case BlockBody:
		return 1 << 2
	case BlockMeta:
		return 1 << 3
	case BlockByline:
		return 1 << 4
	case BlockCaption:
		return 1 << 5
	case BlockAd:
		return 1 << 6
	case BlockRelated:
		return 1 << 7
	case BlockNav:
		return 1 << 8
	}
	return 0
}

// add puts kind k in the set.
func (s *blockSet) add(k BlockKind) {
	if b := blockBit(k); b != 0 {
		s.bits |= b
		return
	}
	if s.other == nil {
		s.other = map[BlockKind]bool{}
	}
	s.other[k] = true
}

// blockOther is the bit docState.blockBits records for a block whose kind
// is not one of BlockKinds: a blockSet answers for it by its map.
const blockOther uint16 = 1 << 15

// Engine runs a set of rules over analysed documents. It is safe for
// concurrent use.
type Engine struct {
	analyzer *Analyzer
	rules    []compiled
	// lexSets is what the checks derive from the analyzer's lexicon and
	// registry, worked out once, the first time a check needs it.
	lexSets func() *lexSets
	// claimKeys gives a bit to each claim kind ("figure",
	// "figure/casualty") a rule's scope.claims lists, up to 64 of them,
	// so that a claim's kinds are looked up once per document rather
	// than compared once per rule.
	claimKeys map[string]uint64
	// exist screens the sentences for the phrases of the existence
	// rules as Audit analyses a document, or is nil (see
	// existenceScreen).
	exist *existenceScreen
	// scratch holds *docScratch values for runs to reuse.
	scratch sync.Pool
	// noFingerprints leaves the findings' Fingerprint empty (see
	// WithoutFingerprints).
	noFingerprints bool
}

// An EngineOption changes how an engine NewEngine compiles audits.
type EngineOption func(*Engine)

// WithoutFingerprints makes the engine leave every finding's Fingerprint
// empty, for a caller that neither shows, stores nor compares them (a
// text report with no baseline, say): hashing them is about 1.5% of the
// instructions of an audit.
func WithoutFingerprints() EngineOption {
	return func(e *Engine) { e.noFingerprints = true }
}

// Warm makes now what the engine's checks otherwise make when the first
// article needs them (the sets they derive from the lexicon and the
// registry, about half a millisecond), so that a caller with a core to
// spare during its set-up can take that off the first article's path. It
// is safe to call concurrently with Audit, and more than once.
func (e *Engine) Warm() { e.lexSets() }

// NewEngine compiles rules for the given analyzer (nil means the default
// lexicon and registry), with the options given. An unknown check kind,
// invalid parameters or a message template that uses a field MessageData
// does not have are *rules.LoadError values naming the rule's
// file:line:column; all problems are returned joined.
func NewEngine(a *Analyzer, rs []*rules.Rule, opts ...EngineOption) (*Engine, error) {
	if a == nil {
		a = NewAnalyzer(nil, nil)
	}
	e := &Engine{analyzer: a, lexSets: sync.OnceValue(func() *lexSets { return newLexSets(a.Lexicon(), a.Registry()) })}
	for _, o := range opts {
		o(e)
	}
	var errs []error
	for _, r := range rs {
		c, err := compile(r)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		e.rules = append(e.rules, c)
	}
	if len(errs) > 0 {
		return nil, joinErrors(errs)
	}
	e.claimKeys = assignClaimKeys(e.rules)
	e.exist = newExistenceScreen(e.rules)
	return e, nil
}

// assignClaimKeys gives a bit to each claim kind the rules' scope.claims
// list, up to 64, and fills each rule's claimKinds and claimKindsExact.
func assignClaimKeys(rs []compiled) map[string]uint64 {
	keys := map[string]uint64{}
	for i := range rs {
		c := &rs[i]
		c.claimKindsExact = true
		for _, k := range c.rule.Scope.Claims {
			bit, ok := keys[k]
			if !ok && len(keys) < 64 {
				bit = 1 << len(keys)
				keys[k], ok = bit, true
			}
			if !ok {
				c.claimKindsExact = false
			}
			c.claimKinds |= bit
		}
	}
	return keys
}

func compile(r *rules.Rule) (compiled, error) {
	kind, ok := checkKinds[r.Check]
	if !ok {
		return compiled{}, r.Errorf(r.Pos.Check, "unknown check kind %q (want one of %s)", r.Check, checkKindNames())
	}
	if t := r.Template(); t != nil {
		if err := t.Execute(io.Discard, MessageData{}); err != nil {
			return compiled{}, r.Errorf(r.Pos.Message, "message template: %s", strings.TrimPrefix(err.Error(), "template: "))
		}
	}
	if len(r.Scope.Claims) > 0 && !kind.Claims {
		return compiled{}, r.Errorf(r.Pos.Rule, "check %q does not judge claims, so scope.claims does not apply", r.Check)
	}
	chk, err := kind.build(r)
	if err != nil {
		return compiled{}, err
	}
	c := compiled{rule: r, check: chk}
	if m, ok := compileMessage(r.Template()); ok {
		c.msg = m
	}
	if len(r.Scope.Blocks) == 0 {
		c.blocks.add(BlockHeadline)
		c.blocks.add(BlockSubheading)
		c.blocks.add(BlockBody)
	}
	for _, b := range r.Scope.Blocks {
		c.blocks.add(BlockKind(b))
	}
	return c, nil
}

func joinErrors(errs []error) error {
	if len(errs) == 1 {
		return errs[0]
	}
	return errors.Join(errs...)
}

// Analyzer returns the analyzer the engine audits with.
func (e *Engine) Analyzer() *Analyzer { return e.analyzer }

// Rules returns the engine's rules in the order given to NewEngine.
func (e *Engine) Rules() []*rules.Rule {
	out := make([]*rules.Rule, len(e.rules))
	for i, c := range e.rules {
		out[i] = c.rule
	}
	return out
}

// Audit structures and analyses doc (unless Structure has already run),
// then runs the rules over it.
func (e *Engine) Audit(doc *Document) []Finding {
	if doc.view == nil {
		Structure(doc, e.analyzer.Lexicon())
		e.analyzer.analyze(doc, e.exist)
	}
	return e.Run(doc)
}

// Run runs every rule over an analysed document and returns the findings
// sorted by position, then rule id. It never modifies doc.
func (e *Engine) Run(doc *Document) []Finding {
	// One context serves every rule in turn, each appending its findings
	// to those of the rules before it.
	scratch, _ := e.scratch.Get().(*docScratch)
	if scratch == nil {
		scratch = &docScratch{}
	}
	st, ctx := &scratch.st, &scratch.ctx
	*st = docState{sets: e.lexSets, claimKeys: e.claimKeys, exist: e.exist, blockBits: scratch.blockBits[:0], claimScopes: scratch.claimScopes[:0],
		claimLists: scratch.claimLists[:0], claimIdx: scratch.claimIdx[:0],
		sentsMem: scratch.sents, words: scratch.words, credited: scratch.credited, speakers: scratch.speakers}
	*ctx = Context{Doc: doc, Lexicon: e.analyzer.Lexicon(), Registry: e.analyzer.Registry(), shared: st,
		found: scratch.found[:0], msgs: scratch.msgs[:0], msgEnds: scratch.msgEnds[:0], noFingerprints: e.noFingerprints}
	for i := range e.rules {
		c := &e.rules[i]
		ctx.Rule, ctx.compiled = c.rule, c
		c.check.Run(ctx)
	}
	scratch.blockBits, scratch.claimScopes = st.blockBits, st.claimScopes
	scratch.claimLists, scratch.claimIdx = st.claimLists, st.claimIdx
	scratch.keepSentences(st)
	keepMap(&scratch.credited, st.credited)
	keepMap(&scratch.speakers, st.speakers)
	out := ctx.finish(compareFindings, &scratch.fin)
	scratch.keepFindings(ctx)
	*st, *ctx = docState{}, Context{} // they pin the document until then
	e.scratch.Put(scratch)
	return out
}

// compareFindings orders findings as Run returns them: by start offset,
// then rule id, then end offset.
func compareFindings(a, b *Finding) int {
	if a.Start != b.Start {
		return cmp.Compare(a.Start, b.Start)
	}
	if a.Rule != b.Rule {
		return strings.Compare(a.Rule, b.Rule)
	}
	return cmp.Compare(a.End, b.End)
}

// finishScratch is memory finish reuses from one run to the next.
type finishScratch struct {
	order []int32
	// bases, baseEnds and hash are fingerprint's.
	bases    []byte
	baseEnds []int
	hash     []byte
}

// finish returns the context's findings in a new slice, sorted stably by
// compare, with their messages, positions and fingerprints (unless
// c.noFingerprints). It leaves
// c.found in the order reported, for its memory to be reused; scratch
// may be nil.
func (c *Context) finish(compare func(a, b *Finding) int, scratch *finishScratch) []Finding {
	if len(c.found) == 0 {
		return nil
	}
	if scratch == nil {
		scratch = &finishScratch{}
	}
	// Sort an order rather than the findings themselves, which are
	// large, and copy them once into a slice of the size needed. The
	// index breaks ties, so that the sort is stable.
	order := scratch.order[:0]
	for i := range c.found {
		order = append(order, int32(i))
	}
	found := c.found
	slices.SortFunc(order, func(i, j int32) int {
		if n := compare(&found[i], &found[j]); n != 0 {
			return n
		}
		return int(i - j)
	})
	scratch.order = order
	out := make([]Finding, len(order))
	for k, i := range order {
		out[k] = c.found[i]
	}
	positions(c.Doc, out)
	// The messages, which report wrote end to end in msgs, and the
	// fingerprints after them make one string.
	n := len(c.msgs)
	if !c.noFingerprints {
		c.msgs = appendFingerprints(c.msgs, c.Doc, out, scratch)
	}
	all := string(c.msgs)
	for k, i := range order {
		start := 0
		if i > 0 {
			start = c.msgEnds[i-1]
		}
		f := &out[k]
		f.Message = all[start:c.msgEnds[i]]
		if !c.noFingerprints {
			f.Fingerprint = all[n+k*fingerprintLen : n+(k+1)*fingerprintLen]
		}
	}
	return out
}

// positions fills the lines and columns of findings sorted by start, as
// Document.Position gives them: a walk through the text from one finding
// to the next, rather than a search of a line index for each.
func positions(doc *Document, fs []Finding) {
	w := newPositionWalker(doc.Text)
	for i := range fs {
		f := &fs[i]
		start := w.position(f.Start)
		end := w // the end is walked to from the start
		stop := end.position(f.End)
		f.Line, f.Column, f.RuneColumn = start.Line, start.Column, start.RuneColumn
		f.EndLine, f.EndColumn, f.EndRuneColumn = stop.Line, stop.Column, stop.RuneColumn
	}
}

// appendFingerprints appends the Fingerprint of each finding to dst, in
// order, each fingerprintLen bytes long.
func appendFingerprints(dst []byte, doc *Document, fs []Finding, scratch *finishScratch) []byte {
	if len(fs) == 0 {
		return dst
	}
	key := filepath.ToSlash(filepath.Clean(doc.Path))
	if doc.Record > 0 {
		key += "#" + doc.Meta.ID
	}
	// What is hashed: the base (rule, NUL, key, NUL, the covered text
	// collapsed and lower-cased), NUL, how many findings had the base
	// before, in decimal. The bases are written end to end in one
	// buffer.
	bases, ends := scratch.bases[:0], scratch.baseEnds[:0]
	for i := range fs {
		f := &fs[i]
		bases = append(append(append(append(bases, f.Rule...), 0), key...), 0)
		bases = appendLowerCollapsed(bases, doc.Slice(f.Span))
		ends = append(ends, len(bases))
	}
	scratch.bases, scratch.baseEnds = bases, ends
	base := func(i int) []byte {
		if i == 0 {
			return bases[:ends[0]]
		}
		return bases[ends[i-1]:ends[i]]
	}
	// How many findings had each base before: by comparing with each
	// earlier one when there are few, by a map when there are many.
	var seen map[string]int
	if len(fs) > maxPairwiseFingerprints {
		seen = make(map[string]int, len(fs))
	}
	buf := scratch.hash
	for i := range fs {
		b := base(i)
		n := 0
		if seen != nil {
			n = seen[string(b)]
			seen[string(b)] = n + 1
		} else {
			for j := range i {
				if bytes.Equal(base(j), b) {
					n++
				}
			}
		}
		buf = strconv.AppendInt(append(append(buf[:0], b...), 0), int64(n), 10)
		sum := sha256.Sum256(buf)
		dst = hex.AppendEncode(dst, sum[:fingerprintLen/2])
	}
	scratch.hash = buf
	return dst
}

// fingerprintLen is the length of a Fingerprint: 8 bytes of the hash in
// hexadecimal.
const fingerprintLen = 16

// maxPairwiseFingerprints is the most findings fingerprint counts earlier
// equal bases for by comparing each pair; above it a map counts them.
const maxPairwiseFingerprints = 32

// appendLowerCollapsed appends strings.ToLower(collapse(s)) to buf,
// without the two strings: the words of s (as strings.Fields splits it)
// joined by single spaces, each rune lower-cased by unicode.ToLower, and
// each byte of invalid UTF-8 written as U+FFFD, as strings.ToLower does.
func appendLowerCollapsed(buf []byte, s string) []byte {
	word, space := false, false // a word is written; white space since
	i := 0
	if collapsed(s) {
		// Most often s is collapsed already, and only its letters
		// change: eight ASCII bytes at a time, then as below.
		for ; i+8 <= len(s); i += 8 {
			x := swar.Load(s, i)
			if x&swar.High != 0 {
				break
			}
			buf = binary.LittleEndian.AppendUint64(buf, swarLower(x))
		}
		// A space before s[i:] is written, and a word follows it.
		word = i > 0
	}
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if asciiSpace[c] != 0 {
				space = word
				i++
				continue
			}
			if space {
				buf = append(buf, ' ')
				space = false
			}
			word = true
			// The run of ASCII bytes that are not white space, at once.
			j := i + 1
			for j < len(s) && s[j] < utf8.RuneSelf && asciiSpace[s[j]] == 0 {
				j++
			}
			n := len(buf)
			buf = append(buf, s[i:j]...)
			for k := n; k < len(buf); k++ {
				buf[k] = lowerByte[buf[k]]
			}
			i = j
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if unicode.IsSpace(r) {
			space = word
			continue
		}
		if space {
			buf = append(buf, ' ')
			space = false
		}
		word = true
		buf = utf8.AppendRune(buf, unicode.ToLower(r))
	}
	return buf
}

// Context is what a check sees while it runs: the document, its rule and
// the lexicon, and the means to report findings.
type Context struct {
	Doc      *Document
	Rule     *rules.Rule
	Lexicon  *Lexicon
	Registry *rules.Registry
	// compiled is the rule as the engine compiled it: its blocks and
	// message; nil for a context made outside an engine run.
	compiled *compiled
	// found holds the findings reported, without their messages: msgs
	// holds those end to end, msgEnds where each ends, for finish to turn
	// them into strings at once.
	found   []Finding
	msgs    []byte
	msgEnds []int
	// shared is what the checks of one run work out about the document,
	// for all of them to use.
	shared *docState
	// noFingerprints is the engine's (see WithoutFingerprints).
	noFingerprints bool
}

// docState holds what the checks of one engine run need to know about the
// document beyond what the analysis records, each part worked out the
// first time a check asks for it and then shared by all of them: the
// words, wrapped text and reporting cues of each sentence, which sources
// are credited.
type docState struct {
	sets  func() *lexSets
	sents []sentenceState // one per sentence, once a check asks
	// sentsMem is memory for sents, cleared, from an earlier run.
	sentsMem []sentenceState
	// words holds the words of the sentences worked out so far (see
	// wordsOf), each a full slice of it, with room for more.
	words []qword
	// credited is what creditedSources returns, once creditedDone; an
	// empty map from an earlier run until then.
	credited     map[string]bool
	creditedDone bool
	// speakers is what speakingPeople returns, once speakersDone; an
	// empty map from an earlier run until then.
	speakers     map[string]bool
	speakersDone bool
	// blockBits holds the blockBit of each block's kind (blockOther for
	// a kind outside BlockKinds), once a check asks (blocksDone).
	blockBits  []uint16
	blocksDone bool
	// claimKeys is the engine's (nil outside an engine run), and
	// claimScopes what a rule's scope asks of each claim, once a check
	// asks (scopesDone).
	claimKeys   map[string]uint64
	claimScopes []claimScope
	scopesDone  bool
	// claimLists are the scopes rules have asked Claims for so far, each
	// with the indexes of its claims in claimIdx.
	claimLists []claimList
	claimIdx   []int32
	// exist is the engine's existence screen (nil outside an engine
	// run): the document's existence bits hold when they were worked out
	// with it.
	exist *existenceScreen
}

// docScratch holds the memory of a docState's per-block and per-claim
// slices between engine runs, in Engine.scratch.
type docScratch struct {
	// st and ctx are the state and context of a run, zero between runs.
	st  docState
	ctx Context

	blockBits   []uint16
	claimScopes []claimScope
	claimLists  []claimList
	claimIdx    []int32
	// sents and words are the memory of a docState's sentence states and
	// their words, cleared: they hold slices of a document's text.
	sents []sentenceState
	words []qword
	// credited and speakers are docState's maps, cleared.
	credited, speakers map[string]bool
	// found, msgs and msgEnds are the memory of a Context's, cleared;
	// fin is what Context.finish reuses.
	found   []Finding
	msgs    []byte
	msgEnds []int
	fin     finishScratch
}

// maxScratchWords and maxScratchSentences bound the arrays kept between
// runs, so that one huge document does not pin them for good.
const (
	maxScratchWords     = 1 << 16
	maxScratchSentences = 1 << 12
)

// maxScratchFindings and maxScratchCredited bound the findings and
// credited sources kept between runs.
const (
	maxScratchFindings = 1 << 10
	maxScratchCredited = 1 << 8
)

// keepFindings keeps the memory of c's findings and messages for the next
// run, cleared of what they hold of the document.
func (s *docScratch) keepFindings(c *Context) {
	if cap(c.found) > maxScratchFindings || len(c.msgs) > maxScratchFindings*256 {
		return
	}
	clear(c.found)
	s.found, s.msgs, s.msgEnds = c.found[:0], c.msgs[:0], c.msgEnds[:0]
}

// keepSentences keeps the memory of st's sentence states and words for
// the next run, cleared.
func (s *docScratch) keepSentences(st *docState) {
	if st.sents != nil && cap(st.sents) <= maxScratchSentences {
		clear(st.sents)
		s.sents = st.sents[:0]
	}
	if cap(st.words) <= maxScratchWords {
		clear(st.words) // wordsOf leaves nothing past the end
		s.words = st.words[:0]
	}
}

// claimScope is what a rule's scope asks of a claim: the blockBits entry
// of its sentence's block (0 when it has none) and the claimKeys bits of
// its kind and kind/subkind.
type claimScope struct {
	block uint16
	kinds uint64
}

// sentenceState is what the checks of a run share about one sentence.
type sentenceState struct {
	has     sentenceParts
	words   []qword
	cues    []ReportingCue
	wrapped string
}

// sentenceParts says which parts of a sentenceState are worked out.
type sentenceParts uint8

const (
	hasWords sentenceParts = 1 << iota
	hasCues
	hasWrapped
)

// state returns the context's shared document state, starting one for a
// context made outside an engine run.
func (c *Context) state() *docState {
	if c.shared == nil {
		c.shared = &docState{sets: sync.OnceValue(func() *lexSets { return newLexSets(c.Lexicon, c.Registry) })}
	}
	return c.shared
}

// lexSets returns what the checks derive from the lexicon and registry.
func (c *Context) lexSets() *lexSets { return c.state().sets() }

// sentence returns the shared state of sentence si, with the parts
// want worked out.
func (c *Context) sentence(si int, want sentenceParts) *sentenceState {
	st := c.state()
	if st.sents == nil {
		if n := len(c.Doc.Sentences); cap(st.sentsMem) >= n {
			st.sents = st.sentsMem[:n] // cleared by keepSentences
		} else {
			st.sents = make([]sentenceState, n)
		}
	}
	ss := &st.sents[si]
	if missing := want &^ ss.has; missing != 0 {
		sent := &c.Doc.Sentences[si]
		text := sent.Text
		if missing&(hasWrapped|hasCues) != 0 && ss.has&hasWrapped == 0 {
			ss.wrapped = softWrap(text)
			ss.has |= hasWrapped
		}
		// When its line breaks were spaced byte for byte, the words of
		// text are those of the wrapped text FindCues would split: the
		// sentence's words serve for its cues.
		cuesFromWords := missing&hasCues != 0 && len(ss.wrapped) == len(text)
		if (missing&hasWords != 0 || cuesFromWords) && ss.has&hasWords == 0 {
			ss.words = st.wordsOf(text, sentenceLower(c.Doc, sent))
			ss.has |= hasWords
		}
		if missing&hasCues != 0 {
			if cuesFromWords {
				ss.cues = c.Lexicon.Reporting.appendCues(nil, ss.wrapped, ss.words)
			} else {
				ss.cues = c.Lexicon.Reporting.FindCues(ss.wrapped)
			}
		}
		ss.has |= want
	}
	return ss
}

// sentenceLower returns the text of sentence s with its ASCII letters
// lower-cased, when the analysis has lower-cased the view it is a span
// of, or "".
func sentenceLower(doc *Document, s *Sentence) string {
	lower := doc.viewLower // read, not made: Run leaves doc as it is
	if v := s.view; v.End <= len(lower) && doc.sentenceInView(s) {
		return lower[v.Start:v.End]
	}
	return ""
}

// sentenceInView reports whether s.Text is its span of the document's
// view, as Structure makes it (a caller may have changed either since).
func (doc *Document) sentenceInView(s *Sentence) bool {
	v := s.view
	return doc.view != nil && 0 <= v.Start && v.Start <= v.End && v.End <= len(doc.view.Text) && s.Text == doc.view.Text[v.Start:v.End]
}

// wordsOf returns the words of text, as appendQWords splits it, in the
// spare room of st.words: the sentences of a run share a few arrays
// rather than have one each. lower is text with its ASCII letters
// lower-cased, or "" (see appendQWordsLower).
func (st *docState) wordsOf(text, lower string) []qword {
	n, want := len(st.words), len(text)/6+1 // about one word in six bytes
	if cap(st.words)-n < want {
		// A new array for this sentence and the next: the words of
		// those before keep the old one.
		st.words = make([]qword, 0, max(2*cap(st.words), want, 256))
		n = 0
	}
	toks := appendQWordsLower(st.words[n:n], text, lower, 0, len(text))
	if len(toks) <= cap(st.words)-n {
		st.words = st.words[:n+len(toks)] // they fit in place
	} else {
		// They outgrew the room left and moved: clear what they wrote
		// there, so that the array holds words up to its length only.
		clear(st.words[n:cap(st.words)])
	}
	return toks[:len(toks):len(toks)]
}

// sentenceWords returns the words of sentence si's text, as appendQWords
// splits it. Line breaks split no word, so they are also the words of its
// wrapped text.
func (c *Context) sentenceWords(si int) []qword { return c.sentence(si, hasWords).words }

// wrappedText returns the text of sentence si with its line breaks read
// as spaces, as the analysis reads it: softWrap(text).
func (c *Context) wrappedText(si int) string { return c.sentence(si, hasWrapped).wrapped }

// sentenceCues returns the reporting cues of sentence si's wrapped text:
// ReportingLexicon.FindCues(softWrap(text)).
func (c *Context) sentenceCues(si int) []ReportingCue { return c.sentence(si, hasCues).cues }

// creditedSources returns the IDs of the sources a claim or a quotation
// of the document is credited to. The map is shared: do not modify it.
func (c *Context) creditedSources() map[string]bool {
	st := c.state()
	if !st.creditedDone {
		if st.credited == nil {
			st.credited = map[string]bool{}
		}
		addCreditedSources(st.credited, c.Doc)
		st.creditedDone = true
	}
	return st.credited
}

// keepMap keeps m, cleared, in *dst for the next run, unless it is nil
// or grew past maxScratchCredited (a map keeps its size once cleared).
func keepMap(dst *map[string]bool, m map[string]bool) {
	if m != nil && len(m) <= maxScratchCredited {
		clear(m)
		*dst = m
	}
}

// speakingPeople returns the IDs of the people credited with a claim of
// the document. The map is shared: do not modify it.
func (c *Context) speakingPeople() map[string]bool {
	st := c.state()
	if !st.speakersDone {
		if st.speakers == nil {
			st.speakers = map[string]bool{}
		}
		last := "" // claims in a row are often credited to the same source
		for k := range c.Doc.Claims {
			a := c.Doc.Claims[k].Attribution
			if a == nil {
				continue
			}
			if id := a.Source.ID; id != last && strings.HasPrefix(id, "person:") {
				st.speakers[id] = true
				last = id
			}
		}
		st.speakersDone = true
	}
	return st.speakers
}

// lexSets is what the checks derive from an analyzer's lexicon and
// registry, the same for every document.
type lexSets struct {
	// roles and affiliations are the people lexicon's lists by lexKey
	// (its notNameKeys and titleKeys hold the others).
	roles, affiliations map[string]bool
	// backrefTypes maps each back-reference of the registry (folded) to
	// the types of the sources that list it; backrefFolds maps each as
	// the registry spells it to rules.Fold of it.
	backrefTypes map[string]map[string]bool
	backrefFolds map[string]string
	// loadedForms matches the inflections of the loaded reporting verbs;
	// see loadedFormsMatcher.
	loadedForms *phraseMatcher
	// indefinite finds indefinite mentions of the nouns the registry's
	// back-references end in, by noun.
	indefinite map[string]*indefiniteHead
}

func newLexSets(lex *Lexicon, reg *rules.Registry) *lexSets {
	people := &lex.People
	s := &lexSets{roles: map[string]bool{}, affiliations: wordSet(people.Affiliations), backrefTypes: backrefTypes(reg), backrefFolds: backrefFolds(reg),
		loadedForms: loadedFormsMatcher(&lex.Reporting), indefinite: indefiniteHeads(reg)}
	for _, words := range people.Roles {
		for _, w := range words {
			s.roles[lexKey(w)] = true
		}
	}
	return s
}

// blockKinds returns the document's blockBits, working them out the
// first time.
func (st *docState) blockKinds(doc *Document) []uint16 {
	if !st.blocksDone {
		bits := st.blockBits[:0]
		var last BlockKind
		var lastBit uint16
		for i := range doc.Blocks {
			// Blocks in a row are mostly of one kind.
			if k := doc.Blocks[i].Kind; k != last || lastBit == 0 {
				last, lastBit = k, blockBit(k)
				if lastBit == 0 {
					lastBit = blockOther
				}
			}
			bits = append(bits, lastBit)
		}
		st.blockBits, st.blocksDone = bits, true
	}
	return st.blockBits
}

// InBlock reports whether block i is of a kind the rule's scope covers.
func (c *Context) InBlock(i int) bool {
	if i < 0 || i >= len(c.Doc.Blocks) || c.compiled == nil {
		return false
	}
	st := c.state()
	bits := st.blockBits // worked out, but for the first call of a run
	if !st.blocksDone {
		bits = st.blockKinds(c.Doc)
	}
	if b := bits[i]; b != blockOther {
		return c.compiled.blocks.bits&b != 0
	}
	return c.compiled.blocks.other[c.Doc.Blocks[i].Kind]
}

// BlockAt returns the index of the block holding byte offset off, or -1.
func (c *Context) BlockAt(off int) int {
	bs := c.Doc.Blocks
	i := sort.Search(len(bs), func(i int) bool { return bs[i].End > off })
	if i < len(bs) && bs[i].Start <= off {
		return i
	}
	return -1
}

// ClaimInScope reports whether a claim is in a block the rule covers and
// of a kind its scope.claims lists (every kind when it lists none).
func (c *Context) ClaimInScope(cl *Claim) bool {
	if cl.Sentence < 0 || cl.Sentence >= len(c.Doc.Sentences) || !c.InBlock(c.Doc.Sentences[cl.Sentence].Block) {
		return false
	}
	if len(c.Rule.Scope.Claims) == 0 {
		return true
	}
	return slices.Contains(c.Rule.Scope.Claims, string(cl.Kind)) ||
		(cl.Subkind != "" && slices.Contains(c.Rule.Scope.Claims, string(cl.Kind)+"/"+cl.Subkind))
}

// Claims calls fn for every claim in the rule's scope.
func (c *Context) Claims(fn func(i int, cl *Claim)) {
	claims := c.Doc.Claims
	if c.compiled == nil || c.shared == nil || c.shared.claimKeys == nil {
		for i := range claims {
			if c.ClaimInScope(&claims[i]) {
				fn(i, &claims[i])
			}
		}
		return
	}
	// In an engine run, the claims' blocks and kinds are looked up once
	// per document and each rule's scope is a pair of bit sets. Most
	// scopes, the pair alone answers for: the claims in one are listed
	// once for every rule with that scope.
	blocks := c.compiled.blocks.bits
	kinds, exact := c.compiled.claimKinds, c.compiled.claimKindsExact
	all := len(c.Rule.Scope.Claims) == 0
	if c.compiled.blocks.other == nil && (all || exact) {
		for _, i := range c.shared.inScope(c.Doc, blocks, kinds, all) {
			fn(int(i), &claims[i])
		}
		return
	}
	scopes := c.shared.scopes(c.Doc)
	for i := range claims {
		sc := scopes[i]
		switch {
		case sc.block == 0, sc.block != blockOther && blocks&sc.block == 0:
			continue // in no block, or in one outside the scope
		case sc.block == blockOther && !c.InBlock(c.Doc.Sentences[claims[i].Sentence].Block):
			continue
		}
		if all || sc.kinds&kinds != 0 || !exact && c.ClaimInScope(&claims[i]) {
			fn(i, &claims[i])
		}
	}
}

// claimList is the claims of a document in one scope, as
// docState.inScope lists them: claimIdx[start:end].
type claimList struct {
	blocks     uint16
	kinds      uint64
	all        bool
	start, end int
}

// inScope returns the indexes of the claims, in order, in the scope of a
// rule whose blocks are all of BlockKinds, with the bits blocks, and whose
// scope.claims kinds all have bits (kinds), or lists none (all): as Claims
// would pick them one by one. It works them out the first time a rule
// with that scope asks.
func (st *docState) inScope(doc *Document, blocks uint16, kinds uint64, all bool) []int32 {
	for _, l := range st.claimLists {
		if l.blocks == blocks && l.kinds == kinds && l.all == all {
			return st.claimIdx[l.start:l.end:l.end]
		}
	}
	scopes := st.scopes(doc)
	start := len(st.claimIdx)
	for i, sc := range scopes {
		// blocks has no blockOther bit: a claim in no block, or in one
		// of another kind, is out.
		if blocks&sc.block != 0 && (all || sc.kinds&kinds != 0) {
			st.claimIdx = append(st.claimIdx, int32(i))
		}
	}
	end := len(st.claimIdx)
	st.claimLists = append(st.claimLists, claimList{blocks: blocks, kinds: kinds, all: all, start: start, end: end})
	return st.claimIdx[start:end:end]
}

// scopes returns the document's claimScopes, working them out the first
// time.
func (st *docState) scopes(doc *Document) []claimScope {
	if st.scopesDone {
		return st.claimScopes
	}
	bits := st.blockKinds(doc)
	st.claimScopes = slices.Grow(st.claimScopes[:0], len(doc.Claims))[:len(doc.Claims)]
	st.scopesDone = true
	var lastKind ClaimKind
	var lastSub string
	var lastBits uint64
	known := false // lastBits are those of lastKind and lastSub
	for i := range doc.Claims {
		cl := &doc.Claims[i]
		sc := &st.claimScopes[i]
		*sc = claimScope{}
		if cl.Sentence < 0 || cl.Sentence >= len(doc.Sentences) {
			continue
		}
		if b := doc.Sentences[cl.Sentence].Block; b >= 0 && b < len(bits) {
			sc.block = bits[b]
		}
		if len(st.claimKeys) == 0 {
			continue
		}
		// Claims in a row are mostly of one kind and subkind.
		if !known || cl.Kind != lastKind || cl.Subkind != lastSub {
			lastKind, lastSub, known = cl.Kind, cl.Subkind, true
			lastBits = st.claimKeys[string(cl.Kind)]
			if cl.Subkind != "" {
				// "kind/subkind", written in a buffer on the stack: a
				// look-up by string(key) copies nothing.
				var mem [64]byte
				key := append(append(append(mem[:0], cl.Kind...), '/'), cl.Subkind...)
				lastBits |= st.claimKeys[string(key)]
			}
		}
		sc.kinds = lastBits
	}
	return st.claimScopes
}

// ReportClaim reports a finding on claim i; d's Claim, Kind and Subkind
// are filled from the claim, and Source, SourceType and Cue from its
// attribution when d leaves them empty.
func (c *Context) ReportClaim(i int, d MessageData) {
	cl := &c.Doc.Claims[i]
	text := c.Doc.Slice(cl.Span)
	excerpt := Excerpt(text)
	// A claim's text is mostly the text its span covers.
	if d.Claim = excerpt; cl.Text != text {
		d.Claim = Excerpt(cl.Text)
	}
	d.Kind, d.Subkind = string(cl.Kind), cl.Subkind
	if a := cl.Attribution; a != nil {
		if d.Source == "" {
			d.Source, d.SourceType = a.Source.Name, a.Source.Type
		}
		if d.Cue == "" {
			d.Cue = a.Cue.Text
		}
	}
	c.report(cl.Span, i, d, excerpt)
}

// Report reports a finding on span; d.Claim defaults to the span's text.
func (c *Context) Report(span Span, d MessageData) {
	excerpt := Excerpt(c.Doc.Slice(span))
	if d.Claim == "" {
		d.Claim = excerpt
	}
	c.report(span, -1, d, excerpt)
}

// report reports a finding on span, whose Excerpt is excerpt. Its
// message, positions and fingerprint are left to finish.
func (c *Context) report(span Span, claim int, d MessageData, excerpt string) {
	if c.compiled != nil && c.compiled.msg != nil {
		c.msgs = c.compiled.msg.appendTo(c.msgs, &d)
	} else {
		n := len(c.msgs)
		w := (*byteWriter)(&c.msgs)
		if err := c.Rule.Template().Execute(w, d); err != nil {
			c.msgs = append(c.msgs[:n], c.Rule.Message...)
		}
	}
	c.msgEnds = append(c.msgEnds, len(c.msgs))
	c.found = append(c.found, Finding{
		Rule: c.Rule.ID, Level: c.Rule.Level, Span: span,
		Fix: c.Rule.Fix, Excerpt: excerpt, Claim: claim,
	})
}

// byteWriter is an io.Writer that appends to a byte slice.
type byteWriter []byte

func (w *byteWriter) Write(p []byte) (int, error) {
	*w = append(*w, p...)
	return len(p), nil
}

// Excerpt collapses white space in s and shortens it to ExcerptRunes
// runes, ending with "…" when cut.
func Excerpt(s string) string {
	if collapsed(s) {
		return shorten(s) // without allocating, unless it cuts
	}
	// Collapse only as many words as the excerpt can show, into a
	// buffer that holds most excerpts without a trip to the heap: one
	// allocation, for the excerpt.
	var mem [4 * ExcerptRunes]byte
	b, runes := mem[:0], 0
	for w := range strings.FieldsSeq(s) {
		if len(b) > 0 {
			b = append(b, ' ')
			runes++
		}
		b = append(b, w...)
		if runes += utf8.RuneCountInString(w); runes > ExcerptRunes {
			break
		}
	}
	if runes <= ExcerptRunes {
		return string(b)
	}
	return string(append(bytes.TrimSpace(b[:runePrefix(b, ExcerptRunes-1)]), "…"...))
}

// shorten returns s, collapsed, shortened to ExcerptRunes runes as
// Excerpt does.
func shorten(s string) string {
	if utf8.RuneCountInString(s) <= ExcerptRunes {
		return s
	}
	n := 0
	for i := range s {
		if n == ExcerptRunes-1 {
			return strings.TrimSpace(s[:i]) + "…"
		}
		n++
	}
	return s
}

// runePrefix returns the length in bytes of the first n runes of b, as
// utf8.RuneCount counts them.
func runePrefix(b []byte, n int) int {
	i := 0
	for ; n > 0 && i < len(b); n-- {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		_, size := utf8.DecodeRune(b[i:])
		i += size
	}
	return i
}

// collapse joins the words of s (as strings.Fields splits it) with single
// spaces.
func collapse(s string) string {
	if collapsed(s) {
		return s // the common case, without allocating
	}
	var b strings.Builder
	b.Grow(len(s))
	for w := range strings.FieldsSeq(s) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	return b.String()
}

// collapsed reports whether collapse would return s as it is: s has no
// white space but single spaces between words.
func collapsed(s string) bool {
	const (
		ones  = 0x0101010101010101
		highs = 0x80 * ones
	)
	space := true // a space here would lead s or double another
	i := 0
	// Eight ASCII bytes at a time: sp marks their spaces, ws their other
	// white space (\t \n \v \f \r); prev is the high bit of the first
	// byte when a space comes right before it.
	for prev := uint64(0x80); i+8 <= len(s); i += 8 {
		x := swar.Load(s, i)
		if x&highs != 0 {
			break // a byte from 0x80 on: the loop below reads runes
		}
		y := x ^ ' '*ones
		sp := ^((y&(0x7f*ones) + 0x7f*ones) | y) & highs
		ws := (x + 0x77*ones) &^ (x + 0x72*ones) & highs
		if ws != 0 || sp&(sp<<8|prev) != 0 {
			return false
		}
		prev = sp >> 56
		space = prev != 0
	}
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == ' ':
				if space {
					return false
				}
				space = true
			case asciiSpace[c] != 0:
				return false
			default:
				space = false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			return false
		}
		space = false
		i += size
	}
	return !space || s == ""
}

// ExampleResult is the outcome of running one of a rule's examples.
type ExampleResult struct {
	Rule string
	// Hit is true for a hit example (the rule must fire), false for a pass
	// example (it must not).
	Hit  bool
	Text string
	// Findings are the rule's findings on the example.
	Findings []Finding
}

// OK reports whether the example behaved as declared.
func (r ExampleResult) OK() bool { return r.Hit == (len(r.Findings) > 0) }

// RunExamples runs each of the engine's rules over its own hit and pass
// examples. Each example is read as a Markdown article, so that a blank
// line separates paragraphs and a "# " line is a headline.
func (e *Engine) RunExamples() []ExampleResult {
	var out []ExampleResult
	for _, c := range e.rules {
		one := &Engine{analyzer: e.analyzer, rules: []compiled{c}, lexSets: e.lexSets, claimKeys: e.claimKeys, exist: e.exist}
		for _, ex := range []struct {
			hit   bool
			texts []string
		}{{true, c.rule.Examples.Hit}, {false, c.rule.Examples.Pass}} {
			for _, text := range ex.texts {
				doc := NewDocument("example.md", FormatMarkdown, text)
				out = append(out, ExampleResult{Rule: c.rule.ID, Hit: ex.hit, Text: text, Findings: one.Audit(doc)})
			}
		}
	}
	return out
}
