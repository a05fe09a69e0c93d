// Package rules holds the data sourcecheck audits against: the registry of
// sources a claim can be credited to and, later, the rule schema and the
// built-in rule pack.
//
// The registry is YAML. The built-in one is embedded from
// rules/registry/sources.yaml (DefaultRegistry); users extend or override
// it with files of the same format (LoadRegistryFile, Registry.Merge).
// Registry.Match finds every mention of a registered source in a text by
// its aliases ("SOHR", "Syrian Observatory for Human Rights", "OSDH") and
// back-references ("the NGO"), and Registry.Resolve attaches each
// back-reference to the source named before it.
//
// This package must not import package audit, which imports it.
package rules
