package corpus

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// corporaRoot returns the shared corpora directory or skips the test.
func corporaRoot(t *testing.T) string {
	t.Helper()
	root, ok := Root()
	if !ok {
		t.Skipf("corpora not found: set %s or place them in ../shared/corpora beside the checkout (looked at %q)", EnvRoot, root)
	}
	return root
}

func TestRootFromEnv(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name   string
		env    string
		wantOK bool
	}{
		{"existing directory", dir, true},
		{"missing directory", filepath.Join(dir, "nope"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(EnvRoot, tt.env)
			got, ok := Root()
			if got != tt.env || ok != tt.wantOK {
				t.Errorf("Root() = %q, %v; want %q, %v", got, ok, tt.env, tt.wantOK)
			}
		})
	}
}

func TestRootBesideModule(t *testing.T) {
	// Build <tmp>/repo/go.mod, <tmp>/repo/a/b and <tmp>/shared/corpora, and
	// run Root from the nested directory.
	tmp := t.TempDir()
	repo := filepath.Join(tmp, "repo")
	nested := filepath.Join(repo, "a", "b")
	if err := os.MkdirAll(nested, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(repo, "go.mod"), []byte("module x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv(EnvRoot, "")
	t.Chdir(nested)
	want := filepath.Join(tmp, "shared", "corpora")

	if got, ok := Root(); ok {
		t.Fatalf("Root() = %q, true before %s exists", got, want)
	}
	if err := os.MkdirAll(want, 0o755); err != nil {
		t.Fatal(err)
	}
	got, ok := Root()
	if !ok {
		t.Fatalf("Root() = %q, false; want %q, true", got, want)
	}
	// Compare resolved paths: the temp dir may sit behind a symlink.
	gotR, _ := filepath.EvalSymlinks(got)
	wantR, _ := filepath.EvalSymlinks(want)
	if gotR != wantR {
		t.Errorf("Root() = %q; want %q", got, want)
	}
}

func TestDecodeEntities(t *testing.T) {
	tests := []struct {
		in, want string
		wantErr  bool
	}{
		{in: "plain", want: "plain"},
		{in: "&lt;SRD> &amp; co &gt;", want: "<SRD> & co >"},
		{in: "Reuter\n&#3;", want: "Reuter\n\x03"},
		{in: "dlr&#127;untied", want: "dlr\x7funtied"},
		{in: "AT&T said", want: "AT&T said"},
		{in: "a & b; c", want: "a & b; c"},
		{in: "trailing &", want: "trailing &"},
		{in: "&#1114112;", wantErr: true},
	}
	for _, tt := range tests {
		got, err := DecodeEntities(tt.in)
		if (err != nil) != tt.wantErr {
			t.Errorf("DecodeEntities(%q) error = %v, wantErr %v", tt.in, err, tt.wantErr)
			continue
		}
		if got != tt.want {
			t.Errorf("DecodeEntities(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseReutersSGML(t *testing.T) {
	const sgml = `<!DOCTYPE lewis SYSTEM "lewis.dtd">
<REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" OLDID="5544" NEWID="1">
<TEXT>&#2;
<TITLE>STANDARD OIL &lt;SRD> TO FORM UNIT</TITLE>
<DATELINE>    CLEVELAND, Feb 26 - </DATELINE><BODY>Profit rose 5 pct, &lt;SRD> said.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
<REUTERS TOPICS="NO" OLDID="5545" NEWID="2">
<TEXT TYPE="BRIEF">&#2;
<TITLE>NO BODY HERE</TITLE>
</TEXT>
</REUTERS>
<REUTERS TOPICS="NO" OLDID="5546" NEWID="3">
<TEXT><BODY>Untitled &amp; short.</BODY></TEXT>
</REUTERS>
`
	got, err := ParseReutersSGML("reuters21578/x.sgm", []byte(sgml))
	if err != nil {
		t.Fatal(err)
	}
	want := []Article{
		{Ref: "reuters21578/x.sgm#NEWID=1", Title: "STANDARD OIL <SRD> TO FORM UNIT", Body: "Profit rose 5 pct, <SRD> said.\n Reuter\n\x03", Format: FormatText},
		{Ref: "reuters21578/x.sgm#NEWID=3", Body: "Untitled & short.", Format: FormatText},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d articles %+v; want %d", len(got), got, len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("article %d = %+v; want %+v", i, got[i], want[i])
		}
	}

	broken := []struct{ name, sgml string }{
		{"no NEWID", `<REUTERS OLDID="1"><BODY>x</BODY></REUTERS>`},
		{"no end tag", `<REUTERS NEWID="1"><BODY>x</BODY>`},
		{"unclosed body", `<REUTERS NEWID="1"><BODY>x</REUTERS>`},
	}
	for _, tt := range broken {
		if _, err := ParseReutersSGML("x", []byte(tt.sgml)); err == nil {
			t.Errorf("%s: ParseReutersSGML succeeded; want error", tt.name)
		}
	}
}

func TestParseFakesCSV(t *testing.T) {
	const data = "unit_id,article_title,article_content,source\n" +
		"7,A title,\"Body with \"\"quotes\"\" and, comma\",sana\n" +
		"8,B,plain,reuters\n"
	got, err := ParseFakesCSV("fakes-syria/fakes.csv", strings.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	want := []Article{
		{Ref: "fakes-syria/fakes.csv#unit_id=7", Title: "A title", Body: `Body with "quotes" and, comma`, Format: FormatText},
		{Ref: "fakes-syria/fakes.csv#unit_id=8", Title: "B", Body: "plain", Format: FormatText},
	}
	if len(got) != len(want) {
		t.Fatalf("got %+v; want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("row %d = %+v; want %+v", i, got[i], want[i])
		}
	}

	dups, err := ParseFakesCSV("f", strings.NewReader("unit_id,article_title,article_content\n1,a,b\n2,c,d\n1,e,f\n1,g,h\n"))
	if err != nil {
		t.Fatal(err)
	}
	var refs []string
	for _, a := range dups {
		refs = append(refs, a.Ref)
	}
	if got, want := strings.Join(refs, " "), "f#unit_id=1 f#unit_id=2 f#unit_id=1/2 f#unit_id=1/3"; got != want {
		t.Errorf("refs for repeated unit_ids = %s; want %s", got, want)
	}

	bad := []struct{ name, data string }{
		{"missing column", "unit_id,article_title\n1,x\n"},
		{"empty id", "unit_id,article_title,article_content\n,a,b\n"},
	}
	for _, tt := range bad {
		if _, err := ParseFakesCSV("f", strings.NewReader(tt.data)); err == nil {
			t.Errorf("%s: ParseFakesCSV succeeded; want error", tt.name)
		}
	}
}

func TestWriteJSONL(t *testing.T) {
	arts := []Article{
		{Ref: "r1", Title: "T <1>", Body: "line\n“quoted” & more", Format: FormatText},
		{Ref: "r2", Title: "", Body: "", Format: FormatText},
	}
	var buf bytes.Buffer
	if err := WriteJSONL(&buf, arts); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(&buf)
	var n int
	for sc.Scan() {
		var rec struct{ ID, Title, Body string }
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatalf("line %d: %v", n+1, err)
		}
		a := arts[n]
		if rec.ID != a.Ref || rec.Title != a.Title || rec.Body != a.Body {
			t.Errorf("line %d = %+v; want %+v", n+1, rec, a)
		}
		n++
	}
	if n != len(arts) {
		t.Errorf("got %d lines; want %d", n, len(arts))
	}
}

func TestLoadRejectsBadRefs(t *testing.T) {
	root := t.TempDir()
	for _, ref := range []string{
		"",
		"../etc/passwd",
		"/abs/path.txt",
		"bbc-news/bbc/../x.txt",
		"bbc-news/bbc/business/001.txt#x",
		"reuters21578/reut2-000.sgm",
		"reuters21578/reut2-000.sgm#OLDID=5",
		"fakes-syria/fakes.csv#id=1",
		"fakes-syria/other.csv#unit_id=1",
		"nosuch/file.txt",
	} {
		if _, err := Load(root, ref); err == nil {
			t.Errorf("Load(%q) succeeded; want error", ref)
		}
	}
}

// Tests below read the real corpora.

func TestCounts(t *testing.T) {
	root := corporaRoot(t)
	tests := []struct {
		name string
		load func(string) ([]Article, error)
		want int
	}{
		{"BBC", BBC, 2225},
		{"Reuters (reut2-000…007 with a BODY)", Reuters, 7319},
		{"FA-KES", Fakes, 804},
	}
	total := 0
	for _, tt := range tests {
		arts, err := tt.load(root)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if len(arts) != tt.want {
			t.Errorf("%s: %d articles; want %d", tt.name, len(arts), tt.want)
		}
		total += tt.want
	}
	all, err := All(root)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != total {
		t.Errorf("All: %d articles; want %d", len(all), total)
	}
}

func TestArticlesWellFormed(t *testing.T) {
	root := corporaRoot(t)
	all, err := All(root)
	if err != nil {
		t.Fatal(err)
	}
	refs := map[string]bool{}
	for _, a := range all {
		if refs[a.Ref] {
			t.Errorf("duplicate ref %s", a.Ref)
		}
		refs[a.Ref] = true
		if !utf8.ValidString(a.Body) || !utf8.ValidString(a.Title) {
			t.Errorf("%s: invalid UTF-8", a.Ref)
		}
		if strings.TrimSpace(a.Body) == "" {
			t.Errorf("%s: empty body", a.Ref)
		}
		if a.Format != FormatText {
			t.Errorf("%s: format %q", a.Ref, a.Format)
		}
		if strings.HasPrefix(a.Ref, ReutersDir+"/") {
			if strings.Contains(a.Body, "&lt;") || strings.Contains(a.Body, "&#") || strings.Contains(a.Body, "<BODY>") {
				t.Errorf("%s: undecoded entity or tag in body", a.Ref)
			}
		}
	}
}

func TestBBCWindows1252File(t *testing.T) {
	root := corporaRoot(t)
	const ref = "bbc-news/bbc/sport/199.txt"
	raw, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(ref)))
	if err != nil {
		t.Fatal(err)
	}
	if utf8.Valid(raw) {
		t.Skipf("%s is valid UTF-8 in this copy; nothing to decode", ref)
	}
	a, err := Load(root, ref)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Body, "£") {
		t.Errorf("%s: decoded body has no £", ref)
	}
	if got, want := len(a.Body), len(raw)+bytes.Count(raw, []byte{0xA3}); got != want {
		t.Errorf("%s: decoded length %d; want %d (each 0xA3 becomes 2 bytes)", ref, got, want)
	}
}

func TestKnownArticles(t *testing.T) {
	root := corporaRoot(t)
	tests := []struct {
		ref        string
		title      string
		bodyPrefix string
		bodySuffix string
	}{
		{"bbc-news/bbc/business/001.txt", "Ad sales boost Time Warner profit", "Ad sales boost Time Warner profit\n\nQuarterly", ""},
		{"reuters21578/reut2-000.sgm#NEWID=1", "BAHIA COCOA REVIEW", "Showers continued", " Reuter\n\x03"},
		{"fakes-syria/fakes.csv#unit_id=1914947530", "Syria attack symptoms consistent with nerve agent use WHO", "Wed 05 Apr 2017 Syria attack", ""},
	}
	for _, tt := range tests {
		a, err := Load(root, tt.ref)
		if err != nil {
			t.Errorf("Load(%s): %v", tt.ref, err)
			continue
		}
		if a.Title != tt.title {
			t.Errorf("%s: title %q; want %q", tt.ref, a.Title, tt.title)
		}
		if !strings.HasPrefix(a.Body, tt.bodyPrefix) || !strings.HasSuffix(a.Body, tt.bodySuffix) {
			t.Errorf("%s: body %.60q…; want prefix %q, suffix %q", tt.ref, a.Body, tt.bodyPrefix, tt.bodySuffix)
		}
	}
}

func TestLoadRoundTrip(t *testing.T) {
	root := corporaRoot(t)
	all, err := All(root)
	if err != nil {
		t.Fatal(err)
	}
	// Every BBC article (cheap) and a spread of the others (each Load of a
	// Reuters or FA-KES ref re-parses its file).
	for i, a := range all {
		if !strings.HasPrefix(a.Ref, BBCDir+"/") && i%97 != 0 {
			continue
		}
		got, err := Load(root, a.Ref)
		if err != nil {
			t.Errorf("Load(%s): %v", a.Ref, err)
			continue
		}
		if got != a {
			t.Errorf("Load(%s) differs from the bulk loader", a.Ref)
		}
	}
	// FA-KES repeats a few unit_ids; both rows must stay addressable.
	first, err := Load(root, "fakes-syria/fakes.csv#unit_id=1926479112")
	if err != nil {
		t.Fatal(err)
	}
	second, err := Load(root, "fakes-syria/fakes.csv#unit_id=1926479112/2")
	if err != nil {
		t.Fatal(err)
	}
	if first.Body == second.Body {
		t.Errorf("rows 1 and 2 of unit_id 1926479112 have the same body; the dataset has them differ")
	}
	for _, ref := range []string{
		"bbc-news/bbc/business/999.txt",
		"reuters21578/reut2-000.sgm#NEWID=999999",
		"reuters21578/reut2-099.sgm#NEWID=1",
		"fakes-syria/fakes.csv#unit_id=1",
	} {
		if _, err := Load(root, ref); !errors.Is(err, ErrNotFound) {
			t.Errorf("Load(%s) error = %v; want ErrNotFound", ref, err)
		}
	}
}
