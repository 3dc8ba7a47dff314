package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
	"github.com/carepath/carepath/delivery"
	"github.com/google/uuid"
)

// TherapySessionService books individual, family and medication-management sessions and lists the
// concrete occurrences of those and of groups. Clinicians and case managers see only the
// occurrences they run or that list one of their care-team clients (scheduleScope).
type TherapySessionService struct {
	s *Store
}

var _ carepath.TherapySessionService = (*TherapySessionService)(nil)

// NewTherapySessionService returns the session service of s.
func NewTherapySessionService(s *Store) *TherapySessionService { return &TherapySessionService{s: s} }

// conflictHorizon is how far ahead an open-ended weekly session is checked for double
// bookings when it is booked: a year of occurrences.
const conflictHorizon = 366 * 24 * time.Hour

// maxListSpan is the longest period one listing may cover.
const maxListSpan = 400 * 24 * time.Hour

// CreateSession books a one-off (Date) or weekly (Days, StartDate, EndDate) session. EINVALID
// names the fields (program_id, client_id, clinician_id when unknown; a recurrence that never
// occurs); ECONFLICT names the double-booked clinician_id, client_id or room.
func (svc *TherapySessionService) CreateSession(ctx context.Context, in carepath.TherapySessionCreate) (*carepath.TherapySession, error) {
	var w delivery.Weekly
	validate := func() error {
		var errs carepath.FieldErrors
		switch in.Kind {
		case carepath.SessionIndividual, carepath.SessionFamily, carepath.SessionMedication:
		case "":
			errs.Add("kind", "required", "Please choose the kind of session: individual, family or medication.")
		default:
			errs.Add("kind", "format", "A session is individual, family or medication (groups are booked as groups).")
		}
		if in.Modality == "" {
			in.Modality = "in_person"
		}
		in.Room, in.MeetingLink = strings.TrimSpace(in.Room), strings.TrimSpace(in.MeetingLink)
		switch in.Modality {
		case "in_person":
			in.MeetingLink = ""
		case "telehealth":
			in.Room = ""
			if !strings.HasPrefix(in.MeetingLink, "https://") || len(in.MeetingLink) < 12 {
				errs.Add("meeting_link", "format", "A telehealth session needs its https:// meeting link.")
			}
		default:
			errs.Add("modality", "format", "A session is in_person or telehealth.")
		}
		for _, f := range []struct{ name, id string }{{"program_id", in.ProgramID}, {"client_id", in.ClientID},
			{"clinician_id", in.ClinicianID}} {
			if wellFormedID(f.id) == "" {
				errs.Add(f.name, "unknown", "Please give a known id.")
			}
		}
		switch {
		case in.Date != "" && (len(in.Days) > 0 || in.StartDate != "" || in.EndDate != ""):
			errs.Add("date", "conflict", "Give either date (a one-off) or days and start_date (weekly), not both.")
		case in.Date != "":
			d, err := delivery.ParseDate("date", in.Date)
			if err != nil {
				errs = append(errs, carepath.ErrorFields(err)...)
				break
			}
			w = recurrence(&errs, []string{dayNames[d.Weekday()]}, in.StartTime, in.Minutes, in.Date, in.Date)
		default:
			w = recurrence(&errs, in.Days, in.StartTime, in.Minutes, in.StartDate, in.EndDate)
		}
		return errs.Err()
	}
	var out *carepath.TherapySession
	o := op{record: access.TherapySession, action: access.Create, clientID: wellFormedID(in.ClientID), validate: validate,
		detail: "program_id=" + wellFormedID(in.ProgramID)}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		var errs carepath.FieldErrors
		p, err := readProgram(ctx, svc.s, tx, in.ProgramID)
		if carepath.ErrorCode(err) == carepath.ENOTFOUND {
			errs.Add("program_id", "unknown", "There is no such program.")
		} else if err != nil {
			return nil, err
		}
		if _, err := (&ClientService{s: svc.s}).readVisible(ctx, tx, in.ClientID); err != nil {
			if carepath.ErrorCode(hideDenial(err)) != carepath.ENOTFOUND {
				return nil, err
			}
			errs.Add("client_id", "unknown", "There is no such client.")
		}
		if err := checkStaff(ctx, svc.s, tx, &errs, "clinician_id", []string{in.ClinicianID}, false); err != nil {
			return nil, err
		}
		if err := errs.Err(); err != nil {
			return nil, err
		}
		id, err := uuid.NewV7()
		if err != nil {
			return nil, fmt.Errorf("new id: %w", err)
		}
		se := &series{id: id.String(), programID: p.ID, kind: delivery.Kind(in.Kind), program: p, loc: p.Location(),
			ds: delivery.Series{ID: id.String(), Recurrence: w}, clinicians: []string{in.ClinicianID},
			clientID: in.ClientID, modality: in.Modality, room: in.Room, link: in.MeetingLink}
		from := w.From.Midnight(se.loc)
		to := from.Add(conflictHorizon)
		if !w.Until.IsZero() {
			to = w.Until.AddDays(1).Midnight(se.loc)
		}
		if err := svc.checkConflicts(ctx, tx, se.occurrences(from, to)); err != nil {
			return nil, err
		}
		out = &carepath.TherapySession{ID: se.id, ProgramID: p.ID, Kind: in.Kind, ClientID: in.ClientID,
			ClinicianID: in.ClinicianID, StartTime: w.Start.String(), Minutes: w.Minutes, Modality: in.Modality,
			Room: in.Room, MeetingLink: in.MeetingLink, CreatedAt: svc.s.timestamp()}
		recurring := in.Date == ""
		if recurring {
			out.Days, out.StartDate = splitIDs(daysText(w)), w.From.String()
			if !w.Until.IsZero() {
				out.EndDate = w.Until.String()
			}
		} else {
			out.Date = w.From.String()
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO care_sessions (id, program_id, kind, client_id, clinician_id,
			recurring, days, start_time, minutes, start_date, end_date, modality, room, meeting_link, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
			out.ID, p.ID, out.Kind, out.ClientID, out.ClinicianID, recurring, daysText(w), out.StartTime, out.Minutes,
			w.From.String(), endText(w), out.Modality, out.Room, out.MeetingLink, out.CreatedAt); err != nil {
			return nil, fmt.Errorf("insert session: %w", svc.s.translate(err))
		}
		return []ref{{ID: out.ID, ClientID: out.ClientID}}, nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func endText(w delivery.Weekly) string {
	if w.Until.IsZero() {
		return ""
	}
	return w.Until.String()
}

// checkConflicts refuses proposed occurrences that double-book one of their clinicians,
// clients or room against the occurrences already scheduled (any program), with ECONFLICT
// naming clinician_id, client_id or room.
func (svc *TherapySessionService) checkConflicts(ctx context.Context, tx *sql.Tx, proposed []occurrence) error {
	if len(proposed) == 0 {
		return nil
	}
	first, last := proposed[0].s.Start, proposed[0].s.End()
	var clinicians, clients, rooms []string
	ps := make([]delivery.Session, len(proposed))
	for i, o := range proposed {
		ps[i] = o.s
		first, last = minTime(first, o.s.Start), maxTime(last, o.s.End())
		clinicians = appendNew(clinicians, o.s.ClinicianIDs...)
		clients = appendNew(clients, o.s.ClientIDs...)
		if o.s.Room != "" {
			rooms = appendNew(rooms, o.s.Room)
		}
	}
	existing, err := svc.involving(ctx, tx, clinicians, clients, rooms)
	if err != nil {
		return err
	}
	var es []delivery.Session
	from, to := first.Add(-delivery.MaxSessionMinutes*time.Minute), last
	for _, se := range existing {
		for _, o := range se.occurrences(from, to) {
			es = append(es, o.s)
		}
	}
	err = delivery.CheckSeriesConflicts(ps, es, proposed[0].se.loc)
	if e, ok := err.(*carepath.Error); ok {
		for i := range e.Fields {
			e.Fields[i].Field = strings.TrimSuffix(e.Fields[i].Field, "s")
			if e.Fields[i].Field == "clinician_id" && proposed[0].se.kind == delivery.KindGroup {
				e.Fields[i].Field = "facilitator_ids"
			}
		}
	}
	return err
}

// involving reads every series that one of the clinicians runs, one of the clients is booked
// on (or on the roster of), or that meets in one of the rooms.
func (svc *TherapySessionService) involving(ctx context.Context, tx *sql.Tx, clinicians, clients, rooms []string) ([]*series, error) {
	var gw, sw []string
	var ga, sa []any
	for _, c := range clinicians {
		ga = append(ga, c)
		gw = append(gw, fmt.Sprintf(`(',' || facilitator_ids || ',') LIKE ('%%,' || $%d || ',%%')`, len(ga)))
		sa = append(sa, c)
		sw = append(sw, fmt.Sprintf(`clinician_id = $%d`, len(sa)))
	}
	for _, c := range clients {
		ga = append(ga, c)
		gw = append(gw, fmt.Sprintf(`id IN (SELECT group_id FROM group_members WHERE client_id = $%d)`, len(ga)))
		sa = append(sa, c)
		sw = append(sw, fmt.Sprintf(`client_id = $%d`, len(sa)))
	}
	for _, r := range rooms {
		ga = append(ga, r)
		gw = append(gw, fmt.Sprintf(`(room = $%d AND modality = 'in_person')`, len(ga)))
		sa = append(sa, r)
		sw = append(sw, fmt.Sprintf(`(room = $%d AND modality = 'in_person')`, len(sa)))
	}
	if len(gw) == 0 {
		return nil, nil
	}
	return newSeriesLoader(svc.s, tx).load(ctx, strings.Join(gw, " OR "), ga, strings.Join(sw, " OR "), sa)
}

func appendNew(list []string, ids ...string) []string {
	for _, id := range ids {
		if !slices.Contains(list, id) {
			list = append(list, id)
		}
	}
	return list
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

// bound is a listing's from or to: an instant, or a date read in each program's time zone.
type bound struct {
	at   time.Time
	date delivery.Date
}

func (b bound) in(loc *time.Location) time.Time {
	if !b.date.IsZero() {
		return b.date.Midnight(loc)
	}
	return b.at
}

func parseBound(errs *carepath.FieldErrors, field, s string) bound {
	if s == "" {
		errs.Add(field, "required", "Please give %s as a date (YYYY-MM-DD) or an RFC 3339 time.", field)
		return bound{}
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return bound{at: t}
	}
	d, err := delivery.ParseDate(field, s)
	if err != nil {
		errs.Add(field, "format", "Please give %s as a date (YYYY-MM-DD) or an RFC 3339 time.", field)
	}
	return bound{date: d}
}

// FindOccurrences lists the occurrences starting in [f.From, f.To) that f selects, by start.
// EINVALID names from, to (at most 400 days after from) or a malformed id filter.
func (svc *TherapySessionService) FindOccurrences(ctx context.Context, f carepath.OccurrenceFilter) ([]*carepath.Occurrence, error) {
	var from, to bound
	validate := func() error {
		var errs carepath.FieldErrors
		from, to = parseBound(&errs, "from", f.From), parseBound(&errs, "to", f.To)
		if len(errs) == 0 {
			a, b := from.in(time.UTC), to.in(time.UTC)
			if !a.Before(b) {
				errs.Add("to", "range", "The end of the period must come after its start.")
			} else if b.Sub(a) > maxListSpan {
				errs.Add("to", "range", "Please list at most 400 days at a time.")
			}
		}
		for _, x := range []struct{ name, id string }{{"program_id", f.ProgramID}, {"clinician_id", f.ClinicianID},
			{"client_id", f.ClientID}, {"group_id", f.GroupID}} {
			if x.id != "" && wellFormedID(x.id) == "" {
				errs.Add(x.name, "format", "Please give a well-formed id.")
			}
		}
		return errs.Err()
	}
	list := []*carepath.Occurrence{}
	detail := fmt.Sprintf("program_id=%s clinician_id=%s client_id=%s group_id=%s", wellFormedID(f.ProgramID),
		wellFormedID(f.ClinicianID), wellFormedID(f.ClientID), wellFormedID(f.GroupID))
	o := op{record: access.TherapySession, action: access.List, clientID: wellFormedID(f.ClientID), validate: validate, detail: detail}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		var gw, sw []string
		var ga, sa []any
		add := func(g, s string, v string) {
			if g != "" {
				ga = append(ga, v)
				gw = append(gw, fmt.Sprintf(g, len(ga)))
			}
			if s != "" {
				sa = append(sa, v)
				sw = append(sw, fmt.Sprintf(s, len(sa)))
			}
		}
		if f.ProgramID != "" {
			add("program_id = $%d", "program_id = $%d", f.ProgramID)
		}
		if f.ClinicianID != "" {
			add(`(',' || facilitator_ids || ',') LIKE ('%%,' || $%d || ',%%')`, "clinician_id = $%d", f.ClinicianID)
		}
		if f.ClientID != "" {
			add("id IN (SELECT group_id FROM group_members WHERE client_id = $%d)", "client_id = $%d", f.ClientID)
		}
		if f.GroupID != "" {
			add("id = $%d", "", f.GroupID)
			sw = append(sw, "1 = 0")
		}
		gq, sq := "1 = 1", "1 = 1"
		if len(gw) > 0 {
			gq = strings.Join(gw, " AND ")
		}
		if len(sw) > 0 {
			sq = strings.Join(sw, " AND ")
		}
		all, err := newSeriesLoader(svc.s, tx).load(ctx, gq, ga, sq, sa)
		if err != nil {
			return nil, err
		}
		scope, err := newScheduleScope(ctx, svc.s, tx)
		if err != nil {
			return nil, err
		}
		var occ []occurrence
		for _, se := range all {
			for _, o := range se.occurrences(from.in(se.loc), to.in(se.loc)) {
				if f.ClientID != "" && !slices.Contains(o.s.ClientIDs, f.ClientID) {
					continue
				}
				if scope.sees(o) {
					occ = append(occ, o)
				}
			}
		}
		slices.SortStableFunc(occ, func(a, b occurrence) int { return a.s.Start.Compare(b.s.Start) })
		versions, err := attendanceVersions(ctx, svc.s, tx, occ)
		if err != nil {
			return nil, err
		}
		var refs []ref
		seen := map[string]bool{}
		for _, o := range occ {
			p := o.public(versions[o.s.ID])
			p.ClientIDs = scope.roster(o)
			list = append(list, p)
			for _, c := range p.ClientIDs {
				if !seen[c] {
					seen[c] = true
					refs = append(refs, ref{ID: o.se.id, ClientID: c})
				}
			}
		}
		return refs, nil
	})
	if err != nil {
		return nil, err
	}
	return list, nil
}

// attendanceVersions reads the attendance version of each occurrence that has one.
func attendanceVersions(ctx context.Context, s *Store, tx *sql.Tx, occ []occurrence) (map[string]int, error) {
	out := map[string]int{}
	ids := make([]any, 0, len(occ))
	for _, o := range occ {
		ids = append(ids, o.s.ID)
	}
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(start+500, len(ids))]
		rows, err := tx.QueryContext(ctx, `SELECT occurrence_id, version FROM attendance_sheets WHERE occurrence_id IN (`+
			placeholders(1, len(chunk))+`)`, chunk...)
		if err != nil {
			return nil, fmt.Errorf("select attendance versions: %w", s.translate(err))
		}
		for rows.Next() {
			var id string
			var v int
			if err := rows.Scan(&id, &v); err != nil {
				rows.Close()
				return nil, err
			}
			out[id] = v
		}
		rows.Close()
	}
	return out, nil
}

