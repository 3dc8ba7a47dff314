package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os/signal"
	"syscall"
)

// runMigrate applies the pending migrations to the database --db names and prints the schema
// version. It exits 1 when the database cannot be opened or migrated.
func runMigrate(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := dbFlag(fs)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: carepath migrate [--db PATH|URL]\n\napply database migrations and exit\n\nflags:")
		fs.PrintDefaults()
	}
	if code, ok := parseFlags(fs, args, func() bool { return fs.NArg() == 0 }); !ok {
		return code
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	d, ok := openDatabase(ctx, "migrate", *db, false, stderr)
	if !ok {
		return 1
	}
	defer d.Close()
	fmt.Fprintf(stdout, "%s database at schema version %d\n", d.Dialect.Name, d.Version)
	return 0
}
