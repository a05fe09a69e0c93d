package audit

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/sourcecheck/sourcecheck/internal/corpustest"
	"github.com/sourcecheck/sourcecheck/rules"
)

// TestAppendLowerCollapsed holds appendLowerCollapsed to the
// strings.ToLower(collapse(s)) it stands for, on white space of every
// kind, invalid UTF-8, letters whose lower case is longer or shorter, and
// the sentences of the BBC corpus when it is present.
func TestAppendLowerCollapsed(t *testing.T) {
	texts := []string{"", " ", "a", "  Ab  CD ", "x\u00a0Y\u0085z\u2003W", "\tTab\nLine\r\n\v\fEnd ", "İstanbul KELVIN \u212a ſ",
		"bad \xff\xfe UTF-8 \xc3", "\ufffd real", "ÉTAT Über ΣΑΣ", "one  two   three", "a\u200bb", "trailing\u3000"}
	check := func(t *testing.T, texts []string) {
		buf := []byte("prefix")
		for _, s := range texts {
			got := string(appendLowerCollapsed(buf, s)[len(buf):])
			if want := strings.ToLower(collapse(s)); got != want {
				t.Fatalf("appendLowerCollapsed(%q) = %q, want %q", s, got, want)
			}
		}
	}
	check(t, texts)
	t.Run("corpus", func(t *testing.T) {
		var texts []string
		for _, a := range corpustest.Sets(t)[0].Articles {
			texts = append(texts, strings.Split(a.Body, ".")...)
		}
		check(t, texts)
	})
}

// TestWithoutFingerprints: an engine made WithoutFingerprints finds what
// the default engine finds, every field the same but the fingerprints,
// which it leaves empty, on the seeds.
func TestWithoutFingerprints(t *testing.T) {
	paths, err := filepath.Glob("../seeds/*.txt")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no seeds: %v", err)
	}
	rs := rules.DefaultRules()
	with, err := NewEngine(nil, rs)
	if err != nil {
		t.Fatal(err)
	}
	without, err := NewEngine(nil, rs, WithoutFingerprints())
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, p := range paths {
		for _, eng := range []*Engine{with, without, with} { // and back: nothing carries over
			d1, err := ReadFile(p, ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			d2, _ := ReadFile(p, ReadOptions{})
			want, got := with.Audit(d1[0]), eng.Audit(d2[0])
			if len(got) != len(want) {
				t.Fatalf("%s: %d findings, want %d", p, len(got), len(want))
			}
			for i := range got {
				if want[i].Fingerprint == "" {
					t.Fatalf("%s: the default engine left a fingerprint empty: %+v", p, want[i])
				}
				w := want[i]
				if eng == without {
					w.Fingerprint = ""
				}
				if !reflect.DeepEqual(got[i], w) {
					t.Errorf("%s: finding %d\ngot  %+v\nwant %+v", p, i, got[i], w)
				}
			}
			found += len(got)
		}
	}
	if found == 0 {
		t.Fatal("no findings on the seeds: the test tests nothing")
	}
}
