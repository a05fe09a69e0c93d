package audit

import (
	"fmt"
	"math/bits"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sourcecheck/sourcecheck/internal/swar"
	"github.com/sourcecheck/sourcecheck/rules"
)

// PeopleLexicon holds the words that find people as sources
// (lexicon/people.yaml).
type PeopleLexicon struct {
	Version      int                 `yaml:"version"`
	Titles       []string            `yaml:"titles"`
	Roles        map[string][]string `yaml:"roles"`
	Unnamed      map[string][]string `yaml:"unnamed"`
	Determiners  []string            `yaml:"determiners"`
	Particles    []string            `yaml:"particles"`
	NotNames     []string            `yaml:"not_names"`
	OrgWords     []string            `yaml:"org_words"`
	Affiliations []string            `yaml:"affiliations"`
	Female       []string            `yaml:"female"`
	Male         []string            `yaml:"male"`
	AnonHeads    []string            `yaml:"anonymous_heads"`
	OrgNouns     []string            `yaml:"org_nouns"`
	// NameFollowers are the words after a lone capitalised word that show
	// it names a person ("Sarah had to flee").
	NameFollowers []string `yaml:"name_followers"`
	// OrgTypes gives the source type of an organisation named by an
	// organisation word the registry does not know (FindOrgs).
	OrgTypes map[string][]string `yaml:"org_types"`

	titles, determiners, particles, notNames, orgWords, affiliations map[string]bool
	female, male, anonHeads, orgNouns, nameFollowers                 map[string]bool
	// notNameKeys and titleKeys hold NotNames and Titles by lexKey, as
	// the check kinds look words up.
	notNameKeys, titleKeys map[string]bool
	// roles and unnamed map a lower-cased phrase to its source type; the
	// *Len maps give the longest phrase in words starting with a word.
	roles, unnamed      map[string]string
	roleLen, unnamedLen map[string]int
	orgTypes            map[string]string
	// Filters that rule out most words before the maps above are asked,
	// on the paths taken for every word: determiners, the first words of
	// unnamed phrases, the last words of role phrases, titles and
	// not-names.
	determinerF, unnamedF, roleEndF, titleF, notNameF wordFilter
	// roleOrTitleF holds the words of roleEndF and titleF (mayRole).
	roleOrTitleF wordFilter
	// roleStartF holds the first words of the role phrases of two words
	// or more: roleAt looks up no longer phrase that starts elsewhere.
	roleStartF wordFilter
	// headF holds the heads of definite descriptions (FindDefinites): the
	// role phrases, org_nouns, female and male; openerF their openers
	// (definiteOpeners); orgWordF holds org_words.
	headF, openerF, orgWordF wordFilter
	// openerBits holds the openers in one machine word, asked of every
	// word before openerF.
	openerBits wordBits64
	// pluralF holds the words pluralHead may take: the one-word unnamed
	// phrases and the one-word roles with a plural -s.
	pluralF wordFilter
	// particleF and affiliationF hold particles and affiliations,
	// nameFollowerF name_followers.
	particleF, affiliationF, nameFollowerF wordFilter
	// particleEnds holds, for each first byte of a particle, a bit for
	// the length in bytes of each particle that starts with it: the
	// offsets at which a particle-prefixed surname may have its hyphen
	// ("al-Assad" sets bit 2 of 'a').
	particleEnds [256]uint64
	// marksF holds notNameF, determinerF, openerF, orgWordF, pluralF,
	// unnamedF and headF for markWords, at the bits filterNotName,
	// filterDeterminer, filterOpener, filterOrgWord, filterPlural,
	// filterUnnamed and filterHead.
	marksF filterBytes
	// unnamedIDs holds unnamedID of the phrases of unnamed and roles, the
	// one-word roles with a plural -s, org_nouns, female and male.
	unnamedIDs map[string]string
	// Maps above as wordKeys and wordValues, for the look-ups of a sentence's
	// words, which carry their filter bits: the people finders ask them
	// of the words the filters let through.
	notNameT, determinerT, particleT, orgWordT  wordKeys
	titleT, femaleT, maleT, anonHeadT, orgNounT wordKeys
	roleT, unnamedT, orgTypeT, unnamedIDT       wordValues
}

// personTypes are the source types a role may give a person.
var personTypes = map[string]bool{"official": true, "expert": true, "eyewitness": true, "anonymous": true}

func (l *PeopleLexicon) compile() error {
	set := func(name string, words []string) (map[string]bool, error) {
		m := make(map[string]bool, len(words))
		for _, w := range words {
			w = strings.ToLower(strings.TrimSpace(w))
			if w == "" {
				return nil, fmt.Errorf("%s: empty entry", name)
			}
			m[w] = true
		}
		return m, nil
	}
	var err error
	for _, s := range []struct {
		name  string
		words []string
		dst   *map[string]bool
	}{
		{"titles", l.Titles, &l.titles}, {"determiners", l.Determiners, &l.determiners},
		{"particles", l.Particles, &l.particles}, {"not_names", l.NotNames, &l.notNames},
		{"org_words", l.OrgWords, &l.orgWords}, {"affiliations", l.Affiliations, &l.affiliations},
		{"female", l.Female, &l.female}, {"male", l.Male, &l.male}, {"anonymous_heads", l.AnonHeads, &l.anonHeads},
		{"org_nouns", l.OrgNouns, &l.orgNouns}, {"name_followers", l.NameFollowers, &l.nameFollowers},
	} {
		if *s.dst, err = set(s.name, s.words); err != nil {
			return err
		}
	}
	l.notNameKeys, l.titleKeys = wordSet(l.NotNames), wordSet(l.Titles)
	phrases := func(name string, src map[string][]string) (map[string]string, map[string]int, error) {
		m, n := map[string]string{}, map[string]int{}
		for typ, list := range src {
			if name == "roles" && !personTypes[typ] {
				return nil, nil, fmt.Errorf("%s: unknown source type %q (want official, expert, eyewitness or anonymous)", name, typ)
			}
			if !rules.SourceType(typ).Valid() {
				return nil, nil, fmt.Errorf("%s: unknown source type %q", name, typ)
			}
			for _, p := range list {
				words := strings.Fields(strings.ToLower(p))
				if len(words) == 0 {
					return nil, nil, fmt.Errorf("%s: empty entry under %s", name, typ)
				}
				key := strings.Join(words, " ")
				if _, dup := m[key]; !dup {
					m[key] = typ
				}
				if len(words) > n[words[0]] {
					n[words[0]] = len(words)
				}
			}
		}
		return m, n, nil
	}
	if l.roles, l.roleLen, err = phrases("roles", l.Roles); err != nil {
		return err
	}
	if l.unnamed, l.unnamedLen, err = phrases("unnamed", l.Unnamed); err != nil {
		return err
	}
	l.determinerF, l.unnamedF, l.titleF, l.notNameF = filterOf(l.determiners), filterOf(l.unnamedLen), filterOf(l.titles), filterOf(l.notNames)
	l.roleEndF, l.roleStartF = wordFilter{}, wordFilter{}
	for key := range l.roles {
		l.roleEndF.add(key[strings.LastIndexByte(key, ' ')+1:])
		if sp := strings.IndexByte(key, ' '); sp >= 0 {
			l.roleStartF.add(key[:sp])
		}
	}
	l.roleOrTitleF = l.titleF
	for i, w := range l.roleEndF {
		l.roleOrTitleF[i] |= w
	}
	l.headF, l.orgWordF = filterOf(l.roles), filterOf(l.orgWords)
	l.particleF, l.affiliationF, l.nameFollowerF = filterOf(l.particles), filterOf(l.affiliations), filterOf(l.nameFollowers)
	l.particleEnds = [256]uint64{}
	for p := range l.particles {
		if len(p) >= 64 {
			return fmt.Errorf("particles: %q is too long", p)
		}
		l.particleEnds[p[0]] |= 1 << len(p)
	}
	l.pluralF = wordFilter{}
	for key := range l.unnamed {
		if !strings.Contains(key, " ") {
			l.pluralF.add(key)
		}
	}
	for key := range l.roles {
		if !strings.Contains(key, " ") {
			l.pluralF.add(key + "s")
		}
	}
	l.openerF, l.openerBits = wordFilter{}, 0
	for _, w := range definiteOpeners {
		l.openerF.add(w)
		l.openerBits.add(w)
	}
	for _, set := range []map[string]bool{l.orgNouns, l.female, l.male} {
		for w := range set {
			l.headF.add(w)
		}
	}
	l.marksF = filterBytes{}
	for _, b := range []struct {
		mark uint8
		f    *wordFilter
	}{
		{filterNotName, &l.notNameF}, {filterDeterminer, &l.determinerF}, {filterOpener, &l.openerF},
		{filterOrgWord, &l.orgWordF}, {filterPlural, &l.pluralF}, {filterUnnamed, &l.unnamedF}, {filterHead, &l.headF},
	} {
		l.marksF.put(uint(bits.TrailingZeros8(b.mark)), b.f)
	}
	l.unnamedIDs = map[string]string{}
	for _, set := range []map[string]string{l.unnamed, l.roles} {
		for key := range set {
			l.unnamedIDs[key] = slugID("unnamed:", key)
			if !strings.Contains(key, " ") {
				l.unnamedIDs[key+"s"] = slugID("unnamed:", key+"s")
			}
		}
	}
	for _, set := range []map[string]bool{l.orgNouns, l.female, l.male} {
		for key := range set {
			l.unnamedIDs[key] = slugID("unnamed:", key)
		}
	}
	l.orgTypes = map[string]string{}
	for typ, list := range l.OrgTypes {
		if !rules.SourceType(typ).Valid() {
			return fmt.Errorf("org_types: unknown source type %q", typ)
		}
		for _, w := range list {
			w = strings.ToLower(strings.TrimSpace(w))
			if !l.orgWords[w] {
				return fmt.Errorf("org_types: %q is not in org_words", w)
			}
			l.orgTypes[w] = typ
		}
	}
	l.notNameT, l.determinerT, l.particleT = setKeys(l.notNames), setKeys(l.determiners), setKeys(l.particles)
	l.orgWordT, l.titleT = setKeys(l.orgWords), setKeys(l.titles)
	l.femaleT, l.maleT, l.anonHeadT, l.orgNounT = setKeys(l.female), setKeys(l.male), setKeys(l.anonHeads), setKeys(l.orgNouns)
	l.roleT, l.unnamedT, l.orgTypeT, l.unnamedIDT = mapValues(l.roles), mapValues(l.unnamed), mapValues(l.orgTypes), mapValues(l.unnamedIDs)
	return nil
}

