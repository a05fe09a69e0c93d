package audit

import (
	"github.com/sourcecheck/sourcecheck/internal/corpustest"

	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// sentenceTestLexicon loads lexicon/sentences.yaml alone, strictly, so the
// sentence tests do not depend on the other lexicon files.
func sentenceTestLexicon(tb testing.TB) *SentenceLexicon {
	tb.Helper()
	data, err := embeddedLexicon.ReadFile("lexicon/sentences.yaml")
	if err != nil {
		tb.Fatal(err)
	}
	var lex SentenceLexicon
	if err := DecodeYAML("lexicon/sentences.yaml", data, &lex); err != nil {
		tb.Fatal(err)
	}
	if err := lex.compile(); err != nil {
		tb.Fatal(err)
	}
	return &lex
}

// sentenceTexts returns the text of each span.
func sentenceTexts(text string, spans []Span) []string {
	out := make([]string, len(spans))
	for i, s := range spans {
		out[i] = text[s.Start:s.End]
	}
	return out
}

// checkSentenceSpans checks the invariants of splitSentences: spans in
// order, not overlapping, inside text, non-empty, trimmed, and together
// covering every non-space character of text.
func checkSentenceSpans(tb testing.TB, name, text string, spans []Span) {
	tb.Helper()
	prev := 0
	for i, s := range spans {
		switch {
		case s.Start < prev || s.End > len(text) || s.Start >= s.End:
			tb.Fatalf("%s: span %d %v out of order, overlapping, outside [0,%d) or empty (previous end %d)", name, i, s, len(text), prev)
		}
		if r, _ := utf8.DecodeRuneInString(text[s.Start:]); isBlank(r) {
			tb.Fatalf("%s: sentence %d starts with space: %q", name, i, text[s.Start:s.End])
		}
		if r, _ := utf8.DecodeLastRuneInString(text[:s.End]); isBlank(r) {
			tb.Fatalf("%s: sentence %d ends with space: %q", name, i, text[s.Start:s.End])
		}
		if gap := text[prev:s.Start]; strings.IndexFunc(gap, func(r rune) bool { return !isBlank(r) }) >= 0 {
			tb.Fatalf("%s: text %q before sentence %d belongs to no sentence", name, gap, i)
		}
		prev = s.End
	}
	if gap := text[prev:]; strings.IndexFunc(gap, func(r rune) bool { return !isBlank(r) }) >= 0 {
		tb.Fatalf("%s: trailing text %q belongs to no sentence", name, gap)
	}
}

func TestSplitSentences(t *testing.T) {
	lex := sentenceTestLexicon(t)
	tests := []struct {
		name string
		text string
		want []string
	}{
		// Abbreviations (seed 001 and hand-written).
		{"p.m. before a day name (seed 001)",
			"The rebels have imposed a 24-hour curfew in Aleppo, until 5 p.m. Sunday (1400 GMT).",
			[]string{"The rebels have imposed a 24-hour curfew in Aleppo, until 5 p.m. Sunday (1400 GMT)."}},
		{"a.m. at the end (seed 001)",
			"Published at 8:16 a.m.",
			[]string{"Published at 8:16 a.m."}},
		{"p.m. before a sentence starter",
			"The talks ended at 5 p.m. The next day, fighting resumed.",
			[]string{"The talks ended at 5 p.m.", "The next day, fighting resumed."}},
		{"Mr without a period (seed 001)",
			"The rebels marched in the streets, set up their flag in front of a police station and tore down a portrait of Mr Assad, according to AFP images.",
			[]string{"The rebels marched in the streets, set up their flag in front of a police station and tore down a portrait of Mr Assad, according to AFP images."}},
		{"titles and ranks",
			"Gen. Smith, Lt. Col. Jones and Sgt. Brown met Mr. Blair, Mrs. Khalifa, Ms. Hall, Dr. Rahman and Prof. Araghchi. Rep. Lee, Sen. Kim and Gov. Diaz stayed away.",
			[]string{"Gen. Smith, Lt. Col. Jones and Sgt. Brown met Mr. Blair, Mrs. Khalifa, Ms. Hall, Dr. Rahman and Prof. Araghchi.", "Rep. Lee, Sen. Kim and Gov. Diaz stayed away."}},
		{"St. before a name and after a street",
			"They prayed at St. Paul's Cathedral. The march went down Main St. The police watched.",
			[]string{"They prayed at St. Paul's Cathedral.", "The march went down Main St.", "The police watched."}},
		{"months and numbers",
			"The truce began on Jan. 5 and ended Feb. 12. No. 10 Downing Street said talks would go on.",
			[]string{"The truce began on Jan. 5 and ended Feb. 12.", "No. 10 Downing Street said talks would go on."}},
		{"No. as an answer",
			"Did the army withdraw? No. It advanced.",
			[]string{"Did the army withdraw?", "No.", "It advanced."}},
		{"e.g., i.e., vs. and etc.",
			"Several groups, e.g. HTS and the SDF, i.e. Islamists and Kurds, fought the army vs. Russia etc. and Iran. The list goes on etc. But nobody counts.",
			[]string{"Several groups, e.g. HTS and the SDF, i.e. Islamists and Kurds, fought the army vs. Russia etc. and Iran.", "The list goes on etc.", "But nobody counts."}},
		{"company forms",
			"Shares of Acme Inc. rose, as did those of Widget Co. The two firms, Acme Corp. Holdings and Widget Ltd., merged.",
			[]string{"Shares of Acme Inc. rose, as did those of Widget Co.", "The two firms, Acme Corp. Holdings and Widget Ltd., merged."}},
		{"U.S. before a name and at the end",
			"The U.S. President spoke on Sunday. Troops left the U.S. They arrived in Iraq. U.S. officials said the U.N. Security Council and the E.U. would meet in the U.K. in May.",
			[]string{"The U.S. President spoke on Sunday.", "Troops left the U.S.", "They arrived in Iraq.", "U.S. officials said the U.N. Security Council and the E.U. would meet in the U.K. in May."}},
		{"all-caps acronym that spells an abbreviation",
			"Commission members would be appointed by the SEC. Its mission would be a review. MR. SMITH GOES TO WASHINGTON.",
			[]string{"Commission members would be appointed by the SEC.", "Its mission would be a review.", "MR. SMITH GOES TO WASHINGTON."}},
		{"abbreviation after a hyphen or slash",
			"Trade shifts the Japan-U.S. Trade axis and the EC/U.S. Accord. It matters.",
			[]string{"Trade shifts the Japan-U.S. Trade axis and the EC/U.S. Accord.", "It matters."}},
		{"unlisted dotted acronym",
			"He flew to Washington, D.C. Officials met him. He lives in N.Y. City.",
			[]string{"He flew to Washington, D.C. Officials met him.", "He lives in N.Y. City."}},

		// Initials.
		{"initials",
			"George W. Bush met J. K. Rowling and J.R.R. Tolkien's heirs. They called it Plan B. The plan failed.",
			[]string{"George W. Bush met J. K. Rowling and J.R.R. Tolkien's heirs.", "They called it Plan B.", "The plan failed."}},
		{"initial before a single-letter word",
			"The report was signed by Mr. A. Smith. A copy was sent.",
			[]string{"The report was signed by Mr. A. Smith.", "A copy was sent."}},

		// Numbers.
		{"decimals, thousands and currency (seeds 001, 003)",
			"200% Deposit Bonus up to €3,000 180% First Deposit Bonus up to $20,000Russian air strikes killed five people on Sunday. The price was 100,000 Syrian pounds that night (6 USD). Growth was 6.5% and profits $3.5bn.",
			[]string{"200% Deposit Bonus up to €3,000 180% First Deposit Bonus up to $20,000Russian air strikes killed five people on Sunday.", "The price was 100,000 Syrian pounds that night (6 USD).", "Growth was 6.5% and profits $3.5bn."}},
		{"version numbers and times (seed 004)",
			"Published 2024-11-29 23.32 after version 2.0.1 of the app from 192.168.0.1 failed. It was fixed in 2016. 100 users were hit.",
			[]string{"Published 2024-11-29 23.32 after version 2.0.1 of the app from 192.168.0.1 failed.", "It was fixed in 2016.", "100 users were hit."}},
		{"numbered list item (seed 003)",
			"1. Return of limited number of residents to Nubl and Zahra in Aleppo",
			[]string{"1. Return of limited number of residents to Nubl and Zahra in Aleppo"}},

		// Ellipses.
		{"ellipsis at the end of a teaser (seed 001)",
			"© JHVEPhoto/Shutterstock.com Elon Musk's company SpaceX could soon reach a valuation of $350 billion. In…",
			[]string{"© JHVEPhoto/Shutterstock.com Elon Musk's company SpaceX could soon reach a valuation of $350 billion.", "In…"}},
		{"ellipsis inside a quotation (seed 000)",
			"“And now, I find my neighborhood, my neighbors… It’s incredible! I fled in 2016.”",
			[]string{"“And now, I find my neighborhood, my neighbors… It’s incredible!", "I fled in 2016.”"}},
		{"ellipsis outside quotations",
			"He waited... Nothing happened. He waited... and waited. He paused . . . Then he spoke.",
			[]string{"He waited...", "Nothing happened.", "He waited... and waited.", "He paused . . .", "Then he spoke."}},
		{"ellipsis before a closing quote",
			"“We waited… Nobody came…” Then she left.",
			[]string{"“We waited… Nobody came…”", "Then she left."}},
		{"bracketed elision",
			"The statement said peace was possible [...] Both sides would talk (…) The army agreed.",
			[]string{"The statement said peace was possible [...] Both sides would talk (…) The army agreed."}},

		// Domains.
		{"domain names",
			"In these regions, thousands of families are celebrating their return, as they told franceinfo.fr on Monday. CNN.com and www.Amazon.com reported it. They told franceinfo. The site agreed.",
			[]string{"In these regions, thousands of families are celebrating their return, as they told franceinfo.fr on Monday.", "CNN.com and www.Amazon.com reported it.", "They told franceinfo.", "The site agreed."}},

		// Quotations.
		{"closing mark belongs to the sentence (seed 000)",
			"There is nothing left, everything has been destroyed and stolen.”\nSince last Thursday, the progress of the coalition has been very rapid.",
			[]string{"There is nothing left, everything has been destroyed and stolen.”", "Since last Thursday, the progress of the coalition has been very rapid."}},
		{"quote with a speech tag is one sentence (seed 001)",
			"“We heard an explosion and the walls fell on us. “I saw two of my grandchildren next to me and I took them away,” a woman, Umm Mohamad, who lost her daughter-in-law, a mother of five, told AFP from her hospital bed in Idlib.",
			[]string{"“We heard an explosion and the walls fell on us.", "“I saw two of my grandchildren next to me and I took them away,” a woman, Umm Mohamad, who lost her daughter-in-law, a mother of five, told AFP from her hospital bed in Idlib."}},
		{"whole-line quotation (seed 000)",
			"“This is where I grew up, so I’m going to rebuild everything and hopefully we’ll get back to normal life.”",
			[]string{"“This is where I grew up, so I’m going to rebuild everything and hopefully we’ll get back to normal life.”"}},
		{"period after a closing mark (seed 000)",
			"In a statement released Sunday evening, Bashar al-Assad promised to eradicate those he calls “the terrorists”. The Russian air force has started bombing.",
			[]string{"In a statement released Sunday evening, Bashar al-Assad promised to eradicate those he calls “the terrorists”.", "The Russian air force has started bombing."}},
		{"question and exclamation inside quotes",
			"“Where are we going?” a resident asked. “Nobody knows!” she said. “Run!” Then silence.",
			[]string{"“Where are we going?” a resident asked.", "“Nobody knows!” she said.", "“Run!”", "Then silence."}},
		{"spaced guillemet (seed 002)",
			"“For the first time in almost five years, we hear rockets and shells and sometimes planes,” described Sarmad, a resident of Aleppo. “We are afraid that the war scenario will repeat itself and that we will be forced to flee our homes. »",
			[]string{"“For the first time in almost five years, we hear rockets and shells and sometimes planes,” described Sarmad, a resident of Aleppo.", "“We are afraid that the war scenario will repeat itself and that we will be forced to flee our homes. »"}},
		{"French guillemets",
			"« Nous avons peur ! » Il a fui. «Où allons-nous ?» Personne ne sait. Ils criaient «Liberté!» Puis ils sont partis.",
			[]string{"« Nous avons peur ! »", "Il a fui.", "«Où allons-nous ?»", "Personne ne sait.", "Ils criaient «Liberté!»", "Puis ils sont partis."}},
		{"German and single guillemets",
			"„Wir haben Angst.“ Er floh. ‹Ja.› Sie ging. »Nein.« Er blieb.",
			[]string{"„Wir haben Angst.“", "Er floh.", "‹Ja.›", "Sie ging.", "»Nein.«", "Er blieb."}},
		{"dash quotation (seed 004)",
			"– The rebels see an opportunity to test the front lines when Hezbollah is weakened. Iran is under pressure and Russia is busy in Ukraine. The rebels were surprised by their success and have pushed forward faster than they expected, he says CNN.",
			[]string{"– The rebels see an opportunity to test the front lines when Hezbollah is weakened.", "Iran is under pressure and Russia is busy in Ukraine.", "The rebels were surprised by their success and have pushed forward faster than they expected, he says CNN."}},

		// Missing and doubled spaces.
		{"doubled period (seed 002)",
			"With crucial military support from Russia, Iran and Lebanese Hezbollah, the Assad regime regained control of a large part of the country in 2015 and the entire city of Aleppo in 2016 after destructive bombings. . But vast regions still escape its control.",
			[]string{"With crucial military support from Russia, Iran and Lebanese Hezbollah, the Assad regime regained control of a large part of the country in 2015 and the entire city of Aleppo in 2016 after destructive bombings. .", "But vast regions still escape its control."}},
		{"period glued to the next sentence",
			"Troops entered the city.The next day they left.“We are safe,” one said.It was over!Nobody stayed.",
			[]string{"Troops entered the city.", "The next day they left.", "“We are safe,” one said.", "It was over!", "Nobody stayed."}},
		{"glued periods that are not boundaries",
			"The U.S.Army, e.g.HTS, franceinfo.fr, Shutterstock.com, www.Amazon.com and the 6.5bn deal, then NATO.The end.",
			[]string{"The U.S.Army, e.g.HTS, franceinfo.fr, Shutterstock.com, www.Amazon.com and the 6.5bn deal, then NATO.The end."}},
		{"glued closing quote (seed 000)",
			"My grandfather can't go very far because taxis are very expensive NOW”she says.",
			[]string{"My grandfather can't go very far because taxis are very expensive NOW”she says."}},

		// Line breaks.
		{"hard-wrapped lines",
			"Showers continued throughout the week in\nthe Bahia cocoa zone, alleviating the drought since early\nJanuary, a review said.\n    The dry period means the harvest will\nbe late this year.",
			[]string{"Showers continued throughout the week in\nthe Bahia cocoa zone, alleviating the drought since early\nJanuary, a review said.", "The dry period means the harvest will\nbe late this year."}},
		{"blank line (seed 003)",
			"Aleppo – Muhammad al-Ali\n\nA state of shock and anticipation prevailed in the early hours of Friday",
			[]string{"Aleppo – Muhammad al-Ali", "A state of shock and anticipation prevailed in the early hours of Friday"}},
		{"blank line with CRLF and spaces",
			"Suicide attacks\r\n \t\r\nThe Russian army announced air strikes\r\non Friday.",
			[]string{"Suicide attacks", "The Russian army announced air strikes\r\non Friday."}},

		// Headlines, lists and bullets.
		{"all-caps headline",
			"U.S. TROOPS ENTER ALEPPO AT 5 P.M. SUNDAY. THE ARMY WITHDRAWS. LOTO. Six million euros…",
			[]string{"U.S. TROOPS ENTER ALEPPO AT 5 P.M. SUNDAY.", "THE ARMY WITHDRAWS.", "LOTO.", "Six million euros…"}},
		{"all-caps abbreviation before a starter",
			"TROOPS LEAVE THE U.S. THE WAR GOES ON.",
			[]string{"TROOPS LEAVE THE U.S.", "THE WAR GOES ON."}},
		{"bullets (seed 003)",
			"  • 2024/12/11\n  • 1:37 pm",
			[]string{"• 2024/12/11", "• 1:37 pm"}},
		{"bullets inside a line",
			"Read more • Politics • Syria rebels take Aleppo",
			[]string{"Read more", "• Politics", "• Syria rebels take Aleppo"}},
		{"ASCII bullets at line starts only",
			"- Rebels took Aleppo\n- The army withdrew\nThe death toll - 300 - rose\n* Iran protested",
			[]string{"- Rebels took Aleppo", "- The army withdrew\nThe death toll - 300 - rose", "* Iran protested"}},

		// Other scripts.
		{"ideographic full stop",
			"叛军攻占了阿勒颇。政府军撤退了！",
			[]string{"叛军攻占了阿勒颇。", "政府军撤退了！"}},
		{"empty and blank text", " \n\t ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spans := splitSentences(tt.text, lex)
			checkSentenceSpans(t, tt.name, tt.text, spans)
			got := sentenceTexts(tt.text, spans)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d sentences, want %d:\n got  %q\n want %q", len(got), len(tt.want), got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("sentence %d:\n got  %q\n want %q", i, got[i], tt.want[i])
				}
			}
		})
	}
}

