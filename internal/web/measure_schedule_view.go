package web

import (
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/instrument"
	"github.com/carepath/carepath/outcome"
)

// scheduleSummary is a schedule in words, as the page shows the current one and the default.
type scheduleSummary struct {
	Every    string // "Every 7 days" or "At admission and discharge only"
	Repeated string // "PHQ-9, GAD-7"
	Bookends string // "AUDIT-C", or "none"
}

// measureScheduleView is the view model of the schedule page: the schedule in force, the
// level's default, and the override form with what was typed and each problem.
type measureScheduleView struct {
	page
	Who      signedIn
	Client   *carepath.Client
	Open     bool // an episode is open, so a schedule is in force
	Level    string
	Override bool
	Current  scheduleSummary
	Default  scheduleSummary
	NextDue  string
	Missed   int
	Notice   string
	// The form.
	EveryDays string
	Repeated  []optionView
	Bookends  []optionView
	Errors    map[string]string
	// RepeatedError and BookendsError gather the problems of each fieldset.
	RepeatedError string
	BookendsError string
	Summary       []errorLink
}

// summarize says a schedule in words.
func summarize(every int, repeated, bookends []string) scheduleSummary {
	out := scheduleSummary{Every: "At admission and discharge only", Repeated: "none", Bookends: "none"}
	switch {
	case every == 1:
		out.Every = "Every day"
	case every == 7:
		out.Every = "Every week (7 days)"
	case every == 14:
		out.Every = "Every two weeks (14 days)"
	case every > 0:
		out.Every = "Every " + strconv.Itoa(every) + " days"
	}
	names := func(ids []string) string {
		var ns []string
		for _, id := range ids {
			ns = append(ns, instrumentName(id))
		}
		return strings.Join(ns, ", ")
	}
	if len(repeated) > 0 {
		out.Repeated = names(repeated)
	}
	if len(bookends) > 0 {
		out.Bookends = names(bookends)
	}
	return out
}

// substanceUse reports whether a client's measures show treatment for substance use, as the
// store decides the default schedule.
func substanceUse(ms []*carepath.Measure) bool {
	for _, m := range ms {
		switch m.Instrument {
		case string(instrument.AUDIT), string(instrument.DAST10), string(outcome.CheckInID):
			return true
		}
	}
	return false
}

// scheduleChoices lists the instruments as checkboxes named field, those in chosen ticked.
func scheduleChoices(field string, chosen []string) []optionView {
	out := make([]optionView, 0, len(scheduleOrder))
	for _, id := range scheduleOrder {
		out = append(out, optionView{ID: field + "-" + id, Value: id, Label: instrumentName(id), Checked: slices.Contains(chosen, id)})
	}
	return out
}

// measureScheduleRead builds the page from the client's series: the schedule in force and
// the default of the level, with the form filled with v (the schedule in force when nil).
func (s *Server) measureScheduleRead(w http.ResponseWriter, r *http.Request, who signedIn, c *carepath.Client, v url.Values, errs map[string]string) (measureScheduleView, bool) {
	view := measureScheduleView{page: page{Title: "Measurement schedule"}, Who: who, Client: c, Errors: errs}
	series, err := s.Measures.FindMeasures(r.Context(), c.ID)
	if err != nil {
		s.fail(w, r, "measure schedule", err, pageErrors)
		return view, false
	}
	if sc := series.Schedule; sc != nil {
		view.Open, view.Level, view.Override = true, sc.Level.Name(), sc.Override
		view.Current = summarize(sc.EveryDays, sc.Repeated, sc.Bookends)
		def := outcome.DefaultSchedule(sc.Level, time.Time{}, substanceUse(series.Measures), nil)
		view.Default = summarize(def.EveryDays, idStrings(def.Repeated), idStrings(def.Bookends))
		view.NextDue, view.Missed = sc.NextDue, sc.Missed
		if v == nil {
			v = url.Values{"every_days": {strconv.Itoa(sc.EveryDays)}, "repeated": sc.Repeated, "bookends": sc.Bookends}
		}
	}
	view.EveryDays = v.Get("every_days")
	view.Repeated = scheduleChoices("repeated", v["repeated"])
	view.Bookends = scheduleChoices("bookends", v["bookends"])
	return view, true
}

func idStrings(ids []instrument.ID) []string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		out = append(out, string(id))
	}
	return out
}

// scheduleFieldPath matches a field error about one instrument: repeated[2] or bookends[0].
var scheduleFieldPath = regexp.MustCompile(`^(repeated|bookends)\[(\d+)\]$`)

// scheduleSummaryLinks lists the problems, each linked to its field and naming its path.
func scheduleSummaryLinks(errs map[string]string, u carepath.MeasureScheduleUpdate) []errorLink {
	var out []errorLink
	if e := errs["every_days"]; e != "" {
		out = append(out, errorLink{"every_days", "How often (every_days): " + e})
	}
	if e := errs["repeated"]; e != "" {
		out = append(out, errorLink{"repeated-" + scheduleOrder[0], "Repeated questionnaires (repeated): " + e})
	}
	var keys []string
	for k := range errs {
		if scheduleFieldPath.MatchString(k) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		m := scheduleFieldPath.FindStringSubmatch(k)
		list, label := u.Repeated, "Repeated questionnaire"
		if m[1] == "bookends" {
			list, label = u.Bookends, "Admission and discharge questionnaire"
		}
		anchor := m[1] + "-" + scheduleOrder[0]
		if i, _ := strconv.Atoi(m[2]); i < len(list) && slices.Contains(scheduleOrder, list[i]) {
			anchor = m[1] + "-" + list[i]
		}
		out = append(out, errorLink{anchor, label + " (" + k + "): " + errs[k]})
	}
	return out
}

func toIDs(ss []string) []instrument.ID {
	out := make([]instrument.ID, 0, len(ss))
	for _, s := range ss {
		out = append(out, instrument.ID(s))
	}
	return out
}
