package reports

import (
	"fmt"
	"io"
	"strings"
)

// WriteAuditText writes findings grouped by article, one per line as
// path:line:col: level rule: message, with the excerpt beneath, and a
// closing summary line.
func WriteAuditText(w io.Writer, a *Audit, opts TextOptions) error {
	var b strings.Builder
	for _, art := range a.Articles {
		name := art.Path
		if art.Record > 0 {
			name = fmt.Sprintf("%s:%d", art.Path, art.Record)
		}
		for _, f := range art.Findings {
			fmt.Fprintf(&b, "%s:%d:%d: %s %s: %s\n", name, f.Line, f.RuneColumn, f.Level, f.Rule, f.Message)
			if f.Excerpt != "" {
				fmt.Fprintf(&b, "    %s\n", f.Excerpt)
			}
		}
	}
	s := a.Summary
	fmt.Fprintf(&b, "%d findings (%d error, %d warning, %d info) in %d articles", s.Findings,
		s.Levels["error"], s.Levels["warning"], s.Levels["info"], s.Articles)
	if s.Suppressed+s.Baselined > 0 {
		fmt.Fprintf(&b, "; %d suppressed, %d in baseline", s.Suppressed, s.Baselined)
	}
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}
