package rules

import (
	"slices"
	"testing"
)

// TestAppendMatch holds AppendMatch and AppendMatchScratch (with one
// scratch for every text) to Match: each appends exactly the mentions
// Match returns and leaves what dst already holds untouched, whether or
// not dst has room to spare.
func TestAppendMatch(t *testing.T) {
	r := DefaultRegistry()
	texts := []string{
		"",
		"Nothing to see here.",
		"said the Syrian Observatory for Human Rights (OSDH). This NGO, based in Great Britain",
		"According to the Syrian Observatory for Human Rights, the offensive is led by the Al-Qaeda-linked jihadist group Hayat Tahrir al-Sham, writes France 24.",
		"– Our forces have begun to enter the city of Aleppo, says the newly formed rebel coalition in a statement, according to CNN.",
	}
	texts = append(texts, seedSentences(t)...)
	prefix := []Mention{{Start: 1, End: 2, SourceID: "x", Alias: "X"}}
	var buf []Mention
	var sc MatchScratch
	for _, text := range texts {
		want := r.Match(text)
		if got := r.AppendMatch(nil, text); !slices.Equal(got, want) {
			t.Fatalf("AppendMatch(nil, %q) =\n%+v\nwant\n%+v", text, got, want)
		}
		// A buffer reused from the previous text, with room to spare.
		buf = r.AppendMatch(append(buf[:0], prefix...), text)
		if !slices.Equal(buf[:1], prefix) || !slices.Equal(buf[1:], want) {
			t.Fatalf("AppendMatch(prefix, %q) =\n%+v\nwant %+v then\n%+v", text, buf, prefix, want)
		}
		// The same, in one scratch kept from text to text.
		buf = r.AppendMatchScratch(&sc, append(buf[:0], prefix...), text)
		if !slices.Equal(buf[:1], prefix) || !slices.Equal(buf[1:], want) {
			t.Fatalf("AppendMatchScratch(prefix, %q) =\n%+v\nwant %+v then\n%+v", text, buf, prefix, want)
		}
	}
}

// TestAppendResolve holds AppendResolve to Resolve on the mentions of
// each seed, shuffled: it appends exactly what Resolve returns, leaves
// what dst holds untouched and the mentions it was given as they were.
func TestAppendResolve(t *testing.T) {
	r := DefaultRegistry()
	prefix := []Mention{{Start: 9, End: 12, Alias: "the NGO", BackRef: true}}
	var buf []Mention
	for _, text := range seedSentences(t) {
		ms := r.Match(text)
		slices.Reverse(ms)
		given := slices.Clone(ms)
		want := r.Resolve(ms)
		buf = r.AppendResolve(append(buf[:0], prefix...), ms)
		if !slices.Equal(buf[:1], prefix) || !slices.Equal(buf[1:], want) {
			t.Fatalf("AppendResolve(prefix, %+v) =\n%+v\nwant %+v then\n%+v", ms, buf, prefix, want)
		}
		if !slices.Equal(ms, given) {
			t.Fatalf("AppendResolve changed its mentions: %+v, were %+v", ms, given)
		}
	}
}
