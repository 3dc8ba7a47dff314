package store_test

import (
	"slices"
	"testing"

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
