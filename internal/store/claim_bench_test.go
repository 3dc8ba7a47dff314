package store_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

// seedBillingMonth makes a 300-client IOP priced per diem: 12 groups of 25 clients meeting
// Monday to Friday for three hours through October 2026, every client present every day, each
// day's group note signed, every client covered by one payer with a diagnosis. Notes are written
// straight into the tables (the benchmark measures billing, not note taking).
func seedBillingMonth(b *testing.B, env *storetest.Env) {
	b.Helper()
	ctx := actorAs(carepath.RoleSystem, "bench")
	program, err := store.NewProgramService(env.Store).CreateProgram(ctx, carepath.ProgramCreate{Name: "IOP", Level: carepath.LevelIOP, TimeZone: "America/Chicago"})
	if err != nil {
		b.Fatal(err)
	}
	rates := []carepath.Rate{{Service: carepath.RateIOPPerDiem, Cents: 300_00}, {Service: carepath.RateGroupSession, Cents: 60_00}}
	if _, err := store.NewProgramService(env.Store).UpdateProgramDetails(ctx, program.ID, carepath.ProgramDetailsUpdate{Version: 1, Rates: &rates}); err != nil {
		b.Fatal(err)
	}
	if _, err := store.NewPayerService(env.Store).CreatePayer(ctx, carepath.PayerInput{Name: "Acme Health", PayerID: "60054"}); err != nil {
		b.Fatal(err)
	}
	if _, err := store.NewClaimService(env.Store).SetBillingProvider(ctx, carepath.BillingProvider{Name: "Harbor", NPI: "1003000126", TaxID: "12-3456789",
		Address: carepath.PostalAddress{Line1: "100 Main St", City: "Springfield", State: "IL", Zip: "62701-1234"}, Phone: "555-010-0199",
		SubmitterID: "HARBOR", AttendingNPI: "1245319599", AttendingLast: "Okafor"}); err != nil {
		b.Fatal(err)
	}
	clients, groups := store.NewClientService(env.Store), store.NewGroupService(env.Store)
	coverages, diagnoses := store.NewCoverageService(env.Store), store.NewDiagnosisService(env.Store)
	attendance := store.NewAttendanceService(env.Store)
	addr := &carepath.PostalAddress{Line1: "12 Elm St", City: "Springfield", State: "IL", Zip: "62704"}
	days := []string{}
	for d := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC); d.Month() == time.October; d = d.AddDate(0, 0, 1) {
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			days = append(days, d.Format(carepath.DateLayout))
		}
	}
	for g := range 12 {
		facilitator := &carepath.Staff{Email: fmt.Sprintf("bench%d@example.org", g), Name: "Bench", Role: carepath.RoleClinician}
		if err := store.NewStaffService(env.Store).CreateStaff(asAdmin, facilitator, testPassword); err != nil {
			b.Fatal(err)
		}
		grp, err := groups.CreateGroup(ctx, carepath.GroupCreate{ProgramID: program.ID, Name: fmt.Sprintf("Group %d", g), Type: "psychoeducation",
			Capacity: 25, FacilitatorIDs: []string{facilitator.ID}, Days: []string{"mon", "tue", "wed", "thu", "fri"}, StartTime: "09:00",
			Minutes: 180, StartDate: "2026-10-01", Room: fmt.Sprintf("Room %d", g)})
		if err != nil {
			b.Fatal(err)
		}
		var ids []string
		for c := range 25 {
			cl := &carepath.Client{GivenName: fmt.Sprintf("Client%d", g*25+c), FamilyName: "Bench", BirthDate: "1990-01-01", PrimaryClinicianID: facilitator.ID}
			if err := clients.CreateClient(ctx, cl); err != nil {
				b.Fatal(err)
			}
			ids = append(ids, cl.ID)
			if _, err := groups.AddGroupMember(ctx, grp.ID, cl.ID, "2026-10-01"); err != nil {
				b.Fatal(err)
			}
			if _, err := coverages.AddCoverage(ctx, cl.ID, carepath.CoverageInput{PayerID: "60054", MemberID: "M", PlanYearStart: "2026-01-01", SubscriberAddress: addr}); err != nil {
				b.Fatal(err)
			}
			if _, err := diagnoses.AddDiagnosis(ctx, cl.ID, carepath.DiagnosisInput{Code: "F33.1", Primary: true}); err != nil {
				b.Fatal(err)
			}
		}
		for _, day := range days {
			occ := grp.ID + ":" + day
			var recs []carepath.AttendanceRecord
			for _, id := range ids {
				recs = append(recs, carepath.AttendanceRecord{ClientID: id, Status: "present", Minutes: 180})
			}
			if _, err := attendance.RecordAttendance(ctx, occ, carepath.AttendanceUpdate{Records: recs}); err != nil {
				b.Fatal(err)
			}
			note := "note-" + occ
			if _, err := env.Write.Exec(`INSERT INTO notes (id, kind, format, session_id, sections, author_id, status, created_at, updated_at, revision)
				VALUES ($1, 'group', 'dap', $2, '{}', 'staff-bench', 'signed', $3, $3, 1)`, note, occ, time.Now().UTC()); err != nil {
				b.Fatal(err)
			}
			for i, id := range ids {
				if _, err := env.Write.Exec(`INSERT INTO note_clients (note_id, client_id, position) VALUES ($1, $2, $3)`, note, id, i); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
}

// BenchmarkMonthOfChargesAndBatch computes a month of charges (300 clients × 22 program days)
// and makes the month's 837I batch of 300 claims, each through the store as the API does.
func BenchmarkMonthOfChargesAndBatch(b *testing.B) {
	env := storetest.SQLite(b)
	seedBillingMonth(b, env)
	ctx := actorAs(carepath.RoleAdmin, "bench-admin")
	charges, claims := store.NewChargeService(env.Store), store.NewClaimService(env.Store)
	b.Run("charges", func(b *testing.B) {
		for b.Loop() {
			list, err := charges.FindCharges(ctx, carepath.ChargeFilter{From: "2026-10-01", To: "2026-10-31"})
			if err != nil || len(list) != 300*22 {
				b.Fatalf("%d charges, %v", len(list), err)
			}
		}
	})
	b.Run("batch", func(b *testing.B) {
		for b.Loop() {
			batch, err := claims.CreateClaimBatch(ctx, carepath.ClaimBatchInput{PayerID: "60054", From: "2026-10-01", To: "2026-10-31", Format: carepath.Claim837I})
			if err != nil || len(batch.Claims) != 300 {
				b.Fatalf("batch: %v", err)
			}
			// A charge is billed once: deny the month's claims so the next round bills it again.
			b.StopTimer()
			if _, err := env.Write.Exec(`UPDATE claims SET status = 'denied'`); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
		}
	})
}
