// Command carepath runs the carepath server and its command-line tools.
package main

import (
	"fmt"
	"io"
	"os"
	"sort"
)

// command is one subcommand: it gets its arguments (without the subcommand name) and the
// process's standard streams, and returns the exit status (0 ok, 1 failure, 2 bad input or usage).
type command struct {
	summary string
	run     func(args []string, stdin io.Reader, stdout, stderr io.Writer) int
}

// commands is the one table of subcommands.
var commands = map[string]command{
	"serve":    {"run the web server (--demo seeds demo data)", runServe},
	"migrate":  {"apply database migrations and exit", runMigrate},
	"assess":   {"evaluate a placement profile (JSON from FILE or stdin) and print the recommendation", runAssess},
	"intake":   {"list intake requests from the public decision aid (intake list)", runIntake},
	"schedule": {"solve, check or export a weekly schedule (schedule solve|check|lp)", runSchedule},
	"user":     {"manage staff accounts (user add|list|totp)", runUser},
	"token":    {"manage API tokens (token add|revoke)", runToken},
	"audit":    {"check the audit log's hash chain (audit verify)", runAudit},
	"backup":   {"copy the SQLite database while the server runs (--out FILE)", runBackup},
	"restore":  {"replace the SQLite database with a backup (--from FILE)", runRestore},
	"codes":    {"add the codes of a CMS ICD-10-CM code file to the code set (codes import FILE)", runCodes},
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run dispatches to a subcommand and returns its exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "carepath: unknown command %q\n", args[0])
		usage(stderr)
		return 2
	}
	return c.run(args[1:], stdin, stdout, stderr)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: carepath <command> [flags]\n\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-9s %s\n", n, commands[n].summary)
	}
}
