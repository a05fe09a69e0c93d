package audit

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/sourcecheck/sourcecheck/internal/corpus"
)

// reportingTestLexicon loads lexicon/reporting.yaml alone, strictly, so the
// quote tests do not depend on the other lexicon files.
func reportingTestLexicon(tb testing.TB) *Lexicon {
	tb.Helper()
	data, err := embeddedLexicon.ReadFile("lexicon/reporting.yaml")
	if err != nil {
		tb.Fatal(err)
	}
	lex := &Lexicon{}
	if err := DecodeYAML("lexicon/reporting.yaml", data, &lex.Reporting); err != nil {
		tb.Fatal(err)
	}
	if err := lex.Reporting.compile(); err != nil {
		tb.Fatal(err)
	}
	return lex
}

// testStructure builds the blocks (one per non-blank line) and sentences
// of text directly, so quote tests do not depend on the block classifier
// or the sentence splitter. Sentences end after . ! ? or … followed by
// a space and a capital letter or an opening quotation mark; a closing
// mark right after the stop stays with the sentence.
func testStructure(text string) ([]Block, []Sentence) {
	var blocks []Block
	var sents []Sentence
	start := 0
	for i := 0; i <= len(text); i++ {
		if i < len(text) && text[i] != '\n' {
			continue
		}
		s, e := trimSpaceRight(text, start, i), trimSpaceLeft(text, start, i)
		start = i + 1
		if s >= e {
			continue
		}
		bi := len(blocks)
		blocks = append(blocks, Block{Kind: BlockBody, Text: text[s:e], view: Span{s, e}})
		ss := s
		for j := s; j < e; {
			r, n := utf8.DecodeRuneInString(text[j:e])
			j += n
			if !isSentenceEnd(r) {
				continue
			}
			k := j
			for k < e {
				r2, n2 := utf8.DecodeRuneInString(text[k:e])
				if r2 != '”' && r2 != '"' && r2 != '»' && r2 != '’' {
					break
				}
				k += n2
			}
			if k >= e || text[k] != ' ' {
				continue
			}
			next, _ := utf8.DecodeRuneInString(text[k+1 : e])
			if unicode.IsUpper(next) || isOpeningMark(next) {
				sents = append(sents, Sentence{Block: bi, Text: text[ss:k], view: Span{ss, k}})
				ss = k + 1
			}
		}
		sents = append(sents, Sentence{Block: bi, Text: text[ss:e], view: Span{ss, e}})
	}
	return blocks, sents
}

// findTestQuotes runs findQuotes on text and checks its invariants.
func findTestQuotes(tb testing.TB, lex *Lexicon, text string) []Quote {
	tb.Helper()
	blocks, sents := testStructure(text)
	qs := findQuotes(text, blocks, sents, lex)
	checkQuoteInvariants(tb, text, blocks, qs, func(q Quote) (Span, Span) { return q.view, q.inner })
	return qs
}

// checkQuoteInvariants checks that quotes are ordered, lie inside their
// blocks, hold their quoted text and say how they were closed.
func checkQuoteInvariants(tb testing.TB, text string, blocks []Block, qs []Quote, spans func(Quote) (span, inner Span)) {
	tb.Helper()
	prev := -1
	for i, q := range qs {
		s, in := spans(q)
		switch {
		case s.Start < prev:
			tb.Fatalf("quote %d %q starts at %d before the previous one at %d", i, q.Text, s.Start, prev)
		case s.Start < 0 || s.End > len(text) || s.Start > s.End:
			tb.Fatalf("quote %d span %v outside the text [0,%d)", i, s, len(text))
		case !s.Contains(in) || in.Start >= in.End:
			tb.Fatalf("quote %d inner %v empty or outside its span %v", i, in, s)
		case text[in.Start:in.End] != q.Text:
			tb.Fatalf("quote %d text %q differs from its inner span %q", i, q.Text, text[in.Start:in.End])
		case q.Block < 0 || q.Block >= len(blocks) || !blocks[q.Block].ViewSpan().Contains(q.view):
			tb.Fatalf("quote %d %q (view %v) outside its block %d", i, q.Text, q.view, q.Block)
		case q.Closed != (q.Close != "") && q.Kind != QuoteDash:
			tb.Fatalf("quote %d %q: Closed %v but Close %q", i, q.Text, q.Closed, q.Close)
		case q.Kind == "":
			tb.Fatalf("quote %d %q has no kind", i, q.Text)
		}
		prev = s.Start
	}
}

// qwant is what a test expects of a quote; empty Open means "don't care"
// only where noted.
type qwant struct {
	Text      string
	Open      string
	Close     string
	Closed    bool
	Continues bool
	Level     int
}

func (w qwant) String() string {
	return fmt.Sprintf("{%q %s…%s closed=%v cont=%v level=%d}", w.Text, w.Open, w.Close, w.Closed, w.Continues, w.Level)
}

