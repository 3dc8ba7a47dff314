package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

// authFixture is the delivery fixture with Alice admitted to the IOP on 2026-10-26, on the
// Mon/Wed/Fri group, having attended four days, a payer, and "today" 2026-11-04.
type authFixture struct {
	*deliveryFixture
	episode *carepath.Episode
	payer   *carepath.Payer
	auths   *store.AuthorizationService
	now     time.Time
}

func newAuthFixture(t *testing.T, env *storetest.Env) *authFixture {
	t.Helper()
	f := &authFixture{deliveryFixture: newDeliveryFixture(t, env), auths: store.NewAuthorizationService(env.Store),
		now: time.Date(2026, 11, 4, 12, 0, 0, 0, time.UTC)}
	env.Store.SetNow(func() time.Time { return f.now })
	ep, err := store.NewEpisodeService(env.Store).AdmitClient(asAdmin, carepath.EpisodeAdmit{ClientID: f.alice, ProgramID: f.program.ID, On: "2026-10-26"})
	if err != nil {
		t.Fatal(err)
	}
	f.episode = ep
	g := f.group(t)
	if _, err := f.groups.AddGroupMember(asFrontDesk, g.ID, f.alice, "2026-10-26"); err != nil {
		t.Fatal(err)
	}
	for _, day := range []string{"2026-10-26", "2026-10-28", "2026-10-30", "2026-11-02"} {
		if _, err := f.attendance.RecordAttendance(f.asClinician, g.ID+":"+day, carepath.AttendanceUpdate{
			Records: []carepath.AttendanceRecord{{ClientID: f.alice, Status: "present", Minutes: 180}}}); err != nil {
			t.Fatal(err)
		}
	}
	if f.payer, err = store.NewPayerService(env.Store).CreatePayer(asAdmin, carepath.PayerInput{Name: "Acme Health", PayerID: "60054"}); err != nil {
		t.Fatal(err)
	}
	return f
}

func TestAuthorizationsCountAttendanceAndBurnDown(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		f := newAuthFixture(t, env)
		in := carepath.AuthorizationInput{PayerID: f.payer.ID, Number: "AUTH-1", Level: carepath.LevelIOP, Start: "2026-10-26",
			End: "2026-11-30", Units: 10, Unit: "day", NextReview: "2026-11-16"}
		a, err := f.auths.AddAuthorization(f.asClinician, f.episode.ID, in)
		if err != nil {
			t.Fatalf("AddAuthorization: %v", err)
		}
		// Four days attended; six left; Mon/Wed/Fri from today (Wed 11-04) uses the sixth on Mon 11-16.
		if a.UnitsUsed != 4 || a.UnitsLeft != 6 || a.ExhaustsOn != "2026-11-16" || len(a.Burn) == 0 || a.PayerName != "Acme Health" {
			t.Fatalf("authorization = used %d, left %d, exhausts %q, %d burn points", a.UnitsUsed, a.UnitsLeft, a.ExhaustsOn, len(a.Burn))
		}
		for _, tt := range []struct {
			name  string
			edit  func(*carepath.AuthorizationInput)
			field string
		}{
			{"end before start", func(in *carepath.AuthorizationInput) { in.End = "2026-10-01" }, "end"},
			{"bad unit", func(in *carepath.AuthorizationInput) { in.Unit = "week" }, "unit"},
			{"no units", func(in *carepath.AuthorizationInput) { in.Units = 0 }, "units"},
			{"review outside", func(in *carepath.AuthorizationInput) { in.NextReview = "2027-01-01" }, "next_review"},
			{"unknown payer", func(in *carepath.AuthorizationInput) { in.PayerID = "NOPE" }, "payer_id"},
			{"not a reviewer", func(in *carepath.AuthorizationInput) { in.ReviewerID = f.clinician }, "reviewer_id"},
		} {
			bad := in
			tt.edit(&bad)
			_, err := f.auths.AddAuthorization(f.asClinician, f.episode.ID, bad)
			if fs := carepath.ErrorFields(err); carepath.ErrorCode(err) != carepath.EINVALID || len(fs) == 0 || fs[0].Field != tt.field {
				t.Errorf("%s: %v, want EINVALID naming %s", tt.name, err, tt.field)
			}
		}
		three := 3
		if _, err := f.auths.UpdateAuthorization(f.asClinician, a.ID, carepath.AuthorizationUpdate{Units: &three}); carepath.ErrorCode(err) != carepath.EINVALID ||
			carepath.ErrorFields(err)[0].Field != "units" {
			t.Errorf("units below used = %v, want EINVALID naming units", err)
		}
		if n := rowCount(t, env, "authorizations", "episode_id = $1 AND units = 10", f.episode.ID); n != 1 {
			t.Errorf("%d authorizations as first written, want 1 (nothing written by refused calls)", n)
		}
		twenty := 20
		more, err := f.auths.UpdateAuthorization(f.asClinician, a.ID, carepath.AuthorizationUpdate{Units: &twenty})
		if err != nil || more.UnitsLeft != 16 || more.ExhaustsOn != "" {
			t.Errorf("extended = %+v, %v; want 16 left, not exhausted by 11-30", more, err)
		}
		// A second authorization in sequence takes the days after the first one ends.
		if _, err := f.auths.AddAuthorization(f.asClinician, f.episode.ID, carepath.AuthorizationInput{PayerID: "60054", Number: "AUTH-2",
			Level: carepath.LevelIOP, Start: "2026-12-01", End: "2026-12-31", Units: 12, Unit: "day"}); err != nil {
			t.Fatal(err)
		}
		list, err := f.auths.FindAuthorizations(f.asClinician, f.episode.ID)
		if err != nil || len(list) != 2 || list[0].Number != "AUTH-1" || list[1].UnitsUsed != 0 {
			t.Fatalf("FindAuthorizations = %v, %v", list, err)
		}
		// Alerts: the review on Mon 11-16 is raised 3 business days before (Veterans Day skipped).
		if alerts, err := f.auths.FindAuthorizationAlerts(f.asClinician); err != nil || len(alerts) != 0 {
			t.Errorf("alerts on 11-04 = %v, %v; want none", alerts, err)
		}
		f.now = time.Date(2026, 11, 13, 12, 0, 0, 0, time.UTC)
		alerts, err := f.auths.FindAuthorizationAlerts(f.asClinician)
		if err != nil || len(alerts) != 1 || alerts[0].Kind != "review" || alerts[0].On != "2026-11-16" || alerts[0].ClientID != f.alice {
			t.Errorf("alerts on 11-13 = %+v, %v; want the review", alerts, err)
		}
		if alerts, _ := f.auths.FindAuthorizationAlerts(actorAs(carepath.RoleClinician, f.other)); len(alerts) != 0 {
			t.Errorf("another clinician sees %d alerts", len(alerts))
		}
		if _, err := f.auths.FindAuthorizations(actorAs(carepath.RoleClinician, f.other), f.episode.ID); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("another clinician = %v, want ENOTFOUND", err)
		}
	})
}