// sentenceSeeds returns the seed articles by file name.
func sentenceSeeds(tb testing.TB) map[string]string {
	tb.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "seeds", "*.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	if len(paths) < 5 {
		tb.Fatalf("found %d seeds in ../seeds, want 5", len(paths))
	}
	seeds := make(map[string]string, len(paths))
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		seeds[filepath.Base(p)] = string(data)
	}
	return seeds
}

func TestSplitSentencesSeedInvariants(t *testing.T) {
	lex := sentenceTestLexicon(t)
	total := 0
	for name, text := range sentenceSeeds(t) {
		spans := splitSentences(text, lex)
		checkSentenceSpans(t, name, text, spans)
		for n, line := range strings.Split(text, "\n") {
			spans := splitSentences(line, lex)
			checkSentenceSpans(t, fmt.Sprintf("%s:%d", name, n+1), line, spans)
			total += len(spans)
		}
	}
	if total < 150 {
		t.Errorf("found %d sentences in the seeds, want at least 150", total)
	}
}

func TestSplitSentencesPathological(t *testing.T) {
	lex := sentenceTestLexicon(t)
	for _, tt := range sentencePathological() {
		t.Run(tt.name, func(t *testing.T) {
			checkSentenceSpans(t, tt.name, tt.text, splitSentences(tt.text, lex))
		})
	}
}

