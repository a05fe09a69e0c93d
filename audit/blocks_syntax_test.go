package audit

// The analyses of a cue's expression as the tests ask for them: of the
// expression's text, parsed for each (compile parses it once for all).

func firstBytes(expr string) *byteSet { return parseCueSyntax(expr).firstBytes() }

func lastBytes(expr string) *byteSet { return parseCueSyntax(expr).lastBytes() }

func leadingLiterals(expr string) []string { return parseCueSyntax(expr).leadingLiterals() }

func requiredLiterals(expr string) []string { return parseCueSyntax(expr).requiredLiterals() }

func cueNeeds(expr string, need []string, last *byteSet, anchored bool) (*[256]uint8, []cueNeed) {
	return parseCueSyntax(expr).cueNeeds(need, last, anchored)
}
