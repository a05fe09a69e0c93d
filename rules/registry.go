package rules

import (
	_ "embed"
	"errors"
	"fmt"
	"os"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

// SourceType classifies a source by what kind of actor it is.
type SourceType string

// The source types a registry entry may have.
const (
	WireAgency SourceType = "wire_agency" // news agency selling copy to other outlets (AFP, Reuters)
	NewsOutlet SourceType = "news_outlet" // newspaper, broadcaster or website (CNN, Enab Baladi)
	StateMedia SourceType = "state_media" // media owned or run by a state (SANA, TASS, RT)
	NGOMonitor SourceType = "ngo_monitor" // non-governmental monitor or humanitarian NGO (SOHR, HRW)
	IntlOrg    SourceType = "intl_org"    // intergovernmental organisation (UN, WHO, IMF)
	Government SourceType = "government"  // government, ministry, presidency or central bank
	Military   SourceType = "military"    // state armed forces or defence ministry
	ArmedGroup SourceType = "armed_group" // non-state armed group or its media (HTS, SDF, Al-Manar)
	Expert     SourceType = "expert"      // analyst or think tank (International Crisis Group)
	Official   SourceType = "official"    // an individual official speaking in that role
	Eyewitness SourceType = "eyewitness"  // resident or witness on the scene
	Anonymous  SourceType = "anonymous"   // source the publication does not identify
)

// SourceTypes lists every valid SourceType, in a stable order.
var SourceTypes = []SourceType{
	WireAgency, NewsOutlet, StateMedia, NGOMonitor, IntlOrg, Government,
	Military, ArmedGroup, Expert, Official, Eyewitness, Anonymous,
}

// Valid reports whether t is one of the SourceTypes.
func (t SourceType) Valid() bool {
	return slices.Contains(SourceTypes, t)
}

// Source is one entry of the registry: an organisation, outlet or kind of
// person a claim can be credited to.
type Source struct {
	// ID is a short stable slug such as "sohr" or "afp".
	ID string
	// Name is the display name.
	Name string
	// Type says what kind of actor the source is.
	Type SourceType
	// Aliases are the names that identify the source in text, in several
	// languages. See Registry.Match for how they are matched.
	Aliases []string
	// BackRefs are phrases ("the NGO", "the agency") that refer back to the
	// source once it has been named. Several sources may share one.
	BackRefs []string
	// PartyToConflict is true when the source is, or is controlled by, a
	// belligerent.
	PartyToConflict bool
	// Conflicts names the conflicts the source is a party to ("syria").
	Conflicts []string
	// Credibility is a short neutral note on what the source is.
	Credibility string
	// Country is the ISO 3166-1 alpha-2 code of the source's base, if any.
	Country string
	// URL is the source's website, if any.
	URL string
}

func (s Source) clone() Source {
	s.Aliases = slices.Clone(s.Aliases)
	s.BackRefs = slices.Clone(s.BackRefs)
	s.Conflicts = slices.Clone(s.Conflicts)
	return s
}

// LoadError is one problem in a registry, rule or configuration file. Line
// is 0 when the problem has no position (an empty file); Column is 0 when
// only the line is known.
type LoadError struct {
	File   string
	Line   int
	Column int
	Msg    string
}

func (e *LoadError) Error() string {
	switch {
	case e.Line > 0 && e.Column > 0:
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Msg)
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Registry is a validated, immutable set of sources with a matcher built
// over their aliases and back-references. It is safe for concurrent use.
type Registry struct {
	entries []entry
	byID    map[string]int
	// backrefOwners maps a normalised back-reference to the IDs of the
	// sources that list it.
	backrefOwners map[string]map[string]bool
	// backrefSpellings maps each back-reference as a source lists it to
	// its entry in backrefOwners, so that Resolve need not normalise the
	// Alias of a mention Match returned.
	backrefSpellings map[string]map[string]bool
	m                *matcher
}

// entry is a Source with the file positions of its parts, kept so that
// errors found when registries are merged still point into the right file.
type entry struct {
	Source
	file         string
	line         int
	aliasLines   []int
	backrefLines []int
	// aliasKeys and backrefKeys are the normalizeKey of each alias and
	// back-reference, made as they are checked when parsed.
	aliasKeys, backrefKeys []string
}

//go:embed registry/sources.yaml
var embeddedSources []byte

// embeddedName is how errors name the embedded registry file.
const embeddedName = "rules/registry/sources.yaml"

var (
	defaultRegistry     *Registry
	defaultRegistryErr  error
	defaultRegistryOnce sync.Once
)

// DefaultRegistry returns the built-in registry, parsed from the embedded
// rules/registry/sources.yaml on first use. It panics if that file is
// invalid, which the package tests rule out.
func DefaultRegistry() *Registry {
	defaultRegistryOnce.Do(func() {
		defaultRegistry, defaultRegistryErr = LoadRegistry(embeddedName, embeddedSources)
	})
	if defaultRegistryErr != nil {
		panic(defaultRegistryErr)
	}
	return defaultRegistry
}

// LoadRegistryFile reads and parses the registry file at path.
func LoadRegistryFile(path string) (*Registry, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("registry: %w", err)
	}
	return LoadRegistry(path, data)
}

// LoadRegistry parses a registry file. name is used in error messages only.
//
// The file is a mapping with "version: 1" and a "sources" sequence; each
// source is a mapping with the keys id, name, type, aliases, backrefs,
// party_to_conflict, conflicts, credibility, country and url. Parsing is
// strict: unknown or repeated keys, a missing id, name, type or aliases, an
// unknown type, a duplicate id, an alias that normalises to the same words
// as another source's alias, and a back-reference that equals an alias are
// all errors. The returned error joins one *LoadError per problem, each
// naming name:line.
func LoadRegistry(name string, data []byte) (*Registry, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, YAMLError(name, err)
	}
	p := &parser{NodeParser: NodeParser{File: name}}
	entries := p.document(&doc)
	if p.Problems() > 0 {
		return nil, p.Err()
	}
	return build(entries)
}

