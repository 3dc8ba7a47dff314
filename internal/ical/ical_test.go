package ical

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"
)

func mustLoc(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("load %s: %v", name, err)
	}
	return loc
}

// sample is a calendar with a long, awkward summary, a cancelled event and a zoned event
// across the spring daylight-saving change in Chicago.
func sample(t *testing.T) *Calendar {
	chicago := mustLoc(t, "America/Chicago")
	stamp := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	return &Calendar{
		Name:    "Sessions, Dr. Lee; week view",
		Refresh: time.Hour,
		Events: []Event{
			{UID: "g1:2026-03-06@carepath", Stamp: stamp,
				Start: time.Date(2026, 3, 6, 15, 0, 0, 0, time.UTC), End: time.Date(2026, 3, 6, 18, 0, 0, 0, time.UTC),
				Summary:     "Process group; morning, room 2 \\ annex — ünïcödé " + strings.Repeat("é", 40),
				Description: "Line one\nLine two, with a comma; and a semicolon\r\nthree",
				Location:    "Room 2, 1st floor", URL: "https://meet.example.org/abc?x=1;y=2"},
			{UID: "g1:2026-03-09@carepath", Stamp: stamp, Cancelled: true, Sequence: 1,
				Start: time.Date(2026, 3, 9, 9, 0, 0, 0, chicago), End: time.Date(2026, 3, 9, 12, 0, 0, 0, chicago),
				Loc: chicago, Summary: "Process group"},
		},
	}
}

