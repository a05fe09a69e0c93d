package audit

import (
	"github.com/sourcecheck/sourcecheck/internal/corpustest"

	"encoding/csv"
	"encoding/json"
	"html"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
)

var (
	figTestLex     *FigureLexicon
	figTestLexErr  error
	figTestLexOnce sync.Once
)

// figLexicon loads lexicon/figures.yaml from the embedded lexicon the way
// LoadLexicon loads its parts: strict YAML, then compile.
func figLexicon(tb testing.TB) *FigureLexicon {
	tb.Helper()
	figTestLexOnce.Do(func() {
		const name = "lexicon/figures.yaml"
		data, err := fs.ReadFile(embeddedLexicon, name)
		if err != nil {
			figTestLexErr = err
			return
		}
		lex := &FigureLexicon{}
		if err := DecodeYAML(name, data, lex); err != nil {
			figTestLexErr = err
			return
		}
		if err := lex.compile(); err != nil {
			figTestLexErr = err
			return
		}
		figTestLex = lex
	})
	if figTestLexErr != nil {
		tb.Fatal(figTestLexErr)
	}
	return figTestLex
}

// figWant is an expected figure: its exact text, subkind and value.
type figWant struct {
	text, subkind string
	min, max      float64
	approx, unit  string
}

// checkFigures checks the invariants of every match and compares texts,
// subkinds and values with want.
func checkFigures(t *testing.T, sentence string, got []FigureMatch, want []figWant) {
	t.Helper()
	figCheckSpans(t, sentence, got)
	if len(got) != len(want) {
		t.Errorf("%q:\n got %s\nwant %d figures %v", sentence, figDump(got), len(want), want)
		return
	}
	for i, w := range want {
		g := got[i]
		if g.Text != w.text || g.Subkind != w.subkind {
			t.Errorf("%q: figure %d = %q (%s), want %q (%s)", sentence, i, g.Text, g.Subkind, w.text, w.subkind)
			continue
		}
		q := g.Quantity
		if q == nil {
			t.Errorf("%q: figure %q has no quantity", sentence, g.Text)
			continue
		}
		if !figClose(q.Min, w.min) || !figClose(q.Max, w.max) || q.Approx != w.approx || q.Unit != w.unit {
			t.Errorf("%q: figure %q = %+v, want min %v max %v approx %q unit %q", sentence, g.Text, *q, w.min, w.max, w.approx, w.unit)
		}
		if exact := w.approx == "" && w.min == w.max; q.Exact != exact {
			t.Errorf("%q: figure %q Exact = %v, want %v", sentence, g.Text, q.Exact, exact)
		}
	}
}

func figClose(a, b float64) bool {
	d := a - b
	if d < 0 {
		d = -d
	}
	return d <= 1e-9*max(1, b, -b)
}

// figCheckSpans checks that matches lie in the sentence, in order, without
// overlapping, and that Text is the span's text.
func figCheckSpans(t *testing.T, sentence string, got []FigureMatch) {
	t.Helper()
	prev := 0
	for _, m := range got {
		if m.Start < prev || m.Start >= m.End || m.End > len(sentence) {
			t.Fatalf("%q: bad span [%d,%d) after %d", figShort(sentence), m.Start, m.End, prev)
		}
		if m.Text != sentence[m.Start:m.End] {
			t.Fatalf("%q: Text %q != sentence[%d:%d]", figShort(sentence), m.Text, m.Start, m.End)
		}
		switch m.Subkind {
		case FigureCasualty, FigureDisplacement, FigureTerritory, FigureMoney, FigureOther:
		default:
			t.Fatalf("%q: bad subkind %q", m.Text, m.Subkind)
		}
		if q := m.Quantity; q != nil && !(q.Min <= q.Max) {
			t.Fatalf("%q: Min %v > Max %v", m.Text, q.Min, q.Max)
		}
		prev = m.End
	}
}

func figShort(s string) string {
	if len(s) > 120 {
		return s[:120] + "…"
	}
	return s
}

func figDump(ms []FigureMatch) string {
	b, _ := json.Marshal(ms)
	return string(b)
}

