package audit

import (
	"strings"
	"testing"
)

func TestFindPeople(t *testing.T) {
	lex := &DefaultLexicon().People
	isVerb := func(w string) bool {
		switch w {
		case "said", "says", "told", "affirmed", "described", "confides", "announced":
			return true
		}
		return false
	}
	type want struct {
		name, typ, role, desc string
		named                 bool
		age                   int
		location              string
	}
	tests := []struct {
		text string
		want []want
	}{
		// Seed 001.
		{"For the first time since the start of the conflict in 2011, Aleppo is out of the control of the Syrian regime forces,” Rami Abdel Rahmane, the director of the SOHR, told AFP on Sunday.",
			[]want{{name: "Rami Abdel Rahmane", typ: "official", role: "director", desc: "the director of the SOHR", named: true}}},
		{"“I saw two of my grandchildren next to me and I took them away,” a woman, Umm Mohamad, who lost her daughter-in-law, a mother of five, told AFP from her hospital bed in Idlib.",
			[]want{{name: "a woman", typ: "eyewitness", role: "woman", desc: "a woman"}, {name: "Umm Mohamad", typ: "eyewitness", role: "woman", named: true}, {name: "a mother", typ: "eyewitness", role: "mother", desc: "a mother"}}},
		{"“The regime lines have collapsed at an incredible pace, which has taken everyone by surprise,” said Dareen Khalifa, an expert at the International Crisis Group.",
			[]want{{name: "Dareen Khalifa", typ: "expert", role: "expert", desc: "an expert at the International Crisis Group", named: true}}},
		{"Iran “firmly supports the army and the government” of this country, affirmed its head of diplomacy, Abbas Araghchi, on Sunday before leaving for Damascus.",
			[]want{{name: "Abbas Araghchi", typ: "official", role: "head of diplomacy", desc: "its head of diplomacy", named: true}}},
		{"The rebels marched in the streets, set up their flag in front of a police station and tore down a portrait of Mr Assad, according to AFP images.",
			[]want{{name: "Assad", typ: "official", role: "mr", desc: "Mr", named: true}}},
		// Seed 000.
		{"Batool, 24, talks about the current situation in Aleppo.",
			[]want{{name: "Batool", typ: "eyewitness", desc: "24", named: true, age: 24}}},
		// Seed 002.
		{"“For the first time in almost five years, we hear rockets and shells and sometimes planes,” described Sarmad, a resident of Aleppo.",
			[]want{{name: "Sarmad", typ: "eyewitness", role: "resident", desc: "a resident of Aleppo", named: true}}},
		{"According to OSDH leader Rami Abdel Rahmane, “the governor of Aleppo and the commanders of the police and security services have withdrawn from the city center” of Aleppo.",
			[]want{{name: "Rami Abdel Rahmane", typ: "official", role: "leader", desc: "OSDH leader", named: true}}},
		{"An AFP correspondent saw rebels celebrating and cheering in the city on Friday evening.",
			[]want{{name: "An AFP correspondent", typ: "eyewitness", role: "correspondent", desc: "An AFP correspondent"}}},
		// Seed 004.
		{"But it is no coincidence that they are striking right now, according to defense analyst Nanar Hawach.",
			[]want{{name: "Nanar Hawach", typ: "expert", role: "analyst", desc: "defense analyst", named: true}}},
		{"– We are working so that the Syrian government can quickly restore order in the area, says Kremlin spokesman Dmitry Peskov.",
			[]want{{name: "Dmitry Peskov", typ: "official", role: "spokesman", desc: "Kremlin spokesman", named: true}}},
		// Seed 003.
		{"Some of those stranded told the correspondent that they reached Athria after 21 hours of walking from their homes in Aleppo.",
			[]want{{name: "the correspondent", typ: "eyewitness", role: "correspondent", desc: "the correspondent"}}},
		// An unnamed organisation stands as a source; the place is not a person.
		{"Aleppo, Syria’s second city, is no longer under regime control for the first time since 2011, an NGO announced on Sunday.",
			[]want{{name: "an NGO", typ: "ngo_monitor", role: "ngo", desc: "an NGO"}}},
		// Bare plurals: sources without a determiner.
		{"He amassed a fortune of $24m from his sales, prosecutors said.",
			[]want{{name: "prosecutors", typ: "official", role: "prosecutors", desc: "prosecutors"}}},
		{"Shares jumped on the news, with industry analysts saying sales were possible.",
			[]want{{name: "industry analysts", typ: "expert", role: "analysts", desc: "industry analysts"}}},
		{"Sources close to Mr Bell said eight members would leave.",
			[]want{{name: "Sources close to Mr Bell", typ: "anonymous", role: "sources", desc: "Sources close to Mr Bell"}}},
		// A source placed at an institution takes its whole name.
		{"A source at Homs Police Command said that rockets hit the district.",
			[]want{{name: "A source at Homs Police Command", typ: "anonymous", role: "source", desc: "A source at Homs Police Command", location: "Homs"}}},
		// Copy with its commas stripped: a bare apposition.
		{"Last month Abu Omar al-Halabi a commander of al-Nusra threatened to target the towns.",
			[]want{{name: "Abu Omar al-Halabi", typ: "official", role: "commander", desc: "a commander of al-Nusra", named: true}}},
		// An apposition whose closing comma was left out ends at the verb.
		{"James Fry, vice-president of the overseas division told a news briefing.",
			[]want{{name: "James Fry", typ: "official", role: "vice-president", desc: "vice-president of the overseas division", named: true}}},
		// Seed 004: an unnamed body with several modifiers.
		{"– Our forces have begun to enter the city of Aleppo, says the newly formed rebel coalition in a statement, according to CNN.",
			[]want{{name: "the newly formed rebel coalition", typ: "armed_group", role: "rebel coalition"}}},
		// Organisations and sentence openers are not people.
		{"These battles are the first of this scale since 2020 in Syria.", nil},
		{"The jihadist group Hayat Tahrir al-Sham (HTS) and its allies control the city.", nil},
	}
	for _, tt := range tests {
		got := FindPeople(tt.text, lex, nil, isVerb)
		if len(got) != len(tt.want) {
			t.Errorf("FindPeople(%q):\n got %d people %+v\nwant %d", tt.text, len(got), got, len(tt.want))
			continue
		}
		for i, w := range tt.want {
			g := got[i]
			if g.Name != w.name || g.Type != w.typ || g.Role != w.role || g.Named != w.named || g.Age != w.age || (w.desc != "" && g.Descriptor != w.desc) {
				t.Errorf("FindPeople(%q)[%d] = %+v, want %+v", tt.text, i, g, w)
			}
			if tt.text[g.Start:g.End] != g.Name {
				t.Errorf("span %d:%d = %q, name %q", g.Start, g.End, tt.text[g.Start:g.End], g.Name)
			}
			if g.Descriptor != "" && tt.text[g.DescStart:g.DescEnd] != g.Descriptor {
				t.Errorf("descriptor span = %q, want %q", tt.text[g.DescStart:g.DescEnd], g.Descriptor)
			}
		}
	}
}