func gotWants(qs []Quote) []qwant {
	out := make([]qwant, len(qs))
	for i, q := range qs {
		out[i] = qwant{q.Text, q.Open, q.Close, q.Closed, q.Continues, q.Level}
	}
	return out
}

func TestFindQuotesMarks(t *testing.T) {
	lex := reportingTestLexicon(t)
	tests := []struct {
		name string
		text string
		want []qwant
	}{
		{
			name: "curly pair with speech tag (seed 001)",
			text: "“The regime lines have collapsed at an incredible pace, which has taken everyone by surprise,” said Dareen Khalifa, an expert at the International Crisis Group.",
			want: []qwant{{"The regime lines have collapsed at an incredible pace, which has taken everyone by surprise", "“", "”", true, false, 0}},
		},
		{
			name: "straight quotes, BBC style",
			text: `"We are very pleased," said Mr Smith.`,
			want: []qwant{{"We are very pleased", `"`, `"`, true, false, 0}},
		},
		{
			name: "straight quotes: a new opening after a sentence end restarts the quote",
			text: `"Sales were weak," said Ann Lee, an analyst. "Demand looks soft this winter. "We expect a poor year."`,
			want: []qwant{
				{"Sales were weak", `"`, `"`, true, false, 0},
				{"Demand looks soft this winter.", `"`, "", false, false, 0},
				{"We expect a poor year.", `"`, `"`, true, true, 0},
			},
		},
		{
			name: "straight quote doubled by a typo",
			text: `The firm agreed to pay an ""unfair and inadequate" sum, the suit says.`,
			want: []qwant{{"unfair and inadequate", `"`, `"`, true, false, 0}},
		},
		{
			name: "apostrophes are not quotes (seeds 000, 003)",
			text: "It’s incredible, the regime’s forces left at eight o’clock amid the residents’ bewilderment, as in the ’90s and in Aleppo’s streets.",
			want: []qwant{},
		},
		{
			name: "straight single quotes and apostrophes",
			text: "The bank's board chose to 'wait and see' in the '90s, the players' union said.",
			want: []qwant{{"wait and see", "'", "'", true, false, 0}},
		},
		{
			name: "plural possessive inside single quotes",
			text: "He spoke of ‘the residents’ anger’ at the plan.",
			want: []qwant{{"the residents’ anger", "‘", "’", true, false, 0}},
		},
		{
			name: "single quotes nested in double",
			text: "“He called it ‘madness’ and left,” she said.",
			want: []qwant{
				{"He called it ‘madness’ and left", "“", "”", true, false, 0},
				{"madness", "‘", "’", true, false, 1},
			},
		},
		{
			name: "curly quotes nested in guillemets",
			text: "« Il a dit “non” à tout », raconte-t-il.",
			want: []qwant{
				{"Il a dit “non” à tout", "«", "»", true, false, 0},
				{"non", "“", "”", true, false, 1},
			},
		},
		{
			name: "mixed pair “…» (seed 002)",
			text: "“For the first time in almost five years, we hear rockets and shells and sometimes planes,” described Sarmad, a resident of Aleppo. “We are afraid that the war scenario will repeat itself and that we will be forced to flee our homes. »",
			want: []qwant{
				{"For the first time in almost five years, we hear rockets and shells and sometimes planes", "“", "”", true, false, 0},
				{"We are afraid that the war scenario will repeat itself and that we will be forced to flee our homes.", "“", "»", true, false, 0},
			},
		},
		{
			name: "second “ inside an unclosed quote restarts it (seed 001)",
			text: "“We heard an explosion and the walls fell on us. “I saw two of my grandchildren next to me and I took them away,” a woman, Umm Mohamad, who lost her daughter-in-law, a mother of five, told AFP from her hospital bed in Idlib.",
			want: []qwant{
				{"We heard an explosion and the walls fell on us.", "“", "", false, false, 0},
				{"I saw two of my grandchildren next to me and I took them away", "“", "”", true, true, 0},
			},
		},
		{
			name: "German „…“",
			text: "Er sagte: „Wir kommen morgen.“ Dann ging er.",
			want: []qwant{{"Wir kommen morgen.", "„", "“", true, false, 0}},
		},
		{
			name: "Danish »…«",
			text: "»Vi kommer i morgen,« siger han.",
			want: []qwant{{"Vi kommer i morgen", "»", "«", true, false, 0}},
		},
		{
			name: "Swedish ”…”",
			text: "”Vi kommer i morgen”, säger han.",
			want: []qwant{{"Vi kommer i morgen", "”", "”", true, false, 0}},
		},
		{
			name: "single guillemets nested",
			text: "« Il parle de ‹ trahison › », dit-elle.",
			want: []qwant{
				{"Il parle de ‹ trahison ›", "«", "»", true, false, 0},
				{"trahison", "‹", "›", true, false, 1},
			},
		},
		{
			name: "quote left open at a paragraph end continues in the next",
			text: "“We left at dawn. We walked for hours without water.\n“Then the shelling began,” she said.",
			want: []qwant{
				{"We left at dawn. We walked for hours without water.", "“", "", false, false, 0},
				{"Then the shelling began", "“", "”", true, true, 0},
			},
		},
		{
			name: "quote never closed stops at its paragraph end (seed 002)",
			text: "The head of the “government” proclaimed by the HTS in Idlib, Mohammad al-Bashir, affirmed Thursday that the offensive had been launched after “the regime (Assad) massed forces on the front lines and began bombing the civilian areas, which caused the exodus of tens of thousands of civilians.\nThe offensive allowed jihadists and rebels to conquer around 70 localities.",
			want: []qwant{
				{"government", "“", "”", true, false, 0},
				{"the regime (Assad) massed forces on the front lines and began bombing the civilian areas, which caused the exodus of tens of thousands of civilians.", "“", "", false, false, 0},
			},
		},
		{
			name: "lost closing mark at a glued speech tag (seed 000)",
			text: "Moataz sees his city of Aleppo again for the first time in eight years. “I can't realizehe confides. This morning again, going home seemed impossible. And now, I find my neighborhood, my neighbors… It’s incredible! I fled in 2016, because the criminal and corrupt regime of Bashar al-Assad was bombing us. I just went back to see my house. There is nothing left, everything has been destroyed and stolen.”",
			want: []qwant{
				{"I can't realize", "“", "", false, false, 0},
				{"This morning again, going home seemed impossible. And now, I find my neighborhood, my neighbors… It’s incredible! I fled in 2016, because the criminal and corrupt regime of Bashar al-Assad was bombing us. I just went back to see my house. There is nothing left, everything has been destroyed and stolen.", "", "”", true, true, 0},
			},
		},
		{
			name: "glued she: homeshe says (seed 000)",
			text: "“My heart burns with impatience to be able to return homeshe says. It's my biggest dream because Homs is my land. Where I spent my childhood, where I fell in love for the first time. This is my home.”",
			want: []qwant{
				{"My heart burns with impatience to be able to return home", "“", "", false, false, 0},
				{"It's my biggest dream because Homs is my land. Where I spent my childhood, where I fell in love for the first time. This is my home.", "", "”", true, true, 0},
			},
		},
		{
			name: "closed with a missing space before the tag (seed 000)",
			text: "“The stores are open, but they are already almost empty because there is no one to restock them. My grandfather is the only one going out, but he can't go very far because taxis are very expensive NOW”she says.",
			want: []qwant{
				{"The stores are open, but they are already almost empty because there is no one to restock them. My grandfather is the only one going out, but he can't go very far because taxis are very expensive NOW", "“", "”", true, false, 0},
			},
		},
		{
			name: "glued tag with no closing mark after it: the rest is narrative",
			text: "“I can't believe itshe says. Her brother nods.",
			want: []qwant{{"I can't believe it", "“", "", false, false, 0}},
		},
		{
			name: "the said agreement is not a glued tag",
			text: "“We signed the said agreement in May,” he told reporters.",
			want: []qwant{{"We signed the said agreement in May", "“", "”", true, false, 0}},
		},
		{
			name: "dash quote ended by a speech tag (seed 004)",
			text: "– Our forces have begun to enter the city of Aleppo, says the newly formed rebel coalition in a statement, according to CNN.",
			want: []qwant{{"Our forces have begun to enter the city of Aleppo", "–", "", true, false, 0}},
		},
		{
			name: "dash quote with a pronoun tag after several sentences (seed 004)",
			text: "– The rebels see an opportunity to test the front lines when Hezbollah is weakened. Iran is under pressure and Russia is busy in Ukraine. The rebels were surprised by their success and have pushed forward faster than they expected, he says CNN.",
			want: []qwant{{"The rebels see an opportunity to test the front lines when Hezbollah is weakened. Iran is under pressure and Russia is busy in Ukraine. The rebels were surprised by their success and have pushed forward faster than they expected", "–", "", true, false, 0}},
		},
		{
			name: "dash quote without a tag runs to the paragraph end (seed 004)",
			text: "– The rebels see a shift in power.",
			want: []qwant{{"The rebels see a shift in power.", "–", "", true, false, 0}},
		},
		{
			name: "em dash quote with a named speaker and a quote inside",
			text: "— We call it “a trap”, said Kremlin spokesman Dmitry Peskov.",
			want: []qwant{
				{"We call it “a trap”", "—", "", true, false, 0},
				{"a trap", "“", "”", true, false, 1},
			},
		},
		{
			name: "a dash inside a paragraph is not a dash quote (seed 003)",
			text: "Aleppo – Muhammad al-Ali",
			want: []qwant{},
		},
		{
			name: "quote alone on a line (seed 002 subheading)",
			text: "“We are afraid”",
			want: []qwant{{"We are afraid", "“", "”", true, false, 0}},
		},
		{
			name: "empty quotes are dropped",
			text: "He said “” and left.",
			want: []qwant{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := gotWants(findTestQuotes(t, lex, tt.text))
			if !slices.Equal(got, tt.want) {
				t.Errorf("quotes of\n%s\ngot  %v\nwant %v", tt.text, got, tt.want)
			}
		})
	}
}