func TestFindFigures(t *testing.T) {
	lex := figLexicon(t)
	tests := []struct {
		sentence string
		want     []figWant
	}{
		// From the seeds.
		{"More than 370 people in total have been killed, according to the SOHR, a UK-based NGO.",
			[]figWant{{"More than 370 people", FigureCasualty, 370, 370, "more than", "people"}}},
		{"Jihadists have captured most of Aleppo after a lightning offensive that left more than 300 dead, an NGO said on Saturday.",
			[]figWant{{"more than 300 dead", FigureCasualty, 300, 300, "more than", "dead"}}},
		// One figure per number; the breakdown takes its subkind from "dead".
		{"Since Wednesday, fighting and bombings have left at least 311 dead, 183 from HTS and rebel factions, 100 Syrian soldiers and members of pro-government forces as well as 28 civilians, according to a new report from OSDH.",
			[]figWant{
				{"at least 311 dead", FigureCasualty, 311, 311, "at least", "dead"},
				{"183", FigureCasualty, 183, 183, "", ""},
				{"100 Syrian soldiers", FigureCasualty, 100, 100, "", "soldiers"},
				{"28 civilians", FigureCasualty, 28, 28, "", "civilians"},
			}},
		// "several rebel areas" is vague and counts places: not a figure.
		{"The Russian air force has started bombing several rebel areas in recent hours, killing dozens of civilians.",
			[]figWant{{"dozens of civilians", FigureCasualty, 24, 99, "dozens", "civilians"}}},
		{"the regime began bombing the civilian areas, which caused the exodus of tens of thousands of civilians.",
			[]figWant{{"tens of thousands of civilians", FigureDisplacement, 10000, 99999, "tens of thousands", "civilians"}}},
		{"The complex war, in which many actors are involved, has left half a million dead and displaced millions.",
			[]figWant{
				{"half a million dead", FigureCasualty, 500000, 500000, "", "dead"},
				{"millions", FigureDisplacement, 2e6, 999999999, "millions", ""},
			}},
		{"The offensive allowed jihadists and rebels to conquer around 70 localities including the key city of Saraqeb.",
			[]figWant{{"around 70 localities", FigureTerritory, 70, 70, "around", "localities"}}},
		{"Rebel fighters launched an offensive on Wednesday, seizing dozens of towns before reaching Aleppo.",
			[]figWant{{"dozens of towns", FigureTerritory, 24, 99, "dozens", "towns"}}},
		{"the rebels also advanced, taking control of “dozens of strategic localities without any resistance”.",
			[]figWant{{"dozens of strategic localities", FigureTerritory, 24, 99, "dozens", "localities"}}},
		{"The price of a liter of gasoline at the checkpoint was 100,000 Syrian pounds that night (6 USD).",
			[]figWant{
				{"100,000 Syrian pounds", FigureMoney, 100000, 100000, "", "SYP"},
				{"6 USD", FigureMoney, 6, 6, "", "USD"},
			}},
		{"Elon Musk's company SpaceX could soon reach a valuation of $350 billion. In…",
			[]figWant{{"$350 billion", FigureMoney, 350e9, 350e9, "", "USD"}}},
		{"LOTO. Six million euros…",
			[]figWant{{"Six million euros", FigureMoney, 6e6, 6e6, "", "EUR"}}},
		// "four" shares the verb of "five people".
		{"Russian air strikes killed five people on Sunday near the city’s university and four in Idlib, another city in the northwest, according to the NGO.",
			[]figWant{
				{"five people", FigureCasualty, 5, 5, "", "people"},
				{"four", FigureCasualty, 4, 4, "", ""},
			}},
		{"In these regions, thousands of families are celebrating their return after years of exile.",
			[]figWant{{"thousands of families", FigureOther, 2000, 9999, "thousands", "families"}}},
		// "several" names no order of magnitude: not a figure, even of
		// the dead.
		{"Then thousands of rebels went on the attack. At least 130 people are said to have been killed in the fighting with Bashar al-Assad’s government forces, including several women and children.",
			[]figWant{
				{"thousands of rebels", FigureOther, 2000, 9999, "thousands", "rebels"},
				{"At least 130 people", FigureCasualty, 130, 130, "at least", "people"},
			}},
		{"The wait extended for more than seven hours for hundreds of stranded vehicles.",
			[]figWant{{"hundreds of stranded vehicles", FigureOther, 200, 999, "hundreds", "vehicles"}}},
		// "the injured" are carried, not counted: the vehicles stay "other".
		{"In Athria, thousands of vehicles gathered on a narrow road, with military vehicles carrying soldiers and the injured.",
			[]figWant{{"thousands of vehicles", FigureOther, 2000, 9999, "thousands", "vehicles"}}},
		{"the As-Safira area east of Aleppo, where dozens of cars and buses were gathering",
			[]figWant{{"dozens of cars and buses", FigureOther, 24, 99, "dozens", "cars"}}},
		// A proportion of a place: territory, in percent.
		{"According to the Human Rights Observatory, half the city has been taken over.",
			[]figWant{{"half the city", FigureTerritory, 50, 50, "", "%"}}},
		{"The army confirmed the presence of rebel fighters and deplored “dozens” of dead and wounded in the offensive.",
			[]figWant{{"dozens", FigureCasualty, 24, 99, "dozens", ""}}},
		// Ads: percentages and amounts are figures; filtering ads is the
		// block classifier's job. "$20,000Russian" is two words run together.
		{"200% Deposit Bonus up to €3,000 180% First Deposit Bonus up to $20,000Russian air strikes",
			[]figWant{
				{"200%", FigureOther, 200, 200, "", "%"},
				{"up to €3,000", FigureMoney, 3000, 3000, "up to", "EUR"},
				{"180%", FigureOther, 180, 180, "", "%"},
				{"up to $20,000", FigureMoney, 20000, 20000, "up to", "USD"},
			}},
		{"the HTS and the rebels reached the gates of the city after “two suicide attacks with car bombs”",
			[]figWant{{"two suicide attacks", FigureOther, 2, 2, "", "attacks"}}},

		// BBC and Reuters money and percentages (hand-written).
		{"The bank made a profit of £1.2bn last year.",
			[]figWant{{"£1.2bn", FigureMoney, 1.2e9, 1.2e9, "", "GBP"}}},
		{"Inflation rose to 3.5% in March.",
			[]figWant{{"3.5%", FigureOther, 3.5, 3.5, "", "%"}}},
		{"Net income rose 5 pct to 12 mln dlrs.",
			[]figWant{
				{"5 pct", FigureOther, 5, 5, "", "%"},
				{"12 mln dlrs", FigureMoney, 12e6, 12e6, "", "USD"},
			}},
		{"The company said it would buy the stake for 1.5 billion dlrs.",
			[]figWant{{"1.5 billion dlrs", FigureMoney, 1.5e9, 1.5e9, "", "USD"}}},
		{"Shares fell 50 cts to 12.50 dlrs.",
			[]figWant{
				{"50 cts", FigureMoney, 0.5, 0.5, "", "USD"},
				{"12.50 dlrs", FigureMoney, 12.5, 12.5, "", "USD"},
			}},
		{"The charity raised tens of millions of dollars.",
			[]figWant{{"tens of millions of dollars", FigureMoney, 1e7, 99999999, "tens of millions", "USD"}}},
		{"The fund has $5m in reserve.",
			[]figWant{{"$5m", FigureMoney, 5e6, 5e6, "", "USD"}}},
		// A European thousands separator: "100.000" is not 100.
		{"The aid was worth 100.000 euros.",
			[]figWant{{"100.000 euros", FigureMoney, 100000, 100000, "", "EUR"}}},

		// FA-KES style: no thousands separators.
		{"The Observatory said 5812 civilians had been killed in the province.",
			[]figWant{{"5812 civilians", FigureCasualty, 5812, 5812, "", "civilians"}}},
		{"The death toll has reached 230000 since the start of the war.",
			[]figWant{{"230000", FigureCasualty, 230000, 230000, "", ""}}},
		{"WHO said in a statement putting the death toll at at least 70.",
			[]figWant{{"at least 70", FigureCasualty, 70, 70, "at least", ""}}},

		// Worded numbers, ranges and hedges.
		{"Between 200 and 300 people were killed in the attack.",
			[]figWant{{"Between 200 and 300 people", FigureCasualty, 200, 300, "between", "people"}}},
		{"Some 200-300 families fled the town overnight.",
			[]figWant{{"Some 200-300 families", FigureDisplacement, 200, 300, "around", "families"}}},
		{"Twenty-eight soldiers died in the ambush.",
			[]figWant{{"Twenty-eight soldiers", FigureCasualty, 28, 28, "", "soldiers"}}},
		{"A dozen civilians were wounded.",
			[]figWant{{"A dozen civilians", FigureCasualty, 12, 12, "", "civilians"}}},
		{"Two hundred and fifty families were evacuated from the district.",
			[]figWant{{"Two hundred and fifty families", FigureDisplacement, 250, 250, "", "families"}}},
		{"Nearly 2,000 people fled across the border.",
			[]figWant{{"Nearly 2,000 people", FigureDisplacement, 2000, 2000, "nearly", "people"}}},
		{"The rebels seized about 120 square kilometres of farmland.",
			[]figWant{{"about 120 square kilometres", FigureTerritory, 120, 120, "around", "km2"}}},
		{"Hundreds of thousands of refugees have crossed into Turkey.",
			[]figWant{{"Hundreds of thousands of refugees", FigureDisplacement, 100000, 999999, "hundreds of thousands", "refugees"}}},
		{"Two or three children were injured.",
			[]figWant{{"Two or three children", FigureCasualty, 2, 3, "", "children"}}},
		{"Up to 10 villages were shelled.",
			[]figWant{{"Up to 10 villages", FigureTerritory, 10, 10, "up to", "villages"}}},
		{"The army retook 15 km of the highway and a 10-km stretch of road.",
			[]figWant{
				{"15 km", FigureTerritory, 15, 15, "", "km"},
				{"10-km", FigureTerritory, 10, 10, "", "km"},
			}},
		{"Scores of people were arrested.",
			[]figWant{{"Scores of people", FigureOther, 40, 99, "scores", "people"}}},
		{"Fewer than 50 families remain in the village.",
			[]figWant{{"Fewer than 50 families", FigureOther, 50, 50, "less than", "families"}}},
		{"The chain closed 350 stores.",
			[]figWant{{"350 stores", FigureOther, 350, 350, "", "stores"}}},
		// "one" counts only with a noun of people in a casualty context.
		{"One civilian was killed and two were wounded.",
			[]figWant{
				{"One civilian", FigureCasualty, 1, 1, "", "civilian"},
				{"two", FigureCasualty, 2, 2, "", ""},
			}},
		{"Two-thirds of the country is under government control.",
			[]figWant{{"Two-thirds of the country", FigureTerritory, 66.67, 66.67, "", "%"}}},
		{"Rebels fired 12 rockets at the town.",
			[]figWant{{"12 rockets", FigureOther, 12, 12, "", "rockets"}}},
		{"The UN said 1.5 million Syrians had fled, and five civilian deaths were recorded.",
			[]figWant{
				{"1.5 million Syrians", FigureDisplacement, 1.5e6, 1.5e6, "", "syrians"},
				{"five civilian deaths", FigureCasualty, 5, 5, "", "deaths"},
			}},
		// A descriptive count of things is still a count of things.
		{"The town lies at the intersection of two highways.",
			[]figWant{{"two highways", FigureOther, 2, 2, "", "highways"}}},
	}
	for _, tt := range tests {
		checkFigures(t, tt.sentence, FindFigures(tt.sentence, lex), tt.want)
	}
}

