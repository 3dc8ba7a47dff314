package store_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

// TestFindEpisodeAndConsentByID checks the reads of one episode and one consent by id: found
// for the care team, not found and audited as denied for another clinician, not found for a
// malformed id, forbidden for roles without access.
func TestFindEpisodeAndConsentByID(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		env.Store.SetNow(func() time.Time { return time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC) })
		c := mustCreate(t, store.NewClientService(env.Store), newTestClient("Ana", "López", clinicianA))
		p := newTestProgram(t, env, "IOP")
		episodes := store.NewEpisodeService(env.Store)
		asA, asB := actorAs(carepath.RoleClinician, clinicianA), actorAs(carepath.RoleClinician, clinicianB)
		e, err := episodes.AdmitClient(asA, carepath.EpisodeAdmit{ClientID: c.ID, ProgramID: p.ID, On: "2026-06-01"})
		if err != nil {
			t.Fatal(err)
		}
		if e, err = episodes.TransferEpisode(asA, e.ID, carepath.EpisodeTransfer{Version: 1, ToLevel: carepath.LevelPHP, On: "2026-06-10", Reason: "more support"}); err != nil {
			t.Fatal(err)
		}
		got, err := episodes.FindEpisodeByID(asA, e.ID)
		if err != nil || got.Level != carepath.LevelPHP || got.Version != 2 || len(got.Transfers) != 1 || got.Transfers[0].Reason != "more support" {
			t.Fatalf("FindEpisodeByID = %+v, %v", got, err)
		}
		consents := store.NewConsentService(env.Store)
		k, err := consents.RecordConsent(asA, part2(c.ID, "County Court", "2026-12-31"))
		if err != nil {
			t.Fatal(err)
		}
		gotK, err := consents.FindConsentByID(asFrontDesk, k.ID)
		if err != nil || !gotK.Active || gotK.Recipient != "County Court" {
			t.Fatalf("FindConsentByID = %+v, %v", gotK, err)
		}
		for _, tc := range []struct {
			name string
			call func(ctx context.Context, id string) error
			id   string
		}{
			{"episode", func(ctx context.Context, id string) error { _, err := episodes.FindEpisodeByID(ctx, id); return err }, e.ID},
			{"consent", func(ctx context.Context, id string) error { _, err := consents.FindConsentByID(ctx, id); return err }, k.ID},
		} {
			if err := tc.call(asB, tc.id); carepath.ErrorCode(err) != carepath.ENOTFOUND {
				t.Errorf("%s, other clinician: %v", tc.name, err)
			}
			if err := tc.call(asA, "not-an-id"); carepath.ErrorCode(err) != carepath.ENOTFOUND {
				t.Errorf("%s, malformed id: %v", tc.name, err)
			}
			// A reviewer reads the episodes of the clients assigned to them (hidden otherwise)
			// and no consent.
			wantReviewer := carepath.EFORBIDDEN
			if tc.name == "episode" {
				wantReviewer = carepath.ENOTFOUND
			}
			if err := tc.call(actorAs(carepath.RoleReviewer, "r"), tc.id); carepath.ErrorCode(err) != wantReviewer {
				t.Errorf("%s, reviewer: %v", tc.name, err)
			}
			if n := rowCount(t, env, "audit_log", "action = $1 AND allowed = $2 AND actor_id = $3 AND client_id = $4",
				tc.name+".read", false, clinicianB, c.ID); n != 1 {
				t.Errorf("%s: denied reads audited = %d, want 1", tc.name, n)
			}
		}
		if _, err := episodes.FindEpisodeByID(asFrontDesk, e.ID); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
			t.Errorf("episode, front desk: %v", err)
		}
	})
}

