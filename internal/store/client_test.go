package store_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
	"github.com/google/uuid"
)

// Staff ids of the care team in these tests; staff ids are plain text to the clients table.
const (
	clinicianA   = "staff-clinician-a"
	clinicianB   = "staff-clinician-b"
	caseManagerA = "staff-case-manager-a"
)

// actorAs returns a context whose actor is the staff member id with role.
func actorAs(role carepath.Role, id string) context.Context {
	return carepath.NewContext(context.Background(), carepath.Actor{ID: id, Role: role, Remote: "192.0.2.9"})
}

// asAdmin and asFrontDesk are the actors most tests use.
var (
	asAdmin     = actorAs(carepath.RoleAdmin, "staff-admin")
	asFrontDesk = actorAs(carepath.RoleFrontDesk, "staff-front-desk")
)

func ptr[T any](v T) *T { return &v }

// newTestClient returns a valid client with every field filled, on clinician's caseload.
func newTestClient(first, last, clinician string) *carepath.Client {
	return &carepath.Client{
		GivenName: first, FamilyName: last, PreferredName: "", BirthDate: "1988-02-29", Pronouns: "she/her",
		Email: strings.ToLower(strings.TrimSpace(first)) + "@example.org", Phone: "+1 555 010 2030", PreferredLanguage: "es",
		EmergencyContact: carepath.EmergencyContact{Name: "Rosa " + last, Relationship: "sister", Phone: "555-010-9999"},
		Coverage: carepath.Coverage{Payer: "Acme Health", MemberID: "M-123",
			DeductibleRemainingCents: ptr(carepath.Cents(50000)), CoinsurancePercent: ptr(20),
			CopayCents: ptr(carepath.Cents(0)), OutOfPocketRemainingCents: nil},
		PrimaryClinicianID: clinician,
	}
}

// mustCreate stores c as the front desk.
func mustCreate(t *testing.T, svc *store.ClientService, c *carepath.Client) *carepath.Client {
	t.Helper()
	if err := svc.EnsureCareTeamStaff(c); err != nil {
		t.Fatalf("care team staff: %v", err)
	}
	if err := svc.CreateClient(asFrontDesk, c); err != nil {
		t.Fatalf("CreateClient: %v", err)
	}
	return c
}

// rowCount returns the number of rows of table that match where (SQL with $N arguments).
func rowCount(t *testing.T, env *storetest.Env, table, where string, args ...any) int {
	t.Helper()
	var n int
	if err := env.Write.QueryRow("SELECT count(*) FROM "+table+" WHERE "+where, args...).Scan(&n); err != nil {
		t.Fatalf("count %s: %v", table, err)
	}
	return n
}

func fieldPaths(err error) []string {
	var out []string
	for _, f := range carepath.ErrorFields(err) {
		out = append(out, f.Field)
	}
	return out
}

func TestClientRoundTrip(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		svc := store.NewClientService(env.Store)
		before := time.Now().UTC().Add(-time.Second)
		c := newTestClient(" Ana ", "López", clinicianA)
		mustCreate(t, svc, c)
		if id, err := uuid.Parse(c.ID); err != nil || id.Version() != 7 {
			t.Errorf("ID %q is not a UUIDv7", c.ID)
		}
		if c.Version != 1 || c.GivenName != "Ana" || c.CreatedAt.Before(before) || !c.UpdatedAt.Equal(c.CreatedAt) {
			t.Errorf("created: version %d, given name %q, times %v %v", c.Version, c.GivenName, c.CreatedAt, c.UpdatedAt)
		}
		got, err := svc.FindClientByID(asAdmin, c.ID)
		if err != nil {
			t.Fatalf("FindClientByID: %v", err)
		}
		if !got.CreatedAt.Equal(c.CreatedAt) || !got.UpdatedAt.Equal(c.UpdatedAt) || got.CreatedAt.Location() != time.UTC {
			t.Errorf("times: got %v %v, want %v %v", got.CreatedAt, got.UpdatedAt, c.CreatedAt, c.UpdatedAt)
		}
		g, w := *got, *c
		g.CreatedAt, g.UpdatedAt, w.CreatedAt, w.UpdatedAt = time.Time{}, time.Time{}, time.Time{}, time.Time{}
		if !clientsEqual(&g, &w) {
			t.Errorf("read back:\n got %+v\nwant %+v", g, w)
		}
		if _, err := svc.FindClientByID(asAdmin, uuid.Must(uuid.NewV7()).String()); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("FindClientByID(unknown) = %v, want %s", err, carepath.ENOTFOUND)
		}
		if _, err := svc.FindClientByID(asAdmin, "not an id"); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("FindClientByID(not an id) = %v, want %s", err, carepath.ENOTFOUND)
		}
	})
}