func TestFindQuotesReasons(t *testing.T) {
	lex := reportingTestLexicon(t)
	tests := []struct {
		text   string
		quote  int
		reason string // a substring of Reason
	}{
		{"“I can't realizehe confides. This morning again, it seemed impossible.”", 0, "closing mark lost before the glued speech tag “he confides”"},
		{"“I can't realizehe confides. This morning again, it seemed impossible.”", 1, "opening mark was lost"},
		{"“We heard an explosion. “I saw them,” she said.", 0, "closing mark lost: a new “ opens inside the quote"},
		{"“We are afraid of the war. »", 0, "opened with “ and closed with »"},
		{"“We left at dawn.\n“Then it began,” she said.", 0, "continues in the next paragraph"},
		{"“We left at dawn.\n“Then it began,” she said.", 1, "continues the quotation of the previous paragraph"},
		{"He spoke of “the regime and its crimes.\nNext paragraph.", 0, "never closed before the paragraph end"},
		{"– Our forces have begun to enter the city, says the coalition.", 0, "dash quote ended by the speech tag “, says”"},
	}
	for _, tt := range tests {
		qs := findTestQuotes(t, lex, tt.text)
		if tt.quote >= len(qs) {
			t.Errorf("%q: %d quotes, want quote %d", tt.text, len(qs), tt.quote)
			continue
		}
		if r := qs[tt.quote].Reason; !strings.Contains(r, tt.reason) {
			t.Errorf("%q quote %d: reason %q, want it to contain %q", tt.text, tt.quote, r, tt.reason)
		}
	}
}

