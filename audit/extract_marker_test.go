package audit

import (
	"iter"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sourcecheck/sourcecheck/internal/corpustest"
)

// refListMarker is listMarker without its early answer for a letter.
func refListMarker(s string) (n int, strip bool) {
	r, size := utf8.DecodeRuneInString(s)
	switch r {
	case '•', '◦', '▪', '‣', '·', '*', '+', '-':
		if size < len(s) && isListMarkerSpace(s[size:]) {
			return size + listMarkerSpace(s[size:]), r != '-'
		}
		return 0, false
	}
	i := 0
	for i < len(s) && i < 3 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 || i+1 >= len(s) || (s[i] != '.' && s[i] != ')') || !isListMarkerSpace(s[i+1:]) {
		return 0, false
	}
	return i + 1 + listMarkerSpace(s[i+1:]), true
}

// TestListMarker holds listMarker to refListMarker on every first byte
// before marker-like tails, random texts and the lines of the corpora.
func TestListMarker(t *testing.T) {
	check := func(s string) {
		t.Helper()
		n, strip := listMarker(s)
		if wn, wstrip := refListMarker(s); n != wn || strip != wstrip {
			t.Fatalf("listMarker(%q) = %d, %v, want %d, %v", s, n, strip, wn, wstrip)
		}
	}
	for b := range 256 {
		for _, tail := range []string{"", " x", ". x", ") x", "\u00a0x", "1. x"} {
			check(string([]byte{byte(b)}) + tail)
		}
	}
	pieces := []string{"•", "-", "*", "+", "1", "12", "a", "A", ".", ")", " ", "\t", "\u00a0", "\u200b", "x"}
	rng := rand.New(rand.NewPCG(7, 8))
	for range 50000 {
		check(pieceText(rng, pieces, 6))
	}
	for line := range corpusLines(t) {
		check(line)
	}
}

// refLineEndsSentence is lineEndsSentence without its answer from an
// ASCII last byte.
func refLineEndsSentence(s string) bool {
	s = strings.TrimRight(s, "\"'”’»)]")
	r, _ := utf8.DecodeLastRuneInString(s)
	switch r {
	case '.', '!', '?', '…', ':', ';':
		return true
	}
	return false
}

// TestLineEndsSentence holds lineEndsSentence to refLineEndsSentence on
// every last byte after marks, random texts and the corpus lines.
func TestLineEndsSentence(t *testing.T) {
	check := func(s string) {
		t.Helper()
		if got, want := lineEndsSentence(s), refLineEndsSentence(s); got != want {
			t.Fatalf("lineEndsSentence(%q) = %v, want %v", s, got, want)
		}
	}
	for b := range 256 {
		for _, head := range []string{"", "x", "x.", "x?”", "x…", "x.)"} {
			check(head + string([]byte{byte(b)}))
		}
	}
	pieces := []string{".", "!", "?", "…", ":", ";", "\"", "'", "”", "’", "»", ")", "]", "a", " ", "\xff", "\xe2\x80"}
	rng := rand.New(rand.NewPCG(9, 10))
	for range 50000 {
		check(pieceText(rng, pieces, 6))
	}
	for line := range corpusLines(t) {
		check(line)
	}
}

// corpusLines yields the lines of the corpora's article bodies, trimmed
// of white space (none when the corpora are absent).
func corpusLines(t *testing.T) iter.Seq[string] {
	sets := corpustest.Sets(t)
	return func(yield func(string) bool) {
		for _, set := range sets {
			for _, art := range set.Articles {
				for line := range strings.Lines(art.Body) {
					if !yield(strings.TrimSpace(line)) {
						return
					}
				}
			}
		}
	}
}
