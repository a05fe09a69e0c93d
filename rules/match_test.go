package rules

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestMatchSeedSentences uses sentences from the seed articles (seeds/).
func TestMatchSeedSentences(t *testing.T) {
	tests := []struct {
		sentence string
		want     []string // source IDs of the named (not back-reference) mentions, in order
	}{
		{"More than 370 people in total have been killed, according to the SOHR, a UK-based NGO that relies on a vast network of sources in Syria.",
			[]string{"sohr", "unnamed-source"}},
		{"Entering Aleppo on Friday, “HTS and allied rebel factions took control of most of the city, government buildings and prisons,” said the Syrian Observatory for Human Rights (OSDH).",
			[]string{"hts", "sohr", "sohr"}},
		{"The Russian army announced that its air force had bombed “extremist” groups in Syria on Friday, in support of the regime’s forces, according to Russian agencies.",
			[]string{"russian-mod", "russian-agencies"}},
		{"According to the Syrian Observatory for Human Rights, the offensive is led by the Al-Qaeda-linked jihadist group Hayat Tahrir al-Sham, writes France 24.",
			[]string{"sohr", "hts", "france24"}},
		{"– Our forces have begun to enter the city of Aleppo, says the newly formed rebel coalition in a statement, according to CNN.",
			[]string{"cnn"}},
		{"In these regions, thousands of families are celebrating their return after years of exile, as they told franceinfo.",
			[]string{"franceinfo"}},
		{"By the evening hours, a state of confusion and shock was evident in the streets, as reported by an Enab Baladi correspondent in Aleppo, amidst the residents’ bewilderment over their next steps",
			[]string{"enab-baladi", "eyewitness"}},
		{"“The regime lines have collapsed at an incredible pace, which has taken everyone by surprise,” said Dareen Khalifa, an expert at the International Crisis Group.",
			[]string{"icg"}},
		{"– We are working so that the Syrian government can quickly restore order in the area, says Kremlin spokesman Dmitry Peskov.",
			[]string{"syrian-government", "kremlin", "kremlin"}},
		{"“For the first time since the start of the conflict in 2011, Aleppo is out of the control of the Syrian regime forces,” Rami Abdel Rahmane, the director of the SOHR, told AFP on Sunday.",
			[]string{"syrian-army", "sohr", "sohr", "afp"}},
		{"The White House has judged that the Syrian regime is suffering the consequences of “its refusal” to engage in a political dialogue",
			[]string{"white-house", "syrian-government"}},
		{"Iran “firmly supports the army and the government” of this country, affirmed its head of diplomacy, Abbas Araghchi, on Sunday before leaving for Damascus.",
			[]string{"iran-foreign-ministry"}},
		{"Several districts in northern Aleppo are populated mainly by Syrian Kurds under the authority of the People's Protection Units (YPG), the main component of the Syrian Democratic Forces (SDF)",
			[]string{"ypg", "ypg", "sdf", "sdf"}},
		{"The Turkish army, which controls several areas of northern Syria after having expelled Kurdish forces, had called on Friday for an “end” to the “attacks” on Idlib",
			[]string{"turkish-army"}},
		{"A week ago, since the factions entered the neighborhoods of Aleppo, the Syrian Salvation Government (SSG) took over the city’s affairs and administration",
			[]string{"ssg", "ssg"}},
		{"On Friday morning (November 29), the atmosphere was generally calm in the city, but traffic was sparse, especially after the Military Operations Administration declared a curfew",
			[]string{"military-operations-administration"}},
		{"The military operation was launched Thursday by HTS, Hayat Tahrir el Sham, an Islamist group classified as terrorist.",
			[]string{"hts", "hts"}},
		{"Photo: Muhammad Hay Kadour Agence France-Presse Anti-government fighters pose for a photo on a tank",
			[]string{"afp"}},
		{"full screen Heavy clouds of smoke in Aleppo. Photo: Ghaith Alsayed / AP",
			[]string{"ap"}},
		{"The King of Jordan, Abdullah II, affirmed on Sunday his support for the “territorial integrity” of Syria.",
			nil}, // "King of Jordan, Abdullah II" is not an alias: only "King Abdullah II" is
	}
	r := DefaultRegistry()
	for _, tt := range tests {
		t.Run(tt.sentence[:min(40, len(tt.sentence))], func(t *testing.T) {
			var got []string
			for _, m := range r.Match(tt.sentence) {
				if !m.BackRef {
					got = append(got, m.SourceID)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Match = %v, want %v\n%s", got, tt.want, mentionsString(tt.sentence, r.Match(tt.sentence)))
			}
		})
	}
}

// TestMatchSeedFiles checks every organisation each seed article cites is
// found in it.
func TestMatchSeedFiles(t *testing.T) {
	want := map[string][]string{
		"000_95ac2cc1406b2bec.txt": {"hts", "franceinfo", "syrian-government", "russian-mod", "eyewitness"},
		"001_9103c398c3a097b7.txt": {"afp", "sohr", "syrian-army", "hts", "iran-foreign-ministry", "white-house", "icg", "ypg", "sdf", "turkish-army", "hezbollah", "ap"},
		"002_b75f09f5c1259ac2.txt": {"sohr", "afp", "hts", "russian-mod", "russian-agencies", "syrian-army", "ssg", "eyewitness"},
		"003_0fd2f5f3d2ca3a6d.txt": {"enab-baladi", "military-operations-administration", "sdf", "hts", "ssg", "syrian-army"},
		"004_2dacdb29af72ca92.txt": {"cnn", "sohr", "france24", "hts", "kremlin", "ap", "syrian-army"},
	}
	r := DefaultRegistry()
	for file, ids := range want {
		data, err := os.ReadFile(filepath.Join("..", "seeds", file))
		if err != nil {
			t.Fatal(err)
		}
		found := map[string]bool{}
		for _, m := range r.Match(string(data)) {
			found[m.SourceID] = true
		}
		for _, id := range ids {
			if !found[id] {
				t.Errorf("%s: %s not found", file, id)
			}
		}
	}
}

func TestMatchNormalisation(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // the mentions as written, text[Start:End]
		wantIDs    []string
	}{
		{"accents and case", "selon l’Observatoire Syrien des Droits de l'Homme (OSDH), basé à Londres",
			[]string{"Observatoire Syrien des Droits de l'Homme", "OSDH"}, []string{"sohr", "sohr"}},
		{"accents removed in text", "selon l'Observatoire syrien des droits de l’homme",
			[]string{"Observatoire syrien des droits de l’homme"}, []string{"sohr"}},
		{"accent in alias, none in text", "selon Medecins Sans Frontieres",
			[]string{"Medecins Sans Frontieres"}, []string{"msf"}},
		{"decomposed accent", "selon Me\u0301decins Sans Frontie\u0300res",
			[]string{"Me\u0301decins Sans Frontie\u0300res"}, []string{"msf"}},
		{"hyphen equals space", "agence france presse and AGENCE FRANCE-PRESSE and Agence France‑Presse",
			[]string{"agence france presse", "AGENCE FRANCE-PRESSE", "Agence France‑Presse"}, []string{"afp", "afp", "afp"}},
		{"hard-wrapped line", "the Bank of\nEngland said",
			[]string{"Bank of\nEngland"}, []string{"bank-of-england"}},
		{"blank line breaks a name", "the Bank of\n\nEngland said", []string{"the Bank"}, []string{""}},
		{"longest wins", "the Britain-based Syrian Observatory for Human Rights said",
			[]string{"Britain-based Syrian Observatory for Human Rights"}, []string{"sohr"}},
		{"shorter alias when the long one is cut", "the Syrian Observatory said",
			[]string{"Syrian Observatory"}, []string{"sohr"}},
		{"initials with periods", "the U.S. State Department and the U.N. said",
			[]string{"U.S. State Department", "U.N"}, []string{"us-state-department", "un"}},
		{"comma only where the alias has one", "the Foreign, Commonwealth and Development Office and the Foreign Commonwealth and Development Office",
			[]string{"Foreign, Commonwealth and Development Office", "Foreign Commonwealth and Development Office"}, []string{"uk-foreign-office", "uk-foreign-office"}},
		{"comma the alias lacks", "in Syria, Civil Defence workers", nil, nil},
		{"Arabic", "وقال المرصد السوري لحقوق الإنسان إن", []string{"المرصد السوري لحقوق الإنسان"}, []string{"sohr"}},
		{"apostrophe dropped inside a word", "fighters of Hay'at Tahrir al-Sham and the Kurdish Peoples Protection Units",
			[]string{"Hay'at Tahrir al-Sham", "Kurdish Peoples Protection Units"}, []string{"hts", "ypg"}},
	}
	r := DefaultRegistry()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms := r.Match(tt.text)
			var got, gotIDs []string
			for _, m := range ms {
				got = append(got, tt.text[m.Start:m.End])
				gotIDs = append(gotIDs, m.SourceID)
			}
			if !slices.Equal(got, tt.want) || !slices.Equal(gotIDs, tt.wantIDs) {
				t.Errorf("Match = %q %v, want %q %v", got, gotIDs, tt.want, tt.wantIDs)
			}
		})
	}
}

