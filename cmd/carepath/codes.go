package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/icd10"
	"github.com/carepath/carepath/internal/store"
)

const codesUsage = `usage: carepath codes import FILE [--db PATH|URL]

FILE is one of CMS's public ICD-10-CM code files: the order file (icd10cm_order_YYYY.txt) or
the codes file (icd10cm_codes_YYYY.txt). Its codes join the shipped subset (F01–F99 and the Z
codes programs use), so diagnoses may be chosen from them; a code imported again takes the new
description.`

// runCodes implements "carepath codes import FILE": it reads a CMS ICD-10-CM code file and adds
// its codes to the database's code set, in one transaction (a file with one bad line adds
// nothing). It acts as the command line (RoleSystem); it exits 2 for bad flags or a bad file,
// 1 when the database fails.
func runCodes(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "import" {
		fmt.Fprintln(stderr, codesUsage)
		if len(args) > 0 && (args[0] == "help" || args[0] == "-h" || args[0] == "--help") {
			return 0
		}
		return 2
	}
	fs := flag.NewFlagSet("codes import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprintln(stderr, codesUsage+"\n\nflags:"); fs.PrintDefaults() }
	db := dbFlag(fs)
	if code, ok := parseFlags(fs, args[1:], func() bool { return fs.NArg() > 0 }); !ok {
		return code
	}
	file := fs.Arg(0)
	if err := fs.Parse(fs.Args()[1:]); err != nil || fs.NArg() > 0 { // flags may follow FILE
		fs.Usage()
		return 2
	}
	f, err := os.Open(file)
	if err != nil {
		fmt.Fprintf(stderr, "carepath codes import: %v\n", err)
		return 2
	}
	defer f.Close()
	parsed, err := icd10.Parse(f)
	if err != nil {
		fmt.Fprintf(stderr, "carepath codes import: %s: %v\n", file, err)
		return 2
	}
	codes := make([]carepath.DiagnosisCode, len(parsed))
	for i, c := range parsed {
		codes[i] = carepath.DiagnosisCode{Code: c.Code, Billable: c.Billable, Description: c.Long}
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	d, ok := openDatabase(ctx, "codes import", *db, false, stderr)
	if !ok {
		return 1
	}
	defer d.Close()
	n, err := store.NewDiagnosisService(d.Store).ImportCodes(carepath.NewContext(ctx, cliActor()), filepath.Base(file), codes)
	if err != nil {
		fmt.Fprintf(stderr, "carepath codes import: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "Imported %d codes from %s.\n", n, filepath.Base(file))
	return 0
}