// PersonMention is a person found in a sentence as a possible source:
// named ("Rami Abdel Rahmane, the director of the SOHR", "Batool, 24,",
// "Kremlin spokesman Dmitry Peskov") or unnamed ("a resident of Aleppo",
// "a source close to the army").
type PersonMention struct {
	// Start and End are byte offsets of the name (or, for an unnamed
	// person, the whole noun phrase) in the sentence text.
	Start, End int
	// Name is the name as written, or the noun phrase for unnamed people.
	Name  string
	Named bool
	// Descriptor is what the text says of the person: role, affiliation,
	// age or place ("Kremlin spokesman", "the director of the SOHR",
	// "24"). DescStart/DescEnd locate it; both are 0 when there is none.
	Descriptor         string
	DescStart, DescEnd int
	// Role is the role noun found ("spokesman", "expert", "resident").
	Role string
	// Type is the source type the role gives: official, expert,
	// eyewitness or anonymous.
	Type string
	// Age is the age given in an apposition ("Batool, 24,"), else 0.
	Age int
	// Location is a place named in the descriptor ("a resident of Aleppo").
	Location string
}

// verbTest reports whether a word is a reporting verb (see FindPeople):
// the analyzer's screens most words by their filter bits.
type verbTest func(w *word) bool

// word is a token of a sentence.
type word struct {
	start, end int
	text       string
	lower      string
	capital    bool // starts with an upper-case letter
	number     bool
	ascii      bool // all ASCII: lower is then a lower-case ASCII word
	// plain is isPlainQWord(text): ASCII letters, digits, hyphens and
	// straight apostrophes only, a word the cue finder takes as it is.
	plain bool
	// fa and fb are wordFilterBits(lower), worked out once for the many
	// filters that ask of the word (wordFilter.hasWord): 13 bits each.
	// The bit wordAlnum of fb, above them, is set when the word is made
	// of ASCII letters and digits only (alnum); read fb's filter bits
	// with fbits, which leaves it out.
	fa, fb uint16
}

// wordAlnum is the bit of word.fb that says the word is alnum. (A word
// is 56 bytes, with no padding left for a field of its own: the filter
// bits leave fb's top three bits free, and a wordFilter reads none of
// them.)
const wordAlnum = 1 << 15

// alnum reports whether w is made of ASCII letters and digits only: no
// hyphen, apostrophe or dot inside it, and no byte past ASCII. It is
// false for a word made elsewhere than by the tokenizer (appendWords)
// or setBits.
func (w *word) alnum() bool { return w.fb&wordAlnum != 0 }

// fbits is w.fb without wordAlnum: wordFilterBits(w.lower)'s second bit
// position.
func (w *word) fbits() uint32 { return uint32(w.fb) &^ wordAlnum }

// tokenize splits text into words: runs of letters, digits, apostrophes,
// hyphens and inner dots ("U.S.", "al-Assad", "Aleppo’s").
func tokenize(text string) []word {
	// About one word in six bytes of prose: one allocation in most
	// sentences.
	return appendWords(make([]word, 0, len(text)/6+1), text)
}

// appendWords appends the words of text to dst, as tokenize splits them.
// Their offsets are relative to text.
func appendWords(dst []word, text string) []word { return appendWordsLower(dst, text, "") }

// appendWordsLower is appendWords given lower, lowerASCII(text) or ""
// to have it made on text's first capital. The words' lower-case forms
// are slices of it: a caller that lower-cases a whole document once
// tokenizes each sentence of it without allocating.
func appendWordsLower(dst []word, text, lower string) []word {
	// lower is text with its ASCII capitals lower-cased: an ASCII word's
	// lower-case form is a slice of it, so that a sentence costs at most
	// one allocation however many capitals it has.
	//
	// appendASCIIWords takes most words, and stops where it cannot go
	// on: appendWord takes that one, and the first goes on after it.
	for i := 0; ; {
		dst, i = appendASCIIWords(dst, text, lower, i)
		if i >= len(text) {
			return dst
		}
		dst, i, lower = appendWord(dst, text, lower, i)
	}
}

// appendASCIIWords appends the words of text from i, as appendWordsLower
// splits them, while they are all ASCII, their lower-case forms at hand
// (lower is not "" or they have no capital) and dst has room for them.
// It returns where it stopped: the end of text, a byte that is not ASCII
// between words, or the start of the word it left.
//
// It calls nothing on the way of most words, so that what it works with
// stays in registers: most words are ASCII letters and digits ended by a
// space or a mark, settled by the eight bytes loaded at their start. The
// rest are scanned eight bytes a step too, and so are the last bytes of
// text, loaded with spaces past its end (swarLoadTail): no byte is
// looked at on its own but after a hyphen, an apostrophe or a dot.
func appendASCIIWords(dst []word, text, lower string, i int) ([]word, int) {
	for i < len(text) {
		// The high bit of each of the eight bytes from i that is an
		// ASCII letter or digit: bytes of 0x80 and above are tested
		// without it, then ruled out.
		var x uint64
		if i+8 <= len(text) {
			x = swar.Load(text, i)
		} else {
			x = swarLoadTail(text, i)
		}
		alnum := swarAlnum(x&^swar.High) &^ x & swar.High
		if alnum&0x80 == 0 {
			// Between words: past the marks and spaces up to the next
			// word or byte that is not ASCII.
			stop := alnum | x&swar.High
			if stop == 0 {
				i += 8
				continue
			}
			n := bits.TrailingZeros64(stop) / 8
			i += n
			if alnum>>(8*n)&0x80 == 0 {
				return dst, i // not ASCII
			}
			continue
		}
		// A word starts at i. When it ends within these bytes, at an
		// ASCII byte that joins nothing (not a hyphen, an apostrophe or
		// a dot, which the scan below looks past), it is settled here.
		start := i
		stop := ^alnum & swar.High
		n := bits.TrailingZeros64(stop) / 8
		if c := byte(x >> (8 * n & 63)); stop != 0 && wordEnds[c] && start+8 <= len(text) {
			// Sliced from the eight bytes loaded, the word needs no
			// check of its bounds.
			t := text[start : start+8][:n]
			l, lx := t, x
			if lower != "" {
				l = lower[start : start+8][:n]
				lx = swar.Load(lower, start)
			} else if swarUpper(x)&(1<<(8*n)-1) != 0 {
				return dst, start // lower is yet to be made
			}
			if len(dst) == cap(dst) {
				return dst, start
			}
			fa, fb := wordFilterBits8(lx, n)
			dst = dst[:len(dst)+1]
			w := &dst[len(dst)-1]
			w.start, w.end = start, start+n
			w.text, w.lower = t, l
			c0 := byte(x)
			w.capital, w.number = c0-'A' < 26, c0-'0' < 10
			w.ascii, w.plain = true, true
			w.fa, w.fb = uint16(fa), uint16(fb)|wordAlnum
			i = start + n
			if c == ' ' {
				i++ // the space most words end at, passed here at once
			}
			continue
		}
		// A word of eight bytes or more, or joined, or going on past
		// ASCII: runs of letters and digits, eight bytes a step, joined
		// by a hyphen, an apostrophe or a dot before a letter (a hyphen
		// or an apostrophe may come before a digit). e is the index of
		// the bytes y, m the high bit of each that ends a run.
		e, y, m := start, x, stop
		dot, joined := false, false
		var c byte
		for {
			for m == 0 {
				if e += 8; e+8 <= len(text) {
					y = swar.Load(text, e)
				} else {
					y = swarLoadTail(text, e)
				}
				m = (^swarAlnum(y&^swar.High) | y) & swar.High
			}
			k := bits.TrailingZeros64(m) / 8
			e += k
			if c = byte(y >> (8 * k & 63)); wordEnds[c] {
				break
			}
			if c >= utf8.RuneSelf || e+1 < len(text) && text[e+1] >= utf8.RuneSelf {
				return dst, start
			}
			// c is a joiner, text[e] (the bytes past text are spaces).
			if e+1 == len(text) {
				break
			}
			if c2 := text[e+1]; !isASCIILetter(c2) && (c == '.' || c2-'0' >= 10) {
				break
			}
			dot = dot || c == '.'
			joined = true
			if e++; e+8 <= len(text) {
				y = swar.Load(text, e)
			} else {
				y = swarLoadTail(text, e)
			}
			m = (^swarAlnum(y&^swar.High) | y) & swar.High
		}
		t, l := text[start:e], text[start:e]
		if lower != "" {
			// The word as lower has it, whether or not it has capitals.
			l = lower[start:e]
		} else {
			for j := 0; j < len(t); j++ {
				if t[j]-'A' < 26 {
					return dst, start // lower is yet to be made
				}
			}
		}
		if len(dst) == cap(dst) {
			return dst, start
		}
		fa, fb := wordFilterBits(l)
		// Built in place, a field at a time: a word is large, and most
		// sentences have many.
		dst = dst[:len(dst)+1]
		w := &dst[len(dst)-1]
		w.start, w.end = start, e
		w.text, w.lower = t, l
		c0 := t[0]
		w.capital, w.number = c0-'A' < 26, c0-'0' < 10
		w.ascii, w.plain = true, !dot
		w.fa, w.fb = uint16(fa), uint16(fb)|uint16(b2u(!joined))*wordAlnum
		// Past the space most words end at.
		i = e + int(b2u(c == ' '))
	}
	return dst, len(text)
}

