package audit

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sourcecheck/sourcecheck/rules"
)

func init() {
	registerCheck(CheckKind{
		Name:    "loaded-verb",
		Summary: "flags loaded attribution verbs in the writer's voice (claimed, admitted, conceded, insisted), outside quotations",
		Params: `objects: words that, right after the verb or in the noun phrase after it, show it is not reporting speech: "claimed responsibility", "claimed the lives of", "claimed the individual title"
passive: auxiliaries that make the verb passive ("was admitted to hospital", "it is claimed"), which this rule leaves to the vague-attribution rules
not_after: words after which "claims" or "claim" is a noun ("amid claims that", "denied the claims")
except: lemmas of loaded verbs this rule leaves alone ("allege", the proper verb for a legal accusation)
adjuncts: words that may stand between the verb and its "that" clause ("claimed on Sunday that", "insisted again that")
The loaded verbs themselves are the reporting lexicon's (audit/lexicon/reporting.yaml, loaded).`,
		build: newLoadedVerb,
	})
}

// loadedVerb reports a loaded reporting verb the writer uses to report
// speech. A loaded verb is one the reporting lexicon marks as carrying the
// writer's judgement. It counts only where it reports speech: as the cue
// the analysis credits a claim or quotation by; before "that", a pronoun
// subject, "to be"/"to have", a colon or a quotation; or ending a speech
// tag ("…,” he insisted."). Other senses ("maintain control", "insist on
// talks", "claimed the lives of") and words inside quotations, which are
// the speaker's, are left alone.
type loadedVerb struct {
	objects, passive, adjuncts, notAfter, except map[string]bool
}

func newLoadedVerb(r *rules.Rule) (Check, error) {
	var p struct {
		Objects  []string `yaml:"objects"`
		Passive  []string `yaml:"passive"`
		Adjuncts []string `yaml:"adjuncts"`
		NotAfter []string `yaml:"not_after"`
		Except   []string `yaml:"except"`
	}
	if err := r.Params.Decode(&p); err != nil {
		return nil, err
	}
	return loadedVerb{objects: wordSet(p.Objects), passive: wordSet(p.Passive), adjuncts: wordSet(p.Adjuncts),
		notAfter: wordSet(p.NotAfter), except: wordSet(p.Except)}, nil
}

// reportingSubjects are the words after which a loaded verb has a clause
// of its own: "admitted he had", "claimed they had".
var reportingSubjects = map[string]bool{"i": true, "we": true, "you": true, "he": true, "she": true, "they": true, "it": true, "there": true}

func (x loadedVerb) Run(c *Context) {
	doc := c.Doc
	// credited reports whether a claim is credited by the cue at a
	// document offset: most documents have few claims, and a scan of
	// them costs less than a set of their cues.
	var cues map[int]bool
	credited := func(start int) bool {
		if len(doc.Claims) <= maxScannedClaims {
			return claimCue(doc, start)
		}
		if cues == nil {
			cues = claimCues(doc)
		}
		return cues[start]
	}
	var found []ReportingCue // one sentence's cues, its memory reused by the next
	for si := range doc.Sentences {
		s := &doc.Sentences[si]
		if !c.InBlock(s.Block) {
			continue
		}
		if !mayHoldLoaded(c, si) {
			continue // no loaded verb, so no cue to judge
		}
		toks := c.sentenceWords(si)
		k := 0
		// FindCues(s.Text), from the words it would split s.Text into.
		found = c.Lexicon.Reporting.appendCues(found[:0], s.Text, toks)
		for _, cue := range found {
			if cue.Kind != CueVerb || !cue.Loaded || x.except[cue.Lemma] || quoteInner(doc, s.ViewSpan().Start+cue.Start) {
				continue
			}
			for k < len(toks) && toks[k].start < cue.Start {
				k++
			}
			if k >= len(toks) || toks[k].start != cue.Start {
				continue
			}
			span := sentenceSpan(doc, si, cue.Start, cue.End)
			if x.otherSense(toks, k, cue.Form) || !credited(span.Start) && !x.reports(s.Text, toks, k, cue.Form) {
				continue
			}
			c.Report(span, MessageData{Match: s.Text[cue.Start:cue.End], Cue: s.Text[cue.Start:cue.End]})
		}
	}
}

// mayHoldLoaded reports whether sentence si may hold an inflection of a
// loaded verb, the only word FindCues finds a loaded verb cue at: a word
// whose lexKey is such an inflection.
func mayHoldLoaded(c *Context, si int) bool {
	if c.Doc.loaded.isFree(&c.Lexicon.Reporting, c.Doc.view, si) {
		return false // the analysis found no such word
	}
	text := c.Doc.Sentences[si].Text
	// The matcher reads words as \b does, with "_" a word character, and
	// does not take İ or the Kelvin sign, which lower-case to ASCII
	// letters, for i and k: text with one of them goes word by word.
	if m := c.lexSets().loadedForms; m != nil && strings.IndexByte(text, '_') < 0 && !strings.Contains(text, "\u0130") && !strings.Contains(text, "\u212a") {
		return m.contains(text)
	}
	verbs := c.Lexicon.Reporting.verbs
	for _, t := range c.sentenceWords(si) {
		if verbs[t.key].loaded {
			return true
		}
	}
	return false
}

