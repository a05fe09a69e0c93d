package audit

// ClaimKind is the kind of a claim.
type ClaimKind string

// Claim kinds.
const (
	// ClaimFigure is a quantity of people, places, things or money.
	ClaimFigure ClaimKind = "figure"
	// ClaimQuote is a direct or dash quotation.
	ClaimQuote ClaimKind = "quote"
	// ClaimReported is reported speech: "X said (that) …", "according to X".
	ClaimReported ClaimKind = "reported"
)

// LinkKind says how an attribution was tied to its claim.
type LinkKind string

// Link kinds.
const (
	// LinkSameSentence: the source and its cue are in the claim's sentence.
	LinkSameSentence LinkKind = "same_sentence"
	// LinkCarried: carried from a nearby sentence, or from a
	// paragraph-level "according to".
	LinkCarried LinkKind = "carried"
	// LinkPronoun: the speech tag names a pronoun, resolved to the nearest
	// compatible named speaker.
	LinkPronoun LinkKind = "pronoun"
	// LinkContinuation: the claim continues a multi-sentence or
	// multi-paragraph quotation whose speaker is known.
	LinkContinuation LinkKind = "continuation"
)

// SourceRef names a source: a registry entry, a person or an unnamed
// source ("a resident").
type SourceRef struct {
	// ID is the registry id ("sohr"), "person:<slug>" for a named person
	// or "unnamed:<slug>" for an unnamed one.
	ID   string `json:"id"`
	Name string `json:"name"`
	// Type is one of the registry's source types (wire_agency, …,
	// official, expert, eyewitness, anonymous).
	Type string `json:"type"`
}

// Cue is the text that ties a claim to its source: a reporting verb
// ("told"), a phrase ("according to") or a vague cue ("reportedly").
type Cue struct {
	Text string `json:"text"`
	Span
}

// Attribution is who a claim is credited to, where, and how it was linked.
type Attribution struct {
	Source SourceRef `json:"source"`
	// Mention is where the source is named for this claim: the name, or
	// the pronoun or back-reference ("the NGO") when that is how it is
	// named; Source.Name is then the resolved name.
	Mention Span     `json:"mention"`
	Cue     Cue      `json:"cue"`
	Link    LinkKind `json:"link"`
}

// Claim is something an article asserts that needs a source.
type Claim struct {
	Span
	Text string    `json:"text"`
	Kind ClaimKind `json:"kind"`
	// Subkind is, for figures, casualty, displacement, territory, money or
	// other; empty for other kinds.
	Subkind string `json:"subkind"`
	// Quantity is a figure's parsed value, when it has one.
	Quantity *Quantity `json:"quantity,omitempty"`
	// Sentence is the index of the claim's (first) sentence; Quote the
	// index of its quotation for quote claims, else -1.
	Sentence int `json:"sentence"`
	Quote    int `json:"quote"`
	// Attribution is nil when nobody is credited.
	Attribution *Attribution `json:"attribution"`
	// Vague is the vague attribution cue in the claim's sentence, if any.
	Vague *Cue `json:"vague"`
}

// Source is a source an article names, with every place it is named.
type Source struct {
	SourceRef
	Mentions []Span `json:"mentions"`
	// Descriptor is the first description the article gives of the source
	// ("the director of the SOHR", "24", "a UK-based NGO").
	Descriptor string `json:"descriptor,omitempty"`
	// Party is true for a party to the conflict the article covers, as the
	// registry records it.
	Party bool `json:"party,omitempty"`
	// Registry is true when the source comes from the source registry.
	Registry bool `json:"registry,omitempty"`
}
