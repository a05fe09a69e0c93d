package audit

import (
	"github.com/sourcecheck/sourcecheck/internal/corpustest"

	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// testBlockLexicon loads the built-in blocks.yaml on its own.
func testBlockLexicon(t *testing.T) *BlockLexicon {
	t.Helper()
	data, err := embeddedLexicon.ReadFile("lexicon/blocks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var lex BlockLexicon
	if err := DecodeYAML("blocks.yaml", data, &lex); err != nil {
		t.Fatal(err)
	}
	if err := lex.compile(); err != nil {
		t.Fatal(err)
	}
	return &lex
}

// line is one raw block of a test article: its text and markup hint.
type line struct {
	text, hint string
}

// classifyLines joins lines with newlines, makes each a raw block and
// classifies them. It returns the view and the blocks.
func classifyLines(lex *BlockLexicon, lines []line) (string, []Block) {
	var b strings.Builder
	raws := make([]rawBlock, 0, len(lines))
	for i, l := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		start := b.Len()
		b.WriteString(l.text)
		raws = append(raws, rawBlock{view: Span{start, b.Len()}, hint: l.hint})
	}
	view := b.String()
	return view, classifyBlocks(view, raws, lex)
}

func plain(texts ...string) []line {
	out := make([]line, len(texts))
	for i, s := range texts {
		out[i] = line{text: s}
	}
	return out
}

// Lines of the seeds used as context and examples below.
const (
	seed002Line5  = "An AFP correspondent saw rebels celebrating and cheering in the city on Friday evening. Another saw anti-regime fighters in front of Aleppo’s historic citadel."
	seed002Line7  = "“For the first time in almost five years, we hear rockets and shells and sometimes planes,” described Sarmad, a resident of Aleppo. “We are afraid that the war scenario will repeat itself and that we will be forced to flee our homes. »"
	seed002Line9  = "Since the start of the offensive by jihadists and rebels on Wednesday, fighting and bombings have left at least 311 dead, 183 from HTS and rebel factions, 100 Syrian soldiers and members of pro-government forces as well as 28 civilians, according to a new report from OSDH."
	seed002Line12 = "The head of the “government” proclaimed by the HTS in Idlib, Mohammad al-Bashir, affirmed Thursday that the offensive had been launched after “the regime (Assad) massed forces on the front lines and began bombing the civilian areas, which caused the exodus of tens of thousands of civilians."
	seed003Line1  = "The unexpected scenario and exit of regime and its supporters from Aleppo"
	seed003Line23 = "In this report, Enab Baladi traces the route taken by military personnel loyal to the Syrian regime and their supporters, as well as civilians burdened by their fears while navigating a path haunted by memories of “theft, murder, and bloodshed”."
	seed003Line27 = "The journey out of Aleppo required heading to its eastern part to reach the Khanasir road, but the unpleasant surprise was the presence of snipers said to belong to the Syrian Democratic Forces (SDF) at the Lirmon roundabout, and passing through the area led to civilians being shot at, resulting in casualties and injuries."
	seed003Line59 = "The factions’ control over Aleppo opened the door for the return of displaced residents to the city, as life gradually returned to normal, with a rise in commodity prices, and anticipation especially with the continued “Deterrence of Aggression” in gaining new areas."
	seed001Line29 = "The Turkish army, which controls several areas of northern Syria after having expelled Kurdish forces, had called on Friday for an “end” to the “attacks” on Idlib following Russian and Syrian raids."
	seed004Line5  = "Al-Qaeda-linked rebels have launched a massive assault on Aleppo."
	seed000Line1  = "In two days, the rebels entered the country's second city and took control, to the delight of some exiled Syrians. The military operation was launched Thursday by HTS, Hayat Tahrir el Sham, an Islamist group classified as terrorist."
)

func TestClassifyBlocksCues(t *testing.T) {
	lex := testBlockLexicon(t)
	tests := []struct {
		name   string
		lines  []line
		at     int // index of the block under test in the result
		want   BlockKind
		reason string // a substring of the block's Reason
	}{
		// headline
		{"first short line", plain(seed003Line1, "", seed003Line23), 0, BlockHeadline, "first block"},
		{"broken first line is not a headline", plain("The jihadist offensive was launched the day", "a ceasefire agreement was announced between Hezbollah and Israel, in open war for more than two months."), 0, BlockBody, "default"},
		{"h1 element", []line{{seed003Line1, "h1 in header"}, {seed003Line23, "p"}}, 0, BlockHeadline, "<h1> element"},
		// subheading
		{"short line between paragraphs", plain(seed003Line23, "A difficult journey", seed003Line27), 1, BlockSubheading, "between paragraphs"},
		{"quoted subheading", plain(seed002Line5, "“We are afraid”", seed002Line7), 1, BlockSubheading, "between paragraphs"},
		{"h2 element", []line{{seed003Line23, "p"}, {"A difficult journey", "h2"}, {seed003Line27, "p"}}, 1, BlockSubheading, "<h2> element"},
		// body
		{"standfirst of two sentences first", plain(seed000Line1, "Published on 02/12/2024 07:38"), 0, BlockBody, "default"},
		{"paste glitch first line", plain("LJihadists and allied rebel factions have captured most of Aleppo, Syria’s second city, after a lightning offensive against the forces of Bashar al-Assad’s regime that left more than 300 dead, an NGO said on Saturday."), 0, BlockBody, "default"},
		{"short standfirst after meta", plain("Published 2024-11-29 23.32", seed004Line5, "Now the bloody conflict that has been dormant for eight years is resuming."), 1, BlockBody, "default"},
		{"dash quote", plain(seed004Line5, "– The rebels see a shift in power.", seed004Line5), 1, BlockBody, "default"},
		{"broken line is not a subheading", plain(seed002Line9, "The jihadist offensive was launched the day", "a ceasefire agreement was announced between Hezbollah and Israel, in open war for more than two months."), 1, BlockBody, "default"},
		{"one truncated paragraph at the end", plain(seed001Line29, "For the Christmas meal, certain dishes are essential: foie gras, oysters, smoked salmon or even…"), 1, BlockBody, "default"},
		{"blockquote paragraph", []line{{seed002Line7, "p in blockquote"}}, 0, BlockBody, "default"},
		// meta
		{"Published on", plain(seed000Line1, "Published on 02/12/2024 07:38"), 1, BlockMeta, `cue "Published"`},
		{"Published at", plain("Published at 8:16 a.m."), 0, BlockMeta, `cue "Published"`},
		{"Published ISO", plain("Published 2024-11-29 23.32"), 0, BlockMeta, `cue "Published"`},
		{"Reading time", plain("Reading time: 2min"), 0, BlockMeta, `cue "Reading time"`},
		{"bulleted date", plain("  • 2024/12/11"), 0, BlockMeta, `cue "date"`},
		{"bulleted time", plain("  • 1:37 pm"), 0, BlockMeta, `cue "time"`},
		{"time element", []line{{"November 30, 2024", "time in header"}}, 0, BlockMeta, "<time> element"},
		{"date class", []line{{"Saturday", "span.date in div"}}, 0, BlockMeta, "<span.date> element"},
		// byline
		{"Place – Name", plain("Aleppo – Muhammad al-Ali", seed003Line23), 0, BlockByline, `cue "Place – Name"`},
		{"By Name", plain("By Muhammad al-Ali", seed003Line23), 0, BlockByline, `cue "By"`},
		{"address element", []line{{"Muhammad al-Ali", "address"}}, 0, BlockByline, "<address> element"},
		// caption
		{"Photo: prefix", plain("Photo: Muhammad Hay Kadour Agence France-Presse Anti-government fighters pose for a photo on a tank on the road to Maaret al-Numan in Idlib province, northwest Syria, on November 30, 2024.", "Published at 8:16 a.m."), 0, BlockCaption, `cue "Photo:"`},
		{"Photo: credit at the end", plain(seed004Line5, "At least 130 people are said to have been killed in the fighting. Photo: Omar Albam / AP", seed004Line5), 1, BlockCaption, `cue "… Photo: credit"`},
		{"parenthesised credit", plain("Opposition fighters and civilians in front of Aleppo Citadel after taking control - November 30, 2024 (Enab Baladi/Dayan Junpaz)"), 0, BlockCaption, `cue "(Outlet/Photographer)"`},
		{"video credit glued", plain(seed000Line1, "Moataz, an exiled Syrian, returns to Aleppoat franceinfo", seed000Line1), 1, BlockCaption, `cue "at franceinfo"`},
		{"video credit glued 2", plain("Batool, a resident of Aleppoat franceinfo"), 0, BlockCaption, `cue "at franceinfo"`},
		{"copyright credit", plain("© Famiboards", seed001Line29), 0, BlockCaption, `cue "©"`},
		{"figcaption", []line{{"Heavy clouds of smoke in Aleppo.", "figcaption"}}, 0, BlockCaption, "<figcaption> element"},
		{"paragraph in figure", []line{{"Heavy clouds of smoke in Aleppo.", "p in figure"}}, 0, BlockCaption, "inside <figure>"},
		// ad
		{"deposit bonus alone", plain("200% Deposit Bonus up to €3,000"), 0, BlockAd, `cue "Deposit Bonus"`},
		{"deposit bonus seam", plain("200% Deposit Bonus up to €3,000 180% First Deposit Bonus up to $20,000Russian air strikes killed five people on Sunday near the city’s university and four in Idlib, another city in the northwest, according to the NGO."), 0, BlockAd, `seam "Deposit Bonus"`},
		{"Advertisement label", plain(seed001Line29, "Advertisement", seed001Line29), 1, BlockAd, `cue "Advertisement"`},
		{"promo box", []line{{"200% Deposit Bonus", "p in aside.promo"}}, 0, BlockAd, "inside <aside.promo>"},
		// related
		{"Also read", plain(seed002Line9, "Also read", "Syrian rebels launch surprise offensive on Aleppo", seed002Line12), 1, BlockRelated, `cue "Also read"`},
		{"teaser after Also read", plain(seed002Line9, "Also read", "Syrian rebels launch surprise offensive on Aleppo", seed002Line12), 2, BlockRelated, `follows "Also read"`},
		{"Also read takes one teaser", plain(seed002Line9, "Also read", "Syrian rebels launch surprise offensive on Aleppo", seed002Line12), 3, BlockBody, "default"},
		{"Related Articles", plain(seed003Line59, "Related Articles", "Return of limited number of residents to Nubl and Zahra in Aleppo"), 1, BlockRelated, `cue "Related Articles"`},
		{"list item after Related Articles", []line{{seed003Line59, ""}, {"Related Articles", ""}, {"Return of limited number of residents to Nubl and Zahra in Aleppo", "li"}, {"Opposition factions enter Hama for first time after 11 years", "li"}, {"Politics", ""}, {"More", ""}}, 3, BlockRelated, `follows "Related Articles"`},
		{"Politics after a related list", plain(seed003Line59, "Related Articles", "Opposition factions enter Hama for first time after 11 years", "Politics", "More"), 3, BlockRelated, `follows "Related Articles"`},
		{"More after a related list", plain(seed003Line59, "Related Articles", "Opposition factions enter Hama for first time after 11 years", "Politics", "More"), 4, BlockRelated, `follows "Related Articles"`},
		{"truncated teasers at the end", plain(seed001Line29, "© Famiboards The mystery surrounding the Nintendo Switch 2 is starting to fade. Chinese accessory…", "Photo: Vahid Salemi Associated Press Iranian women not wearing headscarves laugh on a sidewalk in…"), 2, BlockRelated, "truncated with an ellipsis"},
		{"truncated teaser with a photo credit", plain(seed001Line29, "For the Christmas meal, certain dishes are essential: foie gras, oysters, smoked salmon or even…", "Photo: Bashar Taleb Agence France-Presse A man prepares to throw a bag of bread to…"), 2, BlockRelated, "truncated with an ellipsis"},
		{"aside", []line{{"Syrian rebels launch surprise offensive on Aleppo", "p in aside"}}, 0, BlockRelated, "inside <aside>"},
		{"related list class", []line{{"Syrian rebels launch surprise offensive on Aleppo", "li in ul.related"}}, 0, BlockRelated, "inside <ul.related>"},
		// nav
		{"unsaveSave", plain("Published 2024-11-29 23.32", "unsaveSave", "expand-left"), 1, BlockNav, `cue "unsaveSave"`},
		{"expand-left", plain("Published 2024-11-29 23.32", "unsaveSave", "expand-left"), 2, BlockNav, `cue "expand-left"`},
		{"full screen seam", plain("full screen Heavy clouds of smoke in Aleppo. Photo: Ghaith Alsayed / AP"), 0, BlockNav, `seam "full screen"`},
		{"full screen alone", plain("full screen"), 0, BlockNav, `cue "full screen"`},
		{"glued UI label", plain("shareShare"), 0, BlockNav, `cue "UI label"`},
		{"menu entry", []line{{"Politics", "li in nav"}}, 0, BlockNav, "inside <nav>"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			view, blocks := classifyLines(lex, tc.lines)
			if tc.at >= len(blocks) {
				t.Fatalf("got %d blocks, want block %d", len(blocks), tc.at)
			}
			b := blocks[tc.at]
			text := view[b.view.Start:b.view.End]
			if b.Kind != tc.want {
				t.Errorf("block %d %q: kind %s (%s), want %s", tc.at, text, b.Kind, b.Reason, tc.want)
			}
			if b.Reason == "" || !strings.Contains(b.Reason, tc.reason) {
				t.Errorf("block %d %q: reason %q, want it to contain %q", tc.at, text, b.Reason, tc.reason)
			}
			checkBlocks(t, view, blocks)
		})
	}
}

