package eval

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/sourcecheck/sourcecheck/audit"
	"github.com/sourcecheck/sourcecheck/rules"
)

func TestTrimQuote(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"We won.", "We won"},
		{" “We won!” ", "We won"},
		{"– Our forces have begun,", "Our forces have begun"},
		{"a disaster…", "a disaster"},
		{"'it is over'", "it is over"},
		{"...", ""},
		{"Mr. Smith's view", "Mr. Smith's view"},
	}
	for _, tt := range tests {
		s, e := TrimQuote(tt.in, 0, len(tt.in))
		if got := tt.in[s:e]; got != tt.want {
			t.Errorf("TrimQuote(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestMatchGreedy(t *testing.T) {
	tests := []struct {
		name      string
		gold      []span
		pred      []span
		quotes    bool // matchQuotes instead of matchOverlap
		wantG2P   []int
		wantP2G   []int
		wantCount PRF
	}{
		{
			name:    "largest overlap first, one to one",
			gold:    []span{{0, 10}, {12, 30}},
			pred:    []span{{8, 20}, {0, 9}},
			wantG2P: []int{1, 0}, wantP2G: []int{1, 0},
			wantCount: PRF{TP: 2},
		},
		{
			name:    "two predictions in one gold span",
			gold:    []span{{0, 20}},
			pred:    []span{{0, 5}, {6, 20}},
			wantG2P: []int{1}, wantP2G: []int{-1, 0},
			wantCount: PRF{TP: 1, FP: 1},
		},
		{
			name:    "no overlap",
			gold:    []span{{0, 5}},
			pred:    []span{{5, 9}},
			wantG2P: []int{-1}, wantP2G: []int{-1},
			wantCount: PRF{FP: 1, FN: 1},
		},
		{
			name:    "quotes within tolerance",
			gold:    []span{{10, 50}, {60, 80}},
			pred:    []span{{13, 47}, {60, 84}},
			quotes:  true,
			wantG2P: []int{0, -1}, wantP2G: []int{0, -1},
			wantCount: PRF{TP: 1, FP: 1, FN: 1},
		},
		{
			name:    "quote tie broken by position",
			gold:    []span{{10, 20}},
			pred:    []span{{12, 20}, {10, 18}},
			quotes:  true,
			wantG2P: []int{0}, wantP2G: []int{0, -1},
			wantCount: PRF{TP: 1, FP: 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			match := matchOverlap
			if tt.quotes {
				match = matchQuotes
			}
			g2p, p2g := match(tt.gold, tt.pred)
			if !slices.Equal(g2p, tt.wantG2P) || !slices.Equal(p2g, tt.wantP2G) {
				t.Errorf("match = %v, %v; want %v, %v", g2p, p2g, tt.wantG2P, tt.wantP2G)
			}
			if got := count(g2p, p2g, nil); got != tt.wantCount {
				t.Errorf("count = %+v; want %+v", got, tt.wantCount)
			}
		})
	}
}

func TestSameSpeaker(t *testing.T) {
	reg := rules.DefaultRegistry()
	ref := func(id, name string) *audit.SourceRef { return &audit.SourceRef{ID: id, Name: name} }
	tests := []struct {
		gold string
		pred *audit.SourceRef
		want bool
	}{
		{"", nil, true},
		{"", ref("person:x", "X"), false},
		{"Moataz", nil, false},
		{"Moataz", ref("person:moataz", "Moataz"), true},
		{"Bashar al-Assad", ref("person:assad", "Assad"), true},
		{"Mr Assad", ref("person:bashar-al-assad", "Bashar al-Assad"), true},
		{"Rami Abdel Rahmane", ref("person:r", "rami abdel rahmane"), true},
		{"Émile Zola", ref("person:z", "Emile ZOLA"), true},
		{"the Pentagon", ref("pentagon", "Pentagon"), true},
		{"Dr Smith", ref("person:smith", "Smith"), true},
		{"SOHR", ref("sohr", "Syrian Observatory for Human Rights"), true},
		{"SOHR", ref("reuters", "Reuters"), false},
		{"a woman", ref("unnamed:resident", "a resident"), false},
		{"a spokesman", ref("unnamed:spokesman", "the spokesman"), true},
		{"Dareen Khalifa", ref("person:moataz", "Moataz"), false},
	}
	for _, tt := range tests {
		name := "nil"
		if tt.pred != nil {
			name = tt.pred.Name
		}
		if got := SameSpeaker(tt.gold, tt.pred, reg); got != tt.want {
			t.Errorf("SameSpeaker(%q, %s) = %v; want %v", tt.gold, name, got, tt.want)
		}
	}
}

func TestNormalizeName(t *testing.T) {
	tests := map[string]string{
		"Mr. Bashar al-Assad": "bashar al assad",
		"The  Kremlin":        "kremlin",
		"Dr Ángela Müller":    "angela muller",
		"O'Brien":             "obrien",
	}
	for in, want := range tests {
		if got := NormalizeName(in); got != want {
			t.Errorf("NormalizeName(%q) = %q; want %q", in, got, want)
		}
	}
}

// fixture is a hand-built article with labels and predictions whose
// scores are known exactly.
const fixtureText = `He said “We won the war.” Officials said 300 people died, reportedly. ` +
	`The “government” fell. “It is over”, said Ali Hassan. Dr Smith called it “a disaster”. Some 20 tanks moved.`

func fixtureSpan(t *testing.T, sub string, nth int) (int, int) {
	t.Helper()
	off := 0
	for i := 0; ; i++ {
		j := strings.Index(fixtureText[off:], sub)
		if j < 0 {
			t.Fatalf("%q (#%d) not in fixture", sub, nth)
		}
		if i == nth {
			return off + j, off + j + len(sub)
		}
		off += j + len(sub)
	}
}

func fixture(t *testing.T, article string) (Label, *audit.Document) {
	t.Helper()
	sp := func(sub string) Span {
		s, e := fixtureSpan(t, sub, 0)
		return Span{Start: s, End: e, H: ShortHash(sub)}
	}
	as := func(sub string) audit.Span {
		s, e := fixtureSpan(t, sub, 0)
		return audit.Span{Start: s, End: e}
	}
	label := Label{
		Article: article,
		Quotes: []QuoteLabel{
			{Span: sp("We won the war."), Kind: KindDirect, Speaker: "Bashar al-Assad"},
			{Span: sp("It is over"), Kind: KindDirect, Speaker: "Ali Hassan"},
			{Span: sp("a disaster"), Kind: KindPartial, Speaker: "Dr Smith"},
		},
		Figures: []FigureLabel{
			{Span: sp("300 people"), Subkind: SubkindCasualty, Source: "Officials"},
			{Span: sp("20 tanks"), Subkind: SubkindOther},
		},
		Vague: []VagueLabel{{Span: sp("reportedly")}},
	}
	officials := &audit.Attribution{Source: audit.SourceRef{ID: "unnamed:officials", Name: "Officials"}}
	quote := func(inner string, kind audit.QuoteKind, speaker *audit.SourceRef) audit.Quote {
		return audit.Quote{Inner: as(inner), Kind: kind, Speaker: speaker}
	}
	doc := audit.NewDocument(article, audit.FormatText, fixtureText)
	doc.Quotes = []audit.Quote{
		quote("We won the war.”", audit.QuoteDirect, &audit.SourceRef{ID: "person:assad", Name: "Assad"}), // matches despite the mark
		quote("government", audit.QuoteScare, nil),                                                        // not labelled, not a false positive
		quote("It is over", audit.QuotePartial, nil),                                                      // wrong kind, speaker and attribution
		quote("a disaster", audit.QuotePartial, &audit.SourceRef{ID: "person:smith", Name: "Smith"}),
		quote("Some 20 tanks moved", audit.QuoteDirect, nil), // spurious
	}
	doc.Claims = []audit.Claim{
		{Span: doc.Quotes[0].Span, Kind: audit.ClaimQuote, Quote: 0, Attribution: &audit.Attribution{Source: *doc.Quotes[0].Speaker}},
		{Span: as("300"), Kind: audit.ClaimFigure, Subkind: SubkindCasualty, Quote: -1, Attribution: officials},
		{Span: as("Ali"), Kind: audit.ClaimFigure, Subkind: SubkindOther, Quote: -1}, // spurious
		{Span: as("Some 20 tanks"), Kind: audit.ClaimFigure, Subkind: SubkindCasualty, Quote: -1, Attribution: officials},
		{Span: doc.Quotes[4].Span, Kind: audit.ClaimQuote, Quote: 4},
	}
	doc.VagueCues = []audit.Cue{{Text: "reportedly", Span: as("reportedly")}, {Text: "said", Span: as("said")}}
	return label, doc
}

func TestScoreArticle(t *testing.T) {
	label, doc := fixture(t, "seeds/fixture.txt")
	m, mis := ScoreArticle(label, doc)
	want := Metrics{
		Articles:       1,
		DirectQuotes:   PRF{TP: 1, FP: 1, FN: 1},
		PartialQuotes:  PRF{TP: 1, FP: 1},
		AnyQuotes:      PRF{TP: 3, FP: 1},
		Speakers:       Accuracy{Correct: 2, Total: 3},
		NamedSpeakers:  Accuracy{Correct: 2, Total: 3},
		Figures:        PRF{TP: 2, FP: 1},
		FigureSubkinds: Accuracy{Correct: 1, Total: 2},
		Attributed:     Accuracy{Correct: 3, Total: 5},
		VagueCues:      PRF{TP: 1, FP: 1},
	}
	if m != want {
		t.Errorf("ScoreArticle metrics =\n%+v\nwant\n%+v", m, want)
	}
	var got []string
	for _, x := range mis {
		got = append(got, x.Detector+"/"+x.Kind)
	}
	slices.Sort(got)
	wantMis := []string{
		"attribution/wrong", "attribution/wrong", "figure/spurious", "figure_subkind/wrong",
		"quote/spurious", "quote_kind/wrong", "speaker/wrong", "vague_cue/spurious",
	}
	if !slices.Equal(got, wantMis) {
		t.Errorf("mismatches = %v; want %v", got, wantMis)
	}
	for _, x := range mis {
		if x.Detector == DetSpeaker {
			if x.Gold == nil || x.Pred == nil || x.Gold.Text != "It is over" || x.Gold.H != ShortHash("It is over") || !strings.Contains(x.Gold.Detail, "Ali Hassan") {
				t.Errorf("speaker mismatch = %+v / %+v", x.Gold, x.Pred)
			}
		}
	}
}

func TestScoreArticleDashAndEmptySpeaker(t *testing.T) {
	const text = "– Our forces have begun the attack, says the coalition. “Nobody knows.”"
	idx := func(sub string) (int, int) { i := strings.Index(text, sub); return i, i + len(sub) }
	s0, e0 := idx("Our forces have begun the attack")
	s1, e1 := idx("Nobody knows.")
	label := Label{Article: "seeds/dash.txt", Quotes: []QuoteLabel{
		{Span: Span{Start: s0, End: e0}, Kind: KindDash, Speaker: "the coalition"},
		{Span: Span{Start: s1, End: e1}, Kind: KindDirect},
	}}
	doc := audit.NewDocument("dash", audit.FormatText, text)
	ps, pe := idx("Our forces have begun the attack,")
	doc.Quotes = []audit.Quote{
		{Inner: audit.Span{Start: ps, End: pe}, Kind: audit.QuoteDash, Speaker: &audit.SourceRef{ID: "unnamed:coalition", Name: "coalition"}},
		{Inner: audit.Span{Start: s1, End: e1 - 1}, Kind: audit.QuoteDirect},
	}
	m, mis := ScoreArticle(label, doc)
	if m.DirectQuotes != (PRF{TP: 2}) || m.Speakers != (Accuracy{2, 2}) || m.NamedSpeakers != (Accuracy{1, 1}) || m.Attributed != (Accuracy{2, 2}) {
		t.Errorf("metrics = %+v; mismatches %+v", m, mis)
	}
}

func TestScoreSetsAndTotals(t *testing.T) {
	l1, d1 := fixture(t, "seeds/a.txt")
	l2, d2 := fixture(t, "corpus:reuters21578/reut2-000.sgm#NEWID=1")
	l3, d3 := fixture(t, "corpus:bbc-news/bbc/tech/001.txt")
	r := Score([]Case{{Label: l2, Doc: d2}, {Label: l1, Doc: d1}, {Set: "bbc", Label: l3, Doc: d3}}, []string{"x: corpora not available"})
	var names []string
	for _, s := range r.Sets {
		names = append(names, s.Name)
	}
	if !slices.Equal(names, []string{SetSeeds, SetBBC, SetReuters}) {
		t.Errorf("sets = %v; want seeds, bbc, reuters", names)
	}
	if r.Total.Articles != 3 || r.Total.Figures != (PRF{TP: 6, FP: 3}) || r.Total.Attributed != (Accuracy{9, 15}) {
		t.Errorf("total = %+v", r.Total)
	}
	if r.Complete() || len(r.Mismatches) != 24 {
		t.Errorf("Complete = %v, %d mismatches; want false, 24", r.Complete(), len(r.Mismatches))
	}
	if r.Mismatches[0].Set != SetSeeds || r.Mismatches[len(r.Mismatches)-1].Set != SetReuters {
		t.Errorf("mismatches not ordered by set: first %s, last %s", r.Mismatches[0].Set, r.Mismatches[len(r.Mismatches)-1].Set)
	}
	v, ok := r.Total.Value("direct_quotes.f1")
	if !ok || !v.OK || fmt.Sprintf("%.4f", v.V) != "0.5000" || v.N != 6 {
		t.Errorf("direct_quotes.f1 = %+v", v)
	}
}

func TestRatiosUndefined(t *testing.T) {
	var m Metrics
	for _, v := range m.Values() {
		if v.OK {
			t.Errorf("%s defined on empty metrics", v.Name)
		}
	}
	if p, ok := (PRF{FN: 2}).Precision(); ok || p != 0 {
		t.Errorf("precision with nothing predicted = %v, %v", p, ok)
	}
	if r, ok := (PRF{FN: 2}).Recall(); !ok || r != 0 {
		t.Errorf("recall = %v, %v; want 0, true", r, ok)
	}
}

func TestSetOf(t *testing.T) {
	tests := []struct {
		l    Label
		want string
	}{
		{Label{File: "eval/labels/bbc/tech-075.yaml"}, SetBBC},
		{Label{Article: "seeds/x.txt"}, SetSeeds},
		{Label{Article: "corpus:fakes-syria/fakes.csv#unit_id=1"}, SetFakes},
		{Label{Article: "corpus:reuters21578/reut2-000.sgm#NEWID=5"}, SetReuters},
	}
	for _, tt := range tests {
		if got := SetOf(tt.l); got != tt.want {
			t.Errorf("SetOf(%+v) = %q; want %q", tt.l, got, tt.want)
		}
	}
}

func TestWriters(t *testing.T) {
	l1, d1 := fixture(t, "seeds/a.txt")
	l2, d2 := fixture(t, "corpus:bbc-news/bbc/tech/001.txt")
	r := Score([]Case{{Label: l1, Doc: d1}, {Label: l2, Doc: d2}}, nil)
	const corpusOnly = "Ali" // predicted figure text, in both articles

	var text bytes.Buffer
	if err := r.WriteText(&text, TextOptions{Mismatches: true}); err != nil {
		t.Fatal(err)
	}
	out := text.String()
	for _, want := range []string{"== seeds (1 articles)", "== total (2 articles)", "P 0.500  R 0.500  F1 0.500   tp 2 fp 2 fn 2", "mismatches (16)", "corpus:bbc-news/bbc/tech/001.txt [bbc]"} {
		if !strings.Contains(out, want) {
			t.Errorf("text output lacks %q:\n%s", want, out)
		}
	}
	bbcPart := out[strings.Index(out, "corpus:bbc-news"):]
	if strings.Contains(bbcPart, `"`+corpusOnly+`"`) {
		t.Errorf("text output shows corpus text without CorpusText:\n%s", bbcPart)
	}
	text.Reset()
	if err := r.WriteText(&text, TextOptions{Mismatches: true, CorpusText: true}); err != nil {
		t.Fatal(err)
	}
	if bbc := text.String()[strings.Index(text.String(), "corpus:bbc-news"):]; !strings.Contains(bbc, `"`+corpusOnly+`"`) {
		t.Errorf("text output hides corpus text with CorpusText:\n%s", bbc)
	}

	var md bytes.Buffer
	if err := r.WriteMarkdown(&md); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"| detector | precision | recall | F1 / accuracy | n | goal |",
		"| Direct quotes (direct + dash spans) | 0.500 | 0.500 | 0.500 | 4 | f1 ≥ 0.95: not met |",
		"| Quote speakers |  |  | 0.667 | 6 | accuracy ≥ 0.90: not met |",
		"| bbc | 1 | 0.500 | 0.667 | 0.800 | 0.600 | 0.500 |",
	} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("markdown lacks %q:\n%s", want, md.String())
		}
	}

	var js bytes.Buffer
	if err := r.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	var decoded struct {
		Total struct {
			Values []jsonValue `json:"values"`
		} `json:"total"`
		Mismatches []Mismatch `json:"mismatches"`
	}
	if err := json.Unmarshal(js.Bytes(), &decoded); err != nil {
		t.Fatalf("WriteJSON output does not decode: %v", err)
	}
	for _, m := range decoded.Mismatches {
		for _, it := range []*Item{m.Gold, m.Pred} {
			if it != nil && m.Corpus && it.Text != "" {
				t.Errorf("JSON carries corpus text: %+v", m)
			}
			if it != nil && !m.Corpus && it.Text == "" {
				t.Errorf("JSON lacks seed text: %+v", m)
			}
		}
	}
	if len(decoded.Total.Values) == 0 || decoded.Total.Values[0].Name != "direct_quotes.precision" || decoded.Total.Values[0].Value == nil {
		t.Errorf("JSON total values = %+v", decoded.Total.Values)
	}
}
