package rules

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestDefaultRegistryLoads(t *testing.T) {
	r := DefaultRegistry()
	if r.Len() < 80 {
		t.Fatalf("DefaultRegistry has %d sources, want at least 80", r.Len())
	}
	seen := map[string]bool{}
	for _, s := range r.Sources() {
		if seen[s.ID] {
			t.Errorf("duplicate id %q", s.ID)
		}
		seen[s.ID] = true
		if !s.Type.Valid() {
			t.Errorf("%s: invalid type %q", s.ID, s.Type)
		}
		if s.Name == "" || s.Credibility == "" || len(s.Aliases) == 0 {
			t.Errorf("%s: name, credibility and aliases are required, got %+v", s.ID, s)
		}
		if len(s.Conflicts) > 0 && !s.PartyToConflict {
			t.Errorf("%s: conflicts %v without party_to_conflict", s.ID, s.Conflicts)
		}
	}
}

func TestSourceTypeValid(t *testing.T) {
	for _, typ := range SourceTypes {
		if !typ.Valid() {
			t.Errorf("%q.Valid() = false", typ)
		}
	}
	for _, typ := range []SourceType{"", "ngo", "Wire_Agency", "state media"} {
		if typ.Valid() {
			t.Errorf("%q.Valid() = true", typ)
		}
	}
}

// TestRegistryCoverage checks the organisations the seeds and corpora cite
// are registered with a defensible type.
func TestRegistryCoverage(t *testing.T) {
	want := map[string]SourceType{
		// cited or quoted in seeds/
		"sohr": NGOMonitor, "afp": WireAgency, "ap": WireAgency, "cnn": NewsOutlet,
		"france24": NewsOutlet, "franceinfo": NewsOutlet, "enab-baladi": NewsOutlet,
		"icg": Expert, "kremlin": Government, "white-house": Government,
		"syrian-army": Military, "syrian-government": Government, "russian-mod": Military,
		"russian-agencies": StateMedia, "turkish-army": Military, "iran-foreign-ministry": Government,
		"hts": ArmedGroup, "ssg": Government, "military-operations-administration": ArmedGroup,
		"sdf": ArmedGroup, "ypg": ArmedGroup, "hezbollah": ArmedGroup, "jordanian-government": Government,
		// Syrian-war corpus (FA-KES) and wider
		"reuters": WireAgency, "tass": StateMedia, "ria-novosti": StateMedia, "interfax": WireAgency,
		"idf": Military, "sana": StateMedia, "un": IntlOrg, "ocha": IntlOrg, "who": IntlOrg,
		"unhcr": IntlOrg, "unicef": IntlOrg, "icrc": IntlOrg, "sarc": NGOMonitor,
		"white-helmets": NGOMonitor, "hrw": NGOMonitor, "amnesty": NGOMonitor, "bbc": NewsOutlet,
		"al-jazeera": NewsOutlet, "al-arabiya": NewsOutlet, "sputnik": StateMedia, "rt": StateMedia,
		"anadolu": StateMedia, "trt": StateMedia, "daily-sabah": NewsOutlet, "al-manar": ArmedGroup,
		"al-alam": StateMedia, "al-ahram": StateMedia, "etilaf": Government, "snhr": NGOMonitor,
		"vdc": NGOMonitor, "us-state-department": Government, "pentagon": Military,
		"uk-foreign-office": Government, "eu": IntlOrg, "nato": IntlOrg,
		// Reuters-21578
		"federal-reserve": Government, "bank-of-england": Government, "opec": IntlOrg,
		"imf": IntlOrg, "world-bank": IntlOrg, "us-treasury": Government,
		"us-commerce-department": Government, "us-labor-department": Government, "bundesbank": Government,
	}
	r := DefaultRegistry()
	for id, typ := range want {
		s, ok := r.Lookup(id)
		if !ok {
			t.Errorf("Lookup(%q): not found", id)
			continue
		}
		if s.Type != typ {
			t.Errorf("%s: type %q, want %q", id, s.Type, typ)
		}
	}
	if _, ok := r.Lookup("no-such-source"); ok {
		t.Error(`Lookup("no-such-source") found something`)
	}
}

