package store_test

import (
	"context"
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
	"github.com/google/uuid"
)

// as returns a context whose actor has role.
func as(role carepath.Role) context.Context {
	return carepath.NewContext(context.Background(), carepath.Actor{ID: "test:" + string(role), Role: role, Remote: "192.0.2.7"})
}

// sample returns a valid intake request; name makes it recognisable.
func sample(name string, level carepath.Level, crisis bool) *carepath.Intake {
	return &carepath.Intake{
		Name: name, Email: name + "@example.org", Phone: "+1 (555) 010-2030", BestTimes: "weekday mornings",
		Consent: true, Profile: json.RawMessage(`{"answers": {"phq9": [1, 2, 3]}, "note": "kept  as sent"}`),
		Level: level, Crisis: crisis,
	}
}

// count returns the number of rows of a table that match where (SQL, no arguments).
func count(t *testing.T, env *storetest.Env, table, where string) int {
	t.Helper()
	var n int
	if err := env.Write.QueryRow("SELECT count(*) FROM " + table + " WHERE " + where).Scan(&n); err != nil {
		t.Fatalf("count %s: %v", table, err)
	}
	return n
}

func TestIntakeRoundTrip(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		svc := store.NewIntakeService(env.Store)
		before := time.Now().UTC().Add(-time.Second)
		var created []*carepath.Intake
		for _, in := range []*carepath.Intake{
			sample("Ana", carepath.LevelIOP, false),
			sample("Ben", carepath.LevelOutpatient, true),
			sample("Cy", "", false),
		} {
			in.Status = carepath.IntakeClosed // ignored: a new request is always new
			if err := svc.CreateIntake(as(carepath.RolePublic), in); err != nil {
				t.Fatalf("CreateIntake: %v", err)
			}
			if id, err := uuid.Parse(in.ID); err != nil || id.Version() != 7 {
				t.Errorf("ID %q is not a UUIDv7", in.ID)
			}
			if in.Status != carepath.IntakeNew || in.CreatedAt.Location() != time.UTC || in.CreatedAt.Before(before) {
				t.Errorf("created %q: status %q, created_at %v", in.Name, in.Status, in.CreatedAt)
			}
			created = append(created, in)
		}

		got, err := svc.FindIntakes(as(carepath.RoleClinician), carepath.IntakeFilter{})
		if err != nil {
			t.Fatalf("FindIntakes: %v", err)
		}
		if len(got) != 3 {
			t.Fatalf("FindIntakes returned %d requests, want 3", len(got))
		}
		for i, g := range got {
			want := created[len(created)-1-i] // newest first
			if g.ID != want.ID || !g.CreatedAt.Equal(want.CreatedAt) || g.CreatedAt.Location() != time.UTC ||
				g.Name != want.Name || g.Email != want.Email || g.Phone != want.Phone || g.BestTimes != want.BestTimes ||
				!g.Consent || g.Level != want.Level || g.Crisis != want.Crisis || g.Status != carepath.IntakeNew ||
				string(g.Profile) != string(want.Profile) {
				t.Errorf("request %d:\n got %+v\nwant %+v", i, g, want)
			}
		}

		if _, err := env.Write.Exec("UPDATE intake_requests SET status = 'contacted' WHERE id = $1", created[0].ID); err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			status carepath.IntakeStatus
			limit  int
			want   []string
		}{
			{carepath.IntakeNew, 0, []string{"Cy", "Ben"}},
			{carepath.IntakeContacted, 0, []string{"Ana"}},
			{carepath.IntakeClosed, 0, []string{}},
			{"", 2, []string{"Cy", "Ben"}},
		} {
			f := carepath.IntakeFilter{Limit: tc.limit}
			if tc.status != "" {
				f.Status = &tc.status
			}
			got, err := svc.FindIntakes(as(carepath.RoleAdmin), f)
			if err != nil {
				t.Fatalf("FindIntakes(%q, %d): %v", tc.status, tc.limit, err)
			}
			names := []string{}
			for _, g := range got {
				names = append(names, g.Name)
			}
			if !slices.Equal(names, tc.want) {
				t.Errorf("FindIntakes(%q, %d) = %v, want %v", tc.status, tc.limit, names, tc.want)
			}
		}
	})
}

