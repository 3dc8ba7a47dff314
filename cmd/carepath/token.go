package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
)

const tokenUsage = `usage: carepath token add --email E [--recipient R --purpose P] [--expires 90d] [--db PATH|URL]
       carepath token revoke (--token T | --id ID) [--db PATH|URL]`

// runToken implements "carepath token": add prints a new API token for a staff member (shown
// once; its id goes to standard error), revoke revokes one by its text or id. A token given
// --recipient and --purpose is an outside party's: it reads only, and every client's records
// it reads go through the disclosure gate (a 42 CFR Part 2 client's only with the client's
// consent naming that recipient and purpose). It acts as the
// command line (RoleSystem); it exits 2 for bad flags, 1 when the call fails.
func runToken(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, tokenUsage)
		return 2
	}
	sub, args := args[0], args[1:]
	fs := flag.NewFlagSet("token "+sub, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprintln(stderr, tokenUsage+"\n\nflags:"); fs.PrintDefaults() }
	db := dbFlag(fs)
	var email, token, id, recipient, purpose, expires *string
	switch sub {
	case "add":
		email = fs.String("email", "", "the `email` of the staff member the token acts as")
		recipient = fs.String("recipient", "", "an outside party's token: the `recipient` it reads for, as clients' consents name it")
		purpose = fs.String("purpose", "", "an outside party's token: the `purpose` it reads for: treatment, payment, operations or patient_request")
		expires = fs.String("expires", "90d", "the token stops working after this `long` (e.g. 30d, 12h; at most 366d)")
	case "revoke":
		token = fs.String("token", "", "the `token` to revoke")
		id = fs.String("id", "", "the `id` of the token to revoke")
	case "help", "-h", "--help":
		fmt.Fprintln(stderr, tokenUsage)
		return 0
	default:
		fmt.Fprintf(stderr, "carepath token: unknown subcommand %q\n%s\n", sub, tokenUsage)
		return 2
	}
	if code, ok := parseFlags(fs, args, func() bool {
		return fs.NArg() == 0 && (sub != "add" || *email != "" && (*recipient == "") == (*purpose == "")) &&
			(sub != "revoke" || (*token == "") != (*id == ""))
	}); !ok {
		return code
	}
	var lifetime time.Duration
	if sub == "add" {
		var err error
		if lifetime, err = parseLifetime(*expires); err != nil {
			fmt.Fprintf(stderr, "carepath token add: --expires: %v\n", err)
			return 2
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	d, ok := openDatabase(ctx, "token", *db, false, stderr)
	if !ok {
		return 1
	}
	defer d.Close()
	st := d.Store
	svc := store.NewStaffService(st)
	ctx = carepath.NewContext(ctx, cliActor())
	switch sub {
	case "add":
		party := carepath.OutsideParty{Recipient: *recipient, Purpose: carepath.DisclosurePurpose(*purpose)}
		t, tid, until, err := svc.CreateTokenFor(ctx, *email, party, lifetime)
		if err != nil {
			return reportCLIError(stderr, "token add", err)
		}
		fmt.Fprintln(stdout, t)
		fmt.Fprintf(stderr, "token id %s: the token above is shown only now and works until %s; send it as Authorization: Bearer <token>, revoke it with carepath token revoke --id %s\n",
			tid, until.Format(time.RFC3339), tid)
	case "revoke":
		which := *token
		if which == "" {
			which = *id
		}
		if err := svc.RevokeToken(ctx, which); err != nil {
			return reportCLIError(stderr, "token revoke", err)
		}
		fmt.Fprintln(stdout, "revoked")
	}
	return 0
}

// parseLifetime reads a token lifetime: a number of days ("30d") or a Go duration ("12h").
func parseLifetime(s string) (time.Duration, error) {
	if days, ok := strings.CutSuffix(strings.TrimSpace(s), "d"); ok {
		n, err := strconv.Atoi(days)
		if err != nil || n <= 0 {
			return 0, fmt.Errorf("%q: give days such as 30d, or hours such as 12h", s)
		}
		return time.Duration(n) * 24 * time.Hour, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("%q: give days such as 30d, or hours such as 12h", s)
	}
	return d, nil
}