// TestFindFiguresRules covers one rule per case, on hand-written
// sentences shaped like the labelled wire and BBC copy.
func TestFindFiguresRules(t *testing.T) {
	lex := figLexicon(t)
	tests := []struct {
		rule, sentence string
		want           []figWant
	}{
		{"pence glued on; a hedge of two words",
			"The board said 300p a share was too low and held out for just over 300p.",
			[]figWant{
				{"300p", FigureMoney, 3, 3, "", "GBP"},
				{"just over 300p", FigureMoney, 3, 3, "more than", "GBP"},
			}},
		{"coordinated modifiers before a listed noun",
			"About 900,000 military and civilian staff work at the ministry.",
			[]figWant{{"About 900,000 military and civilian staff", FigureOther, 900000, 900000, "around", "staff"}}},
		{"coordinated modifiers before an unlisted plural",
			"Ministers from 23 European and Arab countries attended.",
			[]figWant{{"23 European and Arab countries", FigureOther, 23, 23, "", "countries"}}},
		{"a worded number before an unlisted plural, with modifiers",
			"She has written six books, and two other writers joined the four-year project.",
			[]figWant{
				{"six books", FigureOther, 6, 6, "", "books"},
				{"two other writers", FigureOther, 2, 2, "", "writers"},
			}},
		{"a hyphenated plural",
			"Eight super-casinos are planned and he sent more than 100,000 e-mails.",
			[]figWant{
				{"Eight super-casinos", FigureOther, 8, 8, "", "super-casinos"},
				{"more than 100,000 e-mails", FigureOther, 100000, 100000, "more than", "e-mails"},
			}},
		{"a multiplier after a worded number",
			"The group was pumping up to one mln bpd and may buy as much as four mln tonnes of wheat.",
			[]figWant{
				{"up to one mln bpd", FigureOther, 1e6, 1e6, "up to", "barrels"},
				{"as much as four mln tonnes", FigureOther, 4e6, 4e6, "up to", "t"},
			}},
		{"tens of a counted noun",
			"Gunmen fired tens of shells on the town.",
			[]figWant{{"tens of shells", FigureOther, 20, 99, "tens", "shells"}}},
		{"a bare level after a change verb",
			"The death toll has risen to 86, and circulation rose by 20% to 260,000.",
			[]figWant{
				{"86", FigureCasualty, 86, 86, "", ""},
				{"20%", FigureOther, 20, 20, "", "%"},
				{"260,000", FigureOther, 260000, 260000, "", ""},
			}},
		{"a bare number too large to be anything but a count",
			"Amicus has 1.2 million members and the TGWU has 800,000.",
			[]figWant{
				{"1.2 million members", FigureOther, 1.2e6, 1.2e6, "", "members"},
				{"800,000", FigureOther, 800000, 800000, "", ""},
			}},
		{"a large number before capitalized words is not a name",
			"Iraq said its forces killed or wounded 15,000 Iranian Revolutionary Guards.",
			[]figWant{{"15,000", FigureCasualty, 15000, 15000, "", ""}}},
		{"numbers with their commas lost are not a phone number",
			"The toll has risen to 86 30 of them children.",
			[]figWant{
				{"86", FigureCasualty, 86, 86, "", ""},
				{"30 of them children", FigureCasualty, 30, 30, "", "children"},
			}},
		{"a proper plural of people",
			"At least 30 Alawites were shot dead.",
			[]figWant{{"At least 30 Alawites", FigureCasualty, 30, 30, "at least", "alawites"}}},
		{"an irregular plural of people",
			"The strike by 40,000 seamen entered its 10th day.",
			[]figWant{{"40,000 seamen", FigureOther, 40000, 40000, "", "seamen"}}},
		{"a multiple",
			"Sales should reach 8,000 vehicles, a five-fold rise.",
			[]figWant{
				{"8,000 vehicles", FigureOther, 8000, 8000, "", "vehicles"},
				{"five-fold", FigureOther, 5, 5, "", "fold"},
			}},
		{"a number of digits",
			"The rights were sold for a seven-figure sum.",
			[]figWant{{"seven-figure", FigureMoney, 1e6, 9999999, "figures", "figures"}}},
		{"a definite worded number is a count when it is cued",
			"The two soldiers were killed in the ambush.",
			[]figWant{{"two soldiers", FigureCasualty, 2, 2, "", "soldiers"}}},
		{"a coordinator joining cue words does not end the cue search",
			"The number of Britons dead or missing in the disaster has reached 440.",
			[]figWant{{"440", FigureCasualty, 440, 440, "", ""}}},
		{"a toll's level looks further back for its cue",
			"The death toll from the overnight air strikes on the two northern border villages has risen to 52.",
			[]figWant{{"52", FigureCasualty, 52, 52, "", ""}}},
		{"a coordinator right before a figure still starts a new conjunct",
			"Thousands were killed and around 10 million have been displaced.",
			[]figWant{
				{"Thousands", FigureCasualty, 2000, 9999, "thousands", ""},
				{"around 10 million", FigureDisplacement, 1e7, 1e7, "around", ""},
			}},
		{"a distance that measures, not locates",
			"The army retook 15 km of the road.",
			[]figWant{{"15 km", FigureTerritory, 15, 15, "", "km"}}},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			checkFigures(t, tt.sentence, FindFigures(tt.sentence, lex), tt.want)
		})
	}
}

