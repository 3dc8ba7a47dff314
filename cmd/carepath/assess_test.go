package main

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/carepath/carepath/internal/app/apptest"
)

func TestPlacementAPIMatchesCLI(t *testing.T) {
	ts := apptest.Start(t)
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
