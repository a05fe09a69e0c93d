package audit

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// refFindQuotes is findQuotes as it was before block skipped plain text:
// the tests hold the two equal.
func refFindQuotes(view string, blocks []Block, sentences []Sentence, lex *Lexicon) []Quote {
	f := &quoteFinder{view: view, lex: &lex.Reporting}
	for bi := range blocks {
		nextOpens := false
		if bi+1 < len(blocks) {
			nextOpens = f.startsWithOpening(blocks[bi+1].view)
		}
		f.refBlock(bi, blocks[bi].view, nextOpens)
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

// refBlock is block as it was before its fast paths: every rune
// decoded and examined.
func (f *quoteFinder) refBlock(bi int, v Span, nextOpens bool) {
	text := f.view[:v.End]
	f.stack = f.stack[:0]
	f.contAt = -1

	first := v.Start
	for first < v.End {
		r, n := utf8.DecodeRuneInString(text[first:])
		if !unicode.IsSpace(r) {
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

	// Single closing candidates, for the possessive rule: residents’
	// is a possessive when another candidate follows in its sentence
	// (‘the residents’ anger’), else it closes a quote (‘All Golds’ side).
	refCands, refNextCand = refCands[:0], 0
	sentence := 0
	for i := v.Start; i < v.End; {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case (r == '’' || r == '\'') && f.singleCloseCandidate(text, v.Start, i, n):
			if k := len(refCands); k > 0 && refCands[k-1].sentence == sentence {
				refCands[k-1].later = true
			}
			refCands = append(refCands, refCloseCand{pos: i, sentence: sentence})
		case isSentenceEnd(r) && i+n < v.End && unicode.IsSpace(rune(text[i+n])):
			sentence++
		}
		i += n
	}

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
			if r == ' ' && wordStart >= 0 && len(f.stack) > 0 && !f.stack[0].tentative && unicode.IsLower(prev) {
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
			f.refMark(bi, text, i, n, r, prev, prevNS, next)
		}
		prev = r
		if !unicode.IsSpace(r) && !isTrailingCloser(r) {
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

// refCands are the single closing candidates of the block refBlock scans;
// refNextCand is the next one the scan will meet.
var (
	refCands    []refCloseCand
	refNextCand int
)

// refCloseCand is a ’ or ' that could close a single quote; later is true
// when another follows in the same sentence.
type refCloseCand struct {
	pos, sentence int
	later         bool
}

// refMark is mark as it was, reading the closing candidates from
// refCands.
func (f *quoteFinder) refMark(bi int, text string, i, n int, r, prev, prevNS, next rune) {
	var top *openQuote
	if k := len(f.stack); k > 0 {
		top = &f.stack[k-1]
	}
	openCtx, closeCtx := isOpenContext(prev), isCloseContext(next)
	topSingle := top != nil && top.single
	mark := text[i : i+n]

	if r == '’' || r == '\'' {
		cand, later := !openCtx && closeCtx, false
		if cand && refNextCand < len(refCands) && refCands[refNextCand].pos == i {
			later = refCands[refNextCand].later
			refNextCand++
		}
		switch {
		case isWordRune(prev) && unicode.IsLetter(next):
			return // it’s, o’clock
		case openCtx && unicode.IsDigit(next):
			return // ’90s
		case cand && topSingle:
			// ‘the residents’ anger’: a plural possessive when another
			// closing candidate follows in the sentence.
			if prev == 's' && later {
				return
			}
			f.close(bi, i, n, mark)
			return
		case r == '\'' && openCtx && !unicode.IsSpace(next) && next != 0:
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
		case !unicode.IsSpace(next) && next != 0:
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
		case top == nil && openCtx && !unicode.IsSpace(next) && next != 0:
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
		case top == nil && openCtx && !unicode.IsSpace(next) && next != 0:
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
		case openCtx && closeCtx && next != 0 && unicode.IsSpace(next) && prev != 0:
			// A lone " between spaces with nothing open: opens sloppily
			// spaced text (said " We…).
			f.open(bi, text, i, n, r, false, famStraight, prevNS, next)
		}
	}
}

// quoteRunes are the pieces the random texts of TestFindQuotesMatchesReference
// are made of: every quotation mark, the runes their rules look at around
// them (spaces of all kinds, sentence ends, brackets, dashes, letters of
// several scripts, digits), glued speech tags and invalid UTF-8.
var quoteRunes = []string{
	"“", "”", "„", "\"", "«", "»", "‘", "’", "‚", "'", "‹", "›",
	" ", " ", " ", "\t", "\u00a0", "\u2009", "\u3000", "\u0085", "\u1680",
	".", ". ", "!", "?", "…", ",", ";", ":", "(", ")", "[", "]", "—", "–", "-", "/",
	"a", "s", "We", "the", "residents", "é", "ª", "ạ", "日本", "9", "90s",
	"realizehe confides", " he says", "she said", ", said a spokesman.",
	"\xe2", "\xe2\x80", "\xc2", "\x80", "\xff", "\n",
	// Runs of ASCII longer than skipQuoted's eight-byte steps, the bytes
	// it passes (# &) and words that end in a glued pronoun's last byte.
	"#", "&", "we made the whole journey by boat", "éthey said ", "cafehe told", "e", "y ", "honey",
}

// TestFindQuotesMatchesReference holds findQuotes to refFindQuotes, which
// examines every rune, on the corpora, the seeds and random texts dense in
// quotation marks.
func TestFindQuotesMatchesReference(t *testing.T) {
	lex := DefaultLexicon()
	check := func(name, view string, blocks []Block, sents []Sentence) {
		t.Helper()
		got := findQuotes(view, blocks, sents, lex)
		want := refFindQuotes(view, blocks, sents, lex)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: findQuotes(%q):\ngot  %+v\nwant %+v", name, view, got, want)
		}
	}
	docs, err := cueTestDocs()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		check(d.Path, d.view.Text, d.Blocks, d.Sentences)
	}
	for id, text := range readSeeds(t) {
		doc := NewDocument(id, FormatText, text)
		Structure(doc, lex)
		check(id, doc.view.Text, doc.Blocks, doc.Sentences)
		blocks, sents := testStructure(text)
		check(id, text, blocks, sents)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	n := 20000
	if testing.Short() {
		n = 2000
	}
	for k := 0; k < n; k++ {
		var b strings.Builder
		for range rng.IntN(40) {
			if rng.IntN(3) == 0 {
				b.WriteString("word ")
			}
			b.WriteString(quoteRunes[rng.IntN(len(quoteRunes))])
		}
		text := b.String()
		blocks, sents := testStructure(text)
		check("random", text, blocks, sents)
		// One block, one sentence, blank or not at its ends.
		span := []Block{{Kind: BlockBody, view: Span{0, len(text)}}}
		check("random", text, span, []Sentence{{view: Span{0, len(text)}}})
	}
}

// appendQWordsOf, the reference appendCuesLoaded is held to, appends the words of text to toks as appendQWords finds
// them, from the words tokenize found in text (split at quotation
// boundaries or not): a word of ASCII letters, digits, inner hyphens and
// apostrophes (word.plain, known from tokenising) is one word for both,
// and its lower-case form is its key; the others, and the parts of a
// split word, are tokenised again.
func appendQWordsOf(toks []qword, text string, words []word) []qword {
	for j := 0; j < len(words); {
		// Words that touch are the parts of one split at a quotation
		// boundary: tokenize never ends a word right before another.
		k := j + 1
		for k < len(words) && words[k].start == words[k-1].end {
			k++
		}
		if w := &words[j]; k == j+1 && w.plain {
			toks = append(toks, qword{start: w.start, end: w.end, key: w.lower})
		} else {
			toks = appendQWords(toks, text, w.start, words[k-1].end)
		}
		j = k
	}
	return toks
}
