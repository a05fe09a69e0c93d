package audit

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sourcecheck/sourcecheck/internal/corpus"
	"github.com/sourcecheck/sourcecheck/internal/corpustest"
)

// TestLastBytes checks that lastBytes never rules out a text an
// expression anchored at its end matches, for the built-in cues on
// hand-picked endings, the lines of the seeds and the paragraphs of the
// shared corpora (when present), and what it finds for a few expressions.
func TestLastBytes(t *testing.T) {
	lex := testBlockLexicon(t)
	texts := []string{
		"A man waves. Photo: Jane Smith", "Photo : AFP", "Credit: Reuters", "Picture:Ýmir",
		"(BBC/John Smith)", "(Photo: AFP)", "(Pictures / x)", "(Image \xff)", "as seen on France 24",
		"at franceinfo", "on BFMTV", "via Getty Images", "Shutterstock.com", "AP Photo/Émile Zola",
		"AP Photo/Ali", "AP Photo", "5 March 2024", "10:30 GMT", "10.30 p.m.", "unsaveSave", "icon-x",
		"By Jane Smith", "Aleppo – Muhammad al-Ali", "Updated: 10:30 am", "", "x", ".", "\xff", "é",
		"Published 5 Mar", "published on 5 SEPT.", "5 min read", "Reading time: 4 mn.", "K min read",
	}
	texts = blockCueTexts(t, texts, true)
	n := 0
	for _, c := range lex.Cues {
		if c.last == nil {
			continue
		}
		n++
		for _, text := range texts {
			if c.re.MatchString(text) && !c.last.hasLast(text) {
				t.Errorf("%s: %q matches but its last byte is ruled out", c.Cue, text)
			}
		}
	}
	if n == 0 {
		t.Error("no cue got a last-byte set")
	}
	for expr, want := range map[string]string{
		`(?:\(x\))$`:       ")",
		`(?:(?i)bfmtv)$`:   "Vv",
		`(?:ab|c?)$`:       "",
		`(?:a\d+\s?)$`:     "\t\n\f\r 0123456789",
		`(?:(?:y|z)x*)$`:   "xyz",
		`(?:é)$`:           "\xa9",
		`^(?:[a-c]|[é-ê])`: "abc\x80\x81\x82\x83\x84\x85\x86\x87\x88\x89\x8a\x8b\x8c\x8d\x8e\x8f\x90\x91\x92\x93\x94\x95\x96\x97\x98\x99\x9a\x9b\x9c\x9d\x9e\x9f\xa0\xa1\xa2\xa3\xa4\xa5\xa6\xa7\xa8\xa9\xaa\xab\xac\xad\xae\xaf\xb0\xb1\xb2\xb3\xb4\xb5\xb6\xb7\xb8\xb9\xba\xbb\xbc\xbd\xbe\xbf",
	} {
		set := lastBytes(expr)
		got := setMembers(set)
		if got != want {
			t.Errorf("lastBytes(%q) = %q, want %q", expr, got, want)
		}
	}
}

// TestRequiredLiterals checks that a cue's required literals never rule
// out a text its expression matches, on hand-picked texts, the lines of
// the seeds and the shared corpora (when present), and what
// requiredLiterals finds for a few expressions.
func TestRequiredLiterals(t *testing.T) {
	lex := testBlockLexicon(t)
	texts := []string{
		"Aleppo – Muhammad al-Ali", "Paris — Jean Dupont", "10:30", "10.30 pm", "• 9:05 GMT", "Sponsored: x",
		"Advertisement - y", "PROMOTED | z", "sponsored – w", "ſponsored: x", "By Jane Smith", "Photo: AFP",
		"A man. Photo: Jane Smith", "(BBC/John Smith)", "(Photo: AFP)", "via Getty Images", "at franceinfo",
		"© 2024 BBC", "(c) 2020", "unsaveSave", "icon-x", "expand-left",
	}
	texts = blockCueTexts(t, texts, true)
	n := 0
	for _, c := range lex.Cues {
		if c.need == nil {
			continue
		}
		n++
		for _, text := range texts {
			if c.re.MatchString(text) && !containsAny(text, c.need) {
				t.Errorf("%s: %q matches but holds none of %q", c.Cue, text, c.need)
			}
		}
	}
	if n == 0 {
		t.Error("no cue got required literals")
	}
	for expr, want := range map[string]string{
		`^(?:\p{Lu}\s+[–—]\s+\p{Lu})$`: "–|—",
		`(?:Photo|Image)\s*:`:          "Photo|Image",
		`(?:[a-f]x)$`:                  "x",
		`(?:[ab]c?)$`:                  "a|b",
		`(?:(?i)photo)`:                "",
		`(?:a*)`:                       "",
	} {
		if got := strings.Join(requiredLiterals(expr), "|"); got != want {
			t.Errorf("requiredLiterals(%q) = %q, want %q", expr, got, want)
		}
	}
}

// setMembers returns the bytes of a byteSet in order; "" for a nil set
// (which holds every byte, but says the expression could not be judged).
func setMembers(set *byteSet) string {
	var got []byte
	if set != nil {
		for c := range 256 {
			if set[c] {
				got = append(got, byte(c))
			}
		}
	}
	return string(got)
}

// blockCueTexts returns the texts the block cue tests try: handPicked, the
// lines of the seeds and, with corpora (and unless -short), the trimmed
// lines of the shared corpora when they are present.
func blockCueTexts(t *testing.T, handPicked []string, corpora bool) []string {
	t.Helper()
	texts := handPicked
	seeds, err := filepath.Glob(filepath.Join("..", "seeds", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range seeds {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, strings.Split(string(data), "\n")...)
	}
	if _, ok := corpus.Root(); ok && corpora && !testing.Short() {
		for _, set := range corpustest.Sets(t) {
			for _, a := range set.Articles {
				for _, line := range strings.Split(a.Body, "\n") {
					texts = append(texts, strings.TrimSpace(line))
				}
			}
		}
	}
	return texts
}