// checkBlocks checks the invariants of classified blocks: in order, not
// overlapping, non-empty, trimmed, with a known kind and a reason.
func checkBlocks(t *testing.T, view string, blocks []Block) {
	t.Helper()
	prev := 0
	for i, b := range blocks {
		s := b.view
		if s.Start < prev || s.End <= s.Start || s.End > len(view) {
			t.Fatalf("block %d: bad view span %v after %d", i, s, prev)
		}
		prev = s.End
		text := view[s.Start:s.End]
		first, _ := utf8.DecodeRuneInString(text)
		last, _ := utf8.DecodeLastRuneInString(text)
		if unicode.IsSpace(first) || unicode.IsSpace(last) {
			t.Errorf("block %d %q not trimmed", i, text)
		}
		if !validBlockKind(b.Kind) || b.Reason == "" {
			t.Errorf("block %d %q: kind %q reason %q", i, text, b.Kind, b.Reason)
		}
	}
}

func TestClassifyBlocksAdSeam(t *testing.T) {
	lex := testBlockLexicon(t)
	tests := []struct {
		name  string
		line  string
		want  []BlockKind
		texts []string
	}{
		{
			name:  "ad glued to a body sentence (seed 001)",
			line:  "200% Deposit Bonus up to €3,000 180% First Deposit Bonus up to $20,000Russian air strikes killed five people on Sunday near the city’s university and four in Idlib, another city in the northwest, according to the NGO.",
			want:  []BlockKind{BlockAd, BlockBody},
			texts: []string{"200% Deposit Bonus up to €3,000 180% First Deposit Bonus up to $20,000", "Russian air strikes killed five people on Sunday near the city’s university and four in Idlib, another city in the northwest, according to the NGO."},
		},
		{
			name:  "UI label before a caption (seed 004)",
			line:  "full screen Heavy clouds of smoke in Aleppo. Photo: Ghaith Alsayed / AP",
			want:  []BlockKind{BlockNav, BlockCaption},
			texts: []string{"full screen", "Heavy clouds of smoke in Aleppo. Photo: Ghaith Alsayed / AP"},
		},
		{
			name:  "UI label before a caption repeating a body sentence (seed 004)",
			line:  "full screen At least 130 people are said to have been killed in the fighting. Photo: Omar Albam / AP",
			want:  []BlockKind{BlockNav, BlockCaption},
			texts: []string{"full screen", "At least 130 people are said to have been killed in the fighting. Photo: Omar Albam / AP"},
		},
		{
			name:  "UI label before a bare credit (seed 004)",
			line:  "  full screen Photo: Ghaith Alsayed / AP  ",
			want:  []BlockKind{BlockNav, BlockCaption},
			texts: []string{"full screen", "Photo: Ghaith Alsayed / AP"},
		},
		{
			name:  "no seam inside a word",
			line:  "full screenshots of the offensive were shared on social networks.",
			want:  []BlockKind{BlockBody},
			texts: []string{"full screenshots of the offensive were shared on social networks."},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			view, blocks := classifyLines(lex, plain(tc.line))
			checkBlocks(t, view, blocks)
			if len(blocks) != len(tc.want) {
				t.Fatalf("got %d blocks, want %d", len(blocks), len(tc.want))
			}
			for i, b := range blocks {
				if got := view[b.view.Start:b.view.End]; got != tc.texts[i] {
					t.Errorf("block %d text %q, want %q", i, got, tc.texts[i])
				}
				if b.Kind != tc.want[i] {
					t.Errorf("block %d kind %s (%s), want %s", i, b.Kind, b.Reason, tc.want[i])
				}
			}
		})
	}
}

