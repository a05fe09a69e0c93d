package cli

import "path"

// pathMatch checks that a glob is well formed.
func pathMatch(glob string) (bool, error) {
	return path.Match(glob, "")
}
