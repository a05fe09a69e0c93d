package audit

import (
	"bytes"
	"math/bits"
	"slices"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/sourcecheck/sourcecheck/internal/swar"
)

// Fast reading of JSON Lines records.
//
// parseRecord decodes a record with encoding/json, which for the common
// record (an object of a few strings and numbers) scans the line four
// times and copies the body three times. scanRecord reads that common
// record in one pass, taking the values of strings without escapes as
// substrings of the line. Whatever it is not sure of (UTF-16 surrogates,
// nested values, keys encoding/json might match case-insensitively, anything
// invalid) makes it give up, and parseRecord decodes the record with
// encoding/json as before: the same documents and the same errors either
// way.

// recordFields are the values of a record's fields as jsonScalar returns
// them, in the order of jsonlRecord's fields. A JSONLRecord holds them
// from the reader to its Document, hence the bits for presence.
type recordFields struct {
	values [7]string
	// present has bit k set when field k is in the record and not null.
	present uint8
}

// set sets field k.
func (f *recordFields) set(k int, value string, present bool) {
	f.values[k] = value
	f.present &^= 1 << k
	if present {
		f.present |= 1 << k
	}
}

// has reports whether field k is in the record and not null.
func (f *recordFields) has(k int) bool { return f.present&(1<<k) != 0 }

// recordKeys are the keys of jsonlRecord's fields, in its order.
var recordKeys = [7]string{"id", "body", "title", "url", "outlet", "published", "format"}

// scanRecord reads a record that is an object whose keys are lower-case
// ASCII letters and underscores and whose values are strings (see
// scanString and unescape), numbers, true, false or null. ok is false for any other text,
// which parseRecord then decodes with encoding/json.
//
// raw is the line as a string or, for a reader that reuses its line
// buffer, as bytes: then every value is a copy, made once.
func scanRecord[T ~string | ~[]byte](raw T) (f recordFields, ok bool) {
	i := skipSpace(raw, 0)
	if i >= len(raw) || raw[i] != '{' {
		return f, false
	}
	i = skipSpace(raw, i+1)
	if i < len(raw) && raw[i] == '}' {
		return f, skipSpace(raw, i+1) == len(raw)
	}
	for {
		next, escaped, ok := scanString(raw, i)
		if !ok {
			return f, false
		}
		// k is the key's index in recordKeys, -1 for another key.
		k, ok := recordKey(raw[i+1:next-1], escaped)
		if !ok {
			return f, false
		}
		i = skipSpace(raw, next)
		if i >= len(raw) || raw[i] != ':' {
			return f, false
		}
		i = skipSpace(raw, i+1)
		var value string
		present := true
		switch {
		case i >= len(raw):
			return f, false
		case raw[i] == '"':
			if next, escaped, ok = scanString(raw, i); !ok {
				return f, false
			}
			switch text := raw[i+1 : next-1]; {
			case escaped:
				// Decoded even for another key, to refuse what
				// encoding/json would.
				if value, ok = unescape(text); !ok {
					return f, false
				}
			case k >= 0:
				value = string(text)
			}
		default:
			if next = scanLiteral(raw, i); next == i {
				return f, false
			}
			if string(raw[i:next]) == "null" {
				present = false
			} else if k >= 0 {
				value = string(raw[i:next])
			}
		}
		if k >= 0 {
			// As encoding/json: the last of duplicate keys wins.
			f.set(k, value, present)
		}
		i = skipSpace(raw, next)
		if i >= len(raw) {
			return f, false
		}
		switch raw[i] {
		case ',':
			i = skipSpace(raw, i+1)
		case '}':
			return f, skipSpace(raw, i+1) == len(raw)
		default:
			return f, false
		}
	}
}

// skipSpace returns the offset of the first byte at or after i that is not
// JSON white space.
func skipSpace[T ~string | ~[]byte](s T, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
		i++
	}
	return i
}

// recordKey returns the index in recordKeys of key, the text of a JSON
// string with escapes or not, or -1 for another key. ok is false for a
// key that is not plain (see isPlainKey) or that does not decode.
func recordKey[T ~string | ~[]byte](key T, escaped bool) (k int, ok bool) {
	if escaped {
		s, ok := unescape(key)
		if !ok || !isPlainKey(s) {
			return -1, false
		}
		return slices.Index(recordKeys[:], s), true
	}
	if !isPlainKey(key) {
		return -1, false
	}
	for k, name := range recordKeys {
		if string(key) == name {
			return k, true
		}
	}
	return -1, true
}

// scanString finds the end of the JSON string opening at s[i]: its text
// is s[i+1:next-1], with escapes if escaped, which scanString leaves
// undecoded. ok is false for strings it leaves to encoding/json: with
// control characters or invalid UTF-8 (unescape refuses the escapes
// encoding/json refuses and UTF-16 surrogates).
func scanString[T ~string | ~[]byte](s T, i int) (next int, escaped, ok bool) {
	if i >= len(s) || s[i] != '"' {
		return i, false, false
	}
	// nonASCII is the offset of the first byte of the string outside
	// ASCII, -1 while there is none.
	nonASCII := -1
	j := i + 1
	for ; ; j++ {
		// Eight bytes at a time while none is a quote, a backslash, a
		// control character or outside ASCII. A word with such a byte
		// stops at the first: no carry reaches the ASCII bytes below it
		// (see swarSpaces), so their bits are exact.
		for j+8 <= len(s) {
			x := swar.Load(s, j)
			stop := swar.Equal(x, '"') | swar.Equal(x, '\\') | swar.High&^swar.AtLeast(x, 0x20) | x&swar.High
			if stop != 0 {
				j += bits.TrailingZeros64(stop) / 8
				break
			}
			j += 8
		}
		if j >= len(s) {
			return i, false, false
		}
		c := s[j]
		if c == '"' {
			break
		}
		switch {
		case c == '\\':
			escaped = true
			j++ // the escaped byte cannot end the string
		case c < 0x20:
			return i, false, false
		case c >= utf8.RuneSelf && nonASCII < 0:
			nonASCII = j
		}
	}
	// The bytes before the first outside ASCII are valid UTF-8.
	if nonASCII >= 0 && !validUTF8(s[nonASCII:j]) {
		return i, false, false
	}
	return j + 1, escaped, true
}

