package delivery

import (
	"cmp"
	"slices"
	"time"
)

// Dose is what one client received in one ISO week against the program's minimum.
type Dose struct {
	ClientID         string
	Week             ISOWeek
	RequiredMinutes  int
	DeliveredMinutes int          // minutes attended, from attendance records
	Sessions         map[Kind]int // sessions attended (present, late or left early), by kind
	Minutes          map[Kind]int // minutes attended, by kind
	Scheduled        int          // sessions the client was scheduled for or has a record of
	Met              bool         // DeliveredMinutes ≥ RequiredMinutes
}

// ComputeDose returns client's dose for week in p's time zone. A session counts for the week
// when it starts in [Monday 00:00, next Monday 00:00) local time; delivered minutes are the
// minutes attended on the client's attendance records for those sessions (clamped to the
// session's length; absences count 0). Sessions with no record deliver nothing.
func ComputeDose(p Program, clientID string, week ISOWeek, sessions []Session, attendance []Attendance) Dose {
	start, end := week.Bounds(p.Loc)
	d := newDose(p, clientID, week)
	inWeek := map[string]*Session{}
	for i := range sessions {
		s := &sessions[i]
		if s.Start.Before(start) || !s.Start.Before(end) {
			continue
		}
		inWeek[s.ID] = s
		if slices.Contains(s.ClientIDs, clientID) {
			d.Scheduled++
		}
	}
	for _, a := range attendance {
		if a.ClientID != clientID {
			continue
		}
		if s, ok := inWeek[a.SessionID]; ok {
			if !slices.Contains(s.ClientIDs, clientID) {
				d.Scheduled++ // a record for a drop-in the schedule did not list
			}
			d.add(s, a)
		}
	}
	d.Met = d.DeliveredMinutes >= d.RequiredMinutes
	return d
}

func newDose(p Program, clientID string, week ISOWeek) Dose {
	return Dose{ClientID: clientID, Week: week, RequiredMinutes: p.MinMinutesPerWeek,
		Sessions: map[Kind]int{}, Minutes: map[Kind]int{}}
}

// add counts one attendance record at s.
func (d *Dose) add(s *Session, a Attendance) {
	if !a.Status.Attended() {
		return
	}
	m := min(max(a.Minutes, 0), s.Minutes)
	d.DeliveredMinutes += m
	d.Sessions[s.Kind]++
	d.Minutes[s.Kind] += m
}

// WeeklyDoses returns the dose of every client-week from week from through week to
// (inclusive) in p's time zone, ordered by client id then week. A client-week is listed when
// the client was scheduled for, or has an attendance record at, a session starting that week;
// weeks with no session at all for a client are not client-weeks of that client.
func WeeklyDoses(p Program, from, to ISOWeek, sessions []Session, attendance []Attendance) []Dose {
	start, _ := from.Bounds(p.Loc)
	_, end := to.Bounds(p.Loc)
	type key struct {
		client string
		week   ISOWeek
	}
	doses := map[key]*Dose{}
	get := func(client string, w ISOWeek) *Dose {
		k := key{client, w}
		d := doses[k]
		if d == nil {
			nd := newDose(p, client, w)
			d = &nd
			doses[k] = d
		}
		return d
	}
	type slot struct {
		s    *Session
		week ISOWeek
	}
	byID := map[string]slot{}
	for i := range sessions {
		s := &sessions[i]
		if s.Start.Before(start) || !s.Start.Before(end) {
			continue
		}
		w := WeekOf(s.Start, p.Loc)
		byID[s.ID] = slot{s, w}
		for _, c := range s.ClientIDs {
			get(c, w).Scheduled++
		}
	}
	for _, a := range attendance {
		sl, ok := byID[a.SessionID]
		if !ok {
			continue
		}
		d := get(a.ClientID, sl.week)
		if !slices.Contains(sl.s.ClientIDs, a.ClientID) {
			d.Scheduled++
		}
		d.add(sl.s, a)
	}
	out := make([]Dose, 0, len(doses))
	for _, d := range doses {
		d.Met = d.DeliveredMinutes >= d.RequiredMinutes
		out = append(out, *d)
	}
	slices.SortFunc(out, func(a, b Dose) int {
		if c := cmp.Compare(a.ClientID, b.ClientID); c != 0 {
			return c
		}
		return cmp.Or(cmp.Compare(a.Week.Year, b.Week.Year), cmp.Compare(a.Week.Week, b.Week.Week))
	})
	return out
}

// weekEnd returns the first instant after week w in loc.
func weekEnd(w ISOWeek, loc *time.Location) time.Time {
	_, end := w.Bounds(loc)
	return end
}