func TestMatchWordBoundariesAndCase(t *testing.T) {
	tests := []struct {
		text string
		want []string // text[Start:End] of each mention
	}{
		{"AFPX reported", nil},
		{"the XAFP said", nil},
		{"told AFP.", []string{"AFP"}},
		{"(AFP) -", []string{"AFP"}},
		{"un accord a été signé", nil},
		{"l'ONU et le UN", []string{"ONU", "UN"}},
		{"those who said so", nil},
		{"the WHO said", []string{"WHO"}},
		{"the Who played", nil},
		{"she was fed up", nil},
		{"the Fed said", []string{"Fed"}},
		{"the ap style", nil},
		{"Reuters reported; Reuter said; Reutersx", []string{"Reuters", "Reuter"}},
		{"the SOHR's director", []string{"SOHR"}},
		{"SANAs correspondent", []string{"SANA"}},
		{"sanas", nil},
		{"l'OSDH", []string{"OSDH"}},
		{"Hezbollah’s media office said", []string{"Hezbollah’s media office"}},
		{"Hezbollah's fighters", []string{"Hezbollah"}},
		{"TASS and Tass but not tass", []string{"TASS", "Tass"}},
	}
	r := DefaultRegistry()
	for _, tt := range tests {
		var got []string
		for _, m := range r.Match(tt.text) {
			got = append(got, tt.text[m.Start:m.End])
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Match(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestMatchOffsetsAfterMultibyte(t *testing.T) {
	text := "Ça a été confirmé à Alep — « selon l’Observatoire syrien des droits de l’homme » — et par l’AFP."
	r := DefaultRegistry()
	ms := r.Match(text)
	want := []string{"Observatoire syrien des droits de l’homme", "AFP"}
	if len(ms) != len(want) {
		t.Fatalf("Match = %s", mentionsString(text, ms))
	}
	for i, m := range ms {
		if got := text[m.Start:m.End]; got != want[i] {
			t.Errorf("mention %d = %q, want %q", i, got, want[i])
		}
	}
}

func TestMatchMentionFields(t *testing.T) {
	text := "said the Syrian Observatory for Human Rights (OSDH). This NGO, based in Great Britain"
	ms := DefaultRegistry().Match(text)
	want := []Mention{
		{Start: 9, End: 44, SourceID: "sohr", Alias: "Syrian Observatory for Human Rights"},
		{Start: 46, End: 50, SourceID: "sohr", Alias: "OSDH"},
		{Start: 53, End: 61, SourceID: "", Alias: "this NGO", BackRef: true},
	}
	if !slices.Equal(ms, want) {
		t.Fatalf("Match =\n%+v\nwant\n%+v", ms, want)
	}
}

func TestResolve(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // "written=>id" for each back-reference
	}{
		{"no antecedent", "The NGO said 20 people died.", []string{"The NGO=>"}},
		{"after SOHR", "According to the SOHR, 20 died. The NGO said more were hurt.", []string{"The NGO=>sohr"}},
		{"antecedent must list the back-ref", "AFP reported it. The NGO said more.", []string{"The NGO=>"}},
		{"most recent listing it", "The SOHR and Human Rights Watch both reported. The NGO said more.", []string{"The NGO=>hrw"}},
		{"skips sources that do not list it", "The SOHR said, told Reuters. The Observatory added.", []string{"The Observatory=>sohr"}},
		{"agency", "Reuters reported, and then SANA. The agency said.", []string{"The agency=>sana"}},
		{"army (seed 001)", "The Syrian army has reinforced its deployment around the city of Hama, the SOHR announced on Sunday. The army confirmed the presence of rebel fighters",
			[]string{"The army=>syrian-army"}},
		{"before and after", "the monitor said; then the SOHR; then the monitor.", []string{"the monitor=>", "the monitor=>sohr"}},
	}
	r := DefaultRegistry()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resolved := r.Resolve(r.Match(tt.text))
			var got []string
			for _, m := range resolved {
				if m.BackRef {
					got = append(got, tt.text[m.Start:m.End]+"=>"+m.SourceID)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Resolve = %q, want %q", got, tt.want)
			}
			un := Unresolved(resolved)
			wantUn := 0
			for _, w := range tt.want {
				if strings.HasSuffix(w, "=>") {
					wantUn++
				}
			}
			if len(un) != wantUn {
				t.Errorf("Unresolved = %d mentions, want %d", len(un), wantUn)
			}
		})
	}
}

func TestResolveDoesNotModifyInput(t *testing.T) {
	r := DefaultRegistry()
	ms := r.Match("the SOHR said. The NGO added.")
	_ = r.Resolve(ms)
	if ms[1].SourceID != "" {
		t.Fatalf("Resolve modified its input: %+v", ms[1])
	}
}

// TestMatchInvariants checks the contract on every seed: sorted,
// non-overlapping, in-bounds mentions that re-match on their own.
func TestMatchInvariants(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "seeds", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no seeds: %v", err)
	}
	r := DefaultRegistry()
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		checkInvariants(t, r, f, string(data))
	}
}

