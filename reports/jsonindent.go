package reports

import (
	"bytes"
	"encoding/json"
	"sync"
)

// Indented JSON, fast.
//
// The JSON reports are indented as json.Encoder.SetIndent indents them.
// The encoder marshals a value compactly, then re-reads the result through
// encoding/json's validating scanner to indent it, a state-machine step per
// byte that cost more than the marshalling itself on the corpora (the JSON
// report of an article is some ten times its text). The compact output of
// json.Encoder is valid JSON without insignificant white space, so
// indenting it needs no scanner: only the punctuation outside strings
// matters, and strings are copied whole. appendIndentCompact does that,
// byte for byte as json.Indent would.

// appendIndentCompact appends to dst the compact JSON src indented as
// json.Indent(dst, src, prefix, indent) would indent it: every element and
// member on a new line starting with prefix and one indent per level of
// nesting, ": " after keys, empty objects and arrays left as {} and [].
// src must be valid JSON without white space outside strings, as
// json.Marshal and json.Encoder write it.
func appendIndentCompact(dst, src []byte, prefix, indent string) []byte {
	depth := 0
	// open is set after '{' or '[': the newline before the first member
	// waits for it, so that an empty object or array stays {} or [].
	open := false
	for i := 0; i < len(src); i++ {
		c := src[i]
		if open && c != '}' && c != ']' {
			open = false
			depth++
			dst = appendIndentNewline(dst, prefix, indent, depth)
		}
		switch c {
		case '"':
			end := stringEnd(src, i)
			dst = append(dst, src[i:end]...)
			i = end - 1
		case '{', '[':
			open = true
			dst = append(dst, c)
		case ',':
			dst = append(dst, c)
			dst = appendIndentNewline(dst, prefix, indent, depth)
		case ':':
			dst = append(dst, c, ' ')
		case '}', ']':
			if open {
				open = false
			} else {
				depth--
				dst = appendIndentNewline(dst, prefix, indent, depth)
			}
			dst = append(dst, c)
		default:
			// A number or literal: copy it up to the punctuation after it.
			j := i + 1
			for j < len(src) && !isJSONPunct(src[j]) {
				j++
			}
			dst = append(dst, src[i:j]...)
			i = j - 1
		}
	}
	return dst
}

// stringEnd returns the offset just past the JSON string that opens at
// src[start] (a '"'), skipping escaped quotes.
func stringEnd(src []byte, start int) int {
	i := start + 1
	for {
		k := bytes.IndexByte(src[i:], '"')
		if k < 0 {
			return len(src) // not valid JSON; copy the rest
		}
		i += k
		// The quote is escaped when an odd number of backslashes precede it.
		n := 0
		for j := i - 1; j > start && src[j] == '\\'; j-- {
			n++
		}
		i++
		if n%2 == 0 {
			return i
		}
	}
}

func isJSONPunct(c byte) bool {
	switch c {
	case '"', '{', '}', '[', ']', ',', ':':
		return true
	}
	return false
}

func appendIndentNewline(dst []byte, prefix, indent string, depth int) []byte {
	dst = append(dst, '\n')
	dst = append(dst, prefix...)
	for range depth {
		dst = append(dst, indent...)
	}
	return dst
}

// encodedBuffers holds the buffers articles of the JSON report are encoded
// into (see encodeArticle): an article's encoding goes back to the pool
// once it is written, so that the buffers, grown to the size of the
// largest articles, are reused rather than grown anew for each article.
var encodedBuffers = sync.Pool{New: func() any { return new([]byte) }}

// compactBuffers holds the buffers values are marshalled into before they
// are indented.
var compactBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// appendIndented appends v encoded as a json.Encoder with HTML escaping
// off and SetIndent(prefix, indent) encodes it, without the newline the
// encoder ends it with.
func appendIndented(dst []byte, v any, prefix, indent string) ([]byte, error) {
	buf := compactBuffers.Get().(*bytes.Buffer)
	defer compactBuffers.Put(buf)
	buf.Reset()
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return dst, err
	}
	compact := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	return appendIndentCompact(dst, compact, prefix, indent), nil
}
