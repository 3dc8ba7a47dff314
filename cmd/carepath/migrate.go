package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os/signal"
	"syscall"

	"github.com/carepath/carepath/internal/app"
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
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	d, err := app.Open(ctx, *db)
	if err != nil {
		fmt.Fprintf(stderr, "carepath migrate: %v\n", err)
		return 1
	}
	defer d.Close()
	fmt.Fprintf(stdout, "%s database at schema version %d\n", d.Dialect.Name, d.Version)
	return 0
}