// wordEnds marks the bytes after a run of ASCII letters and digits that
// end a word whatever follows: the ASCII bytes but the hyphen, the
// apostrophe and the dot, which join the letters or digits after them.
var wordEnds = func() (t [256]bool) {
	for c := range utf8.RuneSelf {
		t[c] = c != '-' && c != '\'' && c != '.'
	}
	return t
}()

// appendWord appends the word of text at i, if a word starts there, as
// appendWordsLower splits it, and returns the index after it (or after
// the rune at i) and lower, made if it was "" and the word needed it.
func appendWord(dst []word, text, lower string, i int) ([]word, int, string) {
	if c := text[i]; c < utf8.RuneSelf {
		if !isASCIIAlnum(c) {
			return dst, i + 1, lower
		}
	} else if r, n := utf8.DecodeRuneInString(text[i:]); !unicode.IsLetter(r) && !unicode.IsDigit(r) {
		return dst, i + n, lower
	}
	start := i
	ascii, upper, dot, joined := true, false, false, false
	for i < len(text) {
		if i+8 <= len(text) {
			n, up := alnumRun8(text, i)
			upper = upper || up
			i += n
			if n == 8 {
				continue
			}
			// text[i] is not an ASCII letter or digit.
		}
		c := text[i]
		if isASCIIAlnum(c) {
			upper = upper || 'A' <= c && c <= 'Z'
			i++
			continue
		}
		if c < utf8.RuneSelf && c != '-' && c != '\'' && c != '.' {
			break // an ASCII space or mark that joins nothing: most words end so
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			ascii = false
			i += n
			continue
		}
		// Inner joiners: hyphen, apostrophes, a dot between letters.
		if (r == '-' || r == '\'' || r == '’' || r == '.') && i+n < len(text) {
			r2, _ := utf8.DecodeRuneInString(text[i+n:])
			if unicode.IsLetter(r2) || (r != '.' && unicode.IsDigit(r2)) {
				ascii = ascii && n == 1
				dot = dot || r == '.'
				joined = true
				i += n
				continue
			}
		}
		break
	}
	t, l := text[start:i], text[start:i]
	switch {
	case !ascii:
		l = strings.ToLower(t)
	case upper:
		if lower == "" {
			lower = lowerASCII(text)
		}
		l = lower[start:i]
	}
	var capital, number bool
	if c := t[0]; c < utf8.RuneSelf {
		capital, number = 'A' <= c && c <= 'Z', '0' <= c && c <= '9'
	} else {
		first, _ := utf8.DecodeRuneInString(t)
		capital, number = unicode.IsUpper(first), unicode.IsDigit(first)
	}
	fa, fb := wordFilterBits(l)
	if ascii && !joined {
		fb |= wordAlnum
	}
	dst = append(dst, word{start: start, end: i, text: t, lower: l, capital: capital, number: number,
		ascii: ascii, plain: ascii && !dot, fa: uint16(fa), fb: uint16(fb)})
	return dst, i, lower
}

// setBits works out w.fa and w.fb, with wordAlnum, from w.lower and
// w.text.
func (w *word) setBits() {
	a, b := wordFilterBits(w.lower)
	w.fa, w.fb = uint16(a), uint16(b)
	if isAlnum(w.text) {
		w.fb |= wordAlnum
	}
}

// isAlnum reports whether s is not empty and made of ASCII letters and
// digits only.
func isAlnum(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isASCIIAlnum(s[i]) {
			return false
		}
	}
	return s != ""
}

// upperOnly reports whether strings.ToUpper(s) == s, without allocating:
// s has no lower-case letter (and no invalid UTF-8, which ToUpper would
// replace).
func upperOnly(s string) bool {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || unicode.ToUpper(r) != r {
			return false
		}
		i += n
	}
	return true
}

// wordsIn returns the words of words (sorted, as tokenize gives them)
// that lie within [start, end).
func wordsIn(words []word, start, end int) []word {
	i := sort.Search(len(words), func(k int) bool { return words[k].start >= start })
	j := i
	for j < len(words) && words[j].end <= end {
		j++
	}
	return words[i:j]
}

// nameToken reports whether w can be part of a person's name: capitalised
// and not a function word, or a particle-prefixed surname ("al-Assad").
func (l *PeopleLexicon) nameToken(w *word) bool {
	if w.capital {
		// Most words end in no possessive, and are their own key.
		if n := len(w.lower); n == 0 || w.lower[n-1] != 's' {
			return !l.notNameF.hasWord(w) || !l.notNameT.hasWord(w)
		}
		key := strings.TrimSuffix(strings.TrimSuffix(w.lower, "’s"), "'s")
		if len(key) == len(w.lower) {
			return !l.notNameF.hasWord(w) || !l.notNameT.hasWord(w)
		}
		a, b := wordFilterBits(key)
		return !l.notNameF.has(a, b) || !l.notNameT.hasBits(key, a, b)
	}
	if !l.mayParticleName(w) {
		return false
	}
	if i := strings.IndexByte(w.text, '-'); i > 0 && i+1 < len(w.text) {
		r, _ := utf8.DecodeRuneInString(w.text[i+1:])
		return l.particleT.has(w.lower[:i]) && unicode.IsUpper(r)
	}
	return false
}

// mayParticleName is false when nameToken is false for w, not
// capitalised, as it is for most such words: a particle-prefixed surname
// ("al-Assad") has its first hyphen right after a particle, and so at the
// length of a particle that starts with its first byte, short of its last
// byte. Most words have no hyphen at any of those few offsets.
//
// An ASCII first byte that is no capital is the first byte of w.lower
// too: most words are read from w.text alone.
func (l *PeopleLexicon) mayParticleName(w *word) bool {
	if w.alnum() {
		return false // no hyphen: most words, answered at once
	}
	t := w.text
	if len(t) < 3 {
		return false
	}
	c := t[0]
	if c >= utf8.RuneSelf {
		if w.lower == "" {
			return false
		}
		c = w.lower[0]
	}
	for m := l.particleEnds[c] & (1<<(len(t)-1) - 1); m != 0; m &= m - 1 {
		if t[bits.TrailingZeros64(m)] == '-' {
			return true
		}
	}
	return false
}

// wordMarks is what one walk over a sentence's words (markWords) notes
// for the passes that find people, organisations and definite
// descriptions in it: each then goes from one of the few words that may
// concern it to the next by a look at a bit set (nextStart, nextOpener,
// nextOrg), rather than asking its filters of every word again.
type wordMarks struct {
	// marks[i] holds the bits of marksF that may hold words[i] (the
	// filter* bits: of notNameF, determinerF, openerF, orgWordF,
	// pluralF, unnamedF and headF; pluralF's only when the word is
	// shaped as a plural, so that it is mayPluralHead), and markName
	// when it is a name token (nameToken). Sixteen zero bytes follow
	// the words' marks, so that they are read eight at a time.
	marks []uint8
	// bits holds four bit sets over the words, bit i%64 of bits[4k+s]
	// for words[i], k = i/64: s = setStarts, the words at which
	// findPeople may find a person (nextStart); setDeterminers,
	// the words marked filterDeterminer that have one marked
	// filterUnnamed in the four after them; setOpeners, those marked
	// filterOpener that have one marked filterHead in the four after
	// them, the words that may open a definite description; and
	// setOrgs, the name tokens marked filterOrgWord, which may be
	// organisation words.
	bits []uint64
}

// The bit sets of wordMarks.bits.
const (
	setStarts = iota
	setDeterminers
	setOpeners
	setOrgs
)