// clientsEqual compares two clients field by field, the coverage figures by value.
func clientsEqual(a, b *carepath.Client) bool {
	ca, cb := a.Coverage, b.Coverage
	eqC := func(x, y *carepath.Cents) bool { return (x == nil) == (y == nil) && (x == nil || *x == *y) }
	eqI := func(x, y *int) bool { return (x == nil) == (y == nil) && (x == nil || *x == *y) }
	if !eqC(ca.DeductibleRemainingCents, cb.DeductibleRemainingCents) || !eqC(ca.CopayCents, cb.CopayCents) ||
		!eqC(ca.OutOfPocketRemainingCents, cb.OutOfPocketRemainingCents) || !eqI(ca.CoinsurancePercent, cb.CoinsurancePercent) {
		return false
	}
	a2, b2 := *a, *b
	a2.Coverage, b2.Coverage = carepath.Coverage{Payer: ca.Payer, MemberID: ca.MemberID}, carepath.Coverage{Payer: cb.Payer, MemberID: cb.MemberID}
	return a2 == b2
}

func TestCreateClientInvalid(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		svc := store.NewClientService(env.Store)
		cases := []struct {
			name   string
			edit   func(c *carepath.Client)
			fields []string
		}{
			{"no names", func(c *carepath.Client) { c.GivenName, c.FamilyName = " ", "" }, []string{"given_name", "family_name"}},
			{"no birth date", func(c *carepath.Client) { c.BirthDate = "" }, []string{"birth_date"}},
			{"impossible date", func(c *carepath.Client) { c.BirthDate = "1990-02-30" }, []string{"birth_date"}},
			{"future date", func(c *carepath.Client) { c.BirthDate = time.Now().AddDate(0, 0, 2).Format(carepath.DateLayout) }, []string{"birth_date"}},
			{"before 1900", func(c *carepath.Client) { c.BirthDate = "1899-12-31" }, []string{"birth_date"}},
			{"bad contacts", func(c *carepath.Client) { c.Email, c.Phone = "ana@", "12" }, []string{"email", "phone"}},
			{"emergency without phone", func(c *carepath.Client) { c.EmergencyContact.Phone = "" }, []string{"emergency_contact.phone"}},
			{"coverage figures", func(c *carepath.Client) {
				c.Coverage.CoinsurancePercent, c.Coverage.CopayCents = ptr(101), ptr(carepath.Cents(-1))
			}, []string{"coverage.copay_cents", "coverage.coinsurance_percent"}},
			{"member id without payer", func(c *carepath.Client) { c.Coverage.Payer = "" }, []string{"coverage.payer"}},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				c := newTestClient("Dee", "Park", clinicianA)
				tc.edit(c)
				err := svc.CreateClient(asFrontDesk, c)
				if code := carepath.ErrorCode(err); code != carepath.EINVALID {
					t.Fatalf("CreateClient: code %q (%v), want %q", code, err, carepath.EINVALID)
				}
				if got := fieldPaths(err); !slices.Equal(got, tc.fields) {
					t.Errorf("fields %v, want %v", got, tc.fields)
				}
				if c.ID != "" {
					t.Errorf("ID filled (%q) for a rejected client", c.ID)
				}
			})
		}
		if n := rowCount(t, env, "clients", "1=1"); n != 0 {
			t.Errorf("%d clients stored, want none", n)
		}
		if n := rowCount(t, env, "audit_log", "action = 'client.create' AND detail LIKE 'invalid: %' AND record_id = ''"); n != len(cases) {
			t.Errorf("%d audit rows for rejected creates, want %d", n, len(cases))
		}
	})
}

