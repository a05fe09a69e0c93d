package audit

import (
	"testing"
	"unicode"
	"unicode/utf8"
)

// refCollapsed is collapsed as it was before it read eight bytes at a
// time.
func refCollapsed(s string) bool {
	space := true
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == ' ':
				if space {
					return false
				}
				space = true
			case asciiSpace[c] != 0:
				return false
			default:
				space = false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			return false
		}
		space = false
		i += size
	}
	return !space || s == ""
}

// eachByteVariant calls check with each base, and with each base holding
// one byte of every value at every place, alone or followed further on by
// a space or a second byte of the same value: every way an eight- or
// sixteen-byte step can meet a byte it must treat apart.
func eachByteVariant(bases []string, check func(string)) {
	for _, base := range bases {
		check(base)
		for c := range 256 {
			for pos := 0; pos <= len(base); pos++ {
				s := base[:pos] + string([]byte{byte(c)}) + base[pos:]
				check(s)
				for pos2 := pos + 1; pos2 <= len(s); pos2++ {
					check(s[:pos2] + " " + s[pos2:])
					check(s[:pos2] + string([]byte{byte(c)}) + s[pos2:])
				}
			}
		}
	}
}

// TestCollapsedAsReference holds collapsed to the byte-wise reference for
// one or two of every byte value, and a space, at every place of texts
// around eight and sixteen bytes long.
func TestCollapsedAsReference(t *testing.T) {
	bases := []string{"", "a", "abcdefg", "abcdefgh", "abc defgh", "abcdefghijklmno", "abcd efgh ijkl mnop", "abcdefghijklmnopqrstuvw"}
	check := func(s string) {
		t.Helper()
		if got, want := collapsed(s), refCollapsed(s); got != want {
			t.Fatalf("collapsed(%q) = %v, want %v", s, got, want)
		}
	}
	eachByteVariant(bases, check)
	for _, s := range []string{" abcdefgh", "abcdefgh ", "abcdefg  hijk", "abcdefg \u00a0hijklmnop", "abcdefgh\u2003ijklmnopq", "éabcdefgh ijklmnop", "abcdefgh ijklmnopé "} {
		check(s)
	}
}

// refAppendLowerCollapsed is appendLowerCollapsed as it was before it
// lowered collapsed text eight bytes at a time.
func refAppendLowerCollapsed(buf []byte, s string) []byte {
	word, space := false, false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if asciiSpace[c] != 0 {
				space = word
				i++
				continue
			}
			if space {
				buf = append(buf, ' ')
				space = false
			}
			word = true
			j := i + 1
			for j < len(s) && s[j] < utf8.RuneSelf && asciiSpace[s[j]] == 0 {
				j++
			}
			n := len(buf)
			buf = append(buf, s[i:j]...)
			for k := n; k < len(buf); k++ {
				buf[k] = lowerByte[buf[k]]
			}
			i = j
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if unicode.IsSpace(r) {
			space = word
			continue
		}
		if space {
			buf = append(buf, ' ')
			space = false
		}
		word = true
		buf = utf8.AppendRune(buf, unicode.ToLower(r))
	}
	return buf
}

// TestAppendLowerCollapsedAsReference holds appendLowerCollapsed to the
// byte-wise reference for texts with every byte value, alone and with a
// space or another, at every place, collapsed or not.
func TestAppendLowerCollapsedAsReference(t *testing.T) {
	bases := []string{"", "A", "AbCdEfG", "ABCDEFGH", "Abc DefGH", "abcDEFghijKLMno", "ABCD efgh IJKL mnop", "Abcdefghijklmnopqrstuvw", "AZaz@[`{ 09/:"}
	check := func(s string) {
		t.Helper()
		prefix := []byte("rule\x00")
		if got, want := appendLowerCollapsed(prefix, s), refAppendLowerCollapsed([]byte("rule\x00"), s); string(got) != string(want) {
			t.Fatalf("appendLowerCollapsed(%q) = %q, want %q", s, got, want)
		}
	}
	eachByteVariant(bases, check)
	for _, s := range []string{"ÉCOLE Normale SUPÉRIEURE de Paris", "ABCDEFGH \u00a0IJKL", "ΑΘΗΝΑ ABCDEFGH"} {
		check(s)
	}
}
