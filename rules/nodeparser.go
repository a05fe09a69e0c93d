package rules

import (
	"fmt"

	"gopkg.in/yaml.v3"
)

// NodeParser reads a YAML document node by node and collects every
// problem it finds as a *LoadError naming the file, line and column, so
// that a file's problems are all reported at once rather than the first
// alone. The rule, registry and configuration loaders share it.
type NodeParser struct {
	// File names the document in error messages.
	File string
	errs []*LoadError
}

// Fail records a problem at node n; a nil n records it for the whole file.
func (p *NodeParser) Fail(n *yaml.Node, format string, args ...any) {
	line, col := 0, 0
	if n != nil {
		line, col = n.Line, n.Column
	}
	p.errs = append(p.errs, &LoadError{File: p.File, Line: line, Column: col, Msg: fmt.Sprintf(format, args...)})
}

// Problems returns how many problems have been recorded so far, so that a
// caller can tell whether parsing one part of a document found any.
func (p *NodeParser) Problems() int { return len(p.errs) }

// Err returns the recorded problems joined in file, line and column
// order, or nil when there are none.
func (p *NodeParser) Err() error {
	if len(p.errs) == 0 {
		return nil
	}
	return joinLoadErrors(p.errs)
}

// Mapping calls f for each key of mapping node n in order, reporting keys
// that are not plain scalars and keys given twice (and skipping them).
func (p *NodeParser) Mapping(n *yaml.Node, f func(key string, k, v *yaml.Node)) {
	seen := make(map[string]bool, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			p.Fail(k, "keys must be plain words")
			continue
		}
		if seen[k.Value] {
			p.Fail(k, "key %q repeated", k.Value)
			continue
		}
		seen[k.Value] = true
		f(k.Value, k, v)
	}
}