func TestFindClientsSearch(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		svc := store.NewClientService(env.Store)
		mustCreate(t, svc, newTestClient("Ana", "Lopez", clinicianA))
		mustCreate(t, svc, newTestClient("Ben", "Lopez", clinicianB))
		cy := newTestClient("Cy", "Smith", clinicianA)
		cy.PreferredName = "Cyrus"
		mustCreate(t, svc, cy)
		mustCreate(t, svc, newTestClient("Dana", "Ng_50%", clinicianB))

		for _, tc := range []struct {
			search        *string
			clinician     *string
			limit, offset int
			want          []string
			total         int
		}{
			{nil, nil, 0, 0, []string{"Ana", "Ben", "Dana", "Cy"}, 4},
			{ptr("lop"), nil, 0, 0, []string{"Ana", "Ben"}, 2},
			{ptr("  ANA "), nil, 0, 0, []string{"Ana", "Dana"}, 2},
			{ptr("ana lo"), nil, 0, 0, []string{"Ana"}, 1},
			{ptr("cyr"), nil, 0, 0, []string{"Cy"}, 1},
			{ptr("%"), nil, 0, 0, []string{"Dana"}, 1},
			{ptr("g_5"), nil, 0, 0, []string{"Dana"}, 1},
			{ptr("x_"), nil, 0, 0, []string{}, 0},
			{ptr("lopez"), nil, 1, 1, []string{"Ben"}, 2},
			{nil, ptr(clinicianA), 0, 0, []string{"Ana", "Cy"}, 2},
			{ptr("lopez"), ptr(clinicianB), 0, 0, []string{"Ben"}, 1},
		} {
			list, total, err := svc.FindClients(asFrontDesk, carepath.ClientFilter{Search: tc.search, PrimaryClinicianID: tc.clinician, Limit: tc.limit, Offset: tc.offset})
			if err != nil {
				t.Fatalf("FindClients: %v", err)
			}
			names := []string{}
			for _, c := range list {
				names = append(names, c.GivenName)
			}
			if !slices.Equal(names, tc.want) || total != tc.total {
				s := "<nil>"
				if tc.search != nil {
					s = *tc.search
				}
				t.Errorf("FindClients(%q, limit %d, offset %d) = %v, %d; want %v, %d", s, tc.limit, tc.offset, names, total, tc.want, tc.total)
			}
		}
		_, _, err := svc.FindClients(asAdmin, carepath.ClientFilter{Search: ptr(strings.Repeat("a", 101)), Limit: -1, Offset: -2})
		if got := fieldPaths(err); carepath.ErrorCode(err) != carepath.EINVALID || !slices.Equal(got, []string{"search", "limit", "offset"}) {
			t.Errorf("FindClients(bad filter) = %v, want EINVALID naming search, limit, offset", err)
		}
		if n := rowCount(t, env, "audit_log", "action = 'client.list' AND detail LIKE '%search=yes%'"); n == 0 {
			t.Errorf("no audit rows record that a search was made")
		}
		if n := rowCount(t, env, "audit_log", "lower(detail) LIKE '%lop%' OR lower(detail) LIKE '%cyr%'"); n != 0 {
			t.Errorf("%d audit rows hold the search text", n)
		}
	})
}

func TestUpdateClient(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		svc := store.NewClientService(env.Store)
		c := mustCreate(t, svc, newTestClient("Ana", "Lopez", clinicianA))

		got, err := svc.UpdateClient(asFrontDesk, c.ID, carepath.ClientUpdate{Version: 1, Phone: ptr("555 010 7777"),
			Coverage: &carepath.Coverage{Payer: "Beta Care", CoinsurancePercent: ptr(10)}})
		if err != nil {
			t.Fatalf("UpdateClient: %v", err)
		}
		if got.Version != 2 || got.Phone != "555 010 7777" || got.Coverage.Payer != "Beta Care" ||
			got.Coverage.DeductibleRemainingCents != nil || *got.Coverage.CoinsurancePercent != 10 ||
			got.GivenName != "Ana" || got.UpdatedAt.Before(got.CreatedAt) {
			t.Errorf("updated client: %+v", got)
		}
		read, err := svc.FindClientByID(asAdmin, c.ID)
		if err != nil || read.Version != 2 || read.Phone != "555 010 7777" || read.Coverage.Payer != "Beta Care" {
			t.Errorf("read after update: %+v, %v", read, err)
		}

		// A stale version changes nothing.
		_, err = svc.UpdateClient(asFrontDesk, c.ID, carepath.ClientUpdate{Version: 1, GivenName: ptr("Anna")})
		if carepath.ErrorCode(err) != carepath.ECONFLICT {
			t.Errorf("stale UpdateClient = %v, want %s", err, carepath.ECONFLICT)
		}
		if n := rowCount(t, env, "clients", "id = $1 AND version = 2 AND given_name = 'Ana'", c.ID); n != 1 {
			t.Errorf("the stale update changed the client")
		}
		if n := rowCount(t, env, "audit_log", "action = 'client.update' AND detail LIKE 'failed: conflict%' AND record_id = $1", c.ID); n != 1 {
			t.Errorf("%d audit rows for the stale update, want 1", n)
		}

		// Invalid changes name their fields and change nothing.
		_, err = svc.UpdateClient(asFrontDesk, c.ID, carepath.ClientUpdate{GivenName: ptr(" "), BirthDate: ptr("2990-01-01")})
		if got := fieldPaths(err); carepath.ErrorCode(err) != carepath.EINVALID || !slices.Equal(got, []string{"version", "given_name", "birth_date"}) {
			t.Errorf("invalid UpdateClient = %v (fields %v), want EINVALID naming version, given_name, birth_date", err, got)
		}
		_, err = svc.UpdateClient(asAdmin, uuid.Must(uuid.NewV7()).String(), carepath.ClientUpdate{Version: 1, Phone: ptr("555 010 8888")})
		if carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("UpdateClient(unknown) = %v, want %s", err, carepath.ENOTFOUND)
		}
		if n := rowCount(t, env, "clients", "version = 2 AND phone = '555 010 7777'"); n != 1 {
			t.Errorf("the rejected updates changed the client")
		}
	})
}

