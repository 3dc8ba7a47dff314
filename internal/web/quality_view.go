package web

import (
	"fmt"
	"math"
	"net/http"
	"strings"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/delivery"
	"github.com/carepath/carepath/internal/svgchart"
)

// qualityWeeks is the default period of the quality page and the scorecard: the last thirteen
// complete weeks (a quarter, long enough to annualize turnover). trendWeeks is the longest
// period drawn week by week.
const (
	qualityWeeks = 13
	trendWeeks   = 26
)

// figureFact is one labelled number of a figure.
type figureFact struct{ Label, Value string }

// qualityFigure is one figure of the report as the page shows it: a headline, its facts, a
// chart and the method text.
type qualityFigure struct {
	ID       string
	Title    string
	Headline string
	Facts    []figureFact
	Charts   []svgchart.Chart
	Method   string
}

// qualityView is the view model of the admin quality page and of the public scorecard.
type qualityView struct {
	page
	Who       signedIn
	Program   *carepath.Program
	From, To  string
	Figures   []qualityFigure
	Public    bool // the program publishes its scorecard
	Saved     bool
	Errors    map[string]string
	Summary   []errorLink
	Scorecard bool // this is the public scorecard
	Problem   string
}

// num reads a number from a figure's map (int, int64 or float64); 0 when absent.
func num(m map[string]any, key string) float64 {
	switch v := m[key].(type) {
	case int:
		return float64(v)
	case int64:
		return float64(v)
	case float64:
		return v
	}
	return 0
}

// text reads a string from a figure's map.
func text(m map[string]any, key string) string {
	s, _ := m[key].(string)
	return s
}

// percent writes a share (0..1) as a whole percentage.
func percent(share float64) string { return fmt.Sprintf("%.0f%%", math.Round(share*100)) }

// qualityPeriod reads ?from= and ?to= (ISO weeks); the last twelve complete weeks by default.
// Problems are named by element id.
func qualityPeriod(r *http.Request, p *carepath.Program, errs map[string]string) (delivery.ISOWeek, delivery.ISOWeek) {
	from, to := defaultPeriod(p)
	q := r.URL.Query()
	if s := q.Get("to"); s != "" {
		if w, err := delivery.ParseISOWeek("to", s); err == nil {
			to = w
			if q.Get("from") == "" {
				from = addWeeks(to, -(qualityWeeks - 1))
			}
		} else {
			errs["quality-to"] = "Give the last week as an ISO week, e.g. 2026-W48."
		}
	}
	if s := q.Get("from"); s != "" {
		if w, err := delivery.ParseISOWeek("from", s); err == nil {
			from = w
		} else {
			errs["quality-from"] = "Give the first week as an ISO week, e.g. 2026-W37."
		}
	}
	if len(errs) == 0 && to.Before(from) {
		errs["quality-to"] = "The last week cannot come before the first."
	}
	return from, to
}

// defaultPeriod is the last twelve complete weeks in the program's time zone.
func defaultPeriod(p *carepath.Program) (delivery.ISOWeek, delivery.ISOWeek) {
	to := addWeeks(delivery.WeekOf(time.Now(), p.Location()), -1)
	return addWeeks(to, -(qualityWeeks - 1)), to
}

