// Command sourcecheck audits news articles for sourcing: for every claim
// it asks who says so. Run "sourcecheck --help" for usage.
package main

import (
	"os"

	"github.com/sourcecheck/sourcecheck/internal/cli"
)

func main() {
	cli.ConfigureRuntime()
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