func TestFindQuotesKinds(t *testing.T) {
	lex := reportingTestLexicon(t)
	tests := []struct {
		name string
		text string
		want map[string]QuoteKind // quote text → kind
	}{
		{
			name: "partial: reporting verb before (seed 001)",
			text: "Syrian President Bashar al-Assad promised after this offensive to use “force” to eradicate “terrorism”.",
			want: map[string]QuoteKind{"force": QuotePartial, "terrorism": QuotePartial},
		},
		{
			name: "partial: those he calls (seed 000)",
			text: "In a statement released Sunday evening, Bashar al-Assad promised to eradicate those he calls “the terrorists”.",
			want: map[string]QuoteKind{"the terrorists": QuotePartial},
		},
		{
			name: "partial: speech tag after (seed 001)",
			text: "Iran “firmly supports the army and the government” of this country, affirmed its head of diplomacy, Abbas Araghchi, on Sunday before leaving for Damascus.",
			want: map[string]QuoteKind{"firmly supports the army and the government": QuotePartial},
		},
		{
			name: "partial: according to after (seed 001)",
			text: "They entered Aleppo on Friday, taking most of it on Saturday “without encountering any significant resistance”, according to the SOHR, reaching the citadel.",
			want: map[string]QuoteKind{"without encountering any significant resistance": QuotePartial},
		},
		{
			name: "partial: according to governs the sentence (seed 001)",
			text: "According to the SOHR, the rebels also advanced on Saturday in the provinces of Idlib and Hama, a little further south, taking control of “dozens of strategic localities without any resistance”.",
			want: map[string]QuoteKind{"dozens of strategic localities without any resistance": QuotePartial},
		},
		{
			name: "partial: verbs before (seed 001)",
			text: "The army confirmed the presence of rebel fighters in “large parts” of Aleppo and deplored “dozens” of dead and wounded in the offensive.",
			want: map[string]QuoteKind{"large parts": QuotePartial, "dozens": QuotePartial},
		},
		{
			name: "partial: judged that governs the clause (seed 001)",
			text: "The White House has judged that the Syrian regime is suffering the consequences of “its refusal” to engage in a political dialogue and its “dependence on Russia and Iran”.",
			want: map[string]QuoteKind{"its refusal": QuotePartial, "dependence on Russia and Iran": QuotePartial},
		},
		{
			name: "partial: announced that … bombed “extremist” groups (seed 002)",
			text: "The Russian army announced that its air force had bombed “extremist” groups in Syria on Friday.",
			want: map[string]QuoteKind{"extremist": QuotePartial},
		},
		{
			name: "partial: pronoun tag at the sentence end (seed 002)",
			text: "And the Russian strikes coincided with “the arrival of significant military reinforcements” from jihadists in the area, he told AFP.",
			want: map[string]QuoteKind{"the arrival of significant military reinforcements": QuotePartial},
		},
		{
			name: "scare and partial in one sentence (seed 002)",
			text: "The head of the “government” proclaimed by the HTS in Idlib, Mohammad al-Bashir, affirmed Thursday that the offensive had been launched after “the regime (Assad) massed forces on the front lines.",
			want: map[string]QuoteKind{"government": QuoteScare, "the regime (Assad) massed forces on the front lines.": QuotePartial},
		},
		{
			name: "scare: a name in quotes (seed 003)",
			text: "A state of shock prevailed, as news incessantly reported the advance of Syrian opposition forces and their control over neighborhood after neighborhood, starting from the Aleppo al-Jadida neighborhood on the western outskirts of Aleppo, after three days of the “Deterrence of Aggression” battles, during which the forces seized control of the western countryside.",
			want: map[string]QuoteKind{"Deterrence of Aggression": QuoteScare},
		},
		{
			name: "scare: marked by so-called",
			text: "The bank said it wanted to become a so-called “knowledge economy” by 2010.",
			want: map[string]QuoteKind{"knowledge economy": QuoteScare},
		},
		{
			name: "direct: long lower-case clause with a speech tag (seed 001)",
			text: "The jihadist group Hayat Tahrir al-Sham (HTS) and its allies “control the city of Aleppo, with the exception of the neighborhoods controlled by Kurdish forces. For the first time since the start of the conflict in 2011, Aleppo is out of the control of the Syrian regime forces,” Rami Abdel Rahmane, the director of the SOHR, told AFP on Sunday.",
			want: map[string]QuoteKind{"control the city of Aleppo, with the exception of the neighborhoods controlled by Kurdish forces. For the first time since the start of the conflict in 2011, Aleppo is out of the control of the Syrian regime forces": QuoteDirect},
		},
		{
			name: "direct: capitalised with a tag (seeds 001, 000)",
			text: "“The regime lines have collapsed at an incredible pace,” said Dareen Khalifa. “I can't realizehe confides. This morning again, going home seemed impossible.”",
			want: map[string]QuoteKind{
				"The regime lines have collapsed at an incredible pace": QuoteDirect,
				"I can't realize": QuoteDirect,
				"This morning again, going home seemed impossible.": QuoteDirect,
			},
		},
		{
			name: "direct: subheading alone on its line (seed 002)",
			text: "“We are afraid”",
			want: map[string]QuoteKind{"We are afraid": QuoteDirect},
		},
		{
			name: "direct: straight quotes, colon before",
			text: `A spokesman said: "We have nothing to fear from this case."`,
			want: map[string]QuoteKind{"We have nothing to fear from this case.": QuoteDirect},
		},
		{
			name: "direct: inverted tag",
			text: `"Prices will fall," say analysts at the bank.`,
			want: map[string]QuoteKind{"Prices will fall": QuoteDirect},
		},
		{
			name: "dash (seed 004)",
			text: "– We are working so that the Syrian government can quickly restore order in the area, says Kremlin spokesman Dmitry Peskov.",
			want: map[string]QuoteKind{"We are working so that the Syrian government can quickly restore order in the area": QuoteDash},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			qs := findTestQuotes(t, lex, tt.text)
			got := map[string]QuoteKind{}
			for _, q := range qs {
				got[q.Text] = q.Kind
			}
			for text, kind := range tt.want {
				k, ok := got[text]
				if !ok {
					t.Errorf("no quote %q; got %v", text, got)
					continue
				}
				if k != kind {
					t.Errorf("quote %q: kind %s, want %s (reason %q)", text, k, kind, reasonOf(qs, text))
				}
			}
		})
	}
}

