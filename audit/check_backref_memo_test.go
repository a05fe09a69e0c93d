package audit

import (
	"strings"
	"testing"

	"github.com/sourcecheck/sourcecheck/internal/corpustest"
	"github.com/sourcecheck/sourcecheck/rules"
)

// refOrgBefore is orgBefore as it was before the memo: every earlier
// sentence judged again on every call (quadratic in a document of many
// generic back-references). The test below holds the memo to it.
func refOrgBefore(c *Context, off int) bool {
	doc := c.Doc
	end := doc.View().Span(off, off).Start
	for _, s := range doc.Sources {
		if strings.HasPrefix(s.ID, "unnamed:") || strings.HasPrefix(s.ID, "person:") && len(strings.Fields(s.Name)) > 1 || c.Lexicon.Reporting.Pronoun(s.Name) {
			continue
		}
		for _, m := range s.Mentions {
			if m.Start < end {
				return true
			}
		}
	}
	for si, s := range doc.Sentences {
		if s.ViewSpan().Start >= off {
			break
		}
		if !doc.Blocks[s.Block].Kind.Editorial() {
			continue
		}
		text := c.wrappedText(si)
		if e := off - s.ViewSpan().Start; e < len(text) {
			text = text[:e]
		}
		if len(FindOrgs(text, &c.Lexicon.People, nil)) > 0 || hasNamed(c.Registry.Match(text)) || theNameRE.MatchString(text) {
			return true
		}
	}
	return false
}

// refTypedOrOrgBefore is the part of antecedent the memo's typedBefore
// and firstOrgSentence replaced, as it was: a registry source of one of
// types named before m, or an organisation of those types or ending in
// head in a sentence before m's.
func refTypedOrOrgBefore(c *Context, m regMention, resolved []rules.Mention, types map[string]bool, head string) bool {
	for _, o := range resolved {
		if o.Start >= m.Start {
			break
		}
		if o.BackRef || o.SourceID == "" {
			continue
		}
		if src, ok := c.Registry.Info(o.SourceID); ok && types[string(src.Type)] {
			return true
		}
	}
	memo := &backrefMemo{}
	for si := 0; si < m.sentence; si++ {
		for _, o := range memo.orgsOf(c, si) {
			if types[o.Type] || strings.EqualFold(lastWord(o.Name), head) {
				return true
			}
		}
	}
	return false
}

// TestBackrefMemoMatchesReference holds backrefMemo's scans, which learn
// from one call to the next, to the per-call scans they replaced: on the
// documents of the corpora, orgBefore at every sentence start and middle
// (asked in document order, then in reverse with a fresh memo), and the
// typed and organisation antecedents of every registry mention with every
// back-reference key of the registry.
func TestBackrefMemoMatchesReference(t *testing.T) {
	eng, err := NewEngine(nil, rules.DefaultRules())
	if err != nil {
		t.Fatal(err)
	}
	owners := eng.lexSets().backrefTypes
	for _, set := range corpustest.Sets(t) {
		for ai, a := range set.Articles {
			if ai%7 != 0 { // a seventh of each corpus keeps the test short
				continue
			}
			doc := NewDocument(a.Ref, FormatText, a.Body)
			Structure(doc, eng.analyzer.Lexicon())
			eng.analyzer.Analyze(doc)
			c := &Context{Doc: doc, Lexicon: eng.analyzer.Lexicon(), Registry: eng.analyzer.Registry(), shared: &docState{sets: eng.lexSets}}
			var offs []int
			for _, s := range doc.Sentences {
				v := s.ViewSpan()
				offs = append(offs, v.Start, (v.Start+v.End)/2)
			}
			offs = append(offs, len(doc.View().Text))
			forward, backward := &backrefMemo{}, &backrefMemo{}
			for i := range offs {
				j := len(offs) - 1 - i
				if got, want := forward.orgBefore(c, offs[i]), refOrgBefore(c, offs[i]); got != want {
					t.Fatalf("%s: orgBefore(%d) in document order = %v, want %v", a.Ref, offs[i], got, want)
				}
				if got, want := backward.orgBefore(c, offs[j]), refOrgBefore(c, offs[j]); got != want {
					t.Fatalf("%s: orgBefore(%d) in reverse order = %v, want %v", a.Ref, offs[j], got, want)
				}
			}
			reg := doc.registryMatches(c.Registry)
			if reg == nil {
				continue
			}
			memo := &backrefMemo{}
			for i, m := range reg.resolved {
				rm := regMention{m, reg.sentenceOf(i)}
				for key, types := range owners {
					words := strings.Fields(key)
					head := words[len(words)-1]
					got := false
					if end := memo.typedBefore(c, key, reg.resolved, types); end >= 0 && end < m.Start {
						got = true
					} else if first := memo.firstOrgSentence(c, key, head, types, rm.sentence); first >= 0 && first < rm.sentence {
						got = true
					}
					if want := refTypedOrOrgBefore(c, rm, reg.resolved, types, head); got != want {
						t.Fatalf("%s: antecedent of %q before %q at %d = %v, want %v", a.Ref, key, m.Alias, m.Start, got, want)
					}
				}
			}
		}
	}
}
