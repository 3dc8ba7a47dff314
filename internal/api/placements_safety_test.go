package api_test

import (
	"encoding/json"
	"testing"

	"github.com/carepath/carepath/placement"
	"github.com/carepath/carepath/placement/placementtest"
)

// TestPlacementsSafetyTable sends every row of the engine's safety table to
// POST /api/v1/placements, whose requests and answers contract.Wrap holds to the OpenAPI
// document, and checks each answer against its row: level, floor, urgency, withdrawal
// management, crisis, referral, codes that must and must not appear, and texts that must not.
func TestPlacementsSafetyTable(t *testing.T) {
	t.Parallel()
	cases, err := placementtest.LoadSafetyCases("../../placement/testdata/safety_cases.json")
	if err != nil {
		t.Fatal(err)
	}
	s := newAPIServer(t)
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			status, _, body := s.call("POST", "/api/v1/placements", "", "application/json", string(c.Profile))
			if status != 200 {
				t.Fatalf("%d %s", status, body)
			}
			var rec placement.Recommendation
			if err := json.Unmarshal([]byte(body), &rec); err != nil {
				t.Fatal(err)
			}
			for _, problem := range c.Check(rec, []byte(body)) {
				t.Error(problem)
			}
		})
	}
}