func reasonOf(qs []Quote, text string) string {
	for _, q := range qs {
		if q.Text == text {
			return q.Reason
		}
	}
	return ""
}

func TestReportingLexicon(t *testing.T) {
	r := &reportingTestLexicon(t).Reporting
	if n := len(r.Verbs); n < 100 {
		t.Errorf("%d reporting verbs, want at least 100", n)
	}
	verbs := []struct {
		word, lemma string
		form        VerbForm
	}{
		{"say", "say", VerbBase}, {"says", "say", VerbThirdPerson}, {"said", "say", VerbPast | VerbParticiple}, {"saying", "say", VerbGerund},
		{"told", "tell", VerbPast | VerbParticiple}, {"Announced", "announce", VerbPast | VerbParticiple},
		{"affirm", "affirm", VerbBase}, {"deplores", "deplore", VerbThirdPerson}, {"confides", "confide", VerbThirdPerson},
		{"promised", "promise", VerbPast | VerbParticiple}, {"adds", "add", VerbThirdPerson}, {"explained", "explain", VerbPast | VerbParticiple},
		{"described", "describe", VerbPast | VerbParticiple}, {"claims", "claim", VerbThirdPerson}, {"admitted", "admit", VerbPast | VerbParticiple},
		{"insists", "insist", VerbThirdPerson}, {"warned", "warn", VerbPast | VerbParticiple}, {"noted", "note", VerbPast | VerbParticiple},
		{"stated", "state", VerbPast | VerbParticiple}, {"writes", "write", VerbThirdPerson}, {"wrote", "write", VerbPast}, {"written", "write", VerbParticiple},
		{"reported", "report", VerbPast | VerbParticiple}, {"confirmed", "confirm", VerbPast | VerbParticiple}, {"denied", "deny", VerbPast | VerbParticiple},
		{"accused", "accuse", VerbPast | VerbParticiple}, {"urges", "urge", VerbThirdPerson}, {"called", "call", VerbPast | VerbParticiple},
		{"vowed", "vow", VerbPast | VerbParticiple}, {"stressed", "stress", VerbPast | VerbParticiple}, {"argues", "argue", VerbThirdPerson},
		{"labeled", "label", VerbPast | VerbParticiple}, {"labelling", "label", VerbGerund}, {"didn’t", "", 0},
	}
	for _, v := range verbs {
		lemma, form, ok := r.VerbForms(v.word)
		if ok != (v.lemma != "") || lemma != v.lemma || form != v.form {
			t.Errorf("VerbForms(%q) = %q, %b, %v; want %q, %b", v.word, lemma, form, ok, v.lemma, v.form)
		}
		if l, _ := r.Verb(v.word); l != v.lemma {
			t.Errorf("Verb(%q) = %q, want %q", v.word, l, v.lemma)
		}
	}
	for w, want := range map[string]bool{"claimed": true, "Admitted": true, "conceded": true, "insisted": true, "said": false, "told": false, "cat": false} {
		if got := r.Loaded(w); got != want {
			t.Errorf("Loaded(%q) = %v, want %v", w, got, want)
		}
	}
	for w, want := range map[string]bool{"he": true, "She": true, "they": true, "it": true, "we": false} {
		if got := r.Pronoun(w); got != want {
			t.Errorf("Pronoun(%q) = %v, want %v", w, got, want)
		}
	}
}

