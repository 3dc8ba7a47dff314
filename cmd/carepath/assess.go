package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/placement"
)

// runAssess reads a placement profile from FILE or standard input and prints the
// recommendation as JSON, the same JSON POST /api/v1/placements returns. Bad input exits 2
// with a message naming the field on standard error.
func runAssess(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("assess", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: carepath assess [FILE]   (reads standard input without FILE, or with -)")
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 1 {
		fs.Usage()
		return 2
	}
	in := stdin
	if name := fs.Arg(0); name != "" && name != "-" {
		f, err := os.Open(name)
		if err != nil {
			fmt.Fprintf(stderr, "carepath assess: %v\n", err)
			return 2
		}
		defer f.Close()
		in = f
	}
	p, err := placement.Decode(in)
	if err == nil {
		var rec placement.Recommendation
		if rec, err = placement.Recommend(p); err == nil {
			enc := json.NewEncoder(stdout)
			enc.SetIndent("", "  ")
			if err := enc.Encode(rec); err != nil {
				fmt.Fprintf(stderr, "carepath assess: %v\n", err)
				return 1
			}
			return 0
		}
	}
	if fields := carepath.ErrorFields(err); len(fields) > 0 {
		fmt.Fprintln(stderr, "carepath assess: the profile has problems:")
		for _, f := range fields {
			fmt.Fprintf(stderr, "  %s: %s\n", f.Field, f.Message)
		}
	} else {
		fmt.Fprintf(stderr, "carepath assess: %s\n", carepath.ErrorMessage(err))
	}
	if carepath.ErrorCode(err) == carepath.EINTERNAL {
		return 1
	}
	return 2
}
