package audit

import (
	"strings"
	"testing"
)

func TestQuoteMarksCheck(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // a word of each finding's message, in order
	}{
		{"left open at the paragraph end",
			"\u201cWe heard an explosion and the walls fell on us, a woman told AFP from Idlib.",
			[]string{"never closed before the end of the paragraph"}},
		{"closing mark lost before a glued speech tag",
			"Moataz returns to Aleppo. \u201cI can't realizehe confides. This morning again, going home seemed impossible.\u201d",
			[]string{"missing before the speech tag"}},
		{"opened again before it is closed",
			"\u201cWe heard an explosion and the walls fell on us. \u201cI saw two of my grandchildren next to me,\u201d a woman told AFP.",
			[]string{"opens the quotation again"}},
		{"pair of different families",
			"\u201cWe are afraid the war will come back \u00bb, said Sarmad, a resident of Aleppo.",
			[]string{"opens with \u201c and closes with \u00bb"}},
		{"curly opening, straight closing",
			"\u201cWe are afraid the war will come back,\" said Sarmad, a resident of Aleppo.",
			[]string{"opens with \u201c and closes with \""}},
		{"stray closing mark",
			"Rebels entered the city on Friday.\u201d The army said it had redeployed.",
			[]string{"\u201d closes no quotation"}},
		{"stray straight mark",
			"The rebels want to sell arms to Europe.\" When he was in Tokyo, the minister said nothing.",
			[]string{"\" closes no quotation"}},
		{"balanced", "\u201cWe heard an explosion,\u201d a woman told AFP from Idlib.", nil},
		{"several paragraphs, each reopened",
			"\u201cThe stores are open, but they are almost empty.\n\n\u201cThere is no more gasoline, no public transport,\u201d she said.", nil},
		{"guillemets", "\u00abNous avons peur\u00bb, said Sarmad, a resident of Aleppo.", nil},
		{"German marks", "\u201eWir haben Angst\u201c, sagte Sarmad.", nil},
		{"nested quotation", "\u201cHe told me \u2018run\u2019 and we ran,\u201d she said.", nil},
		{"straight marks", "\"We heard an explosion,\" a woman told AFP.", nil},
		{"straight marks the finder leaves unpaired pair up",
			"The judge wrote: \"...it is not surprising that the site had hits. But public interest is not the same\". He ruled for the firm.", nil},
		{"inches", "The screen measures 12\" across, the company said.", nil},
		{"dash quotation", "\u2013 Our forces have begun to enter the city, says the rebel coalition.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := ruleFindings(t, "unbalanced-quote-marks", tt.text)
			if len(fs) != len(tt.want) {
				var got []string
				for _, f := range fs {
					got = append(got, f.Message)
				}
				t.Fatalf("findings %q, want %d", got, len(tt.want))
			}
			for i, w := range tt.want {
				if !strings.Contains(fs[i].Message, w) {
					t.Errorf("finding %d %q lacks %q", i, fs[i].Message, w)
				}
			}
		})
	}
}

func TestQuoteMarksParams(t *testing.T) {
	assertEngineError(t, "quote-marks", "  unclosed: false\n  stray: false\n  mismatched: false\n", "quote-marks needs at least one of")
	assertEngineError(t, "quote-marks", "  unclosed: maybe\n", `r.yaml:7:13: parameter "unclosed"`)
}

// doubleMarkLead holds the first bytes of the double marks' UTF-8
// encodings, derived from the marks.
var doubleMarkLead = func() (t [256]bool) {
	for _, r := range "“”„«»‹›\"" {
		t[string(r)[0]] = true
	}
	return t
}()

// TestMarkLeads holds markLeads to the byte-at-a-time search it stands
// for, with each kind of byte at every offset of texts longer than eight
// bytes, and doubleMarkBytes to doubleMarkLead.
func TestMarkLeads(t *testing.T) {
	var bs []byte
	for b := range 256 {
		if doubleMarkLead[b] {
			bs = append(bs, byte(b))
		}
	}
	if string(bs) != string(doubleMarkBytes[:]) {
		t.Fatalf("doubleMarkBytes = %q, want %q", doubleMarkBytes, bs)
	}
	ref := func(text string, i int) int {
		for ; i < len(text) && !doubleMarkLead[text[i]]; i++ {
		}
		return i
	}
	for _, mark := range []string{`"`, "“", "”", "„", "«", "»", "‹", "›", "é", "'", "\x80", "\xc2", "\xe2", "“a«b\"c„"} {
		for n := 0; n < 20; n++ {
			for at := 0; at <= n; at++ {
				text := strings.Repeat("a", at) + mark + strings.Repeat("b", n-at) + mark
				for start := 0; start <= len(text); start++ {
					// From start, as the stray scan calls it: each time
					// from the byte after the last lead found.
					m := newMarkLeads(text)
					for i := start; ; i++ {
						got, want := m.next(i), ref(text, i)
						if got != want {
							t.Fatalf("markLeads(%q).next(%d) from %d = %d, want %d", text, i, start, got, want)
						}
						if got >= len(text) {
							break
						}
						i = got
					}
				}
			}
		}
	}
}
