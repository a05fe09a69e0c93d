package ghissue

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"

	"github.com/sourcecheck/sourcecheck/reports"
)

// Marker is the hidden comment that ties an issue to what it reports.
type Marker struct {
	// Key identifies the article (or the run, for a digest) across runs.
	Key string
	// Fingerprint hashes the findings the issue shows; CleanFingerprint
	// when it reports none.
	Fingerprint string
}

// String formats the marker as the HTML comment that opens an issue body.
// The key is percent-encoded so that no file name can end the comment
// early or forge a second marker.
func (m Marker) String() string {
	return fmt.Sprintf("<!-- sourcecheck:key=%s fingerprint=%s -->", escapeKey(m.Key), m.Fingerprint)
}

var markerRE = regexp.MustCompile(`<!-- sourcecheck:key=(\S+) fingerprint=([0-9a-f]+) -->`)

// ParseMarker finds the first marker in an issue body. ok is false when
// the body has none (a person removed it, or the issue is not
// sourcecheck's).
func ParseMarker(body string) (m Marker, ok bool) {
	sub := markerRE.FindStringSubmatch(body)
	if sub == nil {
		return Marker{}, false
	}
	key, err := url.PathUnescape(sub[1])
	if err != nil {
		return Marker{}, false
	}
	return Marker{Key: key, Fingerprint: sub[2]}, true
}

// escapeKey percent-encodes everything in a key but letters, digits and
// . _ ~ / : @ + , = # -, and breaks up "--" so that the key can sit in an
// HTML comment.
func escapeKey(k string) string {
	var b strings.Builder
	for i := 0; i < len(k); i++ {
		c := k[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			strings.IndexByte("._~/:@+,=#", c) >= 0:
			b.WriteByte(c)
		case c == '-' && (i == 0 || k[i-1] != '-'):
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// CleanFingerprint is the fingerprint of no findings: the marker of an
// issue closed as resolved carries it.
var CleanFingerprint = Fingerprint(nil)

// Fingerprint hashes a set of findings: their rules, levels, messages and
// line-free fingerprints, in any order. Moving a finding to another line
// does not change it; adding, removing or rewording one does.
func Fingerprint(fs []reports.Finding) string {
	lines := make([]string, 0, len(fs))
	for _, f := range fs {
		lines = append(lines, strings.Join([]string{f.Rule, f.Level.String(), f.Fingerprint, f.Message}, "\x00"))
	}
	sort.Strings(lines)
	h := sha256.New()
	for _, l := range lines {
		h.Write([]byte(l))
		h.Write([]byte{'\n'})
	}
	return hex.EncodeToString(h.Sum(nil))[:24]
}
