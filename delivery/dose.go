package delivery

import (
	"slices"
	"time"
)

// Dose is what one client received in one ISO week against the program's minimum.
type Dose struct {
	ClientID         string
	Week             ISOWeek
	RequiredMinutes  int
	DeliveredMinutes int        // minutes attended, from attendance records
	Sessions         KindCounts // sessions attended (present, late or left early), by kind
	Minutes          KindCounts // minutes attended, by kind
	Scheduled        int        // sessions the client was scheduled for or has a record of
	Met              bool       // DeliveredMinutes ≥ RequiredMinutes
}

// KindCounts holds one number per session kind.
type KindCounts struct {
	Individual int
	Group      int
	Family     int
	Medication int
}

// Of returns the number for kind k (0 for an unknown kind).
func (c KindCounts) Of(k Kind) int {
	if p := c.slot(k); p != nil {
		return *p
	}
	return 0
}

func (c *KindCounts) slot(k Kind) *int {
	switch k {
	case KindIndividual:
		return &c.Individual
	case KindGroup:
		return &c.Group
	case KindFamily:
		return &c.Family
	case KindMedication:
		return &c.Medication
	}
	return nil
}

// ComputeDose returns client's dose for week in p's time zone. A session counts for the week
// when it starts in [Monday 00:00, next Monday 00:00) local time; delivered minutes are the
// minutes attended on the client's attendance records for those sessions (clamped to the
// session's length; absences count 0). Sessions with no record deliver nothing.
func ComputeDose(p Program, clientID string, week ISOWeek, sessions []Session, attendance []Attendance) Dose {
	start, end := week.Bounds(p.Loc)
	d := Dose{ClientID: clientID, Week: week, RequiredMinutes: p.MinMinutesPerWeek}
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

// add counts one attendance record at s.
func (d *Dose) add(s *Session, a Attendance) {
	if !a.Status.Attended() {
		return
	}
	m := min(max(a.Minutes, 0), s.Minutes)
	d.DeliveredMinutes += m
	if p := d.Sessions.slot(s.Kind); p != nil {
		*p++
		*d.Minutes.slot(s.Kind) += m
	}
}

// WeeklyDoses returns the dose of every client-week from week from through week to
// (inclusive) in p's time zone, ordered by client id then week. A client-week is listed when
// the client was scheduled for, or has an attendance record at, a session starting that week;
// weeks with no session at all for a client are not client-weeks of that client.
func WeeklyDoses(p Program, from, to ISOWeek, sessions []Session, attendance []Attendance) []Dose {
	return newPeriod(p, from, to, sessions, attendance).doses()
}

// period is the sessions of ISO weeks from..to with each attendance record resolved to its
// session once, shared by the dose and quality computations.
type period struct {
	p        Program
	from     ISOWeek
	weeks    int
	sessions []*Session
	week     []int // week index of each session
	att      []Attendance
	at       []int // index into sessions of each attendance record, -1 when outside
}

func newPeriod(p Program, from, to ISOWeek, sessions []Session, attendance []Attendance) *period {
	start, _ := from.Bounds(p.Loc)
	_, end := to.Bounds(p.Loc)
	first := from.Monday()
	pd := &period{p: p, from: from, weeks: max(first.DaysUntil(to.Monday())/7+1, 0), att: attendance}
	byID := make(map[string]int, len(sessions))
	for i := range sessions {
		s := &sessions[i]
		if s.Start.Before(start) || !s.Start.Before(end) {
			continue
		}
		byID[s.ID] = len(pd.sessions)
		pd.sessions = append(pd.sessions, s)
		pd.week = append(pd.week, first.DaysUntil(DateOf(s.Start.In(p.Loc)))/7)
	}
	pd.at = make([]int, len(attendance))
	for i, a := range attendance {
		if j, ok := byID[a.SessionID]; ok {
			pd.at[i] = j
		} else {
			pd.at[i] = -1
		}
	}
	return pd
}

func (pd *period) doses() []Dose {
	type row struct {
		id    string
		weeks []Dose
		seen  []bool
	}
	rows := map[string]*row{}
	get := func(client string, w int) *Dose {
		r := rows[client]
		if r == nil {
			r = &row{id: client, weeks: make([]Dose, pd.weeks), seen: make([]bool, pd.weeks)}
			rows[client] = r
		}
		if !r.seen[w] {
			r.seen[w] = true
			r.weeks[w] = Dose{ClientID: client, RequiredMinutes: pd.p.MinMinutesPerWeek}
		}
		return &r.weeks[w]
	}
	for i, s := range pd.sessions {
		for _, c := range s.ClientIDs {
			get(c, pd.week[i]).Scheduled++
		}
	}
	for i, a := range pd.att {
		j := pd.at[i]
		if j < 0 {
			continue
		}
		s := pd.sessions[j]
		d := get(a.ClientID, pd.week[j])
		if !slices.Contains(s.ClientIDs, a.ClientID) {
			d.Scheduled++
		}
		d.add(s, a)
	}
	weeks := make([]ISOWeek, pd.weeks)
	for w, m := 0, pd.from.Monday(); w < pd.weeks; w, m = w+1, m.AddDays(7) {
		weeks[w] = WeekOfDate(m)
	}
	ids := make([]string, 0, len(rows))
	n := 0
	for id, r := range rows {
		ids = append(ids, id)
		for _, s := range r.seen {
			if s {
				n++
			}
		}
	}
	slices.Sort(ids)
	out := make([]Dose, 0, n)
	for _, id := range ids {
		r := rows[id]
		for w, d := range r.weeks {
			if r.seen[w] {
				d.Week = weeks[w]
				d.Met = d.DeliveredMinutes >= d.RequiredMinutes
				out = append(out, d)
			}
		}
	}
	return out
}

// weekEnd returns the first instant after week w in loc.
func weekEnd(w ISOWeek, loc *time.Location) time.Time {
	_, end := w.Bounds(loc)
	return end
}
