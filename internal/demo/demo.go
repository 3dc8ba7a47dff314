// Package demo seeds a throw-away database with a fictional clinic: staff in every role with
// their hire dates, two programs, forty-two clients at different points of care with
// assessments, episodes, plans, weeks of groups, attendance, notes and measures, sixty clients
// discharged over the past year with their measures, and intake requests. It goes through the
// services like any other caller, so every row it writes is validated and audited.
package demo

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/placement"
)

// Password is the password of every demo staff account. Demo data is for trying carepath
// out on a throw-away database, never for real clients.
const Password = "carepath-demo-2026"

// EmailDomain is the domain of every demo account's email. Under serve --demo (and only
// there), an admin at this domain may work without an authenticator app, under a banner on
// every page; every other admin sets one up before any other page.
const EmailDomain = "demo.carepath.test"

// demoStaff are the demo accounts, one per role.
// hired is how long before today each was hired (years, months), for the hire dates staff
// turnover counts from.
var demoStaff = []struct {
	email, name string
	role        carepath.Role
	hired       [2]int
	supervisor  bool // may be named a note's co-signer
}{
	{"admin@demo.carepath.test", "Avery Admin (demo)", carepath.RoleAdmin, [2]int{6, 2}, false},
	{"clinician@demo.carepath.test", "Dr Casey Morgan (demo)", carepath.RoleClinician, [2]int{4, 7}, true},
	{"clinician2@demo.carepath.test", "Dr Jamie Reyes (demo)", carepath.RoleClinician, [2]int{1, 3}, false},
	{"casemanager@demo.carepath.test", "Morgan Lee (demo)", carepath.RoleCaseManager, [2]int{2, 9}, false},
	{"frontdesk@demo.carepath.test", "Taylor Brooks (demo)", carepath.RoleFrontDesk, [2]int{0, 10}, false},
}

// demoClients are the first fictional clients; seedDemoClinic makes more, up to forty.
var demoClients = [][3]string{
	{"Robin", "Lake", "1988-03-14"}, {"Quinn", "Harper", "1975-11-02"}, {"Skyler", "Nguyen", "1994-07-21"},
	{"Drew", "Patel", "1969-01-30"}, {"Emerson", "Okafor", "2001-09-09"}, {"Rowan", "Silva", "1983-05-17"},
	{"Hayden", "Kowalski", "1990-12-05"}, {"Parker", "Haddad", "1978-04-26"}, {"Reese", "Lindqvist", "1998-08-13"},
	{"Sage", "Moreau", "1986-02-28"}, {"Blake", "Achebe", "1972-10-19"}, {"Kendall", "Ortiz", "1996-06-07"},
}

// demoIntakes are fictional people who asked for an intake through the decision aid.
var demoIntakes = []struct {
	name, email, phone, times, profile string
}{
	{"Alex (demo)", "alex@example.org", "", "weekday evenings",
		`{"answers":{"phq9":[2,2,2,2,1,2,2,1,0],"gad7":[2,2,1,2,1,1,1]},"context":{"support":"strong","must_keep_working":true,"weekly_hours_available":10}}`},
	{"Sam (demo)", "", "555-010-2030", "mornings",
		`{"answers":{"audit":[4,3,3,2,2,1,2,1,2,2]},"context":{"relapsed_after_treatment":true,"support":"some","withdrawal":"mild"}}`},
	{"Jordan (demo)", "jordan@example.org", "", "any time",
		`{"answers":{"phq9":[1,1,1,0,1,1,0,0,0]},"context":{"recent_level":"iop","completed_recent_level":true,"support":"strong","preference":"individual"}}`},
	{"Riley (demo)", "riley@example.org", "555-010-4455", "after 5 pm",
		`{"answers":{"phq9":[3,3,2,3,2,3,2,2,1]},"context":{"support":"some","self_harm":true}}`},
}

// Seed fills an empty database with demo staff, clients and intake requests, and the
// program's delivery (tracks, groups, sessions, attendance, notes, measures), and prints
// the demo logins to out. A database that already holds staff or intake requests is left alone.
func Seed(ctx context.Context, svc carepath.Services, out io.Writer) (bool, error) {
	ctx = carepath.NewContext(ctx, carepath.Actor{ID: "demo-seed", Role: carepath.RoleSystem, Remote: "cli"})
	staffSvc, intakes := svc.Staff, svc.Intakes
	existingStaff, err := staffSvc.FindStaff(ctx, carepath.StaffFilter{})
	if err != nil {
		return false, fmt.Errorf("check for data: %w", err)
	}
	existingIntakes, err := intakes.FindIntakes(ctx, carepath.IntakeFilter{Limit: 1})
	if err != nil {
		return false, fmt.Errorf("check for data: %w", err)
	}
	if len(existingStaff) > 0 || len(existingIntakes) > 0 {
		fmt.Fprintln(out, "The database already holds data: demo data was not added.")
		return false, nil
	}
	var ids demoStaffIDs
	for _, d := range demoStaff {
		hired := time.Now().UTC().AddDate(-d.hired[0], -d.hired[1], 0).Format(carepath.DateLayout)
		s := &carepath.Staff{Email: d.email, Name: d.name, Role: d.role, HireDate: hired}
		if err := staffSvc.CreateStaff(ctx, s, Password); err != nil {
			return false, fmt.Errorf("demo staff: %w", err)
		}
		if d.supervisor {
			yes := true
			if _, err := staffSvc.UpdateStaff(ctx, s.ID, carepath.StaffUpdate{Supervisor: &yes}); err != nil {
				return false, fmt.Errorf("demo supervisor: %w", err)
			}
		}
		switch d.role {
		case carepath.RoleClinician:
			ids.clinicians = append(ids.clinicians, s.ID)
		case carepath.RoleAdmin:
			ids.admin = s.ID
		case carepath.RoleCaseManager:
			ids.caseManager = s.ID
		}
	}
	nClients, err := seedDemoClinic(ctx, svc, ids)
	if err != nil {
		return false, err
	}
	if err := seedDemoPart2(ctx, svc); err != nil {
		return false, err
	}
	if err := seedDemoBilling(ctx, svc); err != nil {
		return false, err
	}
	for _, d := range demoIntakes {
		p, err := placement.DecodeBytes([]byte(d.profile))
		if err != nil {
			return false, fmt.Errorf("demo profile: %w", err)
		}
		rec, err := placement.Recommend(p)
		if err != nil {
			return false, fmt.Errorf("demo profile: %w", err)
		}
		in := &carepath.Intake{Name: d.name, Email: d.email, Phone: d.phone, BestTimes: d.times, Consent: true,
			Profile: json.RawMessage(d.profile), Level: rec.Level, Crisis: rec.Crisis}
		if err := intakes.CreateIntake(ctx, in); err != nil {
			return false, fmt.Errorf("demo intake: %w", err)
		}
	}
	fmt.Fprintf(out, "Demo data added: %d staff, 2 programs, %d clients in care or waiting and %d discharged over the past year, "+
		"%d intake requests (all fictional).\n", len(demoStaff), nClients, len(pastStays()), len(demoIntakes))
	fmt.Fprintf(out, "Demo logins at /login, password %q:\n", Password)
	for _, d := range demoStaff {
		fmt.Fprintf(out, "  %-13s %s\n", d.role, d.email)
	}
	return true, nil
}
