package placement_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/carepath/carepath/placement"
	"github.com/carepath/carepath/placement/placementtest"
)

// safetyCasesPath is the safety table, shared with the API's tests.
const safetyCasesPath = "testdata/safety_cases.json"

// TestSafetyCases runs every row of the safety table through the JSON decoder that
// POST /api/v1/placements uses and placement.Recommend, and again after the profile's own JSON
// round trip (as the decision aid stores it): both must meet the row.
func TestSafetyCases(t *testing.T) {
	cases, err := placementtest.LoadSafetyCases(safetyCasesPath)
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) < 40 {
		t.Fatalf("the safety table has %d rows; it should cover every finding and floor rule", len(cases))
	}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			p, err := placement.Decode(bytes.NewReader(c.Profile))
			if err != nil {
				t.Fatalf("decode: %v", err)
			}
			check(t, &c, p, "decoded")
			data, err := json.Marshal(p)
			if err != nil {
				t.Fatal(err)
			}
			again, err := placement.DecodeBytes(data)
			if err != nil {
				t.Fatalf("round trip %s: %v", data, err)
			}
			check(t, &c, again, "after a round trip")
		})
	}
}

// check recommends for p and holds the answer to c.
func check(t *testing.T, c *placementtest.SafetyCase, p placement.Profile, how string) {
	t.Helper()
	rec, err := placement.Recommend(p)
	if err != nil {
		t.Fatalf("%s: recommend: %v", how, err)
	}
	body, err := json.Marshal(rec)
	if err != nil {
		t.Fatal(err)
	}
	for _, problem := range c.Check(rec, body) {
		t.Errorf("%s: %s", how, problem)
	}
}

// TestSafetyCasesCoverEveryRule checks that the table has a row for every finding of the
// clinical review that the engine answers for and for every floor rule.
func TestSafetyCasesCoverEveryRule(t *testing.T) {
	cases, err := placementtest.LoadSafetyCases(safetyCasesPath)
	if err != nil {
		t.Fatal(err)
	}
	findings, rules := map[string]bool{}, map[string]bool{}
	for _, c := range cases {
		findings[c.Finding] = true
		rules[c.Rule] = true
		for _, code := range c.Want.FloorReasons {
			rules[code] = true
		}
	}
	for _, f := range []string{"1", "2", "3", "5"} {
		if !findings[f] {
			t.Errorf("no row for finding %s", f)
		}
	}
	for _, r := range placement.FloorRules {
		if !rules[r.Code] {
			t.Errorf("no row for floor rule %s", r.Code)
		}
	}
}