// TestAssignedAuthorizations: a payer reviewer lists the authorizations assigned to them with
// the client's name once their organization may receive the client's records (before, only
// counted as withheld); a second reviewer lists none of them.
func TestAssignedAuthorizations(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		f := newAuthFixture(t, env)
		var as []context.Context
		var ids []string
		for _, email := range []string{"rae@acme.example", "ron@acme.example"} {
			r := &carepath.Staff{Email: email, Name: "Reviewer", Role: carepath.RoleReviewer, Organization: "Acme Health"}
			if err := store.NewStaffService(env.Store).CreateStaff(asAdmin, r, "a long enough password"); err != nil {
				t.Fatal(err)
			}
			as = append(as, carepath.NewContext(context.Background(), r.Actor("192.0.2.40")))
			ids = append(ids, r.ID)
		}
		if _, err := f.auths.AddAuthorization(f.asClinician, f.episode.ID, carepath.AuthorizationInput{PayerID: f.payer.ID,
			Number: "UR-5", Level: carepath.LevelIOP, Start: "2026-10-26", End: "2026-11-30", Units: 10, Unit: "day", ReviewerID: ids[0]}); err != nil {
			t.Fatal(err)
		}
		got, err := f.auths.FindAssignedAuthorizations(as[0])
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Authorizations)+got.Withheld != 1 {
			t.Fatalf("assigned reviewer: %d shown, %d withheld; want the one", len(got.Authorizations), got.Withheld)
		}
		if got.Withheld == 1 {
			if _, err := store.NewConsentService(env.Store).RecordConsent(asAdmin, carepath.ConsentCreate{ClientID: f.alice,
				Kind: carepath.ConsentPart2Disclosure, Recipient: "Acme Health", Information: "utilization review", Purpose: "utilization review",
				Purposes: []carepath.DisclosurePurpose{carepath.PurposePayment}, SignedOn: "2026-10-20", ExpiresOn: "2027-10-20"}); err != nil {
				t.Fatal(err)
			}
			if got, err = f.auths.FindAssignedAuthorizations(as[0]); err != nil {
				t.Fatal(err)
			}
		}
		if len(got.Authorizations) != 1 || got.Authorizations[0].Number != "UR-5" || got.Authorizations[0].ClientName.ID != f.alice ||
			got.Authorizations[0].ClientName.FamilyName == "" || got.Authorizations[0].UnitsUsed != 4 {
			t.Fatalf("assigned reviewer = %+v", got)
		}
		other, err := f.auths.FindAssignedAuthorizations(as[1])
		if err != nil || len(other.Authorizations) != 0 || other.Withheld != 0 {
			t.Fatalf("second reviewer = %+v, %v; want none", other, err)
		}
	})
}
