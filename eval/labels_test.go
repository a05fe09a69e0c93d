package eval

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sourcecheck/sourcecheck/internal/corpus"
)

// TestLabelFiles checks every label file in eval/labels against its article.
func TestLabelFiles(t *testing.T) {
	labels, err := LoadLabels("labels")
	if err != nil {
		t.Fatal(err)
	}
	if len(labels) == 0 {
		t.Fatal("no label files under eval/labels")
	}
	corporaRoot, ok := corpus.Root()
	if !ok {
		corporaRoot = ""
	}
	seen := map[string]string{}
	for _, l := range labels {
		t.Run(strings.TrimSuffix(filepath.ToSlash(l.File), ".yaml"), func(t *testing.T) {
			if prev, dup := seen[l.Article]; dup {
				t.Errorf("%s labels the same article as %s", l.File, prev)
			}
			seen[l.Article] = l.File
			text, err := ArticleText(l, "..", corporaRoot)
			if errors.Is(err, ErrNoCorpora) {
				t.Skipf("corpora not found (set %s): skipping %s", corpus.EnvRoot, l.Article)
			}
			if err != nil {
				t.Fatal(err)
			}
			if err := l.Validate(text); err != nil {
				t.Error(err)
			}
		})
	}
}

func TestParseLabelStrict(t *testing.T) {
	tests := []struct {
		name    string
		yaml    string
		wantErr string // substring; "" means success
	}{
		{
			name: "valid",
			yaml: "article: seeds/x.txt\nsha256: ab\nlabeller: me\nquotes:\n  - start: 1\n    end: 2\n    kind: direct\n    speaker: A\n    h: 00000000\n",
		},
		{
			name:    "unknown top-level field",
			yaml:    "article: seeds/x.txt\nauthor: me\n",
			wantErr: "f.yaml:2: field author not found",
		},
		{
			name:    "unknown item field",
			yaml:    "article: a\nfigures:\n  - start: 1\n    end: 2\n    subkind: money\n    sorce: X\n",
			wantErr: "f.yaml:6: field sorce not found",
		},
		{
			name:    "type error",
			yaml:    "article: a\nvague:\n  - start: one\n",
			wantErr: "f.yaml:3: cannot unmarshal",
		},
		{
			name:    "syntax error",
			yaml:    "article: a\nquotes: [\n",
			wantErr: "f.yaml:",
		},
		{
			name:    "two documents",
			yaml:    "article: a\n---\narticle: b\n",
			wantErr: "f.yaml:2: more than one YAML document",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := ParseLabel("f.yaml", []byte(tt.yaml))
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("ParseLabel: %v", err)
				}
				if l.File != "f.yaml" || len(l.Quotes) != 1 || l.Quotes[0].Line != 5 || l.Quotes[0].Speaker != "A" {
					t.Errorf("ParseLabel = %+v", l)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("ParseLabel error = %v; want it to contain %q", err, tt.wantErr)
			}
		})
	}
}

