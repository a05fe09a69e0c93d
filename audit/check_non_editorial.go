package audit

import (
	"fmt"
	"slices"
	"strings"

	"github.com/sourcecheck/sourcecheck/rules"
)

func init() {
	registerCheck(CheckKind{
		Name:    "non-editorial",
		Summary: "flags page furniture (ads, related links, navigation, page metadata) left between the paragraphs of an article",
		Params: `kinds: block kinds that are not the article's text and must not sit between its paragraphs (default ad, related, nav); any of meta, byline, caption, ad, related, nav
The rule's scope.blocks are the article's own blocks the furniture must sit between (default headline, subheading, body).`,
		build: newNonEditorial,
	})
}

// nonEditorial reports runs of furniture blocks with article text on both
// sides: web copy pasted with its ads ("Advertisement", an ad glued to a
// paragraph), "Read also" links and player controls. Furniture before the
// first or after the last paragraph (the headline does not count) is the
// page around the article, not a fault in it, and is not reported.
type nonEditorial struct{ kinds map[BlockKind]bool }

// kindLabels name block kinds in messages.
var kindLabels = map[BlockKind]string{
	BlockMeta: "page metadata", BlockByline: "byline", BlockCaption: "caption",
	BlockAd: "advertising", BlockRelated: "related links", BlockNav: "navigation",
}

func newNonEditorial(r *rules.Rule) (Check, error) {
	p := struct {
		Kinds []string `yaml:"kinds"`
	}{Kinds: []string{"ad", "related", "nav"}}
	if err := r.Params.Decode(&p); err != nil {
		return nil, err
	}
	if len(p.Kinds) == 0 {
		return nil, r.Errorf(r.Params.Pos("kinds"), "non-editorial needs at least one block kind in kinds")
	}
	x := nonEditorial{kinds: map[BlockKind]bool{}}
	for i, k := range p.Kinds {
		bk := BlockKind(k)
		if _, ok := kindLabels[bk]; !ok {
			var want []string
			for _, k := range BlockKinds {
				if !k.Editorial() {
					want = append(want, string(k))
				}
			}
			return nil, r.Errorf(r.Params.ItemPos("kinds", i), "kinds: %q is not a non-editorial block kind (want one of %s)", k, strings.Join(want, ", "))
		}
		x.kinds[bk] = true
	}
	return x, nil
}

func (x nonEditorial) Run(c *Context) {
	bs := c.Doc.Blocks
	seenText := false
	for i := 0; i < len(bs); {
		if c.InBlock(i) {
			// Furniture between the headline and the first paragraph
			// (a date, a photo credit) is the page's header.
			seenText = seenText || bs[i].Kind != BlockHeadline
			i++
			continue
		}
		// A run of blocks outside the rule's scope: [i, j).
		j := i
		var hits []int
		for j < len(bs) && !c.InBlock(j) {
			if x.kinds[bs[j].Kind] {
				hits = append(hits, j)
			}
			j++
		}
		if seenText && j < len(bs) && len(hits) > 0 {
			c.Report(Span{Start: bs[hits[0]].Start, End: bs[hits[len(hits)-1]].End}, MessageData{
				Match:  Excerpt(bs[hits[0]].Text),
				Detail: x.describe(c.Doc, hits, i, j),
			})
		}
		i = j
	}
}

// describe says what the furniture blocks hits of the run [from, to) are
// and whether one is glued to the article text on the same line.
func (x nonEditorial) describe(doc *Document, hits []int, from, to int) string {
	var kinds []string
	for _, h := range hits {
		if l := kindLabels[doc.Blocks[h].Kind]; !slices.Contains(kinds, l) {
			kinds = append(kinds, l)
		}
	}
	d := strings.Join(kinds, " and ")
	if len(hits) > 1 {
		d = fmt.Sprintf("%s, %d blocks", d, len(hits))
	}
	bs := doc.Blocks
	glued := from > 0 && doc.Position(bs[from-1].End).Line == doc.Position(bs[from].Start).Line ||
		to < len(bs) && doc.Position(bs[to-1].End).Line == doc.Position(bs[to].Start).Line
	if glued {
		d += ", glued to a paragraph on the same line"
	}
	return d
}
