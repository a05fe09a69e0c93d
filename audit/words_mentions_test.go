package audit

import (
	"math/rand"
	"slices"
	"testing"
)

// TestMergeByStartMatchesStableSort holds sortByStart on each sentence's
// mentions and mergeByStart with the registry's to slices.SortStableFunc
// on all of them, as Analyze sorted them before: on random mentions with
// many equal starts, the sentences in order or not.
func TestMergeByStartMatchesStableSort(t *testing.T) {
	byStart := func(a, b mention) int { return a.start - b.start }
	rng := rand.New(rand.NewSource(4))
	for n := 0; n < 20000; n++ {
		// Sentences of up to 8 mentions, each in its own range of
		// starts, or anywhere.
		var all []mention
		ordered := rng.Intn(4) != 0
		for si, base := 0, 0; si < rng.Intn(6); si++ {
			for k := rng.Intn(9); k > 0; k-- {
				start := base + rng.Intn(10)
				if !ordered {
					start = rng.Intn(60)
				}
				all = append(all, mention{start: start, sentence: si, ext0: len(all)})
			}
			base += 10
		}
		var regs []mention
		for k := rng.Intn(6); k > 0; k-- {
			regs = append(regs, mention{kind: mentionOrg, start: rng.Intn(60), ext0: 1000 + k})
		}
		slices.SortStableFunc(regs, byStart)
		want := append(slices.Clone(all), regs...)
		slices.SortStableFunc(want, byStart)

		got := slices.Clone(all)
		for lo := 0; lo < len(got); {
			hi := lo + 1
			for hi < len(got) && got[hi].sentence == got[lo].sentence {
				hi++
			}
			sortByStart(got[lo:hi])
			lo = hi
		}
		got = mergeByStart(got, regs)
		if !slices.Equal(got, want) {
			t.Fatalf("mentions %v, registry %v:\ngot  %v\nwant %v", all, regs, got, want)
		}
	}
}