// TestFindFiguresNone lists numbers that are not figures: dates, clock
// times, ages, durations, ordinals, names, labels, list numbers, phone
// numbers, pronouns and descriptions.
func TestFindFiguresNone(t *testing.T) {
	lex := figLexicon(t)
	for _, s := range []string{
		// Dates and years.
		"Assad regime soldiers were driven out over the weekend of November 30 and December 1.",
		"Photo taken in Idlib province on November 30, 2024.",
		"Published on 02/12/2024",
		"  • 2024/12/11",
		"On December 22, 2016, the last convoy of those besieged left.",
		"On Dec. 22 the last convoy left, and 30 Nov was quiet.",
		"I fled in 2016, because the regime was bombing us.",
		"the civil war that began in 2011 has killed many",
		"The 1990s were quieter, and he is in his 30s.",
		"The military operation was launched Wednesday by HTS.",
		"Output rose in the 1986/87 season.",
		// Clock times.
		"Published at 8:16 a.m.",
		"  • 1:37 pm",
		"The rebels have imposed a curfew until 5 p.m. Sunday (1400 GMT).",
		"Published 2024-11-29 23.32",
		"a curfew that ended at eight o’clock that morning",
		"Published on 02/12/2024 07:38",
		// Ages.
		"Batool, 24, talks about the current situation in Aleppo.",
		"The man, aged 35, was killed by a sniper.",
		"A 12-year-old boy was killed.",
		"She is 40 years old.",
		// Durations.
		"The rebels have imposed a 24-hour curfew in Aleppo.",
		"Moataz sees his city of Aleppo again for the first time in eight years.",
		"The wait extended for more than seven hours.",
		"Some of those stranded reached Athria after 21 hours of walking.",
		"In two days, the rebels entered the country's second city and took control.",
		"For the first time in almost five years, we hear rockets and shells.",
		"A ceasefire between Hezbollah and Israel, in open war for more than two months.",
		"Reading time: 2min",
		// Ordinals.
		"the rebels entered the country's second city for the first time",
		"On the 11th day of the offensive, the 2nd brigade withdrew.",
		// Names, models, codes.
		"The mystery surrounding the Nintendo Switch 2 is starting to fade.",
		"we see fighters advancing along the M5, the main road",
		"HTS, dominated by the former Syrian branch of Al-Qaeda, launched an offensive.",
		"The King of Jordan, Abdullah II, affirmed his support.",
		"COVID-19 spread fast, and a Su-24 was shot down.",
		"Resolution 2254 calls for elections.",
		"the score was 3-1 at half-time, in 4x4 cars with 5G phones",
		// Labels and list numbers.
		"See page 12 for details.",
		"1. Return of limited number of residents to Nubl and Zahra in Aleppo",
		"  3. Opposition factions enter Hama for first time after 11 years",
		// Phone numbers.
		"For help call 0944 123 456 at any time.",
		"Residents can ring +963 11 2234567.",
		// Pronouns, descriptions, partitives.
		"My grandfather is the only one going out, there is no one to restock them.",
		"It is one of the largest cities.",
		"A woman, who lost her daughter-in-law, a mother of five, told AFP.",
		"I saw two of my grandchildren next to me and I took them away.",
		"One man told AFP he was afraid.",
		// Vague words that are not counts.
		"Several districts in northern Aleppo are populated mainly by Syrian Kurds.",
		"They have managed to take control of a number of villages in the area.",
		"This violence is the first of this magnitude for several years in Syria.",
		"Many people were afraid.",
		"Several women and children were killed, and a few families fled.",
		"Few copies of the worm have been found, and a handful of users complained.",
		// Anaphoric counts, spans of time, dates before a noun, distances
		// that locate a place.
		"The two men faced charges, and the three companies declined to comment.",
		"The plant has been used for thousands of years, dozens of times a day.",
		"Airlines still feel the impact of the 11 September attacks.",
		"The hospital is about 15 km from the city and the plant some 40 kms east of the capital.",
		"The village lies just 12km southeast of the town, 10 miles away from the border.",
		// BBC shapes: ages, years, names, ratios.
		"He was 84, had been suffering from cancer for many years, and died at home.",
		"The producer has died at the age of 79, his family said.",
		"Parts of the Bill of Rights from 1689 were shown; under the 1989 Children Act bodies must act.",
		"The ball was flung wide in the dying seconds of the Six Nations' opening match.",
		"If you are going at 40mph, nine times out of ten they will die.",
		"I just thank God that no-one got injured.",
		"",
	} {
		if got := FindFigures(s, lex); len(got) != 0 {
			t.Errorf("%q: got %s, want none", s, figDump(got))
		}
	}
}

