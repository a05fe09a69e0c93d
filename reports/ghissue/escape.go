package ghissue

import (
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
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		rest := s[i+size:]
		switch {
		case r == '@' || r == '#' || r == '<':
			b.WriteRune(r)
			b.WriteString(wordJoiner)
		case r == ':' && strings.HasPrefix(rest, "//"):
			b.WriteString(":" + wordJoiner)
		case r == '-' && i >= 2 && strings.EqualFold(s[i-2:i], "gh") && startsDigit(rest):
			b.WriteString(wordJoiner + "-")
		case (r == 'w' || r == 'W') && len(rest) >= 3 && strings.EqualFold(rest[:3], "ww."):
			b.WriteString(s[i:i+3] + wordJoiner)
			i += 3
			continue
		case unicode.IsControl(r) || unicode.IsSpace(r):
			b.WriteByte(' ')
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

func startsDigit(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }

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