func TestCreateIntakeInvalid(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		svc := store.NewIntakeService(env.Store)
		for _, tc := range []struct {
			name   string
			edit   func(in *carepath.Intake)
			fields []string
		}{
			{"no name", func(in *carepath.Intake) { in.Name = "  " }, []string{"name"}},
			{"no contact", func(in *carepath.Intake) { in.Email, in.Phone = "", "" }, []string{"email"}},
			{"bad email and phone", func(in *carepath.Intake) { in.Email, in.Phone = "nope", "12" }, []string{"email", "phone"}},
			{"no consent", func(in *carepath.Intake) { in.Consent = false }, []string{"consent"}},
			{"no profile", func(in *carepath.Intake) { in.Profile = nil }, []string{"profile"}},
			{"profile not JSON", func(in *carepath.Intake) { in.Profile = json.RawMessage(`{"answers":`) }, []string{"profile"}},
			{"unknown level", func(in *carepath.Intake) { in.Level = "spa" }, []string{"level"}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				in := sample("Dee", carepath.LevelIOP, false)
				tc.edit(in)
				err := svc.CreateIntake(as(carepath.RolePublic), in)
				if code := carepath.ErrorCode(err); code != carepath.EINVALID {
					t.Fatalf("CreateIntake: code %q (%v), want %q", code, err, carepath.EINVALID)
				}
				var fields []string
				for _, f := range carepath.ErrorFields(err) {
					fields = append(fields, f.Field)
				}
				if !slices.Equal(fields, tc.fields) {
					t.Errorf("fields %v, want %v", fields, tc.fields)
				}
				if in.ID != "" {
					t.Errorf("ID filled (%q) for a rejected request", in.ID)
				}
			})
		}
		if n := count(t, env, "intake_requests", "1=1"); n != 0 {
			t.Errorf("%d intake requests stored, want none", n)
		}
		if n := count(t, env, "audit_log", "action = 'intake.create' AND detail LIKE 'invalid: %' AND record_id = ''"); n != 7 {
			t.Errorf("%d audit rows for rejected creates, want 7", n)
		}
	})
}

func TestIntakeAccess(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		svc := store.NewIntakeService(env.Store)
		for _, tc := range []struct {
			role         carepath.Role
			create, list bool
		}{
			{carepath.RolePublic, true, false},
			{carepath.RoleClient, false, false},
			{carepath.RoleReviewer, false, false},
			{carepath.RoleFrontDesk, true, true},
			{carepath.RoleClinician, true, true},
			{carepath.RoleCaseManager, true, true},
			{carepath.RoleAdmin, true, true},
			{carepath.RoleSystem, true, true},
		} {
			want := func(ok bool) string {
				if ok {
					return ""
				}
				return carepath.EFORBIDDEN
			}
			err := svc.CreateIntake(as(tc.role), sample("Eve", carepath.LevelNone, false))
			if code := carepath.ErrorCode(err); code != want(tc.create) {
				t.Errorf("%s CreateIntake: code %q, want %q", tc.role, code, want(tc.create))
			}
			list, err := svc.FindIntakes(as(tc.role), carepath.IntakeFilter{})
			if code := carepath.ErrorCode(err); code != want(tc.list) {
				t.Errorf("%s FindIntakes: code %q, want %q", tc.role, code, want(tc.list))
			}
			if err != nil && list != nil {
				t.Errorf("%s FindIntakes: a list came back with the error", tc.role)
			}
			if !tc.list {
				n := count(t, env, "audit_log", "action = 'intake.list' AND allowed = false AND detail LIKE 'denied%' AND role = '"+string(tc.role)+"'")
				if n != 1 {
					t.Errorf("%s: %d audit rows for the denied list, want 1", tc.role, n)
				}
			}
		}
		if n := count(t, env, "intake_requests", "1=1"); n != 6 {
			t.Errorf("%d intake requests stored, want 6 (the forbidden creates store nothing)", n)
		}

		// No actor at all: nothing happens, but the attempt is audited.
		if err := svc.CreateIntake(context.Background(), sample("Fay", carepath.LevelNone, false)); carepath.ErrorCode(err) != carepath.EUNAUTHORIZED {
			t.Errorf("CreateIntake without actor: %v, want %s", err, carepath.EUNAUTHORIZED)
		}
		if _, err := svc.FindIntakes(context.Background(), carepath.IntakeFilter{}); carepath.ErrorCode(err) != carepath.EUNAUTHORIZED {
			t.Errorf("FindIntakes without actor: %v, want %s", err, carepath.EUNAUTHORIZED)
		}
		if n := count(t, env, "audit_log", "actor_id = '' AND allowed = false"); n != 2 {
			t.Errorf("%d audit rows for calls without actor, want 2", n)
		}
		if n := count(t, env, "intake_requests", "1=1"); n != 6 {
			t.Errorf("%d intake requests stored, want 6", n)
		}
	})
}

