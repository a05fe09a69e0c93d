package audit

import (
	"reflect"
	"strings"
	"testing"

	"github.com/sourcecheck/sourcecheck/internal/corpustest"
)

// refFindOrgs is findOrgs as it was before it passed the sentences with
// no organisation word, and the runs before the first, at a look: every
// run of name tokens is walked.
func refFindOrgs(text string, words []word, names []bool, lex *PeopleLexicon, known []Span) []OrgMention {
	var out []OrgMention
	isOrgWord := func(w *word) bool { return w.capital && lex.isOrgWord(w) }
	for i := 0; i < len(words); i++ {
		if !names[i] || words[i].number {
			continue
		}
		j := i + 1
		orgAt := -1
		if isOrgWord(&words[i]) {
			orgAt = i
		}
		for j < len(words) {
			g := gap(text, &words[j-1], &words[j])
			switch {
			case g == " " && names[j] && !words[j].number:
			case (g == " & " || g == " and ") && names[j] && orgWordAhead(words, j, lex):
			case g == " " && (words[j].lower == "of" || words[j].lower == "for") && j+1 < len(words) &&
				gap(text, &words[j], &words[j+1]) == " " && names[j+1]:
				j++
			default:
				goto done
			}
			if isOrgWord(&words[j]) {
				orgAt = j
			}
			j++
		}
	done:
		run := words[i:j]
		if len(run) < 2 || orgAt < 0 || spansOverlap(known, run[0].start, run[len(run)-1].end) {
			i = j - 1
			continue
		}
		if orgAt != j-1 && words[orgAt+1].lower != "of" && words[orgAt+1].lower != "for" {
			i = j - 1
			continue
		}
		m := OrgMention{Start: run[0].start, End: run[len(run)-1].end, Type: lex.orgTypes[words[orgAt].lower]}
		m.Name = text[m.Start:m.End]
		if m.Type == "" {
			m.Type = "official"
		}
		if j+1 < len(words) && trimGap(gap(text, &words[j-1], &words[j])) == "(" && allCaps(words[j:j+1]) &&
			strings.HasPrefix(text[words[j].end:], ")") {
			m.Acronym = words[j].text
			j++
		}
		out = append(out, m)
		i = j - 1
	}
	return out
}

// checkFindOrgs holds findOrgs on text to refFindOrgs, with no known
// span and with one over each of the first words.
func checkFindOrgs(t *testing.T, lex *PeopleLexicon, text string) {
	t.Helper()
	words := tokenize(text)
	var marks wordMarks
	lex.markWords(&marks, words)
	names := lex.appendNameTokens(nil, words)
	knowns := [][]Span{nil}
	for k := 0; k < len(words) && k < 4; k++ {
		knowns = append(knowns, []Span{{Start: words[k].start, End: words[k].end}})
	}
	for _, known := range knowns {
		got := findOrgs(nil, text, words, &marks, lex, known)
		want := refFindOrgs(text, words, names, lex, known)
		if len(got) == 0 && len(want) == 0 {
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("findOrgs(%.200q, known %v) = %+v, want %+v", text, known, got, want)
		}
	}
}

// TestFindOrgsReference holds findOrgs to refFindOrgs on runs that join
// over "of", "for" and "&" before their organisation word, and on every
// sentence (split at full stops) and line of the corpora.
func TestFindOrgsReference(t *testing.T) {
	lex := &DefaultLexicon().People
	for _, text := range []string{
		"Bank of America said", "the Bank of America Corp said", "Gold Fields of South Africa Ltd",
		"Independent News & Media", "said John Smith of Independent News & Media (INM) on Monday",
		"of Syrian American Medical Society (SAMS) for", "for the Syrian Observatory for Human Rights",
		"Human Rights Watch and Amnesty International Group", "2 Group", "Group",
	} {
		checkFindOrgs(t, lex, text)
	}
	for _, set := range corpustest.Sets(t) {
		for _, a := range set.Articles {
			for _, line := range strings.Split(a.Body, "\n") {
				checkFindOrgs(t, lex, line)
				for _, s := range strings.Split(line, ". ") {
					checkFindOrgs(t, lex, s)
				}
			}
		}
	}
}

// TestAllCaps holds allCaps, which rules out a word by its second byte
// before upperOnly is asked, to its definition on the words of the
// corpora, one and two at a time.
func TestAllCaps(t *testing.T) {
	ref := func(ws []word) bool {
		for _, w := range ws {
			if len(w.text) < 2 || !upperOnly(w.text) {
				return false
			}
		}
		return true
	}
	check := func(ws []word) {
		if got, want := allCaps(ws), ref(ws); got != want {
			t.Fatalf("allCaps(%q…) = %v, want %v", ws[0].text, got, want)
		}
	}
	for _, text := range []string{"NGO SOHR", "U.S. UN", "ÉTAT Aé aÉ A1 1A NATO's", "\xc3a ÀB a"} {
		words := tokenize(text)
		for k := range words {
			check(words[k : k+1])
			check(words[k:])
		}
	}
	for _, set := range corpustest.Sets(t) {
		for _, a := range set.Articles {
			words := tokenize(a.Body)
			for k := range words {
				check(words[k : k+1])
				check(words[k:min(k+2, len(words))])
			}
		}
	}
}