// Merge returns a registry holding r's sources extended and overridden by
// other's: a source of other whose ID r already has replaces r's entry
// whole (keeping its position in the order); the others are appended. The
// result is checked again, so an alias of other that another of r's sources
// already claims is an error naming other's file and line. Neither r nor
// other is modified.
func (r *Registry) Merge(other *Registry) (*Registry, error) {
	merged := slices.Clone(r.entries)
	for _, e := range other.entries {
		if i, ok := r.byID[e.ID]; ok {
			merged[i] = e
			continue
		}
		merged = append(merged, e)
	}
	return build(merged)
}

// Lookup returns the source with the given ID.
func (r *Registry) Lookup(id string) (Source, bool) {
	i, ok := r.byID[id]
	if !ok {
		return Source{}, false
	}
	return r.entries[i].clone(), true
}

// SourceInfo is what most callers need of a source: who it is and whether
// it is a party to a conflict, without its lists.
type SourceInfo struct {
	ID              string
	Name            string
	Type            SourceType
	PartyToConflict bool
}

// Info returns what SourceInfo holds of the source with the given id, and
// whether there is one. Unlike Lookup it copies nothing: the analysis
// asks it for every registry mention.
func (r *Registry) Info(id string) (SourceInfo, bool) {
	i, ok := r.byID[id]
	if !ok {
		return SourceInfo{}, false
	}
	e := &r.entries[i]
	return SourceInfo{ID: e.ID, Name: e.Name, Type: e.Type, PartyToConflict: e.PartyToConflict}, true
}

// Sources returns a copy of every source, in file order (merged sources
// after the ones they extend).
func (r *Registry) Sources() []Source {
	out := make([]Source, len(r.entries))
	for i, e := range r.entries {
		out[i] = e.clone()
	}
	return out
}

// Len returns the number of sources.
func (r *Registry) Len() int { return len(r.entries) }

