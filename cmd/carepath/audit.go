package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os/signal"
	"syscall"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app"
)

// runAudit implements "carepath audit verify": it walks the audit log's hash chain and prints
// "ok: N rows" or the first broken link. It exits 0 when the chain holds, 1 when it is broken
// or the database cannot be read, 2 on bad usage.
func runAudit(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	usage := `usage: carepath audit verify [--db PATH|URL]

Check the audit log's hash chain: every row's hash must match its columns, the clients it
showed and the hash of the row before it. Prints "ok: N rows" and the newest row's hash (keep
it: a later check whose log no longer reaches that row shows a cut-off tail), or the first
row where the chain breaks, with its id, its time and what differs, and exits 1. The check
appends an audit.verify row of its own (after the rows it checked).`
	if len(args) == 0 || args[0] != "verify" {
		fmt.Fprintln(stderr, usage)
		if len(args) > 0 && (args[0] == "help" || args[0] == "-h" || args[0] == "--help") {
			return 0
		}
		return 2
	}
	flags := flag.NewFlagSet("audit verify", flag.ContinueOnError)
	flags.SetOutput(stderr)
	db := dbFlag(flags)
	keyFile := secretKeyFlag(flags)
	flags.Usage = func() {
		fmt.Fprintln(stderr, usage+"\n\nflags:")
		flags.PrintDefaults()
	}
	if code, ok := parseFlags(flags, args[1:], func() bool { return flags.NArg() == 0 }); !ok {
		return code
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	d, ok := openDatabase(ctx, "audit verify", *db, true, stderr, app.SecretKeyFile(*keyFile))
	if !ok {
		return 1
	}
	defer d.Close()
	rep, err := d.Store.VerifyAuditChain(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "carepath audit verify: %v\n", err)
		return 1
	}
	// The check itself is an audit row, after the rows it checked.
	detail := fmt.Sprintf("ok; rows=%d; head=%d", rep.Rows, rep.LastID)
	if rep.Broken != nil {
		detail = fmt.Sprintf("broken at row %d; rows=%d", rep.Broken.ID, rep.Rows)
	}
	if err := d.Store.RecordAuditVerify(carepath.NewContext(ctx, cliActor()), detail); err != nil {
		fmt.Fprintf(stderr, "carepath audit verify: record the check: %v\n", err)
	}
	if rep.Broken != nil {
		fmt.Fprintf(stdout, "broken: %s\n", rep.Broken)
		fmt.Fprintf(stdout, "the %d rows before it verify", rep.Rows-1)
		if rep.Broken.AfterID != 0 {
			fmt.Fprintf(stdout, " (the last of them is row %d)", rep.Broken.AfterID)
		}
		fmt.Fprintln(stdout)
		return 1
	}
	fmt.Fprintf(stdout, "ok: %d rows\n", rep.Rows)
	if rep.Unsealed > 0 {
		fmt.Fprintf(stdout, "%d rows are older than the chain: they carry no hash, and the first chained row's hash covers them\n", rep.Unsealed)
	}
	if rep.Rows > 0 {
		fmt.Fprintf(stdout, "head: row %d, hash %s\n", rep.LastID, rep.Head)
	}
	return 0
}