// FindOccurrence returns one occurrence; ENOTFOUND when there is none or the actor may not
// see it.
func (svc *TherapySessionService) FindOccurrence(ctx context.Context, id string) (*carepath.Occurrence, error) {
	var out *carepath.Occurrence
	o := op{record: access.TherapySession, action: access.Read, recordID: auditOccurrenceID(id)}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		oc, scope, err := visibleOccurrence(ctx, svc.s, tx, id)
		if err != nil {
			return nil, err
		}
		versions, err := attendanceVersions(ctx, svc.s, tx, []occurrence{oc})
		if err != nil {
			return nil, err
		}
		out = oc.public(versions[oc.s.ID])
		out.ClientIDs = scope.roster(oc)
		return occurrenceRefs(oc, out.ClientIDs), nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func occurrenceRefs(o occurrence, clients []string) []ref {
	if len(clients) == 0 {
		return []ref{{ID: o.s.ID}}
	}
	refs := make([]ref, len(clients))
	for i, c := range clients {
		refs[i] = ref{ID: o.s.ID, ClientID: c}
	}
	return refs
}

// visibleOccurrence reads an occurrence the actor may see; ENOTFOUND otherwise.
func visibleOccurrence(ctx context.Context, s *Store, tx *sql.Tx, id string) (occurrence, *scheduleScope, error) {
	oc, err := newSeriesLoader(s, tx).byOccurrenceID(ctx, id)
	if err != nil {
		return occurrence{}, nil, err
	}
	scope, err := newScheduleScope(ctx, s, tx)
	if err != nil {
		return occurrence{}, nil, err
	}
	if !scope.sees(oc) {
		return occurrence{}, nil, sessionNotFound()
	}
	return oc, scope, nil
}

// CancelOccurrence cancels one occurrence, leaving the others alone. ENOTFOUND when there is
// none; ECONFLICT when attendance was recorded for it.
func (svc *TherapySessionService) CancelOccurrence(ctx context.Context, id string) error {
	o := op{record: access.TherapySession, action: access.Cancel, recordID: auditOccurrenceID(id)}
	return svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		oc, _, err := visibleOccurrence(ctx, svc.s, tx, id)
		if err != nil {
			return nil, err
		}
		if err := noAttendance(ctx, svc.s, tx, oc.s.ID); err != nil {
			return nil, err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM occurrence_exceptions WHERE series_id = $1 AND local_date = $2`,
			oc.se.id, oc.date.String()); err != nil {
			return nil, fmt.Errorf("delete exception: %w", svc.s.translate(err))
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO occurrence_exceptions (series_id, local_date, kind, start_at, minutes, created_at)
			VALUES ($1, $2, 'cancelled', NULL, 0, $3)`, oc.se.id, oc.date.String(), svc.s.timestamp()); err != nil {
			return nil, fmt.Errorf("insert exception: %w", svc.s.translate(err))
		}
		return occurrenceRefs(oc, oc.s.ClientIDs), nil
	})
}

