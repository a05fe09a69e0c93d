package audit

import (
	"fmt"
	"reflect"
	"testing"
)

// checkStartTable holds t.find to a look-up in starts for key.
func checkStartTable(t *testing.T, tab *startTable, starts map[string]cueStart, key string) bool {
	t.Helper()
	fa, fb := wordFilterBits(key)
	got := tab.find(key, fa, fb)
	want, ok := starts[key]
	if ok != (got != nil) || ok && !reflect.DeepEqual(*got, want) {
		t.Errorf("find(%q) = %v, want %v (%v)", key, got, want, ok)
		return false
	}
	return true
}

// TestStartTable holds the cue start table to the map it is made of,
// for every key, every corpus word and, in a table of many keys whose
// slots collide, keys that share filter bits.
func TestStartTable(t *testing.T) {
	a := NewAnalyzer(nil, nil)
	rep := &a.lex.Reporting
	for k := range rep.starts {
		if !checkStartTable(t, &rep.startTab, rep.starts, k) {
			return
		}
	}
	for _, s := range corpusSentences(t, a.lex) {
		for _, w := range appendWords(nil, s.Text) {
			if !checkStartTable(t, &rep.startTab, rep.starts, w.lower) {
				return
			}
		}
	}
	// Many keys: the first-bit slots collide, and some keys share both
	// filter bits.
	many := map[string]cueStart{}
	for i := range 20000 {
		many[fmt.Sprintf("w%d", i)] = cueStart{isVerb: i%2 == 0, verb: verbEntry{lemma: fmt.Sprint(i)}}
	}
	many[""] = cueStart{}
	tab := newStartTable(many, nil)
	shared := 0
	seen := map[uint32]string{}
	for i := range 40000 {
		k := fmt.Sprintf("w%d", i)
		if !checkStartTable(t, &tab, many, k) {
			return
		}
		fa, fb := wordFilterBits(k)
		if o, ok := seen[fa<<13|fb]; ok && o != k {
			shared++
		}
		seen[fa<<13|fb] = k
	}
	if !checkStartTable(t, &tab, many, "") {
		return
	}
	if shared == 0 {
		t.Error("no two keys share filter bits: the test misses a case")
	}
	var none startTable
	if none.find("said", 1, 2) != nil {
		t.Error("an empty table finds a start")
	}
}
