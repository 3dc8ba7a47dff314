package store_test

import (
	"context"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

func TestStaffActive(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		svc := store.NewStaffService(env.Store)
		admin := newStaff(t, svc, "admin@example.org", carepath.RoleAdmin)
		cl := newStaff(t, svc, "clin@example.org", carepath.RoleClinician)
		other := newStaff(t, svc, "desk@example.org", carepath.RoleFrontDesk)
		self := func(st *carepath.Staff, role carepath.Role) context.Context {
			return carepath.NewContext(context.Background(), carepath.Actor{ID: st.ID, Role: role, Remote: "192.0.2.7"})
		}
		before := count(t, env, "audit_log", "true")

		st, err := svc.StaffActive(self(cl, carepath.RoleClinician), cl.ID)
		if err != nil || st.Role != carepath.RoleClinician || !st.Active || st.TOTPEnabled || st.Email != "clin@example.org" {
			t.Fatalf("own account: %+v, %v", st, err)
		}
		if n := count(t, env, "audit_log", "true"); n != before {
			t.Errorf("a successful check wrote %d audit rows, want none", n-before)
		}

		// Role change and disabling show at once, even to a session holding the old role.
		newRole, yes := carepath.RoleCaseManager, true
		if _, err := svc.UpdateStaff(self(admin, carepath.RoleAdmin), cl.ID, carepath.StaffUpdate{Role: &newRole}); err != nil {
			t.Fatal(err)
		}
		if st, err = svc.StaffActive(self(cl, carepath.RoleClinician), cl.ID); err != nil || st.Role != carepath.RoleCaseManager || !st.Active {
			t.Errorf("after role change: %+v, %v", st, err)
		}
		if _, err := svc.UpdateStaff(self(admin, carepath.RoleAdmin), cl.ID, carepath.StaffUpdate{Disabled: &yes}); err != nil {
			t.Fatal(err)
		}
		if st, err = svc.StaffActive(self(cl, carepath.RoleCaseManager), cl.ID); err != nil || st.Active {
			t.Errorf("after disabling: %+v, %v", st, err)
		}
		// An admin may ask about anyone.
		if st, err = svc.StaffActive(self(admin, carepath.RoleAdmin), other.ID); err != nil || !st.Active {
			t.Errorf("admin asking: %+v, %v", st, err)
		}

		// Failures are audited: someone else's account, an unknown id, no actor.
		before = count(t, env, "audit_log", "action = 'staff.session'")
		if _, err := svc.StaffActive(self(other, carepath.RoleFrontDesk), admin.ID); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
			t.Errorf("someone else's account: %v, want %s", err, carepath.EFORBIDDEN)
		}
		if _, err := svc.StaffActive(self(admin, carepath.RoleAdmin), "019300a0-0000-7000-8000-000000000000"); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("unknown id: %v, want %s", err, carepath.ENOTFOUND)
		}
		if _, err := svc.StaffActive(as(carepath.RolePublic), "public"); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
			t.Errorf("public: %v, want %s", err, carepath.EFORBIDDEN)
		}
		if _, err := svc.StaffActive(context.Background(), cl.ID); carepath.ErrorCode(err) != carepath.EUNAUTHORIZED {
			t.Errorf("no actor: %v, want %s", err, carepath.EUNAUTHORIZED)
		}
		if n := count(t, env, "audit_log", "action = 'staff.session'"); n-before != 4 {
			t.Errorf("%d audit rows for failed checks, want 4", n-before)
		}
		if n := count(t, env, "audit_log", "action = 'staff.session' AND allowed"); n != 1 {
			t.Errorf("%d allowed rows (the unknown id), want 1", n)
		}
	})
}
