package web

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/delivery"
	"github.com/carepath/carepath/instrument"
	"github.com/carepath/carepath/internal/httpserver"
	"github.com/carepath/carepath/internal/svgchart"
	"github.com/carepath/carepath/outcome"
)

// measureStripWeeks is the most weeks the attendance strip under the measure charts shows.
const measureStripWeeks = 16

// chartMeasureSection is the chart's measures section: a line chart per instrument, the
// crisis flag, and the answer-link form's choices.
type chartMeasureSection struct {
	Denied  bool
	Problem string
	Charts  []svgchart.Chart
	Crisis  *carepath.CrisisFlag
	// CrisisAnswered is when the measure that set the flag was answered: the time the
	// dashboard's safety alert shows too (the flag's own time is when it was entered).
	CrisisAnswered time.Time
	// NextDue and Missed come from the client's measurement schedule.
	NextDue string
	Missed  int
	// CanSendLink is true when the client has an email or phone for an answer link.
	CanSendLink bool
	Email       bool
	Phone       bool
	Notice      string // "saved" or "sent" after a redirect
}

// measureOrder is the order the chart shows instruments in, and the instruments a clinician
// may enter in session: the questionnaires, the suicide-risk screen, the clinician-rated
// withdrawal scales and the check-in.
var measureOrder = []string{"phq9", "gad7", "audit", "auditc", "dast10", "cssrs", "ciwa_ar", "cows", string(outcome.CheckInID)}

// linkOrder are the instruments a client may answer through a link: not the clinician-rated
// withdrawal scales.
var linkOrder = []string{"phq9", "gad7", "audit", "auditc", "dast10", "cssrs", string(outcome.CheckInID)}

// scheduleOrder are the instruments a measurement schedule may repeat or ask at admission and
// discharge.
var scheduleOrder = []string{"phq9", "gad7", "audit", "auditc", "dast10", string(outcome.CheckInID)}

// instrumentName is the short name of an instrument id.
func instrumentName(id string) string {
	if id == string(outcome.CheckInID) {
		return "Check-in"
	}
	if in, ok := instrument.Get(instrument.ID(id)); ok {
		return in.Name
	}
	return id
}

// severityLabel names a band code of an instrument ("moderately_severe" → "Moderately severe").
func severityLabel(id, code string) string {
	if in, ok := instrument.Get(instrument.ID(id)); ok {
		for _, bs := range [][]instrument.Band{in.Bands, in.MaleBands} {
			for _, b := range bs {
				if b.Code == code {
					return b.Label
				}
			}
		}
	}
	if code == "" {
		return "—"
	}
	return strings.ReplaceAll(code, "_", " ")
}

// changeText says how a measure compares with the baseline; first marks the baseline itself.
func changeText(m *carepath.Measure, first bool) (string, string) {
	ch := m.Change
	switch {
	case first:
		return "baseline", ""
	case ch == nil:
		return "—", ""
	}
	delta := strconv.Itoa(ch.Delta)
	if ch.Delta > 0 {
		delta = "+" + delta
	}
	var flags []string
	for _, f := range []struct {
		on   bool
		text string
	}{{ch.ReliableImprovement, "reliable improvement"}, {ch.ReliableDeterioration, "reliable deterioration"},
		{ch.Response, "response"}, {ch.Remission, "remission"}, {ch.Recovery, "recovery"}} {
		if f.on {
			flags = append(flags, f.text)
		}
	}
	return fmt.Sprintf("%s from %d", delta, ch.Baseline), strings.Join(flags, ", ")
}

// chartMeasures reads the client's measures and builds a chart per instrument, with the level
// changes and relapses marked and the weekly attendance beneath.
func (s *Server) chartMeasures(r *http.Request, c *carepath.Client, episodes []chartEpisode) chartMeasureSection {
	sec := chartMeasureSection{Email: c.Email != "", Phone: c.Phone != ""}
	sec.CanSendLink = sec.Email || sec.Phone
	switch r.URL.Query().Get("measure") {
	case "saved", "sent", "logged":
		sec.Notice = r.URL.Query().Get("measure")
	}
	if s.Measures == nil {
		sec.Denied = true
		return sec
	}
	series, err := s.Measures.FindMeasures(r.Context(), c.ID)
	switch httpserver.Status(err) { // a section of the chart: a failure never fails the page
	case http.StatusOK:
	case http.StatusForbidden:
		return chartMeasureSection{Denied: true}
	default:
		s.Log.Error("chart measures", "err", err)
		sec.Problem = "The measures could not be read just now. Please reload the page in a minute."
		return sec
	}
	sec.Crisis = series.CrisisFlag
	if sec.Crisis != nil {
		sec.CrisisAnswered = sec.Crisis.Since
		for _, m := range series.Measures {
			if m.ID == sec.Crisis.MeasureID {
				sec.CrisisAnswered = m.TakenAt
			}
		}
	}
	if series.Schedule != nil {
		sec.NextDue, sec.Missed = series.Schedule.NextDue, series.Schedule.Missed
	}
	if len(series.Measures) == 0 {
		return sec
	}
	eps := make([]*carepath.Episode, len(episodes))
	for i, e := range episodes {
		eps[i] = e.Episode
	}
	loc, _ := s.episodesLocation(r, eps) // the chart has read the episodes already
	from, to := series.Measures[0].TakenAt, series.Measures[0].TakenAt
	for _, m := range series.Measures {
		from, to = minTime(from, m.TakenAt), maxTime(to, m.TakenAt)
	}
	events := measureEvents(episodes, series.Measures, loc)
	for _, e := range events {
		if !e.At.Before(from.AddDate(0, 0, -28)) && !e.At.After(time.Now()) {
			from, to = minTime(from, e.At), maxTime(to, e.At)
		}
	}
	pad := max(to.Sub(from)/20, 24*time.Hour)
	from, to = from.Add(-pad), to.Add(pad)
	var shown []svgchart.Event
	for _, e := range events {
		if !e.At.Before(from) && !e.At.After(to) {
			shown = append(shown, e)
		}
	}
	strip := s.attendanceStrip(r, c.ID, from, to, loc)
	for _, id := range measureOrder {
		var ms []*carepath.Measure
		for _, m := range series.Measures {
			if m.Instrument == id {
				ms = append(ms, m)
			}
		}
		if len(ms) > 0 {
			sec.Charts = append(sec.Charts, measureChart(id, ms, from, to, shown, strip, loc))
		}
	}
	return sec
}