func checkInvariants(t *testing.T, r *Registry, name, text string) {
	t.Helper()
	prevEnd := 0
	for _, m := range r.Match(text) {
		if m.Start < prevEnd || m.End <= m.Start || m.End > len(text) {
			t.Fatalf("%s: bad mention %+v after end %d", name, m, prevEnd)
		}
		prevEnd = m.End
		if m.BackRef != (m.SourceID == "") {
			t.Fatalf("%s: mention %+v: only back-references lack a SourceID", name, m)
		}
		again := r.Match(text[m.Start:m.End])
		if len(again) != 1 || again[0].Alias != m.Alias {
			t.Fatalf("%s: %q does not re-match alone as %q: %+v", name, text[m.Start:m.End], m.Alias, again)
		}
	}
}

func mentionsString(text string, ms []Mention) string {
	var b strings.Builder
	for _, m := range ms {
		b.WriteString("  " + text[m.Start:m.End] + " => " + m.SourceID)
		if m.BackRef {
			b.WriteString(" (back-ref)")
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// BenchmarkMatch runs Match over 1 MB of seed text.
func BenchmarkMatch(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join("..", "seeds", "*.txt"))
	var seed strings.Builder
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		seed.Write(data)
	}
	if seed.Len() == 0 {
		b.Fatal("no seeds")
	}
	text := strings.Repeat(seed.String(), 1<<20/seed.Len()+1)[:1<<20]
	r := DefaultRegistry()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		r.Match(text)
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Observatoire Syrien des Droits de l'Homme": "observatoire syrien des droits de l'homme",
		"Şanlıurfa": "sanliurfa",
		"Dareen":    "dareen",
		"Ménégée":   "menegee",
		"Straße":    "strasse",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}
