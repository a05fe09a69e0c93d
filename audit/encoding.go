package audit

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// Byte order marks Decode recognises.
var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
	bomUTF32LE = []byte{0xFF, 0xFE, 0x00, 0x00}
	bomUTF32BE = []byte{0x00, 0x00, 0xFE, 0xFF}
)

// Decode turns the bytes of an article into UTF-8 text and names the
// encoding it read them as:
//
//   - "utf-8": valid UTF-8 without a byte order mark;
//   - "utf-8-bom": UTF-8 after a byte order mark, which is stripped;
//   - "utf-16le", "utf-16be": UTF-16 after its byte order mark;
//   - "windows-1252": bytes that are not UTF-8 at all (no valid multi-byte
//     sequence), as old Western European files and the Latin-1 corpora are.
//
// Text that is mostly UTF-8 but holds stray invalid bytes (a Latin-1 "£"
// pasted into a UTF-8 file) keeps its UTF-8 and has only the invalid bytes
// read as Windows-1252; its encoding stays "utf-8". Every such guess is
// reported in warnings, which name the encoding used and the offset of the
// first byte concerned. err is non-nil when a UTF-16 decoder fails and for
// UTF-32 (recognised by its byte order mark), which is not read.
func Decode(data []byte) (text string, encoding string, warnings []string, err error) {
	switch {
	case bytes.HasPrefix(data, bomUTF32LE), bytes.HasPrefix(data, bomUTF32BE):
		return "", "utf-32", nil, errUTF32
	case bytes.HasPrefix(data, bomUTF8):
		text, warnings = decodeUTF8(data[len(bomUTF8):], len(bomUTF8))
		return text, "utf-8-bom", warnings, nil
	case bytes.HasPrefix(data, bomUTF16LE):
		return decodeUTF16(data, unicode.LittleEndian, "utf-16le")
	case bytes.HasPrefix(data, bomUTF16BE):
		return decodeUTF16(data, unicode.BigEndian, "utf-16be")
	}
	if utf8.Valid(data) {
		return string(data), "utf-8", nil, nil
	}
	if !hasMultiByteUTF8(data) {
		return decodeWindows1252(data), "windows-1252", []string{"not valid UTF-8; read as Windows-1252"}, nil
	}
	text, warnings = decodeUTF8(data, 0)
	return text, "utf-8", warnings, nil
}

// errUTF32 refuses UTF-32 input rather than misreading it as UTF-16.
var errUTF32 = errors.New("UTF-32 text (byte order mark) is not supported: convert it to UTF-8")

// decodeUTF16 decodes data, which starts with a UTF-16 byte order mark.
func decodeUTF16(data []byte, order unicode.Endianness, name string) (string, string, []string, error) {
	out, err := unicode.UTF16(order, unicode.ExpectBOM).NewDecoder().Bytes(data)
	if err != nil {
		return "", name, nil, fmt.Errorf("decode %s: %w", name, err)
	}
	var warnings []string
	if len(data)%2 != 0 {
		warnings = append(warnings, fmt.Sprintf("%s input has an odd number of bytes; the last one was replaced", name))
	}
	return string(out), name, warnings, nil
}

// decodeUTF8 returns data as text, reading each byte that is not part of a
// valid UTF-8 sequence as Windows-1252. base is the offset of data in the
// input, for the warning.
func decodeUTF8(data []byte, base int) (string, []string) {
	if utf8.Valid(data) {
		return string(data), nil
	}
	var sb strings.Builder
	sb.Grow(len(data) + len(data)/8)
	bad, first := 0, -1
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			if first < 0 {
				first = i
			}
			bad++
			sb.WriteRune(charmap.Windows1252.DecodeByte(data[i]))
			i++
			continue
		}
		sb.Write(data[i : i+n])
		i += n
	}
	w := fmt.Sprintf("%d byte(s) not valid UTF-8 (first at byte %d); read as Windows-1252", bad, base+first)
	return sb.String(), []string{w}
}

// decodeWindows1252 decodes every byte of data as Windows-1252. Bytes the
// code page leaves undefined become U+FFFD.
func decodeWindows1252(data []byte) string {
	var sb strings.Builder
	sb.Grow(len(data) + len(data)/8)
	for _, c := range data {
		if c < utf8.RuneSelf {
			sb.WriteByte(c)
			continue
		}
		sb.WriteRune(charmap.Windows1252.DecodeByte(c))
	}
	return sb.String()
}

// hasMultiByteUTF8 reports whether data holds at least one valid UTF-8
// sequence of two bytes or more, the sign of a UTF-8 file with a few stray
// bytes rather than a single-byte code page.
func hasMultiByteUTF8(data []byte) bool {
	for i := 0; i < len(data); {
		if data[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(data[i:])
		if r != utf8.RuneError || n > 1 {
			return true
		}
		i++
	}
	return false
}

// binaryReason says why data looks like a binary file rather than text, or
// returns "" when it looks like text: a NUL byte in the first 8 KiB (unless
// a UTF-16 or UTF-32 byte order mark explains it), or more than one byte in
// ten of the first 8 KiB being a control character other than tab,
// newline, carriage return, form feed and vertical tab.
func binaryReason(data []byte) string {
	if bytes.HasPrefix(data, bomUTF16LE) || bytes.HasPrefix(data, bomUTF16BE) || bytes.HasPrefix(data, bomUTF32BE) {
		return ""
	}
	head := data[:min(len(data), 8<<10)]
	if i := bytes.IndexByte(head, 0); i >= 0 {
		return fmt.Sprintf("NUL byte at offset %d", i)
	}
	ctrl := 0
	for _, c := range head {
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') || c == 0x7F {
			ctrl++
		}
	}
	if ctrl > 0 && ctrl*10 > len(head) {
		return fmt.Sprintf("%d control bytes in the first %d bytes", ctrl, len(head))
	}
	return ""
}