// seedBlocks lists, for each seed, every block Structure finds: its kind
// and the start of its text.
var seedBlocks = map[string][]string{
	"000_95ac2cc1406b2bec.txt": {
		"body In two days, the rebels",
		"meta Published on 02/12/2024",
		"meta Reading time: 2min",
		"body Assad regime soldiers were",
		"body Moataz sees his city",
		"body “This is where I grew up",
		"caption Moataz, an exiled Syrian",
		"body Since last Thursday",
		"body In areas now beyond",
		"body “There is no more gasoline",
		"caption Batool, a resident of Aleppoat",
		"body In a statement released",
	},
	"001_9103c398c3a097b7.txt": {
		"caption Photo: Muhammad Hay Kadour",
		"meta Published at 8:16 a.m.",
		"body Aleppo, Syria's second city",
		"body Syrian President Bashar",
		"body Rebel fighters launched",
		"body The start of this offensive",
		"body More than 370 people",
		"body These battles are the first",
		"body With crucial military support",
		"body The jihadist group Hayat",
		"ad 200% Deposit Bonus",
		"body Russian air strikes killed",
		"body “We heard an explosion",
		"body HTS, dominated by",
		"body They entered Aleppo on Friday",
		"body The rebels marched",
		"body According to the SOHR, the rebels",
		"body The Syrian army has reinforced",
		"body The army confirmed",
		"body Iran “firmly supports",
		"body Tehran also called",
		"body The White House has judged",
		"body The King of Jordan",
		"body Northwestern Syria has enjoyed",
		"body “The regime lines have collapsed",
		"body The rebels have imposed",
		"body HTS and rebels control",
		"body For their part, the Kurds",
		"body Several districts in northern",
		"body The Turkish army",
		"related © Famiboards",
		"related © JHVEPhoto",
		"related \"Lottery Result",
		"related For the Christmas meal",
		"related Photo: Vahid Salemi",
		"related Photo: Bashar Taleb",
	},
	"002_b75f09f5c1259ac2.txt": {
		"body LJihadists and allied",
		"body This violence is the first",
		"body With crucial military support",
		"body Entering Aleppo on Friday",
		"body An AFP correspondent",
		"subheading “We are afraid”",
		"body “For the first time",
		"body According to OSDH leader",
		"body Since the start of the offensive",
		"related Also read",
		"related Syrian rebels launch surprise",
		"body The head of the “government”",
		"body The offensive allowed",
		"subheading Suicide attacks",
		"body According to the Observatory",
		"body The Russian army announced",
		"body Northwest Syria has benefited",
		"body The jihadist offensive",
	},
	"003_0fd2f5f3d2ca3a6d.txt": {
		"headline The unexpected scenario",
		"meta 2024/12/11",
		"meta 1:37 pm",
		"caption Opposition fighters and civilians",
		"caption Opposition fighters and civilians",
		"byline Aleppo – Muhammad al-Ali",
		"body A state of shock",
		"body After four years",
		"body The regime’s forces",
		"body By the evening hours",
		"body A state of calm",
		"body On Friday morning",
		"body In this report",
		"subheading A difficult journey",
		"body The journey out of Aleppo",
		"body According to Enab Baladi’s",
		"body The first step",
		"body After exiting",
		"body The road was filled",
		"body In Athria",
		"body The wait extended",
		"body Some of those stranded",
		"body The moment of liberation",
		"subheading A return after displacement",
		"body Although the people",
		"body There are no precise",
		"body On December 22, 2016",
		"body At that time",
		"body A week ago",
		"body They also announced",
		"body The factions’ control",
		"related Related Articles",
		"related Return of limited",
		"related Opposition factions announce",
		"related Opposition factions enter Hama",
		"related “Deterrence of Aggression” factions",
		"related Politics",
		"related More",
	},
	"004_2dacdb29af72ca92.txt": {
		"meta Published 2024-11-29 23.32",
		"nav unsaveSave",
		"nav expand-left",
		"nav full screen",
		"caption Heavy clouds of smoke",
		"body Al-Qaeda-linked rebels",
		"body Now the bloody conflict",
		"body A weakened Hezbollah",
		"body On cue, the car bombs",
		"body Then thousands of rebels",
		"body – Our forces have begun",
		"body According to the Syrian Observatory",
		"body On Friday afternoon",
		"body According to the Human Rights",
		"body In the days before",
		"nav expand-left",
		"nav full screen",
		"caption At least 130 people",
		"body It is the first time",
		"body But it is no coincidence",
		"body – The rebels see an opportunity",
		"body – The rebels see a shift",
		"body The rebels have claimed",
		"body The Syrian forces are supported",
		"body – We are working",
		"nav expand-left",
		"nav full screen",
		"caption Photo: Ghaith Alsayed / AP",
	},
}