// build checks the constraints that span entries and compiles the matcher.
func build(entries []entry) (*Registry, error) {
	var errs []*LoadError
	fail := func(file string, line int, format string, args ...any) {
		errs = append(errs, &LoadError{File: file, Line: line, Msg: fmt.Sprintf(format, args...)})
	}
	r := &Registry{
		entries:          entries,
		byID:             make(map[string]int, len(entries)),
		backrefOwners:    make(map[string]map[string]bool),
		backrefSpellings: make(map[string]map[string]bool),
	}
	for i, e := range entries {
		if j, dup := r.byID[e.ID]; dup {
			first := entries[j]
			fail(e.file, e.line, "duplicate source id %q (first defined at %s:%d)", e.ID, first.file, first.line)
			continue
		}
		r.byID[e.ID] = i
	}

	type claim struct {
		id, alias, file string
		line            int
	}
	aliases := 0
	for _, e := range entries {
		aliases += len(e.Aliases)
	}
	aliasOwner := make(map[string]claim, aliases)
	for _, e := range entries {
		for k, a := range e.Aliases {
			key := e.aliasKeys[k]
			prev, ok := aliasOwner[key]
			if ok && prev.id != e.ID {
				fail(e.file, e.aliasLines[k], "alias %q of source %q is already claimed by source %q as %q (%s:%d)",
					a, e.ID, prev.id, prev.alias, prev.file, prev.line)
				continue
			}
			if !ok {
				aliasOwner[key] = claim{e.ID, a, e.file, e.aliasLines[k]}
			}
		}
	}
	for _, e := range entries {
		for k, b := range e.BackRefs {
			key := e.backrefKeys[k]
			if owner, ok := aliasOwner[key]; ok {
				fail(e.file, e.backrefLines[k], "back-reference %q of source %q equals alias %q of source %q (%s:%d)",
					b, e.ID, owner.alias, owner.id, owner.file, owner.line)
				continue
			}
			if r.backrefOwners[key] == nil {
				r.backrefOwners[key] = make(map[string]bool)
			}
			r.backrefOwners[key][e.ID] = true
			r.backrefSpellings[b] = r.backrefOwners[key]
		}
	}
	if len(errs) > 0 {
		return nil, joinLoadErrors(errs)
	}
	r.m = newMatcher(entries)
	return r, nil
}

func joinLoadErrors(errs []*LoadError) error {
	sort.SliceStable(errs, func(i, j int) bool {
		if errs[i].File != errs[j].File {
			return errs[i].File < errs[j].File
		}
		if errs[i].Line != errs[j].Line {
			return errs[i].Line < errs[j].Line
		}
		return errs[i].Column < errs[j].Column
	})
	list := make([]error, len(errs))
	for i, e := range errs {
		list[i] = e
	}
	return errors.Join(list...)
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// YAMLError turns a yaml.v3 syntax error into a *LoadError naming the
// file and, where yaml.v3 gives one, the line. Every loader of sourcecheck
// YAML (registry, rules, configuration, baseline) reports syntax errors
// through it.
func YAMLError(name string, err error) error {
	if m := yamlLineRE.FindStringSubmatch(err.Error()); m != nil {
		line, _ := strconv.Atoi(m[1])
		return &LoadError{File: name, Line: line, Msg: m[2]}
	}
	return &LoadError{File: name, Msg: strings.TrimPrefix(err.Error(), "yaml: ")}
}

// parser walks a registry or rule document node by node (see
// NodeParser), so that every problem is reported with its line and all
// problems are reported at once.
type parser struct {
	NodeParser
	ph phraseScratch // for the registry's aliases and back-references
}

// document parses the top level: version and sources.
func (p *parser) document(doc *yaml.Node) []entry {
	if doc.Kind == 0 || len(doc.Content) == 0 {
		p.Fail(nil, "empty registry file")
		return nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		p.Fail(root, "registry must be a mapping with keys version and sources")
		return nil
	}
	var (
		entries    []entry
		versionSet bool
		sourcesSet bool
	)
	p.Mapping(root, func(key string, k, v *yaml.Node) {
		switch key {
		case "version":
			versionSet = true
			var version int
			if err := v.Decode(&version); err != nil || version != 1 {
				p.Fail(v, "unsupported version %q (want 1)", v.Value)
			}
		case "sources":
			sourcesSet = true
			if v.Kind != yaml.SequenceNode {
				p.Fail(v, "sources must be a sequence")
				return
			}
			for _, n := range v.Content {
				if e, ok := p.source(n); ok {
					entries = append(entries, e)
				}
			}
		default:
			p.Fail(k, "unknown key %q (want version, sources)", key)
		}
	})
	if !versionSet {
		p.Fail(root, "missing key version")
	}
	if !sourcesSet {
		p.Fail(root, "missing key sources")
	}
	return entries
}

var (
	idRE      = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	countryRE = regexp.MustCompile(`^[A-Z]{2}$`)
)

const sourceKeys = "id, name, type, aliases, backrefs, party_to_conflict, conflicts, credibility, country, url"

// source parses one entry of the sources sequence.
func (p *parser) source(n *yaml.Node) (entry, bool) {
	e := entry{file: p.File, line: n.Line}
	if n.Kind != yaml.MappingNode {
		p.Fail(n, "source must be a mapping with keys %s", sourceKeys)
		return e, false
	}
	before := p.Problems()
	var conflictsNode, typeNode *yaml.Node
	p.Mapping(n, func(key string, k, v *yaml.Node) {
		switch key {
		case "id":
			e.ID = p.str(v, key)
		case "name":
			e.Name = p.str(v, key)
		case "type":
			typeNode = v
			e.Type = SourceType(p.str(v, key))
		case "credibility":
			e.Credibility = p.str(v, key)
		case "country":
			e.Country = p.str(v, key)
			if !countryRE.MatchString(e.Country) {
				p.Fail(v, "country %q is not an ISO 3166-1 alpha-2 code", e.Country)
			}
		case "url":
			e.URL = p.str(v, key)
			if !strings.HasPrefix(e.URL, "https://") && !strings.HasPrefix(e.URL, "http://") {
				p.Fail(v, "url %q must start with http:// or https://", e.URL)
			}
		case "party_to_conflict":
			if v.Kind != yaml.ScalarNode || v.Decode(&e.PartyToConflict) != nil {
				p.Fail(v, "party_to_conflict must be true or false")
			}
		case "conflicts":
			conflictsNode = v
			e.Conflicts, _, _ = p.strs(v, key)
		case "aliases":
			e.Aliases, e.aliasLines, e.aliasKeys = p.strs(v, key)
			if len(e.Aliases) == 0 {
				p.Fail(v, "aliases must not be empty")
			}
		case "backrefs":
			e.BackRefs, e.backrefLines, e.backrefKeys = p.strs(v, key)
		default:
			p.Fail(k, "unknown key %q in source (want %s)", key, sourceKeys)
		}
	})
	label := "source"
	if e.ID != "" {
		label = fmt.Sprintf("source %q", e.ID)
	}
	switch {
	case e.ID == "":
		p.Fail(n, "source has no id")
	case !idRE.MatchString(e.ID):
		p.Fail(n, "%s: id must be lowercase letters, digits and single hyphens", label)
	}
	if strings.TrimSpace(e.Name) == "" {
		p.Fail(n, "%s has no name", label)
	}
	switch {
	case typeNode == nil:
		p.Fail(n, "%s has no type", label)
	case !e.Type.Valid():
		p.Fail(typeNode, "%s: unknown type %q (want one of %s)", label, e.Type, typeList())
	}
	if !p.hasKey(n, "aliases") {
		p.Fail(n, "%s has no aliases", label)
	}
	if conflictsNode != nil && len(e.Conflicts) > 0 && !e.PartyToConflict {
		p.Fail(conflictsNode, "%s lists conflicts but party_to_conflict is not true", label)
	}
	return e, p.Problems() == before
}

func (p *parser) hasKey(n *yaml.Node, key string) bool {
	for i := 0; i < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return true
		}
	}
	return false
}