func TestFindPeopleSkipsOrganisations(t *testing.T) {
	lex := &DefaultLexicon().People
	text := "said the Syrian Observatory for Human Rights (OSDH)."
	start := strings.Index(text, "Syrian")
	end := strings.Index(text, " (")
	got := FindPeople(text, lex, []Span{{start, end}}, func(w string) bool { return w == "said" })
	if len(got) != 0 {
		t.Fatalf("got %+v, want no people", got)
	}
}

func TestFindOrgs(t *testing.T) {
	lex := &DefaultLexicon().People
	tests := []struct {
		text string
		want []string // name/type/acronym
	}{
		{"Two workers were hurt at a refinery, Silver Rock Mining of Westland Ltd said.", []string{"Silver Rock Mining of Westland Ltd/official/"}},
		{"The Bank of Westland has revealed it lost computer tapes.", []string{"Bank of Westland/official/"}},
		{"Medical charity the Lakeside Medical Society (LMS) said July was the worst month.", []string{"Lakeside Medical Society/ngo_monitor/LMS"}},
		{"Irish publishing group Independent News & Media is buying a stake.", []string{"Independent News & Media/news_outlet/"}},
		{"Rock star Ozzy Brown said his family will not make any more episodes.", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, o := range FindOrgs(tt.text, lex, nil) {
			got = append(got, o.Name+"/"+o.Type+"/"+o.Acronym)
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("FindOrgs(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
