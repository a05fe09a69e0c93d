package ghissue

import (
	"github.com/sourcecheck/sourcecheck/reports"
	"strings"
	"unicode"
	"unicode/utf8"
)

// wordJoiner is U+2060 WORD JOINER: invisible, and enough to stop GitHub
// from reading "@name" as a mention or "#12" as an issue reference, since
// both need the name or number right after the sign.
const wordJoiner = "\u2060"

// EscapeTitle makes text safe for an issue title, which GitHub shows as
// plain text but still scans for references and mentions: a word joiner
// follows every @ and # and "<", and breaks "GH-12", "://" and "www.", so
// that the title can mention nobody, reference no issue, link nowhere and
// hold no tag or comment; control characters become spaces and white
// space is collapsed. Nothing else changes: a title shows Markdown escapes
// as written, so there are none. (Bodies use reports.EscapeMarkdown.)
func EscapeTitle(s string) string {
	clean := strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.IsSpace(r) {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(s, string(utf8.RuneError)))
	// "<" also gets a joiner, so a title can hold no tag or comment.
	clean = strings.ReplaceAll(reports.BreakReferences(clean), "<", "<"+wordJoiner)
	return strings.Join(strings.Fields(clean), " ")
}

// codeSpan writes s as a Markdown code span, which GitHub never scans for
// mentions or references, with a fence longer than any run of backticks
// in s.
func codeSpan(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	longest, run := 0, 0
	for _, r := range s {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") || s == "" {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}
