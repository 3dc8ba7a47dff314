package ical

import (
	"fmt"
	"slices"
	"time"
)

// vtimezone is the VTIMEZONE of one location over the span of the events that use it: the
// offset in force at the start of the span, then one observance per change of offset, each
// with a fixed DTSTART (no RRULE), which is what RFC 5545 §3.6.5 asks and all a subscriber
// needs to place these events.
type vtimezone struct {
	loc  *time.Location
	obs  []observance
	from time.Time
}

// observance is one STANDARD or DAYLIGHT sub-component: from start (a local time in the
// previous offset) the offset is to.
type observance struct {
	start    time.Time // the instant the offset took effect
	from, to int       // offsets east of UTC, in seconds
	name     string
	daylight bool
}

// zones returns the VTIMEZONEs that events need, one per location name, sorted by name.
func zones(events []Event) []vtimezone {
	type span struct {
		loc        *time.Location
		first, end time.Time
	}
	spans := map[string]*span{}
	for _, e := range events {
		if e.Loc == nil {
			continue
		}
		sp, ok := spans[e.Loc.String()]
		if !ok {
			spans[e.Loc.String()] = &span{loc: e.Loc, first: e.Start, end: e.End}
			continue
		}
		if e.Start.Before(sp.first) {
			sp.first = e.Start
		}
		if e.End.After(sp.end) {
			sp.end = e.End
		}
	}
	names := make([]string, 0, len(spans))
	for n := range spans {
		names = append(names, n)
	}
	slices.Sort(names)
	out := make([]vtimezone, 0, len(names))
	for _, n := range names {
		sp := spans[n]
		out = append(out, newVTimezone(sp.loc, sp.first.Add(-7*24*time.Hour), sp.end.Add(24*time.Hour)))
	}
	return out
}

// newVTimezone finds the offset changes of loc between from and to, probing every six hours
// and narrowing each change to the second.
func newVTimezone(loc *time.Location, from, to time.Time) vtimezone {
	from = from.Truncate(time.Hour)
	name, off := from.In(loc).Zone()
	tz := vtimezone{loc: loc, from: from}
	tz.obs = append(tz.obs, observance{start: from, from: off, to: off, name: name, daylight: from.In(loc).IsDST()})
	const step = 6 * time.Hour
	for t := from; t.Before(to); t = t.Add(step) {
		next := t.Add(step)
		_, o2 := next.In(loc).Zone()
		if o2 == off {
			continue
		}
		lo, hi := t, next // offset at lo is off, at hi is o2
		for hi.Sub(lo) > time.Second {
			mid := lo.Add(hi.Sub(lo) / 2).Truncate(time.Second)
			if mid.Equal(lo) {
				break
			}
			if _, om := mid.In(loc).Zone(); om == off {
				lo = mid
			} else {
				hi = mid
			}
		}
		n2, _ := hi.In(loc).Zone()
		tz.obs = append(tz.obs, observance{start: hi, from: off, to: o2, name: n2, daylight: hi.In(loc).IsDST()})
		off = o2
	}
	return tz
}

func (tz vtimezone) write(lw *lineWriter) {
	lw.line("BEGIN:VTIMEZONE")
	lw.line("TZID:" + paramValueText(tz.loc.String()))
	for _, o := range tz.obs {
		kind := "STANDARD"
		if o.daylight {
			kind = "DAYLIGHT"
		}
		lw.line("BEGIN:" + kind)
		// DTSTART of an observance is the local time in the offset before the change.
		lw.line("DTSTART:" + local(o.start.In(time.FixedZone("", o.from))))
		lw.line("TZOFFSETFROM:" + offset(o.from))
		lw.line("TZOFFSETTO:" + offset(o.to))
		if o.name != "" {
			lw.line("TZNAME:" + Escape(o.name))
		}
		lw.line("END:" + kind)
	}
	lw.line("END:VTIMEZONE")
}

// paramValueText is the TZID property's value: the same text as the TZID parameter, unquoted.
func paramValueText(s string) string { return Escape(stripControls(s)) }

// offset writes a UTC offset as RFC 5545 §3.3.14 asks: +HHMM, or +HHMMSS when it has seconds.
func offset(secs int) string {
	sign := "+"
	if secs < 0 {
		sign, secs = "-", -secs
	}
	h, m, s := secs/3600, secs%3600/60, secs%60
	if s != 0 {
		return fmt.Sprintf("%s%02d%02d%02d", sign, h, m, s)
	}
	return fmt.Sprintf("%s%02d%02d", sign, h, m)
}