// marksBuf holds the marks of a sentence of up to 64 words: FindPeople,
// FindDefinites and FindOrgs mark the words in one (one allocation).
type marksBuf struct {
	marks [64 + 16]uint8
	bits  [4]uint64
}

// wordMarks returns marks whose arrays are b's.
func (b *marksBuf) wordMarks() wordMarks { return wordMarks{marks: b.marks[:0], bits: b.bits[:0]} }

// The bits of wordMarks.marks: those of marksF, and markName.
// (markWords reads them by their places in a byte, nameAt and so on.)
const (
	filterNotName = 1 << iota
	filterDeterminer
	filterOpener
	filterOrgWord
	filterPlural
	// filterUnnamed and filterHead, of the words that may follow a
	// determiner or an opener, lie aheadShift bits above
	// filterDeterminer and filterOpener: markWords keeps those only
	// where a word ahead has these.
	filterUnnamed = filterDeterminer << aheadShift
	filterHead    = filterOpener << aheadShift
	markName      = 1 << 7
)

const aheadShift = 4

// name reports whether words[i] is a name token.
func (m *wordMarks) name(i int) bool { return m.marks[i]&markName != 0 }

// determiner reports whether words[i] is in the bit set setDeterminers.
func (m *wordMarks) determiner(i int) bool {
	return m.bits[i/64*4+setDeterminers]>>(uint(i)%64)&1 != 0
}

// nextStart, nextOpener and nextOrg return the index of the first word
// from i, at most the number of words, in the bit set setStarts,
// setOpeners or setOrgs, or the number of words when there is none.
func (m *wordMarks) nextStart(i int) int  { return m.next(setStarts, i) }
func (m *wordMarks) nextOpener(i int) int { return m.next(setOpeners, i) }
func (m *wordMarks) nextOrg(i int) int    { return m.next(setOrgs, i) }

// lastOrg returns the index of the last word in the bit set setOrgs, or
// -1 when there is none.
func (m *wordMarks) lastOrg() int {
	for k := len(m.bits) - 4 + setOrgs; k >= 0; k -= 4 {
		if x := m.bits[k]; x != 0 {
			return k/4*64 + 63 - bits.LeadingZeros64(x)
		}
	}
	return -1
}

// next returns the first index from i whose bit is set in the bit set
// s: for most sentences, of 64 words or fewer, one look at one machine
// word. Small enough to inline.
func (m *wordMarks) next(s, i int) int {
	x := ^uint64(0) << (uint(i) % 64) // the bits from i of its machine word
	for k := int(uint(i)/64)*4 + s; k < len(m.bits); k += 4 {
		if y := m.bits[k] & x; y != 0 {
			return k/4*64 + bits.TrailingZeros64(y)
		}
		x = ^uint64(0)
	}
	return len(m.marks) - 16
}

// swarByteBits packs bit 0 of each of the eight bytes of x, which has
// no other bit set, into a byte: byte j's at bit j. (The multiplier
// shifts byte j's bit to bit 56+j and the other products to other bits,
// without a carry.)
func swarByteBits(x uint64) uint64 { return x * 0x0102040810204080 >> 56 }

// markWords fills m with the marks of words, its arrays reused: one
// look-up of the word's filter bits in marksF answers the seven filters
// the passes ask of it. A second walk, eight words a step, gathers the
// bit sets.
func (l *PeopleLexicon) markWords(m *wordMarks, words []word) {
	n := len(words)
	marks := slices.Grow(m.marks[:0], n+16)[:n+16]
	for i := range words {
		// nameToken answers most words without a call: a capitalised
		// word ending in no possessive that the not-names filter rules
		// out is a name token; a lower-case word that is alnum, or
		// that mayParticleName rules out, is not.
		w := &words[i]
		f := l.marksF.of(w)
		name := false
		switch {
		case w.capital:
			k := len(w.lower)
			name = k > 0 && w.lower[k-1] != 's' && f&filterNotName == 0 || l.nameToken(w)
		case !w.alnum() && l.mayParticleName(w):
			name = l.nameToken(w)
		}
		if f&filterPlural != 0 && !pluralShaped(w.lower) {
			f &^= filterPlural // few words: those pluralF lets through
		}
		marks[i] = f | uint8(b2u(name))*markName
	}
	clear(marks[n:])
	// The bit sets, the four of words 64k to 64k+63 at bits[4k:4k+4],
	// gathered eight words a step.
	nw := (n + 63) / 64
	sets := slices.Grow(m.bits[:0], 4*nw)[:4*nw]
	x := swar.Load(marks, 0)
	for k := 0; k < nw; k++ {
		var starts, dets, openers, orgs uint64
		for i, end := 64*k, min(n, 64*k+64); i < end; i += 8 {
			// The marks of words i to i+7 (x), of the word after each
			// (x1) and of any of the four after each (ahead), that
			// starts from its bit 0 (the sixteen zero bytes after the
			// words' marks take the loads past them).
			y := swar.Load(marks, i+8)
			x1 := x>>8 | y<<56
			a, b := x>>8|x>>16, y<<32|y<<40
			ahead := (a | a>>16 | b | b<<16) >> aheadShift
			// A person may start at a name token, a determiner with a
			// word of unnamedF ahead, a word that may be a plural head
			// or one before such a word.
			const (
				nameAt   = 7 // markName
				detAt    = 1 // filterDeterminer
				pluralAt = 4 // filterPlural
				openerAt = 2 // filterOpener
				orgAt    = 3 // filterOrgWord
			)
			det := x & ahead >> detAt & swar.Ones
			sh := uint(i) % 64
			starts |= swarByteBits(det|(x>>nameAt|x>>pluralAt|x1>>pluralAt)&swar.Ones) << sh
			dets |= swarByteBits(det) << sh
			openers |= swarByteBits(x&ahead>>openerAt&swar.Ones) << sh
			orgs |= swarByteBits(x>>orgAt&(x>>nameAt)&swar.Ones) << sh
			x = y
		}
		s := sets[4*k : 4*k+4]
		s[setStarts], s[setDeterminers], s[setOpeners], s[setOrgs] = starts, dets, openers, orgs
	}
	m.marks, m.bits = marks, sets
}

// isParticle, isOrgWord and isAffiliation report whether w.lower is a
// particle, an organisation word or an affiliation: the filter bits of
// the word answer for most words.
//
// isParticle and isAffiliation ask their maps, not their wordKeys: the
// filter lets few words through, and with a map index they stay small
// enough to inline, as they are asked of many words.
func (l *PeopleLexicon) isParticle(w *word) bool {
	return l.particleF.hasWord(w) && l.particles[w.lower]
}

func (l *PeopleLexicon) isOrgWord(w *word) bool {
	return l.orgWordF.hasWord(w) && l.orgWordT.hasWord(w)
}

func (l *PeopleLexicon) isAffiliation(w *word) bool {
	return l.affiliationF.hasWord(w) && l.affiliations[w.lower]
}

// phraseKey appends to buf the lower-case words joined by single spaces,
// as the lexicon's phrases are keyed: looked up as string(key), it costs
// no allocation.
func phraseKey(buf []byte, words []word) []byte {
	for j := range words {
		if j > 0 {
			buf = append(buf, ' ')
		}
		buf = append(buf, words[j].lower...)
	}
	return buf
}

// gap returns the text between two words.
func gap(text string, a, b *word) string { return text[a.end:b.start] }

// trimGap is strings.TrimSpace of a gap between words, most often a
// single space, which it answers without the call.
func trimGap(g string) string {
	if g == " " {
		return ""
	}
	return strings.TrimSpace(g)
}

// mayRole is false when roleAt is 0 for the word w, as it is for most
// words: neither the role ends' filter nor the titles' holds it, and it
// ends in no dot.
func (l *PeopleLexicon) mayRole(w *word) bool {
	n := len(w.lower)
	return l.roleOrTitleF.hasWord(w) || n > 0 && w.lower[n-1] == '.'
}

// roleAt returns how many words ending at index i (inclusive) form a
// role phrase, and its type ("defense analyst" → analyst, expert). It is
// 0 for every word mayRole rules out, which findPeople's loop over a
// run's words asks first: roleAt is too large to inline, and most words
// are ruled out.
func (l *PeopleLexicon) roleAt(words []word, i int) (n int, role, typ string) {
	// Try phrases ending at i: up to three words.
	var buf [64]byte
	for k := 3; k >= 1 && l.roleEndF.hasWord(&words[i]); k-- {
		if i-k+1 < 0 {
			continue
		}
		if k == 1 {
			// The key is the word's own, its bits at hand.
			if t, ok := l.roleT.word(&words[i]); ok {
				return k, words[i].lower, t
			}
			continue
		}
		if !l.roleStartF.hasWord(&words[i-k+1]) {
			continue // no role phrase of two words or more starts there
		}
		key := phraseKey(buf[:0], words[i-k+1:i+1])
		if t, ok := l.roles[string(key)]; ok {
			return k, string(key), t
		}
	}
	t := strings.TrimSuffix(words[i].lower, ".")
	a, b := uint32(words[i].fa), words[i].fbits()
	if len(t) < len(words[i].lower) {
		a, b = wordFilterBits(t)
	}
	if l.titleF.has(a, b) && l.titleT.hasBits(t, a, b) {
		return 1, t, "official"
	}
	return 0, "", ""
}

