package audit

import (
	"regexp/syntax"
	"testing"
)

// The analyses of a cue's expression as the tests ask for them: of the
// expression's text, parsed for each (compile parses it once for all).

func firstBytes(expr string) *byteSet { return parseCueSyntax(expr).firstBytes() }

func lastBytes(expr string) *byteSet { return parseCueSyntax(expr).lastBytes() }

func leadingLiterals(expr string) []string { return parseCueSyntax(expr).leadingLiterals() }

func requiredLiterals(expr string) []string { return parseCueSyntax(expr).requiredLiterals() }

func cueNeeds(expr string, need []string, last *byteSet, anchored bool) (*[256]uint8, []cueNeed) {
	return parseCueSyntax(expr).cueNeeds(need, last, anchored)
}

// TestLastBytesOfClasses holds addEdgeBytes's reading of a character
// class's last bytes, which stops looking at the wider runes once every
// continuation byte is in, to addLastRuneRange of every range of it.
func TestLastBytesOfClasses(t *testing.T) {
	classes := []string{`\p{L}`, `\p{Lu}`, `\p{Ll}`, `[^.!?:]`, `[é-ê]`, `[a-cé]`, `[éx-z\x{FFFD}]`, `[\x{100}-\x{200}\x{FFFD}]`,
		`[\x{7F}-\x{80}]`, `[\x{80}\x{E9}\x{10FFFF}]`, `[\x{E9}\x{20AC}-\x{20AD}\x{FFFD}]`, `[\x{20AC}-\x{20AD}ab\x{E9}]`,
		`[\p{Greek}\x{FFFD}]`, `(?i)[ſk]`, `[\p{L} .-]`, `[^a]`, `.`, `\d`, `[\x{FFFC}-\x{FFFE}\x{10000}]`}
	lex := testBlockLexicon(t)
	for _, c := range lex.Cues {
		classes = append(classes, c.Pattern)
	}
	for _, expr := range classes {
		re, err := syntax.Parse(expr, syntax.Perl)
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		var walk func(*syntax.Regexp)
		walk = func(re *syntax.Regexp) {
			if re.Op == syntax.OpCharClass {
				var got, want byteSet
				addEdgeBytes(&got, re, true)
				for i := 0; i+1 < len(re.Rune); i += 2 {
					addLastRuneRange(&want, re.Rune[i], re.Rune[i+1])
				}
				if got != want {
					t.Errorf("%s: class %s: last bytes %q, want %q", expr, re, setMembers(&got), setMembers(&want))
				}
			}
			for _, sub := range re.Sub {
				walk(sub)
			}
		}
		walk(re)
	}
}

// TestEdgeBytesUnsimplified holds firstBytes and lastBytes, which read
// counted repetitions as they are parsed, to addEdgeBytes of the
// simplified expression, where they are spelled out, for hand-picked
// expressions and the lexicon's cues and seams.
func TestEdgeBytesUnsimplified(t *testing.T) {
	exprs := []string{`^(?:a{0}b)`, `^(?:a{0,0}|c)`, `(?:x{2,5})$`, `(?:[^.!?:]{1,80})$`, `^(?:(?:ab){0,3}c)`, `(?:a{3,})$`,
		`(?:a{0,}b?)$`, `^(?:(?:a|b{0})c)`, `(?:(?:x?){2}y{1,1})$`, `^(?:\p{Lu}[^.]{0,40}:)`, `(?:(?:){3})$`, `(?:a{1}|)$`}
	lex := testBlockLexicon(t)
	for _, c := range lex.Cues {
		exprs = append(exprs, `^(?:`+c.Pattern+`)$`)
	}
	for _, s := range lex.Seams {
		exprs = append(exprs, `^(?:`+s.Prefix+`)`)
	}
	for _, expr := range exprs {
		re, err := syntax.Parse(expr, syntax.Perl)
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		for _, last := range []bool{false, true} {
			var want byteSet
			wantNil := addEdgeBytes(&want, re.Simplify(), last)
			got := parseCueSyntax(expr).edgeBytes(last)
			if (got == nil) != wantNil || got != nil && *got != want {
				t.Errorf("%s: edgeBytes(last %v) = %q, want %q (nil %v)", expr, last, setMembers(got), setMembers(&want), wantNil)
			}
		}
	}
}
