package web

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/delivery"
)

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// occurrenceStart is an occurrence's start instant.
func occurrenceStart(o *carepath.Occurrence) time.Time {
	if !o.StartAt.IsZero() {
		return o.StartAt
	}
	t, _ := time.Parse(time.RFC3339, o.Start)
	return t
}

// occurrenceWhen writes an occurrence's day and time in loc, e.g. "Monday 9 March 2026,
// 09:00–12:00 (CDT)".
func occurrenceWhen(o *carepath.Occurrence, loc *time.Location) string {
	start := occurrenceStart(o).In(loc)
	end := start.Add(time.Duration(o.Minutes) * time.Minute)
	return start.Format("Monday 2 January 2006, 15:04") + "–" + end.Format("15:04") + " (" + start.Format("MST") + ")"
}

// isoWeekOf is the ISO week of an occurrence's local date, e.g. "2026-W11".
func isoWeekOf(o *carepath.Occurrence, loc *time.Location) string {
	y, wk := occurrenceStart(o).In(loc).ISOWeek()
	return fmt.Sprintf("%04d-W%02d", y, wk)
}

// hoursText writes minutes as hours and minutes: "9 h", "7 h 30 min", "45 min".
func hoursText(minutes int) string {
	h, m := minutes/60, minutes%60
	switch {
	case h == 0:
		return strconv.Itoa(m) + " min"
	case m == 0:
		return strconv.Itoa(h) + " h"
	}
	return fmt.Sprintf("%d h %d min", h, m)
}

// addWeeks returns the ISO week n weeks after w (before, when n is negative).
func addWeeks(w delivery.ISOWeek, n int) delivery.ISOWeek {
	return delivery.WeekOfDate(w.Monday().AddDays(7 * n))
}

// clientLocation is the time zone of the client's latest program that the staff member may
// see, and its name; UTC when there is none.
func (s *Server) clientLocation(r *http.Request, clientID string) (*time.Location, string) {
	eps, err := s.Episodes.FindEpisodes(r.Context(), clientID)
	if err != nil {
		return time.UTC, "UTC"
	}
	return s.episodesLocation(r, eps)
}

// episodesLocation is clientLocation for episodes already read (oldest first).
func (s *Server) episodesLocation(r *http.Request, eps []*carepath.Episode) (*time.Location, string) {
	for i := len(eps) - 1; i >= 0; i-- {
		if p, err := s.Programs.FindProgramByID(r.Context(), eps[i].ProgramID); err == nil {
			return p.Location(), p.TimeZone
		}
	}
	return time.UTC, "UTC"
}

// weekParam reads the ISO week a page asks for (?<name>=2026-W49); the current week in loc
// when it is missing or not a week.
func weekParam(r *http.Request, name string, loc *time.Location) delivery.ISOWeek {
	if w, err := delivery.ParseISOWeek(name, r.URL.Query().Get(name)); err == nil {
		return w
	}
	return delivery.WeekOf(time.Now(), loc)
}

// weekBefore returns the ISO week before w.
func weekBefore(w delivery.ISOWeek) delivery.ISOWeek { return addWeeks(w, -1) }

// today is the date in loc, as YYYY-MM-DD.
func today(now time.Time, loc *time.Location) string { return now.In(loc).Format(carepath.DateLayout) }

// earliestToday is the earliest of today's dates in the programs' time zones, so that a default
// admission date is never in the future for any of them.
func earliestToday(now time.Time, programs []*carepath.Program) string {
	d := today(now, time.UTC)
	for _, p := range programs {
		if t := today(now, p.Location()); t < d {
			d = t
		}
	}
	return d
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// minutesText shows minutes as hours: "9 h", "7.5 h".
func minutesText(m int) string {
	if m%60 == 0 {
		return fmt.Sprintf("%d h", m/60)
	}
	return fmt.Sprintf("%.1f h", float64(m)/60)
}