// FindPeople returns the people a sentence names or describes as possible
// sources. orgs are spans (sentence offsets) already known to be
// organisations; names overlapping them are not people. It finds named
// people only where the text gives evidence that a capitalised run is a
// person: a title or role before it, an apposition after it (", 24,", ",
// an expert at …"), a descriptor apposition before it ("a woman, Umm
// Mohamad,"), or a reporting verb beside it (isVerb).
func FindPeople(text string, lex *PeopleLexicon, orgs []Span, isVerb func(string) bool) []PersonMention {
	var test verbTest
	if isVerb != nil {
		test = func(w *word) bool { return isVerb(w.lower) }
	}
	words := tokenize(text)
	// The marks of most sentences' words fit in one buffer.
	var buf marksBuf
	m := buf.wordMarks()
	lex.markWords(&m, words)
	return findPeople(nil, text, words, &m, lex, orgs, test)
}

// findPeople is FindPeople on the words of text, as tokenize gives them,
// and their marks (markWords). It returns the people in dst's array,
// from its start: dst is scratch.
func findPeople(dst []PersonMention, text string, words []word, marks *wordMarks, lex *PeopleLexicon, orgs []Span, isVerb verbTest) []PersonMention {
	out := dst[:0]
	inOrg := func(s, e int) bool { return len(orgs) > 0 && spansOverlap(orgs, s, e) }
	lastEnd := 0 // the end of the last mention found, set with each
	for i := 0; i < len(words); i++ {
		// The next word at which a person may start (setStarts):
		// findPeople passes the others, most of them, unread.
		if i = marks.nextStart(i); i == len(words) {
			break
		}
		// Unnamed people: determiner + up to two modifiers + noun.
		// An unnamed phrase starts in the four words after its
		// determiner: markWords notes the determiners (setDeterminers)
		// with one of them in the filter of their first words.
		if marks.determiner(i) && lex.determinerT.hasWord(&words[i]) {
			if m, next, ok := lex.unnamedAt(text, words, i, isVerb); ok && !inOrg(m.Start, m.End) {
				out = append(out, m)
				lastEnd = m.End
				i = next - 1
				continue
			}
		}
		// Bare plurals: "analysts said", "union leaders said", "Western
		// diplomats say". The head may be a plural here or next
		// (mayPluralHead, marked filterPlural; zero bytes follow the
		// words' marks): most words rule themselves out before the
		// lexicon is asked.
		if (marks.marks[i]|marks.marks[i+1])&filterPlural != 0 {
			if m, next, ok := lex.barePluralAt(text, words, i, lastEnd, isVerb); ok && !inOrg(m.Start, m.End) {
				out = append(out, m)
				lastEnd = m.End
				i = next - 1
				continue
			}
		}
		if !marks.name(i) {
			continue
		}
		// A run of name tokens joined by single spaces or particles,
		// and whether one of its words may hold a role (mayRole), as
		// in few runs.
		j := i + 1
		roles := lex.mayRole(&words[i])
		for j < len(words) {
			g := gap(text, &words[j-1], &words[j])
			if g != " " {
				break
			}
			if marks.name(j) || (lex.isParticle(&words[j]) && j+1 < len(words) && marks.name(j+1) && gap(text, &words[j], &words[j+1]) == " ") {
				roles = roles || lex.mayRole(&words[j])
				j++
				continue
			}
			break
		}
		run := words[i:j]
		next := j
		// Titles and roles inside the run: the name starts after the last.
		nameFrom := 0
		role, typ := "", ""
		for k := 0; roles && k < len(run); k++ {
			if !lex.mayRole(&run[k]) {
				continue
			}
			if n, r, t := lex.roleAt(run, k); n > 0 {
				nameFrom, role, typ = k+1, r, t
			}
		}
		name := run[nameFrom:]
		descStart, descEnd := -1, -1
		if nameFrom > 0 {
			descStart, descEnd = run[0].start, run[nameFrom-1].end
		}
		// (The last word of the name is words[j-1]: its mark holds the
		// bit of the organisation words' filter.)
		if len(name) == 0 || len(name) > 5 || marks.marks[j-1]&filterOrgWord != 0 && lex.orgWordT.hasWord(&words[j-1]) || inOrg(name[0].start, name[len(name)-1].end) || (nameFrom == 0 && !lowerSecond(&name[0]) && allCaps(name)) ||
			len(name) == 1 && lex.isAffiliation(&name[0]) {
			i = next - 1
			continue
		}
		// Lower-case role words right before the run ("defense analyst"),
		// which mayRole rules out before most runs.
		if role == "" && i > 0 && lex.mayRole(&words[i-1]) && gap(text, &words[i-1], &words[i]) == " " {
			if n, r, t := lex.roleAt(words, i-1); n > 0 {
				role, typ = r, t
				k := i - n
				// Extend over modifiers ("Kremlin spokesman", "defense
				// analyst"), stopping at function words and determiners.
				for k > 0 && k > i-n-3 && gap(text, &words[k-1], &words[k]) == " " && !lex.notNameT.hasWord(&words[k-1]) && !lex.determinerT.hasWord(&words[k-1]) && (isVerb == nil || !isVerb(&words[k-1])) {
					k--
				}
				descStart, descEnd = words[k].start, words[i-1].end
			}
		}
		// The mention is made once the text gives evidence, as few runs
		// do: age and location hold what it will say of the person.
		age, location := 0, ""
		evidence := role != ""
		// Apposition after the name: ", 24," or ", the director of the SOHR,".
		after := next
		if after < len(words) && trimGap(gap(text, &words[after-1], &words[after])) == "," {
			if words[after].number {
				if a, err := strconv.Atoi(words[after].text); err == nil && a > 0 && a < 120 {
					age = a
					evidence = true
					descStart, descEnd = words[after].start, words[after].end
				}
			} else if lex.appositionStart(words, after) {
				end := after
				foundRole := ""
				for end < len(words) && end < after+12 {
					if end > after && strings.ContainsAny(gap(text, &words[end-1], &words[end]), ",.;:()“”\"") {
						break
					}
					// "James Fry, vice-president of GM Overseas Distribution
					// Corporation told a news briefing": the verb ends the
					// apposition, whose closing comma was left out.
					if end > after+1 && foundRole != "" && !words[end].capital && isVerb != nil && isVerb(&words[end]) {
						break
					}
					if n, r, t := lex.roleAt(words, end); n > 0 && foundRole == "" {
						foundRole = r
						if typ == "" {
							typ = t
						}
					}
					end++
				}
				if foundRole != "" || (end < len(words) && isVerb != nil && isVerb(&words[end])) {
					evidence = true
					if role == "" {
						role = foundRole
					}
					descStart, descEnd = words[after].start, words[end-1].end
					// "a resident of Aleppo": the place is the last capitalised word after "of"/"in".
					for k := after + 1; k+1 < end; k++ {
						if (words[k].lower == "of" || words[k].lower == "in" || words[k].lower == "from") && words[k+1].capital {
							location = words[k+1].text
						}
					}
					next = end // the apposition is part of this person
				}
			}
		}
		// An apposition whose commas were stripped (FA-KES copy): "Abu
		// Mohammad al-Golani a commander of al-Nusra threatened", "Rami
		// Abdel Rahman head of the Syrian Observatory": a role noun, after
		// at most an article, followed by "of", "at" or "for".
		if !evidence && next < len(words) && gap(text, &words[next-1], &words[next]) == " " && lex.mayBarePosition(words, next) {
			if k, r, t, ok := lex.barePosition(text, words, next); ok {
				evidence, role = true, r
				if typ == "" {
					typ = t
				}
				descStart, descEnd = words[next].start, words[k-1].end
				next = k
			}
		}
		// Descriptor apposition before: "a woman, Umm Mohamad," / "its head
		// of diplomacy, Abbas Araghchi".
		if !evidence && i >= 2 && trimGap(gap(text, &words[i-1], &words[i])) == "," {
			if n, r, t := lex.roleAt(words, i-1); n > 0 {
				evidence, role, typ = true, r, t
				k := i - n
				for k > 0 && gap(text, &words[k-1], &words[k]) == " " && k > i-n-5 {
					k--
					if lex.determinerT.hasWord(&words[k]) || words[k].lower == "its" || words[k].lower == "his" || words[k].lower == "her" {
						break
					}
				}
				descStart, descEnd = words[k].start, words[i-1].end
			} else if u, ok := lex.unnamedT.word(&words[i-1]); ok {
				evidence, role, typ = true, words[i-1].lower, u
			}
		}
		// A reporting verb right after or right before the name.
		if !evidence && isVerb != nil {
			// "Industry reports estimated": a verb form followed by a verb
			// is a noun, and the capitalised word before it no name.
			// (Asked only of a verb form: most words after a name are none.)
			nounForm := func() bool {
				return next+1 < len(words) && gap(text, &words[next], &words[next+1]) == " " && isVerb(&words[next+1])
			}
			if next < len(words) && isVerb(&words[next]) && !nounForm() && (trimGap(gap(text, &words[next-1], &words[next])) == "" || trimGap(gap(text, &words[next-1], &words[next])) == "," && len(name) >= 2) {
				evidence = true
			} else if v := next + 1; len(name) >= 2 && v < len(words) && isAuxiliary(words[next].lower) && gap(text, &words[next-1], &words[next]) == " " &&
				gap(text, &words[next], &words[v]) == " " && !words[v].capital && isVerb(&words[v]) {
				// "Rock star Ozzy Osbourne has said", "John Smith also told".
				evidence = true
			} else if i > 0 && trimGap(gap(text, &words[i-1], &words[i])) == "" && isVerb(&words[i-1]) && (len(name) >= 2 || nameFrom == 0 && invertedTag(text, words, i-1) && nameEnds(text, words, next, lex)) {
				// "…,” said Ed Davies"; a single name only in a speech
				// tag right after a quotation ("…,” said Davies.").
				evidence = true
			} else if mayDescribedAfterVerb(marks, i) {
				if k := describedAfterVerb(text, words, i, lex, isVerb); k >= 0 {
					// "…," admitted the 28-year-old Morientes.
					evidence = true
					descStart, descEnd = words[k].start, words[i-1].end
				}
			}
		}
		if !evidence {
			i = next - 1
			continue
		}
		if typ == "" {
			typ = "eyewitness"
		}
		m := PersonMention{Start: name[0].start, End: name[len(name)-1].end, Named: true, Role: role, Type: typ, Age: age, Location: location}
		m.Name = text[m.Start:m.End]
		if descStart >= 0 && descEnd > descStart {
			m.DescStart, m.DescEnd = descStart, descEnd
			m.Descriptor = text[descStart:descEnd]
		}
		out = append(out, m)
		lastEnd = m.End
		i = next - 1
	}
	return out
}

