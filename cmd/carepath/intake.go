package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"os/user"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
)

// crisisLabel marks a request flagged for same-day review, in the table and its summary.
const crisisLabel = "CRISIS — same-day review"

// runIntake implements "carepath intake list": the intake requests sent from the public
// decision aid, newest first, as a table (requests flagged for same-day review called out
// above it) or as JSON. It acts as the command line (RoleSystem), so the reads are audited
// under the operating-system user. It exits 2 for bad flags, 1 when the database fails.
func runIntake(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	usage := "usage: carepath intake list [--db PATH|URL] [--status new|contacted|converted|closed] [--limit N] [--json]"
	if len(args) == 0 || args[0] != "list" {
		fmt.Fprintln(stderr, usage)
		if len(args) > 0 && (args[0] == "help" || args[0] == "-h" || args[0] == "--help") {
			return 0
		}
		return 2
	}
	flags := flag.NewFlagSet("intake list", flag.ContinueOnError)
	flags.SetOutput(stderr)
	db := dbFlag(flags)
	status := flags.String("status", "", "show only requests with this `status`: new, contacted, converted or closed")
	limit := flags.Int("limit", store.DefaultIntakeLimit, fmt.Sprintf("show at most `N` requests, newest first (up to %d)", store.MaxIntakeLimit))
	asJSON := flags.Bool("json", false, "print JSON instead of a table")
	flags.Usage = func() {
		fmt.Fprintln(stderr, usage+"\n\nflags:")
		flags.PrintDefaults()
	}
	if code, ok := parseFlags(flags, args[1:], func() bool { return flags.NArg() == 0 }); !ok {
		return code
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	d, ok := openDatabase(ctx, "intake", *db, true, stderr)
	if !ok {
		return 1
	}
	defer d.Close()
	s := d.Store

	filter := carepath.IntakeFilter{Limit: *limit}
	if *status != "" {
		st := carepath.IntakeStatus(*status)
		filter.Status = &st
	}
	list, err := store.NewIntakeService(s).FindIntakes(carepath.NewContext(ctx, cliActor()), filter)
	if err != nil {
		return reportIntakeError(stderr, err)
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(list); err != nil {
			fmt.Fprintf(stderr, "carepath intake: %v\n", err)
			return 1
		}
		return 0
	}
	if err := writeIntakeTable(stdout, list, *status); err != nil {
		fmt.Fprintf(stderr, "carepath intake: %v\n", err)
		return 1
	}
	return 0
}

// cliActor is who the command line acts as: the operating-system user, with RoleSystem.
func cliActor() carepath.Actor {
	name := os.Getenv("USER")
	if u, err := user.Current(); err == nil && u.Username != "" {
		name = u.Username
	}
	if name == "" {
		name = "unknown"
	}
	return carepath.Actor{ID: "cli:" + name, Role: carepath.RoleSystem, Remote: "cli"}
}

// reportIntakeError prints err for a person and returns the exit status: 2 for bad input,
// 1 for anything else.
func reportIntakeError(stderr io.Writer, err error) int {
	code := carepath.ErrorCode(err)
	switch code {
	case carepath.EINVALID:
		for _, f := range carepath.ErrorFields(err) {
			fmt.Fprintf(stderr, "carepath intake: --%s: %s\n", f.Field, f.Message)
		}
		return 2
	case carepath.EINTERNAL:
		fmt.Fprintf(stderr, "carepath intake: %v\n", err)
	default:
		fmt.Fprintf(stderr, "carepath intake: %s\n", carepath.ErrorMessage(err))
	}
	return 1
}

// writeIntakeTable prints the requests as a table, with a line above it counting those
// flagged for same-day review.
func writeIntakeTable(w io.Writer, list []*carepath.Intake, status string) error {
	if len(list) == 0 {
		if status != "" {
			_, err := fmt.Fprintf(w, "No intake requests with status %s.\n", status)
			return err
		}
		_, err := fmt.Fprintln(w, "No intake requests.")
		return err
	}
	crisis := 0
	for _, in := range list {
		if in.Crisis {
			crisis++
		}
	}
	if crisis > 0 {
		fmt.Fprintf(w, "!! %d of %d requests flagged %s: contact them first.\n\n", crisis, len(list), crisisLabel)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "CREATED\tID\tLEVEL\tCRISIS\tSTATUS\tNAME\tCONTACT\tBEST TIMES")
	for _, in := range list {
		mark, level := "-", string(in.Level)
		if in.Crisis {
			mark = crisisLabel
		}
		if level == "" {
			level = "-"
		}
		contact := in.Email
		if in.Phone != "" {
			contact = strings.TrimPrefix(contact+", "+in.Phone, ", ")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n",
			in.CreatedAt.In(time.Local).Format("2006-01-02 15:04 MST"), in.ID, level, mark, in.Status,
			cell(in.Name, 30), cell(contact, 40), cell(in.BestTimes, 40))
	}
	return tw.Flush()
}

// cell makes text a person typed safe for a terminal table: control and formatting
// characters (tabs, newlines, escape sequences, direction overrides) become spaces, and long
// text is cut to width characters.
func cell(s string, width int) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return ' '
		}
		return r
	}, s)
	if s = strings.TrimSpace(s); s == "" {
		return "-"
	}
	if utf8.RuneCountInString(s) > width {
		s = string([]rune(s)[:width-1]) + "…"
	}
	return s
}