func TestStructureSeedBlocks(t *testing.T) {
	for name, want := range seedBlocks {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join("..", "seeds", name)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			doc := NewDocument(path, FormatText, string(data))
			Structure(doc, nil)
			checkBlocks(t, doc.View().Text, doc.Blocks)
			n := max(len(doc.Blocks), len(want))
			for i := range n {
				var got, exp string
				if i < len(doc.Blocks) {
					b := doc.Blocks[i]
					got = string(b.Kind) + " " + b.Text
				}
				if i < len(want) {
					exp = want[i]
				}
				if exp == "" || !strings.HasPrefix(got, exp) {
					reason := ""
					if i < len(doc.Blocks) {
						reason = doc.Blocks[i].Reason
					}
					t.Errorf("block %d: got %.80q (%s), want %q", i, got, reason, exp)
				}
			}
		})
	}
}

// corporaDir returns ../shared/corpora relative to the repository root, or
// skips the test when it is absent.
func corporaDir(t *testing.T) string {
	t.Helper()
	return corpustest.Root(t)
}

// TestStructureBBCBlocks checks the clean BBC files: line 1 is the
// headline and the paragraphs after it are body (or, for a few short
// labels between paragraphs, subheadings; never page furniture).
func TestStructureBBCBlocks(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(corporaDir(t), "bbc-news", "bbc", "*", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Skip("no BBC files in the corpora")
	}
	rest, body := 0, 0
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		doc := NewDocument(path, FormatText, string(data))
		Structure(doc, nil)
		if len(doc.Blocks) == 0 {
			t.Errorf("%s: no blocks", path)
			continue
		}
		if b := doc.Blocks[0]; b.Kind != BlockHeadline {
			t.Errorf("%s: first block is %s (%s), want headline", path, b.Kind, b.Reason)
		}
		for i, b := range doc.Blocks[1:] {
			rest++
			if b.Kind == BlockBody {
				body++
			} else if !b.Kind.Editorial() {
				t.Errorf("%s: block %d is %s (%s)", path, i+1, b.Kind, b.Reason)
			}
		}
	}
	if body*10 < rest*9 {
		t.Errorf("%d of %d blocks after the headline are body, want at least 90%%", body, rest)
	}
	t.Logf("%d files: %d of %d blocks after the headline are body", len(files), body, rest)
}