// qualityFigures turns a report into the page's figures, the same for the admin page and the
// public scorecard: counts, shares and binned charts only, never a client's id (the per-client
// continuity and the clients whose clinician left are only counted). On the public scorecard
// (public) the counts of clients and client-weeks are suppressed below delivery.SmallCell
// (scorecard_view.go).
func qualityFigures(q *carepath.QualityReport, trend []*carepath.QualityReport, public bool) []qualityFigure {
	oo, gs, tc, st, hd := q.OneOnOneMinutesPerClientWeek, q.GroupSize, q.TherapistContinuity, q.StaffTurnover, q.HoursDeliveredVsRequired
	cells := smallCells{public: public}
	var figs []qualityFigure

	f := qualityFigure{ID: "one-on-one", Title: "One-on-one minutes per client-week",
		Headline: fmt.Sprintf("Median %s; 10th percentile %s", hoursText(int(num(oo, "median"))), hoursText(int(num(oo, "p10")))),
		Facts: []figureFact{{"Client-weeks", fmt.Sprint(num(oo, "client_weeks"))}, {"Median", hoursText(int(num(oo, "median")))},
			{"10th percentile", hoursText(int(num(oo, "p10")))}},
		Method: text(oo, "method")}
	if num(oo, "client_weeks") == 0 {
		f.Headline = "No client-weeks in the period: nothing to show yet."
	}
	if cells.hides(num(oo, "client_weeks")) {
		figs = append(figs, cells.withheld(f, "client-weeks"))
	} else {
		f.Charts = append(f.Charts, svgchart.Chart{ID: "chart-one-on-one", Title: "Individual-therapy minutes per client-week",
			Desc:   fmt.Sprintf("A tenth of client-weeks had %d minutes or less; half had %d or less.", int(num(oo, "p10")), int(num(oo, "median"))),
			XLabel: "Statistic", YLabel: "Minutes",
			Points: []svgchart.Point{{Label: "10th percentile", Value: num(oo, "p10")}, {Label: "Median", Value: num(oo, "median")}}})
		figs = append(figs, f)
	}

	f = qualityFigure{ID: "group-size", Title: "Group size",
		Headline: fmt.Sprintf("Median %v, largest %v; %s of sessions over their type's cap", num(gs, "median"), num(gs, "max"), percent(num(gs, "share_over_cap"))),
		Facts: []figureFact{{"Group sessions with attendance", fmt.Sprint(num(gs, "sessions"))}, {"Median attendees", fmt.Sprint(num(gs, "median"))},
			{"Largest", fmt.Sprint(num(gs, "max"))}, {"Sessions over the cap", fmt.Sprintf("%v (%s)", num(gs, "over_cap"), percent(num(gs, "share_over_cap")))},
			{"Members added over a group's capacity (admin overrides)", cells.count(num(gs, "capacity_overrides"))}},
		Method: text(gs, "method")}
	if num(gs, "sessions") == 0 {
		f.Headline = "No group sessions with attendance in the period: nothing to show yet."
	}
	f.Charts = append(f.Charts, svgchart.Chart{ID: "chart-group-size", Title: "Clients attending each group session",
		Desc:   fmt.Sprintf("The median group had %v attendees and the largest %v; process groups are capped at 9.", num(gs, "median"), num(gs, "max")),
		XLabel: "Statistic", YLabel: "Attendees", Ref: 9, RefLabel: "Process group cap 9",
		Points: []svgchart.Point{{Label: "Median", Value: num(gs, "median")}, {Label: "Largest", Value: num(gs, "max")}}})
	figs = append(figs, f)

	f = qualityFigure{ID: "continuity", Title: "Therapist continuity",
		Headline: fmt.Sprintf("%s of individual sessions with the client's primary clinician (mean per client); %v clients changed primary clinician",
			percent(num(tc, "mean_share")), num(tc, "changed_primary")),
		Facts: []figureFact{{"Clients with individual sessions", fmt.Sprint(num(tc, "clients"))}, {"Mean share with the primary clinician", percent(num(tc, "mean_share"))},
			{"Clients who changed primary clinician", fmt.Sprint(num(tc, "changed_primary"))}},
		Method: text(tc, "method")}
	if num(tc, "clients") == 0 {
		f.Headline = "No individual sessions in the period: nothing to show yet."
	}
	f.Facts[2].Value = cells.count(num(tc, "changed_primary"))
	if cells.public && delivery.Suppressed(int(num(tc, "changed_primary"))) {
		f.Headline = fmt.Sprintf("%s of individual sessions with the client's primary clinician (mean per client); fewer than %d clients changed primary clinician",
			percent(num(tc, "mean_share")), delivery.SmallCell)
	}
	if per, ok := tc["per_client"].([]map[string]any); ok && len(per) > 0 {
		bins := []svgchart.Point{{Label: "Under 25%"}, {Label: "25–49%"}, {Label: "50–74%"}, {Label: "75–100%"}}
		for _, c := range per {
			i := int(num(c, "share") * 4)
			bins[min(max(i, 0), 3)].Value++
		}
		if fact, hidden := cells.bins("Clients by share of sessions with their primary clinician", bins); hidden {
			f.Facts = append(f.Facts, fact)
		} else {
			f.Charts = append(f.Charts, svgchart.Chart{ID: "chart-continuity", Title: "Clients by share of sessions with their primary clinician",
				Desc:   fmt.Sprintf("How many of the %d clients had each share of their individual sessions with their primary clinician.", len(per)),
				XLabel: "Share with the primary clinician", YLabel: "Clients", Points: bins})
		}
	}
	if cells.hides(num(tc, "clients")) {
		f = cells.withheld(f, "clients")
	}
	figs = append(figs, f)

	f = qualityFigure{ID: "turnover", Title: "Staff turnover",
		Headline: fmt.Sprintf("%s a year (%v separations, average headcount %.1f)", percent(num(st, "annualized_rate")), num(st, "separations"), num(st, "average_headcount")),
		Facts: []figureFact{{"Separations", fmt.Sprint(num(st, "separations"))}, {"Average headcount", fmt.Sprintf("%.1f", num(st, "average_headcount"))},
			{"Days in the period", fmt.Sprint(num(st, "days"))}, {"Annualized rate", percent(num(st, "annualized_rate"))}},
		Method: text(st, "method")}
	if ok, _ := st["annualizable"].(bool); !ok {
		why := fmt.Sprintf("The period of %v days is too short to scale to a year (at least %v days are needed)", num(st, "days"), num(st, "min_days_to_annualize"))
		if num(st, "average_headcount") == 0 {
			why = "Nobody who ran this program's sessions was employed in the period (employment counts from the hire date on the staff record)"
		}
		f.Headline = fmt.Sprintf("Not annualized: %v separations, average headcount %.1f. %s.", num(st, "separations"), num(st, "average_headcount"), why)
		f.Facts[3] = figureFact{"Annualized rate", "not given: " + strings.ToLower(why[:1]) + why[1:]}
	}
	if left, ok := st["clients_whose_clinician_left"].([]string); ok {
		f.Facts = append(f.Facts, figureFact{"Clients whose clinician left", cells.count(float64(len(left)))})
	}
	figs = append(figs, f)

	f = qualityFigure{ID: "hours", Title: "Hours delivered against hours required",
		Headline: fmt.Sprintf("%s delivered of %s required (%s); %v of %v client-weeks below the minimum",
			hoursText(int(num(hd, "delivered_minutes"))), hoursText(int(num(hd, "required_minutes"))), percent(num(hd, "ratio")),
			num(hd, "weeks_below_minimum"), num(hd, "client_weeks")),
		Facts: []figureFact{{"Client-weeks", fmt.Sprint(num(hd, "client_weeks"))}, {"Below the minimum", fmt.Sprint(num(hd, "weeks_below_minimum"))},
			{"Delivered", hoursText(int(num(hd, "delivered_minutes")))}, {"Required", hoursText(int(num(hd, "required_minutes")))},
			{"Delivered ÷ required", percent(num(hd, "ratio"))}},
		Method: text(hd, "method")}
	if num(hd, "client_weeks") == 0 {
		f.Headline = "No client-weeks in the period: nothing to show yet."
	}
	f.Facts[1].Value = cells.count(num(hd, "weeks_below_minimum"))
	if cells.public && delivery.Suppressed(int(num(hd, "weeks_below_minimum"))) {
		f.Headline = fmt.Sprintf("%s delivered of %s required (%s); fewer than %d of %v client-weeks below the minimum",
			hoursText(int(num(hd, "delivered_minutes"))), hoursText(int(num(hd, "required_minutes"))), percent(num(hd, "ratio")),
			delivery.SmallCell, num(hd, "client_weeks"))
	}
	if cells.hides(num(hd, "client_weeks")) {
		figs = append(figs, cells.withheld(f, "client-weeks"))
		return figs
	}
	f.Charts = append(f.Charts, svgchart.Chart{ID: "chart-hours", Title: "Hours delivered and required over the period",
		Desc:   fmt.Sprintf("%s of the required hours were delivered.", percent(num(hd, "ratio"))),
		XLabel: "Total over the period", YLabel: "Hours",
		Points: []svgchart.Point{{Label: "Required", Value: num(hd, "required_minutes") / 60, Text: hoursText(int(num(hd, "required_minutes")))},
			{Label: "Delivered", Value: num(hd, "delivered_minutes") / 60, Text: hoursText(int(num(hd, "delivered_minutes")))}}})
	if len(trend) > 1 {
		c := svgchart.Chart{ID: "chart-hours-trend", Title: "Share of required hours delivered, week by week", XLabel: "ISO week",
			YLabel: "Percent of required", Line: true, Ref: 100, RefLabel: "All required hours (100%)", RefText: "100%"}
		low, left := 0, 0
		for _, t := range trend {
			if num(t.HoursDeliveredVsRequired, "required_minutes") == 0 {
				continue // no client-weeks: nothing was required, nothing to judge
			}
			if cells.hides(num(t.HoursDeliveredVsRequired, "client_weeks")) {
				left++ // too few client-weeks to publish that week's share
				continue
			}
			share := num(t.HoursDeliveredVsRequired, "ratio")
			c.Points = append(c.Points, svgchart.Point{Label: t.From, Value: share * 100, Text: percent(share)})
			if share < 1 {
				low++
			}
		}
		c.Desc = fmt.Sprintf("In %d of the %d weeks with clients the program delivered less than the hours its clients required.", low, len(c.Points))
		if left > 0 {
			c.Desc += fmt.Sprintf(" %d week%s with fewer than %d client-weeks %s left out.", left, plural(left), delivery.SmallCell, map[bool]string{true: "is", false: "are"}[left == 1])
		}
		if len(c.Points) > 1 {
			f.Charts = append(f.Charts, c)
		}
	}
	figs = append(figs, f)
	return figs
}

// weeklyQuality reads the report of each week of the period (at most trendWeeks), for the
// week-by-week chart; nil when the period is one week or too long, or a week fails.
func (s *Server) weeklyQuality(r *http.Request, programID string, from, to delivery.ISOWeek) []*carepath.QualityReport {
	if from == to || from.Monday().DaysUntil(to.Monday()) >= 7*trendWeeks {
		return nil
	}
	var out []*carepath.QualityReport
	for w := from; !to.Before(w); w = w.Next() {
		q, err := s.Attendance.ProgramQuality(r.Context(), programID, w.String(), w.String())
		if err != nil {
			return nil
		}
		out = append(out, q)
	}
	return out
}
