package audit

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/sourcecheck/sourcecheck/internal/corpustest"
)

// mayAny reports whether f may hold one of words[from:to], to cut at
// len(words): false means none is a member. It is how the person and
// definite passes screened words before markWords gathered bit sets.
func (f *wordFilter) mayAny(words []word, from, to int) bool {
	for k := from; k < min(to, len(words)); k++ {
		if f.hasWord(&words[k]) {
			return true
		}
	}
	return false
}

// refNextPersonStart is findPeople's next start (wordMarks.nextStart)
// as it was before markWords: a walk over every word from i. (A determiner counts only with a word of
// unnamedF in the four after it, as findPeople asked before it looked
// further.)
func refNextPersonStart(l *PeopleLexicon, words []word, names []bool, i int) int {
	for k := i; k < len(words); k++ {
		w := &words[k]
		det := l.determinerF.hasWord(w) && l.unnamedF.mayAny(words, k+1, k+5)
		if !names[k] && !det && !l.mayPluralHead(w) {
			continue
		}
		if k > i && l.mayPluralHead(w) {
			return k - 1
		}
		if names[k] || det || l.mayPluralHead(w) {
			return k
		}
	}
	return len(words)
}

// refFindDefinites is findDefinites as it was before markWords: it
// walks every word for an opener.
func refFindDefinites(text string, words []word, lex *PeopleLexicon) []Definite {
	var out []Definite
	for i := 0; i < len(words); i++ {
		for i < len(words) && !(lex.openerBits.hasWord(&words[i]) && lex.openerF.hasWord(&words[i])) {
			i++
		}
		if i == len(words) {
			break
		}
		if !lex.headF.mayAny(words, i+1, i+5) || !slices.Contains(definiteOpeners, words[i].lower) {
			continue
		}
		for k := i + 1; k < len(words) && k <= i+4; k++ {
			w := words[k].lower
			if gap(text, &words[k-1], &words[k]) != " " || lex.notNameF.hasWord(&words[k]) && lex.notNames[w] && !lex.orgNouns[w] {
				break
			}
			if !lex.headF.hasWord(&words[k]) {
				continue
			}
			_, isRole := lex.roles[w]
			org := lex.orgNouns[w]
			if !isRole && !org && !lex.female[w] && !lex.male[w] {
				continue
			}
			if k+1 < len(words) && gap(text, &words[k], &words[k+1]) == " " {
				if n := &words[k+1]; lex.nameToken(n) || n.lower == "of" || n.lower == "for" || n.lower == "at" || lex.headF.hasWord(n) && (lex.orgNouns[n.lower] || lex.roles[n.lower] != "") {
					break
				}
			}
			d := Definite{Start: words[i].start, End: words[k].end, Head: w, Org: org && !isRole, Gender: lex.genderOf(words[k : k+1])}
			if !d.Org {
				d.Type = lex.roles[w]
				if d.Type == "" {
					d.Type = "eyewitness"
				}
			}
			out = append(out, d)
			i = k
			break
		}
	}
	return out
}

// checkMarks fails t where the marks of text's words (markWords) are not
// what the passes that read them asked of every word before: the name
// tokens, and the words nextStart, findDefinites and findOrgs look
// at; or where nextStart and findDefinites, reading them, find
// otherwise than walking every word. marks is reused, as the analysis
// reuses its own.
func checkMarks(t *testing.T, l *PeopleLexicon, marks *wordMarks, text string) bool {
	t.Helper()
	words := tokenize(text)
	l.markWords(marks, words)
	names := l.appendNameTokens(nil, words)
	var starts, openers, orgs []int
	for k := range words {
		w := &words[k]
		name := l.nameToken(w)
		if marks.name(k) != name {
			t.Errorf("markWords(%.100q): name(%d) (%q) = %v, want %v", text, k, w.text, marks.name(k), name)
			return false
		}
		if got, want := marks.marks[k]&filterNotName != 0, l.notNameF.hasWord(w); got != want {
			t.Errorf("markWords(%.100q): %q not-name %v, want %v", text, w.text, got, want)
			return false
		}
		det := l.determinerF.hasWord(w) && l.unnamedF.mayAny(words, k+1, k+5)
		if got := marks.determiner(k); got != det {
			t.Errorf("markWords(%.100q): %q determiner %v, want %v", text, w.text, got, det)
			return false
		}
		plural := l.mayPluralHead(w) || k+1 < len(words) && l.mayPluralHead(&words[k+1])
		if name || det || plural {
			starts = append(starts, k)
		}
		if l.openerBits.hasWord(w) && l.openerF.hasWord(w) && l.headF.mayAny(words, k+1, k+5) {
			openers = append(openers, k)
		}
		if name && l.orgWordF.hasWord(w) {
			orgs = append(orgs, k)
		}
	}
	if len(marks.marks) != len(words)+16 || len(marks.bits) != (len(words)+63)/64*4 || !slices.Equal(marked(marks.nextStart, len(words)), starts) ||
		!slices.Equal(marked(marks.nextOpener, len(words)), openers) || !slices.Equal(marked(marks.nextOrg, len(words)), orgs) {
		t.Errorf("markWords(%.100q) = %+v, want starts %v, openers %v, orgs %v", text, *marks, starts, openers, orgs)
		return false
	}
	for i := 0; i < len(words); {
		got, want := marks.nextStart(i), refNextPersonStart(l, words, names, i)
		if got != want {
			t.Errorf("nextStart(%.100q, %d) = %d, want %d", text, i, got, want)
			return false
		}
		// findPeople goes on at the word after, or further on.
		i = got + 1 + i%2
	}
	if got, want := findDefinites(nil, text, words, marks, l), refFindDefinites(text, words, l); !(len(got) == 0 && len(want) == 0) && !reflect.DeepEqual(got, want) {
		t.Errorf("findDefinites(%.100q) = %+v, want %+v", text, got, want)
		return false
	}
	return true
}

// marked returns the indexes of the n words of a bit set of wordMarks,
// in order, as next (nextStart, nextOpener or nextOrg) finds them one
// after another.
func marked(next func(int) int, n int) []int {
	var out []int
	for i := next(0); i < n; i = next(i + 1) {
		out = append(out, i)
	}
	return out
}

// TestMarkWords holds markWords, and the passes that read its marks, to
// what they asked of every word before, on every sentence (split at full
// stops) of the corpora.
func TestMarkWords(t *testing.T) {
	l := &DefaultLexicon().People
	var marks wordMarks
	for _, text := range []string{
		"", "The", "the company said", "His son, the agent, and their lawyers said", "Bank of America Group",
		"al-Assad's forces", "Analysts said", strings.Repeat("The Group of its Bank said ", 30), "a resident of Aleppo said", "Its spokesman The Group",
	} {
		checkMarks(t, l, &marks, text)
	}
	for _, set := range corpustest.Sets(t) {
		for _, a := range set.Articles {
			for _, s := range strings.Split(a.Body, ". ") {
				if !checkMarks(t, l, &marks, s) {
					return
				}
			}
		}
	}
}

// appendNameTokens appends nameToken of each of words to dst, as
// markWords notes them: the tests' view of the marks' name bit.
func (l *PeopleLexicon) appendNameTokens(dst []bool, words []word) []bool {
	var m wordMarks
	l.markWords(&m, words)
	for i := range words {
		dst = append(dst, m.name(i))
	}
	return dst
}
