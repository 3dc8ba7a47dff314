package web

import (
	"strings"
	"testing"

	"github.com/carepath/carepath"
)

// TestQualityFiguresNameNoClient: the figures (on the admin page and the public scorecard)
// show counts and shares, never a client's id, even though the report carries them.
func TestQualityFiguresNameNoClient(t *testing.T) {
	q := &carepath.QualityReport{From: "2026-W10", To: "2026-W11",
		OneOnOneMinutesPerClientWeek: map[string]any{"client_weeks": 4, "median": 50, "p10": 0, "method": "m1"},
		GroupSize:                    map[string]any{"sessions": 6, "median": 8, "max": 12, "over_cap": 1, "share_over_cap": 1.0 / 6, "method": "m2"},
		TherapistContinuity: map[string]any{"clients": 2, "mean_share": 0.75, "changed_primary": 1, "method": "m3",
			"per_client": []map[string]any{{"client_id": "client-secret-1", "share": 1.0}, {"client_id": "client-secret-2", "share": 0.5}}},
		StaffTurnover: map[string]any{"separations": 1, "average_headcount": 4.0, "days": 14, "annualized_rate": 6.5,
			"clients_whose_clinician_left": []string{"client-secret-3"}, "method": "m4"},
		HoursDeliveredVsRequired: map[string]any{"client_weeks": 4, "weeks_below_minimum": 1, "delivered_minutes": 2000,
			"required_minutes": 2160, "ratio": 2000.0 / 2160, "method": "m5"},
	}
	for _, public := range []bool{false, true} {
		figs := qualityFigures(q, nil)
		if len(figs) != 5 {
			t.Fatalf("%d figures", len(figs))
		}
		var all strings.Builder
		for i, f := range figs {
			if f.Method != "m"+string(rune('1'+i)) {
				t.Errorf("figure %s method %q", f.ID, f.Method)
			}
			all.WriteString(f.Headline)
			for _, fact := range f.Facts {
				all.WriteString(fact.Label + fact.Value)
			}
			for _, c := range f.Charts {
				all.WriteString(string(c.SVG()))
			}
		}
		out := all.String()
		if strings.Contains(out, "client-secret") {
			t.Errorf("public=%v: a figure names a client", public)
		}
		for _, want := range []string{"Median 50 min", "17% of sessions over", "75%", "Clients whose clinician left1", "93%", "Under 25%"} {
			if !strings.Contains(out, want) {
				t.Errorf("public=%v: figures lack %q", public, want)
			}
		}
	}
}