func TestPartyToConflict(t *testing.T) {
	r := DefaultRegistry()
	for id, want := range map[string]bool{
		"sana": true, "al-manar": true, "hts": true, "russian-mod": true, "tass": true,
		"sohr": false, "afp": false, "icg": false, "un": false, "interfax": false,
	} {
		s, _ := r.Lookup(id)
		if s.PartyToConflict != want {
			t.Errorf("%s: PartyToConflict = %v, want %v", id, s.PartyToConflict, want)
		}
		if want && !slices.Contains(s.Conflicts, "syria") {
			t.Errorf("%s: Conflicts = %v, want syria", id, s.Conflicts)
		}
	}
}

func TestSourcesReturnsCopies(t *testing.T) {
	r := DefaultRegistry()
	srcs := r.Sources()
	srcs[0].Aliases[0] = "changed"
	s, _ := r.Lookup(srcs[0].ID)
	s.Aliases[0] = "changed too"
	if got := r.Sources()[0].Aliases[0]; got == "changed" || got == "changed too" {
		t.Fatalf("registry was modified through a returned Source: alias %q", got)
	}
}

func TestLoadRegistryErrors(t *testing.T) {
	tests := []struct {
		file string
		want []string // substrings of the error, each naming file:line
	}{
		{"unknown_key.yaml", []string{`unknown_key.yaml:7:5: unknown key "website"`}},
		{"bad_type.yaml", []string{`bad_type.yaml:9:11: source "sohr": unknown type "ngo"`}},
		{"duplicate_id.yaml", []string{`duplicate_id.yaml:8: duplicate source id "sohr" (first defined at testdata/duplicate_id.yaml:3)`}},
		{"empty_aliases.yaml", []string{`empty_aliases.yaml:6:14: aliases must not be empty`}},
		{"alias_conflict.yaml", []string{`alias_conflict.yaml:12: alias "syrian observatory" of source "snhr" is already claimed by source "sohr"`}},
		{"backref_alias.yaml", []string{`backref_alias.yaml:11: back-reference "kremlin" of source "russian-mod" equals alias "Kremlin"`}},
		{"bad_syntax.yaml", []string{`bad_syntax.yaml:5: mapping values are not allowed`}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join("testdata", tt.file)
			_, err := LoadRegistryFile(path)
			if err == nil {
				t.Fatal("LoadRegistryFile: no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q\ndoes not contain %q", err, w)
				}
			}
			var le *LoadError
			if !errors.As(err, &le) || le.File != path || le.Line == 0 {
				t.Errorf("error %v: want a *LoadError with file %s and a line", err, path)
			}
		})
	}
}

func TestLoadRegistryInline(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"empty", "", "x.yaml: empty registry file"},
		{"no version", "sources: []\n", "x.yaml:1:1: missing key version"},
		{"bad version", "version: 2\nsources: []\n", `x.yaml:1:10: unsupported version "2"`},
		{"missing type", "version: 1\nsources:\n  - id: a\n    name: A\n    aliases: [Aaaaa]\n", `x.yaml:3:5: source "a" has no type`},
		{"missing aliases", "version: 1\nsources:\n  - id: a\n    name: A\n    type: expert\n", `x.yaml:3:5: source "a" has no aliases`},
		{"bad id", "version: 1\nsources:\n  - id: Bad_ID\n    name: A\n    type: expert\n    aliases: [Aaaaa]\n", "x.yaml:3:5: source \"Bad_ID\": id must be"},
		{"repeated key", "version: 1\nsources:\n  - id: a\n    id: b\n    name: A\n    type: expert\n    aliases: [Aaaaa]\n", `x.yaml:4:5: key "id" repeated`},
		{"conflicts without party", "version: 1\nsources:\n  - id: a\n    name: A\n    type: expert\n    aliases: [Aaaaa]\n    conflicts: [syria]\n", "x.yaml:7:16: source \"a\" lists conflicts"},
		{"unmatchable alias", "version: 1\nsources:\n  - id: a\n    name: A\n    type: expert\n    aliases: [\"Observatoire (OSDH)\"]\n", "x.yaml:6:15: aliases item \"Observatoire (OSDH)\" has punctuation"},
		{"bad bool", "version: 1\nsources:\n  - id: a\n    name: A\n    type: expert\n    aliases: [Aaaaa]\n    party_to_conflict: maybe\n", "x.yaml:7:24: party_to_conflict must be true or false"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadRegistry("x.yaml", []byte(tt.yaml))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("LoadRegistry error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestLoadRegistryReportsAllProblems(t *testing.T) {
	data := "version: 1\nsources:\n  - id: a\n    name: A\n    type: ngo\n    aliases: [Aaaaa]\n  - id: b\n    name: B\n    type: expert\n    aliases: [Bbbbb]\n    homepage: x\n"
	_, err := LoadRegistry("x.yaml", []byte(data))
	if err == nil {
		t.Fatal("no error")
	}
	for _, w := range []string{"x.yaml:5:11: source \"a\": unknown type", "x.yaml:11:5: unknown key \"homepage\""} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q does not contain %q", err, w)
		}
	}
}

