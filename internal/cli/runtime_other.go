//go:build !linux

package cli

// populateOnMap does nothing here: populating memory as it is mapped is
// done on Linux only (see runtime_linux.go).
func populateOnMap(string) {}