// invertedTag reports whether the verb at words[v] opens an inverted
// speech tag right after a quotation: “…,” said X / "…", added X.
func invertedTag(text string, words []word, v int) bool {
	if v == 0 {
		return false
	}
	g := strings.TrimRight(gap(text, &words[v-1], &words[v]), " ")
	g = strings.TrimSuffix(g, ",")
	return strings.HasSuffix(g, "”") || strings.HasSuffix(g, "\"") || strings.HasSuffix(g, "»")
}

// nameEnds reports whether a name ends before words[next]: at the end of
// the text, at punctuation, or before a function word ("said Davies.",
// "said Davies, adding", "said Davies on Tuesday"), and so is not the
// modifier of a description ("said Yukos chief executive Steven Theede").
func nameEnds(text string, words []word, next int, lex *PeopleLexicon) bool {
	if next >= len(words) {
		return true
	}
	if g := gap(text, &words[next-1], &words[next]); g != " " {
		// "said Donaldson, Lufkin and Jenrette Inc analyst William
		// Marcus": a firm's partners, not a name and its apposition.
		return !(trimGap(g) == "," && words[next].capital && next+1 < len(words) && (words[next+1].lower == "and" || words[next+1].text == "&"))
	}
	// "said Ernst and Young's Sanjay Mehta": a conjunction joins the
	// word to another.
	w := words[next].lower
	return !words[next].capital && lex.notNameT.hasWord(&words[next]) && w != "and" && w != "or" && w != "nor"
}

// mayDescribedAfterVerb is false when describedAfterVerb is -1 for the
// name at words[i], as it is for most names: the "the" of a
// description stands two or three words before the name, and openerF
// holds it (marked filterOpener).
func mayDescribedAfterVerb(marks *wordMarks, i int) bool {
	return i >= 3 && (marks.marks[i-2]|marks.marks[i-3])&filterOpener != 0
}

// describedAfterVerb returns the index of the determiner of a short
// description between a reporting verb and the name at words[i] ("said
// the 28-year-old Morientes", "added the veteran Smith"), or -1.
func describedAfterVerb(text string, words []word, i int, lex *PeopleLexicon, isVerb verbTest) int {
	for k := i - 1; k >= 1 && k >= i-3; k-- {
		w := &words[k]
		if gap(text, w, &words[k+1]) != " " || w.capital {
			return -1
		}
		if w.lower == "the" {
			if k < i-1 && gap(text, &words[k-1], w) == " " && isVerb(&words[k-1]) {
				return k
			}
			return -1
		}
		if lex.notNameF.hasWord(w) && lex.notNameT.hasWord(w) || isVerb(&words[k]) {
			return -1
		}
	}
	return -1
}

// unnamedAt matches an unnamed source starting at the determiner words[i]:
// "a woman", "an AFP correspondent", "a resident of Aleppo", "a source
// close to the army". It returns the mention and the index after it.
func (l *PeopleLexicon) unnamedAt(text string, words []word, i int, isVerb verbTest) (PersonMention, int, bool) {
	for k := i + 1; k < len(words) && k <= i+4; k++ {
		if trimGap(gap(text, &words[k-1], &words[k])) != "" {
			break
		}
		// Longest unnamed phrase starting at k.
		n := 0
		if l.unnamedF.hasWord(&words[k]) {
			n = l.unnamedLen[words[k].lower]
		}
		for ; n >= 1; n-- {
			if k+n > len(words) {
				continue
			}
			if n == 1 {
				// The key of one word is its own, its bits at hand.
				if typ, ok := l.unnamedT.word(&words[k]); ok {
					return l.unnamedMention(text, words, i, k+1, typ, words[k].lower, isVerb)
				}
				continue
			}
			var buf [64]byte
			key := phraseKey(buf[:0], words[k:k+n])
			typ, ok := l.unnamed[string(key)]
			if !ok {
				continue
			}
			return l.unnamedMention(text, words, i, k+n, typ, string(key), isVerb)
		}
	}
	return PersonMention{}, 0, false
}

// unnamedMention builds the mention of an unnamed source whose head ends
// at word end (exclusive), from word i, taking in its tail ("a source
// close to the talks"): the whole phrase is its name and descriptor.
func (l *PeopleLexicon) unnamedMention(text string, words []word, i, end int, typ, role string, isVerb verbTest) (PersonMention, int, bool) {
	m := PersonMention{Start: words[i].start, Type: typ, Role: role}
	end = l.unnamedTail(text, words, end, &m, isVerb)
	m.End = words[end-1].end
	m.Name = text[m.Start:m.End]
	m.Descriptor = m.Name
	m.DescStart, m.DescEnd = m.Start, m.End
	return m, end, true
}

// unnamedTail extends an unnamed source whose head noun ends before
// words[end] over what places it: "of Aleppo", "at Aleppo Police
// Command", "in Idlib", "close to the presidency" (up to four words, not
// over a verb: "sources close to Mr Hockney said"). It returns the new
// end and records a place in m.Location.
func (l *PeopleLexicon) unnamedTail(text string, words []word, end int, m *PersonMention, isVerb verbTest) int {
	if end+1 < len(words) && gap(text, &words[end-1], &words[end]) == " " {
		switch words[end].lower {
		case "of", "in", "from", "at":
			if words[end+1].capital && gap(text, &words[end], &words[end+1]) == " " {
				m.Location = words[end+1].text
				end += 2
				// The rest of a capitalised name: "at Aleppo
				// Police Command".
				for end < len(words) && gap(text, &words[end-1], &words[end]) == " " && l.nameToken(&words[end]) {
					end++
				}
			}
		case "close":
			if words[end+1].lower == "to" {
				e := end + 2
				for e < len(words) && e < end+6 && trimGap(gap(text, &words[e-1], &words[e])) == "" &&
					!(isVerb != nil && !words[e].capital && isVerb(&words[e])) {
					e++
				}
				end = e
			}
		}
	}
	return end
}

// Gender returns "f" or "m" when a descriptor or title says a person's
// gender ("Mrs", "a spokeswoman", "his wife"), else "".
func (l *PeopleLexicon) Gender(descriptor string) string {
	// genderOf(tokenize(descriptor)) without allocating for most
	// descriptors: their words fit in buf, on the stack, and with the
	// descriptor standing in for its own lower-case form, an ASCII
	// word's lower is the word as written, lower-cased here on the
	// stack for the look-ups (which read a []byte key without a copy).
	var buf [16]word
	g := ""
	for _, w := range appendWordsLower(buf[:0], descriptor, descriptor) {
		lw := strings.TrimSuffix(w.lower, ".")
		if !w.ascii || len(lw) > maxStackKey {
			if w.ascii {
				lw = strings.ToLower(lw) // a long word: rare
			}
			g = l.genderWord(lw, g)
			continue
		}
		var key [maxStackKey]byte
		for i := 0; i < len(lw); i++ {
			key[i] = lowerByte[lw[i]]
		}
		switch k := key[:len(lw)]; {
		case l.female[string(k)]:
			g = "f"
		case l.male[string(k)]:
			g = "m"
		}
	}
	return g
}

// genderWord returns "f" or "m" when lw, a lower-case word, says a
// person's gender, else g.
func (l *PeopleLexicon) genderWord(lw, g string) string {
	switch {
	case l.female[lw]:
		return "f"
	case l.male[lw]:
		return "m"
	}
	return g
}

