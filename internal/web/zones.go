package web

import (
	"net/http"
	"sync"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// How the pages show times. Every instant is shown in a named zone with its abbreviation
// ("2026-12-07 09:00 PST"): a session in its program's zone, everything else (notes, alerts,
// intake requests, the access log) in the viewer's zone — the staff member's own, when their
// account has one, else the zone the clinic's programs use. A span whose ends fall on
// different sides of a daylight-saving change names each end's abbreviation, so the hour that
// repeats in autumn never reads "01:30–01:30".

// instantLayout is how an instant is written, before its zone's abbreviation.
const instantLayout = "2006-01-02 15:04"

// instantText writes t in loc with the zone's abbreviation; "—" for the zero time.
func instantText(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return "—"
	}
	if loc == nil {
		loc = time.UTC
	}
	return t.In(loc).Format(instantLayout + " MST")
}

// atText is instantText for templates: t is a time.Time or a *time.Time (nil: "—").
func atText(t any, loc *time.Location) string {
	switch v := t.(type) {
	case time.Time:
		return instantText(v, loc)
	case *time.Time:
		if v == nil {
			return "—"
		}
		return instantText(*v, loc)
	}
	return "—"
}

// atSeconds writes t in loc to the second, with the zone's abbreviation (the access log).
func atSeconds(t time.Time, loc *time.Location) string {
	if loc == nil {
		loc = time.UTC
	}
	return t.In(loc).Format("2006-01-02 15:04:05 MST")
}

// dateText is dateIn for templates: t is a time.Time or a *time.Time (nil: "—").
func dateText(t any, loc *time.Location) string {
	switch v := t.(type) {
	case time.Time:
		return dateIn(v, loc)
	case *time.Time:
		if v == nil {
			return "—"
		}
		return dateIn(*v, loc)
	}
	return "—"
}

// dateIn writes the date of t in loc (YYYY-MM-DD); "—" for the zero time.
func dateIn(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return "—"
	}
	if loc == nil {
		loc = time.UTC
	}
	return t.In(loc).Format(carepath.DateLayout)
}

// clockSpan writes the hours of [start, start+minutes) in loc: "09:00–12:00 PST", or, when
// the two ends have different abbreviations (a daylight-saving change between them),
// "01:30 PDT–01:30 PST".
func clockSpan(start time.Time, minutes int, loc *time.Location) string {
	if loc == nil {
		loc = time.UTC
	}
	s := start.In(loc)
	e := s.Add(time.Duration(minutes) * time.Minute)
	if s.Format("MST") != e.Format("MST") {
		return s.Format("15:04 MST") + "–" + e.Format("15:04 MST")
	}
	return s.Format("15:04") + "–" + e.Format("15:04 MST")
}

// daySpan writes the day and the hours of [start, start+minutes) in loc: "Monday 7 December
// 2026, 09:00–12:00 PST".
func daySpan(start time.Time, minutes int, loc *time.Location) string {
	if loc == nil {
		loc = time.UTC
	}
	return start.In(loc).Format("Monday 2 January 2006") + ", " + clockSpan(start, minutes, loc)
}

// The session key of the signed-in staff member's own time zone (empty: none set).
const sessStaffZone = "staff_zone"

// viewerZone is the zone the signed-in staff member reads instants in: their own, else the
// clinic's.
func (s *Server) viewerZone(r *http.Request) *time.Location {
	if name := s.manager(r).GetString(r.Context(), sessStaffZone); name != "" {
		if loc, err := time.LoadLocation(name); err == nil {
			return loc
		}
	}
	return s.clinicZone(r)
}

// clinicZoneCache keeps the clinic's zone for a minute, so that pages do not read the programs
// each time.
type clinicZoneCache struct {
	mu   sync.Mutex
	loc  *time.Location
	when time.Time
}

// clinicZone is the zone most of the clinic's programs keep, UTC when there are none (or the
// viewer may not list them).
func (s *Server) clinicZone(r *http.Request) *time.Location {
	c := s.zones
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.loc != nil && time.Since(c.when) < time.Minute {
		return c.loc
	}
	loc := time.UTC
	if a, ok := carepath.ActorFrom(r.Context()); !ok || !access.Allowed(a.Role, access.Program, access.List) {
		if c.loc != nil {
			return c.loc
		}
		return loc
	}
	if s.Programs != nil {
		if list, err := s.Programs.FindPrograms(r.Context()); err == nil {
			count := map[string]int{}
			best := ""
			for _, p := range list {
				count[p.TimeZone]++
				if best == "" || count[p.TimeZone] > count[best] {
					best = p.TimeZone
				}
			}
			if l, err := time.LoadLocation(best); err == nil && best != "" {
				loc = l
			}
			c.loc, c.when = loc, time.Now()
		}
	}
	return loc
}
