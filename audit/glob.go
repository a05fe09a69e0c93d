package audit

// MatchPath reports whether the glob pattern matches the slash path rel
// or its base name, the way ReadOptions.Include and Exclude are matched:
// segments follow path.Match and a "**" segment matches any number of
// segments. Configuration files use it for their per-path overrides.
func MatchPath(pattern, rel string) bool {
	return globMatchAny([]string{pattern}, rel)
}

// CheckGlob reports a malformed glob pattern, naming it.
func CheckGlob(pattern string) error { return checkGlob(pattern) }