// TestFindClientAttendance checks a client's attendance across occurrences: each record with
// its occurrence, oldest first, the roster cut to what the actor may see, and the care-team
// rule for the client asked about.
func TestFindClientAttendance(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		env.Store.SetNow(func() time.Time { return time.Date(2026, 11, 10, 12, 0, 0, 0, time.UTC) })
		f := newDeliveryFixture(t, env)
		g := f.group(t)
		for _, c := range []string{f.alice, f.carol} {
			if _, err := f.groups.AddGroupMember(asFrontDesk, g.ID, c, "2026-10-26"); err != nil {
				t.Fatal(err)
			}
		}
		for _, a := range []struct {
			day    string
			status string
		}{{"2026-11-04", "late"}, {"2026-11-02", "present"}} {
			if _, err := f.attendance.RecordAttendance(f.asClinician, g.ID+":"+a.day, carepath.AttendanceUpdate{Records: []carepath.AttendanceRecord{
				{ClientID: f.alice, Status: a.status, Minutes: 150}, {ClientID: f.carol, Status: "present", Minutes: 180}}}); err != nil {
				t.Fatal(err)
			}
		}
		list, err := f.attendance.FindClientAttendance(f.asClinician, f.alice)
		if err != nil || len(list) != 2 {
			t.Fatalf("FindClientAttendance = %v, %v", list, err)
		}
		first := list[0]
		if first.Occurrence.ID != g.ID+":2026-11-02" || first.Record.Status != "present" || first.Record.Minutes != 150 ||
			first.SheetVersion != 1 || first.Occurrence.GroupID != g.ID || first.Occurrence.Minutes != 180 ||
			first.Record.RecordedBy != f.clinician || first.Record.RecordedAt.IsZero() || len(first.Occurrence.ClientIDs) != 2 {
			t.Errorf("first = %+v / %+v", first.Occurrence, first.Record)
		}
		if list[1].Record.Status != "late" {
			t.Errorf("second = %+v", list[1].Record)
		}
		// Carol's clinician sees the group with Carol only; Alice is not theirs.
		asOther := actorAs(carepath.RoleClinician, f.other)
		carol, err := f.attendance.FindClientAttendance(asOther, f.carol)
		if err != nil || len(carol) != 2 || len(carol[0].Occurrence.ClientIDs) != 1 || carol[0].Occurrence.ClientIDs[0] != f.carol {
			t.Errorf("other clinician's view = %+v, %v", carol, err)
		}
		if _, err := f.attendance.FindClientAttendance(asOther, f.alice); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("outside the care team: %v", err)
		}
		if _, err := f.attendance.FindClientAttendance(asFrontDesk, f.alice); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
			t.Errorf("front desk: %v", err)
		}
		if none, err := f.attendance.FindClientAttendance(f.asClinician, f.bob); err != nil || len(none) != 0 {
			t.Errorf("no attendance: %v %v", none, err)
		}
	})
}

// TestFindAuditByID checks the read of one audit row: admins only, not found for an unknown id,
// and the read is audited itself.
func TestFindAuditByID(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		c := mustCreate(t, store.NewClientService(env.Store), newTestClient("Ana", "López", clinicianA))
		var id int64
		if err := env.Write.QueryRow(`SELECT id FROM audit_log WHERE action = 'client.create'`).Scan(&id); err != nil {
			t.Fatal(err)
		}
		svc := store.NewAccessLogService(env.Store)
		e, err := svc.FindAccessLogEntryByID(asAdmin, id)
		if err != nil || e.ID != id || e.Action != "client.create" || e.ClientID != c.ID || !e.Allowed || e.Role != carepath.RoleFrontDesk || e.At.IsZero() {
			t.Fatalf("FindAccessLogEntryByID = %+v, %v", e, err)
		}
		if _, err := svc.FindAccessLogEntryByID(asAdmin, id+1000); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("unknown: %v", err)
		}
		if _, err := svc.FindAccessLogEntryByID(actorAs(carepath.RoleClinician, clinicianA), id); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
			t.Errorf("clinician: %v", err)
		}
		if n := rowCount(t, env, "audit_log", "action = 'audit.read' AND record_id = $1", strconv.FormatInt(id, 10)); n != 2 {
			t.Errorf("audit reads audited = %d, want 2", n)
		}
	})
}