func TestFindIntakesInvalidFilter(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		svc := store.NewIntakeService(env.Store)
		bad := carepath.IntakeStatus("lost")
		_, err := svc.FindIntakes(as(carepath.RoleAdmin), carepath.IntakeFilter{Status: &bad, Limit: -1})
		fields := carepath.ErrorFields(err)
		if carepath.ErrorCode(err) != carepath.EINVALID || len(fields) != 2 || fields[0].Field != "status" || fields[1].Field != "limit" {
			t.Errorf("FindIntakes(bad filter) = %v, want EINVALID naming status and limit", err)
		}
	})
}

func TestFindIntakeByID(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		svc := store.NewIntakeService(env.Store)
		a, b := sample("Ana", carepath.LevelIOP, true), sample("Ben", carepath.LevelOutpatient, false)
		for _, in := range []*carepath.Intake{a, b} {
			if err := svc.CreateIntake(as(carepath.RolePublic), in); err != nil {
				t.Fatalf("CreateIntake: %v", err)
			}
		}

		got, err := svc.FindIntakeByID(as(carepath.RoleClinician), a.ID)
		if err != nil {
			t.Fatalf("FindIntakeByID: %v", err)
		}
		if got.ID != a.ID || got.Name != "Ana" || got.Email != a.Email || got.Phone != a.Phone || got.BestTimes != a.BestTimes ||
			!got.Consent || !got.Crisis || got.Level != carepath.LevelIOP || got.Status != carepath.IntakeNew ||
			got.ClientID != "" || !got.CreatedAt.Equal(a.CreatedAt) || got.CreatedAt.Location() != time.UTC ||
			string(got.Profile) != string(a.Profile) {
			t.Errorf("got %+v\nwant %+v", got, a)
		}
		// One audit row, naming that request only; the other request is not recorded as seen.
		if n := count(t, env, "audit_log", "action = 'intake.read' AND allowed AND role = 'clinician' AND record_id = '"+a.ID+"'"); n != 1 {
			t.Errorf("%d intake.read rows naming the request, want 1", n)
		}
		if n := count(t, env, "audit_log", "action LIKE 'intake.%' AND action <> 'intake.create'"); n != 1 {
			t.Errorf("%d intake read rows in all, want 1", n)
		}
		if n := count(t, env, "audit_log", "record_id = '"+b.ID+"' AND action <> 'intake.create'"); n != 0 {
			t.Errorf("the other request was recorded as seen %d times", n)
		}

		for _, id := range []string{"019300a0-0000-7000-8000-000000000000", "not-an-id", ""} {
			if _, err := svc.FindIntakeByID(as(carepath.RoleFrontDesk), id); carepath.ErrorCode(err) != carepath.ENOTFOUND {
				t.Errorf("FindIntakeByID(%q) = %v, want %s", id, err, carepath.ENOTFOUND)
			}
		}
		if n := count(t, env, "audit_log", "action = 'intake.read' AND role = 'front_desk' AND detail = 'failed: not_found'"); n != 3 {
			t.Errorf("%d audit rows for the misses, want 3", n)
		}

		for _, role := range []carepath.Role{carepath.RolePublic, carepath.RoleReviewer, carepath.RoleClient} {
			if in, err := svc.FindIntakeByID(as(role), a.ID); carepath.ErrorCode(err) != carepath.EFORBIDDEN || in != nil {
				t.Errorf("%s: FindIntakeByID = %v, %v; want %s", role, in, err, carepath.EFORBIDDEN)
			}
		}
		if n := count(t, env, "audit_log", "action = 'intake.read' AND NOT allowed AND record_id = '"+a.ID+"'"); n != 3 {
			t.Errorf("%d audit rows for the denied reads, want 3", n)
		}
		if _, err := svc.FindIntakeByID(context.Background(), a.ID); carepath.ErrorCode(err) != carepath.EUNAUTHORIZED {
			t.Errorf("no actor: %v, want %s", err, carepath.EUNAUTHORIZED)
		}

		// A converted request reads back with its client.
		if _, err := env.Write.Exec("UPDATE intake_requests SET status = 'closed' WHERE id = $1", b.ID); err != nil {
			t.Fatal(err)
		}
		if got, err := svc.FindIntakeByID(as(carepath.RoleAdmin), b.ID); err != nil || got.Status != carepath.IntakeClosed || got.Crisis {
			t.Errorf("closed request: %+v, %v", got, err)
		}
	})
}