// str decodes a non-empty string scalar.
func (p *parser) str(v *yaml.Node, key string) string {
	if v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
		p.Fail(v, "%s must be a string", key)
		return ""
	}
	if strings.TrimSpace(v.Value) == "" {
		p.Fail(v, "%s must not be empty", key)
	}
	return v.Value
}

// strs decodes a sequence of strings, and returns the line and the
// normalizeKey of each. Every item must contain at least one word, so
// that it can be matched.
func (p *parser) strs(v *yaml.Node, key string) (out []string, lines []int, keys []string) {
	if v.Kind != yaml.SequenceNode {
		p.Fail(v, "%s must be a sequence of strings", key)
		return nil, nil, nil
	}
	out = make([]string, 0, len(v.Content))
	lines = make([]int, 0, len(v.Content))
	if key != "conflicts" {
		keys = make([]string, 0, len(v.Content))
	}
	for _, item := range v.Content {
		s := p.str(item, key+" item")
		if s == "" {
			continue
		}
		toks, arena := p.ph.tokenize(s)
		if len(toks) == 0 {
			p.Fail(item, "%s item %q has no letters or digits", key, s)
			continue
		}
		if _, bad := shapeOf(toks); bad && key != "conflicts" {
			p.Fail(item, "%s item %q has punctuation between its words that text can never match (brackets, quotes, a sentence period)", key, s)
			continue
		}
		out = append(out, s)
		lines = append(lines, item.Line)
		if key != "conflicts" { // conflicts are not matched
			keys = append(keys, string(p.ph.keyOf(toks, arena)))
		}
	}
	return out, lines, keys
}

func typeList() string {
	names := make([]string, len(SourceTypes))
	for i, t := range SourceTypes {
		names[i] = string(t)
	}
	return strings.Join(names, ", ")
}
