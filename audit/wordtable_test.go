package audit

import (
	"testing"

	"github.com/sourcecheck/sourcecheck/internal/corpustest"
)

// TestWordTables holds the people lexicon's wordKeys and wordValues to
// the maps they were made from: for every key of every map, and for
// every word of the corpora, of the lexicon's phrases and of their keys
// with the byte after them (a near miss), a table answers as its map
// does, by the word's own filter bits and by the key's.
func TestWordTables(t *testing.T) {
	lex := &DefaultLexicon().People
	sets := []struct {
		name string
		t    *wordKeys
		m    map[string]bool
	}{
		{"notNames", &lex.notNameT, lex.notNames}, {"determiners", &lex.determinerT, lex.determiners},
		{"particles", &lex.particleT, lex.particles}, {"orgWords", &lex.orgWordT, lex.orgWords},
		{"titles", &lex.titleT, lex.titles},
		{"female", &lex.femaleT, lex.female}, {"male", &lex.maleT, lex.male},
		{"anonHeads", &lex.anonHeadT, lex.anonHeads}, {"orgNouns", &lex.orgNounT, lex.orgNouns},
		{"phraseOpeners", &phraseOpenerT, phraseOpeners},
	}
	maps := []struct {
		name string
		t    *wordValues
		m    map[string]string
	}{
		{"roles", &lex.roleT, lex.roles}, {"unnamed", &lex.unnamedT, lex.unnamed},
		{"orgTypes", &lex.orgTypeT, lex.orgTypes}, {"unnamedIDs", &lex.unnamedIDT, lex.unnamedIDs},
	}
	checkKey := func(key string) {
		t.Helper()
		for _, s := range sets {
			if got, want := s.t.has(key), s.m[key]; got != want {
				t.Errorf("%s.has(%q) = %v, the map says %v", s.name, key, got, want)
			}
		}
		for _, s := range maps {
			v, ok := s.t.get(key)
			w, in := s.m[key]
			if v != w || ok != in {
				t.Errorf("%s.get(%q) = %q, %v, the map says %q, %v", s.name, key, v, ok, w, in)
			}
		}
	}
	checkWord := func(w *word) {
		t.Helper()
		checkKey(w.lower)
		for _, s := range sets {
			if got, want := s.t.hasWord(w), s.m[w.lower]; got != want {
				t.Errorf("%s.hasWord(%q) = %v, the map says %v", s.name, w.lower, got, want)
			}
		}
		for _, s := range maps {
			v, ok := s.t.word(w)
			want, in := s.m[w.lower]
			if v != want || ok != in || s.t.value(w) != want {
				t.Errorf("%s.word(%q) = %q, %v, the map says %q, %v", s.name, w.lower, v, ok, want, in)
			}
		}
	}
	var texts []string
	for _, s := range sets {
		for key := range s.m {
			texts = append(texts, key, key+"s", key+"x")
			checkKey(key)
		}
	}
	for _, s := range maps {
		for key := range s.m {
			texts = append(texts, key, key+"s", key+"x")
			checkKey(key)
		}
	}
	checkKey("")
	for _, text := range texts {
		for _, w := range tokenize(text) {
			checkWord(&w)
		}
	}
	for _, set := range corpustest.Sets(t) {
		for _, a := range set.Articles {
			for _, w := range tokenize(a.Body) {
				checkWord(&w)
			}
		}
	}
}
