package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os/signal"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app"
	"github.com/carepath/carepath/internal/store"
)

const userUsage = `usage: carepath user add --email E --name N --role R [--organization O] --password-stdin [--db PATH|URL]
       carepath user list [--db PATH|URL]
       carepath user totp --email E [--db PATH|URL]`

// runUser implements "carepath user": add a staff member (printing the new id), list them,
// or turn on a TOTP second factor (printing the otpauth:// URL and secret). It acts as the
// command line (RoleSystem). It exits 2 for bad flags or input, 1 when the database fails.
func runUser(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, userUsage)
		return 2
	}
	sub, args := args[0], args[1:]
	fs := flag.NewFlagSet("user "+sub, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprintln(stderr, userUsage+"\n\nflags:"); fs.PrintDefaults() }
	db := dbFlag(fs)
	keyFile := secretKeyFlag(fs)
	var email, name, role, org *string
	var pwStdin *bool
	switch sub {
	case "add":
		email = fs.String("email", "", "the staff member's `email`, used to sign in")
		name = fs.String("name", "", "the staff member's `name`")
		role = fs.String("role", "", "`role`: admin, clinician, case_manager, front_desk or reviewer")
		org = fs.String("organization", "", "a payer reviewer's `organization`: the recipient of what they read, as clients' 42 CFR Part 2 consents name it")
		pwStdin = fs.Bool("password-stdin", false, "read the password from the first line of standard input")
	case "list":
	case "totp":
		email = fs.String("email", "", "the staff member's `email`")
	case "help", "-h", "--help":
		fmt.Fprintln(stderr, userUsage)
		return 0
	default:
		fmt.Fprintf(stderr, "carepath user: unknown subcommand %q\n%s\n", sub, userUsage)
		return 2
	}
	if code, ok := parseFlags(fs, args, func() bool { return fs.NArg() == 0 && (email == nil || *email != "") }); !ok {
		return code
	}
	var password string
	if sub == "add" {
		if !*pwStdin {
			fmt.Fprintln(stderr, "carepath user add: give the password on standard input with --password-stdin (never on the command line)")
			return 2
		}
		line, err := bufio.NewReader(stdin).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			fmt.Fprintf(stderr, "carepath user add: read password: %v\n", err)
			return 1
		}
		password = strings.TrimRight(line, "\r\n")
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	d, ok := openDatabase(ctx, "user", *db, false, stderr, app.SecretKeyFile(*keyFile))
	if !ok {
		return 1
	}
	defer d.Close()
	st := d.Store
	svc := store.NewStaffService(st)
	ctx = carepath.NewContext(ctx, cliActor())

	switch sub {
	case "add":
		s := &carepath.Staff{Email: *email, Name: *name, Role: carepath.Role(*role), Organization: *org}
		if err := svc.CreateStaff(ctx, s, password); err != nil {
			return reportCLIError(stderr, "user add", err)
		}
		fmt.Fprintln(stdout, s.ID)
		if s.Role == carepath.RoleAdmin {
			fmt.Fprintf(stderr, "carepath user add: admins must use a second factor: %s is asked to enrol an authenticator app at the first sign-in, before anything else (or run carepath user totp --email %s now)\n", s.Email, s.Email)
		}
	case "list":
		list, err := svc.FindStaff(ctx, carepath.StaffFilter{})
		if err != nil {
			return reportCLIError(stderr, "user list", err)
		}
		tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tEMAIL\tNAME\tROLE\tTOTP\tDISABLED\tCREATED")
		for _, s := range list {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", s.ID, cell(s.Email, 60), cell(s.Name, 40), s.Role,
				yesNo(s.TOTPEnabled), yesNo(s.Disabled), s.CreatedAt.In(time.Local).Format("2006-01-02 15:04 MST"))
		}
		if err := tw.Flush(); err != nil {
			fmt.Fprintf(stderr, "carepath user list: %v\n", err)
			return 1
		}
	case "totp":
		secret, url, err := svc.EnableTOTP(ctx, *email)
		if err != nil {
			return reportCLIError(stderr, "user totp", err)
		}
		fmt.Fprintf(stdout, "Add this account to an authenticator app; sign-in now needs its 6-digit code.\nURL:    %s\nSecret: %s\n", url, secret)
	}
	return 0
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// reportCLIError prints err for a person and returns the exit status: 2 for bad input, 1 for
// anything else. Field errors are named as the flags that carry them.
func reportCLIError(stderr io.Writer, cmd string, err error) int {
	switch carepath.ErrorCode(err) {
	case carepath.EINVALID:
		fields := carepath.ErrorFields(err)
		if len(fields) == 0 {
			fmt.Fprintf(stderr, "carepath %s: %s\n", cmd, carepath.ErrorMessage(err))
		}
		for _, f := range fields {
			fmt.Fprintf(stderr, "carepath %s: --%s: %s\n", cmd, strings.ReplaceAll(f.Field, "_", "-"), f.Message)
		}
		return 2
	case carepath.EINTERNAL:
		fmt.Fprintf(stderr, "carepath %s: %v\n", cmd, err)
	default:
		fmt.Fprintf(stderr, "carepath %s: %s\n", cmd, carepath.ErrorMessage(err))
	}
	return 1
}