func noAttendance(ctx context.Context, s *Store, tx *sql.Tx, id string) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM attendance WHERE occurrence_id = $1`, id).Scan(&n); err != nil {
		return fmt.Errorf("count attendance: %w", s.translate(err))
	}
	if n > 0 {
		return carepath.Errorf(carepath.ECONFLICT, "Attendance was recorded for this session; it can no longer be cancelled or moved.")
	}
	return nil
}

// MoveOccurrence moves one occurrence to m.Start (and m.Minutes when set) and returns it; its
// id stays the same. EINVALID names start or minutes; ECONFLICT names a double booking or says
// attendance was recorded.
func (svc *TherapySessionService) MoveOccurrence(ctx context.Context, id string, m carepath.OccurrenceMove) (*carepath.Occurrence, error) {
	validate := func() error {
		var errs carepath.FieldErrors
		if m.Start == "" {
			errs.Add("start", "required", "Please give the new start.")
		}
		if m.Minutes < 0 || m.Minutes > delivery.MaxSessionMinutes {
			errs.Add("minutes", "range", "A session lasts between 1 and %d minutes.", delivery.MaxSessionMinutes)
		}
		return errs.Err()
	}
	var out *carepath.Occurrence
	o := op{record: access.TherapySession, action: access.Move, recordID: auditOccurrenceID(id), validate: validate}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		oc, scope, err := visibleOccurrence(ctx, svc.s, tx, id)
		if err != nil {
			return nil, err
		}
		start, err := time.Parse(time.RFC3339, m.Start)
		if err != nil {
			start, err = time.ParseInLocation("2006-01-02T15:04", m.Start, oc.se.loc)
		}
		if err != nil {
			return nil, &carepath.Error{Code: carepath.EINVALID, Message: "Please check the request",
				Fields: []carepath.FieldError{{Field: "start", Code: "format",
					Message: "Please give the new start as RFC 3339 or YYYY-MM-DDTHH:MM in the program's time zone."}}}
		}
		if err := noAttendance(ctx, svc.s, tx, oc.s.ID); err != nil {
			return nil, err
		}
		move := delivery.Move{Date: oc.date, Start: start.UTC().Truncate(time.Minute), Minutes: m.Minutes}
		moved := *oc.se
		moved.ds.Moves = append(slices.DeleteFunc(slices.Clone(oc.se.ds.Moves), func(x delivery.Move) bool { return x.Date == oc.date }), move)
		noc, ok := moved.on(oc.date)
		if !ok {
			return nil, sessionNotFound()
		}
		if err := svc.checkConflicts(ctx, tx, []occurrence{noc}); err != nil {
			return nil, err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM occurrence_exceptions WHERE series_id = $1 AND local_date = $2`,
			oc.se.id, oc.date.String()); err != nil {
			return nil, fmt.Errorf("delete exception: %w", svc.s.translate(err))
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO occurrence_exceptions (series_id, local_date, kind, start_at, minutes, created_at)
			VALUES ($1, $2, 'moved', $3, $4, $5)`, oc.se.id, oc.date.String(), move.Start, m.Minutes, svc.s.timestamp()); err != nil {
			return nil, fmt.Errorf("insert exception: %w", svc.s.translate(err))
		}
		out = noc.public(0)
		out.ClientIDs = scope.roster(noc)
		return occurrenceRefs(noc, noc.s.ClientIDs), nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