func TestBlockLexiconCompileErrors(t *testing.T) {
	const base = `
version: 1
teasers: {kind: related, endings: ["…"], min_run: 2}
headline: {max_chars: 160, max_words: 25}
subheading: {max_chars: 80, max_words: 10}
`
	tests := []struct {
		name, yaml, want string
	}{
		{"valid", base, ""},
		{"unknown kind in a cue", base + "cues: [{kind: footer, cue: x, at: whole, pattern: x}]\n", "unknown block kind"},
		{"bad regexp", base + "cues: [{kind: meta, cue: x, at: whole, pattern: '('}]\n", "missing closing )"},
		{"bad anchor", base + "cues: [{kind: meta, cue: x, at: middle, pattern: x}]\n", "want whole, prefix, suffix or any"},
		{"bad boundary", base + "seams: [{kind: ad, cue: x, prefix: x, boundary: comma}]\n", "want capital or space"},
		{"phrase twice", base + "phrases: {nav: [More], related: [more]}\n", "listed twice"},
		{"hint to unknown kind", base + "hints: {tags: {h1: title}}\n", "unknown block kind"},
		{"section without length", base + "sections: [{kind: related, phrases: [Also read], follow: 1}]\n", "max_chars"},
		{"no teaser rule", "version: 1\nheadline: {max_chars: 1, max_words: 1}\nsubheading: {max_chars: 1, max_words: 1}\n", "teasers"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var lex BlockLexicon
			err := DecodeYAML("blocks.yaml", []byte(tc.yaml), &lex)
			if err == nil {
				err = lex.compile()
			}
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Fatalf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
}