func TestReportingLexiconFindCues(t *testing.T) {
	r := &reportingTestLexicon(t).Reporting
	tests := []struct {
		text string
		want []string // kind:text
	}{
		{"At least 130 people are said to have been killed, according to reports.", []string{"vague:are said to have been", "vague:according to reports"}},
		{"More than 370 people have been killed, according to the SOHR.", []string{"phrase:according to"}},
		{"The rebels reportedly took the airport, he told AFP.", []string{"vague:reportedly", "verb:told"}},
		{"After the report, the agency said they say it is believed to be true.", []string{"verb:said", "verb:say", "vague:it is believed"}},
		{"Ahmed Said claimed the so-called truce had failed.", []string{"verb:claimed", "scare:so-called"}},
		{"Report the call: the state of the report.", nil},
		{"Reports say the group is thought to be weak.", []string{"verb:Reports", "vague:is thought to"}},
	}
	for _, tt := range tests {
		var got []string
		for _, c := range r.FindCues(tt.text) {
			got = append(got, string(c.Kind)+":"+tt.text[c.Start:c.End])
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("FindCues(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
	cs := r.FindCues("The minister conceded defeat.")
	if len(cs) != 1 || !cs[0].Loaded || cs[0].Lemma != "concede" || cs[0].Form != VerbPast|VerbParticiple {
		t.Errorf("FindCues(conceded) = %+v, want one loaded past of concede", cs)
	}
}

func TestReportingLexiconCompileErrors(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		err  string
	}{
		{"short verb", "verbs: [[say, says, said]]", "want [base"},
		{"duplicate lemma", "verbs: [[say, says, said, said, saying], [say, says, said, said, saying]]", "listed twice"},
		{"unknown loaded lemma", "verbs: [[say, says, said, said, saying]]\nloaded: [claim]", "not a listed verb"},
		{"empty cue", "verbs: [[say, says, said, said, saying]]\nvague: [\"  \"]", "empty cue"},
		{"no verbs", "phrases: [according to]", "no reporting verbs"},
	}
	for _, tt := range tests {
		var l ReportingLexicon
		if err := DecodeYAML(tt.name, []byte(tt.yaml), &l); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		err := l.compile()
		if err == nil || !strings.Contains(err.Error(), tt.err) {
			t.Errorf("%s: compile error %v, want one containing %q", tt.name, err, tt.err)
		}
	}
	var l ReportingLexicon
	if err := DecodeYAML("unknown key", []byte("verbz: []"), &l); err == nil {
		t.Error("unknown key accepted")
	}
}

// seedQuotes are the quote texts expected in each seed, in order.
var seedQuotes = map[string][]string{
	"000": {
		"I can't realize",
		"This morning again, going home seemed impossible. And now, I find my neighborhood, my neighbors… It’s incredible! I fled in 2016, because the criminal and corrupt regime of Bashar al-Assad was bombing us. I just went back to see my house. There is nothing left, everything has been destroyed and stolen.",
		"This is where I grew up, so I’m going to rebuild everything and hopefully we’ll get back to normal life.",
		"My heart burns with impatience to be able to return home",
		"It's my biggest dream because Homs is my land. Where I spent my childhood, where I fell in love for the first time. This is my home.",
		"The stores are open, but they are already almost empty because there is no one to restock them. My grandfather is the only one going out, but he can't go very far because taxis are very expensive NOW",
		"There is no more gasoline, no public transport. In short, life has stopped for the moment.",
		"the terrorists",
	},
	"001": {
		"force", "terrorism",
		"control the city of Aleppo, with the exception of the neighborhoods controlled by Kurdish forces. For the first time since the start of the conflict in 2011, Aleppo is out of the control of the Syrian regime forces",
		"We heard an explosion and the walls fell on us.",
		"I saw two of my grandchildren next to me and I took them away",
		"without encountering any significant resistance",
		"dozens of strategic localities without any resistance",
		"large parts", "dozens",
		"firmly supports the army and the government",
		"coordination",
		"its refusal", "dependence on Russia and Iran",
		"territorial integrity",
		"The regime lines have collapsed at an incredible pace, which has taken everyone by surprise",
		"end", "attacks",
		"Lottery Result (FDJ): the draw for Saturday, November 30, 2024 [ONLINE]",
	},
	"002": {
		"HTS and allied rebel factions took control of most of the city, government buildings and prisons",
		"We are afraid",
		"For the first time in almost five years, we hear rockets and shells and sometimes planes",
		"We are afraid that the war scenario will repeat itself and that we will be forced to flee our homes.",
		"the governor of Aleppo and the commanders of the police and security services have withdrawn from the city center",
		"the arrival of significant military reinforcements",
		"government",
		"the regime (Assad) massed forces on the front lines and began bombing the civilian areas, which caused the exodus of tens of thousands of civilians.",
		"two suicide attacks with car bombs",
		"extremist",
	},
	"003": {
		"Deterrence of Aggression",
		"theft, murder, and bloodshed",
		"Deterrence of Aggression",
		"Deterrence of Aggression",
	},
	"004": {
		"Our forces have begun to enter the city of Aleppo",
		"The rebels see an opportunity to test the front lines when Hezbollah is weakened. Iran is under pressure and Russia is busy in Ukraine. The rebels were surprised by their success and have pushed forward faster than they expected",
		"The rebels see a shift in power.",
		"We are working so that the Syrian government can quickly restore order in the area",
	},
}

// readSeeds returns the seed articles by their number ("000").
func readSeeds(tb testing.TB) map[string]string {
	tb.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "seeds", "*.txt"))
	if err != nil || len(paths) == 0 {
		tb.Fatalf("no seeds in ../seeds: %v", err)
	}
	out := map[string]string{}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		out[filepath.Base(p)[:3]] = string(data)
	}
	return out
}

