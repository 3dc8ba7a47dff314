package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/delivery"
)

// series is a group or a booked session as the schedule needs it: its recurrence with its
// exceptions, the program's time zone, who runs it and who is on it.
type series struct {
	id, programID string
	kind          delivery.Kind
	groupType     delivery.GroupType
	program       *carepath.Program
	loc           *time.Location
	ds            delivery.Series
	clinicians    []string
	clientID      string          // a booked session's client
	roster        delivery.Roster // a group's roster
	capacity      int             // a group's own capacity (0: its type's default)
	modality      string
	room, link    string
}

// occurrence is one concrete session of a series.
type occurrence struct {
	se   *series
	date delivery.Date
	s    delivery.Session
	oc   delivery.Occurrence
}

// occurrences expands se over [from, to).
func (se *series) occurrences(from, to time.Time) []occurrence {
	occ := se.ds.Occurrences(se.loc, from, to)
	out := make([]occurrence, len(occ))
	for i, o := range occ {
		out[i] = se.occurrence(o)
	}
	return out
}

func (se *series) occurrence(o delivery.Occurrence) occurrence {
	s := delivery.Session{ID: o.ID, Kind: se.kind, GroupType: se.groupType, Start: o.Start, Minutes: o.Minutes,
		ClinicianIDs: se.clinicians, Room: se.room}
	if se.modality == "telehealth" {
		s.Room = ""
	}
	if se.kind == delivery.KindGroup {
		s.ClientIDs = se.roster.MembersOn(o.Date)
	} else {
		s.ClientIDs = []string{se.clientID}
	}
	return occurrence{se: se, date: o.Date, s: s, oc: o}
}

// on returns the occurrence of se scheduled for the local date d, if it takes place.
func (se *series) on(d delivery.Date) (occurrence, bool) {
	if !se.ds.Recurrence.OccursOn(d) || slices.Contains(se.ds.Cancelled, d) {
		return occurrence{}, false
	}
	start := d.At(se.ds.Recurrence.Start, se.loc)
	o := delivery.Occurrence{ID: delivery.OccurrenceID(se.id, d), SeriesID: se.id, Date: d, Start: start,
		Minutes: se.ds.Recurrence.Minutes}
	for _, m := range se.ds.Moves {
		if m.Date == d {
			o.Start, o.Moved = m.Start.In(se.loc), true
			if m.Minutes > 0 {
				o.Minutes = m.Minutes
			}
		}
	}
	return se.occurrence(o), true
}

// public turns an occurrence into its API form.
func (o occurrence) public(version int) *carepath.Occurrence {
	p := &carepath.Occurrence{ID: o.s.ID, SeriesID: o.se.id, ProgramID: o.se.programID, Kind: string(o.se.kind),
		Date: o.date.String(), Start: o.oc.StartText(), StartAt: o.s.Start, Minutes: o.s.Minutes,
		ClinicianIDs: slices.Clone(o.se.clinicians), ClientIDs: slices.Clone(o.s.ClientIDs), Modality: o.se.modality,
		Room: o.se.room, MeetingLink: o.se.link, Moved: o.oc.Moved, AttendanceVersion: version}
	if o.se.kind == delivery.KindGroup {
		p.GroupID, p.GroupType = o.se.id, string(o.se.groupType)
	}
	if p.ClientIDs == nil {
		p.ClientIDs = []string{}
	}
	return p
}

// seriesLoader reads series with their programs, rosters and exceptions.
type seriesLoader struct {
	s        *Store
	tx       *sql.Tx
	programs map[string]*carepath.Program
}

func newSeriesLoader(s *Store, tx *sql.Tx) *seriesLoader {
	return &seriesLoader{s: s, tx: tx, programs: map[string]*carepath.Program{}}
}

const groupSeriesColumns = `id, program_id, type, facilitator_ids, days, start_time, minutes, start_date, end_date,
	modality, room, meeting_link, capacity`
const sessionSeriesColumns = `id, program_id, kind, clinician_id, days, start_time, minutes, start_date, end_date,
	modality, room, meeting_link, client_id`

// load reads the groups matching groupWhere over groupArgs and the booked sessions matching
// sessionWhere over sessionArgs (either condition may be "" to read none).
func (l *seriesLoader) load(ctx context.Context, groupWhere string, groupArgs []any, sessionWhere string, sessionArgs []any) ([]*series, error) {
	var out []*series
	for _, q := range []struct {
		where, sql string
		args       []any
		group      bool
	}{{groupWhere, `SELECT ` + groupSeriesColumns + ` FROM groups WHERE `, groupArgs, true},
		{sessionWhere, `SELECT ` + sessionSeriesColumns + ` FROM care_sessions WHERE `, sessionArgs, false}} {
		if q.where == "" {
			continue
		}
		rows, err := l.tx.QueryContext(ctx, q.sql+q.where+` ORDER BY id`, q.args...)
		if err != nil {
			return nil, fmt.Errorf("select series: %w", l.s.translate(err))
		}
		for rows.Next() {
			se := &series{}
			var kind, clinicians, days, start, from, until string
			var minutes int
			dest := []any{&se.id, &se.programID, &kind, &clinicians, &days, &start, &minutes, &from, &until,
				&se.modality, &se.room, &se.link}
			if q.group {
				dest = append(dest, &se.capacity)
			} else {
				dest = append(dest, &se.clientID)
			}
			if err := rows.Scan(dest...); err != nil {
				rows.Close()
				return nil, fmt.Errorf("scan series: %w", err)
			}
			if q.group {
				se.kind, se.groupType = delivery.KindGroup, delivery.GroupType(kind)
			} else {
				se.kind = delivery.Kind(kind)
			}
			se.clinicians = splitIDs(clinicians)
			w, err := weeklyOf(days, start, minutes, from, until)
			if err != nil {
				rows.Close()
				return nil, err
			}
			se.ds = delivery.Series{ID: se.id, Recurrence: w}
			out = append(out, se)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("select series: %w", l.s.translate(err))
		}
	}
	return out, l.complete(ctx, out)
}

