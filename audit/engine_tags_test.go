package audit

import (
	"slices"
	"testing"

	"github.com/sourcecheck/sourcecheck/internal/corpustest"
)

// refBlockTags is speakerMemo.blockTags as it was written before it cut
// one sorted array into the blocks' runs: a slice per block, appended
// to in claim order, each sorted stably by start.
func refBlockTags(c *Context) [][]*Attribution {
	tags := make([][]*Attribution, len(c.Doc.Blocks))
	for k := range c.Doc.Claims {
		a := c.Doc.Claims[k].Attribution
		if a == nil || a.Link != LinkSameSentence {
			continue
		}
		if b := c.BlockAt(a.Mention.Start); b >= 0 {
			tags[b] = append(tags[b], a)
		}
	}
	for _, t := range tags {
		slices.SortStableFunc(t, func(a, b *Attribution) int { return a.Mention.Start - b.Mention.Start })
	}
	return tags
}

// TestBlockTagsReference holds speakerMemo.blockTags to refBlockTags on
// a share of the corpora, block by block.
func TestBlockTagsReference(t *testing.T) {
	a := NewAnalyzer(nil, nil)
	for _, set := range corpustest.Sets(t) {
		for ai, art := range set.Articles {
			if ai%5 != 0 {
				continue
			}
			doc := NewDocument(art.Ref, FormatText, art.Body)
			Structure(doc, a.Lexicon())
			a.Analyze(doc)
			c := &Context{Doc: doc, Lexicon: a.Lexicon(), Registry: a.Registry()}
			want := refBlockTags(c)
			m := &speakerMemo{}
			for b := range doc.Blocks {
				if got := m.blockTags(c, b); !slices.Equal(got, want[b]) {
					t.Fatalf("%s block %d: tags %v, want %v", art.Ref, b, got, want[b])
				}
			}
		}
	}
}