func TestSplitSentencesAllocations(t *testing.T) {
	lex := sentenceTestLexicon(t)
	text := sentenceSeeds(t)["002_b75f09f5c1259ac2.txt"]
	n := len(splitSentences(text, lex))
	allocs := testing.AllocsPerRun(20, func() { splitSentences(text, lex) })
	// Only the result slice grows: about log2(n) reallocations.
	if allocs > 8 {
		t.Errorf("%v allocations for %d sentences, want only the result slice's growth", allocs, n)
	}
}

// sentenceCorpusDir returns ../shared/corpora/sub beside the checkout, skipping the
// test where it is absent.
func sentenceCorpusDir(t *testing.T, sub string) string {
	t.Helper()
	return corpustest.Dir(t, sub)
}

// sentenceTitleEnd matches a sentence that ends with a title abbreviation.
var sentenceTitleEnd = regexp.MustCompile(`(?:^|[^\pL])(?:Mr|Mrs|Ms|Dr|Prof|Gen|Sen|Gov|Rep)\.$`)

func TestSplitSentencesBBC(t *testing.T) {
	dir := sentenceCorpusDir(t, filepath.Join("bbc-news", "bbc"))
	lex := sentenceTestLexicon(t)
	var files, sentences, titles, dotted int
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".txt") || d.Name() == "README.TXT" {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		text := string(data)
		spans := splitSentences(text, lex)
		checkSentenceSpans(t, path, text, spans)
		files++
		sentences += len(spans)
		titles += strings.Count(text, "Mr. ") + strings.Count(text, "Dr. ")
		dotted += strings.Count(text, "U.S. ")
		checkAbbreviationSplits(t, lex, path, text, spans)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 2000 || sentences < 15*files {
		t.Errorf("segmented %d files into %d sentences; want over 2000 files and 15 sentences each", files, sentences)
	}
	if titles == 0 {
		t.Error(`found no "Mr. " or "Dr. " in the corpus; the title check tested nothing`)
	}
	t.Logf("%d files, %d sentences, %d titles with periods, %d U.S.", files, sentences, titles, dotted)
}

