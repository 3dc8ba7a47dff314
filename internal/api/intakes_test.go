package api_test

import (
	"encoding/json"
	"io"
	"net/http"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
)

func TestIntakesAPI(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	st := ts.Store
	apptest.AddStaff(t, st, "ana@example.org", carepath.RoleClinician)
	apptest.AddStaff(t, st, "rev@example.org", carepath.RoleReviewer)
	svc := store.NewStaffService(st)
	cli := apptest.System()
	tok, err := svc.CreateToken(cli, "ana@example.org")
	if err != nil {
		t.Fatal(err)
	}
	revTok, _ := svc.CreateToken(cli, "rev@example.org")
	revoked, _ := svc.CreateToken(cli, "ana@example.org")
	if err := svc.RevokeToken(cli, revoked); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, auth string
		status     int
	}{
		{"no token", "", 401},
		{"not bearer", "Basic " + tok, 401},
		{"wrong token", "Bearer cp_wrong", 401},
		{"revoked", "Bearer " + revoked, 401},
		{"reviewer", "Bearer " + revTok, 403},
		{"clinician", "Bearer " + tok, 200},
	} {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest("GET", ts.URL+"/api/v1/intakes", nil)
			if tt.auth != "" {
				req.Header.Set("Authorization", tt.auth)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tt.status, b)
			}
			if tt.status == 401 && resp.Header.Get("WWW-Authenticate") == "" {
				t.Error("401 without WWW-Authenticate")
			}
			if tt.status == 200 {
				var list []carepath.Intake
				if err := json.Unmarshal(b, &list); err != nil || list == nil {
					t.Errorf("body %s: %v", b, err)
				}
			}
		})
	}
}