// seedFigures lists, for each seed, the figures expected on each line
// (1-based); lines not listed must have none. Every line was read by hand;
// the comments say what was checked on the lines with numbers.
var seedFigures = map[string]map[int][]string{
	// 000 (franceinfo): line 1 "In two days" is a duration and "second
	// city" an ordinal; 2 is a date and clock time; 3 "2min" a duration; 4
	// "November 30 and December 1" dates; 5 "eight years" a duration, "in
	// 2016" a year; 8 "M5" a road, "in 2017" a year; 9 "Batool, 24," an
	// age, "the only one", "no one" pronouns; 12 "several rebel areas"
	// is vague and counts places.
	"000_95ac2cc1406b2bec.txt": {
		4:  {"thousands of families|other"},
		12: {"dozens of civilians|casualty"},
	},
	// 001 (Le Devoir/AFP): 1 date; 2 clock time; 3, 8, 9, 10 years; 8
	// "several zones" vague; 12 "two of my grandchildren" a partitive
	// without a counted noun, "a mother of five" a description; 22
	// "Abdullah II"; 23 "March 2020"; 25 "24-hour" a duration, "5 p.m.",
	// "1400 GMT" clock times; 28, 29 "several districts/areas" vague places;
	// 30 "Switch 2" a model; 32 "November 30, 2024" a date.
	"001_9103c398c3a097b7.txt": {
		5:  {"dozens of towns|territory"},
		7:  {"More than 370 people|casualty"},
		11: {"200%|other", "up to €3,000|money", "180%|other", "up to $20,000|money", "five people|casualty", "four|casualty"},
		16: {"dozens of strategic localities|territory"},
		18: {"dozens|casualty"},
		31: {"$350 billion|money"},
		32: {"Six million euros|money"},
	},
	// 002 (AFP): 2 "several years"; 3, 4 years; 7 "almost five years" a
	// duration; 13 "two highways" a count of things (the seed labels leave
	// it out as descriptive; the guidelines count things); 17 "March
	// 2020"; 18 "more than two months" a duration, "in 2011" a year.
	"002_b75f09f5c1259ac2.txt": {
		1:  {"more than 300 dead|casualty"},
		9:  {"at least 311 dead|casualty", "183|casualty", "100 Syrian soldiers|casualty", "28 civilians|casualty"},
		12: {"tens of thousands of civilians|displacement"},
		13: {"around 70 localities|territory", "two highways|other"},
		15: {"two suicide attacks|other"},
		18: {"half a million dead|casualty", "millions|displacement"},
	},
	// 003 (Enab Baladi): 3 date; 4 clock time; 5, 7, 11, 21 "November
	// 29/30, 2024" dates; 11 "three days" a duration; 13 "four years" a
	// duration, "no one"; 17 "M5"; 21 "eight o’clock"; 29 "several
	// streets"; 39 "more than seven hours" a duration; 41 "21 hours" a
	// duration; 51 "December 22, 2016", "more than four years"; 53 "since
	// 2011"; 65-68 list numbers, "limited number of residents", "after 11
	// years" a duration.
	"003_0fd2f5f3d2ca3a6d.txt": {
		31: {"dozens of cars and buses|other"},
		37: {"thousands of vehicles|other"},
		39: {"hundreds of stranded vehicles|other", "100,000 Syrian pounds|money", "6 USD|money"},
	},
	// 004 (Swedish outlet, translated): 1 date and clock time "23.32"; 6
	// "eight years" a duration; 8 "second largest"; 9 "several women and
	// children" names no number; 14 "a number of villages" vague; 17 "in
	// 2016".
	"004_2dacdb29af72ca92.txt": {
		9:  {"thousands of rebels|other", "At least 130 people|casualty"},
		13: {"half the city|territory"},
		16: {"At least 130 people|casualty"},
	},
}