func TestLoadLabelsReadsTree(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, s string) {
		t.Helper()
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("b/2.yaml", "article: seeds/b.txt\n")
	write("a/1.yaml", "article: seeds/a.txt\n")
	write("GUIDELINES.md", "not yaml: [\n")
	labels, err := LoadLabels(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(labels) != 2 || labels[0].Article != "seeds/a.txt" || labels[1].Article != "seeds/b.txt" {
		t.Errorf("LoadLabels = %+v; want a/1.yaml then b/2.yaml", labels)
	}

	write("c/3.yaml", "article: x\nbogus: 1\n")
	if _, err := LoadLabels(dir); err == nil || !strings.Contains(err.Error(), filepath.Join(dir, "c", "3.yaml")+":2:") {
		t.Errorf("LoadLabels error = %v; want it to name c/3.yaml:2", err)
	}
}

func TestValidate(t *testing.T) {
	const text = "Rebels said “we won” and 300 people — reportedly — fled. Café."
	sum := sha256.Sum256([]byte(text))
	textSum := hex.EncodeToString(sum[:])
	span := func(sub string) Span {
		i := strings.Index(text, sub)
		if i < 0 {
			t.Fatalf("%q not in text", sub)
		}
		return Span{Start: i, End: i + len(sub), H: ShortHash(sub)}
	}
	good := func() Label {
		q := QuoteLabel{Span: span("we won"), Kind: KindPartial, Speaker: "Rebels"}
		q.Text = "we won"
		return Label{
			File:     "x.yaml",
			Article:  "seeds/x.txt",
			SHA256:   textSum,
			Labeller: "test",
			Quotes:   []QuoteLabel{q},
			Figures: []FigureLabel{
				{Span: span("300 people"), Subkind: SubkindDisplacement, Vague: true},
			},
			Vague: []VagueLabel{{Span: span("reportedly")}},
		}
	}
	tests := []struct {
		name    string
		mutate  func(*Label)
		wantErr string
	}{
		{name: "valid"},
		{name: "wrong sha256", mutate: func(l *Label) { l.SHA256 = strings.Repeat("0", 64) }, wantErr: "does not match the article text"},
		{name: "malformed sha256", mutate: func(l *Label) { l.SHA256 = "abc" }, wantErr: "not 64 lowercase hex"},
		{name: "no labeller", mutate: func(l *Label) { l.Labeller = "" }, wantErr: "no labeller"},
		{name: "wrong h", mutate: func(l *Label) { l.Quotes[0].H = "deadbeef" }, wantErr: "quotes[0]: h \"deadbeef\""},
		{name: "span past end", mutate: func(l *Label) { l.Vague[0].End = len(text) + 1 }, wantErr: "outside the text"},
		{name: "empty span", mutate: func(l *Label) { l.Vague[0].End = l.Vague[0].Start }, wantErr: "empty or outside"},
		{name: "splits a rune", mutate: func(l *Label) { l.Quotes[0].Start-- }, wantErr: "splits a UTF-8 character"},
		{name: "text differs", mutate: func(l *Label) { l.Quotes[0].Text = "we lost" }, wantErr: "text \"we lost\" differs"},
		{name: "text in corpus label", mutate: func(l *Label) { l.Article = "corpus:bbc-news/bbc/tech/001.txt" }, wantErr: "must not copy article text"},
		{name: "bad kind", mutate: func(l *Label) { l.Quotes[0].Kind = "scare" }, wantErr: "kind \"scare\""},
		{name: "bad subkind", mutate: func(l *Label) { l.Figures[0].Subkind = "people" }, wantErr: "subkind \"people\""},
		{
			name: "overlap",
			mutate: func(l *Label) {
				l.Figures = append(l.Figures, FigureLabel{Span: span("people"), Subkind: SubkindOther})
			},
			wantErr: "figures[1]: span",
		},
		{
			name: "unsorted",
			mutate: func(l *Label) {
				l.Vague = append([]VagueLabel{{Span: span("Café")}}, l.Vague...)
			},
			wantErr: "vague[1]: span",
		},
		{
			name:    "line in message",
			mutate:  func(l *Label) { l.Figures[0].Line = 12; l.Figures[0].H = "00000000" },
			wantErr: "x.yaml:12: figures[0]",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := good()
			if tt.mutate != nil {
				tt.mutate(&l)
			}
			err := l.Validate(text)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("Validate error = %v; want it to contain %q", err, tt.wantErr)
			}
		})
	}
}

func TestArticleText(t *testing.T) {
	repo := t.TempDir()
	if err := os.MkdirAll(filepath.Join(repo, "seeds"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(repo, "seeds", "a.txt"), []byte("héllo"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(repo, "seeds", "bad.txt"), []byte{0xA3}, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		article string
		want    string
		wantErr error // nil: success; errAny: any error
	}{
		{article: "seeds/a.txt", want: "héllo"},
		{article: "seeds/missing.txt", wantErr: errAny},
		{article: "seeds/bad.txt", wantErr: errAny},
		{article: "../seeds/a.txt", wantErr: errAny},
		{article: "/seeds/a.txt", wantErr: errAny},
		{article: "seeds//a.txt", wantErr: errAny},
		{article: "corpus:bbc-news/bbc/tech/001.txt", wantErr: ErrNoCorpora},
	}
	for _, tt := range tests {
		got, err := ArticleText(Label{Article: tt.article}, repo, "")
		switch {
		case tt.wantErr == nil && err != nil:
			t.Errorf("ArticleText(%q): %v", tt.article, err)
		case tt.wantErr == nil && got != tt.want:
			t.Errorf("ArticleText(%q) = %q; want %q", tt.article, got, tt.want)
		case tt.wantErr == errAny && err == nil:
			t.Errorf("ArticleText(%q) succeeded; want an error", tt.article)
		case tt.wantErr != nil && tt.wantErr != errAny && !errors.Is(err, tt.wantErr):
			t.Errorf("ArticleText(%q) error = %v; want %v", tt.article, err, tt.wantErr)
		}
	}
}

var errAny = errors.New("any error")