func TestMerge(t *testing.T) {
	base := DefaultRegistry()
	user, err := LoadRegistryFile(filepath.Join("testdata", "user_sources.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	merged, err := base.Merge(user)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := merged.Len(), base.Len()+1; got != want {
		t.Errorf("merged Len = %d, want %d (one override, one new)", got, want)
	}
	eb, _ := merged.Lookup("enab-baladi")
	if eb.Name != "Enab Baladi (user entry)" || eb.URL != "" {
		t.Errorf("enab-baladi not overridden whole: %+v", eb)
	}
	if orig, _ := base.Lookup("enab-baladi"); orig.Name != "Enab Baladi" {
		t.Errorf("base registry modified by Merge: %+v", orig)
	}
	// The override keeps the built-in's position; the new source comes last.
	srcs := merged.Sources()
	if i := slices.IndexFunc(srcs, func(s Source) bool { return s.ID == "enab-baladi" }); srcs[i].ID != base.Sources()[i].ID {
		t.Errorf("override moved to position %d", i)
	}
	if last := srcs[len(srcs)-1]; last.ID != "syria-tv" {
		t.Errorf("last source = %q, want syria-tv", last.ID)
	}

	text := "Syria TV reported the strike, as did Enab Baladi English and the SOHR."
	got := ids(merged.Match(text))
	if want := []string{"syria-tv", "enab-baladi", "sohr"}; !slices.Equal(got, want) {
		t.Errorf("merged Match = %v, want %v", got, want)
	}
	if got := ids(base.Match(text)); slices.Contains(got, "syria-tv") {
		t.Errorf("base registry matches a user source: %v", got)
	}
}

func TestMergeConflict(t *testing.T) {
	path := filepath.Join("testdata", "user_conflict.yaml")
	user, err := LoadRegistryFile(path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = DefaultRegistry().Merge(user)
	want := path + `:8: alias "Agence France Presse" of source "afp-photo" is already claimed by source "afp"`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("Merge error = %v, want it to contain %q", err, want)
	}
}

func TestLoadRegistryFileMissing(t *testing.T) {
	_, err := LoadRegistryFile(filepath.Join("testdata", "no-such-file.yaml"))
	if !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("error = %v, want one wrapping os.ErrNotExist", err)
	}
}

func ids(ms []Mention) []string {
	out := make([]string, 0, len(ms))
	for _, m := range ms {
		out = append(out, m.SourceID)
	}
	return out
}

// TestRegistryInfo holds Info to Lookup for every built-in source, and to
// false for an id that is not there.
func TestRegistryInfo(t *testing.T) {
	reg := DefaultRegistry()
	for _, s := range reg.Sources() {
		got, ok := reg.Info(s.ID)
		want := SourceInfo{ID: s.ID, Name: s.Name, Type: s.Type, PartyToConflict: s.PartyToConflict}
		if !ok || got != want {
			t.Errorf("Info(%q) = %+v, %v; want %+v, true", s.ID, got, ok, want)
		}
	}
	if reg.Len() == 0 {
		t.Fatal("the built-in registry is empty")
	}
	if got, ok := reg.Info("no-such-source"); ok || got != (SourceInfo{}) {
		t.Errorf("Info of an unknown id = %+v, %v; want the zero SourceInfo, false", got, ok)
	}
}