// measureChart is one instrument's line chart with its severity bands.
func measureChart(id string, ms []*carepath.Measure, from, to time.Time, events []svgchart.Event, strip []svgchart.Week, loc *time.Location) svgchart.Chart {
	name := instrumentName(id)
	ch := svgchart.Chart{ID: "measure-" + id, Title: name + " over time", XLabel: "Date taken", YLabel: name + " score", Time: true,
		From: from, To: to, Events: events, Strip: strip, Columns: []string{"Severity", "Change vs baseline", "Reliable change, remission"}}
	in, known := instrument.Get(instrument.ID(id))
	switch {
	case known && in.ByItems():
		// The C-SSRS screener: its risk category over time, not its count of yes answers.
		ch.YLabel, ch.Max, ch.Title = "Risk category (0 none, 3 high)", 3, name+" risk over time"
		ch.Columns = []string{"Risk", "Yes answers", "Alert"}
		for i, b := range in.Bands {
			ch.Bands = append(ch.Bands, svgchart.Band{From: max(float64(i)-0.5, 0), To: min(float64(i)+0.5, 3), Label: b.Label})
		}
	case known:
		ch.Max = float64(in.MaxTotal)
		for _, b := range in.Bands {
			ch.Bands = append(ch.Bands, svgchart.Band{From: float64(b.Min), To: float64(b.Max), Label: b.Label})
		}
	default:
		ch.YLabel, ch.Max = "Craving (0–10)", 10
		ch.Columns = []string{"Days without use (7 / 30)", "Change vs baseline", "Relapse"}
	}
	relapses := map[string]bool{}
	if id == string(outcome.CheckInID) {
		for _, m := range outcome.Relapses(outcomeMeasures(ms)) {
			relapses[m.ID] = true
		}
	}
	alarms := 0
	for i, m := range ms {
		p := svgchart.Point{Label: m.TakenAt.In(loc).Format("2006-01-02 15:04 MST"), Value: float64(m.Score), At: m.TakenAt}
		change, flags := changeText(m, i == 0)
		sev := severityLabel(id, m.Severity)
		if id == "phq9" && m.Item9 >= 1 {
			p.Alarm = true
			alarms++
			flags = strings.TrimPrefix(flags+", item 9 positive (thoughts of death or self-harm)", ", ")
		}
		if known && in.ByItems() {
			p.Value = float64(bandIndex(in, m.Severity))
			change, flags = cssrsYes(m.Answers), "—"
			if m.Score > 0 {
				p.Alarm, flags = true, "same-day safety alert"
				alarms++
			}
		}
		if from, ok := outcome.WithdrawalAlertFrom[instrument.ID(id)]; ok && m.Score >= from {
			p.Alarm, flags = true, "same-day withdrawal evaluation"
			alarms++
		}
		if id == string(outcome.CheckInID) {
			sev = "—"
			if len(m.Answers) == 3 {
				sev = fmt.Sprintf("%d / %d", m.Answers[0], m.Answers[1])
			}
			flags = ""
			if relapses[m.ID] {
				flags = "relapse reported"
			}
		}
		if flags == "" {
			flags = "—"
		}
		p.Cells = []string{sev, change, flags}
		ch.Points = append(ch.Points, p)
	}
	last := ms[len(ms)-1]
	ch.Desc = fmt.Sprintf("%d %s score%s from %s to %s; the latest is %d", len(ms), name, plural(len(ms)),
		ms[0].TakenAt.In(loc).Format("2006-01-02"), last.TakenAt.In(loc).Format("2006-01-02"), last.Score)
	if len(ch.Bands) > 0 {
		ch.Desc += " (" + strings.ToLower(severityLabel(id, last.Severity)) + ")"
	}
	ch.Desc += "."
	if len(ch.Bands) > 0 {
		ch.Desc += " Severity bands are shaded behind the line."
	}
	if alarms > 0 {
		ch.Desc += fmt.Sprintf(" %d measure%s that raised a same-day alert, drawn as diamonds.", alarms, plural(alarms))
	}
	if len(events) > 0 {
		ch.Desc += fmt.Sprintf(" %d event%s marked by numbered dashed lines.", len(events), plural(len(events)))
	}
	if len(strip) > 0 {
		ch.Desc += " Session attendance by week is drawn beneath."
	}
	return ch
}