// checkDocQuotes checks the quote invariants of a structured document in
// source coordinates as well as view coordinates.
func checkDocQuotes(tb testing.TB, doc *Document) {
	tb.Helper()
	view := doc.View().Text
	checkQuoteInvariants(tb, view, doc.Blocks, doc.Quotes, func(q Quote) (Span, Span) { return q.view, q.inner })
	prev := -1
	for i, q := range doc.Quotes {
		switch {
		case q.Start < prev || q.Start < 0 || q.End > len(doc.Text) || q.Start > q.End:
			tb.Fatalf("%s: quote %d source span %v out of order or outside the text", doc.Path, i, q.Span)
		case !q.Span.Contains(q.Inner):
			tb.Fatalf("%s: quote %d inner %v outside its span %v", doc.Path, i, q.Inner, q.Span)
		case !doc.Blocks[q.Block].Contains(q.Span):
			tb.Fatalf("%s: quote %d span %v outside its block %v", doc.Path, i, q.Span, doc.Blocks[q.Block].Span)
		}
		prev = q.Start
	}
}

func TestStructureSeedQuotes(t *testing.T) {
	for id, text := range readSeeds(t) {
		t.Run(id, func(t *testing.T) {
			doc := NewDocument(id, FormatText, text)
			Structure(doc, nil)
			checkDocQuotes(t, doc)
			var got []string
			for _, q := range doc.Quotes {
				got = append(got, q.Text)
				if doc.Format == FormatText && doc.Slice(q.Inner) != q.Text {
					t.Errorf("quote %q: source inner slice %q", q.Text, doc.Slice(q.Inner))
				}
			}
			want, ok := seedQuotes[id]
			if !ok {
				t.Fatalf("no expected quotes for seed %s", id)
			}
			if !slices.Equal(got, want) {
				t.Errorf("seed %s quotes:\ngot  %q\nwant %q", id, got, want)
			}
		})
	}
}

