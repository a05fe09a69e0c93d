package audit

import (
	"strings"
	"testing"
	"unicode"

	"github.com/sourcecheck/sourcecheck/internal/corpustest"
	"github.com/sourcecheck/sourcecheck/rules"
)

// refSlug is slug as it was before slugID: the folded letters and
// digits, words joined by hyphens.
func refSlug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range rules.Fold(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	return b.String()
}

// refAnonymous and refAfterPreposition are PeopleLexicon.Anonymous and
// afterPreposition as they were: the last of strings.Fields of the
// lower-cased text.
func refAnonymous(l *PeopleLexicon, role string) bool {
	f := strings.Fields(strings.ToLower(role))
	return len(f) > 0 && l.anonHeads[f[len(f)-1]]
}

func refAfterPreposition(text string) bool {
	f := strings.Fields(strings.ToLower(text))
	if len(f) == 0 {
		return false
	}
	switch f[len(f)-1] {
	case "of", "to", "for", "with", "by", "from", "about", "on", "in", "at":
		return true
	}
	return false
}

// checkIDs fails t where slugID, unnamedID, Anonymous, lowerKey or
// afterPreposition differ from the references on s.
func checkIDs(t *testing.T, l *PeopleLexicon, s string) bool {
	t.Helper()
	for _, prefix := range []string{"", "person:", "unnamed:"} {
		if got, want := slugID(prefix, s), prefix+refSlug(s); got != want {
			t.Errorf("slugID(%q, %q) = %q, want %q", prefix, s, got, want)
			return false
		}
	}
	if got, want := l.unnamedID(s), "unnamed:"+refSlug(s); got != want {
		t.Errorf("unnamedID(%q) = %q, want %q", s, got, want)
		return false
	}
	if got, want := l.Anonymous(s), refAnonymous(l, s); got != want {
		t.Errorf("Anonymous(%q) = %v, want %v", s, got, want)
		return false
	}
	if got, want := string(lowerKey(nil, s)), strings.ToLower(s); got != want {
		t.Errorf("lowerKey(%q) = %q, want %q", s, got, want)
		return false
	}
	if got, want := afterPreposition(s), refAfterPreposition(s); got != want {
		t.Errorf("afterPreposition(%q) = %v, want %v", s, got, want)
		return false
	}
	return true
}

func TestIDsReference(t *testing.T) {
	l := &DefaultLexicon().People
	inputs := []string{"", " ", "-", "--x--", "  Dmitry  Peskov ", "al-Assad", "AFP correspondent", "Ça va", "İstanbul",
		"ŞAHİN", "\xff\xfe", "a source", "Sources", "congressional SOURCES", "people familiar", "x\u00a0source", "said of",
		"told TO", "spoke\tby", "K\u212Aof", "İN", "ON ", " at\n", "familiar\u2028"}
	for k := range l.unnamedIDs {
		inputs = append(inputs, k, strings.ToUpper(k))
	}
	for _, s := range inputs {
		if !checkIDs(t, l, s) {
			return
		}
	}
}

// TestIDsCorpora runs checkIDs over pieces of the corpora: every word,
// and every run of up to eight bytes and of up to three words.
func TestIDsCorpora(t *testing.T) {
	l := &DefaultLexicon().People
	for _, set := range corpustest.Sets(t) {
		for ai, a := range set.Articles {
			if ai%4 != 0 {
				continue
			}
			words := tokenize(a.Body)
			for i, w := range words {
				end := words[min(i+2, len(words)-1)].end
				if !checkIDs(t, l, w.text) || !checkIDs(t, l, a.Body[w.start:end]) || !checkIDs(t, l, a.Body[max(0, w.start-8):w.start]) {
					return
				}
			}
		}
	}
}
