package audit

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestNewItemCounts checks that newItem counts runes and words as
// utf8.RuneCountInString and strings.Fields do, and that mayBePhrase never
// skips a block whose folded form is a phrase.
func TestNewItemCounts(t *testing.T) {
	lex := testBlockLexicon(t)
	texts := []string{
		"a", "Share", "Share:", "Share :", " : ", "Skip  to\u00a0main\tcontent",
		"Related\u2003Articles", "İİİ", "bad\xffbyte \xfe", "x\u200by", "one two three four five six seven",
		strings.Repeat("word ", 40),
	}
	for k := range lex.phrases {
		texts = append(texts, k, strings.ToUpper(k)+":", strings.ReplaceAll(k, " ", " \n\t"))
	}
	for _, text := range texts {
		it := lex.newItem(text, Span{0, len(text)}, "")
		if want := utf8.RuneCountInString(text); it.chars != want {
			t.Errorf("%q: chars %d, want %d", text, it.chars, want)
		}
		if want := len(strings.Fields(text)); it.words != want {
			t.Errorf("%q: words %d, want %d", text, it.words, want)
		}
		if key := normalizePhrase(text); it.solid+it.words-3 > utf8.RuneCountInString(key) {
			t.Errorf("%q: bound %d exceeds folded length %d", text, it.solid+it.words-3, utf8.RuneCountInString(key))
		}
		if _, ok := lex.phrases[normalizePhrase(text)]; ok && !lex.mayBePhrase(&it) {
			t.Errorf("%q: a phrase, but mayBePhrase is false", text)
		}
	}
}

// TestFirstBytes checks that firstBytes never rules out a text an
// anchored expression matches, for the built-in cues and seams on the
// lines of the seeds and on hand-picked starts.
func TestFirstBytes(t *testing.T) {
	lex := testBlockLexicon(t)
	texts := []string{
		"Published 5 March 2024", "published on 5 Mar", "PUBLIŠHED", "Updated: 10:30 GMT", "5 min read",
		"12 Jan 2020", "Mon, 3 Feb 2020", "• 10:30", "· 3 Mar 2021", "| 2020-01-02", "© 2024 BBC", "(c) 2020",
		"Copyright 2021", "Aleppo – Muhammad al-Ali", "Élysée – Jean Dupont", "By Jane Smith", "Par Jean",
		"Photo: AFP", "Image: Reuters", "©AFP", "50% First Deposit Bonus up to €500 Now", "Sponsored: x",
		"ADVERTISEMENT - x", "unsaveSave", "saveShare", "expand-left", "icon-share", "Fullscreen Now",
		"FULL SCREEN x", "expand-right Then", "\xff", "\xe2\x28", "\u00a0x", "", "x", "1", "ſave",
		"K min read", "\u212a",
	}
	texts = blockCueTexts(t, texts, false)
	check := func(name string, first *byteSet, match func(string) bool) {
		for _, text := range texts {
			if match(text) && !first.has(text) {
				t.Errorf("%s: %q matches but its first byte is ruled out", name, text)
			}
		}
	}
	n := 0
	for _, c := range lex.Cues {
		if c.first != nil {
			n++
		}
		check(c.Cue, c.first, c.re.MatchString)
	}
	for _, s := range lex.Seams {
		if s.first != nil {
			n++
		}
		check(s.Cue, s.first, func(text string) bool {
			loc := s.re.FindStringIndex(text)
			return loc != nil && loc[1] > 0
		})
	}
	if n == 0 {
		t.Error("no cue or seam got a first-byte set")
	}
	for expr, want := range map[string]string{
		`^(?:(?i)full ?screen)`: "Ff",
		`^(?:©)`:                "\xc2",
		`^(?:a*b|c?)`:           "",
		`^(?:\d+\s?%)`:          "0123456789",
		`^(?:x*(?:y|z))`:        "xyz",
	} {
		set := firstBytes(expr)
		got := setMembers(set)
		if got != want {
			t.Errorf("firstBytes(%q) = %q, want %q", expr, got, want)
		}
	}
}

// TestLeadingLiterals checks that leadingLiterals never rules out a text
// an anchored cue matches, on the lines of the seeds and hand-picked
// starts, and what it finds for a few expressions.
func TestLeadingLiterals(t *testing.T) {
	lex := testBlockLexicon(t)
	texts := []string{
		"Photo: AFP", "Photos : x", "Photograph: y", "Foto: z", "Photo credit: q", "Image: Reuters",
		"Images: x", "Picture: p", "Illustration: i", "Credit: c", "Video: v", "By Jane Smith", "Par Jean",
		"Von Hans", "Av Ola", "© 2024 BBC", "(c) 2020", "Copyright 2021", "©AFP", "", "x",
	}
	texts = blockCueTexts(t, texts, false)
	n := 0
	for _, c := range lex.Cues {
		if c.lead == nil {
			continue
		}
		n++
		for _, text := range texts {
			if c.re.MatchString(text) && !hasAnyPrefix(text, c.lead) {
				t.Errorf("%s: %q matches but starts with none of %q", c.Cue, text, c.lead)
			}
		}
	}
	if n == 0 {
		t.Error("no cue got leading literals")
	}
	for expr, want := range map[string]string{
		`^(?:Photo|Photos|Foto)\s*:`: "Photo|Foto",
		`^(?:(?i)photo)`:             "",
		`^(?:a*b)`:                   "",
		`^(?:ab+c|d{2,3})`:           "a|d",
		`(?:x)$`:                     "",
		`^(?:x?y)`:                   "",
	} {
		if got := strings.Join(leadingLiterals(expr), "|"); got != want {
			t.Errorf("leadingLiterals(%q) = %q, want %q", expr, got, want)
		}
	}
}