// validUTF8 is utf8.Valid for bytes and utf8.ValidString for strings.
func validUTF8[T ~string | ~[]byte](s T) bool {
	if b, ok := any(s).([]byte); ok {
		return utf8.Valid(b)
	}
	return utf8.ValidString(string(s))
}

// unescape decodes the escapes of the text of a JSON string as
// encoding/json does, but for UTF-16 surrogates, which make ok false.
func unescape[T ~string | ~[]byte](s T) (string, bool) {
	var b strings.Builder
	b.Grow(len(s))
	for {
		k := indexByte(s, '\\')
		if k < 0 {
			writeText(&b, s)
			return b.String(), true
		}
		writeText(&b, s[:k])
		if k+1 >= len(s) {
			return "", false
		}
		c := s[k+1]
		s = s[k+2:]
		switch c {
		case '"', '\\', '/':
			b.WriteByte(c)
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'u':
			if len(s) < 4 || !isHex4(s[:4]) {
				return "", false
			}
			r := rune(hexDigit(s[0])<<12 | hexDigit(s[1])<<8 | hexDigit(s[2])<<4 | hexDigit(s[3]))
			if utf16.IsSurrogate(r) {
				return "", false
			}
			b.WriteRune(r)
			s = s[4:]
		default:
			return "", false
		}
	}
}

// indexByte is bytes.IndexByte for bytes and strings.IndexByte for
// strings.
func indexByte[T ~string | ~[]byte](s T, c byte) int {
	if b, ok := any(s).([]byte); ok {
		return bytes.IndexByte(b, c)
	}
	return strings.IndexByte(string(s), c)
}

// writeText writes s, bytes or a string, to b.
func writeText[T ~string | ~[]byte](b *strings.Builder, s T) {
	if p, ok := any(s).([]byte); ok {
		b.Write(p)
		return
	}
	b.WriteString(string(s))
}

// hexDigit returns the value of the hexadecimal digit c.
func hexDigit(c byte) int {
	switch {
	case c <= '9':
		return int(c - '0')
	case c >= 'a':
		return int(c - 'a' + 10)
	}
	return int(c - 'A' + 10)
}

// isHex4 reports whether s is four hexadecimal digits (ParseUint also
// takes underscores and signs).
func isHex4[T ~string | ~[]byte](s T) bool {
	for i := 0; i < 4; i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// isPlainKey reports whether key is lower-case ASCII letters and
// underscores: a key that encoding/json matches to a field only when it is
// the field's name exactly.
func isPlainKey[T ~string | ~[]byte](key T) bool {
	for i := 0; i < len(key); i++ {
		if c := key[i]; (c < 'a' || c > 'z') && c != '_' {
			return false
		}
	}
	return true
}

// scanLiteral returns the offset just past the JSON number, true, false or
// null at s[i], or i if there is none there or it is not followed by a
// delimiter.
func scanLiteral[T ~string | ~[]byte](s T, i int) int {
	end := i
	for _, lit := range [...]string{"true", "false", "null"} {
		if len(s)-i >= len(lit) && string(s[i:i+len(lit)]) == lit {
			end = i + len(lit)
			break
		}
	}
	if end == i {
		end = scanNumber(s, i)
	}
	if end == i || (end < len(s) && !isDelimiter(s[end])) {
		return i
	}
	return end
}

// scanNumber returns the offset just past the JSON number at s[i], or i
// if there is none.
func scanNumber[T ~string | ~[]byte](s T, i int) int {
	j := i
	if j < len(s) && s[j] == '-' {
		j++
	}
	switch {
	case j < len(s) && s[j] == '0':
		j++
	case j < len(s) && s[j] >= '1' && s[j] <= '9':
		j = skipDigits(s, j)
	default:
		return i
	}
	if j < len(s) && s[j] == '.' {
		k := skipDigits(s, j+1)
		if k == j+1 {
			return i
		}
		j = k
	}
	if j < len(s) && (s[j] == 'e' || s[j] == 'E') {
		j++
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		k := skipDigits(s, j)
		if k == j {
			return i
		}
		j = k
	}
	return j
}

func skipDigits[T ~string | ~[]byte](s T, i int) int {
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}

func isDelimiter(c byte) bool {
	return c == ',' || c == '}' || c == ' ' || c == '\t' || c == '\n' || c == '\r'
}

// hasLowerPrefix reports whether s begins with runes that unicode.ToLower
// maps to the ASCII text lower, one rune for each of its bytes: whether
// strings.ToLower(s) begins with lower, without lowering s. An invalid
// byte never matches, as strings.ToLower turns it into U+FFFD.
func hasLowerPrefix(s, lower string) bool {
	for j := 0; j < len(lower); j++ {
		if len(s) == 0 {
			return false
		}
		if c := s[0]; c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != lower[j] {
				return false
			}
			s = s[1:]
			continue
		}
		r, n := utf8.DecodeRuneInString(s)
		if unicode.ToLower(r) != rune(lower[j]) {
			return false
		}
		s = s[n:]
	}
	return true
}
