package main

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

func TestPlacementAPI(t *testing.T) {
	ts, _ := testServer(t)
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

func TestPlacementAPIMatchesCLI(t *testing.T) {
	ts, _ := testServer(t)
	body := `{"answers":{"phq9":[3,3,2,2,2,2,2,2,1],"audit":[2,2,1,1,0,0,1,0,0,2]},"context":{"support":"some","weekly_hours_available":6}}`
	resp, err := http.Post(ts.URL+"/api/v1/placements", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var fromAPI, fromCLI map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&fromAPI); err != nil {
		t.Fatal(err)
	}
	var out, errOut strings.Builder
	if code := run([]string{"assess"}, strings.NewReader(body), &out, &errOut); code != 0 {
		t.Fatalf("assess exit %d: %s", code, errOut.String())
	}
	if err := json.Unmarshal([]byte(out.String()), &fromCLI); err != nil {
		t.Fatal(err)
	}
	a, _ := json.Marshal(fromAPI)
	c, _ := json.Marshal(fromCLI)
	if string(a) != string(c) {
		t.Errorf("API and CLI differ:\n%s\n%s", a, c)
	}
	if fromAPI["crisis"] != true {
		t.Error("item 9 answered 1 must set crisis")
	}
}

func TestAssessCLIBadInput(t *testing.T) {
	var out, errOut strings.Builder
	code := run([]string{"assess"}, strings.NewReader(`{"answers":{"phq9":[1,2]}}`), &out, &errOut)
	if code != 2 || !strings.Contains(errOut.String(), "answers.phq9") || out.Len() != 0 {
		t.Errorf("exit %d, stderr %q, stdout %q", code, errOut.String(), out.String())
	}
	code = run([]string{"assess", "/no/such/file.json"}, strings.NewReader(""), &out, &errOut)
	if code != 2 {
		t.Errorf("missing file: exit %d", code)
	}
}

func TestHealthzAndOpenAPI(t *testing.T) {
	ts, _ := testServer(t)
	for path, want := range map[string]int{"/healthz": 200, "/api/v1/openapi.json": 200, "/nowhere": 404, "/static/style.css": 200} {
		resp, err := http.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("GET %s = %d, want %d", path, resp.StatusCode, want)
		}
	}
}