func TestStructureBBCQuotes(t *testing.T) {
	root, ok := corpus.Root()
	if !ok {
		t.Skip("corpora not found (../shared/corpora beside the checkout): skipping the BBC quote test")
	}
	paths, err := filepath.Glob(filepath.Join(root, "bbc-news", "bbc", "*", "*.txt"))
	if err != nil || len(paths) == 0 {
		t.Skipf("no BBC files under %s: skipping", root)
	}
	lex := DefaultLexicon()
	var quotes, unclosed, lost int
	kinds := map[QuoteKind]int{}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		doc := NewDocument(p, FormatText, string(data))
		Structure(doc, lex)
		checkDocQuotes(t, doc)
		for i, q := range doc.Quotes {
			quotes++
			kinds[q.Kind]++
			if !q.Closed {
				unclosed++
				// Quotes continued by the next one follow the convention
				// for quotations of several paragraphs (BBC files often
				// lose the paragraph break itself: … year. "The next…).
				if j := nextTopLevel(doc.Quotes, i); j < 0 || !doc.Quotes[j].Continues {
					lost++
				}
			}
		}
	}
	t.Logf("%d files, %d quotes, %v; %d unclosed, %d of them not continued by the next quote", len(paths), quotes, kinds, unclosed, lost)
	if quotes < 1000 {
		t.Errorf("only %d quotes in %d BBC files", quotes, len(paths))
	}
	if share := float64(lost) / float64(quotes); share > 0.03 {
		t.Errorf("%.1f%% of quotes left unclosed without a continuation, want at most 3%%", 100*share)
	}
	if kinds[QuoteDirect] < kinds[QuotePartial] {
		t.Errorf("BBC quotes: %d direct, %d partial; want mostly direct", kinds[QuoteDirect], kinds[QuotePartial])
	}
}

// nextTopLevel returns the index of the first quote after qs[i] at the
// same level or above, or -1.
func nextTopLevel(qs []Quote, i int) int {
	for j := i + 1; j < len(qs); j++ {
		if qs[j].Level <= qs[i].Level {
			return j
		}
	}
	return -1
}

// TestFindQuotesPathological runs inputs built to make a careless scanner
// rescan: it must finish and keep its invariants.
func TestFindQuotesPathological(t *testing.T) {
	lex := reportingTestLexicon(t)
	inputs := map[string]string{
		"openers only":        strings.Repeat("“a ", 20000),
		"closers only":        strings.Repeat("a” ", 20000),
		"straight only":       strings.Repeat(`"`, 20000),
		"apostrophes":         strings.Repeat("it’s the residents’ o’clock ", 5000),
		"glued tags":          strings.Repeat("“a realizehe says ", 10000),
		"glued tags, no stop": strings.Repeat("“a realizehe says and ", 10000) + ".",
		"dash commas":         "– " + strings.Repeat("a, b ", 20000),
		"nested":              strings.Repeat("« “ ‘ ", 10000) + strings.Repeat("’ ” » ", 10000),
		"marks and spaces":    strings.Repeat("“ ” ", 20000),
	}
	for name, text := range inputs {
		t.Run(name, func(t *testing.T) {
			findTestQuotes(t, lex, text)
		})
	}
}

// quoteMarksParagraph returns one paragraph holding n quotation marks of
// every kind, in pairs.
func quoteMarksParagraph(n int) string {
	pairs := []string{"“word”", `"word"`, "«word»", "‘word’", "the “Deterrence” battles, he said."}
	var b strings.Builder
	for i := 0; i < n/2; i++ {
		b.WriteString(pairs[i%len(pairs)])
		b.WriteByte(' ')
	}
	return b.String()
}

func BenchmarkFindQuotesMarks(b *testing.B) {
	lex := reportingTestLexicon(b)
	text := quoteMarksParagraph(100000)
	blocks, sents := testStructure(text)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for b.Loop() {
		findQuotes(text, blocks, sents, lex)
	}
}

func BenchmarkFindQuotesMegabyteParagraph(b *testing.B) {
	lex := reportingTestLexicon(b)
	seeds := readSeeds(b)
	var sb strings.Builder
	for sb.Len() < 1<<20 {
		for _, id := range []string{"000", "001", "002", "004"} {
			sb.WriteString(strings.ReplaceAll(seeds[id], "\n", " "))
			sb.WriteByte(' ')
		}
	}
	text := sb.String()
	// One block, one sentence: the worst case for context scans.
	blocks := []Block{{Kind: BlockBody, view: Span{0, len(text)}}}
	sents := []Sentence{{view: Span{0, len(text)}}}
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for b.Loop() {
		findQuotes(text, blocks, sents, lex)
	}
}