func TestClientCareTeam(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		svc := store.NewClientService(env.Store)
		ana := mustCreate(t, svc, newTestClient("Ana", "Lopez", clinicianA))
		cy := newTestClient("Cy", "Smith", clinicianA)
		cy.CaseManagerID = caseManagerA
		mustCreate(t, svc, cy)
		ben := mustCreate(t, svc, newTestClient("Ben", "Lopez", clinicianB))

		asA := actorAs(carepath.RoleClinician, clinicianA)
		list, total, err := svc.FindClients(asA, carepath.ClientFilter{})
		if err != nil || total != 2 || len(list) != 2 || list[0].ID != ana.ID || list[1].ID != cy.ID {
			t.Errorf("clinician A's list: %d clients of %d, %v; want Ana and Cy", len(list), total, err)
		}
		if list, total, _ := svc.FindClients(asA, carepath.ClientFilter{PrimaryClinicianID: ptr(clinicianB)}); len(list) != 0 || total != 0 {
			t.Errorf("clinician A filtering on B's caseload sees %d clients", total)
		}
		if _, err := svc.FindClientByID(asA, ana.ID); err != nil {
			t.Errorf("clinician A reading their own client: %v", err)
		}
		if _, err := svc.FindClientByID(asA, ben.ID); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("clinician A reading B's client = %v, want %s", err, carepath.ENOTFOUND)
		}
		if n := rowCount(t, env, "audit_log", "action = 'client.read' AND record_id = $1 AND client_id = $1 AND allowed = false AND actor_id = $2 AND detail LIKE 'denied%'", ben.ID, clinicianA); n != 1 {
			t.Errorf("%d denied audit rows for A reading B's client, want 1", n)
		}
		if _, err := svc.UpdateClient(asA, ben.ID, carepath.ClientUpdate{Version: 1, Phone: ptr("555 010 0000")}); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("clinician A updating B's client = %v, want %s", err, carepath.ENOTFOUND)
		}
		if n := rowCount(t, env, "audit_log", "action = 'client.update' AND record_id = $1 AND allowed = false", ben.ID); n != 1 {
			t.Errorf("%d denied audit rows for A updating B's client, want 1", n)
		}
		if n := rowCount(t, env, "clients", "id = $1 AND version = 1", ben.ID); n != 1 {
			t.Errorf("the denied update changed B's client")
		}
		if _, err := svc.UpdateClient(asA, ana.ID, carepath.ClientUpdate{Version: 1, Pronouns: ptr("they/them")}); err != nil {
			t.Errorf("clinician A updating their own client: %v", err)
		}

		asCM := actorAs(carepath.RoleCaseManager, caseManagerA)
		if list, total, err := svc.FindClients(asCM, carepath.ClientFilter{}); err != nil || total != 1 || list[0].ID != cy.ID {
			t.Errorf("case manager's list: %d clients, %v; want Cy", total, err)
		}
		if _, err := svc.FindClientByID(asCM, cy.ID); err != nil {
			t.Errorf("case manager reading their client: %v", err)
		}
		if _, err := svc.FindClientByID(asCM, ana.ID); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("case manager reading another client = %v, want %s", err, carepath.ENOTFOUND)
		}
		// A clinician without an id (never a signed-in one) sees nothing.
		if list, total, err := svc.FindClients(actorAs(carepath.RoleClinician, ""), carepath.ClientFilter{}); err != nil || total != 0 || len(list) != 0 {
			t.Errorf("clinician without id: %d clients, %v", total, err)
		}
	})
}