// genderOf is Gender on the words of a descriptor.
func (l *PeopleLexicon) genderOf(words []word) string {
	g := ""
	for i := range words {
		// A word that ends in no dot is its own key: the heads' filter,
		// which holds the female and male words, rules out most.
		w := &words[i]
		lw := w.lower
		a, b := uint32(w.fa), w.fbits()
		if n := len(lw); n > 0 && lw[n-1] == '.' {
			lw = lw[:n-1]
			a, b = wordFilterBits(lw)
		} else if !l.headF.has(a, b) {
			continue
		}
		switch {
		case l.femaleT.hasBits(lw, a, b):
			g = "f"
		case l.maleT.hasBits(lw, a, b):
			g = "m"
		}
	}
	return g
}

// Anonymous reports whether an unnamed role ("source", "committee
// source", "people familiar") credits nobody in particular.
func (l *PeopleLexicon) Anonymous(role string) bool {
	// The last of the fields of the lower-cased role, without making
	// the list.
	last, _ := lastField(role)
	return last != "" && l.anonHeadT.has(strings.ToLower(last))
}

// unnamedID returns the source id of an unnamed source or definite
// description by its role or head: slugID("unnamed:", role), made once
// for the lexicon's own.
func (l *PeopleLexicon) unnamedID(role string) string {
	if id, ok := l.unnamedIDT.get(role); ok {
		return id
	}
	return slugID("unnamed:", role)
}

// Definite is a definite description that stands for a source named
// before it: "the agent", "the Black Sabbath singer", "his son", "the
// company". Start and End are sentence offsets of the whole phrase.
type Definite struct {
	Start, End int
	// Head is the role or organisation noun ("agent", "company").
	Head string
	// Org is true for an organisation noun (org_nouns), false for a role.
	Org bool
	// Type is the source type of a role head, "" for an organisation.
	Type string
	// Gender is "f" or "m" when the head says so ("son", "spokeswoman").
	Gender string
}

// definiteOpeners are the words that open a definite description.
var definiteOpeners = []string{"the", "his", "her", "its", "their"}

// FindDefinites returns the definite descriptions of a sentence: "the",
// "his", "her", "its" or "their" (definiteOpeners), up to three modifiers, and a role noun
// (roles, or a gendered noun such as "son") or an organisation noun
// (org_nouns). A phrase followed by a name ("the director Ridley Scott")
// or by "of", "for" or "at" ("the head of the SOHR") names someone else
// and is left out.
func FindDefinites(text string, lex *PeopleLexicon) []Definite {
	words := tokenize(text)
	// The marks of most sentences' words fit in one buffer.
	var buf marksBuf
	m := buf.wordMarks()
	lex.markWords(&m, words)
	return findDefinites(nil, text, words, &m, lex)
}

// findDefinites is FindDefinites on the words of text, as tokenize gives
// them, and their marks (markWords): it looks at those the openers'
// filters let through. It returns the descriptions in dst's array, from
// its start: dst is scratch.
func findDefinites(dst []Definite, text string, words []word, marks *wordMarks, lex *PeopleLexicon) []Definite {
	out := dst[:0]
	// Most words open no description: only those the filters let
	// through are looked at, and of those only the ones with a word
	// the heads' filter holds in the four after them (a description's
	// head is one of them), as markWords gathered them.
	for i := marks.nextOpener(0); i < len(words); i = marks.nextOpener(i + 1) {
		if !slices.Contains(definiteOpeners, words[i].lower) {
			continue
		}
		for k := i + 1; k < len(words) && k <= i+4; k++ {
			wk := &words[k]
			w := wk.lower
			if gap(text, &words[k-1], wk) != " " || lex.notNameF.hasWord(wk) && lex.notNameT.hasWord(wk) && !lex.orgNounT.hasWord(wk) {
				break
			}
			if !lex.headF.hasWord(wk) {
				continue // neither a role, an organisation noun nor gendered
			}
			typ, isRole := lex.roleT.word(wk)
			org := lex.orgNounT.hasWord(wk)
			if !isRole && !org && !lex.femaleT.hasWord(wk) && !lex.maleT.hasWord(wk) {
				continue
			}
			if k+1 < len(words) && gap(text, wk, &words[k+1]) == " " {
				if n := &words[k+1]; lex.nameToken(n) || n.lower == "of" || n.lower == "for" || n.lower == "at" || lex.headF.hasWord(n) && (lex.orgNounT.hasWord(n) || lex.roleT.value(n) != "") {
					break
				}
			}
			d := Definite{Start: words[i].start, End: wk.end, Head: w, Org: org && !isRole, Gender: lex.genderOf(words[k : k+1])}
			if !d.Org {
				d.Type = typ
				if d.Type == "" {
					d.Type = "eyewitness"
				}
			}
			out = append(out, d)
			i = k
			break
		}
	}
	return out
}

// appositionStart reports whether words[i], right after a name and a
// comma, may open a descriptive apposition: a determiner or possessive
// (", the director of …", ", his lawyer"), a role noun (", vice-president
// of GM") or a possessive name (", Nigeria's oil minister,").
func (l *PeopleLexicon) appositionStart(words []word, i int) bool {
	w := &words[i]
	switch {
	case l.determinerT.hasWord(w), w.lower == "his", w.lower == "her", w.lower == "its", w.lower == "their":
		return true
	case w.capital && (strings.HasSuffix(w.lower, "'s") || strings.HasSuffix(w.lower, "’s")):
		return true
	}
	// A lower-case role noun; a title (", Mr Abbas said") names someone else.
	n, _, _ := l.roleAt(words, i)
	return n > 0 && !w.capital && !l.titles[strings.TrimSuffix(w.lower, ".")]
}

// lowerSecond reports whether the second byte of w is a lower-case
// letter ("Smith"), as in most names: allCaps is then false for a run
// that w starts, answered without the call.
func lowerSecond(w *word) bool { return len(w.text) > 1 && w.text[1]-'a' < 26 }

// allCaps reports whether every word is an upper-case acronym ("NGO",
// "SOHR"): such runs name organisations, not people.
func allCaps(ws []word) bool {
	for i := range ws {
		// Most words have a lower-case second letter ("Smith"), which
		// rules them out without the call.
		t := ws[i].text
		if len(t) < 2 || t[1]-'a' < 26 || !upperOnly(t) {
			return false
		}
	}
	return true
}

// OrgMention is an organisation a sentence names that the registry does
// not know: a capitalised run that ends in an organisation word ("Gold
// Fields of South Africa Ltd", "Independent News & Media") or has one
// before "of" or "for" ("Bank of America"). Start and End are sentence
// offsets of the name.
type OrgMention struct {
	Start, End int
	Name       string
	// Type is the source type its organisation word gives (org_types),
	// "official" when none does.
	Type string
	// Acronym is the short name defined in brackets right after the
	// name ("… Medical Society (SAMS)"), else "".
	Acronym string
}

// FindOrgs returns the organisations named in a sentence that do not
// overlap known (sentence spans of registry mentions). A run is made of
// name tokens joined by single spaces, "&", or "of"/"for" followed by a
// name token; it must hold at least two words.
func FindOrgs(text string, lex *PeopleLexicon, known []Span) []OrgMention {
	words := tokenize(text)
	// The marks of most sentences' words fit in one buffer.
	var buf marksBuf
	m := buf.wordMarks()
	lex.markWords(&m, words)
	return findOrgs(nil, text, words, &m, lex, known)
}

// findOrgs is FindOrgs on the sentence's words and their marks
// (markWords). It returns the organisations in dst's array, from its
// start: dst is scratch.
func findOrgs(dst []OrgMention, text string, words []word, marks *wordMarks, lex *PeopleLexicon, known []Span) []OrgMention {
	out := dst[:0]
	names := marks.marks[:len(words)] // one length: no bounds check on names[i]
	overlaps := func(s, e int) bool { return spansOverlap(known, s, e) }
	// isOrgWord(k) is words[k].capital && lex.isOrgWord(&words[k]), the
	// filter's answer read from the word's mark.
	isOrgWord := func(k int) bool {
		return names[k]&filterOrgWord != 0 && words[k].capital && lex.orgWordT.hasWord(&words[k])
	}
	// A run's organisation word is one of its capitalised name tokens,
	// which most sentences have none of that the organisation words'
	// filter lets through (marks.orgs): those are answered at once.
	first := marks.nextOrg(0)
	for first < len(words) && !isOrgWord(first) {
		first = marks.nextOrg(first + 1)
	}
	if first >= len(words) {
		return out
	}
	// No run takes in a word that is neither a name token nor "of" or
	// "for": the runs before the last such word ahead of the first
	// organisation word hold none, and are passed.
	i0 := first
	for i0 > 0 && (names[i0-1]&markName != 0 || words[i0-1].lower == "of" || words[i0-1].lower == "for") {
		i0--
	}
	// Nor do the runs that start past the last word that may be an
	// organisation word.
	last := marks.lastOrg()
	for i := i0; i <= last; i++ {
		if names[i]&markName == 0 || words[i].number {
			continue
		}
		j := i + 1
		orgAt := -1 // the last organisation word of the run
		if isOrgWord(i) {
			orgAt = i
		}
		for j < len(words) {
			g := gap(text, &words[j-1], &words[j])
			switch {
			case g == " " && names[j]&markName != 0 && !words[j].number:
			case (g == " & " || g == " and ") && names[j]&markName != 0 && orgWordAhead(words, j, lex):
			case g == " " && (words[j].lower == "of" || words[j].lower == "for") && j+1 < len(words) &&
				gap(text, &words[j], &words[j+1]) == " " && names[j+1]&markName != 0:
				j++
			default:
				goto done
			}
			if isOrgWord(j) {
				orgAt = j
			}
			j++
		}
	done:
		run := words[i:j]
		if len(run) < 2 || orgAt < 0 || overlaps(run[0].start, run[len(run)-1].end) {
			i = j - 1
			continue
		}
		// The organisation word ends the run or stands before "of"/"for".
		if orgAt != j-1 && words[orgAt+1].lower != "of" && words[orgAt+1].lower != "for" {
			i = j - 1
			continue
		}
		m := OrgMention{Start: run[0].start, End: run[len(run)-1].end, Type: lex.orgTypeT.value(&words[orgAt])}
		m.Name = text[m.Start:m.End]
		if m.Type == "" {
			m.Type = "official"
		}
		// "(SAMS)" right after the name defines its acronym.
		if j+1 < len(words) && trimGap(gap(text, &words[j-1], &words[j])) == "(" && allCaps(words[j:j+1]) &&
			strings.HasPrefix(text[words[j].end:], ")") {
			m.Acronym = words[j].text
			j++
		}
		out = append(out, m)
		i = j - 1
	}
	return out
}