func TestFindFiguresSeeds(t *testing.T) {
	lex := figLexicon(t)
	files, err := filepath.Glob(filepath.Join("..", "seeds", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no seeds: %v", err)
	}
	for _, f := range files {
		want, ok := seedFigures[filepath.Base(f)]
		if !ok {
			t.Errorf("%s: no expectations", f)
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for n, line := range strings.Split(string(data), "\n") {
			got := FindFigures(line, lex)
			figCheckSpans(t, line, got)
			var texts []string
			for _, m := range got {
				texts = append(texts, m.Text+"|"+m.Subkind)
			}
			if strings.Join(texts, "; ") != strings.Join(want[n+1], "; ") {
				t.Errorf("%s:%d: got %q, want %q", filepath.Base(f), n+1, texts, want[n+1])
			}
		}
	}
}

// figCorpus returns the path of a corpus beside the checkout, skipping the
// test when it is absent.
func figCorpus(t *testing.T, sub string) string {
	t.Helper()
	return corpustest.Dir(t, sub)
}

// TestFindFiguresBBC runs over every BBC article, paragraph by paragraph:
// no panic, spans valid, and the £ amounts written "£Nm" or "£Nbn" found
// as money.
func TestFindFiguresBBC(t *testing.T) {
	dir := figCorpus(t, filepath.Join("bbc-news", "bbc"))
	lex := figLexicon(t)
	files, err := filepath.Glob(filepath.Join(dir, "*", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Skipf("no BBC articles in %s", dir)
	}
	pounds := regexp.MustCompile(`£[0-9][0-9.,]*(?:m|bn)\b`)
	var figures, money, poundsSeen, poundsFound int
	subkinds := map[string]int{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, para := range strings.Split(string(data), "\n") {
			got := FindFigures(para, lex)
			figCheckSpans(t, para, got)
			figures += len(got)
			for _, m := range got {
				subkinds[m.Subkind]++
				if m.Subkind == FigureMoney {
					money++
				}
			}
			for _, loc := range pounds.FindAllStringIndex(para, -1) {
				poundsSeen++
				for _, m := range got {
					if m.Start <= loc[0] && loc[1] <= m.End && m.Subkind == FigureMoney && m.Quantity != nil && m.Quantity.Unit == "GBP" && m.Quantity.Min >= 1e6 {
						poundsFound++
						break
					}
				}
			}
		}
	}
	t.Logf("%d articles: %d figures %v; £ amounts %d/%d", len(files), figures, subkinds, poundsFound, poundsSeen)
	if poundsSeen == 0 || float64(poundsFound) < 0.97*float64(poundsSeen) {
		t.Errorf("found %d of %d £m/£bn amounts as GBP money", poundsFound, poundsSeen)
	}
}

// TestFindFiguresReuters runs over the bodies of the Reuters-21578
// stories: no panic, spans valid, and "N mln dlrs" and "N pct" found as
// USD money and percentages.
func TestFindFiguresReuters(t *testing.T) {
	dir := figCorpus(t, "reuters21578")
	lex := figLexicon(t)
	files, err := filepath.Glob(filepath.Join(dir, "reut2-*.sgm"))
	if err != nil || len(files) == 0 {
		t.Skipf("no Reuters files in %s", dir)
	}
	body := regexp.MustCompile(`(?s)<BODY>(.*?)</BODY>`)
	mlnDlrs := regexp.MustCompile(`\b[0-9][0-9.,]* mln dlrs\b`)
	pct := regexp.MustCompile(`\b[0-9][0-9.,]* pct\b`)
	var stories, figures int
	var dlrsSeen, dlrsFound, pctSeen, pctFound int
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range body.FindAllStringSubmatch(string(data), -1) {
			stories++
			text := strings.Join(strings.Fields(html.UnescapeString(m[1])), " ")
			got := FindFigures(text, lex)
			figCheckSpans(t, text, got)
			figures += len(got)
			covered := func(loc []int, unit string) bool {
				for _, g := range got {
					if g.Start <= loc[0] && loc[1] <= g.End && g.Quantity != nil && g.Quantity.Unit == unit {
						return true
					}
				}
				return false
			}
			for _, loc := range mlnDlrs.FindAllStringIndex(text, -1) {
				dlrsSeen++
				if covered(loc, "USD") {
					dlrsFound++
				}
			}
			for _, loc := range pct.FindAllStringIndex(text, -1) {
				pctSeen++
				if covered(loc, "%") {
					pctFound++
				}
			}
		}
	}
	t.Logf("%d stories: %d figures; mln dlrs %d/%d; pct %d/%d", stories, figures, dlrsFound, dlrsSeen, pctFound, pctSeen)
	if dlrsSeen == 0 || float64(dlrsFound) < 0.97*float64(dlrsSeen) {
		t.Errorf("found %d of %d \"mln dlrs\" amounts as USD", dlrsFound, dlrsSeen)
	}
	if pctSeen == 0 || float64(pctFound) < 0.97*float64(pctSeen) {
		t.Errorf("found %d of %d \"pct\" figures as %%", pctFound, pctSeen)
	}
}

// TestFindFiguresFAKES checks casualty figures against FA-KES's own
// annotations: where an article's crowdsourced civilian death count
// appears in its text as a number, FindFigures should find it as a
// casualty figure.
func TestFindFiguresFAKES(t *testing.T) {
	dir := figCorpus(t, "fakes-syria")
	lex := figLexicon(t)
	data, err := os.ReadFile(filepath.Join(dir, "fakes.csv"))
	if err != nil {
		t.Skipf("FA-KES not readable: %v", err)
	}
	// Latin-1 to UTF-8.
	runes := make([]rune, len(data))
	for i, b := range data {
		runes[i] = rune(b)
	}
	rows, err := csv.NewReader(strings.NewReader(string(runes))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, name := range rows[0] {
		col[name] = i
	}
	var checked, found int
	for _, row := range rows[1:] {
		text := row[col["article_content"]]
		got := FindFigures(text, lex)
		figCheckSpans(t, text, got)
		n, err := strconv.Atoi(row[col["nb_civilians"]])
		if err != nil || n < 2 || !regexp.MustCompile(`\b`+strconv.Itoa(n)+`\b`).MatchString(text) {
			continue
		}
		checked++
		for _, m := range got {
			if m.Subkind == FigureCasualty && m.Quantity != nil && (m.Quantity.Min == float64(n) || m.Quantity.Max == float64(n)) {
				found++
				break
			}
		}
	}
	t.Logf("FA-KES: %d articles state their civilian count in digits; found as casualty figures in %d", checked, found)
	if checked == 0 || float64(found) < 0.8*float64(checked) {
		t.Errorf("found %d of %d annotated civilian counts", found, checked)
	}
}

// BenchmarkFindFigures runs over a 1 MB paragraph made of the seeds.
func BenchmarkFindFigures(b *testing.B) {
	lex := figLexicon(b)
	files, _ := filepath.Glob(filepath.Join("..", "seeds", "*.txt"))
	var sb strings.Builder
	for sb.Len() < 1<<20 {
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			sb.WriteString(strings.Join(strings.Fields(string(data)), " "))
			sb.WriteByte(' ')
		}
	}
	text := sb.String()
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for b.Loop() {
		FindFigures(text, lex)
	}
}

// figPathological returns inputs of about n bytes built to make a naive
// scanner quadratic: long runs of hedges, scale words, hyphens, commas
// and numbers in one sentence.
func figPathological(n int) map[string]string {
	rep := func(s string) string { return strings.Repeat(s, n/len(s)+1) }
	return map[string]string{
		"numbers":     "killed 5 people " + rep("x 5 "),
		"commas":      "killed 5 people" + rep(",") + rep(" 4"),
		"scales":      "five " + rep("million "),
		"hedges":      rep("more than at least "),
		"hyphens":     rep("5 a-") + "b",
		"digits":      rep("1,000"),
		"worded":      rep("twenty-"),
		"openers":     rep("“(") + "1",
		"noun-chains": rep("dozens of Syrian "),
	}
}

// TestFindFiguresLinear runs FindFigures over 1 MB inputs built to trip a
// quadratic scanner; one that was would not finish in the test timeout.
func TestFindFiguresLinear(t *testing.T) {
	lex := figLexicon(t)
	for name, s := range figPathological(1 << 20) {
		got := FindFigures(s, lex)
		figCheckSpans(t, s, got)
		t.Logf("%s: %d bytes, %d figures", name, len(s), len(got))
	}
}

// TestFigureLexiconCompileErrors checks that compile rejects broken data.
func TestFigureLexiconCompileErrors(t *testing.T) {
	data, err := fs.ReadFile(embeddedLexicon, "lexicon/figures.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		spoil func(*FigureLexicon)
	}{
		{"no version", func(l *FigureLexicon) { l.Version = 0 }},
		{"vague min > max", func(l *FigureLexicon) { l.Vague[0].Min, l.Vague[0].Max = 99, 24 }},
		{"unit subkind", func(l *FigureLexicon) { l.Units[0].Subkind = "weather" }},
		{"currency code", func(l *FigureLexicon) { l.Currencies[0].Code = "" }},
		{"phrase with a numeral", func(l *FigureLexicon) { l.Approximators[0].Phrases = []string{"more than 3"} }},
		{"empty cue list", func(l *FigureLexicon) { l.Cues.Casualty = nil }},
		{"two-word flag", func(l *FigureLexicon) { l.Grammar.Partitive = []string{"out of"} }},
		{"years", func(l *FigureLexicon) { l.NotFigures.Years.Min = 3000 }},
		{"cue window", func(l *FigureLexicon) { l.CueWindow = 0 }},
		{"glued suffix", func(l *FigureLexicon) { l.Currencies[0].Glued = []string{"p."} }},
		{"empty locators", func(l *FigureLexicon) { l.NotFigures.Locators = nil }},
	}
	for _, tt := range tests {
		lex := &FigureLexicon{}
		if err := DecodeYAML("figures.yaml", data, lex); err != nil {
			t.Fatal(err)
		}
		tt.spoil(lex)
		if err := lex.compile(); err == nil {
			t.Errorf("%s: compile accepted broken data", tt.name)
		}
	}
	// Unknown keys are errors (DecodeYAML is strict).
	if err := DecodeYAML("figures.yaml", append(data, "\nunknown_key: 1\n"...), &FigureLexicon{}); err == nil {
		t.Error("DecodeYAML accepted an unknown key")
	}
}
