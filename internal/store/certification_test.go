package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

// TestCertificationsOnAnEpisode records an initial certification and a recertification on an
// episode, refuses the bad ones naming their fields with nothing written, and keeps them from
// the front desk and from clinicians outside the care team.
func TestCertificationsOnAnEpisode(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		f := newAuthFixture(t, env) // today is 2026-11-04; Alice admitted 2026-10-26
		svc := store.NewCertificationService(env.Store)
		valid := carepath.CertificationInput{Date: "2026-10-26", PhysicianName: " Ada  Okafor ", PhysicianNPI: "1245319599",
			HoursPerWeek: 12, Plan: "Group therapy three evenings a week"}

		for _, tc := range []struct {
			name   string
			change func(*carepath.CertificationInput)
			fields []string
		}{
			{"a recertification before any initial one", func(in *carepath.CertificationInput) { in.Recertification = true }, []string{"recertification"}},
			{"a date after today", func(in *carepath.CertificationInput) { in.Date = "2026-11-05" }, []string{"date"}},
			{"an NPI with a wrong check digit", func(in *carepath.CertificationInput) { in.PhysicianNPI = "1245319598" }, []string{"physician_npi"}},
			{"hours outside 1–40", func(in *carepath.CertificationInput) { in.HoursPerWeek = 41 }, []string{"hours_per_week"}},
			{"no physician and no date", func(in *carepath.CertificationInput) { in.PhysicianName, in.Date = "", "26/10/2026" }, []string{"date", "physician_name"}},
		} {
			in := valid
			tc.change(&in)
			_, err := svc.AddCertification(f.asClinician, f.episode.ID, in)
			var got []string
			for _, fe := range carepath.ErrorFields(err) {
				got = append(got, fe.Field)
			}
			slices.Sort(got)
			if carepath.ErrorCode(err) != carepath.EINVALID || !slices.Equal(got, tc.fields) {
				t.Errorf("%s: %v (fields %v), want EINVALID naming %v", tc.name, err, got, tc.fields)
			}
		}
		if n := rowCount(t, env, "certifications", "episode_id = $1", f.episode.ID); n != 0 {
			t.Fatalf("%d certifications stored after refusals, want 0", n)
		}

		first, err := svc.AddCertification(f.asClinician, f.episode.ID, valid)
		if err != nil {
			t.Fatalf("AddCertification: %v", err)
		}
		if first.PhysicianName != "Ada Okafor" || first.ClientID != f.alice || first.RecordedBy != f.clinician || first.RecordedAt.IsZero() {
			t.Errorf("first = %+v", first)
		}
		recert := valid
		recert.Recertification, recert.Date, recert.HoursPerWeek = true, "2026-10-20", 20
		if _, err := svc.AddCertification(f.asClinician, f.episode.ID, recert); carepath.ErrorCode(err) != carepath.EINVALID ||
			carepath.ErrorFields(err)[0].Field != "date" {
			t.Errorf("a recertification before the initial one = %v, want EINVALID naming date", err)
		}
		recert.Date = "2026-11-03"
		second, err := svc.AddCertification(asAdmin, f.episode.ID, recert)
		if err != nil || !second.Recertification || !second.HoursOutsideIOP() {
			t.Fatalf("recertification = %+v, %v; want stored, 20 hours outside IOP's 9–19 but accepted", second, err)
		}
		list, err := svc.FindCertifications(f.asClinician, f.episode.ID)
		if err != nil || len(list) != 2 || list[0].ID != first.ID || list[1].ID != second.ID {
			t.Fatalf("FindCertifications = %v, %v; want the two by date", list, err)
		}
		if due := carepath.RecertificationDue(list); due != "2027-01-02" {
			t.Errorf("RecertificationDue = %q, want 60 days after 2026-11-03", due)
		}

		// The front desk may not record one; a clinician outside the care team sees no episode.
		if _, err := svc.AddCertification(asFrontDesk, f.episode.ID, valid); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
			t.Errorf("front desk = %v, want EFORBIDDEN", err)
		}
		other := actorAs(carepath.RoleClinician, f.other)
		if _, err := svc.FindCertifications(other, f.episode.ID); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("a clinician outside the care team = %v, want ENOTFOUND", err)
		}
		if _, err := svc.FindCertifications(f.asClinician, "01a20853-2b38-786d-b0b4-2c5349401af6"); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("an unknown episode = %v, want ENOTFOUND", err)
		}
		if n := rowCount(t, env, "audit_log", "action = $1 AND client_id = $2 AND detail = 'ok'", "certification.create", f.alice); n != 2 {
			t.Errorf("%d certification.create audit rows, want the writes audited", n)
		}
	})
}

// TestCertificationAlerts: an open IOP episode of a client with Medicare coverage is listed
// while no certification is on file, not while its recertification is more than a week away,
// again once it is due within the week, and as overdue after; only for the care team.
func TestCertificationAlerts(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		f := newAuthFixture(t, env) // today is 2026-11-04; Alice admitted to the IOP 2026-10-26
		svc := store.NewCertificationService(env.Store)
		if list, err := svc.FindCertificationAlerts(f.asClinician); err != nil || len(list) != 0 {
			t.Fatalf("without Medicare coverage = %v, %v; want none", list, err)
		}
		medicare, err := store.NewPayerService(env.Store).CreatePayer(asAdmin, carepath.PayerInput{Name: "Medicare Part A", PayerID: "MCRA1", Medicare: true})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := store.NewCoverageService(env.Store).AddCoverage(asAdmin, f.alice, carepath.CoverageInput{PayerID: medicare.ID,
			MemberID: "1EG4TE5MK73", PlanYearStart: "2026-01-01"}); err != nil {
			t.Fatal(err)
		}
		alerts := func(who context.Context) []*carepath.CertificationAlert {
			t.Helper()
			list, err := svc.FindCertificationAlerts(who)
			if err != nil {
				t.Fatal(err)
			}
			return list
		}
		if list := alerts(f.asClinician); len(list) != 1 || list[0].EpisodeID != f.episode.ID || list[0].Due != "" {
			t.Fatalf("no certification on file = %+v, want the episode with nothing due", list)
		}
		if list := alerts(actorAs(carepath.RoleClinician, f.other)); len(list) != 0 {
			t.Errorf("another clinician's alerts = %+v, want none", list)
		}
		in := carepath.CertificationInput{Date: "2026-10-26", PhysicianName: "Ada Okafor", PhysicianNPI: "1245319599", HoursPerWeek: 12}
		if _, err := svc.AddCertification(f.asClinician, f.episode.ID, in); err != nil {
			t.Fatal(err)
		}
		if list := alerts(f.asClinician); len(list) != 0 {
			t.Errorf("due 2026-12-25 = %+v, want none yet", list)
		}
		f.now = time.Date(2026, 12, 20, 12, 0, 0, 0, time.UTC)
		if list := alerts(f.asClinician); len(list) != 1 || list[0].Due != "2026-12-25" || list[0].Overdue {
			t.Errorf("five days before = %+v, want due 2026-12-25", list)
		}
		f.now = time.Date(2026, 12, 26, 12, 0, 0, 0, time.UTC)
		if list := alerts(f.asClinician); len(list) != 1 || !list[0].Overdue {
			t.Errorf("the day after = %+v, want overdue", list)
		}
	})
}
