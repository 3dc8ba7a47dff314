// Package ical writes iCalendar (RFC 5545) documents: a VCALENDAR of VEVENTs, with times in
// UTC or in a named time zone (with the VTIMEZONE it needs), text escaped, and lines folded at
// 75 octets and ended with CRLF. It writes only; carepath never reads calendars.
package ical

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// maxLine is the longest content line RFC 5545 allows, in octets, not counting the CRLF.
const maxLine = 75

// Calendar is one iCalendar object: a feed of events.
type Calendar struct {
	// ProdID names the product that wrote the calendar; DefaultProdID when empty.
	ProdID string
	// Name is the calendar's display name (X-WR-CALNAME, NAME); none when empty.
	Name string
	// Refresh asks subscribers to fetch the feed again after this long (REFRESH-INTERVAL and
	// X-PUBLISHED-TTL); none when zero.
	Refresh time.Duration
	Events  []Event
}

// DefaultProdID is the PRODID of a calendar that names none.
const DefaultProdID = "-//carepath//carepath//EN"

// Event is one VEVENT.
type Event struct {
	UID   string    // globally unique and stable across fetches, e.g. "<occurrence id>@host"
	Stamp time.Time // DTSTAMP: when this version of the event was written
	Start time.Time
	End   time.Time
	// Loc, when set, writes DTSTART and DTEND as local times with TZID=Loc.String() and adds a
	// VTIMEZONE for it; when nil they are written in UTC.
	Loc         *time.Location
	Summary     string
	Description string
	Location    string
	URL         string // a URI, written as is
	Cancelled   bool   // STATUS:CANCELLED; otherwise STATUS:CONFIRMED
	Sequence    int    // SEQUENCE: bump it when the event changes
}

// Write writes c to w as an iCalendar object. It fails only when w does, or when an event
// has no UID, or ends before it starts.
func (c *Calendar) Write(w io.Writer) error {
	for i, e := range c.Events {
		if strings.TrimSpace(e.UID) == "" {
			return fmt.Errorf("ical: event %d has no uid", i)
		}
		if e.End.Before(e.Start) {
			return fmt.Errorf("ical: event %d ends before it starts", i)
		}
	}
	bw := bufio.NewWriter(w)
	lw := &lineWriter{w: bw}
	lw.line("BEGIN:VCALENDAR")
	lw.line("VERSION:2.0")
	prod := c.ProdID
	if prod == "" {
		prod = DefaultProdID
	}
	lw.line("PRODID:" + Escape(prod))
	lw.line("CALSCALE:GREGORIAN")
	lw.line("METHOD:PUBLISH")
	if c.Name != "" {
		lw.line("NAME:" + Escape(c.Name))
		lw.line("X-WR-CALNAME:" + Escape(c.Name))
	}
	if c.Refresh > 0 {
		d := duration(c.Refresh)
		lw.line("REFRESH-INTERVAL;VALUE=DURATION:" + d)
		lw.line("X-PUBLISHED-TTL:" + d)
	}
	for _, tz := range zones(c.Events) {
		tz.write(lw)
	}
	for _, e := range c.Events {
		e.write(lw)
	}
	lw.line("END:VCALENDAR")
	if lw.err != nil {
		return lw.err
	}
	return bw.Flush()
}

// String returns c as an iCalendar object, or "" when it cannot be written.
func (c *Calendar) String() string {
	var b strings.Builder
	if err := c.Write(&b); err != nil {
		return ""
	}
	return b.String()
}

func (e Event) write(lw *lineWriter) {
	lw.line("BEGIN:VEVENT")
	lw.line("UID:" + Escape(e.UID))
	lw.line("DTSTAMP:" + utc(e.Stamp))
	if e.Loc == nil {
		lw.line("DTSTART:" + utc(e.Start))
		lw.line("DTEND:" + utc(e.End))
	} else {
		tzid := paramValue(e.Loc.String())
		lw.line("DTSTART;TZID=" + tzid + ":" + local(e.Start.In(e.Loc)))
		lw.line("DTEND;TZID=" + tzid + ":" + local(e.End.In(e.Loc)))
	}
	if e.Sequence > 0 {
		lw.line(fmt.Sprintf("SEQUENCE:%d", e.Sequence))
	}
	if e.Summary != "" {
		lw.line("SUMMARY:" + Escape(e.Summary))
	}
	if e.Description != "" {
		lw.line("DESCRIPTION:" + Escape(e.Description))
	}
	if e.Location != "" {
		lw.line("LOCATION:" + Escape(e.Location))
	}
	if e.URL != "" {
		lw.line("URL:" + stripControls(e.URL))
	}
	if e.Cancelled {
		lw.line("STATUS:CANCELLED")
	} else {
		lw.line("STATUS:CONFIRMED")
	}
	lw.line("TRANSP:OPAQUE")
	lw.line("END:VEVENT")
}

// Escape escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma get a
// backslash, and each line break becomes \n. Other control characters are dropped, since
// content lines may not hold them.
func Escape(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch r {
		case '\\', ';', ',':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\n', '\r':
			b.WriteString(`\n`)
		default:
			if r < 0x20 && r != '\t' || r == 0x7f {
				continue
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// stripControls drops control characters from a value that is not TEXT (a URI).
func stripControls(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, s)
}

// paramValue returns s as a parameter value, quoted when it holds a character that would end
// the parameter (RFC 5545 §3.2: ":", ";" or ","); double quotes are dropped, as they may not
// appear in a parameter value.
func paramValue(s string) string {
	s = strings.ReplaceAll(stripControls(s), `"`, "")
	if strings.ContainsAny(s, ":;,") {
		return `"` + s + `"`
	}
	return s
}

func utc(t time.Time) string   { return t.UTC().Format("20060102T150405Z") }
func local(t time.Time) string { return t.Format("20060102T150405") }

// duration writes d as an RFC 5545 duration of whole seconds, e.g. PT1H or P1DT30M.
func duration(d time.Duration) string {
	secs := int64(d / time.Second)
	days, secs := secs/86400, secs%86400
	h, m, s := secs/3600, secs%3600/60, secs%60
	var b strings.Builder
	b.WriteString("P")
	if days > 0 {
		fmt.Fprintf(&b, "%dD", days)
	}
	if h > 0 || m > 0 || s > 0 {
		b.WriteString("T")
		if h > 0 {
			fmt.Fprintf(&b, "%dH", h)
		}
		if m > 0 {
			fmt.Fprintf(&b, "%dM", m)
		}
		if s > 0 {
			fmt.Fprintf(&b, "%dS", s)
		}
	}
	if b.Len() == 1 {
		b.WriteString("T0S")
	}
	return b.String()
}

// lineWriter writes content lines, folded at maxLine octets without splitting a UTF-8
// sequence, each ended with CRLF. It keeps the first write error.
type lineWriter struct {
	w   *bufio.Writer
	err error
}

func (lw *lineWriter) line(s string) {
	if lw.err != nil {
		return
	}
	lw.err = writeFolded(lw.w, s)
}

// writeFolded writes one content line folded as RFC 5545 §3.1 asks: no line longer than 75
// octets; each continuation starts with one space, which counts towards its 75.
func writeFolded(w *bufio.Writer, s string) error {
	limit := maxLine
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		if _, err := w.WriteString(s[:cut]); err != nil {
			return err
		}
		if _, err := w.WriteString("\r\n "); err != nil {
			return err
		}
		s = s[cut:]
		limit = maxLine - 1
	}
	if _, err := w.WriteString(s); err != nil {
		return err
	}
	_, err := w.WriteString("\r\n")
	return err
}
