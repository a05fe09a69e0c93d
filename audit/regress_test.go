package audit

import "testing"

// TestRegressions runs the whole analysis over inputs that once crashed
// it. Each case names what went wrong.
func TestRegressions(t *testing.T) {
	tests := []struct{ name, text string }{
		// The change-verb lookback asked the hedge matcher about token -1
		// when a text opened with a link word ("to 86"): index out of range
		// on BBC's README.TXT.
		{"link word at text start", "to 86 people were killed."},
		{"link word alone", "at 5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := NewDocument("r.txt", FormatText, tt.text)
			Structure(doc, nil)
			NewAnalyzer(nil, nil).Analyze(doc)
			for _, c := range doc.Claims {
				if c.Start < 0 || c.End > len(doc.Text) || c.Start > c.End {
					t.Errorf("claim span %v outside the text", c.Span)
				}
			}
		})
	}
}