func TestWriteFoldsLinesAndEndsWithCRLF(t *testing.T) {
	out := sample(t).String()
	if out == "" {
		t.Fatal("empty calendar")
	}
	if !strings.HasSuffix(out, "END:VCALENDAR\r\n") {
		t.Fatalf("does not end with END:VCALENDAR CRLF: %q", out[len(out)-20:])
	}
	if strings.Contains(strings.ReplaceAll(out, "\r\n", ""), "\n") || strings.Contains(strings.ReplaceAll(out, "\r\n", ""), "\r") {
		t.Fatal("a bare LF or CR outside a CRLF line end")
	}
	lines := strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n")
	folded := 0
	for i, l := range lines {
		if len(l) > 75 {
			t.Errorf("line %d has %d octets: %q", i, len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("line %d splits a UTF-8 sequence: %q", i, l)
		}
		if strings.HasPrefix(l, " ") {
			folded++
		}
	}
	if folded == 0 {
		t.Fatal("the long summary was not folded")
	}
	// Unfolding gives the escaped logical line back.
	unfolded := strings.ReplaceAll(out, "\r\n ", "")
	want := `SUMMARY:Process group\; morning\, room 2 \\ annex — ünïcödé ` + strings.Repeat("é", 40) + "\r\n"
	if !strings.Contains(unfolded, want) {
		t.Errorf("unfolded output lacks %q", want)
	}
	if !strings.Contains(unfolded, `DESCRIPTION:Line one\nLine two\, with a comma\; and a semicolon\nthree`+"\r\n") {
		t.Errorf("description not escaped:\n%s", unfolded)
	}
}

func TestWriteTimesAndStatus(t *testing.T) {
	unfolded := strings.ReplaceAll(sample(t).String(), "\r\n ", "")
	for _, want := range []string{
		"DTSTART:20260306T150000Z\r\n", "DTEND:20260306T180000Z\r\n", "DTSTAMP:20260301T120000Z\r\n",
		"DTSTART;TZID=America/Chicago:20260309T090000\r\n", "DTEND;TZID=America/Chicago:20260309T120000\r\n",
		"STATUS:CANCELLED\r\n", "STATUS:CONFIRMED\r\n", "SEQUENCE:1\r\n",
		"BEGIN:VTIMEZONE\r\nTZID:America/Chicago\r\n",
		// Chicago springs forward on 8 March 2026 at 02:00 CST.
		"BEGIN:DAYLIGHT\r\nDTSTART:20260308T020000\r\nTZOFFSETFROM:-0600\r\nTZOFFSETTO:-0500\r\nTZNAME:CDT\r\nEND:DAYLIGHT\r\n",
		"URL:https://meet.example.org/abc?x=1;y=2\r\n",
		"REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n",
		`X-WR-CALNAME:Sessions\, Dr. Lee\; week view` + "\r\n",
	} {
		if !strings.Contains(unfolded, want) {
			t.Errorf("output lacks %q", want)
		}
	}
}

// TestParsesInCalendarSoftware parses the output with an independent iCalendar parser
// (which unfolds and unescapes) and checks each property comes back as written.
func TestParsesInCalendarSoftware(t *testing.T) {
	c := sample(t)
	cal, err := ics.ParseCalendar(strings.NewReader(c.String()))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	evs := cal.Events()
	if len(evs) != 2 {
		t.Fatalf("%d events, want 2", len(evs))
	}
	tzs := 0
	for _, comp := range cal.Components {
		if _, ok := comp.(*ics.VTimezone); ok {
			tzs++
		}
	}
	if tzs != 1 {
		t.Errorf("%d VTIMEZONEs, want 1", tzs)
	}
	for i, e := range evs {
		want := c.Events[i]
		if got := e.Id(); got != want.UID {
			t.Errorf("event %d uid %q, want %q", i, got, want.UID)
		}
		start, err := e.GetStartAt()
		if err != nil {
			t.Fatalf("event %d start: %v", i, err)
		}
		if !start.Equal(want.Start) {
			t.Errorf("event %d starts %v, want %v", i, start, want.Start)
		}
		end, err := e.GetEndAt()
		if err != nil {
			t.Fatalf("event %d end: %v", i, err)
		}
		if !end.Equal(want.End) {
			t.Errorf("event %d ends %v, want %v", i, end, want.End)
		}
		if got := e.GetProperty(ics.ComponentPropertySummary).Value; got != want.Summary {
			t.Errorf("event %d summary %q, want %q", i, got, want.Summary)
		}
		status := e.GetProperty(ics.ComponentPropertyStatus).Value
		if (status == "CANCELLED") != want.Cancelled {
			t.Errorf("event %d status %s, cancelled %v", i, status, want.Cancelled)
		}
	}
	desc := evs[0].GetProperty(ics.ComponentPropertyDescription).Value
	if desc != "Line one\nLine two, with a comma; and a semicolon\nthree" {
		t.Errorf("description %q", desc)
	}
	if loc := evs[0].GetProperty(ics.ComponentPropertyLocation).Value; loc != "Room 2, 1st floor" {
		t.Errorf("location %q", loc)
	}
}

func TestEscape(t *testing.T) {
	for in, want := range map[string]string{
		"plain":             "plain",
		"a,b;c\\d":          `a\,b\;c\\d`,
		"one\ntwo\r\nthree": `one\ntwo\nthree`,
		"bell\a tab\t":      "bell tab\t",
		"":                  "",
	} {
		if got := Escape(in); got != want {
			t.Errorf("Escape(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFoldBoundaries(t *testing.T) {
	for _, n := range []int{74, 75, 76, 149, 150, 151, 300} {
		for _, unit := range []string{"a", "é", "€", "😀"} {
			value := strings.Repeat(unit, n/len(unit)+1)[:0]
			for len(value)+len(unit) <= n {
				value += unit
			}
			line := "X:" + value
			var b strings.Builder
			lw := &lineWriter{w: bufioWriter(&b)}
			lw.line(line)
			_ = lw.w.Flush()
			out := b.String()
			parts := strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n")
			var joined strings.Builder
			for i, p := range parts {
				if len(p) > 75 {
					t.Errorf("n=%d %q: part %d has %d octets", n, unit, i, len(p))
				}
				if i > 0 {
					if !strings.HasPrefix(p, " ") {
						t.Errorf("n=%d: continuation %d does not start with a space", n, i)
					}
					p = p[1:]
				}
				if !utf8.ValidString(p) {
					t.Errorf("n=%d %q: part %d splits a character", n, unit, i)
				}
				joined.WriteString(p)
			}
			if joined.String() != line {
				t.Errorf("n=%d %q: unfolding does not give the line back", n, unit)
			}
		}
	}
}

func TestWriteRefusesBadEvents(t *testing.T) {
	now := time.Now()
	for name, e := range map[string]Event{
		"no uid":      {Start: now, End: now.Add(time.Hour)},
		"ends before": {UID: "x", Start: now, End: now.Add(-time.Hour)},
	} {
		c := &Calendar{Events: []Event{e}}
		var b strings.Builder
		if err := c.Write(&b); err == nil {
			t.Errorf("%s: written without error", name)
		}
	}
}

func TestDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		time.Hour: "PT1H", 90 * time.Minute: "PT1H30M", 36 * time.Hour: "P1DT12H", 0: "PT0S", 24 * time.Hour: "P1D",
	} {
		if got := duration(d); got != want {
			t.Errorf("duration(%v) = %s, want %s", d, got, want)
		}
	}
}

func TestVTimezoneAcrossBothChanges(t *testing.T) {
	ny := mustLoc(t, "America/New_York")
	tz := newVTimezone(ny, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC))
	if len(tz.obs) != 3 {
		t.Fatalf("%d observances, want start + 2 changes: %+v", len(tz.obs), tz.obs)
	}
	spring, fall := tz.obs[1], tz.obs[2]
	if !spring.daylight || spring.from != -5*3600 || spring.to != -4*3600 ||
		!spring.start.Equal(time.Date(2026, 3, 8, 7, 0, 0, 0, time.UTC)) {
		t.Errorf("spring change %+v", spring)
	}
	if fall.daylight || fall.from != -4*3600 || fall.to != -5*3600 ||
		!fall.start.Equal(time.Date(2026, 11, 1, 6, 0, 0, 0, time.UTC)) {
		t.Errorf("fall change %+v", fall)
	}
	if offset(-5*3600) != "-0500" || offset(19800) != "+0530" || offset(0) != "+0000" {
		t.Error("offset format")
	}
}

// FuzzWrite checks that any summary is written in lines of at most 75 octets, never splits a
// character, and unfolds and unescapes back to itself (less control characters).
func FuzzWrite(f *testing.F) {
	f.Add("Process group; room 2, \\ annex\nsecond line")
	f.Add(strings.Repeat("€", 60))
	f.Fuzz(func(t *testing.T, summary string) {
		if !utf8.ValidString(summary) {
			t.Skip()
		}
		c := &Calendar{Events: []Event{{UID: "u", Summary: summary, Start: time.Unix(0, 0), End: time.Unix(3600, 0)}}}
		out := c.String()
		for _, l := range strings.Split(out, "\r\n") {
			if len(l) > 75 || !utf8.ValidString(l) {
				t.Fatalf("bad line %q", l)
			}
		}
		cal, err := ics.ParseCalendar(strings.NewReader(out))
		if err != nil {
			t.Fatalf("parse: %v", err)
		}
		if summary == "" {
			return
		}
		want := strings.ReplaceAll(summary, "\r\n", "\n")
		want = strings.Map(func(r rune) rune {
			if r == '\r' {
				return '\n'
			}
			if r < 0x20 && r != '\t' && r != '\n' || r == 0x7f {
				return -1
			}
			return r
		}, want)
		if got := cal.Events()[0].GetProperty(ics.ComponentPropertySummary).Value; got != want {
			t.Fatalf("summary %q came back as %q", want, got)
		}
	})
}
