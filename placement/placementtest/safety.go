// Package placementtest reads the safety test table, placement/testdata/safety_cases.json, and
// checks a recommendation against one of its rows, so that every path to the engine — the
// package itself, the JSON API, the command line — is held to the same rows.
package placementtest

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/carepath/carepath/placement"
)

// SafetyCase is one row of the safety table: a profile in the request shape of
// POST /api/v1/placements and what its recommendation must and must not say.
type SafetyCase struct {
	Name      string          `json:"name"`
	Finding   string          `json:"finding"` // the review finding the row pins, "" for a rule
	Rule      string          `json:"rule"`    // the rule it exercises
	Profile   json.RawMessage `json:"profile"`
	Want      Want            `json:"want"`
	Forbidden []string        `json:"forbidden"` // texts no part of the answer may contain (any case)
}

// Want is what a row's recommendation must show. Lists name codes that must be present;
// Absent* lists name codes that must not be.
type Want struct {
	Level                string   `json:"level"`
	Floor                string   `json:"floor"`
	Urgency              string   `json:"urgency"`
	WithdrawalManagement string   `json:"withdrawal_management"`
	Crisis               bool     `json:"crisis"`
	Referral             string   `json:"referral"`
	FloorReasons         []string `json:"floor_reasons"`
	Reasons              []string `json:"reasons"`
	Flags                []string `json:"flags"`
	Services             []string `json:"services"`
	FirstService         string   `json:"first_service"`
	AbsentReasons        []string `json:"absent_reasons"`
	AbsentFlags          []string `json:"absent_flags"`
	AbsentFloorReasons   []string `json:"absent_floor_reasons"`
}

// LoadSafetyCases reads the safety table at path.
func LoadSafetyCases(path string) ([]SafetyCase, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read safety cases: %w", err)
	}
	var cases []SafetyCase
	if err := json.Unmarshal(data, &cases); err != nil {
		return nil, fmt.Errorf("parse safety cases: %w", err)
	}
	return cases, nil
}

// Check returns every way rec, the recommendation for c's profile, falls short of c; none
// when it meets it. body is rec as JSON, in which the forbidden texts are looked for.
func (c *SafetyCase) Check(rec placement.Recommendation, body []byte) []string {
	var out []string
	bad := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	w := &c.Want
	eq := func(what, got, want string) {
		if got != want {
			bad("%s = %q, want %q", what, got, want)
		}
	}
	eq("level", string(rec.Level), w.Level)
	eq("floor.level", string(rec.Floor.Level), w.Floor)
	eq("urgency", string(rec.Urgency), w.Urgency)
	eq("withdrawal_management", string(rec.WithdrawalManagement), w.WithdrawalManagement)
	eq("referral", rec.Referral, w.Referral)
	if rec.Crisis != w.Crisis {
		bad("crisis = %v, want %v", rec.Crisis, w.Crisis)
	}
	if rec.Level.Rank() < rec.Floor.Level.Rank() {
		bad("level %s is below the floor %s", rec.Level, rec.Floor.Level)
	}
	var floorCodes, reasonCodes, flagCodes, serviceCodes []string
	for _, r := range rec.Floor.Reasons {
		floorCodes = append(floorCodes, r.Code)
	}
	for _, r := range rec.Reasons {
		reasonCodes = append(reasonCodes, r.Code)
	}
	for _, f := range rec.Flags {
		flagCodes = append(flagCodes, f.Code)
	}
	for _, s := range rec.Services {
		serviceCodes = append(serviceCodes, s.Code)
	}
	has := func(what string, got, want []string, present bool) {
		for _, code := range want {
			if slices.Contains(got, code) != present {
				bad("%s %v: %s should be %s", what, got, code, map[bool]string{true: "present", false: "absent"}[present])
			}
		}
	}
	has("floor.reasons", floorCodes, w.FloorReasons, true)
	has("floor.reasons", floorCodes, w.AbsentFloorReasons, false)
	has("reasons", reasonCodes, w.Reasons, true)
	has("reasons", reasonCodes, w.AbsentReasons, false)
	has("flags", flagCodes, w.Flags, true)
	has("flags", flagCodes, w.AbsentFlags, false)
	has("services", serviceCodes, w.Services, true)
	if w.FirstService != "" && (len(serviceCodes) == 0 || serviceCodes[0] != w.FirstService) {
		bad("services %v: %s should come first", serviceCodes, w.FirstService)
	}
	text := strings.ToLower(string(body))
	for _, f := range c.Forbidden {
		if strings.Contains(text, strings.ToLower(f)) {
			bad("the answer says %q", f)
		}
	}
	return out
}
