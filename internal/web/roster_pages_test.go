package web_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
)

// TestFacilitatorCannotOpenHerGroupMember is the finding that a facilitator got "Client not
// found" for a member of her own group, and counted fewer on its roster than the admin: now
// she opens the member's chart (page and API), sees the whole roster, as many as the admin,
// while a clinician who does not run the group sees only her own clients on it.
func TestFacilitatorCannotOpenHerGroupMember(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	st := ts.Store
	admin, _ := apptest.Token(t, st, "admin@example.org", carepath.RoleAdmin)
	facTok, fac := apptest.Token(t, st, "fay@example.org", carepath.RoleClinician)
	annTok, ann := apptest.Token(t, st, "ann@example.org", carepath.RoleClinician)
	clients := store.NewClientService(st)
	var ids []string
	for i, name := range []string{"Robin", "Sky", "Quinn"} {
		c := &carepath.Client{GivenName: name, FamilyName: "Member", BirthDate: "1990-04-02", PrimaryClinicianID: ann.ID}
		if i == 2 {
			c.PrimaryClinicianID = fac.ID
		}
		if err := clients.CreateClient(apptest.System(), c); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, c.ID)
	}
	occ := apptest.GroupSession(t, st, fac.ID, ids...)
	group := occ[:strings.IndexByte(occ, ':')]

	count := func(token string) int {
		t.Helper()
		code, body := apptest.API(t, "GET", ts.URL+"/api/v1/groups/"+group, token, "")
		var g carepath.Group
		if code != 200 || json.Unmarshal([]byte(body), &g) != nil {
			t.Fatalf("group: %d %s", code, body)
		}
		return len(g.Members)
	}
	if a, f, o := count(admin), count(facTok), count(annTok); a != 3 || f != a || o != 2 {
		t.Errorf("roster counts: admin %d, facilitator %d, another clinician %d; want 3, 3, 2", a, f, o)
	}
	if code, body := apptest.API(t, "GET", ts.URL+"/api/v1/clients/"+ids[0], facTok, ""); code != 200 || !strings.Contains(body, `"Robin"`) {
		t.Errorf("the facilitator reads her member by the API: %d %s", code, body)
	}
	if code, _ := apptest.API(t, "PATCH", ts.URL+"/api/v1/clients/"+ids[0], facTok, `{"version":1,"phone":"555-010-0000"}`); code != 404 {
		t.Errorf("the facilitator changes a member's record: %d", code)
	}

	fay := apptest.SignIn(t, ts.URL, "fay@example.org")
	if code, _, body := fay("GET", "/staff/clients/"+ids[0], nil); code != 200 || !strings.Contains(body, "Robin Member") {
		t.Errorf("the facilitator opens her member's chart: %d", code)
	}
	code, _, body := fay("GET", "/staff/groups/"+group, nil)
	if code != 200 {
		t.Fatalf("group page: %d", code)
	}
	for _, n := range []string{"Member, Robin", "Member, Sky", "Member, Quinn"} {
		if !strings.Contains(body, n) {
			t.Errorf("the facilitator's roster page lacks %s", n)
		}
	}
	annPages := apptest.SignIn(t, ts.URL, "ann@example.org")
	if code, _, body := annPages("GET", "/staff/groups/"+group, nil); code != 200 || strings.Contains(body, "Quinn") ||
		strings.Contains(body, ids[2]) || !strings.Contains(body, "Member, Robin") {
		t.Errorf("another clinician's roster page: %d, shows Quinn: %v", code, strings.Contains(body, ids[2]))
	}
}