// TestClientPolicy is the policy table for clients: role × action → allowed. Clinicians and case
// managers act on a client of their own care team; every denial is audited as denied.
func TestClientPolicy(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		svc := store.NewClientService(env.Store)
		c := newTestClient("Ana", "Lopez", clinicianA)
		c.CaseManagerID = caseManagerA
		mustCreate(t, svc, c)
		ids := map[carepath.Role]string{carepath.RoleClinician: clinicianA, carepath.RoleCaseManager: caseManagerA}
		version := c.Version
		for _, tc := range []struct {
			role                       carepath.Role
			create, read, list, update bool
		}{
			{carepath.RoleAdmin, true, true, true, true},
			{carepath.RoleSystem, true, true, true, true},
			{carepath.RoleFrontDesk, true, true, true, true},
			{carepath.RoleClinician, false, true, true, true},
			{carepath.RoleCaseManager, false, true, true, true},
			{carepath.RoleReviewer, false, false, false, false},
			{carepath.RoleClient, false, false, false, false},
			{carepath.RolePublic, false, false, false, false},
		} {
			id := ids[tc.role]
			if id == "" {
				id = "staff-" + string(tc.role)
			}
			ctx := actorAs(tc.role, id)
			check := func(act string, want bool, err error) {
				t.Helper()
				wantCode := ""
				if !want {
					wantCode = carepath.EFORBIDDEN
				}
				if tc.role == carepath.RoleReviewer && act == "read" {
					// A reviewer reads the clients of the authorizations assigned to them; any
					// other client is hidden from them, as from a clinician outside the care team.
					wantCode = carepath.ENOTFOUND
				}
				if code := carepath.ErrorCode(err); code != wantCode {
					t.Errorf("%s %s: code %q (%v), want %q", tc.role, act, code, err, wantCode)
				}
				if !want {
					n := rowCount(t, env, "audit_log", "action = $1 AND role = $2 AND allowed = false AND detail LIKE 'denied%'", "client."+act, string(tc.role))
					if n != 1 {
						t.Errorf("%s %s: %d denied audit rows, want 1", tc.role, act, n)
					}
				}
			}
			eve := newTestClient("Eve", "Moss", clinicianB)
			if err := svc.EnsureCareTeamStaff(eve); err != nil {
				t.Fatal(err)
			}
			check("create", tc.create, svc.CreateClient(ctx, eve))
			_, err := svc.FindClientByID(ctx, c.ID)
			check("read", tc.read, err)
			_, _, err = svc.FindClients(ctx, carepath.ClientFilter{})
			check("list", tc.list, err)
			_, err = svc.UpdateClient(ctx, c.ID, carepath.ClientUpdate{Version: version, PreferredLanguage: ptr("en")})
			check("update", tc.update, err)
			if err == nil {
				version++
			}
		}
		if n := rowCount(t, env, "clients", "1=1"); n != 4 {
			t.Errorf("%d clients stored, want 4 (the forbidden creates store nothing)", n)
		}
		if _, err := svc.FindClientByID(context.Background(), c.ID); carepath.ErrorCode(err) != carepath.EUNAUTHORIZED {
			t.Errorf("FindClientByID without actor = %v, want %s", err, carepath.EUNAUTHORIZED)
		}
	})
}