// checkAbbreviationSplits fails for a sentence that ends with a title
// ("Mr.", "Dr.") or with "U.S." before a name rather than a sentence
// starter.
func checkAbbreviationSplits(t *testing.T, lex *SentenceLexicon, name, text string, spans []Span) {
	t.Helper()
	for i := 0; i+1 < len(spans); i++ {
		cur, next := text[spans[i].Start:spans[i].End], text[spans[i+1].Start:spans[i+1].End]
		if sentenceBlankLine(text[spans[i].End:spans[i+1].Start]) {
			continue
		}
		if sentenceTitleEnd.MatchString(cur) {
			t.Errorf("%s: split after a title:\n %q\n %q", name, cur, next)
		}
		if strings.HasSuffix(cur, "U.S.") && !sentenceStartsWithStarter(lex, next) {
			t.Errorf("%s: split after U.S. before a name:\n %q\n %q", name, cur, next)
		}
	}
}

// sentenceStartsWithStarter reports whether s opens with a sentence starter.
func sentenceStartsWithStarter(lex *SentenceLexicon, s string) bool {
	s = strings.TrimLeft(s, "\"“‘'([")
	end := strings.IndexFunc(s, func(r rune) bool { return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z') })
	if end < 0 {
		end = len(s)
	}
	_, ok := lex.starters[s[:end]]
	return ok
}

// sentenceBlankLine reports whether the whitespace gap holds a blank line.
func sentenceBlankLine(gap string) bool {
	_, breaks := skipBlank(gap, 0)
	return breaks >= 2
}

var sentenceReutersBody = regexp.MustCompile(`(?s)<BODY>(.*?)</BODY>`)

func TestSplitSentencesReuters(t *testing.T) {
	dir := sentenceCorpusDir(t, "reuters21578")
	lex := sentenceTestLexicon(t)
	paths, err := filepath.Glob(filepath.Join(dir, "reut2-*.sgm"))
	if err != nil || len(paths) == 0 {
		t.Skipf("no reut2-*.sgm in %s (%v); skipping", dir, err)
	}
	bodies, dotted := 0, 0
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range sentenceReutersBody.FindAllSubmatch(data, -1) {
			body := string(bytes.TrimSuffix(m[1], []byte("\x03")))
			spans := splitSentences(body, lex)
			checkSentenceSpans(t, p, body, spans)
			checkAbbreviationSplits(t, lex, p, body, spans)
			dotted += strings.Count(body, "U.S. ")
			bodies++
			// Hard-wrapped lines are not boundaries: every sentence but a
			// body's last ends with a terminator or a closing mark.
			for i := 0; i+1 < len(spans); i++ {
				last, _ := utf8.DecodeLastRuneInString(body[:spans[i].End])
				if !strings.ContainsRune(".?!…\"')]”’»", last) && !sentenceBlankLine(body[spans[i].End:spans[i+1].Start]) && !lex.isBullet(rune(body[spans[i+1].Start])) {
					t.Errorf("%s: sentence ends without a terminator: %q", p, body[spans[i].Start:spans[i].End])
				}
			}
		}
	}
	if bodies < 7000 || dotted < 1000 {
		t.Errorf("segmented %d Reuters bodies with %d \"U.S. \"; want over 7000 and 1000", bodies, dotted)
	}
}

// sentencePathological are 1 MB texts that a quadratic segmenter would choke
// on.
func sentencePathological() []struct{ name, text string } {
	const size = 1 << 20
	rep := func(s string) string { return strings.Repeat(s, size/len(s)+1)[:size] }
	return []struct{ name, text string }{
		{"glued periods", rep("a.")},
		{"dotted letters", rep("U.S.")},
		{"periods", rep(".")},
		{"spaced periods", rep(". ")},
		{"openers", rep("((((“") + "Mr. Smith."},
		{"spaces after a period", "End." + rep(" ") + "Next."},
		{"one long word", rep("abcdefgh") + ".The end."},
		{"quotes", rep("“a… ")},
	}
}

// sentenceSeedParagraph returns about n bytes of seed text as one paragraph: the
// seeds' lines joined by spaces and repeated.
func sentenceSeedParagraph(tb testing.TB, n int) string {
	var b strings.Builder
	for _, name := range []string{"000_95ac2cc1406b2bec.txt", "001_9103c398c3a097b7.txt", "002_b75f09f5c1259ac2.txt", "003_0fd2f5f3d2ca3a6d.txt", "004_2dacdb29af72ca92.txt"} {
		b.WriteString(strings.Join(strings.Fields(sentenceSeeds(tb)[name]), " "))
		b.WriteByte(' ')
	}
	unit := b.String()
	return strings.Repeat(unit, n/len(unit)+1)[:n]
}

func BenchmarkSplitSentences(b *testing.B) {
	lex := sentenceTestLexicon(b)
	inputs := append([]struct{ name, text string }{{"seed paragraph 1MB", sentenceSeedParagraph(b, 1<<20)}}, sentencePathological()...)
	for _, in := range inputs {
		b.Run(in.name, func(b *testing.B) {
			b.SetBytes(int64(len(in.text)))
			b.ReportAllocs()
			for b.Loop() {
				splitSentences(in.text, lex)
			}
		})
	}
}

func TestSentenceLexiconCompile(t *testing.T) {
	tests := []struct {
		name    string
		yaml    string
		wantErr string
	}{
		{"valid", "version: 1\nnon_final: [Mr.]\nmay_end: [a.m.]\nsentence_starters: [The]\nbullets: [\"•\"]\n", ""},
		{"unknown key", "version: 1\nabbreviations: [Mr.]\n", "field abbreviations not found"},
		{"wrong version", "version: 2\n", "unsupported version"},
		{"missing period", "version: 1\nnon_final: [Mr]\n", "final period"},
		{"two tokens", "version: 1\nmay_end: [a. m.]\n", "one token"},
		{"listed twice", "version: 1\nmay_end: [Inc., Inc.]\n", "listed twice"},
		{"both kinds", "version: 1\nnon_final: [St.]\nmay_end: [St.]\n", "both non_final and may_end"},
		{"lowercase starter", "version: 1\nsentence_starters: [the]\n", "capitalised word"},
		{"letter bullet", "version: 1\nbullets: [o]\n", "one mark"},
		{"long bullet", "version: 1\nbullets: [\"->\"]\n", "one mark"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var lex SentenceLexicon
			err := DecodeYAML("test.yaml", []byte(tt.yaml), &lex)
			if err == nil {
				err = lex.compile()
			}
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}
