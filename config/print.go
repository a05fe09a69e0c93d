package config

import (
	"bytes"
	"fmt"
	"io"
	"strconv"

	"gopkg.in/yaml.v3"
)

// WriteYAML writes the effective configuration as a YAML configuration
// file, each value followed by a comment saying where it came from
// (default, file:line:column or flag). The rules section lists every
// known rule with its state: outside any override, or, when path is not
// empty, for the article at path. Paths are shown as written: those from
// the file relative to its folder, those from flags relative to the
// working directory.
func (r *Resolved) WriteYAML(w io.Writer, path string) error {
	c := r.Config
	var head bytes.Buffer
	head.WriteString("# sourcecheck configuration in effect\n")
	if c.File != "" {
		fmt.Fprintf(&head, "# file: %s (paths in it are relative to its folder)\n", c.File)
	} else {
		head.WriteString("# file: none (defaults and flags only)\n")
	}
	if path != "" {
		fmt.Fprintf(&head, "# rules for: %s\n", path)
	}

	root := &yaml.Node{Kind: yaml.MappingNode}
	add := func(key string, v *yaml.Node) {
		root.Content = append(root.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: key}, v)
	}
	add("version", scalar(strconv.Itoa(c.Version.Value), c.Version.Origin))
	add("extends", scalar(c.Extends.Value, c.Extends.Origin))
	add("min_level", scalar(c.MinLevel.Value.String(), c.MinLevel.Origin))
	add("fail_level", scalar(c.FailLevel.Value.String(), c.FailLevel.Origin))
	if c.Baseline.Value == "" {
		n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null", LineComment: c.Baseline.Origin.String() + ": no baseline"}
		add("baseline", n)
	} else {
		add("baseline", scalar(c.Baseline.Value, c.Baseline.Origin))
	}
	add("include", list(c.Include))
	add("exclude", list(c.Exclude))
	add("rule_dirs", list(c.RuleDirs))
	add("sources", list(c.Sources))

	states := r.Global()
	if path != "" {
		states = r.ForPath(path)
	}
	rs := &yaml.Node{Kind: yaml.MappingNode}
	for _, s := range states {
		value, comment := s.Level.String(), s.Origin.String()
		if s.Off {
			value = "off"
			comment += fmt.Sprintf("; runs at %s when on", s.Level)
		}
		rs.Content = append(rs.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: s.Rule.ID},
			&yaml.Node{Kind: yaml.ScalarNode, Value: value, LineComment: comment})
	}
	add("rules", rs)

	ov := &yaml.Node{Kind: yaml.SequenceNode}
	for _, o := range c.Overrides {
		paths := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle, LineComment: o.Origin.String()}
		if path != "" {
			if c.Matches(o, path) {
				paths.LineComment += "; applies to " + path
			} else {
				paths.LineComment += "; does not apply to " + path
			}
		}
		for _, p := range o.Paths {
			paths.Content = append(paths.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: p})
		}
		orules := &yaml.Node{Kind: yaml.MappingNode}
		for _, s := range o.Rules {
			orules.Content = append(orules.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: s.ID},
				&yaml.Node{Kind: yaml.ScalarNode, Value: s.String(), LineComment: s.Origin.String()})
		}
		ov.Content = append(ov.Content, &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{
			{Kind: yaml.ScalarNode, Value: "paths"}, paths,
			{Kind: yaml.ScalarNode, Value: "rules"}, orules,
		}})
	}
	if len(ov.Content) == 0 {
		ov.Style = yaml.FlowStyle
	}
	add("overrides", ov)

	var body bytes.Buffer
	enc := yaml.NewEncoder(&body)
	enc.SetIndent(2)
	if err := enc.Encode(&yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{root}}); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	if _, err := w.Write(head.Bytes()); err != nil {
		return err
	}
	_, err := w.Write(body.Bytes())
	return err
}

func scalar(v string, o Origin) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Value: v, LineComment: o.String()}
}

// list renders a list of settings, each item with its origin; an empty
// list is "[] # none".
func list(items []Setting[string]) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode}
	if len(items) == 0 {
		n.Style, n.LineComment = yaml.FlowStyle, "none"
		return n
	}
	for _, s := range items {
		n.Content = append(n.Content, scalar(s.Value, s.Origin))
	}
	return n
}
