package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/schedule"
)

const scheduleUsage = `usage:
  carepath schedule solve [FILE] [--time-limit D] [--seed N] [--without ID,...] [--previous SOLUTION] [-v]
  carepath schedule check INSTANCE SOLUTION [--json]
  carepath schedule lp [FILE]
  carepath schedule cbcsol INSTANCE CBC_SOLUTION   (turn CBC's solu file into a solution)
  carepath schedule gen --clients N --clinicians N --groups N --slots N --seed S
FILE is an instance in JSON; without FILE (or with -) the instance is read from standard input.`

// runSchedule solves, checks, exports and generates weekly schedules.
func runSchedule(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprintln(stderr, scheduleUsage)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	sub, args := args[0], args[1:]
	switch sub {
	case "solve":
		return scheduleSolve(args, stdin, stdout, stderr)
	case "check":
		return scheduleCheck(args, stdin, stdout, stderr)
	case "lp":
		return scheduleLP(args, stdin, stdout, stderr)
	case "gen":
		return scheduleGen(args, stdout, stderr)
	case "cbcsol":
		return scheduleCBCSol(args, stdin, stdout, stderr)
	}
	fmt.Fprintf(stderr, "carepath schedule: unknown subcommand %q\n%s\n", sub, scheduleUsage)
	return 2
}

// parseMixed parses flags that may come before, between or after the positional arguments,
// and returns the positional ones.
func parseMixed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos, args = append(pos, args[0]), args[1:]
	}
}

func newFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("carepath schedule "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// failure prints err for a person and returns the exit status: 2 for invalid input, 1 otherwise.
func failure(stderr io.Writer, prefix string, err error) int {
	if carepath.ErrorCode(err) != carepath.EINVALID {
		fmt.Fprintf(stderr, "%s: %v\n", prefix, err)
		return 1
	}
	fields := carepath.ErrorFields(err)
	if len(fields) == 0 {
		fmt.Fprintf(stderr, "%s: %s\n", prefix, carepath.ErrorMessage(err))
		return 2
	}
	fmt.Fprintf(stderr, "%s: invalid input:\n", prefix)
	for _, f := range fields {
		fmt.Fprintf(stderr, "  %s: %s\n", f.Field, f.Message)
	}
	return 2
}

// openArg opens a named file, or returns stdin for "" and "-".
func openArg(name string, stdin io.Reader) (io.Reader, func(), error) {
	if name == "" || name == "-" {
		return stdin, func() {}, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, err
	}
	return f, func() { f.Close() }, nil
}

// readInstance reads and validates the instance in name (or stdin).
func readInstance(name string, stdin io.Reader) (*schedule.Instance, error) {
	r, done, err := openArg(name, stdin)
	if err != nil {
		return nil, err
	}
	defer done()
	return schedule.ParseInstance(r)
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func scheduleSolve(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	const prefix = "carepath schedule solve"
	fs := newFlagSet("solve", stderr)
	limit := fs.Duration("time-limit", 0, "stop searching after `D` (e.g. 1.5s); 0 stops when the search stops improving")
	seed := fs.Uint64("seed", 1, "random seed; the same seed gives the same solution when no time limit stops the search")
	without := fs.String("without", "", "comma-separated `IDs` of clinicians who are away or have left")
	previous := fs.String("previous", "", "previous solution `FILE` to keep where possible")
	stability := fs.Int("stability", 25, "bonus per group membership, clinician and session slot kept from --previous")
	fairness := fs.Int("fairness", 10, "penalty that spreads the departed clinicians' clients evenly")
	verbose := fs.Bool("v", false, "print the search statistics and the changes on standard error")
	pos, err := parseMixed(fs, args)
	if err != nil {
		return 2
	}
	if len(pos) > 1 {
		fmt.Fprintf(stderr, "%s: at most one instance FILE, got %d arguments\n", prefix, len(pos))
		return 2
	}
	inst, err := readInstance(strings.Join(pos, ""), stdin)
	if err != nil {
		return failure(stderr, prefix, err)
	}
	opt := schedule.Options{Seed: *seed, TimeLimit: *limit, Stability: *stability, Fairness: *fairness}
	if *previous != "" {
		r, done, err := openArg(*previous, stdin)
		if err != nil {
			return failure(stderr, prefix, err)
		}
		opt.Previous, err = schedule.ParseSolution(r)
		done()
		if err != nil {
			return failure(stderr, prefix, err)
		}
	}
	var uncovered []string
	if *without != "" {
		gone := strings.Split(*without, ",")
		opt.Orphans = schedule.Orphans(inst, opt.Previous, gone)
		inst, uncovered, err = inst.Without(gone)
		if err != nil {
			return failure(stderr, prefix, err)
		}
	}
	sol, stats, err := schedule.Solve(context.Background(), inst, opt)
	if err != nil {
		return failure(stderr, prefix, err)
	}
	if err := writeJSON(stdout, sol); err != nil {
		return failure(stderr, prefix, err)
	}
	if *verbose {
		fmt.Fprintf(stderr, "objective %d (initial %d), %d neighbourhoods, %d improvements, %s, stopped by %s\n",
			stats.Objective, stats.Initial, stats.Iterations, stats.Improvements, stats.Elapsed.Round(time.Millisecond), stats.StoppedBy)
	}
	if *without != "" || opt.Previous != nil {
		printChanges(stderr, inst, opt, sol, uncovered)
	}
	return 0
}

// printChanges summarises a reassignment against the previous solution for the director.
func printChanges(w io.Writer, inst *schedule.Instance, opt schedule.Options, sol *schedule.Solution, uncovered []string) {
	ch := schedule.Compare(inst, opt.Previous, sol, opt.Orphans)
	fmt.Fprintf(w, "changes: %d group memberships kept, %d added, %d dropped; %d clients keep their clinician, %d get a new one\n",
		ch.MembershipsKept, ch.MembershipsAdded, ch.MembershipsDropped, ch.ClinicianKept, ch.ClinicianChanged)
	if len(opt.Orphans) > 0 {
		ids := make([]string, 0, len(ch.Received))
		for id := range ch.Received {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		var parts []string
		for _, id := range ids {
			parts = append(parts, fmt.Sprintf("%s %d", id, ch.Received[id]))
		}
		fmt.Fprintf(w, "clients of departed clinicians: %d, of whom %d without a clinician this week; received: %s\n",
			len(opt.Orphans), ch.OrphansUnassigned, strings.Join(parts, ", "))
	}
	if len(uncovered) > 0 {
		fmt.Fprintf(w, "groups that need a substitute facilitator: %s\n", strings.Join(uncovered, ", "))
	}
}

func scheduleCheck(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	const prefix = "carepath schedule check"
	fs := newFlagSet("check", stderr)
	asJSON := fs.Bool("json", false, "print the report as JSON")
	pos, err := parseMixed(fs, args)
	if err != nil {
		return 2
	}
	if len(pos) != 2 {
		fmt.Fprintf(stderr, "%s: want INSTANCE SOLUTION, got %d arguments\n", prefix, len(pos))
		return 2
	}
	inst, err := readInstance(pos[0], stdin)
	if err != nil {
		return failure(stderr, prefix, err)
	}
	r, done, err := openArg(pos[1], stdin)
	if err != nil {
		return failure(stderr, prefix, err)
	}
	sol, err := schedule.ParseSolution(r)
	done()
	if err != nil {
		return failure(stderr, prefix, err)
	}
	rep, err := schedule.Check(inst, sol)
	if err != nil {
		return failure(stderr, prefix, err)
	}
	if *asJSON {
		if err := writeJSON(stdout, rep); err != nil {
			return failure(stderr, prefix, err)
		}
	} else {
		for _, v := range rep.Violations {
			fmt.Fprintf(stdout, "rule %d: %s: %s\n", v.Rule, v.Field, v.Message)
		}
		verdict := "feasible"
		if !rep.Feasible {
			verdict = fmt.Sprintf("infeasible (%d violations)", len(rep.Violations))
		}
		t := rep.Terms
		fmt.Fprintf(stdout, "%s; objective %d = group minutes %d + individual sessions %d + continuity %d - over target %d\n",
			verdict, rep.Objective, t.GroupMinutes, t.IndividualSessions, t.Continuity, t.OverTarget)
		if rep.Stated != rep.Objective {
			fmt.Fprintf(stdout, "the solution states objective %d, but it is %d\n", rep.Stated, rep.Objective)
		}
	}
	if !rep.Feasible || rep.Stated != rep.Objective {
		return 1
	}
	return 0
}

func scheduleLP(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	const prefix = "carepath schedule lp"
	fs := newFlagSet("lp", stderr)
	pos, err := parseMixed(fs, args)
	if err != nil {
		return 2
	}
	if len(pos) > 1 {
		fmt.Fprintf(stderr, "%s: at most one instance FILE, got %d arguments\n", prefix, len(pos))
		return 2
	}
	inst, err := readInstance(strings.Join(pos, ""), stdin)
	if err != nil {
		return failure(stderr, prefix, err)
	}
	if err := schedule.WriteLP(stdout, inst); err != nil {
		return failure(stderr, prefix, err)
	}
	return 0
}

func scheduleGen(args []string, stdout, stderr io.Writer) int {
	const prefix = "carepath schedule gen"
	fs := newFlagSet("gen", stderr)
	var p schedule.GenParams
	fs.IntVar(&p.Clients, "clients", 150, "number of clients")
	fs.IntVar(&p.Clinicians, "clinicians", 15, "number of clinicians")
	fs.IntVar(&p.Groups, "groups", 12, "number of groups")
	fs.IntVar(&p.Slots, "slots", 40, "number of one-hour slots in the week")
	fs.Uint64Var(&p.Seed, "seed", 1, "random seed")
	pos, err := parseMixed(fs, args)
	if err != nil {
		return 2
	}
	if len(pos) > 0 {
		fmt.Fprintf(stderr, "%s: unexpected argument %q\n", prefix, pos[0])
		return 2
	}
	inst, err := schedule.Generate(p)
	if err != nil {
		return failure(stderr, prefix, err)
	}
	if err := writeJSON(stdout, inst); err != nil {
		return failure(stderr, prefix, errors.Join(err))
	}
	return 0
}

func scheduleCBCSol(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	const prefix = "carepath schedule cbcsol"
	fs := newFlagSet("cbcsol", stderr)
	pos, err := parseMixed(fs, args)
	if err != nil {
		return 2
	}
	if len(pos) != 2 {
		fmt.Fprintf(stderr, "%s: want INSTANCE CBC_SOLUTION, got %d arguments\n", prefix, len(pos))
		return 2
	}
	inst, err := readInstance(pos[0], stdin)
	if err != nil {
		return failure(stderr, prefix, err)
	}
	r, done, err := openArg(pos[1], stdin)
	if err != nil {
		return failure(stderr, prefix, err)
	}
	defer done()
	sol, err := schedule.ReadCBCSolution(r, inst)
	if err != nil {
		return failure(stderr, prefix, err)
	}
	if err := writeJSON(stdout, sol); err != nil {
		return failure(stderr, prefix, err)
	}
	return 0
}
