package web

import (
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/svgchart"
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
		figs := qualityFigures(q, nil, public)
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
		want := []string{"Median 50 min", "17% of sessions over", "75%", "Clients whose clinician left1", "93%", "Under 25%"}
		if public { // so few clients: the scorecard withholds what would describe them
			want = []string{"17% of sessions over", "Clients whose clinician leftfewer than 11", "Client-weeksfewer than 11",
				"Clientsfewer than 11", "Not published"}
		}
		for _, w := range want {
			if !strings.Contains(out, w) {
				t.Errorf("public=%v: figures lack %q", public, w)
			}
		}
	}
}

// TestPublicScorecardSuppressesSmallCells: on the public scorecard a count of 1 to 10 clients
// or client-weeks reads "fewer than 11", the statistics over fewer than 11 are withheld, a bin
// of clients withheld alone takes a second with it so the total does not give it away, a week
// of the trend with fewer than 11 client-weeks is left out, and zero is shown; the admin's own
// page shows every count.
func TestPublicScorecardSuppressesSmallCells(t *testing.T) {
	per := func(shares ...float64) []map[string]any {
		var out []map[string]any
		for _, s := range shares {
			out = append(out, map[string]any{"client_id": "x", "share": s})
		}
		return out
	}
	many := func(n int, share float64) []float64 {
		out := make([]float64, n)
		for i := range out {
			out[i] = share
		}
		return out
	}
	shares := append(append(append(many(3, 0.1), many(12, 0.3)...), many(20, 0.6)...), many(30, 0.9)...) // bins 3, 12, 20, 30
	week := func(cw int) *carepath.QualityReport {
		return &carepath.QualityReport{HoursDeliveredVsRequired: map[string]any{"client_weeks": cw, "required_minutes": 540 * cw,
			"delivered_minutes": 500 * cw, "ratio": 500.0 / 540}}
	}
	q := &carepath.QualityReport{From: "2026-W10", To: "2026-W21",
		OneOnOneMinutesPerClientWeek: map[string]any{"client_weeks": 120, "median": 50, "p10": 20},
		GroupSize:                    map[string]any{"sessions": 30, "median": 8, "max": 9, "capacity_overrides": 2},
		TherapistContinuity:          map[string]any{"clients": 65, "mean_share": 0.7, "changed_primary": 4, "per_client": per(shares...)},
		StaffTurnover:                map[string]any{"separations": 1, "average_headcount": 6.0, "days": 84, "clients_whose_clinician_left": []string{}},
		HoursDeliveredVsRequired: map[string]any{"client_weeks": 120, "weeks_below_minimum": 0, "delivered_minutes": 60000,
			"required_minutes": 64800, "ratio": 60000.0 / 64800},
	}
	trend := []*carepath.QualityReport{week(12), week(4), week(15)}
	fact := func(figs []qualityFigure, id, label string) string {
		for _, f := range figs {
			if f.ID != id {
				continue
			}
			for _, x := range f.Facts {
				if x.Label == label {
					return x.Value
				}
			}
		}
		return "(none)"
	}
	chart := func(figs []qualityFigure, id string) *svgchart.Chart {
		for _, f := range figs {
			for i := range f.Charts {
				if f.Charts[i].ID == id {
					return &f.Charts[i]
				}
			}
		}
		return nil
	}
	pub, admin := qualityFigures(q, trend, true), qualityFigures(q, trend, false)
	for _, c := range []struct {
		id, label, public, admin string
	}{
		{"group-size", "Members added over a group's capacity (admin overrides)", "fewer than 11", "2"},
		{"continuity", "Clients who changed primary clinician", "fewer than 11", "4"},
		{"continuity", "Clients with individual sessions", "65", "65"},
		{"continuity", "Clients by share of sessions with their primary clinician",
			"Under 25%: fewer than 11; 25–49%: not shown; 50–74%: 20; 75–100%: 30", "(none)"},
		{"turnover", "Clients whose clinician left", "0", "0"},
		{"hours", "Below the minimum", "0", "0"},
		{"one-on-one", "Client-weeks", "120", "120"},
	} {
		if got := fact(pub, c.id, c.label); got != c.public {
			t.Errorf("scorecard %s %q = %q, want %q", c.id, c.label, got, c.public)
		}
		if got := fact(admin, c.id, c.label); got != c.admin {
			t.Errorf("admin page %s %q = %q, want %q", c.id, c.label, got, c.admin)
		}
	}
	if chart(pub, "chart-continuity") != nil || chart(admin, "chart-continuity") == nil {
		t.Errorf("the continuity chart with a small bin is drawn on the scorecard, or not on the admin page")
	}
	if c := chart(pub, "chart-hours-trend"); c == nil || len(c.Points) != 2 || !strings.Contains(c.Desc, "1 week with fewer than 11 client-weeks is left out") {
		t.Errorf("scorecard trend: %+v", c)
	}
	if c := chart(admin, "chart-hours-trend"); c == nil || len(c.Points) != 3 {
		t.Errorf("admin trend: %+v", c)
	}
	for _, f := range pub {
		if strings.Contains(f.Headline, " 4 clients") || strings.Contains(f.Headline, "; 4 ") {
			t.Errorf("scorecard headline gives a small count: %s", f.Headline)
		}
	}
}
