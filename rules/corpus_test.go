package rules

import (
	"github.com/sourcecheck/sourcecheck/internal/corpustest"

	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// corporaDir returns ../shared/corpora relative to the repository root (the
// directory holding go.mod), skipping the test when it is absent. The
// corpora are copyrighted and never copied into the repository.
func corporaDir(t testing.TB) string {
	t.Helper()
	return corpustest.Root(t)
}

// latin1 decodes ISO-8859-1 bytes: each byte is the code point of the same
// value.
func latin1(b []byte) string {
	rs := make([]rune, len(b))
	for i, c := range b {
		rs[i] = rune(c)
	}
	return string(rs)
}

// TestFAKES runs the matcher over the 804 FA-KES Syrian-war articles, whose
// text lost its commas and apostrophes ("SANAs", "Observatorys").
func TestFAKES(t *testing.T) {
	path := filepath.Join(corporaDir(t), "fakes-syria", "fakes.csv")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("FA-KES not available: %v", err)
	}
	rd := csv.NewReader(strings.NewReader(latin1(data)))
	rd.LazyQuotes = true
	rows, err := rd.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	col := map[string]int{}
	for i, name := range rows[0] {
		col[strings.TrimSpace(name)] = i
	}
	content, ok := col["article_content"]
	if !ok {
		t.Fatalf("%s: no article_content column in %v", path, rows[0])
	}

	r := DefaultRegistry()
	// Plain-text cues that must each yield a mention of the source.
	cues := []struct {
		re *regexp.Regexp
		id string
	}{
		{regexp.MustCompile(`(?i)\bSyrian Observatory\b`), "sohr"},
		{regexp.MustCompile(`\bSANA\b`), "sana"},
		{regexp.MustCompile(`\bReuters\b`), "reuters"},
		{regexp.MustCompile(`\bAFP\b`), "afp"},
		{regexp.MustCompile(`(?i)\bWorld Health Organi[sz]ation\b`), "who"},
		{regexp.MustCompile(`(?i)\bHezbollah\b`), "hezbollah"},
	}
	counts := map[string]int{}
	for n, row := range rows[1:] {
		text := row[content]
		checkInvariants(t, r, path, text)
		found := map[string]bool{}
		for _, m := range r.Resolve(r.Match(text)) {
			found[m.SourceID] = true
			counts[m.SourceID]++
		}
		for _, c := range cues {
			if c.re.MatchString(text) && !found[c.id] {
				t.Errorf("row %d: text has %q but %s was not found", n+1, c.re.FindString(text), c.id)
			}
		}
	}
	for _, id := range []string{"sohr", "sana", "afp", "reuters", "al-manar", "sputnik", "hts", "islamic-state", "un"} {
		if counts[id] == 0 {
			t.Errorf("no mention of %s in %d FA-KES articles", id, len(rows)-1)
		}
	}
	t.Logf("FA-KES: %d articles; mentions: sohr %d, sana %d, afp %d, reuters %d, islamic-state %d",
		len(rows)-1, counts["sohr"], counts["sana"], counts["afp"], counts["reuters"], counts["islamic-state"])
}

// TestReuters21578 checks the Reuters-21578 sign-off ("Reuter") and the
// economic sources are found in hard-wrapped SGML bodies.
func TestReuters21578(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(corporaDir(t), "reuters21578", "reut2-*.sgm"))
	if len(files) == 0 {
		t.Skip("Reuters-21578 SGML files not available")
	}
	body := regexp.MustCompile(`(?s)<BODY>(.*?)</BODY>`)
	r := DefaultRegistry()
	bodies, signed := 0, 0
	counts := map[string]int{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range body.FindAllStringSubmatch(latin1(data), -1) {
			text := m[1]
			bodies++
			checkInvariants(t, r, f, text)
			ms := r.Match(text)
			for _, mm := range ms {
				counts[mm.SourceID]++
			}
			if strings.Contains(text, " Reuter\n") || strings.HasSuffix(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(text), "&#3;")), "Reuter") {
				if len(ms) == 0 || ms[len(ms)-1].SourceID != "reuters" {
					t.Errorf("%s: body signed Reuter, last mention %v", f, ms)
				} else {
					signed++
				}
			}
		}
	}
	// Three in four bodies carry the sign-off; each must be matched (above).
	if signed < bodies/2 {
		t.Errorf("only %d of %d bodies are signed Reuter: the body extraction is broken", signed, bodies)
	}
	for _, id := range []string{"federal-reserve", "bank-of-england", "opec", "imf", "world-bank", "bundesbank", "us-commerce-department", "us-labor-department", "us-treasury", "eu", "gatt"} {
		if counts[id] == 0 {
			t.Errorf("no mention of %s in Reuters-21578", id)
		}
	}
	t.Logf("Reuters-21578: %d bodies, %d signed; fed %d, opec %d, imf %d, eu %d", bodies, signed,
		counts["federal-reserve"], counts["opec"], counts["imf"], counts["eu"])
}

// TestBBC runs the matcher over every BBC article, including
// sport/199.txt, which is not valid UTF-8.
func TestBBC(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(corporaDir(t), "bbc-news", "bbc", "*", "*.txt"))
	if len(files) == 0 {
		t.Skip("BBC corpus not available")
	}
	r := DefaultRegistry()
	bbc := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		checkInvariants(t, r, f, string(data))
		for _, m := range r.Match(string(data)) {
			if m.SourceID == "bbc" {
				bbc++
			}
		}
	}
	if bbc == 0 {
		t.Errorf("no mention of the BBC in %d BBC articles", len(files))
	}
}
