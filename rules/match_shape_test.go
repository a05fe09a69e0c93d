package rules

import "testing"

// aliasShape is shapeOf of the words of s.
func aliasShape(s string) (commas uint64, unmatchable bool) {
	toks, _ := tokenize(s, nil, nil, nil)
	return shapeOf(toks)
}

// TestPhraseScratchReuse checks that one phraseScratch, reused from
// phrase to phrase as a registry is checked and built, gives every
// phrase the key and shape the reference gives it alone: longer phrases
// before shorter ones must leave nothing behind.
func TestPhraseScratchReuse(t *testing.T) {
	var phrases []string
	for _, s := range DefaultRegistry().Sources() {
		phrases = append(phrases, s.Aliases...)
		phrases = append(phrases, s.BackRefs...)
	}
	phrases = append(phrases, "Observatoire syrien des droits de l'homme, OSDH", "a", "", "SOHR's", "«x»", "the U.N.")
	var ph phraseScratch
	for _, s := range phrases {
		if got, want := string(ph.key(s)), refNormalizeKey(s); got != want {
			t.Errorf("key(%q) = %q, want %q", s, got, want)
		}
		toks, _ := ph.tokenize(s)
		c, u := shapeOf(toks)
		if rc, ru := refAliasShape(s); c != rc || u != ru {
			t.Errorf("shapeOf(%q) = %v, %v, want %v, %v", s, c, u, rc, ru)
		}
	}
	if len(phrases) < 100 {
		t.Errorf("only %d phrases", len(phrases))
	}
}
