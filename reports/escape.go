package reports

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// mdWordJoiner is U+2060 WORD JOINER: invisible when rendered, and enough to
// stop GitHub from reading "@name" as a mention, "#12" as an issue
// reference or "https://…" as a link, since each needs its characters
// side by side.
const mdWordJoiner = "\u2060"

// EscapeMarkdown makes text taken from an article (an excerpt, a message
// quoting a claim, a source's name, a file name) safe to write inline in
// GitHub-flavoured Markdown, in running text or in a table cell:
//
//   - it cannot mention users or teams (@name, @org/team) nor reference
//     issues and pull requests (#12, GH-12, owner/repo#12): a word joiner
//     follows every @ and #, and separates GH from -12;
//   - it cannot inject HTML: &, < and > become entities;
//   - it cannot start or break Markdown constructs: the characters that
//     make emphasis, code, links, images, tables, strikethrough and maths
//     (\ ` * _ [ ] | ~ $ !) are backslash-escaped, a leading list, heading
//     or quote marker is escaped, and line breaks become spaces, so it
//     stays inside its paragraph, list item or table cell;
//   - it does not autolink: a word joiner breaks "://" and "www.", and
//     the one after @ breaks e-mail addresses.
//
// What a reader sees is the text as written. Control characters and
// invalid UTF-8 become U+FFFD, the replacement character.
func EscapeMarkdown(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	atStart := true // no visible character written yet
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\r' || r == '\n' || r == '\t' || r == '\v' || r == '\f':
			b.WriteByte(' ')
			i += size
			continue
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case strings.ContainsRune("\\`*_[]|~$!", r):
			b.WriteByte('\\')
			b.WriteRune(r)
		case breakReference(&b, s, i, r, size):
			if n := referenceSkip(s, i, r); n > 0 {
				i += n
				atStart = false
				continue
			}
		case atStart && (r == '-' || r == '+' || r == '='):
			// A leading "- " or "+ " would start a list item, a line of
			// "=" or "-" a heading underline.
			b.WriteByte('\\')
			b.WriteRune(r)
		case atStart && r >= '0' && r <= '9':
			// "1. " or "1) " at the start of a line starts a numbered list.
			j := i
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			b.WriteString(s[i:j])
			if j < len(s) && (s[j] == '.' || s[j] == ')') {
				b.WriteByte('\\')
				b.WriteByte(s[j])
				j++
			}
			i = j
			atStart = false
			continue
		case r == utf8.RuneError && size == 1, unicode.IsControl(r):
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteString(s[i : i+size])
		}
		if r != ' ' {
			atStart = false
		}
		i += size
	}
	return b.String()
}

func startsWithDigit(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }

// breakReference writes the rune r (size bytes at s[i]) with a word joiner where GitHub
// would otherwise read a mention, an issue reference or a link there:
// after @ and #, inside "://", between GH and -12, and after "www". It
// reports whether it wrote anything; when it did, referenceSkip says how
// many bytes it consumed beyond the usual rune (the "www" case writes
// three). This is the one home of GitHub's reference rules, shared by
// EscapeMarkdown and BreakReferences.
func breakReference(b *strings.Builder, s string, i int, r rune, size int) bool {
	rest := s[i+size:]
	switch {
	case r == '@' || r == '#':
		b.WriteRune(r)
		b.WriteString(mdWordJoiner)
	case r == ':' && strings.HasPrefix(rest, "//"):
		b.WriteString(":" + mdWordJoiner)
	case r == '-' && i >= 2 && strings.EqualFold(s[i-2:i], "gh") && startsWithDigit(rest):
		b.WriteString(mdWordJoiner + "-")
	case (r == 'w' || r == 'W') && len(rest) >= 3 && strings.EqualFold(rest[:3], "ww."):
		b.WriteString(s[i:i+3] + mdWordJoiner)
	default:
		return false
	}
	return true
}

func referenceSkip(s string, i int, r rune) int {
	if r == 'w' || r == 'W' {
		return 3
	}
	return 0
}

// BreakReferences returns s with a word joiner (U+2060, invisible) where
// GitHub would read a mention (@name), an issue reference (#12, GH-12) or
// an autolink (://, www.), and nothing else changed. Use it for plain-text
// fields GitHub scans, such as issue titles; Markdown bodies use
// EscapeMarkdown, which does this and more.
func BreakReferences(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if breakReference(&b, s, i, r, size) {
			if n := referenceSkip(s, i, r); n > 0 {
				i += n
			} else {
				i += size
			}
			continue
		}
		b.WriteString(s[i : i+size])
		i += size
	}
	return b.String()
}