// loadedFormsMatcher returns a matcher of the inflections of the loaded
// verbs of rep, which finds one wherever a word of a text has one as its
// lexKey (and in a few more places, such as "claimed-responsibility"),
// in text without "_", İ or the Kelvin sign; nil when an inflection is
// not all ASCII lower-case letters, where that does not hold.
func loadedFormsMatcher(rep *ReportingLexicon) *phraseMatcher {
	var forms []string
	for w, e := range rep.verbs {
		if !e.loaded {
			continue
		}
		if w == "" || strings.TrimLeft(w, "abcdefghijklmnopqrstuvwxyz") != "" {
			return nil
		}
		forms = append(forms, w)
	}
	slices.Sort(forms)
	phrases := make([][]string, len(forms))
	for i, f := range forms {
		phrases[i] = []string{f}
	}
	return newPhraseMatcher(phrases, false)
}

// maxScannedClaims is the number of claims up to which the loaded-verb
// check scans them for a cue rather than make a set of their cues.
const maxScannedClaims = 64

// claimCues returns the document offsets of the cues claims are credited
// by.
func claimCues(doc *Document) map[int]bool {
	cues := map[int]bool{}
	for _, cl := range doc.Claims {
		if a := cl.Attribution; a != nil {
			cues[a.Cue.Start] = true
		}
	}
	return cues
}

// claimCue reports whether a claim of doc is credited by the cue at
// document offset start: claimCues(doc)[start], without the set.
func claimCue(doc *Document, start int) bool {
	for i := range doc.Claims {
		if a := doc.Claims[i].Attribution; a != nil && a.Cue.Start == start {
			return true
		}
	}
	return false
}

// otherSense reports whether the verb toks[k] (of the given inflection)
// is used in another sense than reporting: passive ("was admitted to
// hospital", "it is claimed"), a noun ("amid claims that"), or with an
// object that is not speech, right after it or ending the noun phrase
// after it ("claimed responsibility", "claimed the individual title").
func (x loadedVerb) otherSense(toks []qword, k int, form VerbForm) bool {
	if k > 0 && x.passive[toks[k-1].key] {
		return true
	}
	if k > 1 && x.passive[toks[k-2].key] && strings.HasSuffix(toks[k-1].key, "ly") {
		return true // "was reportedly admitted"
	}
	if k > 0 && form&(VerbBase|VerbThirdPerson) != 0 && x.notAfter[toks[k-1].key] {
		return true // "amid claims", "the claim"
	}
	if k+1 >= len(toks) {
		return false
	}
	if w := toks[k+1].key; x.objects[w] {
		return true
	} else if w == "that" || !determinerWords[w] {
		return false
	}
	for j := k + 2; j < len(toks) && j <= k+4; j++ {
		if x.objects[toks[j].key] {
			return true
		}
	}
	return false
}

// reports reports whether the verb toks[k] of text reports speech: it
// ends a clause or a speech tag, introduces a quotation, or has a clause
// of its own after it.
func (x loadedVerb) reports(text string, toks []qword, k int, form VerbForm) bool {
	verb := toks[k]
	after := strings.TrimLeftFunc(text[verb.end:], unicode.IsSpace)
	next, _ := utf8.DecodeRuneInString(after)
	switch {
	case strings.ContainsRune(":“«–—", next) || next == '"' && len(after) > 1:
		return true // introduces a quotation
	case after == "" || k+1 >= len(toks) || strings.ContainsRune(".,;!?)…”»\"", next):
		// Ends a clause or a speech tag ("…,” he insisted."); "claims"
		// there is a noun unless a pronoun says who ("…, he claims.").
		return form&(VerbBase|VerbThirdPerson) == 0 || k > 0 && reportingSubjects[toks[k-1].key]
	}
	w := toks[k+1].key
	switch {
	case w == "that" || reportingSubjects[w]:
		return true
	case w == "to" && k+2 < len(toks) && (toks[k+2].key == "be" || toks[k+2].key == "have"):
		return true // "claimed to have", "claims to be"
	case x.adjuncts[w]:
		// "claimed during the day that", "insisted on Sunday that": look
		// for the clause a few words on, before any punctuation.
		for j := k + 1; j < len(toks) && j <= k+6; j++ {
			if strings.ContainsAny(text[toks[j-1].end:toks[j].start], ",;:.") {
				return false
			}
			if toks[j].key == "that" {
				return true
			}
		}
	}
	return false
}