// complete fills the programs, rosters and exceptions of list.
func (l *seriesLoader) complete(ctx context.Context, list []*series) error {
	if len(list) == 0 {
		return nil
	}
	byID := make(map[string]*series, len(list))
	var ids []any
	for _, se := range list {
		p, err := l.program(ctx, se.programID)
		if err != nil {
			return err
		}
		se.program, se.loc = p, p.Location()
		byID[se.id] = se
		ids = append(ids, se.id)
	}
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(start+500, len(ids))]
		in := placeholders(1, len(chunk))
		rows, err := l.tx.QueryContext(ctx, `SELECT group_id, client_id, from_date, until_date FROM group_members
			WHERE group_id IN (`+in+`) ORDER BY group_id, from_date, client_id`, chunk...)
		if err != nil {
			return fmt.Errorf("select members: %w", l.s.translate(err))
		}
		for rows.Next() {
			var gid, cid, from string
			var until sql.NullString
			if err := rows.Scan(&gid, &cid, &from, &until); err != nil {
				rows.Close()
				return fmt.Errorf("scan member: %w", err)
			}
			m := delivery.Membership{ClientID: cid, From: delivery.MustDate(from)}
			if until.Valid && until.String != "" {
				m.Until = delivery.MustDate(until.String)
			}
			byID[gid].roster = append(byID[gid].roster, m)
		}
		rows.Close()
		rows, err = l.tx.QueryContext(ctx, `SELECT series_id, local_date, kind, start_at, minutes FROM occurrence_exceptions
			WHERE series_id IN (`+in+`) ORDER BY series_id, local_date`, chunk...)
		if err != nil {
			return fmt.Errorf("select exceptions: %w", l.s.translate(err))
		}
		for rows.Next() {
			var sid, date, kind string
			var at sql.NullTime
			var minutes int
			if err := rows.Scan(&sid, &date, &kind, &at, &minutes); err != nil {
				rows.Close()
				return fmt.Errorf("scan exception: %w", err)
			}
			se, d := byID[sid], delivery.MustDate(date)
			if kind == "cancelled" {
				se.ds.Cancelled = append(se.ds.Cancelled, d)
			} else {
				se.ds.Moves = append(se.ds.Moves, delivery.Move{Date: d, Start: at.Time.UTC(), Minutes: minutes})
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("select exceptions: %w", l.s.translate(err))
		}
	}
	return nil
}

// program returns a program, read once per loader.
func (l *seriesLoader) program(ctx context.Context, id string) (*carepath.Program, error) {
	if p, ok := l.programs[id]; ok {
		return p, nil
	}
	p, err := readProgram(ctx, l.s, l.tx, id)
	if err != nil {
		return nil, err
	}
	l.programs[id] = p
	return p, nil
}

// byOccurrenceID reads the series of an occurrence id and the occurrence itself: ENOTFOUND
// when the id is malformed, the series unknown or the date has no session.
func (l *seriesLoader) byOccurrenceID(ctx context.Context, id string) (occurrence, error) {
	sid, d, ok := splitOccurrenceID(id)
	if !ok {
		return occurrence{}, sessionNotFound()
	}
	list, err := l.load(ctx, "id = $1", []any{sid}, "id = $1", []any{sid})
	if err != nil {
		return occurrence{}, err
	}
	if len(list) == 0 {
		return occurrence{}, sessionNotFound()
	}
	o, ok := list[0].on(d)
	if !ok {
		return occurrence{}, sessionNotFound()
	}
	return o, nil
}

func sessionNotFound() error { return carepath.Errorf(carepath.ENOTFOUND, "There is no such session.") }

// splitOccurrenceID splits "<series id>:<YYYY-MM-DD>".
func splitOccurrenceID(id string) (string, delivery.Date, bool) {
	i := strings.LastIndexByte(id, ':')
	if i < 0 || wellFormedID(id[:i]) == "" {
		return "", delivery.Date{}, false
	}
	d, err := delivery.ParseDate("id", id[i+1:])
	if err != nil {
		return "", delivery.Date{}, false
	}
	return id[:i], d, true
}

// auditOccurrenceID returns id when it is a well-formed occurrence id, else "".
func auditOccurrenceID(id string) string {
	if _, _, ok := splitOccurrenceID(id); ok {
		return id
	}
	return ""
}

// placeholders returns "$first, $first+1, …" for n values.
func placeholders(first, n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "$%d", first+i)
	}
	return b.String()
}

func splitIDs(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

var dayNames = []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// weeklyOf rebuilds a stored recurrence.
func weeklyOf(days, start string, minutes int, from, until string) (delivery.Weekly, error) {
	w := delivery.Weekly{Minutes: minutes}
	for _, d := range splitIDs(days) {
		w.Days = append(w.Days, time.Weekday(slices.Index(dayNames, d)))
	}
	var err error
	if w.Start, err = delivery.ParseClock("start_time", start); err != nil {
		return w, fmt.Errorf("stored start time: %w", err)
	}
	w.From = delivery.MustDate(from)
	if until != "" {
		w.Until = delivery.MustDate(until)
	}
	return w, nil
}