// outcomeMeasures turns the chart's measures into the outcome package's (check-ins' points are
// their answers).
func outcomeMeasures(ms []*carepath.Measure) []outcome.Measure {
	out := make([]outcome.Measure, 0, len(ms))
	for _, m := range ms {
		out = append(out, outcome.Measure{ID: m.ID, ClientID: m.ClientID, Instrument: instrument.ID(m.Instrument),
			TakenAt: m.TakenAt, Total: m.Score, Points: m.Answers})
	}
	return out
}

// measureEvents lists the level changes (admission, transfers, discharge) and the relapses the
// check-ins report, in date order.
func measureEvents(episodes []chartEpisode, ms []*carepath.Measure, loc *time.Location) []svgchart.Event {
	var out []svgchart.Event
	day := func(s string) (time.Time, bool) {
		t, err := time.ParseInLocation(carepath.DateLayout, s, loc)
		return t.Add(12 * time.Hour), err == nil
	}
	for _, e := range episodes {
		if t, ok := day(e.AdmittedOn); ok {
			out = append(out, svgchart.Event{At: t, Label: "Admitted at " + e.AdmitLevel.Name()})
		}
		for _, tr := range e.Transfers {
			verb := "Step down"
			if tr.Direction == carepath.StepUp {
				verb = "Step up"
			}
			if t, ok := day(tr.On); ok {
				out = append(out, svgchart.Event{At: t, Label: fmt.Sprintf("%s from %s to %s", verb, tr.FromLevel.Name(), tr.ToLevel.Name())})
			}
		}
		if e.Status == carepath.EpisodeDischarged {
			if t, ok := day(e.DischargedOn); ok {
				out = append(out, svgchart.Event{At: t, Label: "Discharged from " + e.Level.Name()})
			}
		}
	}
	for _, m := range outcome.Relapses(outcomeMeasures(ms)) {
		out = append(out, svgchart.Event{At: m.TakenAt, Label: "Relapse reported in a check-in"})
	}
	slices.SortStableFunc(out, func(a, b svgchart.Event) int { return a.At.Compare(b.At) })
	return out
}

// attendanceStrip reads the client's sessions attended week by week over [from, to], at most
// the latest measureStripWeeks weeks; nil when the dose cannot be read.
func (s *Server) attendanceStrip(r *http.Request, clientID string, from, to time.Time, loc *time.Location) []svgchart.Week {
	if s.Attendance == nil {
		return nil
	}
	last := delivery.WeekOf(minTime(to, time.Now()), loc)
	first := delivery.WeekOf(from, loc)
	if n := addWeeks(last, -(measureStripWeeks - 1)); first.Before(n) {
		first = n
	}
	doses, err := s.Attendance.ClientDoses(r.Context(), clientID, first.String(), last.String())
	if err != nil {
		return nil
	}
	var out []svgchart.Week
	any := false
	for i, w := 0, first; !last.Before(w) && i < len(doses); i, w = i+1, w.Next() {
		d := doses[i]
		attended := 0
		for _, n := range d.SessionsByKind {
			attended += n
		}
		start, end := w.Bounds(loc)
		out = append(out, svgchart.Week{Label: w.String(), From: start, To: end, Attended: attended, Scheduled: d.Scheduled, Current: w == last && end.After(time.Now())})
		any = any || d.Scheduled > 0 || attended > 0
	}
	if !any {
		return nil
	}
	return out
}

// bandIndex is the position of band code among in's bands (0 when not found).
func bandIndex(in *instrument.Instrument, code string) int {
	for i, b := range in.Bands {
		if b.Code == code {
			return i
		}
	}
	return 0
}

// cssrsYes names the C-SSRS questions answered yes ("questions 1, 2 and 6 (past 3 months)").
func cssrsYes(answers []int) string {
	var yes []string
	for i, a := range answers {
		switch {
		case i == instrument.CSSRSBehavior && a == instrument.CSSRSBehaviorPast3Months:
			yes = append(yes, "6 (past 3 months)")
		case i == instrument.CSSRSBehavior && a == instrument.CSSRSBehaviorEarlier:
			yes = append(yes, "6 (earlier)")
		case i < instrument.CSSRSBehavior && a == 0:
			yes = append(yes, strconv.Itoa(i+1))
		}
	}
	if len(yes) == 0 {
		return "none"
	}
	return "questions " + strings.Join(yes, ", ")
}
