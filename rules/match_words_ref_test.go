package rules

import (
	"slices"
	"testing"
)

// refWords is Words as first written: every edge's word and its plural
// appended to each list it belongs to, each list sorted with its repeats.
func refWords(r *Registry) AliasWords {
	var w AliasWords
	words := make(map[int32]string)
	for _, e := range r.m.edges {
		if e.child != 0 {
			words[e.child] = e.word
		}
	}
	for _, e := range r.m.edges {
		if e.child == 0 || !isASCIIWord(e.word) {
			continue
		}
		w.Any = append(w.Any, e.word, e.word+"s")
		if len(r.m.terms[e.child]) > 0 {
			w.End = append(w.End, e.word, e.word+"s")
		}
		if e.parent == 0 {
			w.Start = append(w.Start, e.word, e.word+"s")
			if len(r.m.terms[e.child]) > 0 {
				w.Whole = append(w.Whole, e.word, e.word+"s")
			}
		} else if w1 := words[e.parent]; isASCIIWord(w1) {
			w.Pairs = append(w.Pairs, w1+" "+e.word, w1+" "+e.word+"s")
		}
	}
	for _, l := range []*[]string{&w.Start, &w.Whole, &w.End, &w.Any, &w.Pairs} {
		slices.Sort(*l)
		*l = slices.Compact(*l)
	}
	return w
}

// TestWordsAsReference holds Words to refWords on the built-in registry
// and on one whose words are each other's plurals, repeat at several
// depths and are not all ASCII.
func TestWordsAsReference(t *testing.T) {
	small, err := LoadRegistry("x.yaml", []byte(`version: 1
sources:
  - id: a
    name: A
    type: expert
    aliases: [Court, Courts of Law, The Court, court court, Cour d'État, État court, a b, a bs, ab s]
    backrefs: [the courts, the law courts]
  - id: b
    name: B
    type: expert
    aliases: [Law Courts, Law, Laws, the Law Court, Ünion court]
`))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []*Registry{DefaultRegistry(), small} {
		got, want := r.Words(), refWords(r)
		for _, l := range []struct {
			name      string
			got, want []string
		}{{"Start", got.Start, want.Start}, {"Whole", got.Whole, want.Whole}, {"End", got.End, want.End},
			{"Any", got.Any, want.Any}, {"Pairs", got.Pairs, want.Pairs}} {
			if !slices.Equal(l.got, l.want) {
				t.Errorf("%s: %q\nwant %q", l.name, l.got, l.want)
			}
		}
	}
}
