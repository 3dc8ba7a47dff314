package delivery

import (
	"cmp"
	"fmt"
	"slices"
	"time"
)

// AlertKind names an alert.
type AlertKind string

// The alerts.
const (
	// AlertUnexcusedAbsences: two or more unexcused absences in a row.
	AlertUnexcusedAbsences AlertKind = "unexcused_absences"
	// AlertBelowMinimum: a client-week ended below the program's minimum.
	AlertBelowMinimum AlertKind = "below_minimum"
)

// Alert asks staff to follow a client up. Message holds no client data beyond counts.
type Alert struct {
	Kind       AlertKind
	ClientID   string
	SessionIDs []string // the absences in a row (unexcused_absences)
	Week       ISOWeek  // the week that fell short (below_minimum)
	At         time.Time
	Message    string
}

// AbsenceAlerts returns one unexcused_absences alert for each run of two or more unexcused
// absences in a row in a client's attendance history, ordered by session start. "In a row"
// means consecutive among the client's recorded sessions: a session with no record yet
// neither breaks nor extends a run. At is the start of the session that made the run two.
// Records for sessions not in sessions are ignored.
func AbsenceAlerts(sessions []Session, attendance []Attendance) []Alert {
	starts := make(map[string]time.Time, len(sessions))
	for _, s := range sessions {
		starts[s.ID] = s.Start
	}
	type rec struct {
		session string
		start   time.Time
		status  Status
	}
	byClient := map[string][]rec{}
	for _, a := range attendance {
		if t, ok := starts[a.SessionID]; ok {
			byClient[a.ClientID] = append(byClient[a.ClientID], rec{a.SessionID, t, a.Status})
		}
	}
	var out []Alert
	for client, recs := range byClient {
		slices.SortStableFunc(recs, func(a, b rec) int {
			return cmp.Or(a.start.Compare(b.start), cmp.Compare(a.session, b.session))
		})
		var run []rec
		flush := func() {
			if len(run) >= 2 {
				ids := make([]string, len(run))
				for i, r := range run {
					ids[i] = r.session
				}
				out = append(out, Alert{Kind: AlertUnexcusedAbsences, ClientID: client, SessionIDs: ids, At: run[1].start,
					Message: fmt.Sprintf("%d unexcused absences in a row.", len(run))})
			}
			run = run[:0]
		}
		for _, r := range recs {
			if r.status == AbsentUnexcused {
				run = append(run, r)
			} else {
				flush()
			}
		}
		flush()
	}
	slices.SortFunc(out, func(a, b Alert) int { return cmp.Or(a.At.Compare(b.At), cmp.Compare(a.ClientID, b.ClientID)) })
	return out
}

// DoseAlerts returns a below_minimum alert for each dose whose week has ended by now (in p's
// time zone) with fewer minutes delivered than required, ordered by week then client. A week
// still under way raises nothing, since the client may yet attend. At is the week's end.
func DoseAlerts(p Program, doses []Dose, now time.Time) []Alert {
	var out []Alert
	for _, d := range doses {
		end := weekEnd(d.Week, p.Loc)
		if now.Before(end) || d.DeliveredMinutes >= d.RequiredMinutes {
			continue
		}
		out = append(out, Alert{Kind: AlertBelowMinimum, ClientID: d.ClientID, Week: d.Week, At: end,
			Message: fmt.Sprintf("Week %s ended with %s of the %s required.", d.Week, hoursText(d.DeliveredMinutes), hoursText(d.RequiredMinutes))})
	}
	slices.SortFunc(out, func(a, b Alert) int { return cmp.Or(a.At.Compare(b.At), cmp.Compare(a.ClientID, b.ClientID)) })
	return out
}

// hoursText formats minutes as hours and minutes, e.g. "7 h 30 min".
func hoursText(minutes int) string {
	h, m := minutes/60, minutes%60
	switch {
	case m == 0:
		return fmt.Sprintf("%d h", h)
	case h == 0:
		return fmt.Sprintf("%d min", m)
	}
	return fmt.Sprintf("%d h %d min", h, m)
}
