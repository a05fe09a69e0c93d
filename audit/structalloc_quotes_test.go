package audit

import (
	"strings"
	"testing"
)

// TestQuoteReasonCache holds quoteFinder.reason to the concatenation it
// caches, on hits and misses, also once the cache is full and cleared.
func TestQuoteReasonCache(t *testing.T) {
	f := new(quoteFinder)
	view := "the speech tag said Smith, told reporters"
	cases := []struct {
		kind QuoteKind
		why  quoteWhy
		prev string
	}{
		{QuoteDirect, quoteWhy{"continues a quotation"}, ""},
		{QuoteDirect, quoteWhy{"the speech tag “", view[15:19], "” after it"}, ""},
		{QuotePartial, quoteWhy{"the reporting verb “", view[27:31], "” precedes it"}, "opened with “ and closed with »"},
		{QuoteScare, quoteWhy{"no reporting cue attributes it"}, "x"},
	}
	want := func(kind QuoteKind, why quoteWhy, prev string) string {
		return joinReason(string(kind)+": "+strings.Join(why[:], ""), prev)
	}
	for round := 0; round < 3; round++ {
		for _, c := range cases {
			if got, w := f.reason(c.kind, c.why, c.prev), want(c.kind, c.why, c.prev); got != w {
				t.Fatalf("reason(%q, %q, %q) = %q, want %q", c.kind, c.why, c.prev, got, w)
			}
		}
	}
	for i := 0; i < maxReasons+10; i++ {
		why := quoteWhy{"the speech tag “", strings.Repeat("x", i%50), "” before it", string(rune('a' + i%26))}
		if got, w := f.reason(QuoteDirect, why, ""), want(QuoteDirect, why, ""); got != w {
			t.Fatalf("reason(%q) = %q, want %q", why, got, w)
		}
	}
	if len(f.reasons) > maxReasons {
		t.Errorf("%d reasons cached, want at most %d", len(f.reasons), maxReasons)
	}
}
