package api_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/carepath/carepath/internal/app/apptest"
)

func TestPlacementAPI(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	tests := []struct {
		name, body  string
		status      int
		field       string // a field path errors[] must name
		level       string
		contentType string
	}{
		{"moderately severe depression with strong support", `{"answers":{"phq9":[2,2,2,2,2,2,2,2,0]},"context":{"support":"strong","must_keep_working":true}}`, 200, "", "iop", "application/json"},
		{"mild", `{"answers":{"phq9":[1,1,1,1,1,1,0,0,0]}}`, 200, "", "outpatient", "application/json"},
		{"dimensions only", `{"dimensions":{"withdrawal":4}}`, 200, "", "inpatient", "application/json"},
		{"wrong count", `{"answers":{"phq9":[1,1,1]}}`, 400, "answers.phq9", "", "application/problem+json"},
		{"out of range", `{"answers":{"gad7":[0,0,0,0,0,0,9]}}`, 400, "answers.gad7[6]", "", "application/problem+json"},
		{"bad dimension", `{"dimensions":{"relapse":7}}`, 400, "dimensions.relapse", "", "application/problem+json"},
		{"unknown enum", `{"dimensions":{"relapse":1},"context":{"support":"plenty"}}`, 400, "context.support", "", "application/problem+json"},
		{"negative money", `{"dimensions":{"relapse":1},"coverage":{"deductible_remaining_cents":-1}}`, 400, "coverage.deductible_remaining_cents", "", "application/problem+json"},
		{"malformed JSON", `{"answers":`, 400, "body", "", "application/problem+json"},
		{"empty profile", `{}`, 400, "answers", "", "application/problem+json"},
		{"too large", `{"context":{"sex":"` + strings.Repeat("x", 70<<10) + `"}}`, 413, "", "", "application/problem+json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := http.Post(ts.URL+"/api/v1/placements", "application/json", strings.NewReader(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tt.status, body)
			}
			if ct := resp.Header.Get("Content-Type"); ct != tt.contentType {
				t.Errorf("content type %q", ct)
			}
			var out struct {
				Level  string `json:"level"`
				Detail string `json:"detail"`
				Errors []struct{ Field, Message string }
			}
			if err := json.Unmarshal(body, &out); err != nil {
				t.Fatalf("decode %s: %v", body, err)
			}
			if out.Level != tt.level {
				t.Errorf("level %q, want %q", out.Level, tt.level)
			}
			if tt.field != "" {
				found := false
				for _, e := range out.Errors {
					found = found || e.Field == tt.field
				}
				if !found || !strings.Contains(out.Detail, tt.field) {
					t.Errorf("errors %+v / detail %q do not name %s", out.Errors, out.Detail, tt.field)
				}
			}
		})
	}
}