// TestClientAudit checks that every successful read and write of a client leaves an audit row
// naming the client, and that no audit row holds a name or contact.
func TestClientAudit(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		svc := store.NewClientService(env.Store)
		a := mustCreate(t, svc, newTestClient("Zelda", "Quintero", clinicianA))
		b := mustCreate(t, svc, newTestClient("Yusuf", "Quintero", clinicianA))
		if _, err := svc.FindClientByID(asAdmin, a.ID); err != nil {
			t.Fatal(err)
		}
		if _, _, err := svc.FindClients(asFrontDesk, carepath.ClientFilter{Search: ptr("quint")}); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.UpdateClient(asAdmin, b.ID, carepath.ClientUpdate{Version: 1, Email: ptr("yq@example.org")}); err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			action, id string
			want       int
		}{
			{"client.create", a.ID, 1}, {"client.create", b.ID, 1},
			{"client.read", a.ID, 1}, {"client.update", b.ID, 1}, {"client.update", a.ID, 0},
		} {
			n := rowCount(t, env, "audit_log", "action = $1 AND record_type = 'client' AND record_id = $2 AND client_id = $2 AND allowed = true AND detail LIKE 'ok%'", tc.action, tc.id)
			if n != tc.want {
				t.Errorf("%s of %s: %d audit rows with its client_id, want %d", tc.action, tc.id, n, tc.want)
			}
		}
		// The list is one row for the call, and one audit_shown row per client it showed.
		if n := rowCount(t, env, "audit_log", "action = 'client.list' AND client_id IS NULL AND detail LIKE 'ok;%search=yes%shown=2'"); n != 1 {
			t.Errorf("%d audit rows for the list, want 1 saying it showed 2 clients", n)
		}
		for _, c := range []*carepath.Client{a, b} {
			if n := rowCount(t, env, "audit_shown", "client_id = $1 AND audit_id = (SELECT id FROM audit_log WHERE action = 'client.list')", c.ID); n != 1 {
				t.Errorf("the list's audit_shown rows miss %s", c.ID)
			}
		}
		seen, err := store.NewAccessLogService(env.Store).FindAccessLog(asAdmin, carepath.AccessLogFilter{ClientID: &a.ID})
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, e := range seen {
			if e.ClientID != a.ID {
				t.Errorf("FindAccessLog(client %s) gave a row naming client %q", a.ID, e.ClientID)
			}
			actions = append(actions, e.Action)
		}
		if !slices.Equal(actions, []string{"client.list", "client.read", "client.create"}) {
			t.Errorf("FindAccessLog(client) = %v, want the list, the read and the create, newest first", actions)
		}
		if n := rowCount(t, env, "audit_log", "action = 'client.update' AND detail = 'ok; fields=email'"); n != 1 {
			t.Errorf("the update's audit row does not name the changed field")
		}
		leak := "lower(detail) LIKE '%quintero%' OR lower(detail) LIKE '%zelda%' OR lower(detail) LIKE '%example.org%' OR lower(detail) LIKE '%quint%'"
		if n := rowCount(t, env, "audit_log", leak); n != 0 {
			t.Errorf("%d audit rows hold client data", n)
		}
	})
}

// TestClientsSchema checks that both engines' migrations give clients the same columns.
func TestClientsSchema(t *testing.T) {
	t.Parallel()
	want := []string{"id", "version", "given_name", "family_name", "preferred_name", "birth_date", "pronouns",
		"email", "phone", "preferred_language", "emergency_name", "emergency_relationship", "emergency_phone",
		"coverage_payer", "coverage_member_id", "deductible_remaining_cents", "coinsurance_percent",
		"copay_cents", "out_of_pocket_remaining_cents", "primary_clinician_id", "case_manager_id",
		"created_at", "updated_at", "email_consent", "email_consent_at", "payer_sex"}
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		rows, err := env.Write.Query("SELECT * FROM clients WHERE 1 = 0")
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		got, err := rows.Columns()
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("clients columns %v, %v; want %v", got, err, want)
		}
	})
}

// TestClientPayerSex: the sex the insurer has on file is stored upper-cased, changed by an
// update, and a value claims do not accept is named (payer_sex) with nothing written.
func TestClientPayerSex(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		svc := store.NewClientService(env.Store)
		c := newTestClient("Ana", "Sex", clinicianA)
		c.PayerSex = " f "
		mustCreate(t, svc, c)
		got, err := svc.FindClientByID(asAdmin, c.ID)
		if err != nil || got.PayerSex != "F" || got.ClaimSex() != "F" {
			t.Fatalf("stored payer_sex = %+v, %v", got, err)
		}
		bad := "X"
		if _, err := svc.UpdateClient(asAdmin, c.ID, carepath.ClientUpdate{Version: 1, PayerSex: &bad}); carepath.ErrorCode(err) != carepath.EINVALID ||
			!slices.Contains(fieldPaths(err), "payer_sex") {
			t.Errorf("bad payer_sex = %v, want EINVALID naming payer_sex", err)
		}
		none := ""
		got, err = svc.UpdateClient(asAdmin, c.ID, carepath.ClientUpdate{Version: 1, PayerSex: &none})
		if err != nil || got.PayerSex != "" || got.ClaimSex() != "U" || got.Version != 2 {
			t.Errorf("cleared payer_sex = %+v, %v; want none, claims sending U", got, err)
		}
	})
}