// spansOverlap reports whether [s, e) overlaps one of spans, which are
// sorted by start and do not nest (their ends increase too).
func spansOverlap(spans []Span, s, e int) bool {
	if len(spans) == 0 {
		return false // most sentences: without the search's closure
	}
	i := sort.Search(len(spans), func(k int) bool { return spans[k].End > s })
	return i < len(spans) && spans[i].Start < e
}

// orgWordAhead reports whether an organisation word comes within the
// next three name tokens from words[j] ("Independent News & Media").
func orgWordAhead(words []word, j int, lex *PeopleLexicon) bool {
	for k := j; k < len(words) && k < j+3; k++ {
		if !words[k].capital {
			return false
		}
		if lex.isOrgWord(&words[k]) {
			return true
		}
	}
	return false
}

// isAuxiliary reports whether w may stand between a name and its
// reporting verb ("Ozzy Osbourne has said", "John Smith also told"). A
// switch rather than a map: it is asked after most names with evidence
// yet to find, and rules out most words by their length or first bytes
// without hashing them.
func isAuxiliary(w string) bool {
	switch w {
	case "has", "have", "had", "also", "later", "earlier":
		return true
	}
	return false
}

// mayBarePosition is false when barePosition finds nothing at words[i],
// as it does after most names: its role noun, words[i] or the word after
// (after an article), is a one-word role, and so the role ends' filter
// holds it.
func (l *PeopleLexicon) mayBarePosition(words []word, i int) bool {
	return i+2 < len(words) && (l.roleEndF.hasWord(&words[i]) || l.roleEndF.hasWord(&words[i+1]))
}

// barePosition matches, at words[i], a position held that follows a name
// with no comma (in copy whose commas were stripped): an optional article,
// a role noun and "of", "at" or "for" with what it governs ("a commander
// of al-Nusra", "head of the Syrian Observatory for Human Rights"). It
// returns the index after the phrase, the role and its type.
func (l *PeopleLexicon) barePosition(text string, words []word, i int) (end int, role, typ string, ok bool) {
	k := i
	if k < len(words) && (words[k].lower == "a" || words[k].lower == "an" || words[k].lower == "the") {
		k++
	}
	if k+2 >= len(words) || words[k].capital || gap(text, &words[k-1], &words[k]) != " " && k > i {
		return 0, "", "", false
	}
	// A one-word role is its own last word: the role ends' filter rules
	// out most words before the look-up.
	if !l.roleEndF.hasWord(&words[k]) {
		return 0, "", "", false
	}
	typ, isRole := l.roleT.word(&words[k])
	if !isRole {
		return 0, "", "", false
	}
	role = words[k].lower
	switch words[k+1].lower {
	case "of", "at", "for":
	default:
		return 0, "", "", false
	}
	// What the preposition governs: an article and a name, with inner
	// "of", "for", "and" and particles ("the Syrian Observatory for Human
	// Rights", "al-Nusra").
	end = k + 2
	if words[end].lower == "the" {
		end++
	}
	start := end
	for end < len(words) && gap(text, &words[end-1], &words[end]) == " " {
		w := &words[end]
		if l.nameToken(w) || w.number {
			end++
			continue
		}
		if (w.lower == "of" || w.lower == "for" || w.lower == "and") && end+1 < len(words) && words[end+1].capital {
			end++
			continue
		}
		break
	}
	if end == start {
		return 0, "", "", false
	}
	return end, role, typ, true
}

// phraseOpeners are the words after which a bare noun phrase may open
// ("with analysts saying", "and union leaders said", "according to
// analysts"); after other words ("saw rebels", "told analysts") a bare
// plural is an object, not a source.
var phraseOpeners = map[string]bool{"and": true, "but": true, "while": true, "with": true, "as": true, "that": true, "to": true, "by": true, "from": true, "among": true, "because": true, "although": true, "though": true, "when": true, "where": true, "whereas": true}

// phraseOpenerT is phraseOpeners as wordKeys, for phraseInitial.
var phraseOpenerT = setKeys(phraseOpeners)

// phraseInitial reports whether a noun phrase may open at words[i]: at the
// start of the text, after punctuation, after a possessive ("Mr Glazer's
// financial backers") or after one of phraseOpeners.
func phraseInitial(text string, words []word, i int) bool {
	if i == 0 || trimGap(gap(text, &words[i-1], &words[i])) != "" {
		return true
	}
	p := words[i-1].lower
	return phraseOpenerT.hasWord(&words[i-1]) || strings.HasSuffix(p, "'s") || strings.HasSuffix(p, "’s")
}

// pluralHead reports whether w is a plural noun for people who stand as a
// source without a determiner ("analysts", "officials", "prosecutors"):
// a plural of the unnamed list, or a role noun with a plural -s.
func (l *PeopleLexicon) pluralHead(w string) (role, typ string, ok bool) {
	if len(w) < 4 || !strings.HasSuffix(w, "s") || strings.HasSuffix(w, "ss") {
		return "", "", false
	}
	if t, found := l.unnamedT.get(w); found {
		return w, t, true
	}
	if t, found := l.roleT.get(w[:len(w)-1]); found {
		return w, t, true
	}
	return "", "", false
}

// pluralShaped reports whether w may be the head pluralHead takes: four
// bytes or more, ending in "s" but not in "ss".
func pluralShaped(w string) bool {
	return len(w) >= 4 && w[len(w)-1] == 's' && w[len(w)-2] != 's'
}

// mayPluralHead is false when pluralHead is false for w.lower, as it is
// for most words: a singular word ruled out by its shape, and a plural
// ruled out by the filter of the words pluralHead takes.
func (l *PeopleLexicon) mayPluralHead(w *word) bool {
	return pluralShaped(w.lower) && l.pluralF.hasWord(w)
}

// barePluralAt matches an unnamed plural source with no determiner whose
// head noun is words[i] or words[i+1] ("analysts said", "union leaders
// said", "Western diplomats say", "prosecutors said"), with the place
// after it ("sources close to Mr Hockney"). A modifier is a lower-case
// word or a demonym, never a word of an earlier mention (lastEnd). It
// returns the mention and the index after it.
func (l *PeopleLexicon) barePluralAt(text string, words []word, i, lastEnd int, isVerb verbTest) (PersonMention, int, bool) {
	// The head is a plural (pluralHead) here or next: most words rule
	// themselves out before the lexicon is asked.
	if !pluralShaped(words[i].lower) && (i+1 == len(words) || !pluralShaped(words[i+1].lower)) {
		return PersonMention{}, 0, false
	}
	if words[i].start < lastEnd || !phraseInitial(text, words, i) {
		return PersonMention{}, 0, false
	}
	modifier := func(w *word) bool {
		if w.number || l.determinerT.hasWord(w) || isVerb != nil && isVerb(w) {
			return false
		}
		if l.isAffiliation(w) {
			return true
		}
		// Lower case, or capitalised only as the first word ("Union
		// leaders said").
		return (!w.capital || w.start == words[0].start) && !l.notNameT.hasWord(w)
	}
	for h := i; h <= i+1 && h < len(words); h++ {
		if h > i && (gap(text, &words[h-1], &words[h]) != " " || !modifier(&words[h-1])) {
			break
		}
		if words[h].capital && h > 0 {
			continue // "Analysts said" opens a sentence; "Sources" inside one is a name
		}
		role, typ, ok := l.pluralHead(words[h].lower)
		if !ok {
			continue
		}
		return l.unnamedMention(text, words, i, h+1, typ, role, isVerb)
	}
	return PersonMention{}, 0, false
}
