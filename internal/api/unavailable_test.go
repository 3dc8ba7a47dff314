package api_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app"
	"github.com/carepath/carepath/internal/app/apptest"
)

// TestWriterSaturatedIs503WithRetryAfter holds every connection of the writer, on each
// engine, and creates a client: after the bounded write wait the API answers 503 problem
// details with Retry-After and code "unavailable" (the contract check holds it to the
// document), nothing is stored, and once the writer is free the same request succeeds.
func TestWriterSaturatedIs503WithRetryAfter(t *testing.T) {
	t.Parallel()
	for _, engine := range []string{apptest.SQLite, apptest.Postgres} {
		t.Run(engine, func(t *testing.T) {
			t.Parallel()
			srv := apptest.StartWith(t, apptest.Options{Engine: engine, Config: app.Config{WriteWait: 200 * time.Millisecond}})
			tok, _ := apptest.Token(t, srv.Store, "desk@example.org", carepath.RoleFrontDesk)
			clinician := apptest.AddStaff(t, srv.Store, "ana@example.org", carepath.RoleClinician)
			body := `{"given_name":"Robin","family_name":"Lake","birth_date":"1990-04-02","primary_clinician_id":"` + clinician.ID + `"}`
			release := apptest.HoldWriter(t, srv)
			req, _ := http.NewRequest(http.MethodPost, srv.URL+"/api/v1/clients", strings.NewReader(body))
			req.Header.Set("Authorization", "Bearer "+tok)
			req.Header.Set("Content-Type", "application/json")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusServiceUnavailable {
				t.Fatalf("with the writer held: %d %s, want 503", resp.StatusCode, b)
			}
			if ra := resp.Header.Get("Retry-After"); ra == "" || strings.Trim(ra, "0123456789") != "" {
				t.Errorf("Retry-After %q, want seconds", ra)
			}
			if ct := resp.Header.Get("Content-Type"); ct != "application/problem+json" {
				t.Errorf("Content-Type %q", ct)
			}
			var p struct {
				Status int    `json:"status"`
				Detail string `json:"detail"`
			}
			if err := json.Unmarshal(b, &p); err != nil || p.Status != 503 || !strings.Contains(p.Detail, "try again") {
				t.Errorf("problem %s: want status 503 and a detail that says to try again", b)
			}
			release()
			if n := apptest.CountRows(t, srv.DB, "clients", "1=1"); n != 0 {
				t.Fatalf("%d clients stored by the refused request", n)
			}
			if status, b := apptest.API(t, http.MethodPost, srv.URL+"/api/v1/clients", tok, body); status != http.StatusCreated {
				t.Fatalf("with the writer free: %d %s", status, b)
			}
		})
	}
}
